#include "html/urls.h"

#include <string.h>

#include "util/escape.h"
#include "util/xalloc.h"

void url_root(buf *out, const char *outpath)
{
	for (const char *p = outpath; *p; p++)
		if (*p == '/')
			buf_puts(out, "../");
}

static int has_suffix(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

char *url_page_path(const char *page)
{
	buf b = BUF_INIT;
	size_t n;

	while (*page == '/')
		page++;
	n = strlen(page);
	while (n > 0 && page[n - 1] == '/')
		n--;
	if (n == 0)
		return xstrdup("index.html");
	buf_put(&b, page, n);
	if (!has_suffix(page, n, ".html") && !has_suffix(page, n, ".xml") &&
	    !has_suffix(page, n, ".json"))
		buf_puts(&b, "/index.html");
	return buf_detach(&b);
}

void url_pretty(buf *out, const char *outpath)
{
	size_t n = strlen(outpath);

	if (strcmp(outpath, "index.html") == 0)
		return;
	if (has_suffix(outpath, n, "/index.html"))
		n -= strlen("index.html");
	escape_url_path(out, outpath, n);
}

void url_absolute(buf *out, const char *base_url, const char *outpath)
{
	size_t n = strlen(base_url);

	if (n == 0)
		return;
	buf_puts(out, base_url);
	if (base_url[n - 1] != '/')
		buf_putc(out, '/');
	url_pretty(out, outpath);
}

/* Where the host part begins: after "scheme://", or NULL. */
static const char *after_scheme(const char *url)
{
	const char *p = strstr(url, "://");

	return p ? p + 3 : NULL;
}

void url_base_path(buf *out, const char *base_url)
{
	const char *host = after_scheme(base_url);
	const char *path = host ? strchr(host, '/') : NULL;
	size_t n;

	if (path == NULL) {
		buf_putc(out, '/');
		return;
	}
	n = strcspn(path, "?#");
	buf_put(out, path, n);
	if (path[n - 1] != '/')
		buf_putc(out, '/');
}

void url_host(buf *out, const char *base_url)
{
	const char *host = after_scheme(base_url);

	if (host == NULL)
		return;
	buf_put(out, host, strcspn(host, "/?#"));
}

void url_tel(buf *out, const char *phone)
{
	size_t start = out->len;
	int digits = 0;

	buf_puts(out, "tel:");
	for (const char *p = phone; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			buf_putc(out, *p);
			digits = 1;
		} else if (*p == '+' || *p == '-') {
			buf_putc(out, *p);
		} else if (*p == ' ' || *p == '(' || *p == ')') {
			continue;
		} else {
			break;
		}
	}
	if (!digits)
		buf_truncate(out, start);
}
