#include <stdio.h>
#include <string.h>

#include "html/pages.h"

cJSON *page_plan(const struct html_site *h, const struct page_job *j)
{
	const struct site *s = h->s;
	const struct page *p = s->plan_page;
	const char *title = p && *p->title ? p->title : *s->config.notice.plan_title
								? s->config.notice.plan_title
								: "实施方案";
	cJSON *ctx = ctx_base(h, j, title);

	ctx_crumb(ctx, "实施方案", NULL);
	cj_markdown(h, ctx, "body_html", p ? p->body_md : NULL, 2);
	cj_bool(ctx, "has_body", p != NULL);
	if (p && p->date.year)
		ctx_pub_date(ctx, p->date);
	ctx_description(ctx, title);
	return ctx;
}

/* How many communities get each item, and which: the names only while
 * the whole list fits one page, or the item page alone would weigh
 * megabytes on a large site. */
static cJSON *item(const struct html_site *h, size_t i)
{
	const struct site *s = h->s;
	const struct item *it = &s->items[i];
	cJSON *o = cJSON_CreateObject();
	cJSON *list = cJSON_AddArrayToObject(o, "communities");
	size_t n = 0;
	int named = h->pages->nlisted <= h->pages->list_per_page;

	cj_str(o, "code", it->code);
	cj_str(o, "title", it->title);
	cj_str(o, "description", it->description);
	cj_str(o, "category", it->category);
	for (size_t c = 0; c < s->ncommunities; c++)
		for (size_t k = 0; k < s->communities[c].nitems; k++)
			if (s->communities[c].items[k] == i) {
				cJSON *e;
				buf b = BUF_INIT;

				n++;
				if (!named)
					break;
				e = cJSON_CreateObject();
				cj_str(e, "name", s->communities[c].name);
				href_community(&b, s->communities[c].id);
				cj_buf(e, "href", &b);
				buf_free(&b);
				cJSON_AddItemToArray(list, e);
				break;
			}
	cj_num(o, "count", (double)n);
	cj_bool(o, "has_communities", n > 0 && named);
	cj_bool(o, "list_omitted", n > 0 && !named);
	return o;
}

cJSON *page_items(const struct html_site *h, const struct page_job *j)
{
	const struct site *s = h->s;
	cJSON *ctx = ctx_base(h, j, "改造内容");
	cJSON *cats = cJSON_AddArrayToObject(ctx, "categories");

	ctx_crumb(ctx, "改造内容", NULL);
	/* Categories in order of first appearance; items keep data order. */
	for (size_t i = 0; i < s->nitems; i++) {
		const char *cat = s->items[i].category;
		int seen = 0;
		char key[32];
		cJSON *g, *list;

		for (size_t k = 0; k < i && !seen; k++)
			seen = strcmp(s->items[k].category, cat) == 0;
		if (seen)
			continue;
		g = cJSON_CreateObject();
		cj_str(g, "name", *cat ? cat : "其他");
		snprintf(key, sizeof(key), "cat-%zu", cJSON_GetArraySize(cats) + (size_t)1);
		cj_str(g, "key", key);
		list = cJSON_AddArrayToObject(g, "items");
		for (size_t k = i; k < s->nitems; k++)
			if (strcmp(s->items[k].category, cat) == 0)
				cJSON_AddItemToArray(list, item(h, k));
		cj_num(g, "count", cJSON_GetArraySize(list));
		cJSON_AddItemToArray(cats, g);
	}
	cj_num(ctx, "item_count", (double)s->nitems);
	ctx_description(ctx, "老旧小区整治改造的全部改造内容，以及每项内容涉及的小区。");
	return ctx;
}

static cJSON *member(const struct html_site *h, const struct member *m)
{
	cJSON *o = cJSON_CreateObject();

	cj_str(o, "name", m->name);
	cj_str(o, "role", m->role);
	cj_str(o, "position", m->position);
	if (m->unit != NO_INDEX)
		cJSON_AddItemToObject(o, "unit", ctx_unit_brief(h, m->unit));
	return o;
}

cJSON *page_group(const struct html_site *h, const struct page_job *j)
{
	const struct site *s = h->s;
	cJSON *ctx = ctx_base(h, j, "领导小组");
	cJSON *leaders = cJSON_AddArrayToObject(ctx, "leaders");
	cJSON *office = cJSON_AddArrayToObject(ctx, "office");

	ctx_crumb(ctx, "领导小组", NULL);
	for (size_t i = 0; i < s->nmembers; i++)
		cJSON_AddItemToArray(member_is_office(&s->members[i]) ? office : leaders,
				     member(h, &s->members[i]));
	cj_num(ctx, "member_count", (double)site_group_size(s));
	cj_bool(ctx, "has_office", cJSON_GetArraySize(office) > 0);
	if (site_lead_unit(s) != NO_INDEX)
		cJSON_AddItemToObject(ctx, "office_unit", ctx_unit_brief(h, site_lead_unit(s)));
	ctx_description(ctx, "老旧小区改造工作领导小组及其办公室的组成人员。");
	return ctx;
}

cJSON *page_search(const struct html_site *h, const struct page_job *j)
{
	cJSON *ctx = ctx_base(h, j, "搜索");

	ctx_crumb(ctx, "搜索", NULL);
	cj_str(ctx, "index_script", "search-index.js");
	cj_str(ctx, "index_json", "search-index.json");
	ctx_description(ctx, "按小区名称、地址、单位、改造内容或新闻搜索本站。");
	return ctx;
}

cJSON *page_content(const struct html_site *h, const struct page_job *j)
{
	const struct page *p = &h->s->pages[j->index];
	cJSON *ctx = ctx_base(h, j, *p->title ? p->title : p->slug);

	ctx_crumb(ctx, *p->title ? p->title : p->slug, NULL);
	cj_markdown(h, ctx, "body_html", p->body_md, 2);
	cj_date(ctx, "date", p->date);
	if (p->date.year)
		ctx_pub_date(ctx, p->date);
	ctx_description(ctx, p->summary && *p->summary ? p->summary : p->title);
	return ctx;
}

cJSON *page_not_found(const struct html_site *h, const struct page_job *j)
{
	cJSON *ctx = ctx_base(h, j, "页面未找到");

	ctx_crumb(ctx, "页面未找到", NULL);
	/* Every page says what it is, this one too (Lighthouse's SEO audit
	 * counts an empty description). */
	ctx_description(ctx, "您要找的页面不存在，可以回到首页、小区名单或搜索。");
	return ctx;
}
