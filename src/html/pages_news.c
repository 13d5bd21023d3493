#include <stdio.h>
#include <string.h>

#include "html/pages.h"

cJSON *page_news(const struct html_site *h, const struct page_job *j)
{
	const struct site *s = h->s;
	size_t per = h->pages->news_per_page, first = j->index * per;
	size_t pages = (s->nnews + per - 1) / per;
	char title[64], crumb[32];
	cJSON *ctx, *list;

	if (j->index)
		snprintf(title, sizeof(title), "工作动态（第%zu页）", j->index + 1);
	else
		snprintf(title, sizeof(title), "工作动态");
	ctx = ctx_base(h, j, title);
	if (j->index) {
		ctx_crumb(ctx, "工作动态", "news/index.html");
		snprintf(crumb, sizeof(crumb), "第%zu页", j->index + 1);
		ctx_crumb(ctx, crumb, NULL);
	} else {
		ctx_crumb(ctx, "工作动态", NULL);
	}
	list = cJSON_AddArrayToObject(ctx, "news");
	for (size_t i = first; i < s->nnews && i < first + per; i++)
		cJSON_AddItemToArray(list, ctx_news_brief(h, s->news[i]));

	ctx_pagination(ctx, "news", j->index, pages ? pages : 1);
	if (s->nnews && s->news[first < s->nnews ? first : 0]->date.year)
		ctx_pub_date(ctx, s->news[first < s->nnews ? first : 0]->date);
	ctx_description(ctx, "老旧小区改造的工作动态和施工进展。");
	return ctx;
}

cJSON *page_article(const struct html_site *h, const struct page_job *j)
{
	const struct site *s = h->s;
	const struct page *p = s->news[j->index];
	cJSON *ctx = ctx_base(h, j, *p->title ? p->title : p->slug);
	cJSON *art = cJSON_AddObjectToObject(ctx, "article");
	cJSON *named = cJSON_AddArrayToObject(art, "communities");

	ctx_crumb(ctx, "工作动态", "news/index.html");
	ctx_crumb(ctx, *p->title ? p->title : p->slug, NULL);
	cj_str(art, "title", *p->title ? p->title : p->slug);
	cj_date(art, "date", p->date);
	cj_markdown(h, art, "body_html", p->body_md, 2);
	for (size_t k = 0; k < p->ncommunities; k++) {
		size_t c = site_community_index(s, p->communities[k]);

		if (c != NO_INDEX)
			cJSON_AddItemToArray(named, ctx_community_brief(h, c));
	}
	/* The list is newest first: the newer item comes before. */
	cj_bool(art, "has_communities", cJSON_GetArraySize(named) > 0);
	cj_bool(ctx, "has_siblings", s->nnews > 1);
	if (j->index > 0)
		cJSON_AddItemToObject(ctx, "newer", ctx_news_brief(h, s->news[j->index - 1]));
	if (j->index + 1 < s->nnews)
		cJSON_AddItemToObject(ctx, "older", ctx_news_brief(h, s->news[j->index + 1]));
	if (p->date.year)
		ctx_pub_date(ctx, p->date);
	if (p->summary && *p->summary) {
		ctx_description(ctx, p->summary);
	} else {
		cJSON *brief = ctx_news_brief(h, p);

		ctx_description(ctx, cJSON_GetObjectItemCaseSensitive(brief, "summary")->valuestring);
		cJSON_Delete(brief);
	}
	return ctx;
}
