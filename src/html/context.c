#include <string.h>

#include "html/markdown.h"
#include "html/pages.h"
#include "html/urls.h"
#include "model/progress.h"
#include "util/escape.h"

#ifndef GONGSHI_VERSION
#define GONGSHI_VERSION "dev"
#endif

void cj_str(cJSON *o, const char *key, const char *v)
{
	cJSON_AddStringToObject(o, key, v ? v : "");
}

void cj_num(cJSON *o, const char *key, double v)
{
	cJSON_AddNumberToObject(o, key, v);
}

void cj_bool(cJSON *o, const char *key, int v)
{
	cJSON_AddBoolToObject(o, key, v != 0);
}

void cj_buf(cJSON *o, const char *key, buf *b)
{
	cJSON_AddStringToObject(o, key, b->len ? buf_cstr(b) : "");
	buf_reset(b);
}

void cj_date(cJSON *o, const char *key, struct date d)
{
	cJSON *v = cJSON_AddObjectToObject(o, key);
	char iso[32] = "", text[32] = "";

	if (d.year) {
		date_iso(d, iso);
		date_chinese(d, text);
	}
	cj_str(v, "iso", iso);
	cj_str(v, "text", text);
}

void cj_phone(cJSON *o, const char *key, const char *phone)
{
	buf b = BUF_INIT, k = BUF_INIT;

	cj_str(o, key, phone);
	url_tel(&b, phone ? phone : "");
	buf_puts(&k, key);
	buf_puts(&k, "_tel");
	cj_buf(o, buf_cstr(&k), &b);
	buf_free(&b);
	buf_free(&k);
}

void cj_markdown(const struct html_site *h, cJSON *o, const char *key, const char *md, int top)
{
	buf b = BUF_INIT;

	if (md)
		markdown_html(&b, md, h->s->config.unsafe_html, top);
	cj_buf(o, key, &b);
	buf_free(&b);
}

void href_community(buf *out, const char *id)
{
	buf_puts(out, "communities/");
	escape_url_path(out, id, strlen(id));
	buf_puts(out, "/index.html");
}

void href_unit(buf *out, const char *id)
{
	buf_puts(out, "units/");
	escape_url_path(out, id, strlen(id));
	buf_puts(out, "/index.html");
}

void href_news(buf *out, const char *slug)
{
	buf_puts(out, "news/");
	escape_url_path(out, slug, strlen(slug));
	buf_puts(out, "/index.html");
}

/* The list's pages are the plan's (plan/pages.h): a link to one is its
 * path. */
void ctx_pagination(cJSON *ctx, const char *dir, size_t page, size_t pages)
{
	cJSON *pg = cJSON_AddObjectToObject(ctx, "pagination");
	cJSON *nums = cJSON_AddArrayToObject(pg, "numbers");
	buf b = BUF_INIT;

	cj_num(pg, "page", (double)(page + 1));
	cj_num(pg, "pages", (double)pages);
	cj_bool(pg, "many", pages > 1);
	if (page > 0)
		plan_list_page_path(&b, dir, page - 1);
	cj_buf(pg, "prev_href", &b);
	if (page + 1 < pages)
		plan_list_page_path(&b, dir, page + 1);
	cj_buf(pg, "next_href", &b);
	/* Every page by number: a crawler, or a resident who knows roughly
	 * where a name falls, reaches any page in one step. */
	for (size_t i = 0; pages > 1 && i < pages; i++) {
		cJSON *e = cJSON_CreateObject();

		cj_num(e, "number", (double)(i + 1));
		plan_list_page_path(&b, dir, i);
		cj_buf(e, "href", &b);
		cj_bool(e, "current", i == page);
		cJSON_AddItemToArray(nums, e);
	}
	buf_free(&b);
}

/* The main navigation; `kinds` are the page kinds that belong to each
 * entry's section, the first being the entry's own page. */
static const struct {
	const char *title, *href;
	enum page_kind kinds[3];
	size_t nkinds;
} nav[] = {
	{ "首页", "index.html", { PAGE_HOME }, 1 },
	{ "实施方案", "plan/index.html", { PAGE_PLAN }, 1 },
	{ "小区名单", "communities/index.html", { PAGE_COMMUNITIES, PAGE_COMMUNITY, PAGE_AREA }, 3 },
	{ "改造进度", "progress/index.html", { PAGE_PROGRESS }, 1 },
	{ "改造内容", "items/index.html", { PAGE_ITEMS }, 1 },
	{ "责任单位", "units/index.html", { PAGE_UNITS, PAGE_UNIT }, 2 },
	{ "领导小组", "group/index.html", { PAGE_GROUP }, 1 },
	{ "工作动态", "news/index.html", { PAGE_NEWS, PAGE_ARTICLE }, 2 },
	{ "搜索", "search/index.html", { PAGE_SEARCH }, 1 },
};

static void add_nav(const struct html_site *h, cJSON *ctx, const struct page_job *j)
{
	cJSON *arr = cJSON_AddArrayToObject(ctx, "nav");

	for (size_t i = 0; i < sizeof(nav) / sizeof(nav[0]); i++) {
		cJSON *e;
		int active = 0;

		/* No progress page without progress facts: no link to it. */
		if (nav[i].kinds[0] == PAGE_PROGRESS && !h->pages->has_progress)
			continue;
		e = cJSON_CreateObject();

		for (size_t k = 0; k < nav[i].nkinds; k++)
			active |= nav[i].kinds[k] == j->kind;
		cj_str(e, "title", nav[i].title);
		cj_str(e, "href", nav[i].href);
		cj_bool(e, "current", nav[i].kinds[0] == j->kind && j->page == 0);
		cj_bool(e, "active", active);
		cJSON_AddItemToArray(arr, e);
	}
}

static const char *or(const char *a, const char *b)
{
	return a && *a ? a : b;
}

/* The record's page at the MPS portal: "鲁公网安备 37040302000123号"
 * is looked up by its number, the longest run of digits. */
static void police_href(buf *out, const char *record)
{
	const char *best = NULL;
	size_t bestlen = 0;

	for (const char *p = record; *p;) {
		size_t n = strspn(p, "0123456789");

		if (n > bestlen) {
			best = p;
			bestlen = n;
		}
		p += n ? n : 1;
	}
	if (best == NULL)
		return;
	buf_puts(out, "https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=");
	buf_put(out, best, bestlen);
}

static void add_site(cJSON *ctx, const struct site *s)
{
	const struct config *c = &s->config;
	cJSON *site = cJSON_AddObjectToObject(ctx, "site");
	cJSON *notice, *fb, *portal, *rec;
	buf b = BUF_INIT;

	cj_str(site, "title", c->title);
	cj_str(site, "organiser", or(c->organiser, c->notice.issuer));
	cj_str(site, "base_url", c->base_url);
	cj_str(site, "language", c->language);
	cj_str(site, "generator", "gongshi " GONGSHI_VERSION);
	cj_bool(site, "example", c->example);
	notice = cJSON_AddObjectToObject(site, "notice");
	cj_str(notice, "issuer", c->notice.issuer);
	cj_str(notice, "number", c->notice.number);
	cj_str(notice, "plan_title", c->notice.plan_title);
	cj_date(notice, "date", c->notice.date);
	cj_num(notice, "publicity_days", c->notice.publicity_days);
	fb = cJSON_AddObjectToObject(site, "feedback");
	cj_phone(fb, "phone", c->feedback.phone);
	cj_str(fb, "address", c->feedback.address);

	/* The portal's tags are never empty when something sensible can
	 * stand in: a 专栏 without them is dropped by portal crawlers. */
	portal = cJSON_AddObjectToObject(ctx, "portal");
	cj_str(portal, "site_name", or(c->portal.site_name, or(c->organiser, c->title)));
	url_host(&b, c->base_url);
	cj_str(portal, "site_domain", or(c->portal.site_domain, buf_cstr(&b)));
	buf_reset(&b);
	cj_str(portal, "site_id_code", c->portal.site_id_code);
	cj_str(portal, "column_name", or(c->portal.column_name, c->title));

	rec = cJSON_AddObjectToObject(ctx, "records");
	cj_str(rec, "icp", c->records.icp);
	cj_str(rec, "icp_href", c->records.icp && *c->records.icp ? "https://beian.miit.gov.cn/" : "");
	cj_str(rec, "police", c->records.police);
	if (c->records.police && *c->records.police)
		police_href(&b, c->records.police);
	cj_buf(rec, "police_href", &b);
	cj_bool(rec, "any", (c->records.icp && *c->records.icp) ||
				    (c->records.police && *c->records.police));
	buf_free(&b);
}

cJSON *ctx_base(const struct html_site *h, const struct page_job *j, const char *title)
{
	const struct site *s = h->s;
	cJSON *ctx = cJSON_CreateObject();
	cJSON *page;
	buf b = BUF_INIT;

	url_root(&b, j->path);
	cj_buf(ctx, "root", &b);
	/* The 404 page is served for any missing address, at any depth,
	 * where its relative links would miss: it also gets the path of
	 * base_url, from which the page's script sets a <base> when it is
	 * not opened from disk (see themes/default/templates/404.html). */
	if (j->kind == PAGE_NOT_FOUND) {
		url_base_path(&b, s->config.base_url);
		cj_buf(ctx, "root_path", &b);
	}
	cj_str(ctx, "lang", s->config.language);
	add_site(ctx, s);
	cj_date(ctx, "today", h->pages->today);

	page = cJSON_AddObjectToObject(ctx, "page");
	cj_str(page, "kind", j->template);
	cj_str(page, "title", title);
	cj_str(page, "path", j->path);
	url_absolute(&b, s->config.base_url, j->path);
	cj_buf(page, "url", &b);
	cj_str(page, "content_source", or(s->config.organiser, s->config.notice.issuer));
	cj_str(page, "description", "");
	cj_str(page, "pub_date", "");
	cj_bool(page, "is_home", j->kind == PAGE_HOME);
	buf_free(&b);
	ctx_pub_date(ctx, s->config.notice.date.year ? s->config.notice.date : h->pages->today);

	add_nav(h, ctx, j);
	cJSON_AddArrayToObject(ctx, "breadcrumbs");
	if (j->kind != PAGE_HOME)
		ctx_crumb(ctx, "首页", "index.html");
	return ctx;
}

void ctx_crumb(cJSON *ctx, const char *title, const char *href)
{
	cJSON *e = cJSON_CreateObject();

	cj_str(e, "title", title);
	cj_str(e, "href", href);
	cj_bool(e, "current", href == NULL);
	cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(ctx, "breadcrumbs"), e);
}

void ctx_pub_date(cJSON *ctx, struct date d)
{
	cJSON *page = cJSON_GetObjectItemCaseSensitive(ctx, "page");
	char iso[32] = "", text[48];

	if (d.year)
		date_iso(d, iso);
	/* GB/T 33477 asks for "YYYY-MM-DD HH:MM"; no page has a time. */
	snprintf(text, sizeof(text), "%s%s", iso, d.year ? " 00:00" : "");
	cJSON_ReplaceItemInObjectCaseSensitive(page, "pub_date", cJSON_CreateString(text));
}

void ctx_description(cJSON *ctx, const char *text)
{
	cJSON *page = cJSON_GetObjectItemCaseSensitive(ctx, "page");
	buf b = BUF_INIT;

	markdown_excerpt(&b, text, 120);
	cJSON_ReplaceItemInObjectCaseSensitive(page, "description",
					       cJSON_CreateString(buf_cstr(&b)));
	buf_free(&b);
}

cJSON *ctx_area_totals(long n, long households, long long cm2, cJSON *o)
{
	char m2[32], wan[32];

	format_area_m2(cm2, m2);
	format_area_wan(cm2, wan);
	cj_num(o, "count", (double)n);
	cj_num(o, "households", (double)households);
	cj_str(o, "area_m2", m2);
	cj_str(o, "area_wan", wan);
	return o;
}

cJSON *ctx_unit_brief(const struct html_site *h, size_t u)
{
	const struct unit *unit = &h->s->units[u];
	cJSON *o = cJSON_CreateObject();
	buf b = BUF_INIT;

	cj_str(o, "id", unit->id);
	cj_str(o, "name", unit->name);
	href_unit(&b, unit->id);
	cj_buf(o, "href", &b);
	cj_phone(o, "phone", unit->phone);
	cj_str(o, "kind_name", format_unit_kind(unit->kind));
	buf_free(&b);
	return o;
}

cJSON *ctx_community_brief(const struct html_site *h, size_t c)
{
	const struct site *s = h->s;
	const struct community *m = &s->communities[c];
	cJSON *o = cJSON_CreateObject();
	buf b = BUF_INIT;
	char m2[32], wan[32];

	cj_str(o, "id", m->id);
	cj_str(o, "name", m->name);
	href_community(&b, m->id);
	cj_buf(o, "href", &b);
	cj_str(o, "address", m->address);
	cj_str(o, "area", m->area);
	cj_str(o, "subdistrict", s->units[m->subdistrict].name);
	cj_str(o, "subdistrict_id", s->units[m->subdistrict].id);
	cj_num(o, "households", (double)m->households);
	format_area_m2(m->floor_area_cm2, m2);
	format_area_wan(m->floor_area_cm2, wan);
	cj_str(o, "area_m2", m2);
	cj_str(o, "area_wan", wan);
	/* The status residents are shown: with progress facts, theirs (issue
	 * 19: the 进度 phase id would contradict them); else the phase. */
	if (h->pages->has_progress) {
		enum progress_status st = progress_status(m, h->pages->today);

		cj_str(o, "status", progress_status_key(st));
		cj_str(o, "status_name", progress_status_name(st));
	} else if (m->status < s->nphases) {
		cj_str(o, "status", s->phases[m->status].id);
		cj_str(o, "status_name", s->phases[m->status].name);
	} else {
		cj_str(o, "status", "");
		cj_str(o, "status_name", "");
	}
	/* Always there: an absent key would be looked up in the page's
	 * context, where the progress page's `overdue` is its list. */
	cj_bool(o, "overdue", h->pages->has_progress && progress_overdue(m, h->pages->today));
	/* The group key the community list's filter uses. */
	cj_str(o, "area_key", h->pages->area_of[c] ? h->pages->area_of[c]->key : "");
	buf_free(&b);
	return o;
}

cJSON *ctx_news_brief(const struct html_site *h, const struct page *p)
{
	cJSON *o = cJSON_CreateObject();
	buf b = BUF_INIT;

	cj_str(o, "title", *p->title ? p->title : p->slug);
	cj_str(o, "slug", p->slug);
	href_news(&b, p->slug);
	cj_buf(o, "href", &b);
	cj_date(o, "date", p->date);
	if (p->summary && *p->summary) {
		buf_puts(&b, p->summary);
	} else {
		buf t = BUF_INIT;

		markdown_text(&t, p->body_md ? p->body_md : "");
		markdown_excerpt(&b, buf_cstr(&t), 80);
		buf_free(&t);
	}
	cj_buf(o, "summary", &b);
	buf_free(&b);
	(void)h;
	return o;
}

cJSON *ctx_phases(const struct html_site *h, size_t at)
{
	const struct site *s = h->s;
	struct date today = h->pages->today;
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; i < s->nphases; i++) {
		const struct phase *p = &s->phases[i];
		cJSON *o = cJSON_CreateObject();
		int done, current;

		if (at == NO_INDEX) {
			done = p->end.year && date_cmp(p->end, today) < 0;
			current = !done && (!p->start.year || date_cmp(p->start, today) <= 0);
		} else {
			done = i < at;
			current = i == at;
		}
		cj_str(o, "id", p->id);
		cj_str(o, "name", p->name);
		cj_str(o, "description", p->description);
		cj_date(o, "start", p->start);
		cj_date(o, "end", p->end);
		cj_num(o, "number", (double)(i + 1));
		cj_bool(o, "done", done);
		cj_bool(o, "current", current);
		cj_bool(o, "upcoming", !done && !current);
		cj_str(o, "state", done ? "done" : current ? "current" : "upcoming");
		cj_str(o, "state_name", done ? "已完成" : current ? "进行中" : "未开始");
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

cJSON *ctx_area_brief(const struct html_site *h, const struct area_group *ag)
{
	cJSON *e = cJSON_CreateObject();
	buf b = BUF_INIT;

	cj_str(e, "name", *ag->name ? ag->name : "其他");
	cj_str(e, "key", ag->key);
	/* A list of many pages has a page per area; else the area is a
	 * section of the one list page.  The plan decides so by the same
	 * test (plan/pages.c, list_communities), and this path is the one it
	 * gives the area's first page. */
	if (h->pages->nlisted > h->pages->list_per_page)
		buf_printf(&b, "communities/area/%s/index.html", ag->key);
	else
		buf_printf(&b, "communities/index.html#%s", ag->key);
	cj_buf(e, "href", &b);
	ctx_area_totals((long)ag->n, ag->households, ag->cm2, e);
	buf_free(&b);
	return e;
}

cJSON *ctx_subdistrict_groups(const struct html_site *h, int with_communities)
{
	cJSON *arr = cJSON_CreateArray();
	/* Hundreds of areas would make the page that lists them heavy: then
	 * each subdistrict's page lists its own. */
	int listed = h->pages->nareas <= AREAS_LISTED_MAX || with_communities;

	for (size_t g = 0; g < h->pages->ngroups; g++) {
		const struct subdistrict_group *sg = &h->pages->groups[g];
		cJSON *o = ctx_unit_brief(h, sg->unit);
		cJSON *areas = cJSON_AddArrayToObject(o, "areas");

		ctx_area_totals((long)sg->n, sg->households, sg->cm2, o);
		for (size_t a = 0; a < sg->nareas && listed; a++) {
			const struct area_group *ag = &sg->areas[a];
			cJSON *e = ctx_area_brief(h, ag);

			if (with_communities) {
				cJSON *list = cJSON_AddArrayToObject(e, "communities");
				for (size_t k = 0; k < ag->n; k++)
					cJSON_AddItemToArray(list, ctx_community_brief(h, ag->communities[k]));
			}
			cJSON_AddItemToArray(areas, e);
		}
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

void ctx_contact(cJSON *arr, const char *role, const char *name, const char *phone,
		 const char *href)
{
	cJSON *o = cJSON_CreateObject();

	cj_str(o, "role", role);
	cj_str(o, "name", name);
	cj_phone(o, "phone", phone);
	cj_str(o, "href", href);
	cJSON_AddItemToArray(arr, o);
}

void ctx_unit_contact(const struct html_site *h, cJSON *arr, const char *role, size_t u)
{
	buf b = BUF_INIT;

	if (u == NO_INDEX || u >= h->s->nunits)
		return;
	href_unit(&b, h->s->units[u].id);
	ctx_contact(arr, role, h->s->units[u].name, h->s->units[u].phone, buf_cstr(&b));
	buf_free(&b);
}
