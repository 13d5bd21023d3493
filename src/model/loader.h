/* What the model's table readers share while a site loads.  Private to
 * model/.  Ownership: everything a reader keeps is in the site's arena
 * (loader.a); a row it is given is not its own. */
#ifndef GONGSHI_MODEL_LOADER_H
#define GONGSHI_MODEL_LOADER_H

#include "load/csv.h"
#include "load/schema.h"
#include "model/index.h"
#include "model/text_pool.h"

struct photo_header_cache;
struct loader {
	struct site *site;
	arena *a;
	diags *d;
	struct text_pool *texts; /* the texts kept from rows read row by row */
	struct table_prefetch *prefetch; /* the big tables' first passes, or NULL */
	/* What the last build knew of the photos' headers (model.h's
	 * model_load_options), or NULL: model/photos_batch.c reads each. */
	const struct photo_header_cache *photo_headers;
	/* Threads the photos' lstat(2)s may take (model.h's
	 * model_load_options.jobs; at least 1). */
	unsigned jobs;
	/* model/photos_batch.c: libvips could not be had, said at one photo; the
	 * others are not read (the site does not build). */
	int no_image_library;
};

/* Each reads one bound table into the site.  A row with a bad value is
 * reported and still becomes a record, so that every error in the file is
 * found; only a row with the wrong number of fields (schema_check_row) is
 * skipped, its columns not to be trusted. */
void units_read(struct loader *l, const struct binding *b);
void plan_read_items(struct loader *l, const struct binding *b);
void plan_read_phases(struct loader *l, const struct binding *b);
void plan_read_duties(struct loader *l, const struct binding *b);
void plan_read_group(struct loader *l, const struct binding *b);
/* The optional progress columns of one communities.csv row into `c`,
 * after its other columns (communities_progress.c). */
void communities_read_progress(struct loader *l, const struct binding *b,
			       const struct csv_row *row, struct community *c);

/* The community a progress or funding row names in `f` (its id); NO_INDEX
 * and an error when unknown (naming the id when `f` holds its name). */
size_t progress_community(struct loader *l, const char *file, const struct csv_field *f);

/* A table of many rows read row by row (model/load.c: two passes over the
 * file, load/schema.h's schema_scan then csv_each_row), so that no table
 * of every cell stays in memory (55,000 communities × 12 reports).
 * `begin` gets the number of rows in the file (the header included: a
 * bound on the records) and returns the reader's state; `row` gets each
 * usable row (schema_row_usable), scratch that is gone after the call;
 * `end` runs the checks across rows and frees the state. */
struct row_reader {
	void *(*begin)(struct loader *l, const struct binding *b, size_t nrows);
	void (*row)(void *state, const struct csv_row *row);
	void (*end)(void *state);
};
/* data/communities.csv (communities.c), data/progress.csv
 * (progress_read.c), data/funding.csv (funding_read.c), data/photos.csv
 * (photos.c, photos_batch.c: each photo's header read and bounded). */
extern const struct row_reader communities_rows, progress_rows, funding_rows, photos_rows;
/* A community's text to keep from its row (the row is scratch), in
 * loader.texts; a phone read by phones_value, kept when it is the cell's
 * own text. */
const char *communities_keep(struct loader *l, const char *text);
const char *communities_keep_phone(struct loader *l, const struct csv_field *f,
				   const char *file, const char *what);

/* Resolves a unit reference (id or exact name) found at line:col; NO_INDEX
 * and an error when unknown (no error when units.csv itself could not be
 * read).  `what` names the column for the message. */
size_t units_resolve(struct loader *l, const char *file, unsigned line,
		     unsigned col, const char *ref, const char *what);

/* Looks `ref` up with `find`; when it is not there but its half-width
 * form (halfwidth.h) is, warns at line:col that it was typed full width
 * and returns what the half-width form found.  `what` names the column. */
size_t units_lookup_halfwidth(struct loader *l, struct diag_at at, const char *ref,
			      const char *what, size_t (*find)(const struct site *, const char *));

/* A key column being indexed: its map from key to record, `lines[k]` the
 * line of record k (for the message), `what` the column's name. */
struct units_key {
	strmap *map;
	const unsigned *lines;
	const char *what;
};

/* Registers record `i` under `f`'s text in `k->map`.  A repeat is an error
 * naming the line of the record that has the key already.  Returns -1 on
 * a repeat. */
int units_register_key(struct loader *l, const struct units_key *k, const struct csv_field *f,
		       const char *file, size_t i);

#endif
