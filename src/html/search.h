/* The client-side search index: Chinese has no spaces between words, so
 * Han text is indexed by overlapping character pairs (bigrams) and a
 * query matches a document holding every pair of the query.  Letters and
 * digits form words.  themes/default/assets/search.js tokenizes queries
 * the same way; change both together. */
#ifndef GONGSHI_HTML_SEARCH_H
#define GONGSHI_HTML_SEARCH_H

#include <stddef.h>

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

#endif
