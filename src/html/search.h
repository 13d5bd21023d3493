/* The client-side search index: Chinese has no spaces between words, so
 * Han text is indexed by overlapping character pairs (bigrams) and a
 * query matches a document holding every pair of the query.  Letters and
 * digits form words.  themes/default/assets/search.js tokenizes queries
 * the same way; change both together. */
#ifndef GONGSHI_HTML_SEARCH_H
#define GONGSHI_HTML_SEARCH_H

#include <stddef.h>

#include "build/hash.h"
#include "util/buf.h"

/* Called with each token (UTF-8, not NUL-terminated). */
typedef void (*search_token_fn)(void *ctx, const char *tok, size_t len);

/* Tokenizes `n` bytes of UTF-8 `text`:
 *   - a run of Han (and kana) characters gives each pair of neighbours,
 *     "榆树新村" -> 榆树 树新 新村; a run of one character gives itself;
 *   - a run of ASCII letters and digits gives the word in lower case;
 *     full-width letters and digits count as their ASCII forms;
 *   - everything else (spaces, punctuation) separates runs. */
void search_tokens(const char *text, size_t n, search_token_fn fn, void *ctx);

/* One searchable page. */
struct search_doc {
	const char *title;
	const char *url;     /* relative to the output root */
	const char *kind;    /* 小区, 单位, … shown with the result */
	const char *snippet; /* one line shown under the title */
	const char *text;    /* everything searchable besides the title */
};

/* Appends the index as JSON:
 *   {"version":1,"docs":[{"t":title,"u":url,"k":kind,"s":snippet},…],
 *    "index":{token:[doc numbers, ascending],…}}
 * with tokens in byte order, so the file is the same on every build. */
void search_index_json(const struct search_doc *docs, size_t n, buf *out);

/* Receives one file of the split index: `path` relative to the output
 * root, `len` bytes of `data`.  Returns 0, or -1 to stop. */
typedef int (*search_file_fn)(void *ctx, const char *path, const char *data, size_t len);

/* Titles and urls of this many documents share one display chunk. */
#define SEARCH_DOC_CHUNK 32

/* The index split so that one search loads a few small files, however
 * large the site (55,000 communities: ~150 KB per search):
 *   search-index.json  the manifest
 *       {"version":2,"docs":N,"doc_chunk":32,"buckets":B,"base":"search-index/"}
 *   search-index.js    the same as `window.GONGSHI_SEARCH = …;`
 *   search-index/t/K.js   tokens whose FNV-1a hash (32-bit, over the
 *       token's UTF-8 bytes) mod B is K, as
 *       GONGSHI_SEARCH_CHUNK("t/K",{token:[all,title],…});
 *   search-index/d/K.js   documents K*32 … K*32+31, as
 *       GONGSHI_SEARCH_CHUNK("d/K",[{"t":…,"u":…,"k":…,"s":…},…]);
 * Chunks are scripts, not JSON, so that they load from file:// too.
 * Besides search_tokens()' tokens, each Han character is indexed alone,
 * so a one-character query needs one chunk.  `all` lists the documents
 * holding the token, `title` those whose title does; each is either an
 * array of gaps (first id, then differences) or, when shorter, a base64
 * bitmap string (bit i, least significant first in each byte, is doc i).
 * B is the least power of two that keeps chunks near 16 KB.  Calls `fn`
 * for each file in a fixed order; returns -1 as soon as `fn` does. */
int search_index_files(const struct search_doc *docs, size_t n, search_file_fn fn, void *ctx);

/* The same index built one document at a time, for a whole site: each
 * document's words are counted when it is added and its text is not
 * kept, only the title, url, kind and snippet (copied).  Documents are
 * numbered in the order they are added. */
struct search_index;

struct search_index *search_index_new(void);
void search_index_add(struct search_index *x, const struct search_doc *doc);
/* A hash of all five fields of `doc`.  An index keeps one per document
 * (search_cache.h compares them from build to build): this one, or a
 * hash of what the document is made of (search_index_add_entry). */
struct hash_value search_doc_hash(const struct search_doc *doc);
/* search_index_add in two halves, also for an index updated from the
 * last build's (search_cache.h): the strings a result shows and the
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
/* Writes the files as search_index_files does; call once. */
int search_index_write(struct search_index *x, search_file_fn fn, void *ctx);

/* Where a site's index goes: `write` makes a file; `carry`, when not
 * NULL, keeps the file the last build made at `path`, whose bytes
 * hashed (hash_content) to `key`, and returns 1, or 0 when it cannot
 * (the file must be written), or -1 on error. */
struct search_sink {
	search_file_fn write;
	int (*carry)(void *ctx, const char *path, struct hash_value key);
	void *ctx;
};

/* The file, in the output folder, that keeps an index for the next
 * build to update (search_cache.h).  It holds the tokens and postings
 * the chunks publish, and hashes: nothing that is not public already. */
#define SEARCH_CACHE_NAME ".gongshi-search"

/* search_index_write, then the cache file; call once. */
int search_index_write_saving(struct search_index *x, const struct search_sink *sink);
/* Accepts NULL. */
void search_index_free(struct search_index *x);
/* The chunk number of the `len`-byte token `tok` among `buckets`. */
unsigned search_bucket(const char *tok, size_t len, unsigned buckets);

#endif
