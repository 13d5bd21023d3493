#include <stdio.h>
#include <string.h>

#include "html/pages.h"
#include "util/escape.h"

static cJSON *filters(const struct html_site *h)
{
	const struct site *s = h->s;
	cJSON *f = cJSON_CreateObject();
	cJSON *sd = cJSON_AddArrayToObject(f, "subdistricts");
	cJSON *areas = cJSON_AddArrayToObject(f, "areas");
	cJSON *st = cJSON_AddArrayToObject(f, "statuses");

	for (size_t g = 0; g < h->ngroups; g++) {
		const struct subdistrict_group *sg = &h->groups[g];
		cJSON *o = cJSON_CreateObject();

		cj_str(o, "value", s->units[sg->unit].id);
		cj_str(o, "label", s->units[sg->unit].name);
		cJSON_AddItemToArray(sd, o);
		for (size_t a = 0; a < sg->nareas; a++) {
			cJSON *e = cJSON_CreateObject();

			cj_str(e, "value", sg->areas[a].key);
			cj_str(e, "label", *sg->areas[a].name ? sg->areas[a].name : "其他");
			cj_str(e, "subdistrict", s->units[sg->unit].id);
			cj_str(e, "subdistrict_name", s->units[sg->unit].name);
			cJSON_AddItemToArray(areas, e);
		}
	}
	for (size_t p = 0; p < s->nphases; p++) {
		cJSON *o = cJSON_CreateObject();

		cj_str(o, "value", s->phases[p].id);
		cj_str(o, "label", s->phases[p].name);
		cJSON_AddItemToArray(st, o);
	}
	return f;
}

cJSON *page_communities(const struct html_site *h, const struct page_job *j)
{
	const struct site *s = h->s;
	cJSON *ctx = ctx_base(h, j, "小区名单");

	ctx_crumb(ctx, "小区名单", NULL);
	cJSON_AddItemToObject(ctx, "subdistricts", ctx_subdistrict_groups(h, 1));
	ctx_area_totals((long)s->ncommunities, h->total_households, h->total_cm2,
			cJSON_AddObjectToObject(ctx, "totals"));
	cJSON_AddItemToObject(ctx, "filters", filters(h));
	ctx_description(ctx, "全部改造小区的名单，按街道和片区排列，含户数、建筑面积和改造进度。");
	return ctx;
}

static void add_contact(cJSON *arr, const char *role, const char *name,
			const char *phone, const char *href)
{
	cJSON *o = cJSON_CreateObject();

	cj_str(o, "role", role);
	cj_str(o, "name", name);
	cj_phone(o, "phone", phone);
	cj_str(o, "href", href);
	cJSON_AddItemToArray(arr, o);
}

static void add_unit_contact(const struct html_site *h, cJSON *arr,
			     const char *role, size_t u)
{
	buf b = BUF_INIT;

	href_unit(&b, h->s->units[u].id);
	add_contact(arr, role, h->s->units[u].name, h->s->units[u].phone, buf_cstr(&b));
	buf_free(&b);
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

static void add_feedback(const struct html_site *h, cJSON *ctx)
{
	const struct config *c = &h->s->config;
	cJSON *fb = cJSON_AddObjectToObject(ctx, "feedback");
	struct date end = site_publicity_end(h->s);

	cj_phone(fb, "phone", c->feedback.phone);
	cj_str(fb, "address", c->feedback.address);
	cj_num(fb, "days", c->notice.publicity_days);
	cj_date(fb, "start", site_notice_date(h->s));
	cj_date(fb, "end", end);
	cj_bool(fb, "has_period", end.year != 0);
}

static cJSON *community_news(const struct html_site *h, const char *id)
{
	const struct site *s = h->s;
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; i < s->nnews; i++)
		for (size_t k = 0; k < s->news[i]->ncommunities; k++)
			if (strcmp(s->news[i]->communities[k], id) == 0) {
				cJSON_AddItemToArray(arr, ctx_news_brief(h, s->news[i]));
				break;
			}
	return arr;
}

cJSON *page_community(const struct html_site *h, const struct page_job *j)
{
	const struct site *s = h->s;
	const struct community *m = &s->communities[j->index];
	cJSON *ctx = ctx_base(h, j, m->name);
	cJSON *items = cJSON_AddArrayToObject(ctx, "items");
	cJSON *contacts = cJSON_AddArrayToObject(ctx, "contacts");
	cJSON *utilities = cJSON_AddArrayToObject(ctx, "utilities");
	cJSON *pdf, *news;
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

	add_unit_contact(h, contacts, "所属街道", m->subdistrict);
	if (h->housing != NO_INDEX)
		add_unit_contact(h, contacts, "主管部门", h->housing);
	if (m->contractor != NO_INDEX)
		add_unit_contact(h, contacts, "施工单位", m->contractor);
	if (*m->contact || *m->phone)
		add_contact(contacts, "小区联系人", m->contact, m->phone, "");
	for (size_t u = 0; u < s->nunits; u++)
		if (s->units[u].kind == UNIT_UTILITY)
			cJSON_AddItemToArray(utilities, ctx_unit_brief(h, u));

	cj_bool(ctx, "has_utilities", cJSON_GetArraySize(utilities) > 0);
	cJSON_AddItemToObject(ctx, "phases", ctx_phases(h, m->status));
	add_feedback(h, ctx);
	cj_markdown(h, ctx, "body_html", m->page ? m->page->body_md : NULL, 3);
	cj_str(ctx, "body_title", m->page ? m->page->title : "");
	news = community_news(h, m->id);
	cj_bool(ctx, "has_news", cJSON_GetArraySize(news) > 0);
	cJSON_AddItemToObject(ctx, "news", news);

	pdf = cJSON_AddObjectToObject(ctx, "pdf");
	buf_puts(&b, "communities/");
	escape_url_path(&b, m->id, strlen(m->id));
	buf_puts(&b, "/notice.pdf");
	cj_buf(pdf, "href", &b);
	buf_printf(&b, "%s改造方案公示.pdf", m->name);
	cj_buf(pdf, "download", &b);
	buf_free(&b);

	buf_printf(&b, "%s（%s%s）%s%s，%ld户，改造内容%zu项。", m->name,
		   s->units[m->subdistrict].name, m->area, *m->address ? "，地址：" : "",
		   m->address, m->households, m->nitems);
	ctx_description(ctx, buf_cstr(&b));
	buf_free(&b);
	return ctx;
}
