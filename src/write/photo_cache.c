/* photo_cache: OUT/.gongshi-photos (photo_cache.h): the entries and their
 * table, the file opened and read on a thread of its own, and what the
 * load and the plan ask.  The file's lines are parsed by
 * photo_cache_read.c and written by photo_cache_write.c. */
#include "write/photo_cache.h"
#include "write/photo_cache_priv.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fileread.h"
#include "util/xalloc.h"
#include "write/manifest.h"

/* The shortest line (every number one digit), to size the table from
 * the file's size before a line is read. */
enum { SHORTEST_LINE = 73 };

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

struct entry *photo_cache_entry_for(struct photo_cache *c, const struct ident *id)
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

/* ---- opening ---------------------------------------------------------- */

static void forget_all(struct photo_cache *c)
{
	c->n = 0;
	if (c->nslots)
		memset(c->slots, 0, c->nslots * sizeof(*c->slots));
}

/* The last build's file, open as c->fd, read whole or forgotten. */
static void read_file(struct photo_cache *c)
{
	if (photo_cache_read_lines(c, c->fd) < 0)
		forget_all(c);
	c->loaded = c->n;
	close(c->fd);
	c->fd = -1;
}

static void *reading_thread(void *arg)
{
	read_file(arg);
	return NULL;
}

/* Waits for the last build's file to be read, if it is being read (the
 * reading thread never takes the lock). */
static void ready(struct photo_cache *c)
{
	if (c->reads) {
		pthread_join(c->reading, NULL);
		c->reads = 0;
	}
}

void photo_cache_lock(struct photo_cache *c)
{
	pthread_mutex_lock(&c->lock);
	ready(c);
}

struct photo_cache *photo_cache_open(const char *out_dir, int force)
{
	struct photo_cache *c = xcalloc(1, sizeof(*c));
	struct stat st;
	buf path = BUF_INIT;
	int fd;

	pthread_mutex_init(&c->lock, NULL);
	c->fd = -1;
	hash_hex(manifest_program(), c->header + snprintf(c->header, 64, "gongshi-photos 1 "));
	if (out_dir == NULL || force)
		return c;
	buf_printf(&path, "%s/%s", out_dir, PHOTO_CACHE_NAME);
	/* Only a regular file, not through a link, never a pipe. */
	fd = fileread_open(AT_FDCWD, path.data, O_NOFOLLOW, &st);
	buf_free(&path);
	if (fd < 0)
		return c;
	if (!S_ISREG(st.st_mode) || (unsigned long long)st.st_size > PHOTO_CACHE_MAX_BYTES) {
		close(fd);
		return c;
	}
	/* Sized once, exactly, for the most lines the file can hold (xgrow
	 * would round it up to a power of 2). */
	c->cap = (size_t)st.st_size / SHORTEST_LINE + 1;
	c->v = xmalloc(c->cap * sizeof(*c->v));
	index_reserve(c, c->cap);
	c->fd = fd;
	/* 59 MB at 550,000 photos: read while config, the content walk and
	 * the tables before data/photos.csv load, not before them on the
	 * build's path (docs/performance.md). */
	c->reads = pthread_create(&c->reading, NULL, reading_thread, c) == 0;
	if (!c->reads)
		read_file(c);
	return c;
}

/* ---- asking ----------------------------------------------------------- */

/* Where this thread's last question was answered: the entry after it is
 * looked at first.  The file is in the order of the identities, and the
 * photos of a folder copied together have inodes one after the other, in
 * the order data/photos.csv names them (a clerk's table runs community by
 * community, as the files were copied): so the next question is mostly
 * the next entry, read from memory in order, where the table's slot and
 * then the entry were two cache misses a photo (10 % of the lstat
 * threads' time at 5,500 × 10).  Only a guess: the identity is compared
 * whole, and a wrong one (or a cache freed since) costs one comparison. */
static _Thread_local struct {
	const struct photo_cache *c;
	size_t next;
} last_known;

/* The entry of `id`: the guess, else the table's.  Under the lock. */
static struct entry *entry_known(struct photo_cache *c, const struct ident *id)
{
	struct entry *e;

	if (last_known.c == c && last_known.next < c->n && ident_eq(&c->v[last_known.next].id, id))
		e = &c->v[last_known.next];
	else
		e = entry_find(c, id);
	if (e) {
		last_known.c = c;
		last_known.next = (size_t)(e - c->v) + 1;
	}
	return e;
}

static size_t headers_known(void *arg, const struct stat *st, struct photo_header *out)
{
	struct photo_cache *c = arg;
	struct ident id;
	struct entry *e;
	size_t record = 0;

	if (ident_of(st, &id) < 0)
		return 0;
	photo_cache_lock(c);
	e = entry_known(c, &id);
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

	photo_cache_lock(c);
	c->read++;
	/* A header photo_header_read bounded: at most PHOTO_MAX_PIXELS a side. */
	if (fits && h->width > 0 && h->height > 0 && h->width <= PHOTO_MAX_PIXELS &&
	    h->height <= PHOTO_MAX_PIXELS) {
		e = photo_cache_entry_for(c, &id);
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

		photo_cache_lock(c);
		e = photo_cache_entry_for(c, &id);
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
		photo_cache_lock(c);
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
	photo_cache_lock(c);
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

void photo_cache_free(struct photo_cache *c)
{
	if (c == NULL)
		return;
	ready(c);
	free(c->slots);
	free(c->v);
	pthread_mutex_destroy(&c->lock);
	free(c);
}
