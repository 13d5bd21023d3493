/* data/progress.csv: the dated progress reports (形象进度) of each
 * community, into site.reports sorted by community then date, with each
 * community's range (report_at, nreports).  Checks: the community exists,
 * the date has happened, the percentage is 0-100 and never goes down, one
 * report per community and day.  A report with a bad community, date or
 * percentage is reported and left out: it has no place in the history.
 *
 * Then each community's history against its row of communities.csv
 * (check_history): work reported before its 实际开工 (an error: one of the
 * two dates is wrong), 100% without 实际竣工 (a warning: the date is
 * probably only missing), 累计投资 above its 计划投资 (a warning: an
 * overrun is a fact, but more often a typo or another unit) or going
 * down (an error, as for the percentage: the sum so far never shrinks). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/index.h"
#include "model/kept_cells.h"
#include "model/loader.h"
#include "model/progress.h"
#include "model/values.h"
#include "util/xalloc.h"

/* The table being read (progress_rows): its rows are gone by the time the
 * checks across rows quote their cells, which are in `kept` or rebuilt. */
struct reading {
	struct loader *l;
	const struct binding *b;
	struct kept_cells kept;
};

/* A cell rebuilt for a message: its text and where it is. */
struct cell {
	struct csv_field f;
	char text[48];
};

/* `v` in decimal at `out`; returns the end. */
static char *put_number(char *out, unsigned long long v, int width)
{
	char digits[24];
	int n = 0;

	do
		digits[n++] = (char)('0' + v % 10);
	while ((v /= 10) || n < width);
	while (n)
		*out++ = digits[--n];
	return out;
}

/* The text of report `r`'s column `col` (RC_DATE, RC_PERCENT or
 * RC_INVESTED) as its value would be typed: date_iso, "%d" and
 * progress_money_text, written out by hand because it is done for every
 * row of a table of 600,000 (`out` holds at least 48 bytes). */
static const char *rebuild(const struct progress_report *r, size_t col, char *out)
{
	char *p = out;
	long long v = r->invested;

	if (col == RC_DATE && r->date.year >= 0 && r->date.year <= 9999) {
		p = put_number(p, (unsigned)r->date.year, 4);
		*p++ = '-';
		p = put_number(p, (unsigned)r->date.month, 2);
		*p++ = '-';
		p = put_number(p, (unsigned)r->date.day, 2);
	} else if (col == RC_DATE) {
		date_iso(r->date, out);
		return out;
	} else if (col == RC_PERCENT) {
		if (r->percent < 0)
			*p++ = '-';
		p = put_number(p, r->percent < 0 ? 0ULL - (unsigned long long)r->percent
						 : (unsigned long long)r->percent, 1);
	} else {
		if (v < 0)
			*p++ = '-';
		v = v < 0 ? -v : v;
		p = put_number(p, (unsigned long long)(v / 10000), 1);
		if (v % 10000) {
			*p++ = '.';
			p = put_number(p, (unsigned long long)(v % 10000), 4);
			while (p[-1] == '0')
				p--;
		}
	}
	*p = '\0';
	return out;
}

/* The cell of column `col` of report `r`, as it was in the file. */
static const struct csv_field *report_cell(const struct reading *g, const struct progress_report *r,
					   size_t col, struct cell *c)
{
	return kept_cell_find(&g->kept, r->line, (unsigned)g->b->field[col] + 1,
			      rebuild(r, col, c->text), &c->f);
}

/* Notes the cells of a report that the checks across rows may quote. */
static void note_cells(struct reading *g, const struct progress_report *r,
		       const struct csv_field *const cells[3])
{
	static const size_t cols[3] = { RC_DATE, RC_PERCENT, RC_INVESTED };
	char text[48];

	for (size_t i = 0; i < 3; i++)
		if (cells[i])
			kept_cell_note(&g->kept, g->l->a, r->line, cells[i],
				       rebuild(r, cols[i], text));
}

size_t progress_community(struct loader *l, const char *file, const struct csv_field *f)
{
	const struct site *s = l->site;
	size_t c = units_lookup_halfwidth(l, (struct diag_at){ file, f->line, f->col },
					  f->text, "小区编号", site_community_index);

	if (c != NO_INDEX || s->index->communities_failed || s->index->communities_bad)
		return c;
	for (size_t i = 0; i < s->ncommunities; i++)
		if (strcmp(s->communities[i].name, f->text) == 0) {
			diag_error(l->d, file, f->line, f->col, f->text,
				   "“%s”是小区名称：这一列填小区编号（data/communities.csv 的“编号”列），"
				   "应为“%s”", f->text, s->communities[i].id);
			return NO_INDEX;
		}
	diag_error(l->d, file, f->line, f->col, f->text,
		   "找不到小区“%s”：data/communities.csv 中没有这个小区编号", f->text);
	return NO_INDEX;
}

/* Reads one row into `out`; 0 when it belongs in the history, its cells
 * to quote in `cells` (date, percent, invested; NULL when not given). */
static int read_row(struct loader *l, const struct binding *b, const struct csv_row *row,
		    struct progress_report *out, const struct csv_field *cells[3])
{
	const char *file = b->path;
	const struct csv_field *f;
	struct date today = site_today(l->site);
	char iso[32];
	int ok = 1;

	memset(out, 0, sizeof(*out));
	out->community = NO_INDEX;
	out->line = row->line;
	/* The row is scratch: the text the site shows is kept. */
	out->done = text_pool_keep(l->texts, schema_text(b, row, RC_DONE));
	if ((f = schema_field(b, row, RC_COMMUNITY, l->d)))
		out->community = progress_community(l, file, f);
	if ((cells[0] = f = schema_field(b, row, RC_DATE, l->d)) == NULL ||
	    value_date(f, file, &out->date, l->d) < 0) {
		ok = 0;
	} else if (date_cmp(out->date, today) > 0) {
		date_iso(today, iso);
		diag_error(l->d, file, f->line, f->col, f->text,
			   "进度日期“%s”晚于今天（%s）：进度只记已经发生的情况，请核对日期",
			   f->text, iso);
		ok = 0;
	}
	if ((cells[1] = f = schema_field(b, row, RC_PERCENT, l->d)) == NULL ||
	    value_percent(f, file, "完成比例", &out->percent, l->d) < 0)
		ok = 0;
	out->invested = -1;
	if ((f = schema_field(b, row, RC_INVESTED, l->d)))
		value_money(f, file, "累计投资", &out->invested, l->d);
	cells[2] = out->invested >= 0 ? f : NULL;
	return ok && out->community != NO_INDEX ? 0 : -1;
}

static int by_community_date(const void *x, const void *y)
{
	const struct progress_report *a = x, *b = y;

	if (a->community != b->community)
		return a->community < b->community ? -1 : 1;
	if (date_cmp(a->date, b->date))
		return date_cmp(a->date, b->date);
	return a->line < b->line ? -1 : a->line > b->line;
}

/* `r` against the community's previous kept report `prev`: 0 to keep it. */
static int check_against(const struct reading *g, const struct progress_report *prev,
			 const struct progress_report *r)
{
	struct loader *l = g->l;
	const struct community *c = &l->site->communities[r->community];
	const char *file = g->b->path;
	const struct csv_field *f;
	struct cell x, y;

	if (date_cmp(prev->date, r->date) == 0) {
		f = report_cell(g, r, RC_DATE, &x);
		diag_error(l->d, file, f->line, f->col, f->text,
			   "小区“%s”在“%s”这一天已经有一行进度（第 %u 行）：同一个小区同一天只填一行，"
			   "请在 Excel/WPS 中把这两行合并，或者改正日期",
			   c->name, f->text, prev->line);
		return -1;
	}
	if (r->percent < prev->percent) {
		f = report_cell(g, r, RC_PERCENT, &x);
		diag_error(l->d, file, f->line, f->col, f->text,
			   "小区“%s”的完成比例“%s”比之前“%s”的 %d%%（第 %u 行）低：完成比例只增不减，"
			   "请核对这两行", c->name, f->text, report_cell(g, prev, RC_DATE, &y)->text,
			   prev->percent, prev->line);
	}
	return 0;
}

/* Sorts the reports, drops a second one of a day (reported), and gives
 * each community its range. */
static void keep_reports(const struct reading *g)
{
	struct site *s = g->l->site;
	size_t n = s->nreports, prev = NO_INDEX;

	if (n > 1)
		qsort(s->reports, n, sizeof(*s->reports), by_community_date);
	s->nreports = 0;
	for (size_t i = 0; i < n; i++) {
		struct progress_report r = s->reports[i];
		struct community *c = &s->communities[r.community];

		if (prev != NO_INDEX && s->reports[prev].community == r.community) {
			if (check_against(g, &s->reports[prev], &r) < 0)
				continue;
		} else {
			c->report_at = s->nreports;
		}
		prev = s->nreports;
		s->reports[s->nreports++] = r;
		c->nreports++;
	}
}

/* The first report of `c` (its kept range) dated before its 实际开工
 * that reports work done: an error at its date naming both dates.  A 0%
 * report before the start (施工准备) is no contradiction.  Said once per
 * community, with how many rows share the cause: one wrong 实际开工 would
 * otherwise give one error per report. */
static void check_before_start(const struct reading *g, const struct community *c)
{
	struct loader *l = g->l;
	const struct progress_report *first = NULL;
	const struct csv_field *f;
	struct cell x;
	size_t n = 0;
	char start[32], more[128] = "";

	if (c->started.year == 0)
		return;
	for (size_t i = c->report_at; i < c->report_at + c->nreports; i++) {
		const struct progress_report *r = &l->site->reports[i];

		if (date_cmp(r->date, c->started) < 0 && r->percent > 0 && n++ == 0)
			first = r;
	}
	if (first == NULL)
		return;
	date_iso(c->started, start);
	if (n > 1)
		snprintf(more, sizeof(more), "（这个小区共有 %zu 行进度早于实际开工）", n);
	f = report_cell(g, first, RC_DATE, &x);
	diag_error(l->d, g->b->path, f->line, f->col, f->text,
		   "小区“%s”的进度日期“%s”早于它的实际开工日期“%s”（%s 第 %u 行），"
		   "却记了完成比例 %d%%：开工以前不会有施工进度%s。请在 Excel/WPS 中核对这两个日期，"
		   "改正这一行的“日期”或这个小区的“实际开工”",
		   c->name, f->text, start, c->pos.file, c->pos.line, first->percent, more);
}

/* 100% without 实际竣工: a warning at the first report of 100%. */
static void check_full_not_completed(const struct reading *g, const struct community *c)
{
	struct loader *l = g->l;
	const struct csv_field *f;
	struct cell x;

	if (c->completed.year != 0)
		return;
	for (size_t i = c->report_at; i < c->report_at + c->nreports; i++) {
		const struct progress_report *r = &l->site->reports[i];

		if (r->percent < 100)
			continue;
		f = report_cell(g, r, RC_PERCENT, &x);
		diag_warning(l->d, g->b->path, f->line, f->col, f->text,
			     "小区“%s”的完成比例“%s”已到 100%%，却没有实际竣工日期：竣工了，"
			     "请在 Excel/WPS 中把竣工日期填在 %s 第 %u 行的“实际竣工”列；"
			     "还没有竣工，请核对完成比例",
			     c->name, f->text, c->pos.file, c->pos.line);
		return;
	}
}

/* 累计投资 against 计划投资 (a warning, once) and against the previous
 * report that gives it (an error each time it goes down). */
static void check_invested(const struct reading *g, const struct community *c)
{
	struct loader *l = g->l;
	const struct progress_report *last = NULL;
	const struct csv_field *f;
	struct cell cx, cy;
	int over_said = 0;
	buf x = BUF_INIT, y = BUF_INIT;

	for (size_t i = c->report_at; i < c->report_at + c->nreports; i++) {
		const struct progress_report *r = &l->site->reports[i];

		if (r->invested < 0)
			continue;
		if (last && r->invested < last->invested) {
			f = report_cell(g, r, RC_INVESTED, &cx);
			buf_reset(&x);
			progress_money_text(&x, last->invested);
			diag_error(l->d, g->b->path, f->line, f->col, f->text,
				   "小区“%s”的累计投资“%s”万元比之前“%s”的 %s 万元（第 %u 行）少："
				   "累计投资是到这一天为止的总数，只增不减，请在 Excel/WPS 中核对这两行",
				   c->name, f->text, report_cell(g, last, RC_DATE, &cy)->text,
				   buf_cstr(&x), last->line);
		}
		if (!over_said && c->investment >= 0 && r->invested > c->investment) {
			f = report_cell(g, r, RC_INVESTED, &cx);
			buf_reset(&y);
			progress_money_text(&y, c->investment);
			diag_warning(l->d, g->b->path, f->line, f->col, f->text,
				     "小区“%s”的累计投资“%s”万元超过了它的计划投资 %s 万元（%s 第 %u 行）："
				     "请在 Excel/WPS 中核对这两格（都以万元为单位，累计投资是到这一天为止的总数）；"
				     "确实超出计划的，请把“计划投资”改为调整后的投资",
				     c->name, f->text, buf_cstr(&y), c->pos.file, c->pos.line);
			over_said = 1;
		}
		last = r;
	}
	buf_free(&x);
	buf_free(&y);
}

/* Each community's kept reports against its row of communities.csv. */
static void check_history(const struct reading *g)
{
	const struct site *s = g->l->site;

	for (size_t i = 0; i < s->ncommunities; i++) {
		const struct community *c = &s->communities[i];

		if (c->nreports == 0)
			continue;
		check_before_start(g, c);
		check_full_not_completed(g, c);
		check_invested(g, c);
	}
}

static void *begin(struct loader *l, const struct binding *b, size_t nrows)
{
	struct reading *g = xcalloc(1, sizeof(*g));

	g->l = l;
	g->b = b;
	l->site->reports = arena_array(l->a, nrows + 1, sizeof(*l->site->reports));
	return g;
}

static void row(void *state, const struct csv_row *in)
{
	struct reading *g = state;
	struct site *s = g->l->site;
	struct progress_report *r = &s->reports[s->nreports];
	const struct csv_field *cells[3];

	if (read_row(g->l, g->b, in, r, cells) < 0)
		return;
	note_cells(g, r, cells);
	s->nreports++;
}

static void end(void *state)
{
	struct reading *g = state;

	keep_reports(g);
	check_history(g);
	kept_cells_free(&g->kept);
	free(g);
}

const struct row_reader progress_rows = { begin, row, end };
