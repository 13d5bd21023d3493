/* The client-side search index of a site, built one document at a time.
 * Its tokens are search_tokens.h's: each Han character, each pair of
 * neighbours and each word; a query matches a document holding every
 * token of the query.
 *
 * The index is split so that one search loads a few small files, however
 * large the site (docs/performance.md has the sizes):
 *   search-index.json  the manifest
 *       {"version":2,"docs":N,"doc_chunk":32,"buckets":B,"base":"search-index/"}
 *   search-index.js    the same as `window.GONGSHI_SEARCH = …;`
 *   search-index/t/K.js   tokens whose search_bucket() among B is K, as
 *       GONGSHI_SEARCH_CHUNK("t/K",{token:[all,title],…});
 *   search-index/d/K.js   documents K*32 … K*32+31, as
 *       GONGSHI_SEARCH_CHUNK("d/K",[{"t":…,"u":…,"k":…,"s":…},…]);
 * Chunks are scripts, not JSON, so that they load from file:// too.
 * Each Han character is indexed alone, so a one-character query needs
 * one chunk.  `all` lists the documents holding the token, `title` those
 * whose title does; each is either an array of gaps (first id, then
 * differences) or, when shorter, a base64 bitmap string (bit i, least
 * significant first in each byte, is doc i).  B is the least power of
 * two that keeps chunks near 16 KB.  The last file, OUT/.gongshi-search
 * (search_cache.h), keeps the index for the next build to update
 * (search_update.h). */
#ifndef GONGSHI_HTML_SEARCH_H
#define GONGSHI_HTML_SEARCH_H

#include <stddef.h>

#include "util/hash.h"
#include "html/search_postings.h"
#include "html/search_write.h"
#include "util/buf.h"

/* One searchable page. */
struct search_doc {
	const char *title;
	const char *url;     /* relative to the output root */
	const char *kind;    /* 小区, 单位, … shown with the result */
	const char *snippet; /* one line shown under the title */
	const char *text;    /* everything searchable besides the title */
};

/* Each document's words are counted when it is added and its text is
 * not kept, only the title, url, kind and snippet (copied).  Documents
 * are numbered in the order they are added. */
struct search_index;

struct search_index *search_index_new(void);
/* A hash of all five fields of `doc`.  An index keeps one per document
 * (search_cache.h compares them from build to build): this one, or a
 * hash of what the document is made of (search_index_add_entry). */
struct hash_value search_doc_hash(const struct search_doc *doc);
/* A document added, in two halves, also for an index updated from the
 * last build's (search_update.h): the strings a result shows and the
 * hash `hash` of `doc`, without its words; and the words of `doc`, as
 * document number `id` (ids ascending from call to call), without its
 * strings.  An index that holds both numbers a document's words as its
 * entry; one that holds only words (the changed documents of a site)
 * numbers them as in the site's whole index. */
void search_index_add_entry(struct search_index *x, const struct search_doc *doc,
			    struct hash_value hash);
void search_index_add_words(struct search_index *x, size_t id, const struct search_doc *doc);
/* Appends `from`'s documents after `into`'s, numbered on from `into`'s
 * count, which gives the same index as adding them all to `into` in
 * order.  So parts of a site can be indexed on several threads, one
 * index each (documents 0..k on one, k+1..n on the next, …), then joined
 * in order on one thread.  Takes `from` and frees it: do not use or free
 * it afterwards.  The two must differ, and neither may have been
 * written.  Costs in proportion to `from`'s distinct tokens and the
 * bytes of its postings, not to `into`'s size. */
void search_index_append(struct search_index *into, struct search_index *from);
/* The tokens of `x` in byte order, their names in `names`, `*n` of them.
 * Every entry is moved into its token's postings and the lookup tables
 * are freed first: `x` takes no more documents afterwards.  The array is
 * the caller's; it points into `x` and `names`. */
struct search_term *search_index_tokens(struct search_index *x, buf *names, size_t *n);
const struct search_doc_list *search_index_doc_list(const struct search_index *x);
/* Writes the files of the index (search_write); call once. */
int search_index_write(struct search_index *x, const struct search_sink *sink);
/* Accepts NULL. */
void search_index_free(struct search_index *x);

#endif
