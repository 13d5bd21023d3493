/* The progress page, progress/index.html (PAGE_PROGRESS, template
 * "progress"): 开工率 and 竣工率 overall, by subdistrict and by area,
 * against what the plan's dates said by today; the planned and actual
 * schedule by month as SVG charts with the same figures in tables; the
 * overdue communities with whom to call; investment planned and done, by
 * source.  Only made when the site has progress facts
 * (html_site.has_progress).  docs/templates.md, progress. */
#include <string.h>

#include "html/chart.h"
#include "html/pages.h"
#include "html/tally.h"
#include "model/progress.h"
#include "util/xalloc.h"

/* Overdue communities listed by name; past it the page gives the count
 * and the subdistricts' figures (a row is about 600 bytes). */
#define OVERDUE_LISTED_MAX 1000
/* Months the schedule chart labels one by one; a longer span labels
 * every second, third… month so that labels never overlap at 375 px. */
#define MONTH_LABELS_MAX 12

/* A subdistrict's row with its areas' rows (when listed), its tally
 * added into `all`, its chart row into `row`. */
static cJSON *subdistrict_row(const struct html_site *h, const struct subdistrict_group *g,
			      struct progress_totals *all, struct chart_rate_row *row)
{
	cJSON *o = ctx_unit_brief(h, g->unit);
	cJSON *areas = cJSON_AddArrayToObject(o, "areas");
	struct progress_totals t = { 0 };

	for (size_t a = 0; a < g->nareas; a++) {
		const struct area_group *ag = &g->areas[a];
		struct progress_totals at = { 0 };
		cJSON *e;

		for (size_t k = 0; k < ag->n; k++)
			progress_totals_add(h->s, ag->communities[k], h->pages->today, &at);
		progress_totals_sum(&t, &at);
		if (h->pages->nareas > AREAS_LISTED_MAX)
			continue;
		e = ctx_area_brief(h, ag);
		cJSON_AddItemToArray(areas, tally_json(&at, e));
	}
	progress_totals_sum(all, &t);
	*row = (struct chart_rate_row){ h->s->units[g->unit].name, (long)t.communities, (long)t.started, (long)t.completed,
					(long)t.plan_started, (long)t.plan_completed };
	return tally_json(&t, o);
}

/* The whole site and each subdistrict, with the rates chart. */
static void add_rates(const struct html_site *h, cJSON *ctx)
{
	const struct plan_pages *pp = h->pages;
	cJSON *arr = cJSON_AddArrayToObject(ctx, "subdistricts");
	struct chart_rate_row *rows = xcalloc(pp->ngroups + 1, sizeof(*rows));
	struct progress_totals all = { 0 };
	buf svg = BUF_INIT;

	for (size_t g = 0; g < pp->ngroups; g++)
		cJSON_AddItemToArray(arr, subdistrict_row(h, &pp->groups[g], &all, &rows[g + 1]));
	rows[0] = (struct chart_rate_row){ "全部小区", (long)all.communities, (long)all.started, (long)all.completed,
					   (long)all.plan_started, (long)all.plan_completed };
	tally_json(&all, cJSON_AddObjectToObject(ctx, "overall"));
	cj_bool(ctx, "areas_listed", pp->nareas <= AREAS_LISTED_MAX);
	chart_rates(&svg, "rates-chart", "开工率和竣工率（按街道）", rows, pp->ngroups + 1);
	cj_buf(ctx, "rates_svg", &svg);
	buf_free(&svg);
	free(rows);
}

/* Months since year 0, so that months of two years compare. */
static long month_of(struct date d)
{
	return (long)d.year * 12 + d.month - 1;
}

/* The first and last month any date of the plan or the facts falls in,
 * today's included. */
static void month_span(const struct site *s, struct date today, long *lo, long *hi)
{
	*lo = *hi = month_of(today);
	for (size_t c = 0; c < s->ncommunities; c++) {
		const struct community *m = &s->communities[c];
		struct date d[] = { m->plan_start, m->plan_end, m->started, m->completed };

		for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++)
			if (d[i].year) {
				*lo = month_of(d[i]) < *lo ? month_of(d[i]) : *lo;
				*hi = month_of(d[i]) > *hi ? month_of(d[i]) : *hi;
			}
	}
}

/* Each count at its month, then summed up to each month's end. */
static void count_months(const struct site *s, struct date today, long lo,
			 struct chart_month *m, size_t n)
{
	for (size_t c = 0; c < s->ncommunities; c++) {
		const struct community *x = &s->communities[c];

		if (x->plan_start.year)
			m[month_of(x->plan_start) - lo].plan_started++;
		if (x->plan_end.year)
			m[month_of(x->plan_end) - lo].plan_completed++;
		if (x->started.year && date_cmp(x->started, today) <= 0)
			m[month_of(x->started) - lo].started++;
		if (x->completed.year && date_cmp(x->completed, today) <= 0)
			m[month_of(x->completed) - lo].completed++;
	}
	for (size_t i = 1; i < n; i++) {
		m[i].plan_started += m[i - 1].plan_started;
		m[i].plan_completed += m[i - 1].plan_completed;
		m[i].started += m[i - 1].started;
		m[i].completed += m[i - 1].completed;
	}
	for (size_t i = 0; i < n; i++)
		m[i].actual_known = lo + (long)i <= month_of(today);
}

/* The months' table rows and the chart's labels ("4", or "" between
 * the labelled months of a long span); labels are owned by `names`. */
static cJSON *month_rows(const struct chart_month *m, size_t n, long lo, char (*names)[16])
{
	cJSON *arr = cJSON_CreateArray();
	size_t every = (n + MONTH_LABELS_MAX - 1) / MONTH_LABELS_MAX;

	for (size_t i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();
		long mo = lo + (long)i;
		char text[32];

		snprintf(text, sizeof(text), "%ld年%ld月", mo / 12, mo % 12 + 1);
		if (i % every == 0)
			snprintf(names[i], sizeof(names[i]), "%ld", mo % 12 + 1);
		cj_str(o, "month", text);
		cj_num(o, "plan_started", (double)m[i].plan_started);
		cj_num(o, "plan_completed", (double)m[i].plan_completed);
		cj_bool(o, "actual_known", m[i].actual_known);
		cj_num(o, "started", (double)m[i].started);
		cj_num(o, "completed", (double)m[i].completed);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static void add_schedule(const struct html_site *h, cJSON *ctx)
{
	long lo, hi;
	size_t n;
	struct chart_month *m;
	char (*names)[16], axis[96];
	struct chart_timeline tl;
	buf svg = BUF_INIT;

	month_span(h->s, h->pages->today, &lo, &hi);
	n = (size_t)(hi - lo + 1);
	m = xcalloc(n, sizeof(*m));
	names = xcalloc(n, sizeof(*names));
	count_months(h->s, h->pages->today, lo, m, n);
	cJSON_AddItemToObject(ctx, "months", month_rows(m, n, lo, names));
	for (size_t i = 0; i < n; i++)
		m[i].label = names[i];
	if (lo / 12 == hi / 12)
		snprintf(axis, sizeof(axis), "%ld年（月，各月底累计）", lo / 12);
	else
		snprintf(axis, sizeof(axis), "%ld年%ld月至%ld年%ld月（月底累计）", lo / 12,
			 lo % 12 + 1, hi / 12, hi % 12 + 1);
	tl = (struct chart_timeline){m, n, (long)h->s->ncommunities, axis};
	chart_schedule(&svg, "schedule-chart", "计划与实际进度（按月累计）", &tl);
	cj_buf(ctx, "schedule_svg", &svg);
	buf_free(&svg);
	free(names);
	free(m);
}

static void add_party(const struct html_site *h, cJSON *o, const char *key, size_t u)
{
	if (u != NO_INDEX && u < h->s->nunits)
		cJSON_AddItemToObject(o, key, ctx_unit_brief(h, u));
}

/* An overdue community with whom to call about it. */
static cJSON *overdue_row(const struct html_site *h, size_t c)
{
	const struct community *m = &h->s->communities[c];
	const struct progress_report *r = progress_latest(h->s, m, h->pages->today);
	cJSON *o = ctx_community_brief(h, c);
	char pct[16] = "";

	cj_date(o, "plan_end", m->plan_end);
	cj_str(o, "status_word", progress_status_name(progress_status(m, h->pages->today)));
	if (r)
		snprintf(pct, sizeof(pct), "%d%%", r->percent);
	cj_str(o, "percent", pct);
	add_party(h, o, "subdistrict_unit", m->subdistrict);
	add_party(h, o, "contractor", m->contractor);
	cj_str(o, "manager", m->manager);
	cj_phone(o, "manager_phone", m->manager_phone);
	return o;
}

static void add_overdue(const struct html_site *h, cJSON *ctx)
{
	cJSON *arr = cJSON_AddArrayToObject(ctx, "overdue");
	size_t n = 0;

	for (size_t i = 0; i < h->pages->nlisted; i++)
		if (progress_overdue(&h->s->communities[h->pages->listed[i]], h->pages->today)) {
			if (n < OVERDUE_LISTED_MAX)
				cJSON_AddItemToArray(arr, overdue_row(h, h->pages->listed[i]));
			n++;
		}
	cj_bool(ctx, "has_overdue", n > 0);
	cj_num(ctx, "overdue_unlisted", (double)(n > OVERDUE_LISTED_MAX ? n - OVERDUE_LISTED_MAX : 0));
}

/* Planned investment by source (data/funding.csv), and the targets. */
static void add_investment(const struct html_site *h, cJSON *ctx)
{
	const struct site *s = h->s;
	cJSON *arr = cJSON_AddArrayToObject(ctx, "sources");
	long long *sum = xcalloc(s->nsources + 1, sizeof(*sum));
	buf b = BUF_INIT;

	for (size_t i = 0; i < s->nfunding; i++)
		if (s->funding[i].source < s->nsources)
			sum[s->funding[i].source] += s->funding[i].amount;
	for (size_t k = 0; k < s->nsources; k++) {
		cJSON *o = cJSON_CreateObject();

		cj_str(o, "name", s->sources[k]);
		progress_money_text(&b, sum[k]);
		cj_buf(o, "amount_wan", &b);
		cJSON_AddItemToArray(arr, o);
	}
	cj_bool(ctx, "has_sources", s->nsources > 0);
	if (s->config.targets.investment > 0)
		progress_money_text(&b, s->config.targets.investment);
	cj_buf(ctx, "target_investment_wan", &b);
	buf_free(&b);
	free(sum);
}

cJSON *page_progress(const struct html_site *h, const struct page_job *j)
{
	cJSON *ctx = ctx_base(h, j, "改造进度");

	ctx_crumb(ctx, "改造进度", NULL);
	cj_date(ctx, "as_of", h->pages->today);
	add_rates(h, ctx);
	add_schedule(h, ctx);
	add_overdue(h, ctx);
	add_investment(h, ctx);
	ctx_description(ctx, "各小区开工、竣工情况，按街道、片区统计的开工率和竣工率，"
			     "逾期未竣工的小区和责任单位，计划投资和完成投资。");
	return ctx;
}
