/* The search index updated from the last build's (search_cache.h):
 * only the documents whose hash changed are indexed, the last build's
 * postings are updated with their words, and only the chunks holding a
 * token whose postings changed are written; the rest are carried over.
 * Indexing every document and writing every chunk again was most of the
 * time of rebuilding a large site after one edit (docs/performance.md).
 * The files, the cache's too, are those a clean build gives
 * (test_search_cache).  Private to src/html/. */
#ifndef GONGSHI_HTML_SEARCH_UPDATE_H
#define GONGSHI_HTML_SEARCH_UPDATE_H

#include "html/search.h"
#include "html/search_cache.h"

/* Writes the index's files and the next cache file.  `whole` holds every
 * document's entry (search_index_add_entry), `changed` the words of
 * those whose hash differs from the cache `c`'s (search_index_add_words,
 * numbered as in `whole`).  Both are used up: free them after.  Returns
 * 0; -1 when sink->write failed; -2 when the cache turned out damaged,
 * before anything was written: then index every document instead. */
int search_update_write(const struct search_cache *c, struct search_index *whole,
			struct search_index *changed, const struct search_sink *sink);

#endif
