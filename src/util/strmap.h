/* A string → index hash map (open addressing, linear probing).
 *
 * Keys are not copied: they must outlive the map (they live in the build's
 * arena).  Used for id lookups, so that checking 100,000 rows for
 * duplicates stays linear. */
#ifndef GONGSHI_STRMAP_H
#define GONGSHI_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct strmap_slot {
	const char *key;
	size_t value;
	uint64_t hash; /* of key */
};

typedef struct strmap {
	struct strmap_slot *slots;
	size_t cap, count;
} strmap;

#define STRMAP_INIT { NULL, 0, 0 }
#define STRMAP_NONE ((size_t)-1)

/* Inserts key → value unless the key is present.  Returns the value
 * already stored, or STRMAP_NONE when the key was added. */
size_t strmap_put(strmap *m, const char *key, size_t value);
size_t strmap_get(const strmap *m, const char *key);
/* Makes room for `n` keys in all, so that filling a map of known size
 * never rehashes. */
void strmap_reserve(strmap *m, size_t n);
void strmap_free(strmap *m);
/* The hash of the `n` bytes at `s` the map keys by: for a table of its
 * own over the same kind of keys (write/listing.c). */
uint64_t strmap_hash(const char *s, size_t n);

#endif
