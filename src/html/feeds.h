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
/* The news as an Atom 1.0 feed, newest first; <updated> is the newest
 * news date (else the notice's date, else today). */
void feed_atom(const struct html_site *h, buf *out);
void feed_robots(const struct html_site *h, buf *out);

#endif
