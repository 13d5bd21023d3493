/* The website's pages as the plan lists them: which pages exist, their
 * paths, the template each is rendered through, the record and the page
 * of a list each shows; and the groupings that decide them (the areas'
 * keys name the area pages, the length of every list its pages).
 *
 * Made once per build from the model (plan_pages_make), read-only after:
 * the plan's OUTPUT_PAGE entries point into it (`index`), html/ renders
 * the page it is given and reads the groupings, `--context PAGE` finds
 * its page here (plan_pages_find).  Everything is owned by the struct
 * (plan_pages_free). */
#ifndef GONGSHI_PLAN_PAGES_H
#define GONGSHI_PLAN_PAGES_H

#include <stddef.h>

#include "model/model.h"
#include "model/totals.h"
#include "plan/plan.h"
#include "plan/shard.h"
#include "util/buf.h"
#include "util/hash.h"

enum page_kind {
	PAGE_HOME,
	PAGE_PLAN,
	PAGE_COMMUNITIES,
	PAGE_COMMUNITY,
	PAGE_UNITS,
	PAGE_UNIT,
	PAGE_ITEMS,
	PAGE_GROUP,
	PAGE_NEWS,
	PAGE_ARTICLE,
	PAGE_SEARCH,
	PAGE_CONTENT, /* any other top-level content page */
	PAGE_NOT_FOUND,
	PAGE_AREA, /* one area's communities, paginated */
	PAGE_PROGRESS, /* progress/index.html, when has_progress */
	PAGE_RESULT,  /* a community's 征求意见结果 (html/pages_results.c) */
	PAGE_RESULTS, /* every community's result, paginated */
};

/* One page to write. */
struct page_job {
	enum page_kind kind;
	/* The community, unit, area or content page (index into site.pages),
	 * or the 0-based number of a page of the news list. */
	size_t index;
	char *path; /* output path, e.g. "communities/x/index.html"; owned */
	const char *template; /* theme template name, e.g. "community" */
	/* The 0-based page of a paginated list (the community list, an
	 * area's list, a unit's communities, the news list); else 0. */
	size_t page;
};

/* Communities of one area of one subdistrict, in data order; its totals
 * are model/totals.h's, copied. */
struct area_group {
	const char *name;
	char key[24]; /* "g1", "g2", …: stable, unique across subdistricts */
	size_t *communities; /* indexes into site.communities; owned */
	size_t n;
	long households;
	long long cm2;
};

struct subdistrict_group {
	size_t unit; /* index into site.units */
	struct area_group *areas; /* in order of first appearance; owned */
	size_t nareas;
	size_t n;
	long households;
	long long cm2;
};

struct plan_pages {
	const struct site *s;
	struct date today;
	struct totals totals;
	struct subdistrict_group *groups; /* subdistricts with communities */
	size_t ngroups;
	const struct area_group **area_of; /* each community's area group */
	/* Every community in list order (subdistrict, area, data order). */
	size_t *listed;
	size_t nlisted;
	/* Every area group, in list order; key "gN" is areas[N-1]. */
	const struct area_group **areas;
	size_t nareas;
	/* The news naming community c, in news order: news_of[news_at[c]]
	 * up to news_at[c + 1].  So that a community's page need not read
	 * every news item (pages × news: quadratic on a big site). */
	size_t *news_at, *news_of;
	/* The communities unit u answers for (a subdistrict's own, those an
	 * enterprise builds), in data order: unit_of[unit_at[u]] up to
	 * unit_at[u + 1].  So that a unit's pages need not read every
	 * community (units × communities: quadratic on a big site). */
	size_t *unit_at, *unit_of;
	size_t news_per_page;
	size_t list_per_page; /* communities on one page of a list */
	int has_progress; /* any progress fact: the progress page */
	struct page_job *v; /* every page, in a fixed order */
	size_t n;
};

/* The keys of the community pages, which the plan computes from the
 * model (plan/page_keys.c): `theme` is every template, partial and
 * asset (the renderer's), `no_pdf` whether the pages link the PDFs. */
struct plan_page_keys {
	struct hash_value theme;
	int no_pdf;
};

/* The pages of site `s` (which must outlive `pp`) as of `today`. */
void plan_pages_make(struct plan_pages *pp, const struct site *s, struct date today);
void plan_pages_free(struct plan_pages *pp);
/* The page written to `path` (an output path: "index.html",
 * "communities/x/index.html"), or NULL. */
const struct page_job *plan_pages_find(const struct plan_pages *pp, const char *path);
/* Appends shard `sh`'s pages (NULL: every one) to `p` as OUTPUT_PAGE
 * entries, `index` the page's in pp->v.  With `keys`, a community's page
 * is keyed here (key_known 1); every other page by its renderer. */
void plan_pages_add(struct plan *p, const struct plan_pages *pp, const struct shard *sh,
		    const struct plan_page_keys *keys);

/* Page `page` (0-based) of the list whose first page is DIR/index.html:
 * DIR/index.html, DIR/page/2/index.html, … */
void plan_list_page_path(buf *out, const char *dir, size_t page);
/* The number of pages a list of `n` entries takes, `per` a page: at
 * least 1. */
size_t plan_list_page_count(size_t n, size_t per);

/* plan/groups.c: the groupings and indexes above (called by
 * plan_pages_make before the page list, which reads them). */
void plan_groups_make(struct plan_pages *pp);
void plan_groups_free(struct plan_pages *pp);

/* plan/page_keys.c: what every community page shows besides its own
 * community (the settings, units, items, phases, dates); once per
 * build. */
struct hash_value plan_page_keys_common(const struct plan_pages *pp, int no_pdf);
/* Community page `j`'s inputs, hashed from the model without building
 * its context: `common` from plan_page_keys_common, `theme` every
 * template, partial and asset.  test_html_keys changes the model field
 * by field and fails when a context changes and its key does not. */
struct hash_value plan_page_keys_community(const struct plan_pages *pp, struct hash_value common,
					   struct hash_value theme, const struct page_job *j);

#endif
