/* The public website's renderer: every page, feed, sitemap, search index
 * and theme asset of a site, rendered through the site's Mustache theme.
 *
 * It only renders: the build's plan (plan/plan.h) lists the website's
 * pages (plan/pages.h) and the renderer adds the parts of the search
 * index and the shared files (html_renderer_plan_shared); the writer (write/run.h) runs them
 * through the functions html_renderer_functions gives, asking for a
 * page's key and its bytes, or for a multi-file output's files through
 * its sink.  Nothing here knows of pools, manifests or output folders. */
#ifndef GONGSHI_HTML_H
#define GONGSHI_HTML_H

#include <stddef.h>

#include "model/model.h"
#include "model/volumes.h"
#include "plan/pages.h"
#include "plan/plan.h"
#include "plan/shard.h"
#include "util/buf.h"
#include "util/diag.h"

struct html_renderer;

/* How a build renders the site. */
struct html_options {
	unsigned jobs;	/* threads: the search index is made in parts for them */
	int no_pdf;	/* no notices or booklets: pages do not link them */
	int keyed;	/* the writer asks for keys (there is a manifest) */
	/* The output the last build made, whose search cache the index is
	 * updated from; NULL: made whole. */
	const char *last_output;
	/* How the booklets are split (cli/build_pdfs.h); NULL: each in one
	 * file, as `build --context` shows them. */
	const struct volume_plan *volumes;
};

/* Opens the site's theme and parses every template the pages of `pp`
 * use (its site, and its date, which the "where the plan stands" section
 * uses).  NULL after diagnostics (template errors name template
 * file:line:col).  `pp`, `opt->volumes` and `d` must outlive the
 * renderer. */
struct html_renderer *html_renderer_open(const struct plan_pages *pp,
					 const struct html_options *opt, diags *d);
/* Every template, partial and asset of the theme, hashed (opt->keyed):
 * part of every page's key. */
struct hash_value html_renderer_theme_key(const struct html_renderer *r);
/* Appends to `p` the search index's parts and the shared files (feeds,
 * sitemaps, robots.txt, assets) when shard `sh` (NULL: the whole build)
 * has the shared pages.  The pages themselves are the plan's
 * (plan_pages_add). */
void html_renderer_plan_shared(struct html_renderer *r, struct plan *p, const struct shard *sh);
/* The renderer of OUTPUT_SEARCH, OUTPUT_SHARED and OUTPUT_PAGE. */
struct plan_renderer html_renderer_functions(struct html_renderer *r);
/* Accepts NULL. */
void html_renderer_close(struct html_renderer *r);

/* For `gongshi build --context PAGE`: appends to `json` the JSON context
 * that page's template receives, the page found in the plan's page list
 * (plan_pages_find; PAGE is an output path like
 * "communities/yushu-xincun/" or "index.html" or "/"), as a build with
 * or without (`no_pdf`) the PDFs gives it.  -1 with a diagnostic when
 * there is no such page. */
int html_page_context(const struct site *s, struct date today,
		      const char *page, int no_pdf, buf *json, diags *d);

#endif
