/* Ruled tables in a notice's flow (the progress report's figures).
 *
 * A table is a run of consecutive boxes of an ndoc, one per row: the
 * header row (R_THEAD, in the heading face) and then the body rows
 * (R_ROW), each box holding its cells' text separated by LAY_NEWLINE (a
 * cell has no hard break of its own).  The type is 四号 (14/16 of the
 * body size; a wide table at 三号 would not fit the 156 mm 版心) and every
 * cell is ruled, as tables in 党政机关公文 are.  Column widths are fitted
 * to the text once the fonts are known (table_measure, from ndoc_finish);
 * a row is never split, and a row that starts a page has the header row
 * drawn again above it (layout.h's repeat_head), as an artifact for
 * screen readers, which read the table once: Table, TR, TH/TD.
 *
 * The tables' records are owned by the ndoc (ndoc_free frees them). */
#ifndef GONGSHI_PDF_TABLE_H
#define GONGSHI_PDF_TABLE_H

#include "pdf/render.h"

/* The most columns a table has. */
#define PDF_TABLE_COLS 8

struct pdf_table {
	size_t first, nrows;	     /* paragraphs [first, first + nrows) */
	size_t ncols;
	double width[PDF_TABLE_COLS]; /* points, set by table_measure */
	unsigned char left[PDF_TABLE_COLS]; /* 1: the column's text flush left */
};

/* Starts a table of `ncols` (at most PDF_TABLE_COLS) columns at the end
 * of `nd`: the next table_row is its header.  `left[i]` (NULL: none)
 * puts column i's text flush left (names that may wrap), else it is
 * centred. */
void table_begin(struct ndoc *nd, size_t ncols, const unsigned char *left);
/* Appends a row of the table begun last: `cells[0..ncols)`, NULL as "".
 * `file`:`line` is where the row's facts come from, for warnings. */
void table_row(struct ndoc *nd, const struct pdf_style *st,
	       const char *const *cells, const char *file, unsigned line);

/* Styles a row's box (doc.c's style_para): its type size and leading;
 * the header row keeps with the row after it. */
void table_style_row(struct lay_para *p, const struct pdf_style *st, int head);
/* Fits every table's columns to the text width and gives each row its
 * height; the characters must have their fonts. */
void table_measure(struct ndoc *nd, const struct pdf_renderer *r);
/* Draws the row placed at `pl` whose top is at PDF y `top`; `*elem` is
 * the current table's structure element (made at its header row). */
void table_draw_row(const struct pen *pn, const struct ndoc *nd, const struct lay_place *pl,
		    double top, HPDF_Dict *elem);

#endif
