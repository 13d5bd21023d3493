/* What search.c (building an index), search_write.c (writing its files)
 * and search_cache.c (keeping it for the next build) share: how postings
 * are encoded, a token as it is written, and what the index keeps of
 * each document.  Private to src/html/search*.c. */
#ifndef GONGSHI_HTML_SEARCH_IMPL_H
#define GONGSHI_HTML_SEARCH_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "build/hash.h"
#include "html/search.h"
#include "util/buf.h"

/* The postings of a token, one entry per document holding it, as a
 * varint (7 bits a byte, low bits first, the high bit set on every byte
 * but the last) of (doc - previous doc) * 2, + 1 when the doc's title
 * holds the token; the first entry counts from doc 0.  Docs arrive in
 * order, each title before its text, so an entry is final when it is
 * written.  Most gaps are small, so an entry takes about one byte where
 * a doc number took four, and appending one index to another rewrites
 * only the first entry of each token.  The same bytes are kept in the
 * cache file, so one token's postings have one encoding only. */
struct postings {
	unsigned char *p;
	size_t len, cap; /* cap 0: `p` points into memory owned elsewhere */
};

void postings_put(struct postings *p, const unsigned char *bytes, size_t n);

/* The most bytes one entry takes: a gap below 2^32, times 2, plus 1. */
#define VARINT_MAX 5

/* Writes `v` at `out`; returns the number of bytes. */
static inline size_t put_varint(unsigned char *out, uint64_t v)
{
	size_t n = 0;

	while (v >= 0x80) {
		out[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	out[n++] = (unsigned char)v;
	return n;
}

/* Postings made by this program: no bound is checked. */
static inline uint64_t get_varint(const unsigned char **p)
{
	uint64_t v = 0;
	unsigned shift = 0;

	while (**p & 0x80) {
		v |= (uint64_t)(**p & 0x7F) << shift;
		shift += 7;
		(*p)++;
	}
	v |= (uint64_t)*(*p)++ << shift;
	return v;
}

/* A token as it is written: its bytes, NUL-terminated, and postings. */
struct named {
	const char *name;
	size_t len;
	const struct postings *post;
};

/* What the index keeps of a document once its words are counted: the
 * four strings a result shows, as offsets into one pool, so that the
 * text itself is never held for the whole site; and the hash of all five
 * fields (search_doc_hash), which tells the next build whether the
 * document changed. */
struct doc_ref {
	size_t title, url, kind, snippet;
	struct hash_value hash;
};

struct doc_list {
	buf strings;
	struct doc_ref *v;
	size_t n, cap;
};

/* search.c */

void put_json_string(buf *out, const char *s);
/* The tokens of `x` in byte order, their names in `names`, `*n` of them.
 * Every entry is moved into its token's postings and the lookup tables
 * are freed first: `x` takes no more documents afterwards.  The array is
 * the caller's; it points into `x` and `names`. */
struct named *search_index_tokens(struct search_index *x, buf *names, size_t *n);
const struct doc_list *search_index_doc_list(const struct search_index *x);

/* search_write.c */

/* Room to decode a token's postings among `ndocs` documents. */
struct scratch {
	size_t *all, *title;
	unsigned char *bits; /* zeroed between uses */
};

void scratch_init(struct scratch *sc, size_t ndocs);
void scratch_free(struct scratch *sc);
/* The bytes token `t`'s entry takes in its chunk; `name` is room to
 * escape the name. */
size_t entry_len(const struct named *t, const struct scratch *sc, buf *name);
/* How many token chunks entries of `total` bytes in all are cut into. */
unsigned chunk_count(size_t total);
/* Orders the indexes of `v`'s `n` tokens by chunk, in byte order within
 * one: chunk k's are order[start[k]] .. order[start[k + 1] - 1].
 * `order` has room for n, `start` for buckets + 1. */
void chunk_order(const struct named *v, size_t n, unsigned buckets, size_t *order, size_t *start);
/* Token chunk `k`'s path, relative to the output root. */
void chunk_path(char path[64], unsigned k);
/* Token chunk `k`'s bytes into `out` (emptied first); its tokens are
 * order[from] .. order[to - 1] of `v`. */
void chunk_text(buf *out, unsigned k, const struct named *v, const size_t *order, size_t from,
		size_t to, const struct scratch *sc);
/* How many document chunks `ndocs` documents take. */
size_t doc_chunk_count(size_t ndocs);
/* Document chunk `k`'s path, relative to the output root. */
void doc_chunk_path(char path[64], size_t k);
/* Document chunk `k`'s bytes into `out` (emptied first). */
void doc_chunk_text(buf *out, size_t k, const struct doc_list *docs);
/* The index's own manifest, last of its files (search.h). */
int write_index_manifest(size_t ndocs, unsigned buckets, search_file_fn fn, void *ctx);

/* search_cache.c */

/* The bytes of the cache file for an index of `docs` whose token chunks
 * (`buckets` of them), then document chunks, hashed to `keys`: tokens
 * `v` in byte order with their entry lengths `lens`. */
void search_cache_encode(buf *out, const struct doc_list *docs, unsigned buckets,
			 const struct hash_value *keys, const struct named *v, const size_t *lens,
			 size_t n);

#endif
