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
#include "util/xalloc.h"

/* A report and where its cells are, for the checks across rows. */
struct report_row {
	struct progress_report r;
	const struct csv_field *date, *percent;
};

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
		    struct report_row *out)
{
	const char *file = b->table->path;
	const struct csv_field *f;
	struct date today = site_today(l->site);
	char iso[32];
	int ok = 1;

	memset(out, 0, sizeof(*out));
	out->r.community = NO_INDEX;
	out->r.pos = (struct srcpos){ file, row->line };
	out->r.done = schema_text(b, row, RC_DONE);
	if ((f = schema_field(b, row, RC_COMMUNITY, l->d)))
		out->r.community = progress_community(l, file, f);
	if ((out->date = f = schema_field(b, row, RC_DATE, l->d)) == NULL ||
	    value_date(f, file, &out->r.date, l->d) < 0) {
		ok = 0;
	} else if (date_cmp(out->r.date, today) > 0) {
		date_iso(today, iso);
		diag_error(l->d, file, f->line, f->col, f->text,
			   "进度日期“%s”晚于今天（%s）：进度只记已经发生的情况，请核对日期",
			   f->text, iso);
		ok = 0;
	}
	if ((out->percent = f = schema_field(b, row, RC_PERCENT, l->d)) == NULL ||
	    value_percent(f, file, "完成比例", &out->r.percent, l->d) < 0)
		ok = 0;
	out->r.invested = -1;
	if ((f = schema_field(b, row, RC_INVESTED, l->d)))
		value_money(f, file, "累计投资", &out->r.invested, l->d);
	return ok && out->r.community != NO_INDEX ? 0 : -1;
}

static int by_community_date(const void *x, const void *y)
{
	const struct report_row *a = x, *b = y;

	if (a->r.community != b->r.community)
		return a->r.community < b->r.community ? -1 : 1;
	if (date_cmp(a->r.date, b->r.date))
		return date_cmp(a->r.date, b->r.date);
	return a->r.pos.line < b->r.pos.line ? -1 : a->r.pos.line > b->r.pos.line;
}

/* `r` against the community's previous kept report `prev`: 0 to keep it. */
static int check_against(struct loader *l, const struct report_row *prev,
			 const struct report_row *r)
{
	const struct community *c = &l->site->communities[r->r.community];
	const char *file = r->r.pos.file;

	if (date_cmp(prev->r.date, r->r.date) == 0) {
		diag_error(l->d, file, r->date->line, r->date->col, r->date->text,
			   "小区“%s”在“%s”这一天已经有一行进度（第 %u 行）：同一个小区同一天只填一行，"
			   "请在 Excel/WPS 中把这两行合并，或者改正日期",
			   c->name, r->date->text, prev->r.pos.line);
		return -1;
	}
	if (r->r.percent < prev->r.percent)
		diag_error(l->d, file, r->percent->line, r->percent->col, r->percent->text,
			   "小区“%s”的完成比例“%s”比之前“%s”的 %d%%（第 %u 行）低：完成比例只增不减，"
			   "请核对这两行", c->name, r->percent->text, prev->date->text,
			   prev->r.percent, prev->r.pos.line);
	return 0;
}

/* Keeps the sorted rows that pass, and gives each community its range. */
static void keep_reports(struct loader *l, struct report_row *rows, size_t n)
{
	struct site *s = l->site;
	const struct report_row *prev = NULL;

	s->reports = arena_array(l->a, n + 1, sizeof(*s->reports));
	for (size_t i = 0; i < n; i++) {
		struct community *c = &s->communities[rows[i].r.community];

		if (prev && prev->r.community == rows[i].r.community) {
			if (check_against(l, prev, &rows[i]) < 0)
				continue;
		} else {
			c->report_at = s->nreports;
		}
		s->reports[s->nreports++] = rows[i].r;
		c->nreports++;
		prev = &rows[i];
	}
}

void progress_read(struct loader *l, const struct binding *b)
{
	const struct csv_table *t = b->table;
	struct report_row *rows = xcalloc(t->nrows + 1, sizeof(*rows));
	size_t n = 0;

	for (size_t r = 1; r < t->nrows; r++) {
		if (schema_check_row(b, &t->rows[r], l->d) < 0)
			continue;
		if (read_row(l, b, &t->rows[r], &rows[n]) == 0)
			n++;
	}
	qsort(rows, n, sizeof(*rows), by_community_date);
	keep_reports(l, rows, n);
	free(rows);
}
