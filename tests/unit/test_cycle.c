/* The notice cycle's arithmetic (model/cycle.h) against the real 2022
 * calendar: the State Council's arrangement, 国办发明电〔2021〕11号. */
#include "test.h"

#include "model/cycle.h"
#include "model/model.h"
#include "util/buf.h"

static struct date D(int y, int m, int d)
{
	return (struct date){ y, m, d };
}

/* 国办发明电〔2021〕11号, typed here from the notice, not read from the
 * example's data/holidays.csv, which test_example_holidays compares. */
static const struct {
	struct date from, to;
	int workday;
} arrangement_2022[] = {
	{ { 2022, 1, 1 }, { 2022, 1, 3 }, 0 },	 /* 元旦 */
	{ { 2022, 1, 29 }, { 2022, 1, 30 }, 1 }, /* 春节调休上班 */
	{ { 2022, 1, 31 }, { 2022, 2, 6 }, 0 },	 /* 春节 */
	{ { 2022, 4, 2 }, { 2022, 4, 2 }, 1 },
	{ { 2022, 4, 3 }, { 2022, 4, 5 }, 0 },	 /* 清明节 */
	{ { 2022, 4, 24 }, { 2022, 4, 24 }, 1 },
	{ { 2022, 4, 30 }, { 2022, 5, 4 }, 0 },	 /* 劳动节 */
	{ { 2022, 5, 7 }, { 2022, 5, 7 }, 1 },
	{ { 2022, 6, 3 }, { 2022, 6, 5 }, 0 },	 /* 端午节 */
	{ { 2022, 9, 10 }, { 2022, 9, 12 }, 0 }, /* 中秋节 */
	{ { 2022, 10, 1 }, { 2022, 10, 7 }, 0 }, /* 国庆节 */
	{ { 2022, 10, 8 }, { 2022, 10, 9 }, 1 },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static struct holiday days_2022[64];

static void site_2022(struct site *s)
{
	size_t n = 0;

	memset(s, 0, sizeof(*s));
	for (size_t i = 0; i < N(arrangement_2022); i++)
		for (long d = date_to_days(arrangement_2022[i].from);
		     d <= date_to_days(arrangement_2022[i].to); d++)
			days_2022[n++] = (struct holiday){ date_from_days(d),
							   arrangement_2022[i].workday, "", { "", 0 } };
	s->holidays = days_2022;
	s->nholidays = n;
}

static void check_deadline(const struct site *s, struct date from, int days, int working,
			   const char *want)
{
	char got[32];

	date_iso(cycle_deadline(s, from, days, working), got);
	CHECK_STR(got, want);
}

static void test_workdays(void)
{
	struct site s;

	site_2022(&s);
	CHECK_INT(s.nholidays, 38);
	CHECK(cycle_is_workday(&s, D(2022, 4, 29)));  /* Friday */
	CHECK(!cycle_is_workday(&s, D(2022, 4, 30))); /* Saturday, 劳动节 */
	CHECK(!cycle_is_workday(&s, D(2022, 5, 2)));  /* Monday, 劳动节 */
	CHECK(!cycle_is_workday(&s, D(2022, 5, 4)));  /* Wednesday, 劳动节 */
	CHECK(cycle_is_workday(&s, D(2022, 4, 24)));  /* Sunday, 班 */
	CHECK(cycle_is_workday(&s, D(2022, 5, 7)));   /* Saturday, 班 */
	CHECK(!cycle_is_workday(&s, D(2022, 5, 8)));  /* an ordinary Sunday */
	CHECK(!cycle_is_workday(&s, D(2022, 6, 3)));  /* Friday, 端午节 */
	CHECK(!cycle_is_workday(&s, D(2022, 9, 12))); /* Monday, 中秋节 */
	CHECK(cycle_is_workday(&s, D(2022, 10, 8)));  /* Saturday, 班 */
	CHECK(cycle_is_workday(&s, D(2022, 1, 29)));  /* Saturday, 班 */
	CHECK(!cycle_is_workday(&s, D(2022, 2, 4)));  /* Friday, 春节 */
	CHECK(cycle_has_year(&s, 2022));
	CHECK(!cycle_has_year(&s, 2023));
}

static void test_deadlines(void)
{
	struct site s;

	site_2022(&s);
	/* Friday 29 April + 7 working days, over 劳动节: 4/29, 5/5, 5/6,
	 * 5/7 (Saturday, 班), 5/9, 5/10, 5/11. */
	check_deadline(&s, D(2022, 4, 29), 7, 1, "2022-05-11");
	/* The example's notice: 5/9 to 5/17, the weekend between. */
	check_deadline(&s, D(2022, 5, 9), 7, 1, "2022-05-17");
	/* 4/22 (Friday), 4/24 (Sunday, 班), 4/25. */
	check_deadline(&s, D(2022, 4, 22), 3, 1, "2022-04-25");
	/* Posted on a day off: the period runs from the next working day. */
	check_deadline(&s, D(2022, 5, 1), 1, 1, "2022-05-05");
	/* The second batch, over 端午节 (6/3-6/5). */
	check_deadline(&s, D(2022, 5, 30), 7, 1, "2022-06-08");
	/* Over 国庆节 into the two 班 days. */
	check_deadline(&s, D(2022, 9, 30), 3, 1, "2022-10-09");
	/* Calendar days count the posting day and every day after. */
	check_deadline(&s, D(2022, 4, 29), 7, 0, "2022-05-05");
	check_deadline(&s, D(2022, 12, 28), 7, 0, "2023-01-03");
	CHECK_INT(cycle_deadline(&s, D(2022, 5, 9), 0, 1).year, 0);
	CHECK_INT(cycle_deadline(&s, D(0, 0, 0), 7, 1).year, 0);
}

/* The example ships the same arrangement in data/holidays.csv. */
static void test_example_holidays(void)
{
	diags d = DIAGS_INIT;
	struct site *ex = model_load(".", &d), mine;
	int mismatches = 0;

	site_2022(&mine);
	CHECK(ex != NULL);
	if (ex == NULL)
		return;
	CHECK_INT(d.n, 0);
	for (long day = date_to_days(D(2022, 1, 1)); day <= date_to_days(D(2022, 12, 31)); day++) {
		int same = cycle_is_workday(ex, date_from_days(day)) ==
			   cycle_is_workday(&mine, date_from_days(day));

		if (!same) {
			char iso[32];

			date_iso(date_from_days(day), iso);
			printf("  data/holidays.csv differs on %s\n", iso);
		}
		mismatches += !same;
	}
	CHECK_INT(mismatches, 0);
	CHECK_INT(ex->nholidays, 38);
	site_free(ex);
	diags_free(&d);
}

static void test_consent(void)
{
	struct site s;
	struct consent k = { 0, 300, 200, 50, 50, { 0, 0, 0 }, "", { "", 0 } };
	char rate[16];

	memset(&s, 0, sizeof(s));
	s.config.consent.num = 2;
	s.config.consent.den = 3;
	CHECK(cycle_consent_reached(&s, &k)); /* exactly 2/3 */
	cycle_consent_rate(&k, rate);
	CHECK_STR(rate, "66.7%");
	k.agreed = 199;
	CHECK(!cycle_consent_reached(&s, &k));
	k.asked = 0;
	CHECK(!cycle_consent_reached(&s, &k));
	cycle_consent_rate(&k, rate);
	CHECK_STR(rate, "—");
	k = (struct consent){ 0, 7, 7, 0, 0, { 0, 0, 0 }, "", { "", 0 } };
	cycle_consent_rate(&k, rate);
	CHECK_STR(rate, "100.0%");
}

static void test_period_text(void)
{
	struct posting p;
	buf b = BUF_INIT;

	memset(&p, 0, sizeof(p));
	p.posted = D(2022, 5, 9);
	p.deadline = D(2022, 5, 17);
	p.days = 7;
	p.working = 1;
	cycle_period_text(&b, &p);
	CHECK_STR(buf_cstr(&b), "2022年5月9日至2022年5月17日（7个工作日）");
	buf_reset(&b);
	p.working = 0;
	p.deadline = D(2022, 5, 15);
	cycle_period_text(&b, &p);
	CHECK_STR(buf_cstr(&b), "2022年5月9日至2022年5月15日（7个自然日）");
	buf_free(&b);
	CHECK_STR(cycle_opinion_result_name(OPINION_PARTLY), "部分采纳");
}

int main(void)
{
	test_workdays();
	test_deadlines();
	test_example_holidays();
	test_consent();
	test_period_text();
	return test_done();
}
