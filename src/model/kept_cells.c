/* Cells found again after their table's rows are gone: kept_cells.h. */
#include "model/kept_cells.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

void kept_cell_note(struct kept_cells *k, arena *a, unsigned row_line,
		    const struct csv_field *f, const char *rebuilt)
{
	if (f->line == row_line && strcmp(f->text, rebuilt) == 0)
		return;
	k->v = xgrow(k->v, &k->cap, k->n + 1, sizeof(*k->v));
	k->v[k->n++] = (struct kept_cell){ row_line, f->col, f->line,
					   arena_strndup(a, f->text, f->len) };
}

const struct csv_field *kept_cell_find(const struct kept_cells *k, unsigned row_line,
				       unsigned col, const char *rebuilt, struct csv_field *out)
{
	size_t lo = 0, hi = k->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (k->v[mid].row_line < row_line)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < k->n && k->v[lo].row_line == row_line; lo++) {
		if (k->v[lo].col != col)
			continue;
		*out = (struct csv_field){ k->v[lo].text, strlen(k->v[lo].text), k->v[lo].line, col };
		return out;
	}
	*out = (struct csv_field){ rebuilt, strlen(rebuilt), row_line, col };
	return out;
}

void kept_cells_free(struct kept_cells *k)
{
	free(k->v);
	memset(k, 0, sizeof(*k));
}
