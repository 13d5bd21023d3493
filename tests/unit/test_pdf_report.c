/* The progress report's dating and naming (src/pdf/report.c): which
 * report is "the previous one", its issuer, its path. */
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf.h"
#include "plan/pdfs.h"
#include "test.h"
#include "util/buf.h"

/* `d` as 2022-06-01 in a static buffer. */
static const char *iso(struct date d)
{
	static char s[32];

	date_iso(d, s);
	return s;
}

static struct date day(int y, int m, int d)
{
	struct date x = { y, m, d };

	return x;
}

static void test_previous(void)
{
	struct site s;
	struct date listed[] = { { 2022, 5, 16 }, { 2022, 5, 1 }, { 2022, 6, 1 } };

	memset(&s, 0, sizeof(s));
	/* No list: a month back, the day kept or the month's last. */
	CHECK_STR(iso(pdf_report_previous(&s, day(2022, 6, 1))), "2022-05-01");
	CHECK_STR(iso(pdf_report_previous(&s, day(2022, 3, 31))), "2022-02-28");
	CHECK_STR(iso(pdf_report_previous(&s, day(2024, 3, 30))), "2024-02-29");
	CHECK_STR(iso(pdf_report_previous(&s, day(2022, 1, 15))), "2021-12-15");
	/* A list in any order: the latest before the date, not the date
	 * itself; none before it: a month back again. */
	s.config.progress.reports = listed;
	s.config.progress.nreports = 3;
	CHECK_STR(iso(pdf_report_previous(&s, day(2022, 6, 1))), "2022-05-16");
	CHECK_STR(iso(pdf_report_previous(&s, day(2022, 5, 16))), "2022-05-01");
	CHECK_STR(iso(pdf_report_previous(&s, day(2022, 7, 20))), "2022-06-01");
	CHECK_STR(iso(pdf_report_previous(&s, day(2022, 5, 1))), "2022-04-01");
}

static void test_issuer_and_path(void)
{
	struct site s;
	buf b = BUF_INIT;

	memset(&s, 0, sizeof(s));
	s.config.organiser = "薛城区人民政府办公室";
	CHECK_STR(pdf_report_issuer(&s), "薛城区人民政府办公室");
	s.config.notice.issuer = "薛城区人民政府";
	CHECK_STR(pdf_report_issuer(&s), "薛城区人民政府");
	s.config.progress.issuer = "薛城区老旧小区整治改造工作领导小组办公室";
	CHECK_STR(pdf_report_issuer(&s), "薛城区老旧小区整治改造工作领导小组办公室");
	{
		char *path = plan_report_path(day(2022, 6, 1));

		CHECK_STR(path, "notices/progress-2022-06-01.pdf");
		free(path);
	}
	buf_free(&b);
}

/* Only a site with some progress fact gets a report. */
static void test_wanted(void)
{
	struct site s;
	struct community c[2];

	memset(&s, 0, sizeof(s));
	memset(c, 0, sizeof(c));
	c[0].investment = c[1].investment = -1;
	s.communities = c;
	s.ncommunities = 2;
	CHECK_INT(plan_report_wanted(&s), 0);
	c[1].plan_end = day(2022, 9, 4);
	CHECK_INT(plan_report_wanted(&s), 1);
	c[1].plan_end = day(0, 0, 0);
	c[0].investment = 0;
	CHECK_INT(plan_report_wanted(&s), 1);
	c[0].investment = -1;
	s.nfunding = 1;
	CHECK_INT(plan_report_wanted(&s), 1);
}

int main(void)
{
	test_wanted();
	test_previous();
	test_issuer_and_path();
	return test_done();
}
