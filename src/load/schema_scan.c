/* The first pass over a table read row by row (schema.h, schema_scan):
 * what binding it needs, without keeping its rows. */
#include "load/schema.h"

#include <stdlib.h>
#include <string.h>

#include "load/schema_hints.h"
#include "util/xalloc.h"

struct scan {
	struct schema_outline *o;
	arena *a;
	/* The 合计 block at the bottom so far: the rows from `block_at` on,
	 * the first one's 合计 cell in `cell` (its text malloc'd), since a
	 * row of data after a 合计 row (a subtotal) ends the block. */
	size_t block_at;
	struct csv_field cell;
};

static struct csv_row *copy_row(arena *a, const struct csv_row *in)
{
	struct csv_row *row = arena_alloc(a, sizeof(*row));

	*row = *in;
	row->fields = arena_array(a, in->nfields, sizeof(*row->fields));
	for (size_t i = 0; i < in->nfields; i++) {
		row->fields[i] = in->fields[i];
		row->fields[i].text = arena_strdup(a, in->fields[i].text);
	}
	return row;
}

void schema_outline_bad_width(struct schema_outline *o, size_t index, const struct csv_row *row)
{
	o->bad = xgrow(o->bad, &o->bad_cap, o->nbad + 1, sizeof(*o->bad));
	o->bad[o->nbad++] = (struct schema_bad_width){ index, row->line, row->nfields };
}

static void scan_row(void *ctx, size_t index, const struct csv_row *row)
{
	struct scan *sc = ctx;
	struct schema_outline *o = sc->o;
	size_t cell;

	o->nrows = index + 1;
	if (index == 0) {
		o->header = copy_row(sc->a, row);
		sc->block_at = 1;
		return;
	}
	if (row->nfields != o->header->nfields)
		schema_outline_bad_width(o, index, row);
	cell = schema_hints_total_cell(row);
	if (cell == row->nfields) {
		sc->block_at = index + 1;
	} else if (sc->block_at == index) {
		free((char *)sc->cell.text);
		sc->cell = row->fields[cell];
		sc->cell.text = xstrdup(sc->cell.text);
	}
}

int schema_scan(struct schema_outline *o, const struct csv_file *f, arena *a, diags *d)
{
	struct scan sc = { o, a, 0, { NULL, 0, 0, 0 } };
	int rc;

	memset(o, 0, sizeof(*o));
	o->path = f->path;
	rc = csv_each_row(f, scan_row, &sc, d);
	o->totals_at = o->nrows;
	if (o->header && sc.block_at < o->nrows) {
		o->totals_at = sc.block_at;
		o->totals_cell = sc.cell;
		o->totals_cell.text = arena_strdup(a, sc.cell.text);
	}
	free((char *)sc.cell.text);
	/* Rows of the wrong width in the 合计 block are not data. */
	while (o->nbad && o->bad[o->nbad - 1].index >= o->totals_at)
		o->nbad--;
	return rc;
}

void schema_outline_free(struct schema_outline *o)
{
	free(o->bad);
	o->bad = NULL;
	o->nbad = o->bad_cap = 0;
}
