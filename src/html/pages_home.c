#include "html/chart.h"
#include "html/pages.h"
#include "model/progress.h"

/* News items the home page lists. */
#define HOME_NEWS 5

/* Where the plan stands on `today`: the phase it falls in, or that the
 * plan has not begun or is over. */
static void add_stage(const struct html_site *h, cJSON *ctx)
{
	const struct site *s = h->s;
	cJSON *st = cJSON_AddObjectToObject(ctx, "stage");
	size_t at = site_phase_at(s, h->pages->today);
	int before = at < s->nphases && s->phases[at].start.year &&
		     date_cmp(h->pages->today, s->phases[at].start) < 0;

	cj_bool(st, "finished", s->nphases && at >= s->nphases);
	cj_bool(st, "not_started", at == 0 && before);
	if (at < s->nphases) {
		cJSON *p = cJSON_AddObjectToObject(st, before ? "next" : "current");

		cj_str(p, "name", s->phases[at].name);
		cj_str(p, "description", s->phases[at].description);
		cj_date(p, "start", s->phases[at].start);
		cj_date(p, "end", s->phases[at].end);
	}
}

/* One row of the home page's target-against-actual table: the plan's
 * figure `t` and the actual `a` as text, and a of t as a percentage
 * ("" when the target is not known). */
static void target_row(cJSON *arr, const char *what, const char *t, const char *a,
		       long long tn, long long an)
{
	cJSON *o = cJSON_CreateObject();
	buf b = BUF_INIT;

	cj_str(o, "what", what);
	cj_str(o, "target", t);
	cj_str(o, "actual", a);
	if (tn > 0)
		chart_percent(&b, (long)an, (long)tn);
	cj_buf(o, "rate", &b);
	cJSON_AddItemToArray(arr, o);
	buf_free(&b);
}

/* Completed by today: communities, households, floor area; started
 * communities; planned and invested money (元). */
struct done {
	long started, completed, households;
	long long cm2, planned, invested;
};

static void count_done(const struct html_site *h, struct done *d)
{
	const struct site *s = h->s;

	for (size_t i = 0; i < s->ncommunities; i++) {
		const struct community *m = &s->communities[i];
		const struct progress_report *r = progress_latest(s, m, h->pages->today);
		enum progress_status st = progress_status(m, h->pages->today);

		d->started += st != STATUS_NOT_STARTED;
		if (st == STATUS_COMPLETED || st == STATUS_ACCEPTED) {
			d->completed++;
			d->households += m->households;
			d->cm2 += m->floor_area_cm2;
		}
		d->planned += m->investment > 0 ? m->investment : 0;
		d->invested += r && r->invested > 0 ? r->invested : 0;
	}
}

/* Target against actual for communities, households, area and money as
 * of today (only with progress facts), linking the progress page.  The
 * targets are site.yaml's, else the totals of the tables. */
static void add_progress(const struct html_site *h, cJSON *ctx)
{
	const struct config *c = &h->s->config;
	const struct totals_sum *all = &h->pages->totals.all;
	cJSON *arr = cJSON_AddArrayToObject(cJSON_AddObjectToObject(ctx, "progress"), "rows");
	struct done d = { 0 };
	long n = c->targets.communities > 0 ? c->targets.communities : (long)h->s->ncommunities;
	long hh = c->targets.households > 0 ? c->targets.households : all->households;
	long long area = c->targets.floor_area_cm2 > 0 ? c->targets.floor_area_cm2 : all->cm2;
	long long money;
	char t[48], a[48];
	buf tb = BUF_INIT, ab = BUF_INIT;

	count_done(h, &d);
	money = c->targets.investment > 0 ? c->targets.investment : d.planned;
	snprintf(t, sizeof(t), "%ld", n);
	snprintf(a, sizeof(a), "%ld", d.started);
	target_row(arr, "开工小区（个）", t, a, n, d.started);
	snprintf(a, sizeof(a), "%ld", d.completed);
	target_row(arr, "竣工小区（个）", t, a, n, d.completed);
	snprintf(t, sizeof(t), "%ld", hh);
	snprintf(a, sizeof(a), "%ld", d.households);
	target_row(arr, "竣工户数（户）", t, a, hh, d.households);
	format_area_wan(area, t);
	format_area_wan(d.cm2, a);
	target_row(arr, "竣工面积（万平方米）", t, a, area, d.cm2);
	if (money > 0)
		progress_money_text(&tb, money);
	progress_money_text(&ab, d.invested);
	target_row(arr, "完成投资（万元）", buf_cstr(&tb), buf_cstr(&ab), money, d.invested);
	buf_free(&tb);
	buf_free(&ab);
}

cJSON *page_home(const struct html_site *h, const struct page_job *j)
{
	const struct site *s = h->s;
	cJSON *ctx = ctx_base(h, j, s->config.title);
	cJSON *totals, *news;
	struct date newest = s->config.notice.date;

	if (s->index_page) {
		cj_str(ctx, "intro_title", s->index_page->title);
		cj_markdown(h, ctx, "intro_html", s->index_page->body_md, 2);
		ctx_description(ctx, s->index_page->body_md);
	} else {
		cj_str(ctx, "intro_title", "");
		cj_str(ctx, "intro_html", "");
	}
	cj_str(ctx, "plan_title", s->plan_page && *s->plan_page->title
					  ? s->plan_page->title
					  : s->config.notice.plan_title);
	/* The plan's own date (content/plan.md's date:), never the notice's:
	 * the two are different documents. */
	cj_date(ctx, "plan_date", s->plan_page ? s->plan_page->date : (struct date){ 0, 0, 0 });
	totals = cJSON_AddObjectToObject(ctx, "totals");
	ctx_area_totals((long)s->ncommunities, h->pages->totals.all.households,
			h->pages->totals.all.cm2, totals);
	cj_num(totals, "units", (double)s->nunits);
	cj_num(totals, "items", (double)s->nitems);
	cJSON_AddItemToObject(ctx, "subdistricts", ctx_subdistrict_groups(h, 0));
	cJSON_AddItemToObject(ctx, "phases", ctx_phases(h, NO_INDEX));
	add_stage(h, ctx);
	if (h->pages->has_progress)
		add_progress(h, ctx);
	page_results_link(h, ctx);

	news = cJSON_AddArrayToObject(ctx, "news");
	for (size_t i = 0; i < s->nnews && i < HOME_NEWS; i++)
		cJSON_AddItemToArray(news, ctx_news_brief(h, s->news[i]));
	cj_bool(ctx, "more_news", s->nnews > HOME_NEWS);
	/* The home page changes with the news: its PubDate is the latest. */
	if (s->nnews && date_cmp(s->news[0]->date, newest) > 0)
		newest = s->news[0]->date;
	if (newest.year)
		ctx_pub_date(ctx, newest);
	return ctx;
}
