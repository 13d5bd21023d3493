/* What the model's table readers share while a site loads.  Private to
 * model/. */
#ifndef GONGSHI_MODEL_LOADER_H
#define GONGSHI_MODEL_LOADER_H

#include "load/csv.h"
#include "load/schema.h"
#include "model/index.h"

struct loader {
	struct site *site;
	arena *a;
	diags *d;
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
void communities_read(struct loader *l, const struct binding *b);
void progress_read(struct loader *l, const struct binding *b);
void funding_read(struct loader *l, const struct binding *b);
/* The optional progress columns of one communities.csv row into `c`,
 * after its other columns (communities_progress.c). */
void communities_read_progress(struct loader *l, const struct binding *b,
			       const struct csv_row *row, struct community *c);

/* The community a progress or funding row names in `f` (its id); NO_INDEX
 * and an error when unknown (naming the id when `f` holds its name). */
size_t progress_community(struct loader *l, const char *file, const struct csv_field *f);
/* The cell of (bound, present) column `col` in the row of `b`'s table
 * that starts on `line`: found again by line for a message, so that no
 * cell pointers are kept per record (tables of 660,000 rows). */
const struct csv_field *progress_cell(const struct binding *b, unsigned line, size_t col);
/* data/photos.csv (photos.c): each photo's header read and bounded. */
void photos_read(struct loader *l, const struct binding *b);

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
