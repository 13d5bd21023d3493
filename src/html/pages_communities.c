#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html/community_progress.h"
#include "html/pages.h"
#include "model/cycle.h"
#include "model/progress.h"
#include "plan/pdfs.h"
#include "util/escape.h"
#include "util/invisible.h"

/* The communities listed[from..to) grouped as the list shows them:
 * subdistricts, each with its areas, each with its communities.  Totals
 * are the whole group's, so a group split over pages reads the same on
 * each; `continued` marks a group begun on an earlier page.  The filter's
 * choices are the groups present (in `f`). */
static cJSON *list_slice(const struct html_site *h, size_t from, size_t to, cJSON *f)
{
	const struct site *s = h->s;
	const struct plan_pages *pp = h->pages;
	cJSON *arr = cJSON_CreateArray();
	cJSON *fsd = cJSON_AddArrayToObject(f, "subdistricts");
	cJSON *fareas = cJSON_AddArrayToObject(f, "areas");
	cJSON *sd = NULL, *areas = NULL, *list = NULL;
	const struct area_group *cur = NULL;
	size_t cursd = NO_INDEX;

	for (size_t i = from; i < to; i++) {
		size_t c = pp->listed[i];
		size_t u = s->communities[c].subdistrict;
		const struct area_group *ag = pp->area_of[c];

		if (u != cursd) {
			const struct subdistrict_group *g = pp->groups;
			cJSON *o;

			while (g->unit != u)
				g++;
			sd = ctx_unit_brief(h, u);
			ctx_area_totals((long)g->n, g->households, g->cm2, sd);
			cj_bool(sd, "continued",
				i > 0 && s->communities[pp->listed[i - 1]].subdistrict == u);
			areas = cJSON_AddArrayToObject(sd, "areas");
			cJSON_AddItemToArray(arr, sd);
			o = cJSON_CreateObject();
			cj_str(o, "value", s->units[u].id);
			cj_str(o, "label", s->units[u].name);
			cJSON_AddItemToArray(fsd, o);
			cursd = u;
			cur = NULL;
		}
		if (ag != cur) {
			cJSON *e = cJSON_CreateObject(), *o = cJSON_CreateObject();
			const char *name = *ag->name ? ag->name : "其他";

			cj_str(e, "name", name);
			cj_str(e, "key", ag->key);
			ctx_area_totals((long)ag->n, ag->households, ag->cm2, e);
			cj_bool(e, "continued", i > 0 && pp->area_of[pp->listed[i - 1]] == ag);
			list = cJSON_AddArrayToObject(e, "communities");
			cJSON_AddItemToArray(areas, e);
			cj_str(o, "value", ag->key);
			cj_str(o, "label", name);
			cj_str(o, "subdistrict", s->units[u].id);
			cj_str(o, "subdistrict_name", s->units[u].name);
			cJSON_AddItemToArray(fareas, o);
			cur = ag;
		}
		cJSON_AddItemToArray(list, ctx_community_brief(h, c));
	}
	return arr;
}

static void add_choice(cJSON *arr, const char *value, const char *label)
{
	cJSON *o = cJSON_CreateObject();

	cj_str(o, "value", value);
	cj_str(o, "label", label);
	cJSON_AddItemToArray(arr, o);
}

/* The statuses of the communities listed[from..to), as the rows' status
 * says them (ctx_community_brief): with progress facts, the status words
 * in their order, then 逾期 (a row's data-status holds both words);
 * else the phases, in phase order. */
static cJSON *statuses(const struct html_site *h, size_t from, size_t to, cJSON *f)
{
	const struct site *s = h->s;
	cJSON *st = cJSON_AddArrayToObject(f, "statuses");
	int seen[STATUS_ACCEPTED + 1] = { 0 }, overdue = 0;

	if (!h->pages->has_progress) {
		for (size_t p = 0; p < s->nphases; p++) {
			size_t i = from;

			while (i < to && s->communities[h->pages->listed[i]].status != p)
				i++;
			if (i < to)
				add_choice(st, s->phases[p].id, s->phases[p].name);
		}
		return f;
	}
	for (size_t i = from; i < to; i++) {
		const struct community *m = &s->communities[h->pages->listed[i]];

		seen[progress_status(m, h->pages->today)] = 1;
		overdue |= progress_overdue(m, h->pages->today);
	}
	for (int k = STATUS_NOT_STARTED; k <= STATUS_ACCEPTED; k++)
		if (seen[k])
			add_choice(st, progress_status_key(k), progress_status_name(k));
	if (overdue)
		add_choice(st, "overdue", "逾期");
	return f;
}

/* "小区名单" and, past the first page, "小区名单（第N页）". */
static void page_title(buf *out, const char *title, size_t page)
{
	if (page)
		buf_printf(out, "%s（第%zu页）", title, page + 1);
	else
		buf_puts(out, title);
}

cJSON *page_communities(const struct html_site *h, const struct page_job *j)
{
	const struct site *s = h->s;
	const struct plan_pages *pp = h->pages;
	size_t per = pp->list_per_page, pages = plan_list_page_count(pp->nlisted, per);
	size_t from = j->page * per, to = from + per < pp->nlisted ? from + per : pp->nlisted;
	char crumb[32];
	cJSON *ctx, *f;
	buf title = BUF_INIT;

	page_title(&title, "小区名单", j->page);
	ctx = ctx_base(h, j, buf_cstr(&title));
	buf_free(&title);
	if (j->page) {
		ctx_crumb(ctx, "小区名单", "communities/index.html");
		snprintf(crumb, sizeof(crumb), "第%zu页", j->page + 1);
		ctx_crumb(ctx, crumb, NULL);
	} else {
		ctx_crumb(ctx, "小区名单", NULL);
	}
	if (from > to)
		from = to;
	f = statuses(h, from, to, cJSON_CreateObject());
	cJSON_AddItemToObject(ctx, "subdistricts", list_slice(h, from, to, f));
	/* A choice of one filters nothing: such a select is left out. */
	cj_bool(f, "many_subdistricts",
		cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(f, "subdistricts")) > 1);
	cj_bool(f, "many_areas", cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(f, "areas")) > 1);
	cj_bool(f, "many_statuses",
		cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(f, "statuses")) > 1);
	cJSON_AddItemToObject(ctx, "filters", f);
	/* The index of areas: each area's own pages, on the first page. */
	if (pages > 1 && j->page == 0)
		cJSON_AddItemToObject(ctx, "area_index", ctx_subdistrict_groups(h, 0));
	cj_bool(ctx, "has_area_index", pages > 1 && j->page == 0);
	cj_bool(ctx, "areas_listed", pp->nareas <= AREAS_LISTED_MAX);
	ctx_area_totals((long)s->ncommunities, pp->totals.all.households, pp->totals.all.cm2,
			cJSON_AddObjectToObject(ctx, "totals"));
	cj_num(ctx, "shown_from", (double)(from + 1));
	cj_num(ctx, "shown_to", (double)to);
	ctx_pagination(ctx, "communities", j->page, pages);
	page_results_link(h, ctx);
	ctx_description(ctx, "全部改造小区的名单，按街道和片区排列，含户数、建筑面积和改造进度。");
	return ctx;
}

cJSON *page_area(const struct html_site *h, const struct page_job *j)
{
	const struct site *s = h->s;
	const struct area_group *ag = h->pages->areas[j->index];
	size_t per = h->pages->list_per_page, pages = plan_list_page_count(ag->n, per);
	size_t from = j->page * per, to = from + per < ag->n ? from + per : ag->n;
	size_t u = s->communities[ag->communities[0]].subdistrict;
	cJSON *ctx, *list, *o;
	char crumb[32], dir[48], *name;
	buf b = BUF_INIT;

	buf_printf(&b, "%s%s", s->units[u].name, *ag->name ? ag->name : "其他");
	name = buf_detach(&b);
	page_title(&b, name, j->page);
	ctx = ctx_base(h, j, buf_cstr(&b));
	buf_reset(&b);
	ctx_crumb(ctx, "小区名单", "communities/index.html");
	snprintf(dir, sizeof(dir), "communities/area/%s", ag->key);
	if (j->page) {
		plan_list_page_path(&b, dir, 0);
		ctx_crumb(ctx, name, buf_cstr(&b));
		buf_reset(&b);
		snprintf(crumb, sizeof(crumb), "第%zu页", j->page + 1);
		ctx_crumb(ctx, crumb, NULL);
	} else {
		ctx_crumb(ctx, name, NULL);
	}
	o = cJSON_AddObjectToObject(ctx, "area");
	cj_str(o, "name", *ag->name ? ag->name : "其他");
	cj_str(o, "key", ag->key);
	cJSON_AddItemToObject(ctx, "subdistrict_unit", ctx_unit_brief(h, u));
	ctx_area_totals((long)ag->n, ag->households, ag->cm2, cJSON_AddObjectToObject(ctx, "totals"));
	list = cJSON_AddArrayToObject(ctx, "communities");
	for (size_t i = from; i < to; i++)
		cJSON_AddItemToArray(list, ctx_community_brief(h, ag->communities[i]));
	cj_num(ctx, "shown_from", (double)(from + 1));
	cj_num(ctx, "shown_to", (double)to);
	ctx_pagination(ctx, dir, j->page, pages);
	buf_printf(&b, "%s的改造小区名单，含户数、建筑面积和改造进度。", name);
	ctx_description(ctx, buf_cstr(&b));
	buf_free(&b);
	free(name);
	return ctx;
}

static void add_facts(const struct html_site *h, cJSON *ctx, const struct community *m,
		      size_t c)
{
	cJSON *o = ctx_community_brief(h, c);
	char num[24] = "";

	/* Strings, empty when not given: Mustache counts 0 as true. */
	if (m->buildings)
		snprintf(num, sizeof(num), "%d", m->buildings);
	cj_str(o, "buildings", num);
	num[0] = '\0';
	if (m->built_year)
		snprintf(num, sizeof(num), "%d", m->built_year);
	cj_str(o, "built_year", num);
	cj_str(o, "elevator", m->elevator < 0 ? "" : m->elevator ? "是" : "否");
	cj_bool(o, "has_elevator_info", m->elevator >= 0);
	cj_str(o, "contact", m->contact);
	cj_phone(o, "phone", m->phone);
	cJSON_AddItemToObject(ctx, "community", o);
}

/* The period is the community's latest posting's as of today (a 再公示
 * replaces the first): its issuer, dates and unit (model/cycle.h). */
static void add_feedback(const struct html_site *h, cJSON *ctx,
			 const struct community *m)
{
	const struct config *c = &h->s->config;
	cJSON *fb = cJSON_AddObjectToObject(ctx, "feedback");
	const struct posting *p = cycle_posting_at(h->s, m, h->pages->today);
	struct date end = p ? p->deadline : site_publicity_end(h->s);

	cj_phone(fb, "phone", c->feedback.phone);
	cj_str(fb, "address", c->feedback.address);
	cj_num(fb, "days", p ? p->days : c->notice.publicity_days);
	cj_str(fb, "unit", p && !p->working ? "天" : "个工作日");
	cj_str(fb, "issuer", p ? p->issuer : "");
	cj_num(fb, "round", p ? p->round : 1);
	cj_date(fb, "start", p ? p->posted : site_notice_date(h->s));
	cj_date(fb, "end", end);
	cj_bool(fb, "has_period", end.year != 0);
	/* A page built after the period says so, instead of inviting
	 * comments by a date that has passed. */
	cj_bool(fb, "ended", end.year != 0 && date_cmp(end, h->pages->today) < 0);
}

/* How many item titles the first screen names before "等 N 项". */
#define GLANCE_ITEMS 3

/* What the first screen of a phone answers before the details: what is
 * done here (the first item titles), and when (the community's phase).
 * docs/templates.md, community: items_preview, items_more, phase_now. */
static void add_glance(const struct html_site *h, cJSON *ctx, const struct community *m)
{
	buf b = BUF_INIT;
	size_t n = m->nitems < GLANCE_ITEMS ? m->nitems : GLANCE_ITEMS;

	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? "、" : "", h->s->items[m->items[i]].title);
	cj_buf(ctx, "items_preview", &b);
	cj_bool(ctx, "items_more", m->nitems > n);
	buf_free(&b);
	if (m->status < h->s->nphases && !h->pages->has_progress) {
		const struct phase *p = &h->s->phases[m->status];
		cJSON *o = cJSON_AddObjectToObject(ctx, "phase_now");

		cj_str(o, "name", p->name);
		cj_date(o, "start", p->start);
		cj_date(o, "end", p->end);
	}
}

static cJSON *community_news(const struct html_site *h, size_t c)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t k = h->pages->news_at[c]; k < h->pages->news_at[c + 1]; k++)
		cJSON_AddItemToArray(arr, ctx_news_brief(h, h->s->news[h->pages->news_of[k]]));
	return arr;
}

/* The links to the community's notice and poster, when it has them. */
static void add_pdf(cJSON *ctx, const struct site *s, size_t c)
{
	const struct community *m = &s->communities[c];
	cJSON *pdf;
	buf b = BUF_INIT;
	char *path;

	if (!plan_has_notice(s, c))
		return;
	pdf = cJSON_AddObjectToObject(ctx, "pdf");
	/* The paths are the plan's (plan/pdfs.h), percent-encoded. */
	path = plan_notice_path(s, c);
	escape_url_path(&b, path, strlen(path));
	free(path);
	cj_buf(pdf, "href", &b);
	/* A file name: nothing in the name may hide what it is. */
	invisible_file_name(&b, m->name);
	buf_puts(&b, "改造方案公示.pdf");
	cj_buf(pdf, "download", &b);
	/* The one-sheet poster (公示牌) beside it, named the same way. */
	path = plan_poster_path(s, c);
	escape_url_path(&b, path, strlen(path));
	free(path);
	cj_buf(pdf, "poster_href", &b);
	invisible_file_name(&b, m->name);
	buf_puts(&b, "改造方案公示牌.pdf");
	cj_buf(pdf, "poster_download", &b);
	cj_str(pdf, "poster_paper", s->config.poster.a4 ? "A4" : "A3");
	buf_free(&b);
}

cJSON *page_community(const struct html_site *h, const struct page_job *j)
{
	const struct site *s = h->s;
	const struct community *m = &s->communities[j->index];
	cJSON *ctx = ctx_base(h, j, m->name);
	cJSON *items = cJSON_AddArrayToObject(ctx, "items");
	cJSON *contacts = cJSON_AddArrayToObject(ctx, "contacts");
	cJSON *utilities = cJSON_AddArrayToObject(ctx, "utilities");
	cJSON *news;
	buf b = BUF_INIT;

	ctx_crumb(ctx, "小区名单", "communities/index.html");
	ctx_crumb(ctx, m->name, NULL);
	add_facts(h, ctx, m, j->index);
	cJSON_AddItemToObject(ctx, "subdistrict_unit", ctx_unit_brief(h, m->subdistrict));
	if (m->contractor != NO_INDEX)
		cJSON_AddItemToObject(ctx, "contractor", ctx_unit_brief(h, m->contractor));
	for (size_t i = 0; i < m->nitems; i++) {
		const struct item *it = &s->items[m->items[i]];
		cJSON *o = cJSON_CreateObject();

		cj_str(o, "code", it->code);
		cj_str(o, "title", it->title);
		cj_str(o, "description", it->description);
		cj_str(o, "category", it->category);
		cJSON_AddItemToArray(items, o);
	}
	cj_num(ctx, "item_count", (double)m->nitems);

	ctx_unit_contact(h, contacts, "所属街道", m->subdistrict);
	if (site_lead_unit(s) != NO_INDEX)
		ctx_unit_contact(h, contacts, "主管部门", site_lead_unit(s));
	if (m->contractor != NO_INDEX)
		ctx_unit_contact(h, contacts, "施工单位", m->contractor);
	if (*m->contact || *m->phone)
		ctx_contact(contacts, "小区联系人", m->contact, m->phone, "");
	for (size_t u = 0; u < s->nunits; u++)
		if (s->units[u].kind == UNIT_UTILITY)
			cJSON_AddItemToArray(utilities, ctx_unit_brief(h, u));

	cj_bool(ctx, "has_utilities", cJSON_GetArraySize(utilities) > 0);
	/* With progress facts the status comes from them, and the phases are
	 * the plan's, relative to today: the 进度 phase id would contradict
	 * them (issue 19). */
	cJSON_AddItemToObject(ctx, "phases",
			      ctx_phases(h, h->pages->has_progress ? NO_INDEX : m->status));
	/* communities.csv says where each community is as of today: the page
	 * says so rather than "now". */
	cj_date(ctx, "status_as_of", h->pages->today);
	if (h->pages->has_progress) {
		community_progress_add(h, ctx, contacts, j->index, &b);
	} else if (m->status < s->nphases) {
		char d[32];

		date_chinese(h->pages->today, d);
		buf_printf(&b, "截至%s，本小区处于%s。", d, s->phases[m->status].name);
	}
	cj_buf(ctx, "status_sentence", &b);
	add_feedback(h, ctx, m);
	/* The consent survey is page_results_community's (with its threshold):
	 * a second "consent" key here hid that one from the templates. */
	add_glance(h, ctx, m);
	cj_markdown(h, ctx, "body_html", m->page ? m->page->body_md : NULL, 3);
	cj_str(ctx, "body_title", m->page ? m->page->title : "");
	news = community_news(h, j->index);
	cj_bool(ctx, "has_news", cJSON_GetArraySize(news) > 0);
	cJSON_AddItemToObject(ctx, "news", news);

	page_gallery_add(s, m, ctx);
	add_pdf(ctx, s, j->index);
	page_results_community(h, ctx, j->index);

	buf_printf(&b, "%s（%s%s）%s%s，%ld户，改造内容%zu项。", m->name,
		   s->units[m->subdistrict].name, m->area, *m->address ? "，地址：" : "",
		   m->address, m->households, m->nitems);
	ctx_description(ctx, buf_cstr(&b));
	buf_free(&b);
	return ctx;
}
