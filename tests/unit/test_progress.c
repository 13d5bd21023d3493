/* Progress through the year (issue 19): a community's status from its
 * dates, overdue, money in 万元 both ways, percentages, and the example
 * site's totals on its today (2022-06-01) and later.  Run from the
 * repository root (it loads the example site). */
#include <stdlib.h>
#include <string.h>

#include "test.h"

#include "load/date.h"
#include "load/money.h"
#include "model/model.h"
#include "model/progress.h"
#include "model/values.h"
#include "util/buf.h"

static struct date day(int y, int m, int d)
{
	struct date t = { y, m, d };
	return t;
}

static void test_status(void)
{
	struct community c;
	struct date today = day(2022, 6, 1);

	memset(&c, 0, sizeof(c));
	CHECK_INT(progress_status(&c, today), STATUS_NOT_STARTED);
	CHECK_STR(progress_status_name(STATUS_NOT_STARTED), "未开工");
	c.started = day(2022, 6, 2); /* not yet on `today` */
	CHECK_INT(progress_status(&c, today), STATUS_NOT_STARTED);
	c.started = day(2022, 6, 1);
	CHECK_INT(progress_status(&c, today), STATUS_STARTED);
	CHECK_STR(progress_status_name(STATUS_STARTED), "已开工");
	c.completed = day(2022, 7, 1);
	CHECK_INT(progress_status(&c, today), STATUS_STARTED);
	CHECK_INT(progress_status(&c, day(2022, 7, 1)), STATUS_COMPLETED);
	CHECK_STR(progress_status_name(STATUS_COMPLETED), "已竣工");
	c.accepted = day(2022, 10, 20);
	CHECK_INT(progress_status(&c, day(2022, 10, 19)), STATUS_COMPLETED);
	CHECK_INT(progress_status(&c, day(2022, 10, 20)), STATUS_ACCEPTED);
	CHECK_STR(progress_status_name(STATUS_ACCEPTED), "已验收");
}

static void test_recorded(void)
{
	struct community c[2];
	struct site s;

	memset(&s, 0, sizeof(s));
	memset(c, 0, sizeof(c));
	c[0].investment = c[1].investment = -1;
	s.communities = c;
	s.ncommunities = 2;
	CHECK(!progress_recorded(&s)); /* an older site: no progress section */
	c[1].plan_end = day(2022, 10, 15);
	CHECK(progress_recorded(&s));
	c[1].plan_end = day(0, 0, 0);
	c[0].investment = 0;
	CHECK(progress_recorded(&s));
	c[0].investment = -1;
	s.nreports = 1;
	CHECK(progress_recorded(&s));
}

static void test_overdue(void)
{
	struct community c;

	memset(&c, 0, sizeof(c));
	CHECK(!progress_overdue(&c, day(2030, 1, 1))); /* no plan: never late */
	c.plan_end = day(2022, 9, 30);
	CHECK(!progress_overdue(&c, day(2022, 9, 30))); /* due today: not late yet */
	CHECK(progress_overdue(&c, day(2022, 10, 1)));
	c.started = day(2022, 5, 1);
	CHECK(progress_overdue(&c, day(2022, 10, 1)));
	c.completed = day(2022, 10, 5); /* finished late: late until then */
	CHECK(progress_overdue(&c, day(2022, 10, 4)));
	CHECK(!progress_overdue(&c, day(2022, 10, 5)));
}

static const char *money(long long yuan)
{
	static buf b = BUF_INIT;

	buf_reset(&b);
	progress_money_text(&b, yuan);
	return buf_cstr(&b);
}

static void test_money_text(void)
{
	CHECK_STR(money(123456), "12.3456");
	CHECK_STR(money(500000), "50");
	CHECK_STR(money(5434000), "543.4");
	CHECK_STR(money(12345600), "1234.56");
	CHECK_STR(money(100), "0.01");
	CHECK_STR(money(1), "0.0001");
	CHECK_STR(money(0), "0");
	CHECK_STR(money(2440000000000LL / 10), "24400000");
	CHECK_STR(money(-1234500), "-123.45");
	CHECK_STR(money(-3), "-0.0003");
	/* Written by hand: the same text as the printf it replaced. */
	{
		int differ = 0;

		for (long long y = -30000; y <= 30000; y += 7) {
			char frac[8], want[64];
			long long v = y < 0 ? -y : y, rest = v % 10000;
			int n = snprintf(frac, sizeof(frac), "%04lld", rest);

			while (n > 0 && frac[n - 1] == '0')
				frac[--n] = '\0';
			snprintf(want, sizeof(want), "%s%lld%s%s", y < 0 ? "-" : "", v / 10000,
				 rest ? "." : "", rest ? frac : "");
			differ += strcmp(money(y), want) != 0;
		}
		CHECK_INT(differ, 0);
	}
}

static long long parsed(const char *s)
{
	long long y = -7;

	return money_parse_wan(s, &y) == 0 ? y : -1;
}

static void test_money_parse(void)
{
	static const char *const bad[] = {
		"", "约50万", "50万元", "五十", "-3", "+3", "1.23456", ".5", "5.", "1,23",
		"12,3456", ",123", "1,,234", "50 ", "1e3", "0x10", "99999999999999999999",
	};

	CHECK_INT(parsed("627"), 6270000);
	CHECK_INT(parsed("543.4"), 5434000);
	CHECK_INT(parsed("1,234.5"), 12345000);
	CHECK_INT(parsed("12,345,678"), 123456780000LL);
	CHECK_INT(parsed("0.0125"), 125);
	CHECK_INT(parsed("0"), 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		test_case(parsed(bad[i]) == -1, bad[i]);
}

static struct csv_field field(const char *text)
{
	struct csv_field f = { text, strlen(text), 4, 3 };
	return f;
}

/* value_percent on `text`: the percentage, or -1 with the message in *msg. */
static int percent(const char *text, char **msg)
{
	diags d = DIAGS_INIT;
	struct csv_field f = field(text);
	int p = -1;

	if (value_percent(&f, "data/progress.csv", "完成比例", &p, &d) < 0)
		p = -1;
	*msg = first_diag(&d);
	diags_free(&d);
	return p;
}

static void test_percent(void)
{
	char *m;

	CHECK_INT(percent("85", &m), 85);
	free(m);
	CHECK_INT(percent("85%", &m), 85);
	free(m);
	CHECK_INT(percent("85％", &m), 85);
	free(m);
	CHECK_INT(percent("0", &m), 0);
	free(m);
	CHECK_INT(percent("100%", &m), 100);
	free(m);
	CHECK_INT(percent("101", &m), -1);
	CHECK_STR(m, "data/progress.csv:4:3: error: 完成比例“101”超出范围：应在 0 到 100 之间\n");
	free(m);
	CHECK_INT(percent("0.85", &m), -1);
	CHECK(strstr(m, "是小数，不是百分比") != NULL);
	free(m);
	CHECK_INT(percent("85.0", &m), -1);
	free(m);
	CHECK_INT(percent("-5", &m), -1);
	free(m);
	CHECK_INT(percent("%", &m), -1);
	free(m);
	CHECK_INT(percent("八成", &m), -1);
	CHECK_STR(m, "data/progress.csv:4:3: error: 完成比例“八成”不是 0 到 100 之间的整数：请填 85 或 85% 这样的整数百分比\n");
	free(m);
}

static void test_money_field(void)
{
	diags d = DIAGS_INIT;
	struct csv_field f = field("约50万");
	long long y = 0;
	char *m;

	CHECK_INT(value_money(&f, "data/funding.csv", "金额", &y, &d), -1);
	CHECK_INT(y, -1);
	m = first_diag(&d);
	CHECK_STR(m, "data/funding.csv:4:3: error: 金额“约50万”不是数字：只填数字，单位万元（如 50 或 12.5，"
		     "最多四位小数），不写“万元”“约”或汉字；在 Excel/WPS 中把这一列的单元格格式设为“数值”\n");
	free(m);
	diags_free(&d);
	f = field("");
	CHECK_INT(value_money(&f, "data/funding.csv", "金额", &y, &d), 0);
	CHECK_INT(y, -1); /* empty: not given */
	f = field("５０");
	CHECK_INT(value_money(&f, "data/funding.csv", "金额", &y, &d), 0);
	CHECK_INT(y, 500000);
	CHECK_INT(d.warnings, 1); /* read, with the full-width warning */
	diags_free(&d);
}

/* The example as of its today: 53 started (3 of them completed in May),
 * 3 not yet; none late on 1 June, every unfinished one late in December. */
static void test_example(void)
{
	diags d = DIAGS_INIT;
	struct site *s = model_load(".", &d);
	struct progress_totals t, lin;
	const struct community *haihe;
	const struct progress_report *r;
	size_t u;

	CHECK_INT(d.errors, 0);
	CHECK_INT(d.warnings, 0);
	CHECK(progress_recorded(s));
	progress_totals(s, day(2022, 6, 1), NO_INDEX, &t);
	CHECK_INT(t.communities, 56);
	CHECK_INT(t.started, 53);
	CHECK_INT(t.completed, 3);
	CHECK_INT(t.accepted, 0);
	CHECK_INT(t.overdue, 0);
	CHECK_INT(t.households, 7663);
	CHECK_INT(t.cm2, 90120000);
	CHECK_INT(t.planned, 244000000LL); /* 24400 万元 */
	CHECK(t.invested > 0 && t.invested < t.planned);
	progress_totals(s, day(2022, 12, 1), NO_INDEX, &t);
	CHECK_INT(t.overdue, 53);
	CHECK_INT(t.started, 53); /* nothing started since: the data is as of June */
	progress_totals(s, day(2022, 4, 1), NO_INDEX, &t);
	CHECK_INT(t.started, 0);
	CHECK_INT(t.invested, 0); /* no report yet */

	u = site_unit_index(s, "lincheng");
	progress_totals(s, day(2022, 6, 1), u, &lin);
	CHECK_INT(lin.communities, 24);
	CHECK_INT(lin.households, 3107);

	haihe = &s->communities[site_community_index(s, "haihe-xiaoqu")];
	CHECK_INT(haihe->nreports, 4);
	CHECK(progress_latest(s, haihe, day(2022, 4, 24)) == NULL);
	r = progress_latest(s, haihe, day(2022, 5, 20));
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(r->percent, 62);
		CHECK_INT(r->date.day, 15);
	}
	r = progress_latest(s, haihe, day(2022, 6, 1));
	CHECK(r && r->percent == 100 && r->invested == haihe->investment);
	for (size_t i = 1; i < haihe->nreports; i++)
		CHECK(date_cmp(s->reports[haihe->report_at + i - 1].date,
			       s->reports[haihe->report_at + i].date) < 0);
	CHECK_STR(progress_status_name(progress_status(haihe, day(2022, 6, 1))), "已竣工");
	CHECK_STR(s->units[haihe->designer].name, "薛城城建设计研究院");
	CHECK_STR(s->units[haihe->supervisor].name, "薛城建设工程监理公司");
	CHECK_STR(haihe->hotline, "0632-4412345");
	CHECK_INT(haihe->nfunding, 3);
	CHECK_INT(s->nsources, 4);
	if (s->nsources == 4) {
		CHECK_STR(s->sources[0], "中央和省市补助");
		CHECK_STR(s->sources[1], "专项债");
		CHECK_STR(s->sources[2], "专营单位出资");
		CHECK_STR(s->sources[3], "社会资本");
	}
	for (size_t i = 0; i < s->ncommunities; i++) {
		const struct community *c = &s->communities[i];
		long long sum = 0;

		for (size_t k = 0; k < c->nfunding; k++) {
			CHECK(s->funding[c->funding_at + k].community == i);
			sum += s->funding[c->funding_at + k].amount;
		}
		test_case(sum == c->investment, c->id);
	}
	site_free(s);
	diags_free(&d);
}

int main(void)
{
	test_status();
	test_overdue();
	test_recorded();
	test_money_text();
	test_money_parse();
	test_percent();
	test_money_field();
	test_example();
	return test_done();
}
