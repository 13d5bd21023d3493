/* A NUL byte in any text input is an error at its line and column
 * (load/encoding.c): it would cut a C string, and so a Markdown page or
 * a CSV field, short in silence. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/encoding.h"
#include "test.h"

/* encoding_as_utf8 on `len` bytes; what it printed (caller frees). */
static char *decode(const char *in, size_t len, const char *force, const char *path, int *rc)
{
	diags d = DIAGS_INIT;
	buf scratch = BUF_INIT;
	struct decoded out = { &scratch, NULL, 0, NULL };
	char *msg;

	*rc = encoding_as_utf8(in, len, force, path, &d, &out);
	msg = printed(&d);
	diags_free(&d);
	buf_free(&scratch);
	return msg;
}

#define CSV_FIX "请用文本编辑器（如记事本）删去它后保存，或在 Excel、WPS 中重新输入这一格，再另存为 CSV 文件"
#define TXT_FIX "请用文本编辑器（如记事本）打开，删去它后保存"
#define MSG(where, shown, fix) \
	where ": error: 有一个看不见的空字符（\\x00）：“" shown "”。它多半是保存文件的程序误写入的，会让后面的文字丢失；" fix "\n"

static void test_utf8(void)
{
	static const char csv[] = "id,name\nhaihe,海河\0小区\r\ngongdian\0-evil,供电\0小区\n";
	static const char md[] = "\xEF\xBB\xBF---\ntitle: 甲\n---\n\n前半\0后半\n";
	int rc;
	char *got = decode(csv, sizeof(csv) - 1, NULL, "data/c.csv", &rc);

	CHECK_INT(rc, -1);
	/* Columns in characters; one message a line. */
	CHECK_STR(got, MSG("data/c.csv:2:9", "haihe,海河\\x00小区", CSV_FIX)
		       MSG("data/c.csv:3:9", "gongdian\\x00-evil,供电", CSV_FIX));
	free(got);
	got = decode(md, sizeof(md) - 1, NULL, "content/a.md", &rc);
	CHECK_INT(rc, -1);
	CHECK_STR(got, MSG("content/a.md:5:3", "前半\\x00后半", TXT_FIX));
	free(got);
	got = decode("a\0", 2, NULL, "b.CSV", &rc);
	CHECK_INT(rc, -1);
	CHECK_STR(got, MSG("b.CSV:1:2", "a\\x00", CSV_FIX));
	free(got);
	got = decode("a,b\n", 4, NULL, "b.csv", &rc);
	CHECK_INT(rc, 0);
	CHECK_STR(got, "");
	free(got);
}

/* The NUL is looked for in the decoded text: GB18030 too. */
static void test_gb18030(void)
{
	/* "海河" NUL "小区" in GBK. */
	static const char gbk[] = "\xba\xa3\xba\xd3\0\xd0\xa1\xc7\xf8\n";
	int rc;
	char *got = decode(gbk, sizeof(gbk) - 1, NULL, "data/c.csv", &rc);

	CHECK_INT(rc, -1);
	CHECK_STR(got, MSG("data/c.csv:1:3", "海河\\x00小区", CSV_FIX));
	free(got);
	got = decode(gbk, sizeof(gbk) - 1, "gbk", "data/c.csv", &rc);
	CHECK_INT(rc, -1);
	free(got);
}

/* encoding_refuse_nul itself: line_base, and a lone CR as a line end. */
static void test_refuse(void)
{
	diags d = DIAGS_INIT;
	char *got;

	CHECK_INT(encoding_refuse_nul("a\rb\0", 4, "t.yaml", 1, &d), -1);
	got = printed(&d);
	CHECK_STR(got, MSG("t.yaml:3:2", "b\\x00", TXT_FIX));
	free(got);
	diags_free(&d);
	CHECK_INT(encoding_refuse_nul("abc", 3, "t.yaml", 0, &d), 0);
	CHECK_INT(d.n, 0);
}

int main(void)
{
	test_utf8();
	test_gb18030();
	test_refuse();
	return test_done();
}
