/* Which content pages the site publishes, and as what: the one place
 * that knows, so that no page is dropped without a word. */
#ifndef GONGSHI_PAGE_USE_H
#define GONGSHI_PAGE_USE_H

#include "model/model.h"

/* Sets the `use` of each of the site's pages from its path, and adds a
 * warning at each page that will not be published (PAGE_USE_NONE),
 * saying why and how to fix the file: one in a folder of content/ other
 * than news/ and communities/, or one directly in content/ whose name,
 * ASCII letters compared without case, is that of something the site
 * writes at the top of its output folder (search.md, index.html.md,
 * Plan.md: the last would overwrite plan/ on a Windows or macOS disk).
 * Adds an error at each page whose place another page, earlier in path
 * order, takes: a news item of the same name in another folder, a page
 * or news item differing only in ASCII case, a second text of one
 * community. */
void page_use_place(struct site *s, diags *d);

#endif
