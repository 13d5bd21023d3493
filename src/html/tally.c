/* Progress counted over a group of communities (tally.h). */
#include "html/chart.h"
#include "html/pages.h"
#include "html/tally.h"
#include "model/progress.h"

static int by(struct date d, struct date today)
{
	return d.year != 0 && date_cmp(d, today) <= 0;
}

void tally_add(struct tally *t, const struct site *s, size_t c, struct date today)
{
	const struct community *m = &s->communities[c];
	const struct progress_report *r = progress_latest(s, m, today);

	t->n++;
	switch (progress_status(m, today)) {
	case STATUS_ACCEPTED:
		t->accepted++;
		/* fall through */
	case STATUS_COMPLETED:
		t->completed++;
		/* fall through */
	case STATUS_STARTED:
		t->started++;
		break;
	case STATUS_NOT_STARTED:
		break;
	}
	t->overdue += progress_overdue(m, today);
	t->plan_started += by(m->plan_start, today);
	t->plan_completed += by(m->plan_end, today);
	t->households += m->households;
	t->cm2 += m->floor_area_cm2;
	if (m->investment > 0)
		t->planned += m->investment;
	if (r && r->invested > 0)
		t->invested += r->invested;
}

void tally_sum(struct tally *t, const struct tally *x)
{
	t->n += x->n, t->started += x->started, t->completed += x->completed;
	t->accepted += x->accepted, t->overdue += x->overdue;
	t->plan_started += x->plan_started, t->plan_completed += x->plan_completed;
	t->households += x->households, t->cm2 += x->cm2;
	t->planned += x->planned, t->invested += x->invested;
}

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

cJSON *tally_json(const struct tally *t, cJSON *o)
{
	cj_num(o, "count", (double)t->n);
	cj_num(o, "started", (double)t->started);
	cj_num(o, "not_started", (double)(t->n - t->started));
	cj_num(o, "completed", (double)t->completed);
	cj_num(o, "accepted", (double)t->accepted);
	cj_num(o, "overdue", (double)t->overdue);
	cj_bool(o, "any_overdue", t->overdue > 0); /* Mustache counts 0 as true */
	cj_num(o, "plan_started", (double)t->plan_started);
	cj_num(o, "plan_completed", (double)t->plan_completed);
	rate(o, "start_rate", t->started, t->n);
	rate(o, "complete_rate", t->completed, t->n);
	rate(o, "plan_start_rate", t->plan_started, t->n);
	rate(o, "plan_complete_rate", t->plan_completed, t->n);
	cj_bool(o, "behind", t->started < t->plan_started || t->completed < t->plan_completed);
	money(o, "planned_wan", t->planned);
	money(o, "invested_wan", t->invested);
	return o;
}
