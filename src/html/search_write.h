/* Writing the split search index (search.h): the token chunks, the
 * document chunks, the manifest and the cache file for the next build
 * (search_cache.h), for a whole index (search.c) or for one updated from
 * the last build's (search_update.c), which carries over the files that
 * cannot have changed.  Private to src/html/search*.c and their tests. */
#ifndef GONGSHI_HTML_SEARCH_WRITE_H
#define GONGSHI_HTML_SEARCH_WRITE_H

#include <stddef.h>
#include <stdint.h>

#include "util/hash.h"
#include "html/search_cache.h"
#include "html/search_postings.h"

/* Receives one file of the split index: `path` relative to the output
 * root, `len` bytes of `data`.  Returns 0, or -1 to stop. */
typedef int (*search_file_fn)(void *ctx, const char *path, const char *data, size_t len);

/* Where a site's index goes: `write` makes a file; `carry`, when not
 * NULL, keeps the file the last build made at `path`, whose bytes
 * hashed (hash_content) to `key`, and returns 1, or 0 when it cannot
 * (the file must be written), or -1 on error. */
struct search_sink {
	search_file_fn write;
	int (*carry)(void *ctx, const char *path, struct hash_value key);
	void *ctx;
};

/* An index to write: its tokens and documents, and, when it updates the
 * last build's, what changed since. */
struct search_out {
	struct search_term *v; /* tokens in byte order; entry_len set here unless `rec` */
	size_t n;
	const struct search_doc_list *docs;
	/* The last build's cache (NULL: every file is written); which of
	 * the documents changed, one byte each; and the
	 * search_bucket(name, len, 1 << 16) of the `ngone` tokens no
	 * document holds any more. */
	const struct search_cache *last;
	const unsigned char *doc_changed;
	const uint32_t *gone;
	size_t ngone;
};

/* Writes the files of search.h, then the cache file, calling
 * sink->write for each in a fixed order (or sink->carry for a file that
 * cannot have changed since `o->last`).  Returns 0, or -1 as soon as the
 * sink fails. */
int search_write(const struct search_out *o, const struct search_sink *sink);

/* The chunk number of the `len`-byte token `tok` among `buckets`: its
 * FNV-1a hash (32-bit, over the UTF-8 bytes) mod `buckets`. */
unsigned search_bucket(const char *tok, size_t len, unsigned buckets);

#endif
