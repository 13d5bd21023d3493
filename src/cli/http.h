/* The preview server of `gongshi serve`: libmicrohttpd serving the files
 * of the output folder, and nothing else, on 127.0.0.1.
 *
 * The output folder is replaced by a rename on every rebuild, so each
 * request opens its file afresh from the folder's path: nothing is kept
 * open from one request to the next. */
#ifndef GONGSHI_HTTP_H
#define GONGSHI_HTTP_H

#include "util/buf.h"

struct http_server;

/* A listening TCP socket on 127.0.0.1:`port`, non-blocking; -1 with errno
 * set on failure (EADDRINUSE: the port is taken). */
int http_listen(unsigned port);
/* Serves the folder `root` on the socket `fd` (from http_listen) with
 * MHD's own thread; the calling thread's signal mask is inherited by it.
 * `root` is the caller's and must outlive the server.  The server owns
 * `fd` from here on, even on failure.  NULL on failure. */
struct http_server *http_start(int fd, const char *root);
/* Stops serving, closes the socket and frees `s`.  Accepts NULL. */
void http_stop(struct http_server *s);

/* Decodes the path of a request URL (no query part: MHD strips it) into
 * `rel`, relative to the output folder, with no leading or trailing
 * slash ("" for the root).  Returns 1 when the URL ends with a slash (a
 * folder is asked for), 0 otherwise, -1 when it is not a safe path
 * inside the folder: a bad %-escape, an encoded NUL, a backslash, an
 * empty, "." or ".." component. */
int http_url_path(const char *url, buf *rel);
/* The Content-Type for a file name, by its extension. */
const char *http_content_type(const char *name);

#endif
