/* The site's search index (search.h), made from the model in parts that
 * several threads index at once.  Private to src/html/. */
#ifndef GONGSHI_HTML_SEARCH_DOCS_H
#define GONGSHI_HTML_SEARCH_DOCS_H

#include <stddef.h>

#include "html/pages.h"
#include "html/search.h"

struct search_build;

/* The fewest communities worth a part of their own: joining parts costs
 * about a third of indexing them, so a site is cut in as many parts as
 * there are threads, and a small site not at all.  The index is the
 * same whatever the parts (test_search_docs). */
#define SEARCH_MIN_PART 4096

/* A build of `h`'s index in parts of `per_part` communities (the last
 * part has the other documents too), none made yet; `h` must outlive
 * it.  With `last_dir`, the output of the last build, its index
 * (search_cache.h) is updated when it can be: only changed documents
 * are indexed.  Free with search_build_free. */
struct search_build *search_build_new(const struct html_site *h, size_t per_part,
				      const char *last_dir);
/* How many parts: each is one call to search_build_part. */
size_t search_build_parts(const struct search_build *b);
/* Indexes part `i` (0 <= i < parts), from any thread, each part once.
 * Returns 1 to the one call after which every part is in: that caller
 * then writes the index with search_build_write.  Else 0. */
int search_build_part(struct search_build *b, size_t i);
/* Writes the whole index's files and the cache file for the next build
 * (search_index_write, or search_update_write with the last build's
 * cache); once. */
int search_build_write(struct search_build *b, const struct search_sink *sink);
/* Accepts NULL. */
void search_build_free(struct search_build *b);

#endif
