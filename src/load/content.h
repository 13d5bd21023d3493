/* content/: Markdown files with YAML front matter. */
#ifndef GONGSHI_CONTENT_H
#define GONGSHI_CONTENT_H

#include <sys/stat.h>

#include "load/page.h"
#include "util/arena.h"
#include "util/diag.h"

/* content/ being read, from content_begin() to content_end(). */
struct content_load;

/* A folder below content/ that held nothing the walk reads (no Markdown
 * file, no folder, no link: a community's folder of photos), with the
 * identity lstat(2) gave it just before it was listed.  The next build
 * need not list it again while it keeps that identity (an entry added,
 * removed or renamed in it changes its change time): at 55,000
 * communities with photos, listing their folders was a fifth of a
 * rebuild's system calls (docs/performance.md, session 15). */
struct content_folder {
	const char *rel; /* below content/: "communities/c1" */
	unsigned long long dev, ino, csec, msec;
	unsigned cnsec, mnsec;
};

/* The folders the last build found so (write/content_record.h), asked
 * on the walk's thread: `empty` says 1 when the folder `rel`, whose
 * lstat is `st`, held nothing for the walk when it last had exactly
 * this identity.  Only asked where stamps are to be trusted: on Linux,
 * a local file system keeping times in nanoseconds (content.c). */
struct content_folder_cache {
	int (*empty)(void *arg, const char *rel, const struct stat *st);
	void *arg;
};

/* The folders the walk found holding nothing for it, in walk order, to
 * be recorded for the next build: malloc'd (the paths in the arena of
 * the pages), freed by the site (model.h's site_free). */
struct content_folders {
	struct content_folder *v;
	size_t n;
};

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
 * tables meanwhile, but must keep `dir`, `display`, `encoding` and
 * `known` as they are.  `known` (NULL: nobody) is asked before a folder
 * is listed: one it says held nothing is not listed. */
struct content_load *content_begin(const char *dir, const char *display,
				   const char *encoding, unsigned jobs, arena *a,
				   const struct content_folder_cache *known);
/* Reads what is left on the calling thread and waits for the others.
 * Sets *out to the pages, an arena array, and returns their count; adds
 * the problems to `d`.  The pages and the problems, in their order, are
 * those of one thread reading the files one after the other after
 * everything `d` held already, whatever `jobs` was.  The folders found
 * holding nothing for the walk go to `found` (NULL: not kept; else its
 * array is the caller's to free).  Frees `c`. */
size_t content_end(struct content_load *c, diags *d, struct page **out,
		   struct content_folders *found);

#endif
