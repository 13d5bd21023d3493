/* Reading the Markdown files that content_begin()'s walk found, on
 * several threads.  Private to load/.
 *
 * The walk (one thread: it is cheap) lists the files in page order; the
 * files are then read and parsed in contiguous runs of that list by up
 * to `jobs` threads.  Each file's problems are kept apart, with the
 * walk's problems that came before it, so that content_end() can add
 * them in list order: the pages and the diagnostics are those of one
 * thread reading file after file. */
#ifndef GONGSHI_CONTENT_READ_H
#define GONGSHI_CONTENT_READ_H

#include "load/page.h"
#include "util/arena.h"
#include "util/diag.h"

/* One Markdown file of the walk. */
struct content_item {
	int dirfd;	     /* open folder `path` is relative to, or AT_FDCWD */
	const char *path;    /* to open; in the site's arena, as are: */
	const char *rel;     /* relative to content/: the page's path */
	const char *display; /* in messages */
	diags *before; /* the walk's problems found just before this file;
			* owned, NULL when none */
	diags *found;  /* the problems reading it; owned, NULL when none */
	int read;      /* its page was read */
};

/* The reading of one list, from content_read_begin() to
 * content_read_end(). */
struct content_reading;

/* Starts reading items[i] into pages[i] for i < n on jobs - 1 threads
 * (none for 1 or 0): each sets an item's `read` and `found`, and writes
 * pages[i] only when the file was read.  The items, pages and `encoding`
 * must stay as they are until content_read_end(). */
struct content_reading *content_read_begin(struct content_item *items,
					   struct page *pages, size_t n,
					   const char *encoding, unsigned jobs);
/* Reads what is left on the calling thread, in `a`, waits for the
 * others and moves their memory into `a`: everything the pages point to
 * is then in `a`.  Frees `r`. */
void content_read_end(struct content_reading *r, arena *a);

/* What `d` holds, moved to a heap copy that the caller frees after
 * diags_free(); NULL when it holds nothing.  `d` is left empty. */
diags *content_read_take_diags(diags *d);

#endif
