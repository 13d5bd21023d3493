#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html/pages.h"
#include "model/result.h"
#include "util/xalloc.h"

/* News items on one page of the news list when site.yaml sets none. */
#define NEWS_PER_PAGE 20
/* Communities on one page of a list when site.yaml sets no page_size: a
 * row is about 400 bytes, so a page stays near 130 KB, light enough for
 * a phone on a slow line. */
#define LIST_PER_PAGE 300

static struct area_group *find_area(struct subdistrict_group *g, const char *name)
{
	for (size_t i = 0; i < g->nareas; i++)
		if (strcmp(g->areas[i].name, name) == 0)
			return &g->areas[i];
	return NULL;
}

/* Communities by subdistrict, each in data order: the communities of
 * unit u are by_unit[at[u]] to by_unit[at[u + 1]].  Those of no unit
 * are left out.  Both arrays are the caller's to free. */
static void bucket_by_unit(const struct site *s, size_t **at, size_t **by_unit)
{
	size_t *fill = xcalloc(s->nunits + 1, sizeof(*fill));

	*at = xcalloc(s->nunits + 1, sizeof(**at));
	for (size_t c = 0; c < s->ncommunities; c++)
		if (s->communities[c].subdistrict < s->nunits)
			(*at)[s->communities[c].subdistrict + 1]++;
	for (size_t u = 0; u < s->nunits; u++)
		(*at)[u + 1] += (*at)[u];
	*by_unit = xcalloc((*at)[s->nunits] + 1, sizeof(**by_unit));
	for (size_t c = 0; c < s->ncommunities; c++) {
		size_t u = s->communities[c].subdistrict;

		if (u < s->nunits)
			(*by_unit)[(*at)[u] + fill[u]++] = c;
	}
	free(fill);
}

/* Subdistricts in units.csv order, areas in order of first appearance,
 * communities in data order: the order staff typed is the order shown. */
static void group_communities(struct html_site *h)
{
	const struct site *s = h->s;
	size_t keys = 0, *at, *by_unit;

	/* Bucketed first: scanning every community for every unit was most
	 * of the serial work before the pages on a big site. */
	bucket_by_unit(s, &at, &by_unit);
	h->groups = xcalloc(s->nunits + 1, sizeof(*h->groups));
	h->area_of = xcalloc(s->ncommunities + 1, sizeof(*h->area_of));
	for (size_t u = 0; u < s->nunits; u++) {
		struct subdistrict_group *g = &h->groups[h->ngroups];

		for (size_t k = at[u]; k < at[u + 1]; k++) {
			size_t c = by_unit[k];
			const struct community *m = &s->communities[c];
			struct area_group *a = find_area(g, m->area);

			if (a == NULL) {
				g->areas = xrealloc(g->areas, (g->nareas + 1) * sizeof(*g->areas));
				a = &g->areas[g->nareas++];
				memset(a, 0, sizeof(*a));
				a->name = m->area;
				snprintf(a->key, sizeof(a->key), "g%zu", ++keys);
			}
			a->communities = xrealloc(a->communities, (a->n + 1) * sizeof(size_t));
			a->communities[a->n++] = c;
			a->households += m->households;
			a->cm2 += m->floor_area_cm2;
			g->n++;
			g->households += m->households;
			g->cm2 += m->floor_area_cm2;
			h->total_households += m->households;
			h->total_cm2 += m->floor_area_cm2;
		}
		if (g->n) {
			g->unit = u;
			h->ngroups++;
		}
	}
	free(at);
	free(by_unit);
	/* Pointers are taken once the arrays stop moving. */
	h->listed = xcalloc(s->ncommunities + 1, sizeof(*h->listed));
	h->areas = xcalloc(keys + 1, sizeof(*h->areas));
	for (size_t g = 0; g < h->ngroups; g++)
		for (size_t a = 0; a < h->groups[g].nareas; a++) {
			const struct area_group *ag = &h->groups[g].areas[a];

			h->areas[h->nareas++] = ag;
			for (size_t k = 0; k < ag->n; k++) {
				h->area_of[ag->communities[k]] = ag;
				h->listed[h->nlisted++] = ag->communities[k];
			}
		}
}

static void add_job(struct html_site *h, size_t *cap, enum page_kind kind,
		    size_t index, const char *template, char *path)
{
	struct page_job *j;

	h->jobs = xgrow(h->jobs, cap, h->njobs + 1, sizeof(*h->jobs));
	j = &h->jobs[h->njobs++];
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

/* The `pages` pages of the list under `dir` (see href_list_page). */
static void add_list_jobs(struct html_site *h, size_t *cap, enum page_kind kind,
			  size_t index, const char *template, const char *dir, size_t pages)
{
	for (size_t p = 0; p < pages; p++) {
		buf b = BUF_INIT;

		href_list_page(&b, dir, p);
		add_job(h, cap, kind, index, template, buf_detach(&b));
		h->jobs[h->njobs - 1].page = p;
	}
}

/* Content pages of their own become SLUG/index.html; the loader has
 * decided which (model/page_use.c) and warned at the others. */
static int content_page_wanted(const struct page *p)
{
	return p->use == PAGE_USE_OWN;
}

/* The result pages (pages_results.c): each community's once its result
 * is out, and the list of them, when the site records opinions. */
static void list_results(struct html_site *h, size_t *cap)
{
	struct result r;

	if (!result_site_has(h->s))
		return;
	for (size_t i = 0; i < h->s->ncommunities; i++)
		if (result_of(h->s, &h->s->communities[i], h->today, &r))
			add_job(h, cap, PAGE_RESULT, i, "result",
				path_printf("communities/%s/result/index.html",
					    h->s->communities[i].id));
	add_list_jobs(h, cap, PAGE_RESULTS, 0, "results", "results",
		      ctx_list_page_count(page_results_count(h), h->list_per_page));
}

static void list_pages(struct html_site *h)
{
	const struct site *s = h->s;
	size_t cap = 0, news_pages;

	add_job(h, &cap, PAGE_HOME, 0, "home", xstrdup("index.html"));
	add_job(h, &cap, PAGE_PLAN, 0, "plan", xstrdup("plan/index.html"));
	if (h->has_progress)
		add_job(h, &cap, PAGE_PROGRESS, 0, "progress", xstrdup("progress/index.html"));
	/* Paths are not percent-encoded: the job's path is the file name. */
	add_list_jobs(h, &cap, PAGE_COMMUNITIES, 0, "communities", "communities",
		      ctx_list_page_count(h->nlisted, h->list_per_page));
	/* An area of its own pages only when the list needs more than one:
	 * then the first page indexes the areas for a phone without script. */
	if (h->nlisted > h->list_per_page)
		for (size_t a = 0; a < h->nareas; a++) {
			char dir[48];

			snprintf(dir, sizeof(dir), "communities/area/%s", h->areas[a]->key);
			add_list_jobs(h, &cap, PAGE_AREA, a, "area", dir,
				      ctx_list_page_count(h->areas[a]->n, h->list_per_page));
		}
	for (size_t i = 0; i < s->ncommunities; i++)
		add_job(h, &cap, PAGE_COMMUNITY, i, "community",
			path_printf("communities/%s/index.html", s->communities[i].id));
	list_results(h, &cap);
	add_job(h, &cap, PAGE_ITEMS, 0, "items", xstrdup("items/index.html"));
	add_job(h, &cap, PAGE_UNITS, 0, "units", xstrdup("units/index.html"));
	for (size_t i = 0; i < s->nunits; i++) {
		char *dir = path_printf("units/%s", s->units[i].id);

		add_list_jobs(h, &cap, PAGE_UNIT, i, "unit", dir,
			      ctx_list_page_count(page_units_community_count(h, i), h->list_per_page));
		free(dir);
	}
	add_job(h, &cap, PAGE_GROUP, 0, "group", xstrdup("group/index.html"));
	news_pages = (s->nnews + h->news_per_page - 1) / h->news_per_page;
	add_job(h, &cap, PAGE_NEWS, 0, "news", xstrdup("news/index.html"));
	for (size_t i = 1; i < news_pages; i++) {
		char num[24];

		snprintf(num, sizeof(num), "%zu", i + 1);
		add_job(h, &cap, PAGE_NEWS, i, "news", path_printf("news/page/%s/index.html", num));
		h->jobs[h->njobs - 1].page = i;
	}
	for (size_t i = 0; i < s->nnews; i++)
		add_job(h, &cap, PAGE_ARTICLE, i, "article",
			path_printf("news/%s/index.html", s->news[i]->slug));
	add_job(h, &cap, PAGE_SEARCH, 0, "search", xstrdup("search/index.html"));
	for (size_t i = 0; i < s->npages; i++)
		if (content_page_wanted(&s->pages[i]))
			add_job(h, &cap, PAGE_CONTENT, i, "page",
				path_printf("%s/index.html", s->pages[i].slug));
	add_job(h, &cap, PAGE_NOT_FOUND, 0, "404", xstrdup("404.html"));
}

/* 1 when news item `i` names community `c` (once, however often). */
static int names_community(const struct site *s, size_t i, size_t c, size_t k)
{
	for (size_t e = 0; e < k; e++)
		if (strcmp(s->news[i]->communities[e], s->news[i]->communities[k]) == 0)
			return 0;
	return site_community_index(s, s->news[i]->communities[k]) == c;
}

static void index_news(struct html_site *h)
{
	const struct site *s = h->s;
	size_t n = s->ncommunities, *fill;

	h->news_at = xcalloc(n + 1, sizeof(*h->news_at));
	for (size_t i = 0; i < s->nnews; i++)
		for (size_t k = 0; k < s->news[i]->ncommunities; k++) {
			size_t c = site_community_index(s, s->news[i]->communities[k]);

			if (c != NO_INDEX && names_community(s, i, c, k))
				h->news_at[c + 1]++;
		}
	for (size_t c = 0; c < n; c++)
		h->news_at[c + 1] += h->news_at[c];
	h->news_of = xcalloc(h->news_at[n] + 1, sizeof(*h->news_of));
	fill = xcalloc(n + 1, sizeof(*fill));
	for (size_t i = 0; i < s->nnews; i++)
		for (size_t k = 0; k < s->news[i]->ncommunities; k++) {
			size_t c = site_community_index(s, s->news[i]->communities[k]);

			if (c != NO_INDEX && names_community(s, i, c, k))
				h->news_of[h->news_at[c] + fill[c]++] = i;
		}
	free(fill);
}

/* The units community `m` counts for: its subdistrict, and its
 * contractor when that is another unit.  Returns how many (0 to 2). */
static size_t units_of(const struct community *m, size_t nunits, size_t u[2])
{
	size_t n = 0;

	if (m->subdistrict < nunits)
		u[n++] = m->subdistrict;
	if (m->contractor < nunits && m->contractor != m->subdistrict)
		u[n++] = m->contractor;
	return n;
}

static void index_units(struct html_site *h)
{
	const struct site *s = h->s;
	size_t n = s->nunits, *fill, u[2];

	h->unit_at = xcalloc(n + 1, sizeof(*h->unit_at));
	for (size_t c = 0; c < s->ncommunities; c++)
		for (size_t k = units_of(&s->communities[c], n, u); k > 0; k--)
			h->unit_at[u[k - 1] + 1]++;
	for (size_t i = 0; i < n; i++)
		h->unit_at[i + 1] += h->unit_at[i];
	h->unit_of = xcalloc(h->unit_at[n] + 1, sizeof(*h->unit_of));
	fill = xcalloc(n + 1, sizeof(*fill));
	for (size_t c = 0; c < s->ncommunities; c++)
		for (size_t k = units_of(&s->communities[c], n, u); k > 0; k--)
			h->unit_of[h->unit_at[u[k - 1]] + fill[u[k - 1]]++] = c;
	free(fill);
}

/* 1 when the site has any progress fact (issue 19): a planned or actual
 * date or a report.  A site without them gets no progress page, link or
 * section. */
static int has_progress(const struct site *s)
{
	if (s->nreports)
		return 1;
	for (size_t c = 0; c < s->ncommunities; c++) {
		const struct community *m = &s->communities[c];

		if (m->plan_start.year || m->plan_end.year || m->started.year ||
		    m->completed.year || m->accepted.year)
			return 1;
	}
	return 0;
}

void html_site_init(struct html_site *h, const struct site *s, struct date today)
{
	memset(h, 0, sizeof(*h));
	h->s = s;
	h->today = today;
	h->news_per_page = s->config.page_size > 0 ? (size_t)s->config.page_size : NEWS_PER_PAGE;
	h->list_per_page = s->config.page_size > 0 ? (size_t)s->config.page_size : LIST_PER_PAGE;
	h->housing = site_lead_unit(s);
	h->has_progress = has_progress(s);
	group_communities(h);
	index_units(h);
	list_pages(h);
	index_news(h);
}

void html_site_free(struct html_site *h)
{
	for (size_t g = 0; g < h->ngroups; g++) {
		for (size_t a = 0; a < h->groups[g].nareas; a++)
			free(h->groups[g].areas[a].communities);
		free(h->groups[g].areas);
	}
	free(h->groups);
	free(h->area_of);
	free(h->listed);
	free(h->areas);
	for (size_t i = 0; i < h->njobs; i++)
		free(h->jobs[i].path);
	free(h->jobs);
	free(h->news_at);
	free(h->news_of);
	free(h->unit_at);
	free(h->unit_of);
	memset(h, 0, sizeof(*h));
}

const struct page_job *html_find_page(const struct html_site *h, const char *path)
{
	for (size_t i = 0; i < h->njobs; i++)
		if (strcmp(h->jobs[i].path, path) == 0)
			return &h->jobs[i];
	return NULL;
}

cJSON *page_context(const struct html_site *h, const struct page_job *j)
{
	switch (j->kind) {
	case PAGE_HOME:
		return page_home(h, j);
	case PAGE_PLAN:
		return page_plan(h, j);
	case PAGE_COMMUNITIES:
		return page_communities(h, j);
	case PAGE_COMMUNITY:
		return page_community(h, j);
	case PAGE_UNITS:
		return page_units(h, j);
	case PAGE_UNIT:
		return page_unit(h, j);
	case PAGE_ITEMS:
		return page_items(h, j);
	case PAGE_GROUP:
		return page_group(h, j);
	case PAGE_NEWS:
		return page_news(h, j);
	case PAGE_ARTICLE:
		return page_article(h, j);
	case PAGE_SEARCH:
		return page_search(h, j);
	case PAGE_CONTENT:
		return page_content(h, j);
	case PAGE_AREA:
		return page_area(h, j);
	case PAGE_PROGRESS:
		return page_progress(h, j);
	case PAGE_RESULT:
		return page_result(h, j);
	case PAGE_RESULTS:
		return page_results(h, j);
	case PAGE_NOT_FOUND:
		break;
	}
	return page_not_found(h, j);
}
