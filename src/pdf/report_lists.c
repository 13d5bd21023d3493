/* The progress report's lists: the overdue communities with the units
 * that answer for them, and the planned investment by source. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/progress.h"
#include "pdf/report.h"
#include "pdf/table.h"
#include "util/xalloc.h"

/* One overdue community's row: its subdistrict and contractor answer for
 * it; how late, and how far its works were at the last report. */
static void overdue_row(struct rctx *x, size_t n, const struct community *c)
{
	const struct progress_report *rep = progress_latest(x->s, c, x->as_of);
	char no[24], end[32], late[32], pct[16];
	const char *cells[7];

	snprintf(no, sizeof(no), "%zu", n);
	report_day(x, c->plan_end, end);
	snprintf(late, sizeof(late), "%ld天", date_to_days(x->as_of) - date_to_days(c->plan_end));
	if (rep)
		snprintf(pct, sizeof(pct), "%d%%", rep->percent);
	else
		snprintf(pct, sizeof(pct), "—");
	cells[0] = no, cells[1] = c->name, cells[2] = report_unit_name(x->s, c->subdistrict);
	cells[3] = c->contractor < x->s->nunits ? x->s->units[c->contractor].name : "—";
	cells[4] = end, cells[5] = late, cells[6] = pct;
	table_row(x->nd, x->st, cells, c->pos.file, c->pos.line);
}

void report_overdue(struct rctx *x)
{
	static const char *const head[] = { "序号", "小区名称", "属地街道", "施工单位",
					    "计划竣工", "逾期", "进度" };
	static const unsigned char left[7] = { 0, 1, 0, 1, 0, 0, 0 };
	const struct site *s = x->s;
	size_t planned = 0, late = 0, n = 0;
	char d[32];

	for (size_t i = 0; i < s->ncommunities; i++) {
		planned += s->communities[i].plan_end.year != 0;
		late += (size_t)progress_overdue(&s->communities[i], x->as_of);
	}
	if (planned == 0)
		return;
	report_heading(x, "逾期未竣工小区");
	date_chinese(x->as_of, d);
	if (late == 0) {
		buf_printf(&x->b, "截至%s，没有超过计划竣工日期仍未竣工的小区。", d);
		report_emit(x, R_BODY, &x->pos);
		return;
	}
	buf_printf(&x->b, "截至%s，有%zu个小区超过计划竣工日期仍未竣工（见表%zu），"
		   "请属地街道和施工单位查明原因，制定措施，加快推进。", d, late, x->tables + 1);
	report_emit(x, R_BODY, &x->pos);
	report_caption(x, "逾期未竣工小区");
	table_begin(x->nd, 7, left);
	table_row(x->nd, x->st, head, x->pos.file, x->pos.line);
	for (size_t i = 0; i < s->ncommunities; i++)
		if (progress_overdue(&s->communities[i], x->as_of))
			overdue_row(x, ++n, &s->communities[i]);
}

/* One row of the money table: a source, its amount and its share. */
static void money_row(struct rctx *x, const char *name, long long amount, long long total,
		      const struct srcpos *pos)
{
	buf m = BUF_INIT, r = BUF_INIT;
	const char *cells[3];

	progress_money_text(&m, amount);
	/* Shares in hundredths of a percent, as the counts' ratios. */
	if (total > 0)
		report_ratio(&r, (size_t)(amount / 100), (size_t)(total / 100));
	else
		buf_puts(&r, "—");
	cells[0] = name, cells[1] = buf_cstr(&m), cells[2] = buf_cstr(&r);
	table_row(x->nd, x->st, cells, pos->file, pos->line);
	buf_free(&m);
	buf_free(&r);
}

/* The planned sums of each source (site.sources order) into `sum`; their
 * total. */
static long long source_sums(const struct site *s, long long *sum)
{
	long long all = 0;

	for (size_t k = 0; k < s->nsources; k++)
		sum[k] = 0;
	for (size_t i = 0; i < s->nfunding; i++)
		if (s->funding[i].source < s->nsources) {
			sum[s->funding[i].source] += s->funding[i].amount;
			all += s->funding[i].amount;
		}
	return all;
}

void report_funding(struct rctx *x)
{
	static const char *const head[] = { "资金来源", "计划金额（万元）", "占比" };
	static const unsigned char left[3] = { 1 };
	const struct site *s = x->s;
	struct progress_totals t;
	long long *sum, all;
	char d[32];

	progress_totals(s, x->as_of, NO_INDEX, &t);
	if (t.planned <= 0 && t.invested <= 0 && s->nfunding == 0)
		return;
	report_heading(x, "资金情况");
	date_chinese(x->as_of, d);
	buf_puts(&x->b, "全区计划投资");
	progress_money_text(&x->b, t.planned > 0 ? t.planned : 0);
	buf_printf(&x->b, "万元，截至%s累计完成投资", d);
	progress_money_text(&x->b, t.invested > 0 ? t.invested : 0);
	buf_puts(&x->b, "万元，占计划投资的");
	if (t.planned > 0)
		report_ratio(&x->b, (size_t)(t.invested / 100), (size_t)(t.planned / 100));
	else
		buf_puts(&x->b, "—");
	if (s->nsources == 0) {
		buf_puts(&x->b, "。");
		report_emit(x, R_BODY, &x->pos);
		return;
	}
	buf_printf(&x->b, "。计划投资按资金来源见表%zu。", x->tables + 1);
	report_emit(x, R_BODY, &x->pos);
	sum = xcalloc(s->nsources + 1, sizeof(*sum));
	all = source_sums(s, sum);
	report_caption(x, "计划投资按资金来源");
	table_begin(x->nd, 3, left);
	table_row(x->nd, x->st, head, x->pos.file, x->pos.line);
	for (size_t k = 0; k < s->nsources; k++)
		money_row(x, s->sources[k], sum[k], all, &x->pos);
	money_row(x, "合计", all, all, &x->pos);
	free(sum);
}
