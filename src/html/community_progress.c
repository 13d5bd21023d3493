/* A community page's progress (community_progress.h). */
#include <stdio.h>

#include "html/community_progress.h"

#include "model/progress.h"

/* One step of the timeline: the plan's date (none for acceptance, which
 * the plan does not date per community) and the actual one, if it has
 * happened by today; `late` when the plan's date has passed without it. */
static void step(const struct html_site *h, cJSON *arr, const char *what, struct date plan,
		 struct date actual)
{
	cJSON *o = cJSON_CreateObject();
	int done = actual.year && date_cmp(actual, h->pages->today) <= 0;

	cj_str(o, "what", what);
	cj_date(o, "planned", plan);
	cj_date(o, "actual", done ? actual : (struct date){ 0, 0, 0 });
	cj_bool(o, "done", done);
	cj_bool(o, "late", !done && plan.year && date_cmp(h->pages->today, plan) > 0);
	cj_bool(o, "after_plan", done && plan.year && date_cmp(actual, plan) > 0);
	cJSON_AddItemToArray(arr, o);
}

static void money(cJSON *o, const char *key, long long yuan)
{
	buf b = BUF_INIT;

	if (yuan >= 0)
		progress_money_text(&b, yuan);
	cj_buf(o, key, &b);
	buf_free(&b);
}

/* The reports dated by today, newest first: what a resident following
 * the works wants to see first. */
static cJSON *reports(const struct html_site *h, const struct community *m)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = m->report_at + m->nreports; i-- > m->report_at;) {
		const struct progress_report *r = &h->s->reports[i];
		cJSON *o;

		if (i >= h->s->nreports || date_cmp(r->date, h->pages->today) > 0)
			continue;
		o = cJSON_CreateObject();
		cj_date(o, "date", r->date);
		cj_num(o, "percent", r->percent);
		cj_str(o, "done", r->done);
		money(o, "invested_wan", r->invested);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

/* 设计、监理单位 and the project manager, those given, after the
 * contacts the page already lists (施工单位 among them); the hotline has
 * its own sentence in the progress section. */
static void add_parties(const struct html_site *h, const struct community *m, cJSON *contacts)
{
	ctx_unit_contact(h, contacts, "设计单位", m->designer);
	ctx_unit_contact(h, contacts, "监理单位", m->supervisor);
	if (*m->manager || *m->manager_phone)
		ctx_contact(contacts, "项目负责人", m->manager, m->manager_phone, "");
}

/* "中央和省市补助 73 万元、区财政 30 万元": its sources in one line. */
static void sources_text(const struct html_site *h, const struct community *m, buf *out)
{
	for (size_t i = m->funding_at; i < m->funding_at + m->nfunding && i < h->s->nfunding; i++) {
		const struct funding *f = &h->s->funding[i];

		buf_printf(out, "%s%s ", i > m->funding_at ? "、" : "",
			   f->source < h->s->nsources ? h->s->sources[f->source] : "");
		progress_money_text(out, f->amount);
		buf_puts(out, " 万元");
	}
}

static void sentence_of(const struct html_site *h, const struct community *m,
			const struct progress_report *r, enum progress_status st, buf *out)
{
	char d[32], end[32];

	date_chinese(h->pages->today, d);
	buf_printf(out, "截至%s，本小区%s", d, progress_status_name(st));
	if (r && st == STATUS_STARTED)
		buf_printf(out, "，工程完成约%d%%", r->percent);
	if (progress_overdue(m, h->pages->today)) {
		date_chinese(m->plan_end, end);
		buf_printf(out, "；计划%s竣工，已逾期", end);
	}
	buf_puts(out, "。");
}

void community_progress_add(const struct html_site *h, cJSON *ctx, cJSON *contacts, size_t c,
			    buf *sentence)
{
	const struct community *m = &h->s->communities[c];
	const struct progress_report *r = progress_latest(h->s, m, h->pages->today);
	enum progress_status st = progress_status(m, h->pages->today);
	cJSON *p = cJSON_AddObjectToObject(ctx, "progress");
	cJSON *arr;
	char pct[16] = "";
	buf b = BUF_INIT;

	cj_str(p, "status", progress_status_key(st));
	cj_str(p, "status_word", progress_status_name(st));
	cj_bool(p, "overdue", progress_overdue(m, h->pages->today));
	if (r)
		snprintf(pct, sizeof(pct), "%d", r->percent);
	cj_str(p, "percent", pct);
	cj_date(p, "percent_date", r ? r->date : (struct date){ 0, 0, 0 });
	arr = cJSON_AddArrayToObject(p, "timeline");
	step(h, arr, "开工", m->plan_start, m->started);
	step(h, arr, "竣工", m->plan_end, m->completed);
	step(h, arr, "验收", (struct date){ 0, 0, 0 }, m->accepted);
	arr = reports(h, m);
	cj_bool(p, "has_reports", cJSON_GetArraySize(arr) > 0);
	cJSON_AddItemToObject(p, "reports", arr);
	add_parties(h, m, contacts);
	cj_phone(p, "hotline", m->hotline);
	money(p, "investment_wan", m->investment);
	sources_text(h, m, &b);
	cj_buf(p, "sources_text", &b);
	sentence_of(h, m, r, st, sentence);
	buf_free(&b);
}
