/* photo_cache: OUT/.gongshi-photos (photo_cache.h). */
#include "write/photo_cache.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fileread.h"
#include "util/xalloc.h"
#include "write/manifest.h"

/* LINE_MAX_BYTES: the longest line entry_line writes is about 200 bytes.
 * SHORTEST_LINE: the shortest (every number one digit), to size the table
 * from the file's size before a line is read. */
enum { MAX_BYTES = 256 << 20, KEY_HEX = 32, CHUNK = 64 << 10, LINE_MAX_BYTES = 256,
       SHORTEST_LINE = 73 };

/* A file's identity: what must not have changed for its facts to hold.
 * Kept and looked up as numbers: formatting 550,000 of them as text to
 * look each up in a string map cost more than the look-up itself
 * (docs/performance.md, session 10). */
struct ident {
	uint64_t ino, msec, csec; /* the times' seconds as two's complement */
	/* Linux's device numbers are 32 bits, a photo at most PHOTO_MAX_BYTES:
	 * a file over either is not remembered (ident_of). */
	uint32_t dev, size, mnsec, cnsec;
};

/* One photo file: 64 bytes, in one array (no text, no per-entry block):
 * the width and height are at most PHOTO_MAX_PIXELS (under 2^26), so the
 * flags share their words. */
struct entry {
	struct ident id;
	struct hash_value hash;
	unsigned width : 26;
	unsigned format : 3; /* photo_header_format_code's; 0: header not known */
	unsigned has_profile : 1, has_hash : 1, used : 1;
	unsigned height : 26;
};

struct photo_cache {
	char header[64];
	pthread_mutex_t lock;
	struct entry *v;
	size_t n, cap;
	uint32_t *slots; /* open addressing, linear probing: 1 + index into v; 0 empty */
	size_t nslots;	 /* a power of 2, at least twice n */
	size_t known, read;
	size_t loaded; /* entries the last build's file gave (all of it used) */
};

/* The identity of the file `st` into *id: 0, or -1 when its device or
 * size does not fit (the file is then neither looked up nor remembered:
 * read every time). */
static int ident_of(const struct stat *st, struct ident *id)
{
	memset(id, 0, sizeof(*id));
	if ((uintmax_t)st->st_dev > UINT32_MAX || st->st_size < 0 ||
	    (uintmax_t)st->st_size > UINT32_MAX)
		return -1;
	id->dev = (uint32_t)st->st_dev;
	id->ino = (uint64_t)st->st_ino;
	id->size = (uint32_t)st->st_size;
	id->msec = (uint64_t)st->st_mtim.tv_sec;
	id->mnsec = (uint32_t)st->st_mtim.tv_nsec;
	id->csec = (uint64_t)st->st_ctim.tv_sec;
	id->cnsec = (uint32_t)st->st_ctim.tv_nsec;
	return 0;
}

static int ident_eq(const struct ident *a, const struct ident *b)
{
	return a->ino == b->ino && a->dev == b->dev && a->size == b->size && a->msec == b->msec &&
	       a->mnsec == b->mnsec && a->csec == b->csec && a->cnsec == b->cnsec;
}

static uint64_t mix(uint64_t h, uint64_t v)
{
	h = (h ^ v) * 0x9E3779B97F4A7C15ULL;
	return h ^ (h >> 29);
}

static size_t ident_hash(const struct ident *id)
{
	uint64_t h = mix(mix(mix(0, id->ino), id->dev), id->size);

	h = mix(mix(h, id->msec), (uint64_t)id->mnsec << 32 | id->cnsec);
	return (size_t)mix(h, id->csec);
}

/* The slot holding `id`, or the empty one where it would go. */
static size_t slot_of(const struct photo_cache *c, const struct ident *id)
{
	size_t mask = c->nslots - 1, i = ident_hash(id) & mask;

	while (c->slots[i] && !ident_eq(&c->v[c->slots[i] - 1].id, id))
		i = (i + 1) & mask;
	return i;
}

/* Room in the index for `n` entries in all. */
static void index_reserve(struct photo_cache *c, size_t n)
{
	size_t want = c->nslots ? c->nslots : 1024;

	while (want / 2 < n) /* n < 2^32: entry_for */
		want *= 2;
	if (want == c->nslots)
		return;
	free(c->slots);
	c->slots = xcalloc(want, sizeof(*c->slots));
	c->nslots = want;
	for (size_t k = 0; k < c->n; k++)
		c->slots[slot_of(c, &c->v[k].id)] = (uint32_t)(k + 1);
}

static struct entry *entry_find(const struct photo_cache *c, const struct ident *id)
{
	uint32_t k = c->nslots ? c->slots[slot_of(c, id)] : 0;

	return k ? &c->v[k - 1] : NULL;
}

/* The entry of identity `id`, made (nothing known) when there is none.
 * Under the lock, or before any thread. */
static struct entry *entry_for(struct photo_cache *c, const struct ident *id)
{
	size_t i;

	/* A slot holds 32 bits: 4 billion photos would take 320 GB of
	 * entries, so out of memory (xalloc's exit) says it. */
	if (c->n >= UINT32_MAX - 1)
		xmalloc(SIZE_MAX);
	index_reserve(c, c->n + 1);
	i = slot_of(c, id);
	if (c->slots[i])
		return &c->v[c->slots[i] - 1];
	c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof(*c->v));
	memset(&c->v[c->n], 0, sizeof(c->v[c->n]));
	c->v[c->n].id = *id;
	c->slots[i] = (uint32_t)(c->n + 1);
	return &c->v[c->n++];
}

static size_t record_of(const struct photo_cache *c, const struct entry *e)
{
	return (size_t)(e - c->v) + 1;
}

/* ---- reading ---------------------------------------------------------- */

/* Each take_* reads one field at *p, exactly as entry_line writes it,
 * followed by the character `stop`: 0 with *p past `stop`, or -1.  So a
 * line is canonical by construction (no leading zero, no stray space,
 * nanoseconds in nine digits, the hash in lowercase) without formatting it
 * again to compare. */
static int take_num(const char **p, const char *end, char stop, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;

	for (; s < end && *s >= '0' && *s <= '9'; s++) {
		unsigned d = (unsigned)(*s - '0');

		if ((s > *p && v == 0) || v > (UINT64_MAX - d) / 10)
			return -1; /* a leading zero, or over 2^64 - 1 */
		v = v * 10 + d;
	}
	if (s == *p || s == end || *s != stop)
		return -1;
	*out = v;
	*p = s + 1;
	return 0;
}

static int take_time(const char **p, const char *end, uint64_t *sec, uint32_t *nsec)
{
	uint32_t v = 0;

	if (take_num(p, end, '.', sec) < 0 || end - *p < 10 || (*p)[9] != ' ')
		return -1;
	for (int i = 0; i < 9; i++) {
		char ch = (*p)[i];

		if (ch < '0' || ch > '9')
			return -1;
		v = v * 10 + (uint32_t)(ch - '0');
	}
	*nsec = v;
	*p += 10;
	return 0;
}

static int take_hash(const char **p, const char *end, struct hash_value *out)
{
	if (end - *p < KEY_HEX + 1 || (*p)[KEY_HEX] != ' ' || hash_parse_hex(*p, out) < 0)
		return -1;
	*p += KEY_HEX + 1;
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
	if (take_num(&p, end, ' ', &dev) || take_num(&p, end, ' ', &e->id.ino) ||
	    take_num(&p, end, ' ', &size) || take_time(&p, end, &e->id.msec, &e->id.mnsec) ||
	    take_time(&p, end, &e->id.csec, &e->id.cnsec) || take_hash(&p, end, &e->hash) ||
	    take_num(&p, end, ' ', &w) || take_num(&p, end, ' ', &h) ||
	    take_format(&p, end, &format) || take_num(&p, end, '\n', &profile) || p != end)
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
			at = entry_for(c, &e.id);
			if (at->has_hash)
				return -1; /* the same file twice */
			*at = e;
		}
		p = nl + 1;
	}
	return (long)(p - b);
}

/* The lines of the open file `fd`, read CHUNK bytes at a time rather than
 * whole (59 MB at 550,000 photos): 0, or -1 when any is wrong. */
static int read_lines(struct photo_cache *c, int fd)
{
	char *b = xmalloc(CHUNK);
	size_t have = 0, total = 0;
	int header = 0, rc = -1;

	for (;;) {
		ssize_t got = read(fd, b + have, CHUNK - have);
		long used;

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 || (total += (size_t)got) > MAX_BYTES)
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

static void forget_all(struct photo_cache *c)
{
	c->n = 0;
	if (c->nslots)
		memset(c->slots, 0, c->nslots * sizeof(*c->slots));
}

struct photo_cache *photo_cache_open(const char *out_dir, int force)
{
	struct photo_cache *c = xcalloc(1, sizeof(*c));
	struct stat st;
	buf path = BUF_INIT;
	int fd;

	pthread_mutex_init(&c->lock, NULL);
	hash_hex(manifest_program(), c->header + snprintf(c->header, 64, "gongshi-photos 1 "));
	if (out_dir == NULL || force)
		return c;
	buf_printf(&path, "%s/%s", out_dir, PHOTO_CACHE_NAME);
	/* Only a regular file, not through a link, never a pipe. */
	fd = fileread_open(AT_FDCWD, path.data, O_NOFOLLOW, &st);
	buf_free(&path);
	if (fd < 0)
		return c;
	if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size <= MAX_BYTES) {
		size_t lines = (size_t)st.st_size / SHORTEST_LINE + 1;

		/* Sized once, exactly, for the most lines the file can hold
		 * (xgrow would round it up to a power of 2). */
		c->v = xmalloc(lines * sizeof(*c->v));
		c->cap = lines;
		index_reserve(c, lines);
		if (read_lines(c, fd) < 0)
			forget_all(c);
		c->loaded = c->n;
	}
	close(fd);
	return c;
}

/* ---- asking ----------------------------------------------------------- */

static size_t headers_known(void *arg, const struct stat *st, struct photo_header *out)
{
	struct photo_cache *c = arg;
	struct ident id;
	struct entry *e;
	size_t record = 0;

	if (ident_of(st, &id) < 0)
		return 0;
	pthread_mutex_lock(&c->lock);
	e = entry_find(c, &id);
	if (e && e->format) {
		out->width = (int)e->width;
		out->height = (int)e->height;
		out->format = photo_header_format_of(e->format);
		out->has_profile = e->has_profile;
		e->used = 1;
		c->known++;
		record = record_of(c, e);
	}
	pthread_mutex_unlock(&c->lock);
	return record;
}

static size_t headers_learn(void *arg, const struct stat *st, const struct photo_header *h)
{
	struct photo_cache *c = arg;
	struct ident id;
	struct entry *e;
	size_t record = 0;
	int fits = ident_of(st, &id) == 0;

	pthread_mutex_lock(&c->lock);
	c->read++;
	/* A header photo_header_read bounded: at most PHOTO_MAX_PIXELS a side. */
	if (fits && h->width > 0 && h->height > 0 && h->width <= PHOTO_MAX_PIXELS &&
	    h->height <= PHOTO_MAX_PIXELS) {
		e = entry_for(c, &id);
		e->width = (unsigned)h->width;
		e->height = (unsigned)h->height;
		e->format = (unsigned)photo_header_format_code(h->format) & 7;
		e->has_profile = h->has_profile != 0;
		e->used = 1;
		record = record_of(c, e);
	}
	pthread_mutex_unlock(&c->lock);
	return record;
}

struct photo_header_cache photo_cache_headers(struct photo_cache *c)
{
	struct photo_header_cache hc = { headers_known, headers_learn, c };

	return hc;
}

/* The hash of the file at `path` read now, remembered under the identity
 * of the descriptor read (so a file replaced meanwhile is never taken for
 * the one stat(2) saw). */
static struct hash_value hash_read(struct photo_cache *c, const char *path)
{
	struct stat st;
	struct hash h;
	struct hash_value v;
	struct ident id;
	int fd = fileread_open(AT_FDCWD, path, 0, &st);

	hash_init(&h);
	if (fd < 0) {
		hash_file(&h, path); /* "(missing)", as the plan keyed it */
		return hash_final(&h);
	}
	hash_fd(&h, fd);
	close(fd);
	v = hash_final(&h);
	if (S_ISREG(st.st_mode) && ident_of(&st, &id) == 0) {
		struct entry *e;

		pthread_mutex_lock(&c->lock);
		e = entry_for(c, &id);
		e->hash = v;
		e->has_hash = e->used = 1;
		c->read++;
		pthread_mutex_unlock(&c->lock);
	}
	return v;
}

/* The hash entry `e` holds (counted as known), under the lock: 1, or 0
 * when it holds none. */
static int hash_known(struct photo_cache *c, struct entry *e, struct hash_value *v)
{
	if (e == NULL || !e->has_hash)
		return 0;
	*v = e->hash;
	e->used = 1;
	c->known++;
	return 1;
}

struct hash_value photo_cache_hash(struct photo_cache *c, const char *path)
{
	struct stat st;
	struct hash_value v = { 0, 0 };
	struct ident id;
	int hit = 0;

	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && ident_of(&st, &id) == 0) {
		pthread_mutex_lock(&c->lock);
		hit = hash_known(c, entry_find(c, &id), &v);
		pthread_mutex_unlock(&c->lock);
	}
	return hit ? v : hash_read(c, path);
}

int photo_cache_record_known(struct photo_cache *c, size_t record, struct hash_value *out)
{
	int hit;

	if (record == 0)
		return 0;
	pthread_mutex_lock(&c->lock);
	hit = hash_known(c, record <= c->n ? &c->v[record - 1] : NULL, out);
	pthread_mutex_unlock(&c->lock);
	return hit;
}

struct hash_value photo_cache_record_hash(struct photo_cache *c, size_t record,
					  const char *path)
{
	struct hash_value v = { 0, 0 };

	if (record == 0)
		return photo_cache_hash(c, path);
	return photo_cache_record_known(c, record, &v) ? v : hash_read(c, path);
}

void photo_cache_counts(const struct photo_cache *c, size_t *known, size_t *read)
{
	*known = c->known;
	*read = c->read;
}

/* ---- writing ---------------------------------------------------------- */

/* The whole line of `e`, its newline included, appended to `b`. */
static void entry_line(buf *b, const struct entry *e)
{
	char hex[KEY_HEX + 1];

	hash_hex(e->hash, hex);
	buf_printf(b, "%llu %llu %llu %llu.%09lu %llu.%09lu %s %d %d %s %d\n",
		   (unsigned long long)e->id.dev, (unsigned long long)e->id.ino,
		   (unsigned long long)e->id.size, (unsigned long long)e->id.msec,
		   (unsigned long)e->id.mnsec, (unsigned long long)e->id.csec,
		   (unsigned long)e->id.cnsec, hex, (int)e->width, (int)e->height,
		   photo_header_format_of(e->format), (int)e->has_profile);
}

static int cmp_u64(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

/* By identity, each number compared as a number: the file's order. */
static int by_ident(const void *x, const void *y)
{
	const struct ident *a = &(*(const struct entry *const *)x)->id;
	const struct ident *b = &(*(const struct entry *const *)y)->id;
	int r;

	if ((r = cmp_u64(a->dev, b->dev)) || (r = cmp_u64(a->ino, b->ino)) ||
	    (r = cmp_u64(a->size, b->size)) || (r = cmp_u64(a->msec, b->msec)) ||
	    (r = cmp_u64(a->mnsec, b->mnsec)) || (r = cmp_u64(a->csec, b->csec)))
		return r;
	return cmp_u64(a->cnsec, b->cnsec);
}

/* 1 when this build's file would be the last build's, byte for byte:
 * nothing was read (so nothing learned or changed) and every photo the
 * file knew was asked of (so none is left out). */
static int as_last_time(const struct photo_cache *c)
{
	size_t used = 0;

	if (c->loaded == 0 || c->read != 0)
		return 0;
	for (size_t i = 0; i < c->n; i++)
		used += c->v[i].used;
	return used == c->loaded;
}

/* photo_cache_write before the entries are forgotten. */
static int write_entries(struct photo_cache *c, struct output *o, diags *d)
{
	const struct entry **kept;
	size_t n = 0;
	buf b = BUF_INIT;
	int rc;

	/* The edit of a caption at 55,000 communities × 10 photos: not
	 * 550,000 lines formatted, sorted and written again (59 MB), but the
	 * live output's file linked (output_link; 1: not there, written). */
	if (as_last_time(c) && (rc = output_link(o, PHOTO_CACHE_NAME, d)) != 1)
		return rc;
	rc = 0;
	kept = xcalloc(c->n + 1, sizeof(*kept));
	for (size_t i = 0; i < c->n; i++) {
		const struct entry *e = &c->v[i];

		if (e->used && e->has_hash && e->format)
			kept[n++] = e; /* else not this build's, or only half known */
	}
	if (n) {
		qsort(kept, n, sizeof(*kept), by_ident);
		buf_printf(&b, "%s\n", c->header);
		for (size_t i = 0; i < n; i++)
			entry_line(&b, kept[i]);
		rc = output_write(o, PHOTO_CACHE_NAME, b.data, b.len, d);
	}
	free(kept);
	buf_free(&b);
	return rc;
}

int photo_cache_write(struct photo_cache *c, struct output *o, diags *d)
{
	int rc = write_entries(c, o, d);

	pthread_mutex_lock(&c->lock);
	free(c->v);
	free(c->slots);
	c->v = NULL;
	c->slots = NULL;
	c->n = c->cap = c->nslots = c->loaded = 0;
	pthread_mutex_unlock(&c->lock);
	return rc;
}

void photo_cache_free(struct photo_cache *c)
{
	if (c == NULL)
		return;
	free(c->slots);
	free(c->v);
	pthread_mutex_destroy(&c->lock);
	free(c);
}
