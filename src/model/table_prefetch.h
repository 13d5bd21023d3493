/* The first pass over the tables read row by row, made ahead on a thread
 * of its own (model/load.c).
 *
 * Each big table is read in two passes over its text (load/schema.h,
 * schema_scan; model/load.c, read_rows): the first says what there is to
 * say about the text and the header, the second hands each row to the
 * model.  The first needs nothing the tables before it give, so while the
 * loader reads communities.csv, this thread opens progress.csv and makes
 * its first pass, and so on down the list: on a 55,000-community site
 * with a dozen reports each that takes a quarter of a second off the
 * loader's own path, which is the edit's (docs/performance.md, session 9).
 * It goes on past a table the loader has not reached while the passes it
 * holds are small (table_prefetch.c's AHEAD_BYTES): data/photos.csv's is
 * made while the loader reads communities.csv.
 *
 * What the thread says (a file that cannot be decoded, a line too long)
 * is kept apart and added by the loader when it reaches the table, so the
 * messages are the same and in the same order as without it.  A table
 * that is missing, or in a folder that cannot be entered, is left to the
 * loader, which says so as before.
 *
 * Owner: model (the loader).  Not used with --jobs 1. */
#ifndef GONGSHI_TABLE_PREFETCH_H
#define GONGSHI_TABLE_PREFETCH_H

#include <stddef.h>

#include "load/csv.h"
#include "load/schema.h"
#include "util/arena.h"
#include "util/diag.h"

/* One table's first pass, as the loader would have made it. */
struct table_first_pass {
	struct csv_file f;	 /* open when open_rc is 0 (csv_close) */
	struct schema_outline o; /* when open_rc is 0 (schema_outline_free) */
	int open_rc;		 /* csv_open_within's */
	int scan_rc;		 /* schema_scan's */
	diags d;		 /* what opening and scanning said */
	arena *a;		 /* the outline's memory */
};

struct table_prefetch;

/* Starts the thread on the tables `files` (paths relative to the site
 * `root`, shown as `prefix` + file, read as `encoding` when not NULL), in
 * that order.  NULL when no thread could be started: read as before. */
struct table_prefetch *table_prefetch_start(const char *root, const char *prefix,
					    const char *encoding, const char *const *files,
					    size_t n);
/* Waits for the first pass of `file` and hands it over: 1 and *out
 * filled (its diagnostics, its arena, the open file and outline are the
 * caller's), or 0 when it was not made (not in the list, missing or not
 * to be looked at: read it as before). */
int table_prefetch_take(struct table_prefetch *p, const char *file, struct table_first_pass *out);
/* Waits for the thread; frees what was not taken.  Accepts NULL. */
void table_prefetch_end(struct table_prefetch *p);

#endif
