#include "html/pages.h"

/* News items the home page lists. */
#define HOME_NEWS 5

/* Where the plan stands on `today`: the phase it falls in, or that the
 * plan has not begun or is over. */
static void add_stage(const struct html_site *h, cJSON *ctx)
{
	const struct site *s = h->s;
	cJSON *st = cJSON_AddObjectToObject(ctx, "stage");
	size_t at = site_phase_at(s, h->today);
	int before = at < s->nphases && s->phases[at].start.year &&
		     date_cmp(h->today, s->phases[at].start) < 0;

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
	ctx_area_totals((long)s->ncommunities, h->total_households, h->total_cm2, totals);
	cj_num(totals, "units", (double)s->nunits);
	cj_num(totals, "items", (double)s->nitems);
	cJSON_AddItemToObject(ctx, "subdistricts", ctx_subdistrict_groups(h, 0));
	cJSON_AddItemToObject(ctx, "phases", ctx_phases(h, NO_INDEX));
	add_stage(h, ctx);

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
