/* Bidirectional controls and zero-width characters (util/invisible.c):
 * found, named, shown, warned of where they are read, and kept out of
 * every file name made from a name (the download= names of the pages,
 * the notice's PDF name). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "html/html.h"
#include "html/pages.h"
#include "load/csv.h"
#include "model/model.h"
#include "pdf/pdf.h"
#include "test.h"
#include "util/invisible.h"

#define RLO "\xE2\x80\xAE" /* U+202E */
#define ZWSP "\xE2\x80\x8B" /* U+200B */

static void test_find(void)
{
	static const struct { const char *s; unsigned long cp; size_t at; } cases[] = {
		{ "海河小区", 0, 0 },
		{ "海河" RLO "fdp.exe", 0x202E, 6 },
		{ "a" ZWSP "b", 0x200B, 1 },
		{ "\xC2\xAD", 0xAD, 0 },	  /* soft hyphen */
		{ "\xD8\x9C", 0x61C, 0 },	  /* Arabic letter mark */
		{ "x\xE1\xA0\x8E", 0x180E, 1 },
		{ "\xE2\x81\xA9", 0x2069, 0 },
		{ "\xEF\xBB\xBF", 0xFEFF, 0 },
		{ "\xC2\xA0\xE2\x80\x94\xE2\x80\xA8\xE2\x81\xA5", 0, 0 }, /* NBSP, —, LS, U+2065 */
		{ "\xEF\xBC\x9A", 0, 0 }, /* ： */
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t at = 99;
		unsigned long cp = invisible_find(cases[i].s, strlen(cases[i].s), &at);

		CHECK_INT(cp, cases[i].cp);
		if (cases[i].cp)
			CHECK_INT(at, cases[i].at);
	}
	CHECK_STR(invisible_name(0x202E), "从右到左覆盖");
	CHECK_STR(invisible_name(0x41), "");
}

static void test_show_and_file_name(void)
{
	buf b = BUF_INIT;

	invisible_show(&b, "海河" RLO "fdp.exe" ZWSP, strlen("海河" RLO "fdp.exe" ZWSP));
	CHECK_STR(b.data, "海河<U+202E>fdp.exe<U+200B>");
	buf_reset(&b);
	invisible_file_name(&b, "海河" RLO "fdp.exe/..\\a\x01" ZWSP "b");
	CHECK_STR(b.data, "海河fdp.exe_.._a_b");
	buf_reset(&b);
	invisible_file_name(&b, "榆树新村");
	CHECK_STR(b.data, "榆树新村");
	buf_free(&b);
}

/* A CSV field and a YAML value with one: a warning at the field. */
static void test_warnings(void)
{
	static const char csv[] = "id,name\nhaihe,海河" RLO "小区\n";
	arena *a = arena_new();
	diags d = DIAGS_INIT;
	struct csv_table t;
	char *got;

	CHECK_INT(csv_parse_bytes(csv, sizeof(csv) - 1,
				  (struct csv_source){ "data/c.csv", NULL }, a, &d, &t), 0);
	got = printed(&d);
	CHECK_STR(got, "data/c.csv:2:2: warning: “海河<U+202E>小区”里有看不见的字符 U+202E（从右到左覆盖），"
		       "它会让文字显示得和实际不同，或让两个看起来一样的名称互不相同；请在 Excel 或 WPS 中重新输入这一格\n");
	free(got);
	diags_free(&d);
	arena_free(a);
}

static const char *str(const cJSON *j, const char *a, const char *b)
{
	j = cJSON_GetObjectItemCaseSensitive(j, a);
	j = j ? cJSON_GetObjectItemCaseSensitive(j, b) : NULL;
	return cJSON_IsString(j) ? j->valuestring : NULL;
}

static cJSON *context(const struct site *s, const char *page)
{
	struct date today = { 2022, 6, 1 };
	buf json = BUF_INIT;
	diags d = DIAGS_INIT;
	cJSON *j = NULL;

	if (html_page_context(s, today, page, 0, &json, &d) == 0)
		j = cJSON_Parse(json.data);
	buf_free(&json);
	diags_free(&d);
	return j;
}

/* The example site with U+202E in a community's and a subdistrict's
 * name: the download names leave it out. */
static void test_download_names(void)
{
	diags d = DIAGS_INIT;
	struct site *s = model_load(".", &d);
	cJSON *c;
	int found = 0;

	CHECK(s != NULL && d.errors == 0);
	for (size_t i = 0; s && i < s->ncommunities; i++) {
		if (strcmp(s->communities[i].id, "yushu-xincun") == 0) {
			s->communities[i].name = "榆树" RLO "fdp.exe";
			s->units[s->communities[i].subdistrict].name = "临城" ZWSP "街道";
			found = 1;
		}
	}
	CHECK(found); /* the community was there */
	c = s ? context(s, "communities/yushu-xincun/") : NULL;
	CHECK(c != NULL);
	CHECK_STR(str(c, "pdf", "download"), "榆树fdp.exe改造方案公示.pdf");
	cJSON_Delete(c);
	c = s ? context(s, "units/lincheng") : NULL;
	CHECK(c != NULL);
	CHECK_STR(str(c, "booklet", "download"), "临城街道老旧小区改造方案公示.pdf");
	cJSON_Delete(c);
	site_free(s);
	diags_free(&d);
}

int main(void)
{
	test_find();
	test_show_and_file_name();
	test_warnings();
	test_download_names();
	return test_done();
}
