/* The page builders' view of the plan's pages (html_site_init) and the
 * one switch from a page's kind to its builder. */
#include <string.h>

#include "html/pages.h"

void html_site_init(struct html_site *h, const struct plan_pages *pp)
{
	memset(h, 0, sizeof(*h));
	h->s = pp->s;
	h->pages = pp;
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
