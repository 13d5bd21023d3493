/* place_check: the output folder must not be, hold or lie inside
 * the site's inputs, compared by real path (.., symlinks, trailing
 * slashes), and must not be a file. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "write/place.h"
#include "scratch.h"
#include "test.h"
#include "util/buf.h"


static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

/* Checks `out` for the site `site`: `want` NULL means accepted, else the
 * exact refusal, given with %s for `out`. */
static void expect(const char *out, const char *site, const char *want)
{
	diags d = DIAGS_INIT;
	int rc = place_check(out, site, &d);
	buf msg = BUF_INIT;

	if (want == NULL) {
		CHECK_INT(rc, 0);
		CHECK_INT(d.errors, 0);
		if (rc != 0 || d.errors)
			printf("  for %s: %s\n", out, d.n ? d.v[0].message : "?");
	} else {
		buf_printf(&msg, want, out);
		CHECK_INT(rc, -1);
		CHECK_INT(d.errors, 1);
		CHECK_STR(d.n ? d.v[0].message : NULL, msg.data);
		/* An empty path cannot name itself: the option does. */
		CHECK_STR(d.n ? d.v[0].file : NULL, *out ? out : "-o");
		CHECK_INT(d.n ? d.v[0].line : 99, 0);
	}
	buf_free(&msg);
	diags_free(&d);
}

static const char INSIDE_DATA[] =
	"输出目录“%s”在输入目录 data/ 之内，生成会覆盖输入文件；请换一个输出目录";
static const char IS_DATA[] =
	"输出目录“%s”就是输入目录 data/，生成会覆盖输入文件；请换一个输出目录";
static const char IS_SITE[] =
	"输出目录“%s”就是站点目录，生成会替换整个站点；请换一个输出目录";
static const char NOT_DIR[] = "输出路径已存在，但不是目录";

static void test_absolute(void)
{
	char site[128];

	snprintf(site, sizeof(site), "%s/site", scratch_root);
	expect(at("site/public"), site, NULL);
	expect(at("site/public/"), site, NULL);
	expect(at("out"), site, NULL);
	expect(at("site/new/deeper/out"), site, NULL);
	expect(at("site/data/out"), site, INSIDE_DATA);
	expect(at("site/data/../data/x"), site, INSIDE_DATA);
	expect(at("site/data//x/"), site, INSIDE_DATA);
	expect(at("site/public/../data"), site, IS_DATA);
	expect(at("site/link-to-data/x"), site, INSIDE_DATA);
	expect(at("site/content/news"), site,
	       "输出目录“%s”在输入目录 content/ 之内，生成会覆盖输入文件；请换一个输出目录");
	expect(at("site/themes/default/out"), site,
	       "输出目录“%s”在输入目录 themes/ 之内，生成会覆盖输入文件；请换一个输出目录");
	/* layouts/ does not exist: still the site's input folder. */
	expect(at("site/layouts/x"), site,
	       "输出目录“%s”在输入目录 layouts/ 之内，生成会覆盖输入文件；请换一个输出目录");
	expect(at("site/site.yaml"), site,
	       "输出目录“%s”就是站点配置文件 site.yaml，生成会覆盖它；请换一个输出目录");
	expect(at("site"), site, IS_SITE);
	expect(at("site/"), site, IS_SITE);
	expect(at("site/public/.."), site, IS_SITE);
	expect(at("afile"), site, NOT_DIR);
	expect(at("other/sub/.."), site,
	       "输出目录“%s”须以目录名结尾，不能是“.”或“..”；请换一个输出目录");
	expect("", site, "输出目录不能为空");
}

/* An ancestor of the site folder: the message names both. */
static void test_contains_site(void)
{
	static const char *const outs[] = { NULL, "/", NULL };
	char site[128];
	buf want = BUF_INIT;

	snprintf(site, sizeof(site), "%s/site", scratch_root);
	for (size_t i = 0; i < 3; i++) {
		const char *out = i == 0 ? scratch_root : i == 2 ? at("other/../site/..") : outs[i];
		diags d = DIAGS_INIT;

		buf_reset(&want);
		buf_printf(&want,
			   "输出目录“%s”包含站点目录“%s”，生成会替换整个站点；请换一个输出目录",
			   out, site);
		CHECK_INT(place_check(out, site, &d), -1);
		CHECK_STR(d.n ? d.v[0].message : NULL, want.data);
		diags_free(&d);
	}
	buf_free(&want);
}

/* A data/ that is a symlink to a folder elsewhere: outputs inside that
 * folder, or holding it, are refused too. */
static void test_symlinked_input(void)
{
	char site[128];

	snprintf(site, sizeof(site), "%s/site2", scratch_root);
	expect(at("site2/public"), site, NULL);
	expect(at("elsewhere/shared-data/x"), site, INSIDE_DATA);
	expect(at("elsewhere"), site,
	       "输出目录“%s”包含输入目录 data/，生成会把它一并替换；请换一个输出目录");
	expect(at("elsewhere2"), site, NULL);
}

/* As the command line gives them: relative to the current folder. */
static void test_relative(void)
{
	char *cwd = realpath(".", NULL);

	CHECK(cwd != NULL);
	CHECK_INT(chdir(at("site")), 0);
	expect("public", ".", NULL);
	expect("../out", ".", NULL);
	expect("data/out", ".", INSIDE_DATA);
	expect("data/../data/x", ".", INSIDE_DATA);
	expect("./data/", ".", IS_DATA);
	expect(".", ".", IS_SITE);
	expect("..", ".", "输出目录“%s”包含站点目录“.”，生成会替换整个站点；请换一个输出目录");
	expect("site.yaml", ".",
	       "输出目录“%s”就是站点配置文件 site.yaml，生成会覆盖它；请换一个输出目录");
	expect("data/communities.csv", ".", INSIDE_DATA);
	CHECK_INT(chdir(".."), 0);
	expect("site/data/x", "site", INSIDE_DATA);
	expect("afile", "site", NOT_DIR);
	expect("out", "site", NULL);
	if (cwd)
		CHECK_INT(chdir(cwd), 0);
	free(cwd);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	static const char *const dirs[] = {
		"site", "site/data", "site/content", "site/themes", "site/themes/default",
		"site/public", "other", "other/sub", "elsewhere", "elsewhere/shared-data",
		"elsewhere2", "site2", "site2/content",
	};

	snprintf(scratch_root, sizeof(scratch_root), "%s/test_place-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(scratch_root) == NULL) {
		perror(scratch_root);
		return 1;
	}
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		CHECK_INT(mkdir(at(dirs[i]), 0755), 0);
	make_file("site/site.yaml");
	make_file("site/data/communities.csv");
	make_file("site2/site.yaml");
	make_file("afile");
	CHECK_INT(symlink("data", at("site/link-to-data")), 0);
	CHECK_INT(symlink("../elsewhere/shared-data", at("site2/data")), 0);

	test_absolute();
	test_contains_site();
	test_symlinked_input();
	test_relative();

	nftw(scratch_root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return test_done();
}
