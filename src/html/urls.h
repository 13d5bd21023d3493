/* Output paths and the links between pages.
 *
 * Every page is DIR/index.html and links to others through a relative
 * prefix back to the output root ("../../"), so the folder works at a
 * server's root, under any sub-path and from file://.  Links name
 * index.html explicitly because a browser opening a file:// folder shows
 * a directory listing, not the index. */
#ifndef GONGSHI_HTML_URLS_H
#define GONGSHI_HTML_URLS_H

#include "util/buf.h"

/* Appends the prefix that leads from the folder holding `outpath` (e.g.
 * "communities/x/index.html") back to the output root ("../../"); nothing
 * for a file at the root. */
void url_root(buf *out, const char *outpath);
/* The output path a user means by `page` on the command line: "/", "" and
 * "index.html" are the home page; "communities/x", "/communities/x/" are
 * "communities/x/index.html"; a name ending in .html, .xml or .json is
 * kept.  Returns a malloc'd string the caller frees. */
char *url_page_path(const char *page);
/* Appends the address a server shows for `outpath`, for sitemaps and
 * canonical links: "communities/x/" for "communities/x/index.html", ""
 * for "index.html", other names unchanged; percent-encoded. */
void url_pretty(buf *out, const char *outpath);
/* Appends the absolute URL of `outpath` under `base_url` (a "/" is added
 * to the base when missing).  Nothing when base_url is empty. */
void url_absolute(buf *out, const char *base_url, const char *outpath);
/* Appends the path part of an absolute URL ("https://h/a/b/" -> "/a/b/"),
 * always ending in "/"; "/" when there is none. */
void url_base_path(buf *out, const char *base_url);
/* Appends the host of an absolute URL ("https://h:8080/a" -> "h:8080"). */
void url_host(buf *out, const char *base_url);
/* Appends a tel: URI for a phone number as staff type it ("0632-4411234",
 * "0632 441 1234 转 8"): the digits, '+' and '-' up to the first other
 * word.  Nothing when there is no digit. */
void url_tel(buf *out, const char *phone);

#endif
