/* The website's progress (issue 19) on the example site, its facts
 * changed in memory: an overdue community on the progress page (with
 * whom to call) and on its own page (逾期, the late step of its
 * timeline); the rates and the months of the schedule; and a site
 * without any progress fact, which has no progress page, no link to it,
 * and keeps the 进度 phase on its community pages as before. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "html/html.h"
#include "html/pages.h"
#include "model/progress.h"
#include "test.h"
#include "util/buf.h"

static const struct date today = { 2022, 6, 1 };

static cJSON *context(const struct site *s, const char *page)
{
	buf json = BUF_INIT;
	diags d = DIAGS_INIT;
	cJSON *j = NULL;

	if (html_page_context(s, today, page, 1, &json, &d) == 0)
		j = cJSON_Parse(json.data);
	buf_free(&json);
	diags_free(&d);
	return j;
}

static const cJSON *at(const cJSON *j, const char *path)
{
	char key[128];
	const char *dot;

	while (j && (dot = strchr(path, '.')) != NULL) {
		snprintf(key, sizeof(key), "%.*s", (int)(dot - path), path);
		j = cJSON_IsArray(j) ? cJSON_GetArrayItem(j, atoi(key))
				     : cJSON_GetObjectItemCaseSensitive(j, key);
		path = dot + 1;
	}
	if (j && cJSON_IsArray(j))
		return cJSON_GetArrayItem(j, atoi(path));
	return j ? cJSON_GetObjectItemCaseSensitive(j, path) : NULL;
}

static const char *str(const cJSON *j, const char *path)
{
	const cJSON *v = at(j, path);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static long num(const cJSON *j, const char *path)
{
	const cJSON *v = at(j, path);

	return cJSON_IsNumber(v) ? (long)v->valuedouble : -1;
}

/* 1 when the page's navigation links the progress page. */
static int nav_has_progress(const cJSON *ctx)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(ctx, "nav"))
		if (str(e, "href") && strcmp(str(e, "href"), "progress/index.html") == 0)
			return 1;
	return 0;
}

/* 海河小区 (community 0) made late: planned to be completed on 5/20,
 * started, not completed. */
static void test_overdue(struct site *s)
{
	struct community *m = &s->communities[0];
	cJSON *p, *c;

	m->plan_end = (struct date){ 2022, 5, 20 };
	m->completed = m->accepted = (struct date){ 0, 0, 0 };
	p = context(s, "progress/");
	CHECK(p != NULL);
	CHECK_INT(num(p, "overall.overdue"), 1);
	CHECK(cJSON_IsTrue(at(p, "overall.any_overdue")));
	CHECK(cJSON_IsTrue(at(p, "has_overdue")));
	CHECK_STR(str(p, "overdue.0.name"), "海河小区");
	CHECK_STR(str(p, "overdue.0.plan_end.text"), "2022年5月20日");
	CHECK_STR(str(p, "overdue.0.status_word"), "已开工");
	CHECK_STR(str(p, "overdue.0.contractor.phone_tel"), "tel:0632-4477118");
	CHECK_STR(str(p, "overdue.0.manager_phone_tel"), "tel:0632-4455504");
	CHECK_INT(num(p, "subdistricts.0.overdue"), 1);
	CHECK_INT(num(p, "subdistricts.0.areas.0.overdue"), 1);
	/* The schedule: April to the last planned completion, actual figures
	 * up to June only. */
	CHECK_STR(str(p, "months.0.month"), "2022年4月");
	CHECK(cJSON_IsTrue(at(p, "months.2.actual_known")));
	CHECK(cJSON_IsFalse(at(p, "months.3.actual_known")));
	CHECK(strstr(str(p, "schedule_svg") ? str(p, "schedule_svg") : "", "<polyline") != NULL);
	cJSON_Delete(p);

	c = context(s, "communities/haihe-xiaoqu/");
	CHECK(c != NULL);
	CHECK_STR(str(c, "progress.status_word"), "已开工");
	CHECK(cJSON_IsTrue(at(c, "progress.overdue")));
	CHECK(cJSON_IsTrue(at(c, "progress.timeline.1.late")));
	CHECK(cJSON_IsFalse(at(c, "progress.timeline.0.late")));
	CHECK(strstr(str(c, "status_sentence") ? str(c, "status_sentence") : "",
		     "；计划2022年5月20日竣工，已逾期。") != NULL);
	cJSON_Delete(c);
}

/* Every progress fact removed: the site as it was before issue 19.  One
 * 计划投资 alone is a progress fact again (model/progress.h): the page
 * comes back, as the report PDF does (plan/pdfs.c asks the same). */
static void test_without_progress(struct site *s)
{
	cJSON *c, *home;
	long long kept = s->communities[0].investment;

	for (size_t i = 0; i < s->ncommunities; i++) {
		struct community *m = &s->communities[i];

		m->plan_start = m->plan_end = m->started = (struct date){ 0, 0, 0 };
		m->completed = m->accepted = (struct date){ 0, 0, 0 };
		m->report_at = m->nreports = 0;
		m->investment = -1;
		m->funding_at = m->nfunding = 0;
	}
	s->nreports = 0;
	s->nfunding = 0;
	s->communities[0].investment = 5000000;
	c = context(s, "progress/");
	CHECK(c != NULL);
	cJSON_Delete(c);
	s->communities[0].investment = -1;
	CHECK(context(s, "progress/") == NULL);
	home = context(s, "/");
	CHECK(home != NULL && !nav_has_progress(home));
	CHECK(at(home, "progress") == NULL);
	cJSON_Delete(home);
	c = context(s, "communities/yushu-xincun/");
	CHECK(c != NULL);
	CHECK_STR(str(c, "phase_now.name"), "全面整治阶段");
	CHECK_STR(str(c, "phase_now.end.text"), "2022年10月15日");
	CHECK_STR(str(c, "status_sentence"), "截至2022年6月1日，本小区处于全面整治阶段。");
	CHECK(at(c, "progress") == NULL);
	cJSON_Delete(c);
	s->communities[0].investment = kept;
}

static void test_home(const struct site *s)
{
	cJSON *home = context(s, "/");

	CHECK(home != NULL && nav_has_progress(home));
	CHECK_STR(str(home, "progress.rows.0.what"), "开工小区（个）");
	CHECK_STR(str(home, "progress.rows.0.target"), "56");
	CHECK_STR(str(home, "progress.rows.4.what"), "完成投资（万元）");
	CHECK_STR(str(home, "progress.rows.4.target"), "24400");
	cJSON_Delete(home);
}

/* Community 0's page key as an incremental build computes it. */
static struct hash_value key_of(const struct site *s)
{
	struct plan_pages pp;
	struct hash_value k, none = { 0, 0 };

	plan_pages_make(&pp, s, today);
	k = plan_page_keys_community(&pp, none, none,
				     plan_pages_find(&pp, "communities/haihe-xiaoqu/index.html"));
	plan_pages_free(&pp);
	return k;
}

/* An edited report, date or party changes the community page's key, so
 * an incremental build remakes the page (and only that page of the
 * communities: the key reads nothing of the others). */
static void test_keys(struct site *s)
{
	struct community *m = &s->communities[0];
	struct hash_value k0 = key_of(s), k;

	CHECK(m->nreports > 0);
	if (m->nreports == 0)
		return;
	s->reports[m->report_at].percent++;
	k = key_of(s);
	CHECK(memcmp(&k, &k0, sizeof(k)) != 0);
	s->reports[m->report_at].percent--;
	k = key_of(s);
	CHECK(memcmp(&k, &k0, sizeof(k)) == 0);
	m->hotline = "0632-0000000";
	k = key_of(s);
	CHECK(memcmp(&k, &k0, sizeof(k)) != 0);
	k0 = k;
	s->communities[1].started.day++;
	k = key_of(s);
	CHECK(memcmp(&k, &k0, sizeof(k)) == 0);
	s->communities[1].started.day--;
}

int main(void)
{
	diags d = DIAGS_INIT;
	struct site *s = model_load(".", &d);

	CHECK(s != NULL && d.errors == 0);
	if (s && d.errors == 0) {
		test_home(s);
		test_keys(s);
		test_overdue(s);
		test_without_progress(s);
	}
	site_free(s);
	diags_free(&d);
	return test_done();
}
