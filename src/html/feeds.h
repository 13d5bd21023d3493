/* The machine-read files: sitemap.xml, the Atom feed of the news, and
 * robots.txt.  Written from C with escape_xml rather than through the
 * theme: their format is fixed by their specifications. */
#ifndef GONGSHI_HTML_FEEDS_H
#define GONGSHI_HTML_FEEDS_H

#include "html/pages.h"
#include "util/buf.h"

/* Every HTML page but 404.html, as absolute URLs under base_url.  Appends
 * nothing and returns -1 when base_url is empty (a sitemap needs it). */
int feed_sitemap(const struct html_site *h, buf *out);
/* The sitemaps protocol allows this many URLs in one file. */
#define SITEMAP_MAX_URLS 50000

/* Receives one file: `path` relative to the output root. 0, or -1 to stop. */
typedef int (*feed_file_fn)(void *ctx, const char *path, const char *data, size_t len);
/* The sitemap of a site of any size: with at most `max_urls` pages (pass
 * SITEMAP_MAX_URLS), sitemap.xml as feed_sitemap; with more, the pages in
 * sitemap-1.xml, sitemap-2.xml, … of at most `max_urls` each and
 * sitemap.xml their sitemap index, so robots.txt names one file either
 * way.  Writes nothing and returns -1 when base_url is empty; else 0, or
 * -1 as soon as `fn` fails. */
int feed_sitemaps(const struct html_site *h, size_t max_urls, feed_file_fn fn, void *ctx);
/* The news and the latest progress reports (FEED_REPORTS_MAX) as an
 * Atom 1.0 feed, newest first; <updated> is the newest news or report
 * date (else the notice's date, else today). */
void feed_atom(const struct html_site *h, buf *out);

/* Progress reports the feed carries at most (issue 19): the newest, so
 * that a resident following the site sees each community's new figure,
 * while a site of 55,000 communities with 12 reports each keeps a feed of
 * a few hundred kilobytes. */
#define FEED_REPORTS_MAX 200
void feed_robots(const struct html_site *h, buf *out);

#endif
