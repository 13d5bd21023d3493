/* photo_cache_read_lines: the last build's OUT/.gongshi-photos parsed
 * into the cache (photo_cache_priv.h).  Owner: photo_cache.c. */
#include "write/photo_cache.h"
#include "write/photo_cache_priv.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/record_num.h"
#include "util/xalloc.h"

/* CHUNK: read at a time.  LINE_MAX_BYTES: the longest line
 * photo_cache_write.c writes is about 200 bytes. */
enum { CHUNK = 64 << 10, LINE_MAX_BYTES = 256 };

/* Each take_* reads one field at *p, exactly as entry_line writes it
 * (the numbers as util/record_num.h reads them), followed by a space:
 * 0 with *p past it, or -1.  So a line is canonical by construction (no
 * leading zero, no stray space, nanoseconds in nine digits, the hash in
 * lowercase) without formatting it again to compare. */
static int take_hash(const char **p, const char *end, struct hash_value *out)
{
	if (end - *p < PHOTO_CACHE_KEY_HEX + 1 || (*p)[PHOTO_CACHE_KEY_HEX] != ' ' ||
	    hash_parse_hex(*p, out) < 0)
		return -1;
	*p += PHOTO_CACHE_KEY_HEX + 1;
	return 0;
}

static int take_format(const char **p, const char *end, uint8_t *out)
{
	for (int k = 1; k <= PHOTO_FORMATS; k++) {
		const char *name = photo_header_format_of(k);
		size_t n = strlen(name);

		if ((size_t)(end - *p) > n && memcmp(*p, name, n) == 0 && (*p)[n] == ' ') {
			*out = (uint8_t)k;
			*p += n + 1;
			return 0;
		}
	}
	return -1;
}

/* The line from `p` to its newline `nl` into `e`: 0, or -1 when it is
 * not exactly a line entry_line writes, or its facts are out of bounds. */
static int parse_line(const char *p, const char *nl, struct entry *e)
{
	const char *end = nl + 1;
	uint64_t dev, size, w, h, profile;
	uint8_t format;

	memset(e, 0, sizeof(*e));
	if (record_take_num(&p, end, ' ', &dev) || record_take_num(&p, end, ' ', &e->id.ino) ||
	    record_take_num(&p, end, ' ', &size) || record_take_time(&p, end, &e->id.msec, &e->id.mnsec) ||
	    record_take_time(&p, end, &e->id.csec, &e->id.cnsec) || take_hash(&p, end, &e->hash) ||
	    record_take_num(&p, end, ' ', &w) || record_take_num(&p, end, ' ', &h) ||
	    take_format(&p, end, &format) || record_take_num(&p, end, '\n', &profile) || p != end)
		return -1;
	if (w == 0 || h == 0 || w > (uint64_t)PHOTO_MAX_PIXELS || h > (uint64_t)PHOTO_MAX_PIXELS ||
	    w * h > (uint64_t)PHOTO_MAX_PIXELS || profile > 1 || dev > UINT32_MAX ||
	    size > (uint64_t)PHOTO_MAX_BYTES)
		return -1;
	e->id.dev = (uint32_t)dev, e->id.size = (uint32_t)size;
	e->width = (unsigned)w, e->height = (unsigned)h, e->has_profile = (unsigned)profile;
	e->format = format;
	e->has_hash = 1;
	return 0;
}

/* The whole lines of b[0, len) (the header first when `*header` is 0):
 * how many bytes they took, or -1 at the first that is wrong. */
static long take_lines(struct photo_cache *c, const char *b, size_t len, int *header)
{
	const char *p = b, *end = b + len, *nl;

	while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		struct entry e, *at;

		if (!*header) {
			if ((size_t)(nl - p) != strlen(c->header) || memcmp(p, c->header, (size_t)(nl - p)))
				return -1; /* another program's, or not ours at all */
			*header = 1;
		} else {
			if (parse_line(p, nl, &e) < 0)
				return -1;
			at = photo_cache_entry_for(c, &e.id);
			if (at->has_hash)
				return -1; /* the same file twice */
			*at = e;
		}
		p = nl + 1;
	}
	return (long)(p - b);
}

/* Read CHUNK bytes at a time rather than whole (59 MB at 550,000
 * photos). */
int photo_cache_read_lines(struct photo_cache *c, int fd)
{
	char *b = xmalloc(CHUNK);
	size_t have = 0, total = 0;
	int header = 0, rc = -1;

	for (;;) {
		ssize_t got = read(fd, b + have, CHUNK - have);
		long used;

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 || (total += (size_t)got) > PHOTO_CACHE_MAX_BYTES)
			break;
		have += (size_t)got;
		if ((used = take_lines(c, b, have, &header)) < 0)
			break;
		have -= (size_t)used;
		memmove(b, b + used, have);
		if (got == 0) {
			rc = have == 0 && header ? 0 : -1; /* a line cut short, or no header */
			break;
		}
		if (have > LINE_MAX_BYTES)
			break;
	}
	free(b);
	return rc;
}

