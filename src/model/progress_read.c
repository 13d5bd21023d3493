/* data/progress.csv: the dated progress reports (形象进度) of each
 * community, into site.reports sorted by community then date, with each
 * community's range (report_at, nreports).  Checks: the community exists,
 * the date has happened, the percentage is 0-100 and never goes down, one
 * report per community and day.  A report with a bad community, date or
 * percentage is reported and left out: it has no place in the history. */
#include <stdlib.h>
#include <string.h>

#include "model/index.h"
#include "model/loader.h"
#include "model/progress.h"
#include "model/values.h"

size_t progress_community(struct loader *l, const char *file, const struct csv_field *f)
{
	const struct site *s = l->site;
	size_t c = units_lookup_halfwidth(l, file, f->line, f->col, f->text, "小区编号",
					  site_community_index);

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

/* Reads one row into `out`; 0 when it belongs in the history. */
static int read_row(struct loader *l, const struct binding *b, const struct csv_row *row,
		    struct progress_report *out)
{
	const char *file = b->table->path;
	const struct csv_field *f;
	struct date today = site_today(l->site);
	char iso[32];
	int ok = 1;

	memset(out, 0, sizeof(*out));
	out->community = NO_INDEX;
	out->pos = (struct srcpos){ file, row->line };
	out->done = schema_text(b, row, RC_DONE);
	if ((f = schema_field(b, row, RC_COMMUNITY, l->d)))
		out->community = progress_community(l, file, f);
	if ((f = schema_field(b, row, RC_DATE, l->d)) == NULL ||
	    value_date(f, file, &out->date, l->d) < 0) {
		ok = 0;
	} else if (date_cmp(out->date, today) > 0) {
		date_iso(today, iso);
		diag_error(l->d, file, f->line, f->col, f->text,
			   "进度日期“%s”晚于今天（%s）：进度只记已经发生的情况，请核对日期",
			   f->text, iso);
		ok = 0;
	}
	if ((f = schema_field(b, row, RC_PERCENT, l->d)) == NULL ||
	    value_percent(f, file, "完成比例", &out->percent, l->d) < 0)
		ok = 0;
	out->invested = -1;
	if ((f = schema_field(b, row, RC_INVESTED, l->d)))
		value_money(f, file, "累计投资", &out->invested, l->d);
	return ok && out->community != NO_INDEX ? 0 : -1;
}

static int by_community_date(const void *x, const void *y)
{
	const struct progress_report *a = x, *b = y;

	if (a->community != b->community)
		return a->community < b->community ? -1 : 1;
	if (date_cmp(a->date, b->date))
		return date_cmp(a->date, b->date);
	return a->pos.line < b->pos.line ? -1 : a->pos.line > b->pos.line;
}

/* `r` against the community's previous kept report `prev`: 0 to keep it. */
static int check_against(struct loader *l, const struct binding *b,
			 const struct progress_report *prev, const struct progress_report *r)
{
	const struct community *c = &l->site->communities[r->community];
	const char *file = r->pos.file;
	const struct csv_field *f;

	if (date_cmp(prev->date, r->date) == 0) {
		f = progress_cell(b, r->pos.line, RC_DATE);
		diag_error(l->d, file, f->line, f->col, f->text,
			   "小区“%s”在“%s”这一天已经有一行进度（第 %u 行）：同一个小区同一天只填一行，"
			   "请在 Excel/WPS 中把这两行合并，或者改正日期",
			   c->name, f->text, prev->pos.line);
		return -1;
	}
	if (r->percent < prev->percent) {
		f = progress_cell(b, r->pos.line, RC_PERCENT);
		diag_error(l->d, file, f->line, f->col, f->text,
			   "小区“%s”的完成比例“%s”比之前“%s”的 %d%%（第 %u 行）低：完成比例只增不减，"
			   "请核对这两行", c->name, f->text, progress_cell(b, prev->pos.line, RC_DATE)->text,
			   prev->percent, prev->pos.line);
	}
	return 0;
}

/* Sorts the reports, drops a second one of a day (reported), and gives
 * each community its range. */
static void keep_reports(struct loader *l, const struct binding *b)
{
	struct site *s = l->site;
	size_t n = s->nreports, prev = NO_INDEX;

	qsort(s->reports, n, sizeof(*s->reports), by_community_date);
	s->nreports = 0;
	for (size_t i = 0; i < n; i++) {
		struct progress_report r = s->reports[i];
		struct community *c = &s->communities[r.community];

		if (prev != NO_INDEX && s->reports[prev].community == r.community) {
			if (check_against(l, b, &s->reports[prev], &r) < 0)
				continue;
		} else {
			c->report_at = s->nreports;
		}
		prev = s->nreports;
		s->reports[s->nreports++] = r;
		c->nreports++;
	}
}

void progress_read(struct loader *l, const struct binding *b)
{
	const struct csv_table *t = b->table;
	struct site *s = l->site;

	s->reports = arena_array(l->a, t->nrows + 1, sizeof(*s->reports));
	for (size_t r = 1; r < t->nrows; r++) {
		if (schema_check_row(b, &t->rows[r], l->d) < 0)
			continue;
		if (read_row(l, b, &t->rows[r], &s->reports[s->nreports]) == 0)
			s->nreports++;
	}
	keep_reports(l, b);
}

const struct csv_field *progress_cell(const struct binding *b, unsigned line, size_t col)
{
	const struct csv_table *t = b->table;
	size_t lo = 1, hi = t->nrows;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->rows[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return &t->rows[lo].fields[b->field[col]];
}
