/* A list of an output folder's files, each with the key it was made from
 * (util/hash.h), kept small: a manifest lists every file of the output,
 * 610,000 at 55,000 communities with ten photos, and a build holds three
 * such lists at once (the live output's manifest, the spare's, the files
 * this build made).
 *
 * A file is one record of 24 bytes in one array (its key in binary, where
 * its path starts, bits of its path's hash and its flags); the paths are
 * stored one after another, each with its NUL, in one block; a file is
 * found by its path through a table of 32-bit record numbers (open
 * addressing, linear probing, at most half full).  Nothing is ever
 * removed; records keep the order they were added in.
 *
 * Not safe for threads: the caller locks, or only reads once the list is
 * filled.  Who owns what: the list owns its arrays and copies every path
 * it is given; a path it returns stays valid until the next listing_add
 * (which may move the block) or listing_free. */
#ifndef GONGSHI_LISTING_H
#define GONGSHI_LISTING_H

#include <stddef.h>
#include <stdint.h>

#include "util/hash.h"

#define LISTING_NONE ((size_t)-1)
/* A record's size when it has none (or one of 4 GB or more). */
#define LISTING_NO_SIZE ((unsigned long long)-1)

/* A record's flags. */
enum {
	LISTING_KEYED = 1, /* its key is set (listing_set_key) */
	LISTING_MADE = 2,  /* for the caller: e.g. the file is in the folder */
};

/* Private to listing.c; in the header so that a list can be a member. */
struct listing_rec {
	struct hash_value key;
	uint32_t path;	/* offset of its path in text */
	uint32_t meta;	/* the path hash's top 24 bits, then 8 bits of flags */
};

struct listing {
	struct listing_rec *rec;
	size_t n, cap;
	char *text;		/* the paths of its own, each with its NUL */
	size_t len, textcap;
	size_t own;		/* paths in text */
	uint32_t *slot;		/* record number + 1; 0: empty */
	uint32_t *size;		/* by record, or NULL: listing_set_size */
	size_t nslots;		/* a power of two, or 0 */
	size_t inslots;		/* records found through slot (the others: by_base) */
	const struct listing *base; /* listing_share's, or NULL */
	size_t next;		/* the base's record after the last found in it */
	uint32_t *by_base;	/* by the base's record: this list's + 1, or 0 */
};

#define LISTING_INIT { NULL, 0, 0, NULL, 0, 0, 0, NULL, NULL, 0, 0, NULL, 0, NULL }

/* Makes room for `n` files in all whose paths take `bytes` bytes in all
 * (without their NULs), so that filling a list of known size allocates
 * nothing more. */
void listing_reserve(struct listing *l, size_t n, size_t bytes);
/* Paths added to `l` from now on that `base` holds a copy of are not
 * copied again: their records point at base's copy (the spare's
 * manifest, this build's files and the live output's manifest name
 * mostly the same 610,000 paths at 55,000 communities), and they are
 * found through the base's table, in which `l` keeps its record number
 * by the base's (4 bytes a base record, instead of `l`'s own table of
 * 8 for each of its own, and no look-up in it when the list is filled in
 * the base's order).  `base` must outlive `l` and add no path meanwhile;
 * `l` owns nothing of it. */
void listing_share(struct listing *l, const struct listing *base);
/* The record of the `len` bytes at `path` (no NUL among them), added
 * without flags when missing: its number, *added set to 1 when it is
 * new, else 0. */
size_t listing_add(struct listing *l, const char *path, size_t len, int *added);
/* listing_add with the path's hash given: listing_hash(path, len),
 * worked out before the caller takes its lock (the writer's list is
 * shared by the page threads). */
size_t listing_add_hashed(struct listing *l, const char *path, size_t len, uint64_t h,
			  int *added);
/* The hash listing_add_hashed wants. */
uint64_t listing_hash(const char *path, size_t len);
/* The number of the record of `path`, or LISTING_NONE. */
size_t listing_find(const struct listing *l, const char *path);
/* The number of records. */
size_t listing_count(const struct listing *l);
/* The bytes of the paths `l` holds a copy of (without their NULs): for
 * listing_reserve. */
size_t listing_path_bytes(const struct listing *l);
/* Record `i`'s path (see above for how long it stays valid). */
const char *listing_path(const struct listing *l, size_t i);
unsigned listing_flags(const struct listing *l, size_t i);
/* Adds `flags` to record `i`'s. */
void listing_mark(struct listing *l, size_t i, unsigned flags);
/* Sets record `i`'s key (and LISTING_KEYED). */
void listing_set_key(struct listing *l, size_t i, struct hash_value key);
/* Sets record `i`'s size (a file's bytes): LISTING_NO_SIZE, the
 * default, for none.  The sizes take 4 bytes a record, only in a list
 * that is given one (this build's files, the spare's). */
void listing_set_size(struct listing *l, size_t i, unsigned long long size);
/* Record `i`'s size, or LISTING_NO_SIZE. */
unsigned long long listing_size(const struct listing *l, size_t i);
/* Frees the sizes of `l` (all LISTING_NO_SIZE again): memory at the
 * writer's peak, once they are read. */
void listing_drop_sizes(struct listing *l);
/* A record of a list by its path, to sort a list's files by path (the
 * manifest's order) without moving the list.  `from` says which of the
 * caller's lists holds it: the manifest's lines come from two, this
 * build's files and the spare's kept in place (manifest.h). */
struct listing_line {
	const char *path;
	uint32_t k;    /* the record */
	uint32_t from; /* 0: the first list, 1: the second */
};
/* qsort's comparison of two listing_line, by strcmp of their paths. */
int listing_line_cmp(const void *a, const void *b);
/* 1 when record `i` has a key and it is `key`. */
int listing_key_is(const struct listing *l, size_t i, struct hash_value key);
/* Record `i`'s key, as 32 lowercase hex digits and a NUL into `out` (33
 * bytes), or 32 dashes when it has none. */
void listing_key_hex(const struct listing *l, size_t i, char *out);
/* Empties `l`; accepts one already empty. */
void listing_free(struct listing *l);

#endif
