/* The website's renderer (html.h) and html_page_context: the page list
 * rendered through the theme, plus the files no template makes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/hash.h"
#include "util/json_region.h"
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

	for (size_t i = 0; i < h->pages->n; i++) {
		const char *name = h->pages->v[i].template;
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

/* The renderer: what every call reads, read-only once opened but for
 * the search index's parts, each made by one call. */
struct html_renderer {
	const struct site *s;
	struct html_options opt;
	struct html_site h;
	struct theme t;
	mustache_template **tpl; /* each page's template, found beforehand */
	struct hash_value theme;  /* every template, partial and asset */
	struct search_build *search; /* NULL: no shared files in this build */
};

/* A site-only build has no notices: drop the links to them. */
static void drop_pdf_links(cJSON *ctx, const struct page_job *j)
{
	if (j->kind == PAGE_COMMUNITY || j->kind == PAGE_RESULT)
		cJSON_DeleteItemFromObject(ctx, "pdf");
	else if (j->kind == PAGE_UNIT)
		cJSON_DeleteItemFromObject(ctx, "booklet");
}

/* The context page `j`'s template receives; cJSON_Delete it. */
static cJSON *build_context(const struct html_renderer *r, const struct page_job *j)
{
	cJSON *ctx = page_context(&r->h, j);

	if (r->opt.no_pdf)
		drop_pdf_links(ctx, j);
	return ctx;
}

/* A page is made from its context and the theme: hash both. */
static struct hash_value page_hash(const struct html_renderer *r, const struct page_job *j,
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

/* A page the plan could not key (any but a community's, which the plan
 * keys from the model: plan/page_keys.c) is keyed by its context, left
 * in *state for html_render. */
static struct hash_value html_prepare(void *arg, const struct plan_output *o, void **state)
{
	struct html_renderer *r = arg;
	const struct page_job *j = &r->h.pages->v[o->index];

	/* The context lives in this thread's region until html_release. */
	json_region_begin();
	*state = build_context(r, j);
	return page_hash(r, j, *state);
}

static int html_render(void *arg, const struct plan_output *o, void *state, buf *out,
		       diags *d)
{
	struct html_renderer *r = arg;
	const struct page_job *j = &r->h.pages->v[o->index];
	cJSON *ctx;
	int rc = 0;

	if (state == NULL)
		json_region_begin();
	ctx = state ? state : build_context(r, j);
	if (r->tpl[o->index] == NULL ||
	    mustache_render_to(r->t.env, r->tpl[o->index], ctx, NULL, out, d) < 0)
		rc = -1;
	if (ctx != state) {
		cJSON_Delete(ctx);
		json_region_end();
	}
	return rc;
}

/* Called after every prepare, whether the page was rendered or kept. */
static void html_release(void *arg, void *state)
{
	(void)arg;
	cJSON_Delete(state);
	json_region_end();
}

static int write_feeds(const struct html_site *h, const struct plan_sink *k, diags *d)
{
	buf b = BUF_INIT;
	int rc = 0;

	/* Over 50,000 pages the sitemap splits, sitemap.xml its index. */
	if (*h->s->config.base_url) {
		rc |= feed_sitemaps(h, SITEMAP_MAX_URLS, k->write, k->ctx);
	} else {
		diag_warning(d, "site.yaml", 0, 0, NULL,
			     "没有设置 base_url（网站地址），不生成 sitemap.xml");
	}
	buf_reset(&b);
	feed_atom(h, &b);
	rc |= k->write(k->ctx, "feed.xml", b.data, b.len);
	buf_reset(&b);
	feed_robots(h, &b);
	rc |= k->write(k->ctx, "robots.txt", b.data, b.len);
	buf_free(&b);
	return rc < 0 ? -1 : 0;
}

/* The search index's parts (the call that completes the last part
 * writes the index) and the shared files, on the page pool's threads:
 * on one thread the search index alone left the other cores idle for
 * seconds on a big site. */
static int html_emit(void *arg, const struct plan_output *o, const struct plan_sink *k,
		     diags *d)
{
	struct html_renderer *r = arg;

	if (o->kind == OUTPUT_SEARCH) {
		struct search_sink sink = { k->write, k->carry, k->ctx };

		if (search_build_part(r->search, o->index))
			return search_build_write(r->search, &sink);
		return 0;
	} else {
		struct theme_sink assets = { k->put, k->copy, k->ctx };
		size_t n = 0;
		int rc = write_feeds(&r->h, k, d);

		rc |= theme_copy_assets(&r->t, &assets, d, &n);
		return rc < 0 ? -1 : 0;
	}
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

struct html_renderer *html_renderer_open(const struct plan_pages *pp,
					 const struct html_options *opt, diags *d)
{
	struct html_renderer *r = xcalloc(1, sizeof(*r));

	r->s = pp->s;
	r->opt = *opt;
	if (theme_open(&r->t, pp->s, d) < 0) {
		free(r);
		return NULL;
	}
	html_site_init(&r->h, pp);
	r->h.volumes = opt->volumes;
	if (load_templates(&r->h, &r->t) < 0) {
		html_renderer_close(r);
		return NULL;
	}
	r->tpl = xcalloc(pp->n ? pp->n : 1, sizeof(*r->tpl));
	for (size_t i = 0; i < pp->n; i++)
		r->tpl[i] = theme_template(&r->t, pp->v[i].template);
	if (opt->keyed)
		r->theme = theme_hash(&r->t);
	return r;
}

struct hash_value html_renderer_theme_key(const struct html_renderer *r)
{
	return r->theme;
}

void html_renderer_plan_shared(struct html_renderer *r, struct plan *p, const struct shard *sh)
{
	unsigned threads = r->opt.jobs ? r->opt.jobs : 1;
	size_t per = (r->s->ncommunities + threads - 1) / threads;

	if (sh && !shard_has_shared(sh))
		return;
	r->search = search_build_new(&r->h, per > SEARCH_MIN_PART ? per : SEARCH_MIN_PART,
				     r->opt.last_output);
	for (size_t i = 0; i < search_build_parts(r->search); i++)
		plan_add(p, OUTPUT_SEARCH, i, NULL);
	plan_add(p, OUTPUT_SHARED, 0, NULL);
}

struct plan_renderer html_renderer_functions(struct html_renderer *r)
{
	struct plan_renderer f = { html_prepare, html_render, html_release, html_emit, r };

	return f;
}

void html_renderer_close(struct html_renderer *r)
{
	if (r == NULL)
		return;
	search_build_free(r->search);
	free(r->tpl);
	theme_close(&r->t);
	free(r);
}

int html_page_context(const struct site *s, struct date today, const char *page,
		      int no_pdf, buf *json, diags *d)
{
	struct plan_pages pp;
	struct html_site h;
	char *path = url_page_path(page);
	const struct page_job *j;
	int rc = 0;

	plan_pages_make(&pp, s, today);
	html_site_init(&h, &pp);
	j = plan_pages_find(&pp, path);
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
	plan_pages_free(&pp);
	return rc;
}
