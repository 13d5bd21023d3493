/* The facts the example used to contradict, where they are computed: the
 * group's size, the notice's subject, a community's phase on the notice's
 * date and whether it gets a notice, and what --release takes for a
 * placeholder. */
#include <string.h>

#include "test.h"

#include "load/date.h"
#include "model/model.h"
#include "model/release.h"
#include "util/buf.h"

static void test_group_size(void)
{
	struct member m[] = {
		{ "曹保营", "组长", "", NO_INDEX, { 0 } },
		{ "潘逾", "副组长", "", NO_INDEX, { 0 } },
		{ "刘兵", "成员", "", NO_INDEX, { 0 } },
		{ "王宏伟", "成员", "", NO_INDEX, { 0 } },
		/* The annex's last sentence: roles of members already listed. */
		{ "潘逾", "办公室主任", "", NO_INDEX, { 0 } },
		{ "王宏伟", "办公室副主任", "", NO_INDEX, { 0 } },
		{ "刘兵", "办公室副主任", "", NO_INDEX, { 0 } },
	};
	struct site s;

	memset(&s, 0, sizeof(s));
	s.members = m;
	s.nmembers = 7;
	CHECK_INT(site_group_size(&s), 4);
	CHECK(!member_is_office(&m[0]));
	CHECK(member_is_office(&m[4]));
	CHECK(member_is_office(&m[6]));
	s.nmembers = 4;
	CHECK_INT(site_group_size(&s), 4);
	s.nmembers = 0;
	CHECK_INT(site_group_size(&s), 0);
}

static void subject(const char *name, const char *want)
{
	buf b = BUF_INIT;

	format_plan_subject(&b, name);
	CHECK_STR(buf_cstr(&b), want);
	buf_free(&b);
}

static void test_plan_subject(void)
{
	subject("海河小区", "海河小区改造方案");
	subject("榆树新村", "榆树新村老旧小区改造方案");
	subject("粮食局宿舍", "粮食局宿舍老旧小区改造方案");
	subject("小区", "小区改造方案");
	subject("小区花园", "小区花园老旧小区改造方案"); /* 小区 not at the end */
	subject("", "老旧小区改造方案");
}

/* The example's three phases (phases.csv), its today (1 June) and one
 * community per status. */
static struct phase phases[] = {
	{ "publicity", "宣传发动阶段", "", { 2022, 4, 1 }, { 2022, 4, 15 }, { 0 } },
	{ "renovation", "全面整治阶段", "", { 2022, 4, 16 }, { 2022, 10, 15 }, { 0 } },
	{ "acceptance", "检查验收阶段", "", { 2022, 10, 16 }, { 2022, 11, 15 }, { 0 } },
};

static void example_site(struct site *s, struct community *c)
{
	memset(s, 0, sizeof(*s));
	memset(c, 0, 3 * sizeof(*c));
	s->phases = phases;
	s->nphases = 3;
	s->config.today = (struct date){ 2022, 6, 1 };
	for (size_t i = 0; i < 3; i++)
		c[i].status = i;
}

static void test_status_at(void)
{
	struct site s;
	struct community c[3];
	struct date may9 = { 2022, 5, 9 }, apr10 = { 2022, 4, 10 }, jun1 = { 2022, 6, 1 };

	example_site(&s, c);
	/* Today and later: what communities.csv says. */
	for (size_t i = 0; i < 3; i++) {
		CHECK_INT(site_status_at(&s, &c[i], jun1), i);
		CHECK_INT(site_status_at(&s, &c[i], (struct date){ 2022, 12, 1 }), i);
	}
	/* 9 May: the plan was in renovation; a community in acceptance by
	 * June was not yet; one still in publicity was in publicity. */
	CHECK_INT(site_status_at(&s, &c[0], may9), 0);
	CHECK_INT(site_status_at(&s, &c[1], may9), 1);
	CHECK_INT(site_status_at(&s, &c[2], may9), 1);
	CHECK_INT(site_status_at(&s, &c[2], apr10), 0);
	/* No today: in site.yaml: SOURCE_DATE_EPOCH or the clock. */
	s.config.today = (struct date){ 0, 0, 0 };
	CHECK_INT(date_cmp(site_today(&s), date_today()), 0);
}

static void test_has_notice(void)
{
	struct site s;
	struct community c[3];

	example_site(&s, c);
	s.config.notice.date = (struct date){ 2022, 5, 9 };
	for (size_t i = 0; i < 3; i++)
		CHECK(site_community_has_notice(&s, &c[i]));
	/* Dated the day the data speaks of: no notice for acceptance. */
	s.config.notice.date = (struct date){ 2022, 6, 1 };
	CHECK(site_community_has_notice(&s, &c[0]));
	CHECK(site_community_has_notice(&s, &c[1]));
	CHECK(!site_community_has_notice(&s, &c[2]));
	/* No notice.date: the notice is dated today, likewise. */
	s.config.notice.date = (struct date){ 0, 0, 0 };
	CHECK(!site_community_has_notice(&s, &c[2]));
	/* Acceptance by its id or by its name, whatever the other says. */
	phases[2].id = "yanshou";
	CHECK(!site_community_has_notice(&s, &c[2]));
	phases[2].name = "竣工结算阶段";
	CHECK(site_community_has_notice(&s, &c[2]));
	phases[2].id = "acceptance";
	CHECK(!site_community_has_notice(&s, &c[2]));
	phases[2].name = "检查验收阶段";
	/* Two phases only: the last one is not acceptance. */
	s.nphases = 2;
	CHECK(site_community_has_notice(&s, &c[1]));
}

static int placeholder(const char *s)
{
	return release_placeholder_line(s, strlen(s));
}

static void test_placeholders(void)
{
	CHECK(placeholder("（示例：这是网站首页的导语，请改写成本地的内容，并删去这一行。）"));
	CHECK(placeholder("（此处粘贴原文。）"));
	CHECK(placeholder("（示例新闻。）"));
	CHECK(placeholder("（本网站是示例站点：小区名单……）"));
	CHECK(!placeholder("各位居民朋友："));
	CHECK(!placeholder("示例"));
	CHECK(!placeholder("(示例)")); /* ASCII brackets: not init's wording */
	/* Only the given length counts. */
	CHECK(!release_placeholder_line("（示例", 3));
	CHECK(!placeholder(""));
}

int main(void)
{
	test_group_size();
	test_plan_subject();
	test_status_at();
	test_has_notice();
	test_placeholders();
	return test_done();
}
