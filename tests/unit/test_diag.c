/* The diagnostics collector: the per-file cap and moving one collector
 * into another (the thread pool's per-job collectors). */
#include <string.h>

#include "test.h"
#include "util/diag.h"

static void add_errors(diags *d, const char *file, int n)
{
	for (int i = 0; i < n; i++)
		diag_error(d, file, (unsigned)i + 1, 1, NULL, "第 %d 个", i + 1);
}

/* The first DIAG_MAX_PER_FILE of a file are kept, the rest are counted
 * in one note; another file starts afresh. */
static void test_cap(void)
{
	diags d = DIAGS_INIT;

	add_errors(&d, "a.csv", DIAG_MAX_PER_FILE + 30);
	CHECK_INT((int)d.errors, DIAG_MAX_PER_FILE + 30);
	CHECK_INT((int)d.n, DIAG_MAX_PER_FILE + 1);
	CHECK_INT(d.v[d.n - 1].severity, DIAG_NOTE);
	CHECK_STR(d.v[d.n - 1].message,
		  "此文件的问题太多，只列出了前 100 个，另有 30 个没有列出（改正后再检查一次）");
	add_errors(&d, "b.csv", 3);
	CHECK_INT((int)d.n, DIAG_MAX_PER_FILE + 4);
	diags_free(&d);
}

/* Counted-but-dropped problems survive the move, warnings too, and
 * --strict then makes them errors. */
static void test_move(void)
{
	diags job = DIAGS_INIT, all = DIAGS_INIT;

	for (int i = 0; i < DIAG_MAX_PER_FILE + 5; i++)
		diag_warning(&job, "t.html", 1, 1, NULL, "警告");
	diag_error(&job, "u.html", 2, 3, "v", "错误“%s”", "v");
	diags_move(&all, &job);
	CHECK_INT((int)job.n, 0);
	CHECK_INT((int)all.warnings, DIAG_MAX_PER_FILE + 5);
	CHECK_INT((int)all.errors, 1);
	CHECK_STR(all.v[all.n - 1].value, "v");
	diags_promote_warnings(&all);
	CHECK_INT((int)all.warnings, 0);
	CHECK_INT((int)all.errors, DIAG_MAX_PER_FILE + 6);
	diags_free(&all);
}

int main(void)
{
	test_cap();
	test_move();
	return test_done();
}
