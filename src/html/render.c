/* html_render_site and html_page_context: the page list rendered through
 * the theme, plus the files no template makes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build/hash.h"
#include "build/pool.h"
#include "html/feeds.h"
#include "html/html.h"
#include "html/markdown.h"
#include "html/pages.h"
#include "html/search.h"
#include "html/theme.h"
#include "html/urls.h"
#include "util/xalloc.h"

/* Parses every template the pages use before rendering any, so a broken
 * theme is reported once per template, not once per page.  Pages of a
 * kind are listed together, so few names are ever distinct. */
static int load_templates(const struct html_site *h, struct theme *t)
{
	const char *seen[32];
	size_t nseen = 0;
	int rc = 0;

	for (size_t i = 0; i < h->njobs; i++) {
		const char *name = h->jobs[i].template;
		size_t k = 0;

		while (k < nseen && strcmp(seen[k], name) != 0)
			k++;
		if (k < nseen)
			continue;
		if (nseen < sizeof(seen) / sizeof(seen[0]))
			seen[nseen++] = name;
		if (theme_template(t, name) == NULL)
			rc = -1;
	}
	return rc;
}

/* What every page job reads; only `made` is written, one slot per job. */
struct page_run {
	const struct html_site *h;
	struct theme *t;
	const struct html_options *opt;
	mustache_template **tpl; /* each job's template, found beforehand */
	struct hash_value theme;  /* every template, partial and asset */
	struct hash_value community_common; /* see community_page_key */
	unsigned char *made;	  /* 0 not in this build, 1 made, 2 carried over */
	struct output *o;
	int shared;		  /* job 0 makes the shared files (site_job_run) */
	diags shared_d;
	int shared_rc;
};

static int write_shared(const struct html_site *h, struct theme *t, struct output *o,
			struct manifest *m, diags *d);

static int page_wanted(const struct page_run *r, const struct page_job *j)
{
	const struct shard *sh = r->opt->shard;

	if (sh == NULL)
		return 1;
	if (j->kind == PAGE_COMMUNITY)
		return shard_has_record(sh, r->h->s->communities[j->index].id);
	return shard_has_shared(sh);
}

/* A site-only build has no notices: drop the links to them. */
static void drop_pdf_links(cJSON *ctx, const struct page_job *j)
{
	if (j->kind == PAGE_COMMUNITY)
		cJSON_DeleteItemFromObject(ctx, "pdf");
	else if (j->kind == PAGE_UNIT)
		cJSON_DeleteItemFromObject(ctx, "booklet");
}

/* A page is made from its context and the theme: hash both. */
static struct hash_value page_hash(const struct page_run *r, const struct page_job *j,
				   const cJSON *ctx)
{
	struct hash h;

	hash_init(&h);
	hash_str(&h, "page");
	hash_value_add(&h, r->theme);
	hash_str(&h, j->path);
	hash_str(&h, j->template);
	hash_cjson(&h, ctx);
	return hash_final(&h);
}

/* 1 when the page can be carried over from the last build, 0 when it
 * must be made, -1 on error.  A community's page is keyed from the
 * model, so an unchanged one never has its context built; any other page
 * from its context, built here into *ctx for the caller to render. */
static int page_reuse(struct page_run *r, const struct page_job *j, cJSON **ctx, diags *d)
{
	struct hash_value key;

	if (j->kind == PAGE_COMMUNITY) {
		key = community_page_key(r->h, r->community_common, r->theme, j);
	} else {
		*ctx = page_context(r->h, j);
		if (r->opt->no_pdf)
			drop_pdf_links(*ctx, j);
		key = page_hash(r, j, *ctx);
	}
	return manifest_reuse(r->opt->manifest, r->o, j->path, key, d);
}

static int page_job_run(void *arg, size_t i, diags *d)
{
	struct page_run *r = arg;
	const struct page_job *j = &r->h->jobs[i];
	buf out = BUF_INIT;
	cJSON *ctx = NULL;
	int rc = 0;

	if (!page_wanted(r, j))
		return 0;
	if (r->opt->manifest)
		rc = page_reuse(r, j, &ctx, d);
	if (rc == 0 && ctx == NULL) {
		ctx = page_context(r->h, j);
		if (r->opt->no_pdf)
			drop_pdf_links(ctx, j);
	}
	if (rc == 0) {
		if (r->tpl[i] == NULL ||
		    mustache_render_to(r->t->env, r->tpl[i], ctx, NULL, &out, d) < 0 ||
		    output_write(r->o, j->path, out.data ? out.data : "", out.len, d) < 0)
			rc = -1;
		else
			r->made[i] = 1;
	} else if (rc == 1) {
		r->made[i] = 2;
		rc = 0;
	}
	cJSON_Delete(ctx);
	buf_free(&out);
	return rc;
}

static struct hash_value theme_hash(const struct theme *t)
{
	struct hash h;

	hash_init(&h);
	hash_str(&h, t->dir);
	hash_tree(&h, t->dir);
	hash_str(&h, t->layouts);
	if (t->layouts)
		hash_tree(&h, t->layouts);
	return hash_final(&h);
}

/* With `shared`, job 0 makes the search index, the feeds and the theme's
 * files while the other threads make pages: the search index alone is a
 * quarter of an incremental build, and on one thread it left the other
 * cores idle.  Its diagnostics are kept aside and follow the pages', as
 * when it ran after them. */
static int site_job_run(void *arg, size_t i, diags *d)
{
	struct page_run *r = arg;

	int rc;

	if (r->shared && i == 0) {
		r->shared_rc = write_shared(r->h, r->t, r->o, r->opt->manifest, &r->shared_d);
		return 0;
	}
	/* Progress counts pages only, as the summary line does. */
	rc = page_job_run(arg, r->shared ? i - 1 : i, d);
	progress_step(r->opt->progress);
	return rc;
}

static int render_pages(const struct html_site *h, struct theme *t, struct output *o,
			const struct html_options *opt, int shared, diags *d,
			struct html_counts *n)
{
	struct page_run r = { h, t, opt, NULL, { 0, 0 }, { 0, 0 }, NULL, o, shared, DIAGS_INIT, 0 };
	int rc;

	r.tpl = xcalloc(h->njobs ? h->njobs : 1, sizeof(*r.tpl));
	r.made = xcalloc(h->njobs ? h->njobs : 1, 1);
	for (size_t i = 0; i < h->njobs; i++)
		r.tpl[i] = theme_template(t, h->jobs[i].template);
	if (opt->manifest) {
		r.theme = theme_hash(t);
		r.community_common = community_pages_common(h, opt->no_pdf);
	}
	progress_phase(opt->progress, "生成页面", h->njobs);
	rc = pool_run(opt->jobs, h->njobs + (shared != 0), 0, site_job_run, &r, d);
	diags_move(d, &r.shared_d);
	diags_free(&r.shared_d);
	if (r.shared_rc < 0)
		rc = -1;
	for (size_t i = 0; i < h->njobs; i++) {
		n->pages += r.made[i] != 0;
		n->rendered += r.made[i] == 1;
	}
	free(r.tpl);
	free(r.made);
	return rc;
}

/* Adds one document to the search index and empties the buffers for
 * the next; the index copies what it keeps. */
static void add_doc(struct search_index *x, const char *title, buf *url, const char *kind,
		    buf *snippet, buf *text)
{
	struct search_doc doc = { title, url->data ? url->data : "", kind,
				  snippet->data ? snippet->data : "",
				  text->data ? text->data : "" };

	search_index_add(x, &doc);
	buf_reset(url);
	buf_reset(snippet);
	buf_reset(text);
}

static void md_text(buf *out, const char *md)
{
	if (md)
		markdown_text(out, md);
	buf_putc(out, '\n');
}

static void community_docs(const struct site *s, struct search_index *ds)
{
	buf url = BUF_INIT, sn = BUF_INIT, text = BUF_INIT;

	for (size_t i = 0; i < s->ncommunities; i++) {
		const struct community *m = &s->communities[i];
		const char *sd = s->units[m->subdistrict].name;

		href_community(&url, m->id);
		buf_printf(&sn, "%s%s%s%s%s", sd, *m->area ? " · " : "", m->area,
			   *m->address ? " · " : "", m->address);
		buf_printf(&text, "%s\n%s\n%s\n%s\n%s %s\n", m->id, m->address, m->area, sd,
			   m->contact, m->phone);
		if (m->contractor != NO_INDEX)
			buf_printf(&text, "%s\n", s->units[m->contractor].name);
		if (m->status < s->nphases)
			buf_printf(&text, "%s\n", s->phases[m->status].name);
		for (size_t k = 0; k < m->nitems; k++)
			buf_printf(&text, "%s\n", s->items[m->items[k]].title);
		if (m->page)
			md_text(&text, m->page->body_md);
		add_doc(ds, m->name, &url, "小区", &sn, &text);
	}
	buf_free(&url);
	buf_free(&sn);
	buf_free(&text);
}

static void unit_docs(const struct site *s, struct search_index *ds)
{
	buf url = BUF_INIT, sn = BUF_INIT, text = BUF_INIT;

	for (size_t u = 0; u < s->nunits; u++) {
		href_unit(&url, s->units[u].id);
		buf_printf(&sn, "%s%s%s", unit_kind_name(s->units[u].kind),
			   *s->units[u].phone ? " · 电话 " : "", s->units[u].phone);
		buf_printf(&text, "%s\n%s\n", s->units[u].id, s->units[u].phone);
		for (size_t d = 0; d < s->nduties; d++)
			for (size_t k = 0; k < s->duties[d].nunits; k++)
				if (s->duties[d].units[k] == u)
					md_text(&text, s->duties[d].duty_md);
		add_doc(ds, s->units[u].name, &url, "责任单位", &sn, &text);
	}
	buf_free(&url);
	buf_free(&sn);
	buf_free(&text);
}

static void other_docs(const struct html_site *h, struct search_index *ds)
{
	const struct site *s = h->s;
	buf url = BUF_INIT, sn = BUF_INIT, text = BUF_INIT;

	for (size_t i = 0; i < s->nitems; i++) {
		const struct item *it = &s->items[i];

		buf_puts(&url, "items/index.html#item-");
		buf_puts(&url, it->code);
		text_excerpt(&sn, it->description, 60);
		buf_printf(&text, "%s\n%s\n", it->description, it->category);
		add_doc(ds, it->title, &url, "改造内容", &sn, &text);
	}
	for (size_t i = 0; i < s->nnews; i++) {
		const struct page *p = s->news[i];
		char date[32] = "";

		if (p->date.year)
			date_chinese(p->date, date);
		href_news(&url, p->slug);
		buf_puts(&sn, date);
		md_text(&text, p->body_md);
		add_doc(ds, *p->title ? p->title : p->slug, &url, "工作动态", &sn, &text);
	}
	for (size_t i = 0; i < h->njobs; i++) {
		const struct page_job *j = &h->jobs[i];
		const struct page *p = j->kind == PAGE_PLAN ? s->plan_page
				       : j->kind == PAGE_CONTENT ? &s->pages[j->index]
								 : NULL;

		if (p == NULL)
			continue;
		buf_puts(&url, j->path);
		md_text(&text, p->body_md);
		add_doc(ds, *p->title ? p->title : j->kind == PAGE_PLAN ? "实施方案" : p->slug,
			&url, j->kind == PAGE_PLAN ? "实施方案" : "页面", &sn, &text);
	}
	if (s->nmembers) {
		buf_puts(&url, "group/index.html");
		for (size_t i = 0; i < s->nmembers; i++)
			buf_printf(&text, "%s %s %s\n", s->members[i].name, s->members[i].role,
				   s->members[i].position);
		add_doc(ds, "领导小组", &url, "领导小组", &sn, &text);
	}
	buf_free(&url);
	buf_free(&sn);
	buf_free(&text);
}

/* Where the files no template makes go: search chunks, sitemaps, feeds. */
struct generated_out {
	struct output *o;
	struct manifest *m; /* NULL: write every file */
	diags *d;
};

/* These files are made whatever changed, so they are keyed by their own
 * bytes: an unchanged one is kept rather than written again.  At 55,000
 * communities one edited row changes a handful of the ~2,800 search
 * chunks. */
static int write_generated(void *ctx, const char *path, const char *data, size_t len)
{
	struct generated_out *w = ctx;
	struct hash h;
	int rc = 0;

	if (w->m) {
		hash_init(&h);
		hash_str(&h, "bytes");
		hash_bytes(&h, data, len);
		rc = manifest_reuse(w->m, w->o, path, hash_final(&h), w->d);
	}
	if (rc == 0)
		rc = output_write(w->o, path, data, len, w->d);
	return rc < 0 ? -1 : 0;
}

/* The search index, split into chunks (html/search.h). */
static int write_search(const struct html_site *h, struct generated_out *w)
{
	struct search_index *x = search_index_new();
	int rc;

	community_docs(h->s, x);
	unit_docs(h->s, x);
	other_docs(h, x);
	rc = search_index_write(x, write_generated, w);
	search_index_free(x);
	return rc;
}

static int write_feeds(const struct html_site *h, struct generated_out *w)
{
	buf b = BUF_INIT;
	int rc = 0;

	/* Over 50,000 pages the sitemap splits, sitemap.xml its index. */
	if (*h->s->config.base_url) {
		rc |= feed_sitemaps(h, SITEMAP_MAX_URLS, write_generated, w);
	} else {
		diag_warning(w->d, "site.yaml", 0, 0, NULL,
			     "没有设置 base_url（网站地址），不生成 sitemap.xml");
	}
	buf_reset(&b);
	feed_atom(h, &b);
	rc |= write_generated(w, "feed.xml", b.data, b.len);
	buf_reset(&b);
	feed_robots(h, &b);
	rc |= write_generated(w, "robots.txt", b.data, b.len);
	buf_free(&b);
	return rc < 0 ? -1 : 0;
}

static int write_shared(const struct html_site *h, struct theme *t, struct output *o,
			struct manifest *m, diags *d)
{
	struct generated_out w = { o, m, d };
	size_t assets = 0;
	int rc = 0;

	rc |= write_search(h, &w);
	rc |= write_feeds(h, &w);
	rc |= theme_copy_assets(t, o, d, &assets);
	return rc < 0 ? -1 : 0;
}

int html_render_site_with(const struct site *s, struct date today,
			  struct output *o, const struct html_options *opt,
			  diags *d, struct html_counts *n)
{
	struct html_site h;
	struct theme t;
	int rc = 0;

	n->pages = n->rendered = 0;
	if (theme_open(&t, s, d) < 0)
		return -1;
	html_site_init(&h, s, today);
	if (load_templates(&h, &t) < 0)
		rc = -1;
	else
		rc = render_pages(&h, &t, o, opt,
				  opt->shard == NULL || shard_has_shared(opt->shard), d, n);
	html_site_free(&h);
	theme_close(&t);
	return rc < 0 ? -1 : 0;
}

int html_render_site(const struct site *s, struct date today, struct output *o,
		     diags *d, size_t *pages)
{
	struct html_options opt = { 1, 0, NULL, NULL, NULL };
	struct html_counts n;
	int rc = html_render_site_with(s, today, o, &opt, d, &n);

	*pages = n.pages;
	return rc;
}

int html_page_context(const struct site *s, struct date today, const char *page,
		      int no_pdf, buf *json, diags *d)
{
	struct html_site h;
	char *path = url_page_path(page);
	const struct page_job *j;
	int rc = 0;

	html_site_init(&h, s, today);
	j = html_find_page(&h, path);
	if (j == NULL) {
		diag_error(d, NULL, 0, 0, page, "没有这个页面“%s”（输出路径 %s）", page, path);
		rc = -1;
	} else {
		cJSON *ctx = page_context(&h, j);
		char *text;

		if (no_pdf)
			drop_pdf_links(ctx, j);
		text = cJSON_Print(ctx);

		buf_puts(json, text);
		buf_putc(json, '\n');
		cJSON_free(text);
		cJSON_Delete(ctx);
	}
	free(path);
	html_site_free(&h);
	return rc;
}
