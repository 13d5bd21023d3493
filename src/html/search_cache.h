/* The search index kept from one build to the next, in the output's
 * OUT/.gongshi-search (SEARCH_CACHE_NAME): every token in byte order
 * with its postings and entry length, a hash of each document and of
 * each token chunk.  At 55,000 communities, indexing every document and
 * writing ~2,800 chunks again was most of the time of rebuilding after
 * one edit.  With the cache, only the documents whose hash changed are
 * indexed, the last build's postings are updated with their words, and
 * only the chunks holding a token whose postings changed are written;
 * the rest are carried over.  The files, the cache's too, are those a
 * clean build gives (test_search_cache).  Private to src/html/. */
#ifndef GONGSHI_HTML_SEARCH_CACHE_H
#define GONGSHI_HTML_SEARCH_CACHE_H

#include <stddef.h>

#include "html/search.h"

struct search_cache;

/* Reads DIR/.gongshi-search when it indexes `ndocs` documents.  NULL
 * when it is missing, unreadable, malformed or of another size: then
 * every document must be indexed.  Trust it only in an output whose
 * manifest this program wrote (manifest_usable): the two come from the
 * same build. */
struct search_cache *search_cache_load(const char *dir, size_t ndocs);
/* 1 when document `i` hashed to `h` in the last build. */
int search_cache_same(const struct search_cache *c, size_t i, struct hash_value h);
/* Writes the index's files and the next cache file.  `whole` holds every
 * document's entry (search_index_add_entry), `changed` the words of
 * those whose hash differs from the cache's (search_index_add_words,
 * numbered as in `whole`).  Both are used up: free them after.  Returns
 * 0; -1 when sink->write failed; -2 when the cache turned out damaged,
 * before anything was written: then index every document instead. */
int search_cache_write(const struct search_cache *c, struct search_index *whole,
		       struct search_index *changed, const struct search_sink *sink);
/* Accepts NULL. */
void search_cache_free(struct search_cache *c);

#endif
