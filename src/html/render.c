/* html_render_site and html_page_context: the page list rendered through
 * the theme, plus the files no template makes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/hash.h"
#include "write/pool.h"
#include "html/feeds.h"
#include "html/html.h"
#include "html/pages.h"
#include "html/search_docs.h"
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

/* Where the files no template makes go: search chunks, sitemaps, feeds. */
struct generated_out {
	struct output *o;
	struct manifest *m; /* NULL: write every file */
	diags *d;
};

/* What every job reads.  Only `made` is written, one slot per job, and
 * search_rc and shared_rc, each by the one job that sets it. */
struct page_run {
	const struct html_site *h;
	struct theme *t;
	const struct html_options *opt;
	mustache_template **tpl; /* each job's template, found beforehand */
	struct hash_value theme;  /* every template, partial and asset */
	struct hash_value community_common; /* see page_keys_community */
	unsigned char *made;	  /* 0 not in this build, 1 made, 2 carried over */
	struct output *o;
	/* The jobs before the pages make the files no template makes
	 * (site_job_run): the search index's parts, then the feeds and the
	 * theme's files.  Their diagnostics are kept aside and follow the
	 * pages', as when they ran after them. */
	struct search_build *search; /* NULL: no shared files */
	size_t nsearch;		     /* parts of the search index */
	struct generated_out *search_out, *shared_out;
	int search_rc, shared_rc;
};

static int write_generated(void *ctx, const char *path, const char *data, size_t len);
static int carry_generated(void *ctx, const char *path, struct hash_value key);
static int write_feeds_and_assets(const struct html_site *h, struct theme *t,
				  struct generated_out *w);

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

/* The context page `j`'s template receives; cJSON_Delete it. */
static cJSON *build_context(const struct page_run *r, const struct page_job *j)
{
	cJSON *ctx = page_context(r->h, j);

	if (r->opt->no_pdf)
		drop_pdf_links(ctx, j);
	return ctx;
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
	page_keys_hash_cjson(&h, ctx);
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
		key = page_keys_community(r->h, r->community_common, r->theme, j);
	} else {
		*ctx = build_context(r, j);
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
	if (rc == 0 && ctx == NULL)
		ctx = build_context(r, j);
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

	/* What the folders hold, not how the site folder was spelled on the
	 * command line ("site", "./site", "/abs/site"): a different
	 * spelling must not make every page again. */
	hash_init(&h);
	theme_src_hash(&t->src, &h);
	return hash_final(&h);
}

/* With `r->search`, the jobs before the pages make the search index's
 * parts (the one that finishes the last part writes the index), then the
 * feeds and the theme's files, while the other threads make pages: on
 * one thread the search index alone left the other cores idle for
 * seconds on a big site. */
static int site_job_run(void *arg, size_t i, diags *d)
{
	struct page_run *r = arg;
	int rc;

	if (r->search && i < r->nsearch) {
		struct search_sink sink = { write_generated, r->search_out->m ? carry_generated : NULL,
					    r->search_out };

		if (search_build_part(r->search, i))
			r->search_rc = search_build_write(r->search, &sink);
		return 0;
	}
	if (r->search && i == r->nsearch) {
		r->shared_rc = write_feeds_and_assets(r->h, r->t, r->shared_out);
		return 0;
	}
	/* Progress counts pages only, as the summary line does. */
	rc = page_job_run(arg, r->search ? i - r->nsearch - 1 : i, d);
	progress_step(r->opt->progress);
	return rc;
}

/* The output the last build made, when this build may take its files:
 * the search index is updated from the cache it holds. */
static const char *last_output(const struct html_options *opt)
{
	if (opt->manifest == NULL || !manifest_usable(opt->manifest) || opt->shard)
		return NULL;
	return manifest_out_dir(opt->manifest);
}

static int render_pages(const struct html_site *h, struct theme *t, struct output *o,
			const struct html_options *opt, int shared, diags *d,
			struct html_counts *n)
{
	struct page_run r = { h, t, opt, NULL, { 0, 0 }, { 0, 0 }, NULL, o,
			      NULL, 0, NULL, NULL, 0, 0 };
	diags search_d = DIAGS_INIT, shared_d = DIAGS_INIT;
	struct generated_out search_out = { o, opt->manifest, &search_d };
	struct generated_out shared_out = { o, opt->manifest, &shared_d };
	size_t before_pages = 0;
	int rc;

	r.tpl = xcalloc(h->njobs ? h->njobs : 1, sizeof(*r.tpl));
	r.made = xcalloc(h->njobs ? h->njobs : 1, 1);
	for (size_t i = 0; i < h->njobs; i++)
		r.tpl[i] = theme_template(t, h->jobs[i].template);
	if (opt->manifest) {
		r.theme = theme_hash(t);
		r.community_common = page_keys_community_common(h, opt->no_pdf);
	}
	if (shared) {
		unsigned threads = opt->jobs ? opt->jobs : 1;
		size_t per = (h->s->ncommunities + threads - 1) / threads;

		r.search = search_build_new(h, per > SEARCH_MIN_PART ? per : SEARCH_MIN_PART,
					    last_output(opt));
		r.nsearch = search_build_parts(r.search);
		r.search_out = &search_out;
		r.shared_out = &shared_out;
		before_pages = r.nsearch + 1;
	}
	progress_phase(opt->progress, "生成页面", h->njobs);
	rc = pool_run(opt->jobs, h->njobs + before_pages, 0, site_job_run, &r, d);
	diags_move(d, &search_d);
	diags_move(d, &shared_d);
	diags_free(&search_d);
	diags_free(&shared_d);
	if (r.search_rc < 0 || r.shared_rc < 0)
		rc = -1;
	search_build_free(r.search);
	for (size_t i = 0; i < h->njobs; i++) {
		n->pages += r.made[i] != 0;
		n->rendered += r.made[i] == 1;
	}
	free(r.tpl);
	free(r.made);
	return rc;
}

/* These files are made whatever changed, so they are keyed by their own
 * bytes: an unchanged one is kept rather than written again: one edited
 * row changes a handful of the thousands of search chunks of a big
 * site. */
static int write_generated(void *ctx, const char *path, const char *data, size_t len)
{
	struct generated_out *w = ctx;
	int rc = 0;

	if (w->m)
		rc = manifest_reuse(w->m, w->o, path, hash_content(data, len), w->d);
	if (rc == 0)
		rc = output_write(w->o, path, data, len, w->d);
	return rc < 0 ? -1 : 0;
}

/* A file of the last build whose bytes hashed to `key`: kept as the
 * manifest keeps any file (manifest_reuse). */
static int carry_generated(void *ctx, const char *path, struct hash_value key)
{
	struct generated_out *w = ctx;

	return manifest_reuse(w->m, w->o, path, key, w->d);
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

static int write_asset(void *ctx, const char *path, const char *data, size_t len)
{
	struct generated_out *w = ctx;

	return output_write(w->o, path, data, len, w->d);
}

static int copy_asset(void *ctx, const char *path, const char *src)
{
	struct generated_out *w = ctx;

	return output_copy(w->o, path, src, w->d);
}

static int write_feeds_and_assets(const struct html_site *h, struct theme *t,
				  struct generated_out *w)
{
	struct theme_sink sink = { write_asset, copy_asset, w };
	size_t assets = 0;
	int rc = 0;

	rc |= write_feeds(h, w);
	rc |= theme_copy_assets(t, &sink, w->d, &assets);
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
	h.volumes = opt->volumes;
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
	struct html_options opt = { 1, 0, NULL, NULL, NULL, NULL };
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
