/* What Excel and a 全角 input method do to values, and how gongshi reads
 * and reports it: half-width forms, phones, Excel dates, header typos,
 * totals rows. */
#include "test.h"

#include "load/schema.h"
#include "load/schema_hints.h"
#include "load/date.h"
#include "model/halfwidth.h"
#include "model/phones.h"
#include "model/values.h"
#include "util/buf.h"

static struct csv_field field(const char *text)
{
	struct csv_field f = { text, strlen(text), 4, 14 };
	return f;
}

static void test_halfwidth(void)
{
	buf b = BUF_INIT;

	CHECK_INT(halfwidth_fold("０６３２－４４１１２３４", &b), 12);
	CHECK_STR(b.data, "0632-4411234");
	CHECK_INT(halfwidth_fold("２０８", &b), 3);
	CHECK_STR(b.data, "208");
	CHECK_INT(halfwidth_fold("ｈａｉｈｅ-ｘｉａｏｑｕ", &b), 11);
	CHECK_STR(b.data, "haihe-xiaoqu");
	CHECK_INT(halfwidth_fold("（０６３２）　４４１１２３４", &b), 14);
	CHECK_STR(b.data, "(0632) 4411234");
	/* Chinese punctuation and text stay */
	CHECK_INT(halfwidth_fold("临城街道，海河路", &b), 0);
	CHECK_INT(halfwidth_fold("208", &b), 0);
	CHECK_INT(halfwidth_fold("", &b), 0);
	/* a lead byte cut short at the end is not read past */
	CHECK_INT(halfwidth_fold("1\xEF\xBC", &b), 0);
	buf_free(&b);
}

static enum phone_verdict verdict(const char *s, const char *want_fix, int want_digits)
{
	buf fix = BUF_INIT;
	int digits = -1;
	enum phone_verdict v = phones_check(s, &fix, &digits);

	if (want_fix)
		CHECK_STR(buf_cstr(&fix), want_fix);
	if (want_digits >= 0)
		CHECK_INT(digits, want_digits);
	buf_free(&fix);
	return v;
}

static void test_phones(void)
{
	static const char *const good[] = {
		"0632-4411234", "06324411234", "(0632)4411234", "0632 4411234",
		"010-12345678", "021-87654321", "13812345678", "138 1234 5678",
		"138-1234-5678", "+86 138 1234 5678", "008613812345678",
		"0632-4411234-801", "0632-4411234转801", "4411234", "44112345",
		"12345", "110", "95598", "0632-4411234、13812345678",
		"0632-4411234 13812345678", "王主任 13812345678", "3号楼", "",
	};

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		test_case(phones_check(good[i], NULL, NULL) == PHONE_OK, good[i]);
	CHECK_INT(verdict("1.38123E+10", NULL, -1), PHONE_SCIENTIFIC);
	CHECK_INT(verdict("1.38E+10", NULL, -1), PHONE_SCIENTIFIC);
	CHECK_INT(verdict("6.32441E+10", NULL, -1), PHONE_SCIENTIFIC);
	CHECK_INT(verdict("1e10", NULL, -1), PHONE_SCIENTIFIC);
	CHECK_INT(verdict("632-4411234", "0632-4411234", -1), PHONE_LOST_ZERO);
	CHECK_INT(verdict("10-12345678", "010-12345678", -1), PHONE_LOST_ZERO);
	CHECK_INT(verdict("6324411234", "06324411234", -1), PHONE_LOST_ZERO);
	CHECK_INT(verdict("1381234567", NULL, 10), PHONE_MOBILE_LENGTH);
	CHECK_INT(verdict("138123456789", NULL, 12), PHONE_MOBILE_LENGTH);
	CHECK_INT(verdict("138 1234 56789", NULL, 12), PHONE_MOBILE_LENGTH);
	CHECK_INT(verdict("0632-441123", NULL, -1), PHONE_OK); /* 10 digits: 0XX + 7 is a whole number */
	CHECK_INT(verdict("0632-44", NULL, 6), PHONE_LENGTH);
	CHECK_INT(verdict("441123456", NULL, 9), PHONE_LENGTH);
}

static void test_value_phone(void)
{
	diags d = DIAGS_INIT;
	arena *a = arena_new();
	struct csv_field f;

	f = field("0632-4411234");
	CHECK_STR(phones_value(&f, "x.csv", "联系电话", a, &d), "0632-4411234");
	f = field("０６３２－４４１１２３４");
	CHECK_STR(phones_value(&f, "x.csv", "联系电话", a, &d), "0632-4411234");
	CHECK_INT(d.warnings, 1);
	f = field("1.38E+10");
	CHECK_STR(phones_value(&f, "x.csv", "联系电话", a, &d), ""); /* nothing to a tel: link */
	f = field("632-4411234");
	CHECK_STR(phones_value(&f, "x.csv", "联系电话", a, &d), "");
	f = field("");
	CHECK_STR(phones_value(&f, "x.csv", "联系电话", a, &d), "");
	CHECK_INT(d.errors, 2);
	CHECK_INT(d.n, 3);
	if (d.n == 3) {
		CHECK_STR(d.v[1].value, "1.38E+10");
		CHECK_INT(d.v[1].line, 4);
		CHECK_INT(d.v[1].col, 14);
		CHECK(strstr(d.v[1].message, "科学计数法") != NULL);
		CHECK(strstr(d.v[1].message, "设置单元格格式”→“文本”") != NULL);
		CHECK(strstr(d.v[2].message, "（应为“0632-4411234”？）") != NULL);
	}
	diags_free(&d);
	arena_free(a);
}

static void test_excel_dates(void)
{
	diags d = DIAGS_INIT;
	struct date t;
	struct csv_field f;
	char iso[32];

	CHECK(date_from_excel_serial(44652, &t) == 0);
	date_iso(t, iso);
	CHECK_STR(iso, "2022-04-01");
	CHECK(date_from_excel_serial(61, &t) == 0);
	date_iso(t, iso);
	CHECK_STR(iso, "1900-03-01");
	CHECK(date_from_excel_serial(60, &t) < 0); /* Excel's 1900-02-29 */
	CHECK(date_parse_fields("2023-4-31", &t) == 0 && t.month == 4 && t.day == 31);
	CHECK(date_parse("2023-4-31", &t) < 0);
	CHECK(date_parse_fields("2022-4-151", &t) < 0);
	CHECK_INT(date_days_in_month(2024, 2), 29);
	CHECK_INT(date_days_in_month(1900, 2), 28);

	f = field("2023-4-31");
	CHECK(value_date(&f, "p.csv", &t, &d) < 0);
	f = field("2023年2月29日");
	CHECK(value_date(&f, "p.csv", &t, &d) < 0);
	f = field("44652");
	CHECK(value_date(&f, "p.csv", &t, &d) < 0);
	f = field("２０２２－０４－０１");
	CHECK(value_date(&f, "p.csv", &t, &d) == 0 && t.month == 4 && t.day == 1);
	CHECK_INT(d.errors, 3);
	CHECK_INT(d.warnings, 1);
	if (d.n == 4) {
		CHECK_STR(d.v[0].message, "日期“2023-4-31”不存在：4月没有31日（只有30日），请核对后改正");
		CHECK_STR(d.v[1].message, "日期“2023年2月29日”不存在：2023年不是闰年，2月只有28日，请核对后改正");
		CHECK(strstr(d.v[2].message, "Excel 的日期序列号（2022-04-01？）") != NULL);
	}
	diags_free(&d);
}

static void test_numbers(void)
{
	diags d = DIAGS_INIT;
	struct csv_field f;
	long v = 0;
	long long cm2 = 0;

	f = field("２０８");
	CHECK(value_long(&f, "c.csv", "户数", (struct value_range){ 0, 1000 }, &v, &d) == 0 &&
	      v == 208);
	f = field("２０８９８．８");
	CHECK(value_area(&f, "c.csv", "建筑面积", &cm2, &d) == 0 && cm2 == 2089880);
	f = field("1 024");
	CHECK(value_long(&f, "c.csv", "户数", (struct value_range){ 0, 10000 }, &v, &d) < 0);
	f = field("ｈａｉｈｅ");
	CHECK(value_slug(&f, "c.csv", "小区编号", &d) < 0);
	CHECK_INT(d.warnings, 2);
	CHECK_INT(d.errors, 2);
	if (d.n == 4) {
		CHECK_STR(d.v[0].message, "户数“２０８”中有全角数字或符号，已按“208”读取：请把输入法切换到半角（Shift+空格）后重新输入");
		CHECK_STR(d.v[3].message, "小区编号“ｈａｉｈｅ”中有全角字符：应写作“haihe”。请把输入法切换到半角（Shift+空格）后重新输入");
	}
	diags_free(&d);
}

static void test_headers(void)
{
	struct binding b;

	memset(&b, 0, sizeof(b));
	b.schema = &schema_communities;
	for (size_t c = 0; c < SCHEMA_MAX_COLUMNS; c++)
		b.field[c] = NO_FIELD;
	CHECK_INT(schema_hints_edit_distance("户树", "户数", 5), 1);
	CHECK_INT(schema_hints_edit_distance("cdoe", "code", 5), 1);
	CHECK_INT(schema_hints_edit_distance("Households", "households", 5), 0);
	CHECK_INT(schema_hints_edit_distance("abcdef", "x", 2), 3);
	CHECK_STR(schema_nearest_header(&schema_communities, &b, "户树"), "户数");
	CHECK_STR(schema_nearest_header(&schema_communities, &b, "建成年分"), "建成年份");
	CHECK_STR(schema_nearest_header(&schema_communities, &b, "househods"), "households");
	CHECK_STR(schema_nearest_header(&schema_communities, &b, "建筑面积(平方米)"), "建筑面积（平方米）");
	CHECK_STR(schema_nearest_header(&schema_communities, &b, "备注"), NULL);
	CHECK_STR(schema_nearest_header(&schema_communities, &b, "x"), NULL);
	b.field[CC_HOUSEHOLDS] = 5; /* bound already: not suggested again */
	CHECK_STR(schema_nearest_header(&schema_communities, &b, "户树"), NULL);
}

static void test_totals_rows(void)
{
	struct csv_field h[] = { { "编号", 6, 1, 1 }, { "户数", 6, 1, 2 } };
	struct csv_field r1[] = { { "a", 1, 2, 1 }, { "3", 1, 2, 2 } };
	struct csv_field r2[] = { { "合 计", 7, 3, 1 }, { "3", 1, 3, 2 } };
	struct csv_field r3[] = { { "", 0, 4, 1 }, { "总计：", 9, 4, 2 } };
	struct csv_row rows[] = { { h, 2, 1 }, { r1, 2, 2 }, { r2, 2, 3 }, { r3, 2, 4 } };
	struct csv_table t = { "t.csv", "UTF-8", rows, 4 };
	size_t cell = 99;

	CHECK_INT(schema_hints_totals_start(&t, &cell), 2);
	CHECK_INT(cell, 0);
	t.nrows = 2;
	CHECK_INT(schema_hints_totals_start(&t, &cell), 2);
	r1[0].text = "合计";
	CHECK_INT(schema_hints_totals_start(&t, &cell), 1);
	t.nrows = 1; /* a header reading 合计 is a header */
	h[0].text = "合计";
	CHECK_INT(schema_hints_totals_start(&t, &cell), 1);
	r1[0].text = "合计户数";
	t.nrows = 2;
	CHECK_INT(schema_hints_totals_start(&t, &cell), 2);
}

int main(void)
{
	test_halfwidth();
	test_phones();
	test_value_phone();
	test_excel_dates();
	test_numbers();
	test_headers();
	test_totals_rows();
	return test_done();
}
