/* A community page's progress (issue 19): its status in words from the
 * facts (未开工 已开工 已竣工 已验收, 逾期 when past its planned
 * completion), its timeline planned against actual, the dated reports
 * (形象进度) newest first, the parties with phones, the supervision
 * hotline, its investment by source.  Private to src/html/; only for a
 * site with progress facts (html_site.has_progress).
 * docs/templates.md, community: progress. */
#ifndef GONGSHI_HTML_COMMUNITY_PROGRESS_H
#define GONGSHI_HTML_COMMUNITY_PROGRESS_H

#include <cjson/cJSON.h>

#include "html/pages.h"

/* Adds `progress` for community `c` to ctx, its design and supervision
 * units and project manager to the page's `contacts`, and its sentence of where it stands as of h->today (status
 * word, percent, overdue) to `sentence`. */
void community_progress_add(const struct html_site *h, cJSON *ctx, cJSON *contacts, size_t c,
			    buf *sentence);

#endif
