/* model_load_with, its jobs: content/ read on several threads gives the site and
 * the diagnostics, in their order, of one thread.  The site is the
 * example's plus hundreds of pages with every kind of problem (bad front
 * matter, undecodable bytes, oversized files, links out of the site and
 * looping, more warnings than are kept) spread over the list, so that
 * they fall on both sides of the runs the threads take. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/model.h"
#include "test.h"
#include "util/buf.h"

/* Folders: more than the loader keeps open (FOLDERS_KEPT, 256), so that
 * some files are opened by name in their folder and some by path. */
enum { NPAGES = 640, NFOLDERS = 300 };

static int write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	int rc;

	if (f == NULL)
		return -1;
	rc = fwrite(text, 1, len, f) == len ? 0 : -1;
	return fclose(f) == 0 ? rc : -1;
}

static int append(const char *path, const char *text)
{
	FILE *f = fopen(path, "ab");
	int rc;

	if (f == NULL)
		return -1;
	rc = fputs(text, f) >= 0 ? 0 : -1;
	return fclose(f) == 0 ? rc : -1;
}

static int put(const char *dir, const char *name, const char *text)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return write_file(path, text, strlen(text));
}

/* Page `i`, one kind of content out of ten. */
static void page_text(int i, buf *b)
{
	switch (i % 10) {
	case 0: buf_printf(b, "---\ntitle: 第%d页\nsummary: 摘要\n---\n\n正文 %d。\n", i, i); break;
	case 1: buf_printf(b, "---\ntitle: 第%d页\ncolour: 红\nsize: %d\n---\n正文\n", i, i); break;
	case 2: buf_printf(b, "---\ntitle: \xB9\xFA\xB1\xEA %d\n---\n\xB9\xFA\xB1\xEA\n", i); break; /* GB18030 */
	case 3: buf_printf(b, "\xEF\xBB\xBF---\r\ntitle: \"BOM %d\"\r\n---\r\n正文\r\n", i); break;
	case 4: buf_printf(b, "---\ntitle: [未闭合 %d\n---\n正文\n", i); break;
	case 5: buf_printf(b, "---\ntitle: 日期\ndate: 2022-02-%d\n---\n", 29 + i % 3); break;
	case 6: buf_printf(b, "---\ntitle: 坏字节\n---\n\x80\xFF%d\n", i); break;
	case 7: buf_printf(b, "---\ncommunities: {a: b}\ntitle: [x, y]\n---\n"); break;
	case 8: buf_printf(b, "---\n- 列表\n---\n"); break;
	default:
		buf_printf(b, "---\ntitle: 新闻%d\ndate: 2022-05-%02d\ncommunities: [yushu-xincun, c%d]\n---\n",
			   i, 1 + i % 28, i);
	}
}

/* Besides the pages: one with more warnings than a file keeps, two too
 * big to read, a link out of the site, a folder linking back up and an
 * empty file, each somewhere in the middle. */
static int odd_files(const char *site, const char *many)
{
	char a[8192], b[8192]; /* twice the folder name's room: nothing is cut */
	buf keys = BUF_INIT;
	int rc;

	buf_puts(&keys, "---\n");
	for (int k = 0; k < 105; k++)
		buf_printf(&keys, "key%d: %d\n", k, k);
	buf_puts(&keys, "---\n");
	rc = put(many, "p0320-keys.md", keys.data);
	buf_free(&keys);
	rc |= put(many, "p0100-big.md", "") | put(many, "p0500-big.md", "");
	snprintf(a, sizeof(a), "%s/p0100-big.md", many);
	rc |= truncate(a, 9 << 20); /* sparse: costs no disk */
	snprintf(a, sizeof(a), "%s/p0500-big.md", many);
	rc |= truncate(a, 9 << 20);
	snprintf(a, sizeof(a), "%s/..", site);
	rc |= put(a, "outside.md", "---\ntitle: 外面\n---\n");
	snprintf(a, sizeof(a), "%s/../outside.md", site);
	snprintf(b, sizeof(b), "%s/p0200-out.md", many);
	rc |= symlink(a, b);
	snprintf(a, sizeof(a), "%s/p0400-sub", many);
	rc |= mkdir(a, 0755) | put(a, "a.md", "---\ntitle: 子\nx: 1\n---\n") |
	      put(a, "z.md", "---\ntitle: [\n---\n");
	snprintf(b, sizeof(b), "%s/p0400-sub/loop", many);
	rc |= symlink("..", b);
	return rc | put(many, "p0450-empty.md", "");
}

/* SITE: the example site with NPAGES pages more, in content/many/ and,
 * one in ten, among the example's news. */
static int make_site(const char *site, const char *cwd)
{
	char path[4096];
	buf cmd = BUF_INIT, text = BUF_INIT;
	int rc;

	buf_printf(&cmd, "mkdir -p '%s' && cp -R '%s/site.yaml' '%s/data' '%s/content' '%s/'",
		   site, cwd, cwd, cwd, site);
	rc = system(cmd.data) != 0;
	buf_free(&cmd);
	snprintf(path, sizeof(path), "%s/content/many", site);
	rc |= mkdir(path, 0755);
	for (int i = 0; i < NPAGES && rc == 0; i++) {
		buf_reset(&text);
		page_text(i, &text);
		snprintf(path, sizeof(path), "%s/content/%s/p%04d.md", site,
			 i % 10 == 9 ? "news" : "many", i);
		rc |= write_file(path, text.data, text.len);
	}
	buf_free(&text);
	for (int i = 0; i < NFOLDERS && rc == 0; i++) {
		snprintf(path, sizeof(path), "%s/content/many/d%03d", site, i);
		rc |= mkdir(path, 0755) | put(path, "page.md", "---\ntitle: 目录里的页\n---\n");
	}
	/* A bad row: the tables' problems, read while the content/ walk
	 * runs on another thread, must still come before the walk's. */
	snprintf(path, sizeof(path), "%s/data/communities.csv", site);
	rc |= append(path, "bad-row,坏行,没有的街道,海河片区,地址,很多,1,1,1993,1;99,publicity,,,,否,,,,,,,,,,,\n");
	snprintf(path, sizeof(path), "%s/content/many", site);
	return rc | odd_files(site, path);
}

static int same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static int same_page(const struct page *a, const struct page *b)
{
	int same = same_str(a->path, b->path) && same_str(a->slug, b->slug) &&
		   same_str(a->title, b->title) && same_str(a->summary, b->summary) &&
		   date_cmp(a->date, b->date) == 0 && a->date.year == b->date.year &&
		   same_str(a->body_md, b->body_md) && a->body_line == b->body_line &&
		   a->ncommunities == b->ncommunities &&
		   same_str(a->pos.file, b->pos.file) && a->pos.line == b->pos.line;

	for (size_t i = 0; same && i < a->ncommunities; i++)
		same = same_str(a->communities[i], b->communities[i]);
	return same;
}

/* The index of `p` among `s`'s pages, or -1: pages are compared by
 * place, their addresses differ between two loads. */
static long page_index(const struct site *s, const struct page *p)
{
	return p ? (long)(p - s->pages) : -1;
}

static int same_site(const struct site *a, const struct site *b)
{
	int same = a->npages == b->npages && a->nnews == b->nnews &&
		   a->ncommunities == b->ncommunities &&
		   page_index(a, a->index_page) == page_index(b, b->index_page) &&
		   page_index(a, a->plan_page) == page_index(b, b->plan_page);

	for (size_t i = 0; same && i < a->npages; i++)
		same = same_page(&a->pages[i], &b->pages[i]);
	for (size_t i = 0; same && i < a->nnews; i++)
		same = page_index(a, a->news[i]) == page_index(b, b->news[i]);
	for (size_t i = 0; same && i < a->ncommunities; i++)
		same = page_index(a, a->communities[i].page) ==
		       page_index(b, b->communities[i].page);
	return same;
}

static int same_diag(const struct diag *a, const struct diag *b)
{
	return a->severity == b->severity && same_str(a->file, b->file) &&
	       a->line == b->line && a->col == b->col &&
	       same_str(a->message, b->message) && same_str(a->value, b->value) &&
	       a->seq == b->seq;
}

/* The first place where two lists differ, or -1. */
static long first_difference(const diags *a, const diags *b)
{
	size_t n = a->n < b->n ? a->n : b->n;

	for (size_t i = 0; i < n; i++)
		if (!same_diag(&a->v[i], &b->v[i]))
			return (long)i;
	if (a->n != b->n || a->errors != b->errors || a->warnings != b->warnings ||
	    a->dropped_warnings != b->dropped_warnings)
		return (long)n;
	return -1;
}

/* Counts of what the site is built to hold, so that the comparison
 * cannot pass on two empty loads. */
static void check_reference(const struct site *s, const diags *d)
{
	size_t notes = 0, loops = 0, big = 0, outside = 0, in_folders = 0;

	for (size_t i = 0; i < d->n; i++) {
		notes += d->v[i].severity == DIAG_NOTE;
		loops += strstr(d->v[i].message, "循环") != NULL;
		big += strstr(d->v[i].message, "超过上限") != NULL;
		outside += strstr(d->v[i].message, "之外") != NULL;
	}
	for (size_t i = 0; i < s->npages; i++)
		in_folders += strncmp(s->pages[i].path, "many/d", 6) == 0 &&
			      strcmp(s->pages[i].title, "目录里的页") == 0;
	CHECK_INT(in_folders, NFOLDERS);
	/* The bad row's three problems first, then content/'s. */
	CHECK(d->n > 3 && strstr(d->v[0].file, "data/communities.csv") &&
	      strstr(d->v[2].file, "data/communities.csv") &&
	      strstr(d->v[3].file, "content/"));
	CHECK(s->npages > NPAGES / 2);
	CHECK(d->errors > NPAGES / 3);
	CHECK(d->warnings > NPAGES / 10);
	CHECK_INT(notes, 1);
	CHECK_INT(loops, 1);
	CHECK_INT(big, 2);
	CHECK_INT(outside, 1);
	CHECK(s->nnews > NPAGES / 20);
	CHECK(s->index_page != NULL);
}

static struct site *load_jobs(const char *site, unsigned jobs, diags *d)
{
	struct model_load_options o = { jobs, NULL, NULL };

	return model_load_with(site, &o, d);
}

static void test_jobs(const char *site)
{
	static const unsigned jobs[] = { 2, 3, 4, 8, 1024 };
	diags d1 = DIAGS_INIT;
	struct site *s1 = load_jobs(site, 1, &d1);

	check_reference(s1, &d1);
	for (size_t j = 0; j < sizeof(jobs) / sizeof(jobs[0]); j++) {
		diags dn = DIAGS_INIT;
		struct site *sn = load_jobs(site, jobs[j], &dn);
		long at = first_difference(&d1, &dn);

		CHECK(same_site(s1, sn));
		CHECK_INT(at, -1);
		if (at >= 0 && (size_t)at < dn.n && (size_t)at < d1.n) {
			printf("  --jobs %u, diagnostic %ld:\n  ", jobs[j], at);
			diag_format(&d1.v[at], stdout);
			printf("  ");
			diag_format(&dn.v[at], stdout);
		}
		site_free(sn);
		diags_free(&dn);
	}
	site_free(s1);
	diags_free(&d1);
}

/* model_load is the one-thread load. */
static void test_model_load(const char *site)
{
	diags d1 = DIAGS_INIT, d2 = DIAGS_INIT;
	struct site *s1 = load_jobs(site, 1, &d1), *s2 = model_load(site, &d2);

	CHECK(same_site(s1, s2));
	CHECK_INT(first_difference(&d1, &d2), -1);
	site_free(s1);
	site_free(s2);
	diags_free(&d1);
	diags_free(&d2);
}

int main(void)
{
	char tmp[] = "/tmp/gongshi-load-jobs-XXXXXX", cwd[2048], site[64];
	buf cmd = BUF_INIT;

	if (getcwd(cwd, sizeof(cwd)) == NULL || mkdtemp(tmp) == NULL) {
		CHECK(!"temporary folder");
		return test_done();
	}
	snprintf(site, sizeof(site), "%s/site", tmp);
	CHECK_INT(make_site(site, cwd), 0);
	test_jobs(site);
	test_model_load(site);
	buf_printf(&cmd, "rm -rf '%s'", tmp);
	if (system(cmd.data) != 0)
		printf("could not remove %s\n", tmp);
	buf_free(&cmd);
	return test_done();
}
