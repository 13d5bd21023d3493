/* What a spreadsheet typist adds to a table that is not data: a header
 * cell with a typo, a 合计 row at the bottom.  Private to load/schema*.c
 * (and its tests), which suggests the nearest header with
 * schema_hints_edit_distance(). */
#ifndef GONGSHI_SCHEMA_HINTS_H
#define GONGSHI_SCHEMA_HINTS_H

#include <stddef.h>

#include "load/csv.h"

/* Edit distance between two UTF-8 strings counted in characters (a
 * swap of two neighbours is one edit), ASCII case ignored; limit + 1 for
 * anything further than `limit` or longer than 32 characters. */
size_t schema_hints_edit_distance(const char *a, const char *b, size_t limit);

/* The index of the first row of the block of totals rows at the bottom of
 * `t` (rows whose some cell is 合计, 总计, 小计 or 共计, spaces and a
 * trailing colon allowed), or t->nrows when there is none.  The header
 * row is never one. */
size_t schema_hints_totals_start(const struct csv_table *t, size_t *cell);
/* The index of the first 合计 (总计, 小计, 共计) cell of `row`, or
 * row->nfields when it has none. */
size_t schema_hints_total_cell(const struct csv_row *row);

#endif
