/* The search index kept from one build to the next, in the output's
 * OUT/.gongshi-search (SEARCH_CACHE_NAME): every token in byte order
 * with its postings and entry length, a hash of each document and of
 * each chunk.  This is its file format, written by search_write.c and
 * read back here for search_update.c.  It holds the tokens and postings
 * the chunks publish, and hashes: nothing that is not public already.
 * Private to src/html/search*.c. */
#ifndef GONGSHI_HTML_SEARCH_CACHE_H
#define GONGSHI_HTML_SEARCH_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "util/hash.h"
#include "html/search_postings.h"
#include "util/buf.h"

#define SEARCH_CACHE_NAME ".gongshi-search"

/* The bytes of a hash in the file. */
#define SEARCH_HASH_BYTES 16

/* A token of the last build, as its cache file holds it. */
struct search_cached_tok {
	struct search_postings post; /* in the blob */
	struct search_term t;	     /* name in the blob, postings `post`, `rec` its record */
};

/* A cache file read back. */
struct search_cache {
	unsigned char *blob; /* the file, owned */
	size_t size;
	size_t ndocs;
	unsigned buckets; /* its token chunks */
	/* In the blob: the hashes of the documents, token chunks and
	 * document chunks, SEARCH_HASH_BYTES each. */
	const unsigned char *doc_hashes, *keys, *doc_keys;
	struct search_cached_tok *tok; /* owned */
	size_t ntok;
};

/* Appends the cache file of an index of `docs` whose token chunks
 * (`buckets` of them), then document chunks, hashed to `keys`: the `n`
 * tokens `v` in byte order.  A token with a `rec` is copied from it. */
void search_cache_encode(buf *out, const struct search_doc_list *docs, unsigned buckets,
			 const struct hash_value *keys, const struct search_term *v, size_t n);
/* Reads DIR/.gongshi-search when it indexes `ndocs` documents.  NULL
 * when it is missing, unreadable, malformed or of another size: then
 * every document must be indexed.  Trust it only in an output whose
 * manifest this program wrote (manifest_usable): the two come from the
 * same build.  Postings are checked only when they are decoded
 * (search_cache_get_num). */
struct search_cache *search_cache_load(const char *dir, size_t ndocs);
/* 1 when document `i` hashed to `h` in the last build. */
int search_cache_same(const struct search_cache *c, size_t i, struct hash_value h);
/* The hash at `p`, in the file's byte order. */
struct hash_value search_cache_hash_at(const unsigned char *p);
/* A varint of the file, which may be anything: -1 past `end` or past
 * 64 bits. */
int search_cache_get_num(const unsigned char **p, const unsigned char *end, uint64_t *v);
/* Accepts NULL. */
void search_cache_free(struct search_cache *c);

#endif
