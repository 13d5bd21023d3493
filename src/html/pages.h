/* The pages of the site and the context each page's template receives.
 * Private to src/html/. */
#ifndef GONGSHI_HTML_PAGES_H
#define GONGSHI_HTML_PAGES_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "util/hash.h"
#include "model/model.h"
#include "model/volumes.h"
#include "plan/pages.h"
#include "util/buf.h"

/* What every page builder reads; filled once per build, then read-only.
 * Which pages exist, what each lists and the groupings that decide them
 * (the subdistricts and areas, the list order, the totals, the news and
 * units of each community, the page sizes, the date) are the plan's:
 * the builders read them where the plan keeps them, h->pages->…, so
 * that no fact has a second copy here to drift from the first. */
struct html_site {
	const struct site *s; /* h->pages->s, for brevity: the model */
	const struct plan_pages *pages; /* the plan's pages: outlives this */
	/* The booklets' volumes (html_options: the PDFs' plan, whose files
	 * a unit's page links), or NULL: one file each. */
	const struct volume_plan *volumes;
};

/* What the builders read of the plan's pages `pp` (which must outlive
 * `h`), of its site as of its date.  Nothing to free. */
void html_site_init(struct html_site *h, const struct plan_pages *pp);
/* The context of one page; the caller frees it with cJSON_Delete. */
cJSON *page_context(const struct html_site *h, const struct page_job *j);

/* --- context.c: pieces shared by the page builders --- */

/* The fields every page has (root, site, portal, records, nav, page,
 * breadcrumbs starting at the home page).  `title` is the page's title. */
cJSON *ctx_base(const struct html_site *h, const struct page_job *j, const char *title);
/* Appends a breadcrumb; `href` NULL marks the current page. */
void ctx_crumb(cJSON *ctx, const char *title, const char *href);
/* Sets page.pub_date (the portal's PubDate) and page.description. */
void ctx_pub_date(cJSON *ctx, struct date d);
void ctx_description(cJSON *ctx, const char *text);

void cj_str(cJSON *o, const char *key, const char *v); /* NULL is "" */
void cj_num(cJSON *o, const char *key, double v);
void cj_bool(cJSON *o, const char *key, int v);
/* Adds `b`'s contents as a string and empties `b`. */
void cj_buf(cJSON *o, const char *key, buf *b);
/* `key` as {"iso":"2022-04-27","text":"2022年4月27日"}; "" for year 0. */
void cj_date(cJSON *o, const char *key, struct date d);
/* `key` (the number as typed) and `key`_tel (its tel: link, "" if none). */
void cj_phone(cJSON *o, const char *key, const char *phone);
/* The Markdown `md` as HTML under `key`, headings from <h`top`>. */
void cj_markdown(const struct html_site *h, cJSON *o, const char *key, const char *md, int top);

/* Hrefs relative to the output root, percent-encoded. */
void href_community(buf *out, const char *id);
void href_unit(buf *out, const char *id);
void href_news(buf *out, const char *slug);
/* Sets `pagination` on ctx: page, pages, many, prev_href, next_href and
 * numbers[] ({number, href, current}) for page `page` of `pages` of the
 * list under `dir`.  A list's pages, their paths and how many there are,
 * are the plan's: plan_list_page_path and plan_list_page_count. */
void ctx_pagination(cJSON *ctx, const char *dir, size_t page, size_t pages);
/* How many communities unit `u` answers for: a subdistrict's own, or
 * those an enterprise builds. */
size_t page_units_community_count(const struct html_site *h, size_t u);

/* A row of a community's contacts table (role, name, phone with its tel:
 * link, href): the one list of whom to call; a unit's row links its page
 * (none when `u` is NO_INDEX). */
void ctx_contact(cJSON *arr, const char *role, const char *name, const char *phone,
		 const char *href);
void ctx_unit_contact(const struct html_site *h, cJSON *arr, const char *role, size_t u);
/* Short records shared by many pages. */
cJSON *ctx_community_brief(const struct html_site *h, size_t c);
cJSON *ctx_unit_brief(const struct html_site *h, size_t u);
cJSON *ctx_news_brief(const struct html_site *h, const struct page *p);
cJSON *ctx_area_totals(long n, long households, long long cm2, cJSON *o);
/* Past this many areas, pages that list every subdistrict leave the
 * areas to each subdistrict's own page. */
#define AREAS_LISTED_MAX 100
/* An area: name, key, totals and `href`, its page when the community
 * list paginates, else its section of the list. */
cJSON *ctx_area_brief(const struct html_site *h, const struct area_group *ag);
/* The subdistricts with their totals and areas (none when there are
 * more than AREAS_LISTED_MAX, unless `with_communities`), each area as
 * ctx_area_brief and, when `with_communities`, its communities. */
cJSON *ctx_subdistrict_groups(const struct html_site *h, int with_communities);
/* The phases, each with done/current/upcoming: relative to `today` when
 * `at` is NO_INDEX, else relative to the phase a community is in. */
cJSON *ctx_phases(const struct html_site *h, size_t at);

/* --- page_keys.c: what a page is made from, for the manifest (a
 * community page's key is the plan's: plan/page_keys.c) --- */

/* Adds the context `x` and its siblings to `h`: each item's type, key
 * and value, in order. */
void page_keys_hash_cjson(struct hash *h, const cJSON *x);

/* --- the builders, one per page kind (pages_*.c) --- */
cJSON *page_home(const struct html_site *h, const struct page_job *j);
cJSON *page_plan(const struct html_site *h, const struct page_job *j);
cJSON *page_communities(const struct html_site *h, const struct page_job *j);
cJSON *page_community(const struct html_site *h, const struct page_job *j);
/* The community's photo gallery (pages_gallery.c): `gallery` in `ctx`,
 * absent when it has no photos (its key: plan/hash_site.h's
 * hash_site_photos). */
void page_gallery_add(const struct site *s, const struct community *c, cJSON *ctx);
cJSON *page_units(const struct html_site *h, const struct page_job *j);
cJSON *page_unit(const struct html_site *h, const struct page_job *j);
cJSON *page_items(const struct html_site *h, const struct page_job *j);
cJSON *page_group(const struct html_site *h, const struct page_job *j);
cJSON *page_news(const struct html_site *h, const struct page_job *j);
cJSON *page_article(const struct html_site *h, const struct page_job *j);
cJSON *page_search(const struct html_site *h, const struct page_job *j);
cJSON *page_content(const struct html_site *h, const struct page_job *j);
cJSON *page_not_found(const struct html_site *h, const struct page_job *j);
cJSON *page_area(const struct html_site *h, const struct page_job *j);
cJSON *page_progress(const struct html_site *h, const struct page_job *j);
cJSON *page_result(const struct html_site *h, const struct page_job *j);
cJSON *page_results(const struct html_site *h, const struct page_job *j);
/* pages_results.c: community `c`'s postings, consent and result on its
 * page; the communities page's link to the results. */
void page_results_community(const struct html_site *h, cJSON *ctx, size_t c);
void page_results_link(const struct html_site *h, cJSON *ctx);

#endif
