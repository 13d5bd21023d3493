/* photo_cache: OUT/.gongshi-photos (photo_cache.h). */
#include "write/photo_cache.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/fileread.h"
#include "util/strmap.h"
#include "util/xalloc.h"
#include "write/manifest.h"

enum { MAX_BYTES = 256 << 20, KEY_HEX = 32, FIELDS = 10, IDENT_MAX = 128 };

/* A file's identity: what must not have changed for its facts to hold. */
struct ident {
	unsigned long long dev, ino, size, msec, mnsec, csec, cnsec;
};

struct entry {
	const char *key;	/* the identity as text (ident_text), in `keys` */
	struct ident id;
	struct hash_value hash;
	struct photo_header h;	/* h.format NULL: not known */
	unsigned char has_hash, used;
};

struct photo_cache {
	char header[64];
	pthread_mutex_t lock;
	struct entry *v;
	size_t n, cap;
	strmap index;		/* key → entry */
	arena *keys;
	size_t known, read;
	size_t loaded; /* entries the last build's file gave (all of it used) */
};

static struct ident ident_of(const struct stat *st)
{
	struct ident id = { (unsigned long long)st->st_dev, (unsigned long long)st->st_ino,
			    (unsigned long long)st->st_size,
			    (unsigned long long)st->st_mtim.tv_sec,
			    (unsigned long long)st->st_mtim.tv_nsec,
			    (unsigned long long)st->st_ctim.tv_sec,
			    (unsigned long long)st->st_ctim.tv_nsec };

	return id;
}

/* "DEV INO SIZE MSEC.MNSEC CSEC.CNSEC", the line's first five fields. */
static void ident_text(const struct ident *id, char out[IDENT_MAX])
{
	snprintf(out, IDENT_MAX, "%llu %llu %llu %llu.%09llu %llu.%09llu", id->dev, id->ino,
		 id->size, id->msec, id->mnsec, id->csec, id->cnsec);
}

/* The whole line of `e`, without its newline, appended to `b`. */
static void entry_line(buf *b, const struct entry *e)
{
	char hex[KEY_HEX + 1];

	hash_hex(e->hash, hex);
	buf_printf(b, "%s %s %d %d %s %d", e->key, hex, e->h.width, e->h.height, e->h.format,
		   e->h.has_profile);
}

/* The entry of identity `id`, made (unknown) when there is none.  Under
 * the lock, or before any thread. */
static struct entry *entry_for(struct photo_cache *c, const struct ident *id)
{
	char key[IDENT_MAX];
	size_t i;

	ident_text(id, key);
	i = strmap_get(&c->index, key);
	if (i != STRMAP_NONE)
		return &c->v[i];
	c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof(*c->v));
	memset(&c->v[c->n], 0, sizeof(c->v[c->n]));
	c->v[c->n].key = arena_strdup(c->keys, key);
	c->v[c->n].id = *id;
	strmap_put(&c->index, c->v[c->n].key, c->n);
	return &c->v[c->n++];
}

static struct entry *entry_find(struct photo_cache *c, const struct stat *st)
{
	char key[IDENT_MAX];
	struct ident id = ident_of(st);
	size_t i;

	ident_text(&id, key);
	i = strmap_get(&c->index, key);
	return i == STRMAP_NONE ? NULL : &c->v[i];
}

/* ---- reading ---------------------------------------------------------- */

/* A decimal of `p` up to `end` (no sign, no space): 0, or -1. */
static int parse_num(const char *p, const char *end, unsigned long long *out)
{
	unsigned long long v = 0;

	if (p == end || end - p > 20)
		return -1;
	for (; p < end; p++) {
		if (*p < '0' || *p > '9' || v > (~0ULL - 9) / 10)
			return -1;
		v = v * 10 + (unsigned long long)(*p - '0');
	}
	*out = v;
	return 0;
}

static int parse_time(const char *p, const char *end, unsigned long long *sec,
		      unsigned long long *nsec)
{
	const char *dot = memchr(p, '.', (size_t)(end - p));

	return dot && parse_num(p, dot, sec) == 0 && parse_num(dot + 1, end, nsec) == 0 &&
			       *nsec < 1000000000ULL
		       ? 0 : -1;
}

static int parse_hash(const char *p, const char *end, struct hash_value *out)
{
	uint64_t part[2] = { 0, 0 };

	if (end - p != KEY_HEX)
		return -1;
	for (int i = 0; i < KEY_HEX; i++) {
		char ch = p[i];
		int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;

		if (d < 0)
			return -1;
		part[i / 16] = part[i / 16] << 4 | (uint64_t)d;
	}
	out->hi = part[0];
	out->lo = part[1];
	return 0;
}

/* One line (NUL-terminated, no newline) into `e`: 0, or -1 when it is
 * not exactly a line photo_cache_write would write. */
static int parse_line(char *line, struct entry *e, char key[IDENT_MAX])
{
	char *f[FIELDS + 1];
	unsigned long long w, h, profile;
	size_t n = 0;
	buf again = BUF_INIT;
	int rc;

	for (char *p = line; n < FIELDS; n++) {
		f[n] = p;
		p += strcspn(p, " ");
		if (*p == '\0' && n + 1 < FIELDS)
			return -1;
		if (*p)
			p++;
	}
	f[FIELDS] = line + strlen(line) + 1; /* as if a space ended the last */
#define END(k) (f[(k) + 1] - 1)
	if (parse_num(f[0], END(0), &e->id.dev) || parse_num(f[1], END(1), &e->id.ino) ||
	    parse_num(f[2], END(2), &e->id.size) ||
	    parse_time(f[3], END(3), &e->id.msec, &e->id.mnsec) ||
	    parse_time(f[4], END(4), &e->id.csec, &e->id.cnsec) ||
	    parse_hash(f[5], END(5), &e->hash) || parse_num(f[6], END(6), &w) ||
	    parse_num(f[7], END(7), &h) || parse_num(f[9], END(9), &profile))
		return -1;
#undef END
	f[9][-1] = '\0';
	e->h.format = photo_header_format(f[8]);
	if (e->h.format == NULL || w == 0 || h == 0 || w > (unsigned long long)PHOTO_MAX_PIXELS ||
	    h > (unsigned long long)PHOTO_MAX_PIXELS || w * h > (unsigned long long)PHOTO_MAX_PIXELS ||
	    profile > 1 || e->id.size > (unsigned long long)PHOTO_MAX_BYTES)
		return -1;
	f[9][-1] = ' ';
	e->h.width = (int)w, e->h.height = (int)h, e->h.has_profile = (int)profile;
	e->has_hash = 1;
	/* Canonical: written back, the line is the same (no leading zero,
	 * no stray space, nanoseconds in nine digits). */
	ident_text(&e->id, key);
	e->key = key;
	entry_line(&again, e);
	rc = strcmp(again.data, line) == 0 ? 0 : -1;
	buf_free(&again);
	return rc;
}

/* The lines from `line` to `end` into c->v; 0, or -1 at the first that
 * is wrong (then nothing of the file is used). */
static int index_lines(struct photo_cache *c, char *line, const char *end)
{
	while (line < end) {
		char *nl = memchr(line, '\n', (size_t)(end - line)), key[IDENT_MAX];
		struct entry e, *at;

		if (nl == NULL || memchr(line, '\0', (size_t)(nl - line)))
			return -1; /* cut short, or a NUL in a line */
		*nl = '\0';
		memset(&e, 0, sizeof(e));
		if (parse_line(line, &e, key) < 0 || strmap_get(&c->index, key) != STRMAP_NONE)
			return -1; /* not a line, or the same file twice */
		at = entry_for(c, &e.id);
		e.key = at->key;
		*at = e;
		line = nl + 1;
	}
	return 0;
}

static void forget_all(struct photo_cache *c)
{
	strmap_free(&c->index);
	memset(&c->index, 0, sizeof(c->index));
	arena_free(c->keys);
	c->keys = arena_new();
	c->n = 0;
}

struct photo_cache *photo_cache_open(const char *out_dir, int force)
{
	struct photo_cache *c = xcalloc(1, sizeof(*c));
	size_t hlen;
	buf path = BUF_INIT, text = BUF_INIT;
	int rc;

	pthread_mutex_init(&c->lock, NULL);
	c->keys = arena_new();
	hash_hex(manifest_program(), c->header + snprintf(c->header, 64, "gongshi-photos 1 "));
	if (out_dir == NULL || force)
		return c;
	buf_printf(&path, "%s/%s", out_dir, PHOTO_CACHE_NAME);
	/* Only a regular file, not through a link, never a pipe. */
	rc = buf_read_file_max(&text, path.data, MAX_BYTES);
	buf_free(&path);
	hlen = strlen(c->header);
	if (rc == 0 && text.len > hlen && memcmp(text.data, c->header, hlen) == 0 &&
	    text.data[hlen] == '\n') {
		if (index_lines(c, text.data + hlen + 1, text.data + text.len) < 0)
			forget_all(c);
		c->loaded = c->n;
	}
	buf_free(&text);
	return c;
}

/* ---- asking ----------------------------------------------------------- */

static int headers_known(void *arg, const struct stat *st, struct photo_header *out)
{
	struct photo_cache *c = arg;
	struct entry *e;
	int hit;

	pthread_mutex_lock(&c->lock);
	e = entry_find(c, st);
	hit = e && e->h.format;
	if (hit) {
		*out = e->h;
		e->used = 1;
		c->known++;
	}
	pthread_mutex_unlock(&c->lock);
	return hit;
}

static void headers_learn(void *arg, const struct stat *st, const struct photo_header *h)
{
	struct photo_cache *c = arg;
	struct ident id = ident_of(st);
	struct entry *e;

	pthread_mutex_lock(&c->lock);
	e = entry_for(c, &id);
	e->h = *h;
	e->used = 1;
	c->read++;
	pthread_mutex_unlock(&c->lock);
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
	int fd = fileread_open(AT_FDCWD, path, 0, &st);

	hash_init(&h);
	if (fd < 0) {
		hash_file(&h, path); /* "(missing)", as the plan keyed it */
		return hash_final(&h);
	}
	hash_fd(&h, fd);
	close(fd);
	v = hash_final(&h);
	if (S_ISREG(st.st_mode)) {
		struct ident id = ident_of(&st);
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

struct hash_value photo_cache_hash(struct photo_cache *c, const char *path)
{
	struct stat st;
	struct entry *e;
	struct hash_value v = { 0, 0 };
	int hit = 0;

	if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		pthread_mutex_lock(&c->lock);
		e = entry_find(c, &st);
		if (e && e->has_hash) {
			v = e->hash;
			e->used = hit = 1;
			c->known++;
		}
		pthread_mutex_unlock(&c->lock);
	}
	return hit ? v : hash_read(c, path);
}

void photo_cache_counts(const struct photo_cache *c, size_t *known, size_t *read)
{
	*known = c->known;
	*read = c->read;
}

/* ---- writing ---------------------------------------------------------- */

static int by_text(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
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

int photo_cache_write(struct photo_cache *c, struct output *o, diags *d)
{
	char **lines;
	size_t n = 0;
	buf b = BUF_INIT;
	int rc;

	/* The edit of a caption at 55,000 communities × 10 photos: not
	 * 550,000 lines formatted, sorted and written again (59 MB), but the
	 * live output's file linked (output_link; 1: not there, written). */
	if (as_last_time(c) && (rc = output_link(o, PHOTO_CACHE_NAME, d)) != 1)
		return rc;
	rc = 0;
	lines = xcalloc(c->n + 1, sizeof(*lines));

	for (size_t i = 0; i < c->n; i++) {
		const struct entry *e = &c->v[i];

		if (!e->used || !e->has_hash || e->h.format == NULL)
			continue; /* not this build's, or only half known */
		entry_line(&b, e);
		lines[n++] = buf_detach(&b);
	}
	if (n) {
		qsort(lines, n, sizeof(*lines), by_text);
		buf_printf(&b, "%s\n", c->header);
		for (size_t i = 0; i < n; i++)
			buf_printf(&b, "%s\n", lines[i]);
		rc = output_write(o, PHOTO_CACHE_NAME, b.data, b.len, d);
	}
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	buf_free(&b);
	return rc;
}

void photo_cache_free(struct photo_cache *c)
{
	if (c == NULL)
		return;
	strmap_free(&c->index);
	arena_free(c->keys);
	free(c->v);
	pthread_mutex_destroy(&c->lock);
	free(c);
}
