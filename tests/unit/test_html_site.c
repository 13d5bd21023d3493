/* The website renderer on the example site (tests run from the repo
 * root): the contexts pages receive, a site's layouts/ overriding the
 * theme, and a broken template named by file, line and column. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "write/output.h"
#include "write/run.h"
#include "html/feeds.h"
#include "html/html.h"
#include "html/pages.h"
#include "test.h"
#include "util/buf.h"

static struct date today = { 2022, 6, 1 };

static cJSON *context(const struct site *s, const char *page)
{
	buf json = BUF_INIT;
	diags d = DIAGS_INIT;
	cJSON *j = NULL;

	if (html_page_context(s, today, page, 0, &json, &d) == 0)
		j = cJSON_Parse(json.data);
	else
		diags_print(&d, stdout);
	buf_free(&json);
	diags_free(&d);
	return j;
}

static const char *str(const cJSON *j, const char *path)
{
	char key[128];
	const char *dot;

	while (j && (dot = strchr(path, '.')) != NULL) {
		snprintf(key, sizeof(key), "%.*s", (int)(dot - path), path);
		j = cJSON_GetObjectItemCaseSensitive(j, key);
		path = dot + 1;
	}
	j = j ? cJSON_GetObjectItemCaseSensitive(j, path) : NULL;
	return cJSON_IsString(j) ? j->valuestring : NULL;
}

static double num(const cJSON *j, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, key);

	return cJSON_IsNumber(v) ? v->valuedouble : -1;
}

/* The home page: the totals, the current stage, the phases' states. */
static void test_home_context(const struct site *s)
{
	cJSON *home = context(s, "/"), *phases;

	CHECK(home != NULL);
	if (home) {
		cJSON *totals = cJSON_GetObjectItem(home, "totals");

		CHECK_STR(str(home, "root"), "");
		CHECK_INT(num(totals, "count"), 56);
		CHECK_INT(num(totals, "households"), 7663);
		CHECK_STR(str(totals, "area_wan"), "90.12");
		CHECK_STR(str(home, "stage.current.name"), "全面整治阶段");
		CHECK_STR(str(home, "today.text"), "2022年6月1日");
		phases = cJSON_GetObjectItem(home, "phases");
		CHECK_STR(str(cJSON_GetArrayItem(phases, 0), "state"), "done");
		CHECK_STR(str(cJSON_GetArrayItem(phases, 1), "state"), "current");
		CHECK_STR(str(cJSON_GetArrayItem(phases, 2), "state"), "upcoming");
		CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(home, "subdistricts")), 3);
		CHECK_STR(str(home, "page.pub_date"), "2022-05-30 00:00"); /* newest news */
		CHECK_STR(str(home, "portal.column_name"), "老旧小区改造");
		cJSON_Delete(home);
	}
}

/* 淮河新村's 再公示 of 23 May (data/notices.csv) is its period on
 * today:, 1 June: 7 working days to 31 May. */
static void test_republished_context(const struct site *s)
{
	cJSON *c = context(s, "communities/huaihe-xincun/");

	CHECK(c != NULL);
	if (c) {
		CHECK_STR(str(c, "feedback.start.text"), "2022年5月23日");
		CHECK_STR(str(c, "consent.rate"), "84.0%"); /* 152 of 181 */
		/* One "consent" key, the one with the threshold the page says. */
		CHECK_STR(str(c, "consent.threshold"), "三分之二");
		/* Its download button gives the 再公示 in force, not round 1. */
		CHECK_STR(str(c, "pdf.href"), "communities/huaihe-xincun/notice-2.pdf");
		CHECK_STR(str(c, "feedback.end.text"), "2022年5月31日");
		cJSON_Delete(c);
	}
}

/* 榆树新村's page: its facts, notice, feedback period, news and first
 * screen. */
static void test_community_context(const struct site *s)
{
	cJSON *c = context(s, "communities/yushu-xincun/");

	CHECK(c != NULL);
	if (c) {
		CHECK_STR(str(c, "root"), "../../");
		CHECK_STR(str(c, "community.name"), "榆树新村");
		/* From the facts (实际开工 2022-05-04), not the 进度 phase. */
		CHECK_STR(str(c, "community.status_name"), "已开工");
		CHECK_STR(str(c, "community.status"), "started");
		CHECK_STR(str(c, "pdf.href"), "communities/yushu-xincun/notice.pdf");
		CHECK_STR(str(c, "pdf.download"), "榆树新村改造方案公示.pdf");
		/* 7 working days from 9 May, a weekend between. */
		CHECK_STR(str(c, "feedback.end.text"), "2022年5月17日");
		CHECK_STR(str(c, "feedback.issuer"), "临城街道办事处");
		CHECK_STR(str(c, "feedback.unit"), "个工作日");
		CHECK_STR(str(c, "subdistrict_unit.href"), "units/lincheng/index.html");
		CHECK_STR(str(c, "contractor.name"), "晟鸿城发集团");
		CHECK(strstr(str(c, "body_html") ? str(c, "body_html") : "", "<h3>") != NULL);
		CHECK_STR(str(c, "page.url"), "https://example.gov.cn/laojiu/communities/yushu-xincun/");
		/* The news that name it: two of the three. */
		CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(c, "news")), 2);
		CHECK_STR(str(cJSON_GetArrayItem(cJSON_GetObjectItem(c, "contacts"), 1), "name"), "区住建局");
		/* The first screen: what, when, and whether the period is over. */
		CHECK_STR(str(c, "items_preview"), "拆除违建、更换电线管线、排水排污改造");
		CHECK(cJSON_IsTrue(cJSON_GetObjectItem(c, "items_more")));
		/* With progress facts (issue 19) the first screen's "when" is
		 * the status from them, not the 进度 phase; phase_now without
		 * them is checked by test_html_progress. */
		CHECK(cJSON_GetObjectItem(c, "phase_now") == NULL);
		CHECK_STR(str(c, "progress.status_word"), "已开工");
		CHECK_STR(str(c, "progress.percent"), "27");
		CHECK(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(c, "feedback"), "ended")));
		CHECK(str(c, "root_path") == NULL);
		cJSON_Delete(c);
	}
}

/* On the period's last day it is still open. */
static void test_feedback_last_day(const struct site *s)
{
	cJSON *c;

	today = (struct date){ 2022, 5, 3 };
	c = context(s, "communities/yushu-xincun/");
	today = (struct date){ 2022, 6, 1 };
	CHECK(c != NULL);
	if (c) {
		CHECK(cJSON_IsFalse(cJSON_GetObjectItem(cJSON_GetObjectItem(c, "feedback"), "ended")));
		cJSON_Delete(c);
	}
}

/* A subdistrict's page: its booklet and its communities. */
static void test_unit_context(const struct site *s)
{
	cJSON *c = context(s, "units/lincheng");

	CHECK(c != NULL);
	if (c) {
		CHECK_STR(str(c, "booklet.href"), "notices/lincheng.pdf");
		CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(c, "communities")), 24);
		CHECK_STR(str(c, "root"), "../../");
		cJSON_Delete(c);
	}
}

/* The 404 page, which must work wherever it is served from. */
static void test_404_context(const struct site *s)
{
	cJSON *c = context(s, "404.html");

	CHECK(c != NULL);
	if (c) {
		/* Relative links for file://, and base_url's path for the
		 * <base> it has when served at any depth. */
		CHECK_STR(str(c, "root"), "");
		CHECK_STR(str(c, "root_path"), "/laojiu/");
		cJSON_Delete(c);
	}
}

/* A news article: its date and its neighbours. */
static void test_news_context(const struct site *s)
{
	cJSON *c = context(s, "news/2022-05-09-gongshi-qidong/index.html");

	CHECK(c != NULL);
	if (c) {
		CHECK_STR(str(c, "page.pub_date"), "2022-05-09 00:00");
		CHECK_STR(str(c, "newer.slug"), "2022-05-30-shigong-jinzhan");
		CHECK_STR(str(c, "older.slug"), "2022-04-28-fang-an-yinfa");
		cJSON_Delete(c);
	}
}

/* A page the site does not have: an error, no context. */
static void test_unknown_page(const struct site *s)
{
	diags d = DIAGS_INIT;
	buf json = BUF_INIT;

	CHECK_INT(html_page_context(s, today, "communities/no-such/", 0, &json, &d), -1);
	CHECK_INT(d.errors, 1);
	CHECK_INT(json.len, 0);
	buf_free(&json);
	diags_free(&d);
}

static int write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		return -1;
	fputs(text, f);
	return fclose(f);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	buf b = BUF_INIT;
	char chunk[4096];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(&b, chunk, n);
	fclose(f);
	return buf_detach(&b);
}

/* A site folder whose data is the example's, with its own layouts/. */
static int make_site(const char *dir, const char *cwd)
{
	char a[4096];
	buf cmd = BUF_INIT;
	char *yaml = slurp("site.yaml");
	int rc;

	if (yaml == NULL)
		return -1;
	snprintf(a, sizeof(a), "%s/site.yaml", dir);
	rc = write_file(a, yaml);
	free(yaml);
	/* Copies, not symlinks: links leading out of the site are refused. */
	buf_printf(&cmd, "cp -R '%s/data' '%s/content' '%s/'", cwd, cwd, dir);
	rc |= system(cmd.data) != 0;
	buf_free(&cmd);
	snprintf(a, sizeof(a), "%s/layouts", dir);
	rc |= mkdir(a, 0755);
	snprintf(a, sizeof(a), "%s/layouts/templates", dir);
	rc |= mkdir(a, 0755);
	snprintf(a, sizeof(a), "%s/layouts/assets", dir);
	rc |= mkdir(a, 0755);
	return rc;
}

static void remove_tree(const char *dir)
{
	buf cmd = BUF_INIT;

	buf_printf(&cmd, "rm -rf '%s'", dir);
	if (system(cmd.data) != 0)
		printf("could not remove %s\n", dir);
	buf_free(&cmd);
}

/* The website alone, as a build with --no-pdf makes it: the renderer's
 * outputs planned and run by the writer. */
static int render_website(const struct site *s, struct output *o, diags *d, size_t *pages)
{
	struct html_options opt = { 1, 0, 0, NULL, NULL };
	struct plan_pages pp;
	struct html_renderer *r;
	struct plan_renderer table[OUTPUT_KINDS];
	struct write_run w = { table, o, NULL, NULL, "", 1, 0 };
	struct plan p = { 0 };
	struct write_counts n = { 0, 0 };
	int rc;

	plan_pages_make(&pp, s, today);
	r = html_renderer_open(&pp, &opt, d);
	if (r == NULL) {
		plan_pages_free(&pp);
		return -1;
	}
	for (int k = 0; k < OUTPUT_KINDS; k++)
		table[k] = html_renderer_functions(r);
	html_renderer_plan_shared(r, &p, NULL);
	plan_pages_add(&p, &pp, NULL, NULL);
	rc = write_run_plan(&w, &p, 0, p.n, &n, d);
	*pages = n.all;
	plan_free(&p);
	html_renderer_close(r);
	plan_pages_free(&pp);
	return rc;
}

static int render(const char *site_dir, const char *out_dir, diags *d, size_t *pages)
{
	struct site *s = model_load(site_dir, d);
	struct output *o = s && d->errors == 0 ? output_begin(out_dir, NULL, d) : NULL;
	int rc = -1;

	if (o) {
		rc = render_website(s, o, d, pages);
		if (rc == 0)
			rc = output_commit(o, 0, d);
		else
			output_abort(o);
	}
	site_free(s);
	return rc;
}

static void test_layouts(void)
{
	char tmpl[] = "/tmp/gongshi-html-XXXXXX", cwd[2048], path[4096], themes[4096];
	diags d = DIAGS_INIT;
	size_t pages = 0;
	char *text;
	int found = 0;

	if (getcwd(cwd, sizeof(cwd)) == NULL || mkdtemp(tmpl) == NULL) {
		CHECK(!"temporary folder");
		return;
	}
	/* The theme comes from GONGSHI_THEMES: the temporary site has none. */
	snprintf(themes, sizeof(themes), "%s/themes", cwd);
	setenv("GONGSHI_THEMES", themes, 1);
	CHECK_INT(make_site(tmpl, cwd), 0);

	snprintf(path, sizeof(path), "%s/layouts/assets/style.css", tmpl);
	write_file(path, "/* site's own */\n");
	snprintf(path, sizeof(path), "%s/layouts/templates/group.html", tmpl);
	write_file(path, "{{<layout}}{{$main}}<h1>本站自己的领导小组页</h1>{{/main}}{{/layout}}\n");
	snprintf(path, sizeof(path), "%s/out", tmpl);
	CHECK_INT(render(tmpl, path, &d, &pages), 0);
	diags_print(&d, stdout);
	CHECK(pages > 90);
	snprintf(path, sizeof(path), "%s/out/assets/style.css", tmpl);
	text = slurp(path);
	CHECK_STR(text, "/* site's own */\n");
	free(text);
	snprintf(path, sizeof(path), "%s/out/assets/site.js", tmpl); /* the rest: the theme's */
	text = slurp(path);
	CHECK(text && strstr(text, "localStorage"));
	free(text);
	snprintf(path, sizeof(path), "%s/out/group/index.html", tmpl);
	text = slurp(path);
	CHECK(text && strstr(text, "本站自己的领导小组页"));
	CHECK(text && strstr(text, "<meta name=\"SiteName\"")); /* still the theme's layout */
	free(text);
	diags_free(&d);

	/* An unclosed section: the build fails naming the file, line, column. */
	snprintf(path, sizeof(path), "%s/layouts/templates/unit.html", tmpl);
	write_file(path, "{{<layout}}{{$main}}\n<h1>{{unit.name}}</h1>\n  {{#duties}}<p>x</p>\n{{/main}}{{/layout}}\n");
	snprintf(path, sizeof(path), "%s/out", tmpl);
	CHECK_INT(render(tmpl, path, &d, &pages), -1);
	for (size_t i = 0; i < d.n; i++)
		if (strstr(d.v[i].file, "layouts/templates/unit.html") && d.v[i].line > 0)
			found = 1;
	CHECK(found);
	if (!found)
		diags_print(&d, stdout);
	/* The earlier output is untouched. */
	snprintf(path, sizeof(path), "%s/out/group/index.html", tmpl);
	text = slurp(path);
	CHECK(text && strstr(text, "本站自己的领导小组页"));
	free(text);
	diags_free(&d);

	/* No such theme. */
	snprintf(path, sizeof(path), "%s/layouts/templates/unit.html", tmpl);
	unlink(path);
	setenv("GONGSHI_THEMES", "/nonexistent", 1);
	snprintf(path, sizeof(path), "%s/site.yaml", tmpl);
	text = slurp(path);
	if (text && strstr(text, "theme: default")) {
		memcpy(strstr(text, "theme: default"), "theme: nodefau", strlen("theme: nodefau"));
		write_file(path, text);
	}
	free(text);
	snprintf(path, sizeof(path), "%s/out2", tmpl);
	CHECK_INT(render(tmpl, path, &d, &pages), -1);
	CHECK(d.errors >= 1);
	found = 0;
	for (size_t i = 0; i < d.n; i++)
		found |= strstr(d.v[i].message, "nodefau") != NULL;
	CHECK(found);
	diags_free(&d);
	unsetenv("GONGSHI_THEMES");
	remove_tree(tmpl);
}

/* The communities listed on a page: every area's under every subdistrict. */
static int listed(const cJSON *ctx)
{
	const cJSON *sd, *a;
	int n = 0;

	cJSON_ArrayForEach(sd, cJSON_GetObjectItemCaseSensitive(ctx, "subdistricts"))
		cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(sd, "areas"))
			n += cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(a, "communities"));
	return n;
}

/* With page_size: 10 the example's 56 communities take 6 list pages. */
static void test_pagination(struct site *s)
{
	cJSON *c, *pg;
	long saved = s->config.page_size;
	size_t n = s->ncommunities, pages = (n + 9) / 10;
	char path[64];

	s->config.page_size = 10;
	c = context(s, "communities/");
	pg = cJSON_GetObjectItemCaseSensitive(c, "pagination");
	CHECK_INT(num(pg, "page"), 1);
	CHECK_INT(num(pg, "pages"), pages);
	CHECK_STR(str(pg, "prev_href"), "");
	CHECK_STR(str(pg, "next_href"), "communities/page/2/index.html");
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(pg, "numbers")), pages);
	CHECK_INT(listed(c), 10);
	CHECK(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c, "has_area_index")));
	cJSON_Delete(c);

	snprintf(path, sizeof(path), "communities/page/%zu/", pages);
	c = context(s, path);
	pg = cJSON_GetObjectItemCaseSensitive(c, "pagination");
	CHECK_INT(num(pg, "page"), pages);
	CHECK_STR(str(pg, "next_href"), "");
	snprintf(path, sizeof(path), "communities/page/%zu/index.html", pages - 1);
	CHECK_STR(str(pg, "prev_href"), path);
	CHECK_INT(listed(c), n - (pages - 1) * 10);
	CHECK_STR(str(c, "page.title"), pages > 1 ? "小区名单（第6页）" : "小区名单");
	cJSON_Delete(c);

	/* An area's own pages; the unit's communities a page at a time. */
	c = context(s, "communities/area/g1/");
	CHECK(c != NULL);
	CHECK(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(c, "communities")) > 0);
	CHECK_STR(str(c, "area.key"), "g1");
	cJSON_Delete(c);
	c = context(s, "units/lincheng/page/2/");
	CHECK(c != NULL);
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(c, "communities")), 10);
	CHECK_INT(num(cJSON_GetObjectItemCaseSensitive(c, "pagination"), "page"), 2);
	CHECK_STR(str(c, "pagination.prev_href"), "units/lincheng/index.html");
	cJSON_Delete(c);
	s->config.page_size = saved;

	/* The default keeps the example on one page, areas as sections. */
	c = context(s, "communities/");
	CHECK_INT(listed(c), n);
	CHECK(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(c, "pagination"), "many")));
	cJSON_Delete(c);
}

struct sitemap_files {
	size_t n, locs, parts;
	int index_ok;
	buf first;
};

static int count_file(void *ctx, const char *path, const char *data, size_t len)
{
	struct sitemap_files *f = ctx;
	const char *p = data;

	(void)len;
	if (f->n++ == 0)
		buf_puts(&f->first, data);
	if (strcmp(path, "sitemap.xml") == 0) {
		/* The index names every part, by absolute URL. */
		while ((p = strstr(p, "<sitemap><loc>")) != NULL) {
			f->parts++;
			p++;
		}
		f->index_ok = strstr(data, "<sitemapindex") != NULL &&
			      strstr(data, "sitemap-1.xml</loc>") != NULL;
		return 0;
	}
	while ((p = strstr(p, "<url><loc>")) != NULL) {
		f->locs++;
		p++;
	}
	return 0;
}

/* Past the protocol's limit the sitemap splits, its index in sitemap.xml. */
static void test_sitemaps(const struct site *s)
{
	struct plan_pages pp;
	struct html_site h;
	struct sitemap_files f = { 0, 0, 0, 0, BUF_INIT };
	buf one = BUF_INIT;
	size_t urls;

	plan_pages_make(&pp, s, today);
	html_site_init(&h, &pp);
	urls = h.pages->n - 1; /* all but 404.html */
	CHECK_INT(feed_sitemaps(&h, 10, count_file, &f), 0);
	CHECK_INT(f.n, (urls + 9) / 10 + 1);
	CHECK_INT(f.parts, (urls + 9) / 10);
	CHECK_INT(f.locs, urls);
	CHECK(f.index_ok);
	buf_free(&f.first);

	memset(&f, 0, sizeof(f));
	CHECK_INT(feed_sitemaps(&h, SITEMAP_MAX_URLS, count_file, &f), 0);
	CHECK_INT(f.n, 1);
	CHECK_INT(feed_sitemap(&h, &one), 0);
	CHECK_STR(buf_cstr(&f.first), buf_cstr(&one));
	buf_free(&f.first);
	buf_free(&one);
	plan_pages_free(&pp);
}

int main(void)
{
	diags d = DIAGS_INIT;
	struct site *s = model_load(".", &d);

	CHECK(s != NULL && d.errors == 0);
	if (s && d.errors == 0) {
		test_home_context(s);
		test_republished_context(s);
		test_community_context(s);
		test_feedback_last_day(s);
		test_unit_context(s);
		test_404_context(s);
		test_news_context(s);
		test_unknown_page(s);
		test_pagination(s);
		test_sitemaps(s);
	}
	site_free(s);
	diags_free(&d);
	test_layouts();
	return test_done();
}
