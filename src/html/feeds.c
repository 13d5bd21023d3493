#include "html/feeds.h"

#include <stdio.h>
#include <string.h>

#include "html/markdown.h"
#include "html/urls.h"
#include "util/escape.h"

static void xml(buf *out, const char *s)
{
	escape_xml(out, s, strlen(s));
}

/* An absolute URL, escaped for XML. */
static void xml_url(buf *out, const char *base, const char *outpath)
{
	buf u = BUF_INIT;

	url_absolute(&u, base, outpath);
	escape_xml(out, u.data ? u.data : "", u.len);
	buf_free(&u);
}

/* The <urlset> of the pages jobs[from..to), but the 404 page. */
static void urlset(const struct html_site *h, size_t from, size_t to, buf *out)
{
	const char *base = h->s->config.base_url;

	buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (size_t i = from; i < to; i++) {
		const struct page_job *j = &h->jobs[i];

		if (j->kind == PAGE_NOT_FOUND)
			continue;
		buf_puts(out, "<url><loc>");
		xml_url(out, base, j->path);
		buf_puts(out, "</loc>");
		if (j->kind == PAGE_ARTICLE && h->s->news[j->index]->date.year) {
			char iso[32];

			date_iso(h->s->news[j->index]->date, iso);
			buf_printf(out, "<lastmod>%s</lastmod>", iso);
		}
		buf_puts(out, "</url>\n");
	}
	buf_puts(out, "</urlset>\n");
}

int feed_sitemap(const struct html_site *h, buf *out)
{
	if (!*h->s->config.base_url)
		return -1;
	urlset(h, 0, h->njobs, out);
	return 0;
}

int feed_sitemaps(const struct html_site *h, size_t max_urls, feed_file_fn fn, void *ctx)
{
	const char *base = h->s->config.base_url;
	size_t urls = 0, parts = 0, from = 0;
	buf b = BUF_INIT, idx = BUF_INIT;
	int rc = 0;

	if (!*base)
		return -1;
	for (size_t i = 0; i < h->njobs; i++)
		urls += h->jobs[i].kind != PAGE_NOT_FOUND;
	if (urls <= max_urls || max_urls == 0) {
		urlset(h, 0, h->njobs, &b);
		rc = fn(ctx, "sitemap.xml", b.data, b.len);
		buf_free(&b);
		return rc < 0 ? -1 : 0;
	}
	buf_puts(&idx, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		       "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	while (from < h->njobs && rc == 0) {
		size_t to = from, n = 0;
		char name[48];

		/* The 404 page is not a URL: it does not count. */
		while (to < h->njobs && (n < max_urls || h->jobs[to].kind == PAGE_NOT_FOUND))
			n += h->jobs[to++].kind != PAGE_NOT_FOUND;
		if (n == 0)
			break;
		snprintf(name, sizeof(name), "sitemap-%zu.xml", ++parts);
		buf_reset(&b);
		urlset(h, from, to, &b);
		rc = fn(ctx, name, b.data, b.len);
		buf_puts(&idx, "<sitemap><loc>");
		xml_url(&idx, base, name);
		buf_puts(&idx, "</loc></sitemap>\n");
		from = to;
	}
	buf_puts(&idx, "</sitemapindex>\n");
	if (rc == 0)
		rc = fn(ctx, "sitemap.xml", idx.data, idx.len);
	buf_free(&b);
	buf_free(&idx);
	return rc < 0 ? -1 : 0;
}

/* RFC 3339 at midnight China time: the dates are Beijing dates. */
static void stamp(buf *out, struct date d)
{
	char iso[32];

	date_iso(d, iso);
	buf_printf(out, "%sT00:00:00+08:00", iso);
}

/* Atom ids must be absolute IRIs; without base_url a tag: URI made from
 * the site's title stands in, and is as stable. */
static void entry_id(buf *out, const struct site *s, const char *outpath)
{
	if (*s->config.base_url) {
		xml_url(out, s->config.base_url, outpath);
		return;
	}
	buf_puts(out, "urn:gongshi:");
	{
		buf u = BUF_INIT;

		escape_url_path(&u, outpath, strlen(outpath));
		xml(out, buf_cstr(&u));
		buf_free(&u);
	}
}

static void link_href(buf *out, const struct site *s, const char *outpath)
{
	if (*s->config.base_url)
		xml_url(out, s->config.base_url, outpath);
	else
		url_pretty(out, outpath);
}

void feed_atom(const struct html_site *h, buf *out)
{
	const struct site *s = h->s;
	struct date updated = s->nnews && s->news[0]->date.year ? s->news[0]->date
				: s->config.notice.date.year ? s->config.notice.date
							     : h->today;
	buf tmp = BUF_INIT, where = BUF_INIT;

	buf_puts(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		      "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
	xml(out, s->config.language);
	buf_puts(out, "\">\n<title>");
	xml(out, s->config.title);
	buf_puts(out, " · 工作动态</title>\n<id>");
	entry_id(out, s, "news/index.html");
	buf_puts(out, "</id>\n");
	if (*s->config.base_url) {
		buf_puts(out, "<link rel=\"self\" type=\"application/atom+xml\" href=\"");
		xml_url(out, s->config.base_url, "feed.xml");
		buf_puts(out, "\"/>\n");
	}
	buf_puts(out, "<link rel=\"alternate\" type=\"text/html\" href=\"");
	link_href(out, s, "news/index.html");
	buf_puts(out, "\"/>\n<updated>");
	stamp(out, updated);
	buf_puts(out, "</updated>\n<author><name>");
	xml(out, *s->config.organiser ? s->config.organiser : s->config.title);
	buf_puts(out, "</name></author>\n");

	for (size_t i = 0; i < s->nnews; i++) {
		const struct page *p = s->news[i];
		const char *path;

		buf_reset(&where);
		buf_printf(&where, "news/%s/index.html", p->slug);
		path = buf_cstr(&where);
		buf_puts(out, "<entry>\n<title>");
		xml(out, *p->title ? p->title : p->slug);
		buf_puts(out, "</title>\n<id>");
		entry_id(out, s, path);
		buf_puts(out, "</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
		link_href(out, s, path);
		buf_puts(out, "\"/>\n<updated>");
		stamp(out, p->date.year ? p->date : updated);
		buf_puts(out, "</updated>\n");
		if (p->summary && *p->summary) {
			buf_puts(out, "<summary>");
			xml(out, p->summary);
			buf_puts(out, "</summary>\n");
		}
		markdown_html(&tmp, p->body_md ? p->body_md : "", s->config.unsafe_html, 2);
		/* Relative links in the body resolve against the article. */
		buf_puts(out, "<content type=\"html\"");
		if (*s->config.base_url) {
			buf_puts(out, " xml:base=\"");
			xml_url(out, s->config.base_url, path);
			buf_putc(out, '"');
		}
		buf_putc(out, '>');
		escape_xml(out, tmp.data ? tmp.data : "", tmp.len);
		buf_puts(out, "</content>\n</entry>\n");
		buf_reset(&tmp);
	}
	buf_puts(out, "</feed>\n");
	buf_free(&tmp);
	buf_free(&where);
}

void feed_robots(const struct html_site *h, buf *out)
{
	const char *base = h->s->config.base_url;
	int clean = 1;

	/* A line break in base_url would add lines of its own. */
	for (const char *p = base; *p; p++)
		clean &= (unsigned char)*p >= 0x20;
	buf_puts(out, "User-agent: *\nAllow: /\n");
	if (*base && clean) {
		buf_puts(out, "Sitemap: ");
		url_absolute(out, h->s->config.base_url, "sitemap.xml");
		buf_putc(out, '\n');
	}
}
