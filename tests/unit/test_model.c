/* Dates, values, formatting and the small containers under the model. */
#include "test.h"

#include "load/date.h"
#include "model/values.h"
#include "util/buf.h"
#include "util/strmap.h"

static void test_dates(void)
{
	struct date d;
	char s[32];

	CHECK(date_parse("2022-04-01", &d) == 0 && d.year == 2022 && d.month == 4 && d.day == 1);
	CHECK(date_parse("2022/4/1", &d) == 0 && d.month == 4 && d.day == 1);
	CHECK(date_parse("2022.10.15", &d) == 0 && d.month == 10 && d.day == 15);
	CHECK(date_parse("2022年4月27日", &d) == 0 && d.day == 27);
	CHECK(date_parse("2022年4月27", &d) == 0);
	CHECK(date_parse("2024-02-29", &d) == 0);
	CHECK(date_parse("2023-02-29", &d) < 0);
	CHECK(date_parse("2022-13-01", &d) < 0);
	CHECK(date_parse("2022-04-31", &d) < 0);
	CHECK(date_parse("2022-4/1", &d) < 0);	/* mixed separators */
	CHECK(date_parse("2022年4-1", &d) < 0);
	CHECK(date_parse("22-04-01", &d) < 0);
	CHECK(date_parse("2022-04-01x", &d) < 0);
	CHECK(date_parse("", &d) < 0);
	d = (struct date){ 2022, 4, 27 };
	date_chinese(d, s);
	CHECK_STR(s, "2022年4月27日");
	date_iso(date_from_days(date_to_days(d) + 7), s);
	CHECK_STR(s, "2022-05-04");
	date_iso(date_from_days(date_to_days((struct date){ 2022, 12, 31 }) + 1), s);
	CHECK_STR(s, "2023-01-01");
	CHECK_INT(date_to_days((struct date){ 1970, 1, 1 }), 0);
	CHECK_INT(date_cmp((struct date){ 2022, 4, 1 }, (struct date){ 2022, 3, 31 }), 1);
}

/* The dates are written by hand (load/date.c): the same text as the
 * printf formats they replace, for every value, the odd ones included. */
static void test_date_text(void)
{
	static const int years[] = { -1, 0, 1, 9, 10, 99, 100, 999, 1000, 2022, 9999, 10000, 123456 };
	int differ = 0;

	for (size_t i = 0; i < sizeof(years) / sizeof(years[0]); i++)
		for (int m = -1; m <= 100; m++)
			for (int day = -1; day <= 100; day++) {
				struct date d = { years[i], m, day };
				char got[32], want[64];

				date_iso(d, got);
				snprintf(want, sizeof(want), "%04d-%02d-%02d", d.year, d.month, d.day);
				differ += strcmp(got, want) != 0;
				date_chinese(d, got);
				snprintf(want, sizeof(want), "%d年%d月%d日", d.year, d.month, d.day);
				differ += strcmp(got, want) != 0;
			}
	CHECK_INT(differ, 0);
}

static struct csv_field field(const char *text)
{
	struct csv_field f = { text, strlen(text), 7, 3 };
	return f;
}

static void test_values(void)
{
	diags d = DIAGS_INIT;
	struct csv_field f;
	long long cm2 = 0;
	long v = 0;
	int yn = 5;

	f = field("12,345.6");
	CHECK(value_area(&f, "x.csv", "建筑面积", &cm2, &d) == 0 && cm2 == 1234560);
	f = field("0.1");
	CHECK(value_area(&f, "x.csv", "建筑面积", &cm2, &d) == 0 && cm2 == 10);
	f = field("20898.80");
	CHECK(value_area(&f, "x.csv", "建筑面积", &cm2, &d) == 0 && cm2 == 2089880);
	f = field("1.234");
	CHECK(value_area(&f, "x.csv", "建筑面积", &cm2, &d) < 0);
	f = field("1.");
	CHECK(value_area(&f, "x.csv", "建筑面积", &cm2, &d) < 0);
	f = field("-3");
	CHECK(value_area(&f, "x.csv", "建筑面积", &cm2, &d) < 0);
	f = field("1,024");
	/* out of range */
	CHECK(value_long(&f, "x.csv", "户数", (struct value_range){ 0, 100 }, &v, &d) < 0);
	CHECK(value_long(&f, "x.csv", "户数", (struct value_range){ 0, 10000 }, &v, &d) == 0 &&
	      v == 1024);
	f = field("+5");
	CHECK(value_long(&f, "x.csv", "户数", (struct value_range){ 0, 10000 }, &v, &d) < 0);
	f = field("是");
	CHECK(value_yes_no(&f, "x.csv", &yn, &d) == 0 && yn == 1);
	f = field("");
	CHECK(value_yes_no(&f, "x.csv", &yn, &d) == 0 && yn == -1);
	CHECK_INT(d.errors, 5);
	CHECK_STR(d.v[0].message, "建筑面积“1.234”不是有效的数字（平方米，最多两位小数）");
	CHECK_INT(d.v[0].line, 7);
	CHECK_INT(d.v[0].col, 3);
	CHECK_STR(d.v[0].value, "1.234");
	CHECK_STR(d.v[3].message, "户数“1,024”超出范围：应在 0 到 100 之间");
	diags_free(&d);

	CHECK(value_slug_valid("yushu-xincun"));
	CHECK(value_slug_valid("8"));
	CHECK(!value_slug_valid("-x"));
	CHECK(!value_slug_valid("../x"));
	CHECK(!value_slug_valid("a/b"));
	CHECK(!value_slug_valid("A"));
	CHECK(!value_slug_valid(""));
	CHECK(!value_slug_valid("榆树"));
	CHECK(value_slug_valid("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
	CHECK(!value_slug_valid("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
}

static void test_split(void)
{
	arena *a = arena_new();
	const char **p;
	size_t n = value_split(" 1;2；3、 4 ,5，6;;", a, &p);

	CHECK_INT(n, 6);
	if (n == 6) {
		CHECK_STR(p[0], "1");
		CHECK_STR(p[3], "4");
		CHECK_STR(p[5], "6");
	}
	CHECK_INT(value_split("", a, &p), 0);
	CHECK_INT(value_split("lincheng", a, &p), 1);
	arena_free(a);
}

/* The scratch split gives value_split's parts, each call replacing the
 * last, a long field after short ones included. */
static void test_split_scratch(void)
{
	static const char *const fields[] = {
		" 1;2；3、 4 ,5，6;;", "", "lincheng", "\t长 名 ;,、x\t", ";；", "7",
		"a;b;c;d;e;f;g;h;i;j;k;l;m;n;o;p;q;r;s;t;u;v;w;x;y;z", "8 , 9",
	};
	struct value_parts v = VALUE_PARTS_INIT;
	arena *a = arena_new();
	int same = 1;

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const char **p;
		size_t n = value_split(fields[i], a, &p);

		same &= value_parts_split(&v, fields[i]) == n && v.n == n;
		for (size_t k = 0; same && k < n; k++)
			same = strcmp(v.part[k], p[k]) == 0;
	}
	CHECK(same);
	CHECK_INT(value_parts_split(&v, "长 名 ; x"), 2);
	CHECK_STR(v.part[0], "长 名");
	CHECK_STR(v.part[1], "x");
	value_parts_free(&v);
	arena_free(a);
}

static void test_format(void)
{
	char s[32];

	format_area_m2(90120000, s);
	CHECK_STR(s, "901200");
	format_area_m2(2089880, s);
	CHECK_STR(s, "20898.8");
	format_area_m2(1234, s);
	CHECK_STR(s, "12.34");
	format_area_wan(90120000, s);
	CHECK_STR(s, "90.12");
	format_area_wan(9995000, s); /* 99,950 m² rounds up */
	CHECK_STR(s, "10.00");
}

static void test_containers(void)
{
	strmap m = STRMAP_INIT;
	char keys[1000][16];
	buf b = BUF_INIT;

	int fresh = 0;

	for (int i = 0; i < 1000; i++) {
		snprintf(keys[i], sizeof(keys[i]), "k%d", i);
		fresh += strmap_put(&m, keys[i], (size_t)i) == STRMAP_NONE;
	}
	CHECK_INT(fresh, 1000);
	CHECK_INT(strmap_get(&m, "k777"), 777);
	CHECK_INT(strmap_put(&m, "k5", 1), 5);
	CHECK(strmap_get(&m, "nope") == STRMAP_NONE);
	strmap_free(&m);

	buf_printf(&b, "%s-%d", "榆树", 42);
	buf_putc(&b, '\0');
	buf_puts(&b, "x");
	CHECK_INT(b.len, 11);
	CHECK(memcmp(b.data, "榆树-42\0x", 11) == 0);
	buf_truncate(&b, 3);
	CHECK_STR(buf_cstr(&b), "榆");
	buf_free(&b);
}

static void test_diag_order(void)
{
	diags d = DIAGS_INIT;

	diag_error(&d, "b.csv", 2, 1, NULL, "third");
	diag_error(&d, "a.csv", 9, 1, NULL, "second");
	diag_warning(&d, "a.csv", 0, 0, NULL, "first");
	diag_error(&d, "b.csv", 2, 1, NULL, "fourth");
	diags_promote_warnings(&d);
	diags_sort(&d);
	CHECK_STR(d.v[0].message, "first");
	CHECK_STR(d.v[1].message, "second");
	CHECK_STR(d.v[2].message, "third");
	CHECK_STR(d.v[3].message, "fourth");
	CHECK_INT(d.errors, 4);
	CHECK_INT(d.warnings, 0);
	diags_free(&d);
}

int main(void)
{
	test_dates();
	test_date_text();
	test_values();
	test_split();
	test_split_scratch();
	test_format();
	test_containers();
	test_diag_order();
	return test_done();
}
