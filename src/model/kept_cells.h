/* The cells of a table read row by row (load/csv.h, csv_each_row) that a
 * check made after its last row quotes: found again by row and column
 * for the message, with their text and line as they were in the file.
 *
 * A row lives only while it is read, so each reader notes the cells its
 * later checks may quote; most need no room at all: a cell whose text is
 * the one rebuilt from the value read (2022-04-25, 85, 146.7) and that
 * starts on its row's first line is rebuilt when asked for.  Only the
 * others (2022/4/25, ８５, 100.0, a cell after a multi-line one) are kept.
 *
 * Private to model/.  Ownership: the list is malloc'd (kept_cells_free);
 * the kept texts are in the arena given to kept_cell_note. */
#ifndef GONGSHI_MODEL_KEPT_CELLS_H
#define GONGSHI_MODEL_KEPT_CELLS_H

#include "load/csv.h"

struct kept_cell {
	unsigned row_line; /* the row's first line */
	unsigned col, line;
	const char *text;
};

/* In the order of the rows (they are noted as they are read). */
struct kept_cells {
	struct kept_cell *v;
	size_t n, cap;
};

/* Notes cell `f` of the row starting on `row_line` unless it is what
 * `rebuilt` and the row's line would give back. */
void kept_cell_note(struct kept_cells *k, arena *a, unsigned row_line,
		    const struct csv_field *f, const char *rebuilt);
/* Cell `col` (1-based) of the row starting on `row_line`, as it was in the
 * file: the one kept, or `rebuilt` on the row's line.  Filled into *out,
 * which is returned; its text is `rebuilt` or in the arena. */
const struct csv_field *kept_cell_find(const struct kept_cells *k, unsigned row_line,
				       unsigned col, const char *rebuilt, struct csv_field *out);
void kept_cells_free(struct kept_cells *k);

#endif
