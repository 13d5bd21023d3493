#include "write/listing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strmap.h"
#include "util/xalloc.h"

#define FLAG_BITS 8u
#define FLAG_MASK ((1u << FLAG_BITS) - 1)
/* In a record's `path`: the offset is in the base's text, not its own. */
#define SHARED 0x80000000u
/* In a record's flags: found through by_base, not through slot (kept
 * from the caller: listing_flags and listing_mark leave it alone). */
#define BASED 0x80u

/* The top 24 bits, kept in the record: most slots holding another path
 * are passed without reading that path (a cache miss each). */
static uint32_t tag_of(uint64_t h)
{
	return (uint32_t)(h >> 40) << FLAG_BITS;
}

/* A list larger than 31-bit offsets reach (2 GB of paths, 2 billion
 * files) cannot be made: like running out of memory (util/xalloc.h). */
static void too_big(void)
{
	fputs("gongshi: fatal: 输出文件太多：清单记不下（超过 20 亿个文件或 2 GB 的路径）\n", stderr);
	exit(2);
}

/* The path of the record `r`, in its own text or its base's. */
static const char *path_of(const struct listing *l, const struct listing_rec *r)
{
	return r->path & SHARED ? l->base->text + (r->path & ~SHARED) : l->text + r->path;
}

/* The slot of `path` (hash `h`), or the empty one where it would go. */
static size_t probe(const struct listing *l, const char *path, size_t len, uint64_t h)
{
	size_t mask = l->nslots - 1, i = (size_t)h & mask;
	uint32_t tag = tag_of(h), r;

	while ((r = l->slot[i]) != 0) {
		const struct listing_rec *rec = &l->rec[r - 1];
		const char *p = path_of(l, rec);

		if ((rec->meta & ~FLAG_MASK) == tag && strncmp(p, path, len) == 0 &&
		    p[len] == '\0')
			return i;
		i = (i + 1) & mask;
	}
	return i;
}

/* A table of `nslots` slots holding every record. */
static void rehash(struct listing *l, size_t nslots)
{
	free(l->slot);
	l->slot = xcalloc(nslots, sizeof(*l->slot));
	l->nslots = nslots;
	for (size_t k = 0; k < l->n; k++) {
		const char *p = path_of(l, &l->rec[k]);
		size_t len = strlen(p);

		if (l->rec[k].meta & BASED)
			continue;
		/* The paths are distinct: only an empty slot is looked for. */
		l->slot[probe(l, p, len, strmap_hash(p, len))] = (uint32_t)(k + 1);
	}
}

/* A table for `n` records at most half full. */
static void grow_slots(struct listing *l, size_t n)
{
	size_t nslots = l->nslots ? l->nslots : 64;

	while (nslots / 2 < n)
		nslots *= 2;
	if (nslots != l->nslots)
		rehash(l, nslots);
}

static void grow_records(struct listing *l, size_t n)
{
	if (n >= SHARED)
		too_big();
	if (n > l->cap) {
		l->rec = xrealloc(l->rec, n * sizeof(*l->rec));
		if (l->size) {
			l->size = xrealloc(l->size, n * sizeof(*l->size));
			memset(l->size + l->cap, 0xff, (n - l->cap) * sizeof(*l->size));
		}
		l->cap = n;
	}
}

/* Room for `more` bytes of paths beyond those held. */
static void grow_text(struct listing *l, size_t more)
{
	if (l->len + more <= l->textcap)
		return;
	if (l->len + more >= SHARED)
		too_big();
	l->text = xrealloc(l->text, l->len + more);
	l->textcap = l->len + more;
}

void listing_reserve(struct listing *l, size_t n, size_t bytes)
{
	grow_records(l, n);
	if (bytes + n > l->len)
		grow_text(l, bytes + n - l->len);
	/* A list with a base keeps most of its records by the base's
	 * (by_base): its own table grows with the others. */
	if (l->base == NULL)
		grow_slots(l, n);
}

void listing_share(struct listing *l, const struct listing *base)
{
	l->base = base;
}

/* The record of the `len` bytes at `path` (hash `h`) in `l`, or
 * LISTING_NONE: through the base when `l` keeps records by it, then
 * through its own table. */
static size_t find_in(const struct listing *l, const char *path, size_t len, uint64_t h)
{
	size_t i;

	if (l->by_base) {
		size_t k = find_in(l->base, path, len, h);

		if (k != LISTING_NONE && l->by_base[k])
			return l->by_base[k] - 1;
	}
	if (l->inslots == 0)
		return LISTING_NONE;
	i = probe(l, path, len, h);
	return l->slot[i] ? l->slot[i] - 1 : LISTING_NONE;
}

/* The base's record of `path`, when its path is its own (a path the base
 * shares with its own base is copied, not shared on), or LISTING_NONE. */
static size_t in_base(struct listing *l, const char *path, size_t len, uint64_t h)
{
	const struct listing *b = l->base;
	size_t k = l->next;

	/* A list filled in the base's order (the spare's manifest after
	 * the live output's: both sorted by path, and mostly the same
	 * paths) finds each path in the base's record after the last one
	 * found there, without a look-up in its table (a cache miss or two
	 * each, 610,000 at 55,000 communities). */
	if (!(k < b->n && strncmp(path_of(b, &b->rec[k]), path, len) == 0 &&
	      path_of(b, &b->rec[k])[len] == '\0'))
		k = find_in(b, path, len, h);
	if (k == LISTING_NONE)
		return LISTING_NONE;
	l->next = k + 1;
	return b->rec[k].path & SHARED ? LISTING_NONE : k;
}

/* A new record at the end: its path `path` (an offset, SHARED or not),
 * its hash's tag and `flags`. */
static size_t append(struct listing *l, uint32_t path, uint64_t h, unsigned flags)
{
	/* Grown by half, not doubled: the lists are large, and most are
	 * sized ahead (listing_reserve). */
	if (l->n == l->cap)
		grow_records(l, l->cap + l->cap / 2 + 16);
	l->rec[l->n] = (struct listing_rec){ { 0, 0 }, path, tag_of(h) | flags };
	return l->n++;
}

/* A copy of `path` at the end of l's text: its offset. */
static uint32_t copy_path(struct listing *l, const char *path, size_t len)
{
	uint32_t at;

	if (l->len + len + 1 > l->textcap)
		grow_text(l, l->textcap / 2 + len + 1024);
	memcpy(l->text + l->len, path, len);
	l->text[l->len + len] = '\0';
	at = (uint32_t)l->len;
	l->len += len + 1;
	l->own++;
	return at;
}

uint64_t listing_hash(const char *path, size_t len)
{
	return strmap_hash(path, len);
}

size_t listing_add(struct listing *l, const char *path, size_t len, int *added)
{
	return listing_add_hashed(l, path, len, strmap_hash(path, len), added);
}

size_t listing_add_hashed(struct listing *l, const char *path, size_t len, uint64_t h,
			  int *added)
{
	size_t i, k;

	*added = 0;
	if (l->base && l->base->n && (k = in_base(l, path, len, h)) != LISTING_NONE) {
		if (l->by_base == NULL)
			l->by_base = xcalloc(l->base->n, sizeof(*l->by_base));
		if (l->by_base[k])
			return l->by_base[k] - 1;
		*added = 1;
		i = append(l, l->base->rec[k].path | SHARED, h, BASED);
		l->by_base[k] = (uint32_t)(i + 1);
		return i;
	}
	grow_slots(l, l->inslots + 1);
	i = probe(l, path, len, h);
	if (l->slot[i])
		return l->slot[i] - 1;
	*added = 1;
	k = append(l, copy_path(l, path, len), h, 0);
	l->slot[i] = (uint32_t)(k + 1);
	l->inslots++;
	return k;
}

size_t listing_find(const struct listing *l, const char *path)
{
	size_t len;

	if (l->n == 0)
		return LISTING_NONE;
	len = strlen(path);
	return find_in(l, path, len, strmap_hash(path, len));
}

size_t listing_count(const struct listing *l)
{
	return l->n;
}

size_t listing_path_bytes(const struct listing *l)
{
	return l->len - l->own;
}

const char *listing_path(const struct listing *l, size_t i)
{
	return path_of(l, &l->rec[i]);
}

unsigned listing_flags(const struct listing *l, size_t i)
{
	return l->rec[i].meta & FLAG_MASK & ~BASED;
}

void listing_mark(struct listing *l, size_t i, unsigned flags)
{
	l->rec[i].meta |= flags & FLAG_MASK & ~BASED;
}

void listing_set_key(struct listing *l, size_t i, struct hash_value key)
{
	l->rec[i].key = key;
	l->rec[i].meta |= LISTING_KEYED;
}

void listing_set_size(struct listing *l, size_t i, unsigned long long size)
{
	if (l->size == NULL) {
		if (size == LISTING_NO_SIZE)
			return;
		l->size = xmalloc((l->cap ? l->cap : 1) * sizeof(*l->size));
		memset(l->size, 0xff, (l->cap ? l->cap : 1) * sizeof(*l->size));
	}
	/* All ones is "none": a file of 4 GB or more is looked at instead. */
	l->size[i] = size < UINT32_MAX ? (uint32_t)size : UINT32_MAX;
}

unsigned long long listing_size(const struct listing *l, size_t i)
{
	return l->size && l->size[i] != UINT32_MAX ? l->size[i] : LISTING_NO_SIZE;
}

void listing_drop_sizes(struct listing *l)
{
	free(l->size);
	l->size = NULL;
}

int listing_line_cmp(const void *a, const void *b)
{
	return strcmp(((const struct listing_line *)a)->path,
		      ((const struct listing_line *)b)->path);
}

int listing_key_is(const struct listing *l, size_t i, struct hash_value key)
{
	const struct listing_rec *r = &l->rec[i];

	return (r->meta & LISTING_KEYED) && r->key.hi == key.hi && r->key.lo == key.lo;
}

void listing_key_hex(const struct listing *l, size_t i, char *out)
{
	if (l->rec[i].meta & LISTING_KEYED) {
		hash_hex(l->rec[i].key, out);
	} else {
		memset(out, '-', 32);
		out[32] = '\0';
	}
}

void listing_free(struct listing *l)
{
	free(l->rec);
	free(l->text);
	free(l->slot);
	free(l->size);
	free(l->by_base);
	memset(l, 0, sizeof(*l));
}
