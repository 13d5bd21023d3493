/* content/: Markdown files with YAML front matter. */
#ifndef GONGSHI_CONTENT_H
#define GONGSHI_CONTENT_H

#include "load/page.h"
#include "util/arena.h"
#include "util/diag.h"

/* content/ being read, from content_begin() to content_end(). */
struct content_load;

/* Lists every .md below `dir` (shown as `display`, e.g. "content"),
 * sorted by path, and starts reading them on jobs - 1 threads besides
 * the calling one (none for 1).  With more than one job the listing too
 * is done on another thread.  A missing folder is no error; one that
 * cannot be listed or entered, `dir` or any below it, is
 * `FOLDER: error: 无法读取目录：REASON`, never skipped.  `dir` is
 * SITE/content: a symlink (or content/ itself) resolving outside SITE is
 * refused with an error, as is a file over FILE_MAX_MARKDOWN
 * (load/file.h) or a folder more than 16 levels down.  Until
 * content_end() the caller may go on using `a` on the calling thread
 * (the other threads fill arenas of their own), reading the data
 * tables meanwhile, but must keep `dir`, `display` and `encoding` as
 * they are. */
struct content_load *content_begin(const char *dir, const char *display,
				   const char *encoding, unsigned jobs, arena *a);
/* Reads what is left on the calling thread and waits for the others.
 * Sets *out to the pages, an arena array, and returns their count; adds
 * the problems to `d`.  The pages and the problems, in their order, are
 * those of one thread reading the files one after the other after
 * everything `d` held already, whatever `jobs` was.  Frees `c`. */
size_t content_end(struct content_load *c, diags *d, struct page **out);

#endif
