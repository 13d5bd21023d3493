/* The public website: every page, feed, sitemap, search index and theme
 * asset of a site, rendered through the site's Mustache theme. */
#ifndef GONGSHI_HTML_H
#define GONGSHI_HTML_H

#include <stddef.h>

#include "write/manifest.h"
#include "write/output.h"
#include "write/progress.h"
#include "plan/shard.h"
#include "model/model.h"
#include "model/volumes.h"
#include "util/buf.h"
#include "util/diag.h"

/* Renders every page, feed, sitemap, search index and theme asset of the
 * site into `o`.  `today` is the date the "where the plan stands" section
 * uses (config.today if set, else the build date).  Returns 0, or -1 with
 * diagnostics (template errors name template file:line:col).  Counts
 * pages written in *pages. */
int html_render_site(const struct site *s, struct date today,
		     struct output *o, diags *d, size_t *pages);
/* How a build renders the site (html_render_site_with). */
struct html_options {
	unsigned jobs;	/* threads rendering pages; 0 and 1 mean this one */
	int no_pdf;	/* no notices or booklets: pages do not link them */
	const struct shard *shard;  /* NULL: every page */
	struct manifest *manifest;  /* NULL: make every page */
	struct progress *progress;  /* NULL: none shown */
	/* How the booklets are split (cli/build_pdfs.h); NULL: each in one
	 * file, as `build --context` shows them. */
	const struct volume_plan *volumes;
};

struct html_counts {
	size_t pages;	 /* pages in the output, made or carried over */
	size_t rendered; /* of which made by this build */
};

/* html_render_site with options: pages rendered by opt->jobs threads (the
 * same bytes and diagnostics whatever the number), only those of the
 * shard, pages whose inputs the manifest has seen carried over from the
 * previous output.  Search index, feeds, sitemap and assets are written
 * by builds that write the shared pages. */
int html_render_site_with(const struct site *s, struct date today,
			  struct output *o, const struct html_options *opt,
			  diags *d, struct html_counts *n);
/* For `gongshi build --context PAGE`: appends to `json` the JSON context
 * that page's template receives (PAGE is an output path like
 * "communities/yushu-xincun/" or "index.html" or "/"), as a build with
 * or without (`no_pdf`) the PDFs gives it.  -1 with a diagnostic when
 * there is no such page. */
int html_page_context(const struct site *s, struct date today,
		      const char *page, int no_pdf, buf *json, diags *d);

#endif
