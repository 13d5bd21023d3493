/* Ruled tables: rows as boxes of the notice's layout, cells broken into
 * lines by the notice's line breaker. */
#include "pdf/table.h"

#include <string.h>

#include "util/xalloc.h"

/* The table's type against the body's: 四号 under 三号. */
#define TABLE_SCALE (14.0 / 16.0)
/* The most rows (header included) of a table kept on one page. */
#define TABLE_WHOLE 10
/* The rules' width, in points. */
#define RULE_PT 0.6

/* Padding inside a cell, in ems of the table's type. */
static double pad_x(const struct lay_para *p)
{
	return p->size * 0.3;
}

static double pad_y(const struct lay_para *p)
{
	return p->size * 0.3;
}

void table_style_row(struct lay_para *p, const struct pdf_style *st, int head)
{
	p->size = st->body_size * TABLE_SCALE;
	p->tracking = 0;
	p->leading = p->size * 1.4;
	p->indent_first = 0;
	p->min_last_chars = 0;
	p->align = LAY_CENTER;
	/* Measured later (table_measure); a box from the start, so that the
	 * line breaker leaves it alone. */
	p->box_height = p->leading;
	p->keep_with_next = head;
}

void table_begin(struct ndoc *nd, size_t ncols, const unsigned char *left)
{
	struct pdf_table *tb;

	nd->tables = xgrow(nd->tables, &nd->tablecap, nd->ntables + 1, sizeof(*nd->tables));
	tb = &nd->tables[nd->ntables++];
	memset(tb, 0, sizeof(*tb));
	tb->first = nd->n;
	tb->ncols = ncols < PDF_TABLE_COLS ? ncols : PDF_TABLE_COLS;
	for (size_t i = 0; left && i < tb->ncols; i++)
		tb->left[i] = left[i];
}

void table_row(struct ndoc *nd, const struct pdf_style *st,
	       const char *const *cells, const char *file, unsigned line)
{
	struct pdf_table *tb = &nd->tables[nd->ntables - 1];
	struct lay_para *p = ndoc_add(nd, st, tb->nrows ? R_ROW : R_THEAD, file, line);

	if (tb->nrows)
		p->repeat_head = tb->first + 1;
	for (size_t i = 0; i < tb->ncols; i++) {
		size_t from = p->nchars;

		if (i > 0)
			lay_para_add_cp(p, LAY_NEWLINE, 0, 0);
		from = p->nchars;
		ndoc_puts(st, p, cells[i] ? cells[i] : "");
		/* A cell's own line breaks would split it into two cells. */
		for (size_t k = from; k < p->nchars; k++)
			if (p->chars[k].cp == LAY_NEWLINE)
				p->chars[k].cp = ' ';
	}
	tb->nrows++;
}

static double measure(void *ctx, const struct lay_char *c)
{
	return font_advance(ctx, c);
}

/* Chars [*a, *b) of row `p`'s cell `i`. */
static void cell_span(const struct lay_para *p, size_t i, size_t *a, size_t *b)
{
	size_t k = 0;

	for (; i > 0 && k < p->nchars; k++)
		if (p->chars[k].cp == LAY_NEWLINE)
			i--;
	*a = k;
	while (k < p->nchars && p->chars[k].cp != LAY_NEWLINE)
		k++;
	*b = k;
}

/* Cell `i` of row `p` as a paragraph of its own (sharing p's chars,
 * so not to be freed). */
static struct lay_para cell_para(const struct pdf_table *tb, const struct lay_para *p,
				 size_t i)
{
	struct lay_para q = *p;
	size_t a, b;

	cell_span(p, i, &a, &b);
	q.chars = p->chars + a;
	q.nchars = b - a;
	q.box_height = 0;
	q.repeat_head = 0;
	/* Headings are centred over their column, whatever its text. */
	q.align = tb->left[i] && p->role != R_THEAD ? LAY_LEFT : LAY_CENTER;
	return q;
}

/* Breaks cell `i` of row `p` into `res` (emptied first); its lines. */
static size_t cell_lines(const struct pdf_renderer *r, const struct pdf_table *tb,
			 const struct lay_para *p, size_t i, struct lay_result *res)
{
	struct lay_para q = cell_para(tb, p, i);

	const struct lay_measure m = { measure, (void *)&r->fonts };

	res->nlines = 0;
	return lay_break(&q, 0, tb->width[i] - 2 * pad_x(p), &m, res);
}

/* Each column's widest cell on one line (`nat`) and its widest piece
 * that cannot be broken, a number or a date (`min`), padding included. */
static void natural_widths(const struct pdf_renderer *r, const struct ndoc *nd,
			   const struct pdf_table *tb, double *nat, double *min)
{
	for (size_t i = 0; i < tb->ncols; i++)
		nat[i] = min[i] = 0;
	for (size_t k = 0; k < tb->nrows; k++) {
		const struct lay_para *p = &nd->p[tb->first + k];

		for (size_t i = 0; i < tb->ncols; i++) {
			size_t a, b;
			double w = 2 * pad_x(p), piece = w;

			cell_span(p, i, &a, &b);
			for (size_t c = a; c < b; c++) {
				double adv = font_advance(&r->fonts, &p->chars[c]) * p->size;

				if (c > a && lay_can_break(p->chars[c - 1].cp, p->chars[c].cp))
					piece = 2 * pad_x(p);
				w += adv;
				piece += adv;
				if (piece > min[i])
					min[i] = piece;
			}
			if (w > nat[i])
				nat[i] = w;
		}
	}
}

/* The columns' widths at a cap of `cap`: each its text on one line up to
 * the cap, never below its unbreakable piece. */
static double capped(const struct pdf_table *tb, const double *nat, const double *min,
		     double cap, double *width)
{
	double sum = 0;

	for (size_t i = 0; i < tb->ncols; i++) {
		width[i] = nat[i] < cap ? nat[i] : cap;
		if (width[i] < min[i])
			width[i] = min[i];
		sum += width[i];
	}
	return sum;
}

/* Widths that fill `W`: each column its text on one line and the rest
 * shared out evenly; when that does not fit, the widest columns are cut
 * to one width (and their text broken into lines), never below their
 * unbreakable pieces; when even those do not fit, the pieces shrink in
 * proportion. */
static void fit_widths(struct pdf_table *tb, const double *nat, const double *min, double W)
{
	double sum = 0, lo = 0, hi = W;

	for (size_t i = 0; i < tb->ncols; i++)
		sum += nat[i];
	if (sum <= W) {
		for (size_t i = 0; i < tb->ncols; i++)
			tb->width[i] = nat[i] + (W - sum) / (double)tb->ncols;
		return;
	}
	if (capped(tb, nat, min, 0, tb->width) > W) {
		sum = capped(tb, nat, min, 0, tb->width);
		for (size_t i = 0; i < tb->ncols; i++)
			tb->width[i] *= W / sum;
		return;
	}
	/* The cap whose widths add up to W, to well under a point. */
	for (int k = 0; k < 40; k++) {
		double mid = (lo + hi) / 2;

		if (capped(tb, nat, min, mid, tb->width) > W)
			hi = mid;
		else
			lo = mid;
	}
	sum = capped(tb, nat, min, lo, tb->width);
	/* What rounding left over goes to the last column. */
	tb->width[tb->ncols - 1] += W - sum;
}

void table_measure(struct ndoc *nd, const struct pdf_renderer *r)
{
	struct lay_result res = LAY_RESULT_INIT;

	for (size_t t = 0; t < nd->ntables; t++) {
		struct pdf_table *tb = &nd->tables[t];
		double nat[PDF_TABLE_COLS], min[PDF_TABLE_COLS];

		if (tb->ncols == 0)
			continue;
		natural_widths(r, nd, tb, nat, min);
		fit_widths(tb, nat, min, r->style.width);
		for (size_t k = 0; k < tb->nrows; k++) {
			struct lay_para *p = &nd->p[tb->first + k];
			size_t most = 1;

			for (size_t i = 0; i < tb->ncols; i++) {
				size_t n = cell_lines(r, tb, p, i, &res);

				if (n > most)
					most = n;
			}
			p->box_height = (double)most * p->leading + 2 * pad_y(p);
			/* A short table is not split (layout.c keeps a run
			 * of boxes together when it fits a page). */
			p->keep_with_next = k == 0 || (tb->nrows <= TABLE_WHOLE && k + 1 < tb->nrows);
		}
		/* Half a line of air under the table. */
		nd->p[tb->first + tb->nrows - 1].space_after = pdf_style_line(&r->style) / 2;
	}
	lay_result_free(&res);
}

/* The table paragraph `pi` belongs to. */
static const struct pdf_table *table_of(const struct ndoc *nd, size_t pi)
{
	for (size_t t = 0; t < nd->ntables; t++)
		if (pi >= nd->tables[t].first && pi < nd->tables[t].first + nd->tables[t].nrows)
			return &nd->tables[t];
	return NULL;
}

/* The row's rules: its top and foot, and a line at every column edge. */
static void draw_rules(const struct pdf_renderer *r, HPDF_Page pg,
		       const struct pdf_table *tb, double top, double h)
{
	double x = r->style.left;

	tags_artifact(pg);
	HPDF_Page_SetRGBStroke(pg, 0, 0, 0);
	HPDF_Page_SetLineWidth(pg, (HPDF_REAL)RULE_PT);
	HPDF_Page_MoveTo(pg, (HPDF_REAL)x, (HPDF_REAL)top);
	HPDF_Page_LineTo(pg, (HPDF_REAL)(x + r->style.width), (HPDF_REAL)top);
	HPDF_Page_MoveTo(pg, (HPDF_REAL)x, (HPDF_REAL)(top - h));
	HPDF_Page_LineTo(pg, (HPDF_REAL)(x + r->style.width), (HPDF_REAL)(top - h));
	for (size_t i = 0; i <= tb->ncols; i++) {
		HPDF_Page_MoveTo(pg, (HPDF_REAL)x, (HPDF_REAL)top);
		HPDF_Page_LineTo(pg, (HPDF_REAL)x, (HPDF_REAL)(top - h));
		if (i < tb->ncols)
			x += tb->width[i];
	}
	HPDF_Page_Stroke(pg);
	tags_end(pg);
}

/* Where a cell goes on the page: its left edge, the row's top and height. */
struct cell_box {
	double x, top, h;
};

/* Cell `i`'s lines, their block centred in the row's height. */
static void draw_cell(const struct pen *pn, const struct pdf_table *tb,
		      const struct lay_para *p, size_t i, struct cell_box at)
{
	const struct pdf_renderer *r = pn->r;
	struct lay_result res = LAY_RESULT_INIT;
	struct lay_para q = cell_para(tb, p, i);
	size_t n = cell_lines(r, tb, p, i, &res);
	double y = at.top - (at.h - (double)n * p->leading) / 2;

	for (size_t l = 0; l < n; l++, y -= p->leading) {
		const struct lay_line *ln = &res.lines[l];

		draw_chars(pn, (struct span){ q.chars, ln->start, ln->end }, at.x + pad_x(p) + ln->x,
			   draw_baseline(y, p->leading, p->size), p->size, ln->spacing);
	}
	lay_result_free(&res);
}

void table_draw_row(const struct pen *pn, const struct ndoc *nd, const struct lay_place *pl,
		    double top, HPDF_Dict *elem)
{
	const struct pdf_renderer *r = pn->r;
	HPDF_Page pg = pn->pg;
	struct tags *t = pn->t;
	const struct pen art = { pn->r, pn->pg, pn->fd, NULL, pn->img };
	const struct lay_para *p = &nd->p[pl->para];
	const struct pdf_table *tb = table_of(nd, pl->para);
	int head = p->role == R_THEAD;
	HPDF_Dict tr = NULL;
	double x = r->style.left;

	if (tb == NULL)
		return;
	draw_rules(r, pg, tb, top, pl->height);
	if (head && !pl->repeat)
		*elem = tags_elem(t, "Table");
	if (!pl->repeat)
		tr = tags_child(t, *elem, "TR");
	for (size_t i = 0; i < tb->ncols; i++) {
		if (pl->repeat)
			tags_artifact(pg);
		else
			tags_content(t, tags_child(t, tr, head ? "TH" : "TD"));
		draw_cell(pl->repeat ? &art : pn, tb, p, i, (struct cell_box){ x, top, pl->height });
		if (pl->repeat)
			tags_end(pg);
		else
			tags_content_end(t);
		x += tb->width[i];
	}
}
