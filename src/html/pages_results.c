/* The notice cycle's public record on the website (issue 20):
 *
 *   communities/ID/result/index.html   a community's 征求意见结果: its
 *       periods, each opinion with its answer, what changed in the plan,
 *       the consent survey, and the result notice (communities/ID/result.pdf);
 *   results/index.html (results/page/N/index.html past list_per_page)
 *       every community whose result is out: the period, the opinions
 *       received and adopted, a link to its result;
 *   and on each community's page (page_results_community): every posting
 *       with its dates and PDF (communities/ID/notice.pdf, notice-N.pdf
 *       for the 再公示 of round N), the consent rate against the threshold
 *       and the result's summary.
 *
 * Whether a result is out is model/result.h's decision, as of h->pages->today.
 * The PDF links sit where a build without PDFs drops them: under `pdf`
 * (html/render.c's drop_pdf_links), the rounds' own ones shown only
 * inside {{#pdf}}.  Nothing here is shown of a resident: the opinions'
 * summaries were checked for personal data when read (model/cycle.h). */
#include <stdio.h>
#include <string.h>

#include "html/pages.h"
#include "model/cycle.h"
#include "model/result.h"
#include "util/escape.h"
#include "util/invisible.h"

/* "communities/ID/<file>", percent-encoded. */
static void href_in_community(buf *out, const char *id, const char *file)
{
	buf_puts(out, "communities/");
	escape_url_path(out, id, strlen(id));
	buf_printf(out, "/%s", file);
}

/* Items as [{title, description}]. */
static cJSON *item_array(const struct site *s, const size_t *ix, size_t n)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();

		cj_str(o, "title", s->items[ix[i]].title);
		cj_str(o, "description", s->items[ix[i]].description);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

/* One posting: its name, dates, issuer, changes against the round
 * before, and its PDF's href and download name (shown under `pdf`). */
static cJSON *round_brief(const struct html_site *h, const struct community *m,
			  const struct posting *p)
{
	cJSON *o = cJSON_CreateObject();
	buf b = BUF_INIT;
	char file[32];

	cj_num(o, "round", p->round);
	cj_str(o, "name", p->round > 1 ? "再公示" : "公示");
	cj_date(o, "posted", p->posted);
	cj_date(o, "deadline", p->deadline);
	cj_num(o, "days", p->days);
	cj_str(o, "unit", p->working ? "工作日" : "自然日");
	cj_str(o, "issuer", p->issuer);
	cj_str(o, "note", p->note);
	cj_bool(o, "ended", p->deadline.year && date_cmp(p->deadline, h->pages->today) < 0);
	cj_bool(o, "repost", p->round > 1);
	cJSON_AddItemToObject(o, "added", item_array(h->s, p->added, p->nadded));
	cJSON_AddItemToObject(o, "removed", item_array(h->s, p->removed, p->nremoved));
	cj_bool(o, "changed", p->nadded || p->nremoved);
	cj_bool(o, "has_added", p->nadded > 0);
	cj_bool(o, "has_removed", p->nremoved > 0);
	cj_num(o, "item_count", (double)p->nitems);
	if (p->round > 1)
		snprintf(file, sizeof(file), "notice-%d.pdf", p->round);
	else
		snprintf(file, sizeof(file), "notice.pdf");
	href_in_community(&b, m->id, file);
	cj_buf(o, "pdf_href", &b);
	invisible_file_name(&b, m->name);
	if (p->round > 1)
		buf_printf(&b, "改造方案再公示（第%d次公示）.pdf", p->round);
	else
		buf_puts(&b, "改造方案公示.pdf");
	cj_buf(o, "pdf_download", &b);
	buf_free(&b);
	return o;
}

static cJSON *rounds(const struct html_site *h, const struct community *m)
{
	const struct posting *p = cycle_postings(h->s, m);
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; p && i < m->npostings; i++)
		cJSON_AddItemToArray(arr, round_brief(h, m, &p[i]));
	return arr;
}

/* The consent survey against the threshold, or nothing. */
static void add_consent(const struct html_site *h, cJSON *ctx, const struct community *m)
{
	const struct consent *k = cycle_consent(h->s, m);
	cJSON *o;
	char rate[16];
	buf b = BUF_INIT;

	if (k == NULL)
		return;
	o = cJSON_AddObjectToObject(ctx, "consent");
	cj_num(o, "asked", (double)k->asked);
	cj_num(o, "agreed", (double)k->agreed);
	cj_num(o, "disagreed", (double)k->disagreed);
	cj_num(o, "no_reply", (double)k->no_reply);
	cycle_consent_rate(k, rate);
	cj_str(o, "rate", rate);
	result_threshold_text(&b, h->s);
	cj_buf(o, "threshold", &b);
	cj_bool(o, "reached", cycle_consent_reached(h->s, k));
	cj_date(o, "date", k->date);
	buf_free(&b);
}

/* The counts of `r` and their sentence. */
static cJSON *result_brief(const struct community *m, const struct result *r)
{
	cJSON *o = cJSON_CreateObject();
	buf b = BUF_INIT;

	cj_num(o, "opinions", (double)r->opinions);
	cj_num(o, "adopted", (double)r->adopted);
	cj_num(o, "partly", (double)r->partly);
	cj_num(o, "not_adopted", (double)r->not_adopted);
	result_summary(&b, r);
	cj_buf(o, "summary", &b);
	cj_date(o, "date", r->date);
	cj_str(o, "issuer", r->last->issuer);
	cj_date(o, "from", r->first->posted);
	cj_date(o, "to", r->last->deadline);
	cj_num(o, "round_count", (double)(r->last - r->first + 1));
	cj_bool(o, "has_opinions", r->opinions > 0);
	cj_bool(o, "has_partly", r->partly > 0);
	href_in_community(&b, m->id, "result/index.html");
	cj_buf(o, "href", &b);
	buf_free(&b);
	return o;
}

/* After a 再公示 the page's download button (`pdf`, add_pdf in
 * pages_communities.c) offers the notice in force, the last round's, not
 * the first one it replaced; `pdf.repost` says which it is. */
static void latest_notice(cJSON *ctx, const cJSON *last)
{
	cJSON *pdf = cJSON_GetObjectItemCaseSensitive(ctx, "pdf");
	const char *href = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(last, "pdf_href"));
	const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(last, "pdf_download"));

	if (pdf == NULL || href == NULL || name == NULL)
		return;
	cJSON_ReplaceItemInObjectCaseSensitive(pdf, "href", cJSON_CreateString(href));
	cJSON_ReplaceItemInObjectCaseSensitive(pdf, "download", cJSON_CreateString(name));
	cj_bool(pdf, "repost", 1);
}

void page_results_community(const struct html_site *h, cJSON *ctx, size_t c)
{
	const struct community *m = &h->s->communities[c];
	struct result r;

	/* One posting is the notice the page already shows: the list of
	 * rounds only when there has been a 再公示. */
	int any = 0;

	cj_bool(ctx, "has_rounds", m->npostings > 1);
	if (m->npostings > 1) {
		cJSON *all = rounds(h, m);

		cJSON_AddItemToObject(ctx, "rounds", all), any = 1;
		latest_notice(ctx, cJSON_GetArrayItem(all, cJSON_GetArraySize(all) - 1));
	}
	if (cycle_consent(h->s, m))
		add_consent(h, ctx, m), any = 1;
	if (result_of(h->s, m, h->pages->today, &r))
		cJSON_AddItemToObject(ctx, "result", result_brief(m, &r)), any = 1;
	else if (result_site_has(h->s) && result_count(h->s, m, &r) && r.last->deadline.year)
		cj_date(ctx, "result_after", r.last->deadline), any = 1;
	/* The section only when it has something: a site without the
	 * cycle's tables gets none. */
	cj_bool(ctx, "has_cycle", any);
}

/* Each opinion with its answer. */
static cJSON *opinion_list(const struct site *s, const struct community *m)
{
	static const char *const keys[] = { "adopted", "partly", "not-adopted" };
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; i < m->nopinions; i++) {
		const struct opinion *op = &s->opinions[m->opinion_at + i];
		cJSON *o = cJSON_CreateObject();

		cj_num(o, "number", (double)(i + 1));
		cj_date(o, "date", op->date);
		cj_str(o, "channel", op->channel);
		cj_str(o, "summary", op->summary);
		cj_str(o, "answer", op->answer);
		cj_str(o, "result", cycle_opinion_result_name(op->result));
		cj_str(o, "result_key", keys[op->result]);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

cJSON *page_result(const struct html_site *h, const struct page_job *j)
{
	const struct site *s = h->s;
	const struct community *m = &s->communities[j->index];
	cJSON *ctx, *pdf;
	struct result r;
	buf b = BUF_INIT;

	buf_printf(&b, "%s征求意见结果", m->name);
	ctx = ctx_base(h, j, buf_cstr(&b));
	buf_reset(&b);
	ctx_crumb(ctx, "小区名单", "communities/index.html");
	href_community(&b, m->id);
	ctx_crumb(ctx, m->name, buf_cstr(&b));
	buf_reset(&b);
	ctx_crumb(ctx, "征求意见结果", NULL);
	cJSON_AddItemToObject(ctx, "community", ctx_community_brief(h, j->index));
	/* The page exists only once the result is out (plan/pages.c). */
	memset(&r, 0, sizeof(r));
	if (!result_of(s, m, h->pages->today, &r))
		result_count(s, m, &r);
	cJSON_AddItemToObject(ctx, "result", result_brief(m, &r));
	cJSON_AddItemToObject(ctx, "rounds", rounds(h, m));
	cj_bool(ctx, "changed", m->npostings > 1);
	cJSON_AddItemToObject(ctx, "opinions", opinion_list(s, m));
	add_consent(h, ctx, m);
	ctx_pub_date(ctx, r.date);
	pdf = cJSON_AddObjectToObject(ctx, "pdf");
	href_in_community(&b, m->id, "result.pdf");
	cj_buf(pdf, "href", &b);
	invisible_file_name(&b, m->name);
	buf_puts(&b, "改造方案征求意见结果公告.pdf");
	cj_buf(pdf, "download", &b);
	result_summary(&b, &r);
	buf_printf(&b, "。%s改造方案公示期间居民意见的答复和方案调整情况。", m->name);
	ctx_description(ctx, buf_cstr(&b));
	buf_free(&b);
	return ctx;
}

/* How many listed communities' results are out: the list's length.  The
 * plan counts the same to decide the list's pages (plan/pages.c,
 * list_results) but does not keep the count; once plan_pages does, this
 * reads it there. */
static size_t results_count(const struct html_site *h)
{
	struct result r;
	size_t n = 0;

	for (size_t i = 0; i < h->pages->nlisted; i++)
		n += result_of(h->s, &h->s->communities[h->pages->listed[i]], h->pages->today, &r);
	return n;
}

/* The page of the list with entries [from, to) of those whose result is
 * out, in list order; the totals over all of them into `t`. */
static void results_slice(const struct html_site *h, size_t from, size_t to, cJSON *ctx,
			  cJSON *t)
{
	size_t k = 0, opinions = 0, adopted = 0, partly = 0, pending = 0;
	/* Those with opinions in a table, the others (most, on a big site)
	 * as a list of names: a phone scrolls past far less. */
	cJSON *with = cJSON_AddArrayToObject(ctx, "with_opinions");
	cJSON *without = cJSON_AddArrayToObject(ctx, "without_opinions");
	struct result r;

	for (size_t i = 0; i < h->pages->nlisted; i++) {
		size_t c = h->pages->listed[i];
		const struct community *m = &h->s->communities[c];

		if (!result_of(h->s, m, h->pages->today, &r)) {
			pending += result_count(h->s, m, &r);
			continue;
		}
		opinions += r.opinions, adopted += r.adopted, partly += r.partly;
		if (k >= from && k < to) {
			cJSON *o = ctx_community_brief(h, c);

			cJSON_AddItemToObject(o, "result", result_brief(m, &r));
			cJSON_AddItemToArray(r.opinions ? with : without, o);
		}
		k++;
	}
	cj_num(t, "communities", (double)k);
	cj_num(t, "opinions", (double)opinions);
	cj_num(t, "adopted", (double)adopted);
	cj_num(t, "partly", (double)partly);
	cj_num(t, "pending", (double)pending);
	/* Booleans: Mustache takes every number, 0 too, as true. */
	cj_bool(t, "has_partly", partly > 0);
	cj_bool(t, "has_pending", pending > 0);
	cj_bool(ctx, "has_with", cJSON_GetArraySize(with) > 0);
	cj_bool(ctx, "has_without", cJSON_GetArraySize(without) > 0);
}

cJSON *page_results(const struct html_site *h, const struct page_job *j)
{
	size_t n = results_count(h), per = h->pages->list_per_page;
	size_t pages = plan_list_page_count(n, per);
	size_t from = j->page * per, to = from + per < n ? from + per : n;
	cJSON *ctx, *t;
	char crumb[32];

	if (j->page) {
		snprintf(crumb, sizeof(crumb), "征求意见结果（第%zu页）", j->page + 1);
		ctx = ctx_base(h, j, crumb);
		ctx_crumb(ctx, "征求意见结果", "results/index.html");
		snprintf(crumb, sizeof(crumb), "第%zu页", j->page + 1);
		ctx_crumb(ctx, crumb, NULL);
	} else {
		ctx = ctx_base(h, j, "征求意见结果");
		ctx_crumb(ctx, "征求意见结果", NULL);
	}
	t = cJSON_AddObjectToObject(ctx, "totals");
	results_slice(h, from, to, ctx, t);
	cj_num(ctx, "shown_from", (double)(from + 1));
	cj_num(ctx, "shown_to", (double)to);
	ctx_pagination(ctx, "results", j->page, pages);
	ctx_description(ctx, "各小区改造方案公示期间收到的居民意见、采纳情况和答复。");
	return ctx;
}

void page_results_link(const struct html_site *h, cJSON *ctx)
{
	if (result_site_has(h->s))
		cj_str(ctx, "results_href", "results/index.html");
}
