/* The progress page's SVG charts (html/chart.c): golden SVG for a small
 * input (tests/fixtures/chart-*.svg; REGEN=1 rewrites them after a
 * reviewed change), escaping, the percentages, and that the size of a
 * chart follows its rows, never the communities counted in them. */
#include <stdio.h>
#include <stdlib.h>

#include "html/chart.h"
#include "test.h"
#include "util/buf.h"

static const struct chart_rate_row rates[] = {
	{ "全区", 56, 30, 6, 40, 10 },
	{ "临城街道", 20, 20, 6, 16, 4 },
	{ "<巨山&街道>", 0, 0, 0, 0, 0 },
};

static const struct chart_month months[] = {
	{ "4", 10, 0, 8, 0, 1 },
	{ "5", 30, 0, 22, 1, 1 },
	{ "6", 56, 10, 30, 6, 0 },
	{ "7", 56, 40, 0, 0, 0 },
};

static int count(const char *s, const char *what)
{
	int n = 0;

	for (s = strstr(s, what); s; s = strstr(s + 1, what))
		n++;
	return n;
}

/* `got` against the file `path`; with REGEN set, writes it instead. */
static void golden(const char *got, const char *path, int line)
{
	buf want = BUF_INIT;
	int ok;

	if (getenv("REGEN")) {
		FILE *f = fopen(path, "w");

		if (f) {
			fputs(got, f);
			fclose(f);
		}
	}
	ok = buf_read_file(&want, path) == 0 && strcmp(buf_cstr(&want), got) == 0;
	test_record(ok, __FILE__, line, path);
	if (!ok)
		printf("  got:\n%s\n", got);
	buf_free(&want);
}

static void test_percent(void)
{
	buf b = BUF_INIT;

	chart_percent(&b, 30, 56);
	CHECK_STR(buf_cstr(&b), "53.6%");
	buf_reset(&b);
	chart_percent(&b, 129, 447); /* a real portal's 28.86%, to one decimal */
	CHECK_STR(buf_cstr(&b), "28.9%");
	buf_reset(&b);
	chart_percent(&b, 0, 0);
	CHECK_STR(buf_cstr(&b), "0.0%");
	buf_reset(&b);
	chart_percent(&b, 55000, 55000);
	CHECK_STR(buf_cstr(&b), "100.0%");
	buf_free(&b);
}

static void test_rates(void)
{
	buf b = BUF_INIT;
	const char *s;

	chart_rates(&b, "rates", "各街道开工率、竣工率", rates, 3);
	s = buf_cstr(&b);
	golden(s, "tests/fixtures/chart-rates.svg", __LINE__);
	CHECK(strstr(s, "role=\"img\" aria-labelledby=\"rates-t rates-d\"") != NULL);
	CHECK(strstr(s, "&lt;巨山&amp;街道&gt;") != NULL);
	CHECK(strstr(s, "<巨山") == NULL);
	CHECK(strstr(s, "开工 53.6%") != NULL);
	CHECK(strstr(s, "竣工 30.0%") != NULL);
	/* A plan mark per bar of a row with communities, one in the legend. */
	CHECK_INT(count(s, "stroke=\"#000\""), 2 * 2 + 1);
	buf_free(&b);
}

static void test_schedule(void)
{
	buf b = BUF_INIT;
	const char *s;

	chart_schedule(&b, "sched", "计划与实际进度",
		       &(struct chart_timeline){months, 4, 56, "2022年（月）"});
	s = buf_cstr(&b);
	golden(s, "tests/fixtures/chart-schedule.svg", __LINE__);
	/* Actual lines stop at today's month: 2 points, so 2 markers each. */
	CHECK_INT(count(s, "<circle"), 2 + 1);
	CHECK_INT(count(s, "<polyline"), 4);
	CHECK(strstr(s, ">60</text>") != NULL); /* 56 rounds up to the 20s tick */
	buf_free(&b);
}

/* 55,000 communities draw as many elements as 56. */
static void test_scale(void)
{
	struct chart_month big[12];
	buf small = BUF_INIT, large = BUF_INIT;

	for (int i = 0; i < 12; i++) {
		big[i] = (struct chart_month){ "1", 4583L * (i + 1), 4000L * i, 4500L * (i + 1),
					       3900L * i, i < 6 };
	}
	chart_schedule(&large, "a", "t", &(struct chart_timeline){big, 12, 55000, "x"});
	for (int i = 0; i < 12; i++)
		big[i] = (struct chart_month){ "1", 4 * (i + 1), 4 * i, 4 * (i + 1), 3 * i, i < 6 };
	chart_schedule(&small, "a", "t", &(struct chart_timeline){big, 12, 56, "x"});
	CHECK_INT(count(buf_cstr(&large), "<"), count(buf_cstr(&small), "<"));
	CHECK(strstr(buf_cstr(&large), ">60000</text>") != NULL);
	buf_free(&small);
	buf_free(&large);
}

int main(void)
{
	test_percent();
	test_rates();
	test_schedule();
	test_scale();
	return test_done();
}
