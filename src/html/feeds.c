#include "html/feeds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html/markdown.h"
#include "html/urls.h"
#include "model/progress.h"
#include "util/escape.h"
#include "util/xalloc.h"

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
		const struct page_job *j = &h->pages->v[i];

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
	urlset(h, 0, h->pages->n, out);
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
	for (size_t i = 0; i < h->pages->n; i++)
		urls += h->pages->v[i].kind != PAGE_NOT_FOUND;
	if (urls <= max_urls || max_urls == 0) {
		urlset(h, 0, h->pages->n, &b);
		rc = fn(ctx, "sitemap.xml", b.data, b.len);
		buf_free(&b);
		return rc < 0 ? -1 : 0;
	}
	buf_puts(&idx, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		       "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	while (from < h->pages->n && rc == 0) {
		size_t to = from, n = 0;
		char name[48];

		/* The 404 page is not a URL: it does not count. */
		while (to < h->pages->n && (n < max_urls || h->pages->v[to].kind == PAGE_NOT_FOUND))
			n += h->pages->v[to++].kind != PAGE_NOT_FOUND;
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

/* A report as the feed sorts it. */
struct dated {
	struct date date;
	size_t community, index;
};

/* Newest first, then in community and report order: deterministic. */
static int dated_cmp(const void *a, const void *b)
{
	const struct dated *x = a, *y = b;
	int c = date_cmp(y->date, x->date);

	if (c)
		return c;
	if (x->community != y->community)
		return x->community < y->community ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Moves heap[i] down to its place in the heap of the `n` kept reports
 * whose root is the one that sorts last (the first to give up). */
static void sift_down(struct dated *heap, size_t n, size_t i)
{
	for (;;) {
		size_t worst = i, l = 2 * i + 1, r = l + 1;
		struct dated t;

		if (l < n && dated_cmp(&heap[l], &heap[worst]) > 0)
			worst = l;
		if (r < n && dated_cmp(&heap[r], &heap[worst]) > 0)
			worst = r;
		if (worst == i)
			return;
		t = heap[i], heap[i] = heap[worst], heap[worst] = t;
		i = worst;
	}
}

static void sift_up(struct dated *heap, size_t i)
{
	while (i > 0 && dated_cmp(&heap[i], &heap[(i - 1) / 2]) > 0) {
		struct dated t = heap[i];

		heap[i] = heap[(i - 1) / 2], heap[(i - 1) / 2] = t;
		i = (i - 1) / 2;
	}
}

/* The indexes into site.reports of the newest `max` reports dated on or
 * before today, newest first; their count, the array for the caller to
 * free.  The `max` newest so far are kept in a heap, not every report
 * sorted: 660,000 reports would cost two arrays of 16 MB at the build's
 * peak. */
static size_t latest_reports(const struct html_site *h, size_t max, size_t **out)
{
	const struct site *s = h->s;
	struct dated *v = xcalloc(max + 1, sizeof(*v));
	size_t n = 0;

	for (size_t i = 0; i < s->nreports && max > 0; i++) {
		struct dated d = { s->reports[i].date, s->reports[i].community, i };

		if (date_cmp(d.date, h->pages->today) > 0)
			continue;
		if (n < max) {
			v[n] = d;
			sift_up(v, n++);
		} else if (dated_cmp(&d, &v[0]) < 0) {
			v[0] = d;
			sift_down(v, n, 0);
		}
	}
	qsort(v, n, sizeof(*v), dated_cmp);
	*out = xcalloc(n + 1, sizeof(**out));
	for (size_t i = 0; i < n; i++)
		(*out)[i] = v[i].index;
	free(v);
	return n;
}

/* Report `r` as an entry: its id is the community page's with the
 * report's date (and its rank among reports of that day). */
static void report_entry(const struct html_site *h, size_t r, buf *out)
{
	const struct site *s = h->s;
	const struct progress_report *p = &s->reports[r];
	const struct community *m = &s->communities[p->community];
	buf where = BUF_INIT, text = BUF_INIT;
	char iso[32], day[32];
	size_t same = 0;

	while (same < r && s->reports[r - same - 1].community == p->community &&
	       date_cmp(s->reports[r - same - 1].date, p->date) == 0)
		same++;
	date_iso(p->date, iso);
	date_chinese(p->date, day);
	buf_printf(&where, "communities/%s/index.html", m->id);
	buf_printf(&text, "%s：工程完成%d%%", m->name, p->percent);
	buf_puts(out, "<entry>\n<title>");
	xml(out, buf_cstr(&text));
	buf_puts(out, "</title>\n<id>");
	entry_id(out, s, buf_cstr(&where));
	buf_printf(out, "#report-%s", iso);
	if (same)
		buf_printf(out, "-%zu", same + 1);
	buf_puts(out, "</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
	link_href(out, s, buf_cstr(&where));
	buf_puts(out, "#progress-h\"/>\n<updated>");
	stamp(out, p->date);
	buf_puts(out, "</updated>\n<category term=\"progress\" label=\"改造进度\"/>\n<summary>");
	buf_reset(&text);
	buf_printf(&text, "%s，%s（%s%s）工程完成%d%%%s%s。", day, m->name,
		   m->subdistrict < s->nunits ? s->units[m->subdistrict].name : "", m->area,
		   p->percent, *p->done ? "：" : "", p->done);
	if (p->invested >= 0) {
		buf_puts(&text, "累计投资");
		progress_money_text(&text, p->invested);
		buf_puts(&text, "万元。");
	}
	xml(out, buf_cstr(&text));
	buf_puts(out, "</summary>\n</entry>\n");
	buf_free(&where);
	buf_free(&text);
}

/* One news item as an entry. */
static void news_entry(const struct site *s, const struct page *p, struct date updated, buf *out)
{
	buf tmp = BUF_INIT, where = BUF_INIT;
	const char *path;

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
	buf_free(&tmp);
	buf_free(&where);
}

void feed_atom(const struct html_site *h, buf *out)
{
	const struct site *s = h->s;
	struct date updated = s->nnews && s->news[0]->date.year ? s->news[0]->date
				: s->config.notice.date.year ? s->config.notice.date
							     : h->pages->today;
	size_t *reports, nreports = latest_reports(h, FEED_REPORTS_MAX, &reports);
	size_t i = 0, k = 0;

	/* A progress report newer than the news updates the feed. */
	if (nreports && date_cmp(s->reports[reports[0]].date, updated) > 0)
		updated = s->reports[reports[0]].date;
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
	/* News and reports merged newest first; a news item first on a tie. */
	while (i < s->nnews || k < nreports) {
		struct date nd = i < s->nnews && s->news[i]->date.year ? s->news[i]->date : updated;

		if (i < s->nnews && (k == nreports || date_cmp(nd, s->reports[reports[k]].date) >= 0))
			news_entry(s, s->news[i++], updated, out);
		else
			report_entry(h, reports[k++], out);
	}
	buf_puts(out, "</feed>\n");
	free(reports);
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
