/* Markdown from content/ and data/ to HTML and to plain text, by cmark.
 *
 * Safe by default: raw HTML is replaced by a comment and javascript:,
 * vbscript:, file: and data: links are emptied, unless the site sets
 * unsafe_html: true.
 *
 * Phone numbers in the text (0632-4411234, 13812345678, 138-1234-5678)
 * become tel: links in the HTML, outside existing links and code. */
#ifndef GONGSHI_HTML_MARKDOWN_H
#define GONGSHI_HTML_MARKDOWN_H

#include "util/buf.h"

/* Appends the HTML of the Markdown `md` to `out`.  Headings are moved so
 * the shallowest becomes <h`top`> and the rest keep their distance, since
 * the page's template owns the headings above the body. */
void markdown_html(buf *out, const char *md, int unsafe, int top);
/* For a one-paragraph snippet (a duty in a table cell): the HTML without
 * the surrounding <p>…</p> when the text is a single paragraph. */
void markdown_inline_html(buf *out, const char *md, int unsafe);
/* Appends the text a reader sees, without markup: blocks end in a
 * newline, inline breaks become spaces.  For the search index and page
 * descriptions. */
void markdown_text(buf *out, const char *md);
/* Appends at most `max` characters (code points) of `text` with runs of
 * white space folded into one space, and "…" when cut. */
void markdown_excerpt(buf *out, const char *text, size_t max);

#endif
