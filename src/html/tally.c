/* Progress counted over a group of communities (tally.h). */
#include "html/chart.h"
#include "html/pages.h"
#include "html/tally.h"
#include "model/progress.h"

static void rate(cJSON *o, const char *key, long count, long n)
{
	buf b = BUF_INIT;

	chart_percent(&b, count, n);
	cj_buf(o, key, &b);
	buf_free(&b);
}

static void money(cJSON *o, const char *key, long long yuan)
{
	buf b = BUF_INIT;

	if (yuan > 0)
		progress_money_text(&b, yuan);
	cj_buf(o, key, &b);
	buf_free(&b);
}

cJSON *tally_json(const struct progress_totals *t, cJSON *o)
{
	cj_num(o, "count", (double)t->communities);
	cj_num(o, "started", (double)t->started);
	cj_num(o, "not_started", (double)(t->communities - t->started));
	cj_num(o, "completed", (double)t->completed);
	cj_num(o, "accepted", (double)t->accepted);
	cj_num(o, "overdue", (double)t->overdue);
	cj_bool(o, "any_overdue", t->overdue > 0); /* Mustache counts 0 as true */
	cj_num(o, "plan_started", (double)t->plan_started);
	cj_num(o, "plan_completed", (double)t->plan_completed);
	rate(o, "start_rate", (long)t->started, (long)t->communities);
	rate(o, "complete_rate", (long)t->completed, (long)t->communities);
	rate(o, "plan_start_rate", (long)t->plan_started, (long)t->communities);
	rate(o, "plan_complete_rate", (long)t->plan_completed, (long)t->communities);
	cj_bool(o, "behind", t->started < t->plan_started || t->completed < t->plan_completed);
	money(o, "planned_wan", t->planned);
	money(o, "invested_wan", t->invested);
	return o;
}
