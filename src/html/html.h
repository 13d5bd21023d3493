/* The public website: every page, feed, sitemap, search index and theme
 * asset of a site, rendered through the site's Mustache theme. */
#ifndef GONGSHI_HTML_H
#define GONGSHI_HTML_H

#include <stddef.h>

#include "build/output.h"
#include "model/model.h"
#include "util/buf.h"
#include "util/diag.h"

/* Renders every page, feed, sitemap, search index and theme asset of the
 * site into `o`.  `today` is the date the "where the plan stands" section
 * uses (config.today if set, else the build date).  Returns 0, or -1 with
 * diagnostics (template errors name template file:line:col).  Counts
 * pages written in *pages. */
int html_render_site(const struct site *s, struct date today,
		     struct output *o, diags *d, size_t *pages);
/* For `gongshi build --context PAGE`: appends to `json` the JSON context
 * that page's template receives (PAGE is an output path like
 * "communities/yushu-xincun/" or "index.html" or "/").  -1 with a
 * diagnostic when there is no such page. */
int html_page_context(const struct site *s, struct date today,
		      const char *page, buf *json, diags *d);

#endif
