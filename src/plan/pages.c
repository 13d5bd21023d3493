/* The website's page list (plan/pages.h): one entry per page, in the
 * order the build makes them and the sitemap lists them. */
#include "plan/pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/progress.h"
#include "model/result.h"
#include "util/xalloc.h"

/* News items on one page of the news list when site.yaml sets none. */
#define NEWS_PER_PAGE 20
/* Communities on one page of a list when site.yaml sets no page_size: a
 * row is about 400 bytes, so a page stays near 130 KB, light enough for
 * a phone on a slow line. */
#define LIST_PER_PAGE 300

void plan_list_page_path(buf *out, const char *dir, size_t page)
{
	if (page == 0)
		buf_printf(out, "%s/index.html", dir);
	else
		buf_printf(out, "%s/page/%zu/index.html", dir, page + 1);
}

size_t plan_list_page_count(size_t n, size_t per)
{
	return n <= per || per == 0 ? 1 : (n + per - 1) / per;
}

static void add_job(struct plan_pages *pp, size_t *cap, enum page_kind kind,
		    size_t index, const char *template, char *path)
{
	struct page_job *j;

	pp->v = xgrow(pp->v, cap, pp->n + 1, sizeof(*pp->v));
	j = &pp->v[pp->n++];
	j->kind = kind;
	j->index = index;
	j->template = template;
	j->path = path;
	j->page = 0;
}

static char *path_printf(const char *fmt, const char *arg)
{
	size_t n = strlen(fmt) + strlen(arg) + 1;
	char *p = xmalloc(n);

	snprintf(p, n, fmt, arg);
	return p;
}

/* The `pages` pages of the list under `dir` (plan_list_page_path): each
 * a job of `list`'s kind, index and template. */
static void add_list_jobs(struct plan_pages *pp, size_t *cap, const struct page_job *list,
			  const char *dir, size_t pages)
{
	for (size_t p = 0; p < pages; p++) {
		buf b = BUF_INIT;

		plan_list_page_path(&b, dir, p);
		add_job(pp, cap, list->kind, list->index, list->template, buf_detach(&b));
		pp->v[pp->n - 1].page = p;
	}
}

/* The result pages (html/pages_results.c): each community's once its
 * result is out, and the list of them, when the site records opinions. */
static void list_results(struct plan_pages *pp, size_t *cap)
{
	const struct site *s = pp->s;
	struct result r;
	size_t out = 0;

	if (!result_site_has(s))
		return;
	for (size_t i = 0; i < s->ncommunities; i++)
		if (result_of(s, &s->communities[i], pp->today, &r))
			add_job(pp, cap, PAGE_RESULT, i, "result",
				path_printf("communities/%s/result/index.html",
					    s->communities[i].id));
	/* The list shows the listed communities whose result is out. */
	for (size_t i = 0; i < pp->nlisted; i++)
		out += result_of(s, &s->communities[pp->listed[i]], pp->today, &r);
	add_list_jobs(pp, cap, &(struct page_job){ .kind = PAGE_RESULTS, .template = "results" },
		      "results", plan_list_page_count(out, pp->list_per_page));
}

/* The community list, and each area's own pages only when the list needs
 * more than one: then the first page indexes the areas for a phone
 * without script.  Paths are not percent-encoded: a page's path is the
 * file name. */
static void list_communities(struct plan_pages *pp, size_t *cap)
{
	add_list_jobs(pp, cap,
		      &(struct page_job){ .kind = PAGE_COMMUNITIES, .template = "communities" },
		      "communities", plan_list_page_count(pp->nlisted, pp->list_per_page));
	if (pp->nlisted > pp->list_per_page)
		for (size_t a = 0; a < pp->nareas; a++) {
			char dir[48];

			snprintf(dir, sizeof(dir), "communities/area/%s", pp->areas[a]->key);
			add_list_jobs(pp, cap,
				      &(struct page_job){ .kind = PAGE_AREA, .index = a, .template = "area" },
				      dir, plan_list_page_count(pp->areas[a]->n, pp->list_per_page));
		}
	for (size_t i = 0; i < pp->s->ncommunities; i++)
		add_job(pp, cap, PAGE_COMMUNITY, i, "community",
			path_printf("communities/%s/index.html", pp->s->communities[i].id));
}

static void list_units(struct plan_pages *pp, size_t *cap)
{
	add_job(pp, cap, PAGE_ITEMS, 0, "items", xstrdup("items/index.html"));
	add_job(pp, cap, PAGE_UNITS, 0, "units", xstrdup("units/index.html"));
	for (size_t i = 0; i < pp->s->nunits; i++) {
		char *dir = path_printf("units/%s", pp->s->units[i].id);

		add_list_jobs(pp, cap,
			      &(struct page_job){ .kind = PAGE_UNIT, .index = i, .template = "unit" },
			      dir, plan_list_page_count(pp->unit_at[i + 1] - pp->unit_at[i],
							pp->list_per_page));
		free(dir);
	}
	add_job(pp, cap, PAGE_GROUP, 0, "group", xstrdup("group/index.html"));
}

static void list_news(struct plan_pages *pp, size_t *cap)
{
	const struct site *s = pp->s;
	size_t news_pages = (s->nnews + pp->news_per_page - 1) / pp->news_per_page;

	add_job(pp, cap, PAGE_NEWS, 0, "news", xstrdup("news/index.html"));
	for (size_t i = 1; i < news_pages; i++) {
		char num[24];

		snprintf(num, sizeof(num), "%zu", i + 1);
		add_job(pp, cap, PAGE_NEWS, i, "news", path_printf("news/page/%s/index.html", num));
		pp->v[pp->n - 1].page = i;
	}
	for (size_t i = 0; i < s->nnews; i++)
		add_job(pp, cap, PAGE_ARTICLE, i, "article",
			path_printf("news/%s/index.html", s->news[i]->slug));
}

static void list_pages(struct plan_pages *pp)
{
	const struct site *s = pp->s;
	size_t cap = 0;

	add_job(pp, &cap, PAGE_HOME, 0, "home", xstrdup("index.html"));
	add_job(pp, &cap, PAGE_PLAN, 0, "plan", xstrdup("plan/index.html"));
	if (pp->has_progress)
		add_job(pp, &cap, PAGE_PROGRESS, 0, "progress", xstrdup("progress/index.html"));
	list_communities(pp, &cap);
	list_results(pp, &cap);
	list_units(pp, &cap);
	list_news(pp, &cap);
	add_job(pp, &cap, PAGE_SEARCH, 0, "search", xstrdup("search/index.html"));
	/* Content pages of their own become SLUG/index.html; the loader
	 * has decided which (model/page_use.c) and warned at the others. */
	for (size_t i = 0; i < s->npages; i++)
		if (s->pages[i].use == PAGE_USE_OWN)
			add_job(pp, &cap, PAGE_CONTENT, i, "page",
				path_printf("%s/index.html", s->pages[i].slug));
	add_job(pp, &cap, PAGE_NOT_FOUND, 0, "404", xstrdup("404.html"));
}

void plan_pages_make(struct plan_pages *pp, const struct site *s, struct date today)
{
	memset(pp, 0, sizeof(*pp));
	pp->s = s;
	pp->today = today;
	pp->news_per_page = s->config.page_size > 0 ? (size_t)s->config.page_size : NEWS_PER_PAGE;
	pp->list_per_page = s->config.page_size > 0 ? (size_t)s->config.page_size : LIST_PER_PAGE;
	/* Any progress fact (model/progress.h): the same test as the
	 * report PDF's, so the page and the report come and go together. */
	pp->has_progress = progress_recorded(s);
	plan_groups_make(pp);
	list_pages(pp);
}

void plan_pages_free(struct plan_pages *pp)
{
	plan_groups_free(pp);
	for (size_t i = 0; i < pp->n; i++)
		free(pp->v[i].path);
	free(pp->v);
	memset(pp, 0, sizeof(*pp));
}

const struct page_job *plan_pages_find(const struct plan_pages *pp, const char *path)
{
	for (size_t i = 0; i < pp->n; i++)
		if (strcmp(pp->v[i].path, path) == 0)
			return &pp->v[i];
	return NULL;
}

static int page_wanted(const struct plan_pages *pp, const struct page_job *j,
		       const struct shard *sh)
{
	if (sh == NULL)
		return 1;
	/* A community's own pages go with its record. */
	if (j->kind == PAGE_COMMUNITY || j->kind == PAGE_RESULT)
		return shard_has_record(sh, pp->s->communities[j->index].id);
	return shard_has_shared(sh);
}

void plan_pages_add(struct plan *p, const struct plan_pages *pp, const struct shard *sh,
		    const struct plan_page_keys *keys)
{
	struct hash_value common = { 0 };

	if (keys)
		common = plan_page_keys_common(pp, keys->no_pdf);
	for (size_t i = 0; i < pp->n; i++) {
		const struct page_job *j = &pp->v[i];
		struct plan_output *o;

		if (!page_wanted(pp, j, sh))
			continue;
		o = plan_add(p, OUTPUT_PAGE, i, xstrdup(j->path));
		if (keys && j->kind == PAGE_COMMUNITY) {
			o->key = plan_page_keys_community(pp, common, keys->theme, j);
			o->key_known = 1;
		}
	}
}
