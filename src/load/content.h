/* content/: Markdown files with YAML front matter. */
#ifndef GONGSHI_CONTENT_H
#define GONGSHI_CONTENT_H

#include "model/model.h"

/* Reads every .md below `dir` (shown as `display`, e.g. "content"),
 * sorted by path, into an arena array.  A missing folder is no error.
 * `dir` is SITE/content: a symlink (or content/ itself) resolving
 * outside SITE is refused with an error, as is a file over
 * FILE_MAX_MARKDOWN (load/file.h) or a folder more than 16 levels down.
 * The files are read on up to `jobs` threads (1: the calling thread
 * only); the pages and the problems added to `d`, in their order, are
 * the same whatever `jobs` is.  Returns the count;
 * *out is set. */
size_t content_load(const char *dir, const char *display,
		    const char *encoding, unsigned jobs, arena *a, diags *d,
		    struct page **out);

/* Splits front matter from body and reads it into `p`.  `text` is the
 * file's UTF-8 text; `display` names it in messages. */
void page_parse(struct page *p, const char *text, size_t len,
		const char *display, arena *a, diags *d);

#endif
