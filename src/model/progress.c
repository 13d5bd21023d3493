/* What follows from a community's progress facts: its status in words,
 * overdue or not, its latest report, the totals, money as text.  Reads the
 * model only (see progress.h); the tables are read by progress_read.c and
 * funding_read.c, which check them. */
#include <inttypes.h>
#include <stdio.h>

#include "model/progress.h"

/* 1 when `d` is given and on or before `today`. */
static int happened(struct date d, struct date today)
{
	return d.year != 0 && date_cmp(d, today) <= 0;
}

enum progress_status progress_status(const struct community *c, struct date today)
{
	if (happened(c->accepted, today))
		return STATUS_ACCEPTED;
	if (happened(c->completed, today))
		return STATUS_COMPLETED;
	if (happened(c->started, today))
		return STATUS_STARTED;
	return STATUS_NOT_STARTED;
}

const char *progress_status_name(enum progress_status s)
{
	switch (s) {
	case STATUS_STARTED:
		return "已开工";
	case STATUS_COMPLETED:
		return "已竣工";
	case STATUS_ACCEPTED:
		return "已验收";
	case STATUS_NOT_STARTED:
		break;
	}
	return "未开工";
}

const char *progress_status_key(enum progress_status s)
{
	switch (s) {
	case STATUS_STARTED:
		return "started";
	case STATUS_COMPLETED:
		return "completed";
	case STATUS_ACCEPTED:
		return "accepted";
	case STATUS_NOT_STARTED:
		break;
	}
	return "not-started";
}

int progress_overdue(const struct community *c, struct date today)
{
	if (c->plan_end.year == 0 || date_cmp(today, c->plan_end) <= 0)
		return 0;
	return !happened(c->completed, today);
}

const struct progress_report *progress_latest(const struct site *s, const struct community *c,
					      struct date today)
{
	const struct progress_report *best = NULL;

	for (size_t i = c->report_at; i < c->report_at + c->nreports && i < s->nreports; i++)
		if (date_cmp(s->reports[i].date, today) <= 0)
			best = &s->reports[i];
	return best;
}

static int by(struct date d, struct date today)
{
	return d.year != 0 && date_cmp(d, today) <= 0;
}

void progress_totals_add(const struct site *s, size_t ci, struct date today,
			 struct progress_totals *t)
{
	const struct community *c = &s->communities[ci];
	const struct progress_report *r;

	t->communities++;
	t->households += c->households;
	t->cm2 += c->floor_area_cm2;
	if (c->investment > 0)
		t->planned += c->investment;
	switch (progress_status(c, today)) {
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
	t->overdue += progress_overdue(c, today) != 0;
	t->plan_started += by(c->plan_start, today);
	t->plan_completed += by(c->plan_end, today);
	if ((r = progress_latest(s, c, today)) && r->invested > 0)
		t->invested += r->invested;
}

void progress_totals_sum(struct progress_totals *t, const struct progress_totals *x)
{
	t->communities += x->communities, t->started += x->started;
	t->completed += x->completed, t->accepted += x->accepted, t->overdue += x->overdue;
	t->plan_started += x->plan_started, t->plan_completed += x->plan_completed;
	t->households += x->households, t->cm2 += x->cm2;
	t->planned += x->planned, t->invested += x->invested;
}

void progress_totals(const struct site *s, struct date today, size_t u,
		     struct progress_totals *t)
{
	*t = (struct progress_totals){ 0 };
	for (size_t i = 0; i < s->ncommunities; i++) {
		const struct community *c = &s->communities[i];

		if (u == NO_INDEX || c->subdistrict == u)
			progress_totals_add(s, i, today, t);
	}
}

int progress_recorded(const struct site *s)
{
	if (s->nreports || s->nfunding)
		return 1;
	for (size_t i = 0; i < s->ncommunities; i++) {
		const struct community *c = &s->communities[i];

		if (c->plan_start.year || c->plan_end.year || c->started.year ||
		    c->completed.year || c->accepted.year || c->investment >= 0)
			return 1;
	}
	return 0;
}

void progress_money_text(buf *out, long long yuan)
{
	/* By hand, not printf: every amount on every community's page (a
	 * dozen reports each) is written here. */
	char text[32], *p = text + sizeof(text);
	unsigned long long v = yuan < 0 ? 0ULL - (unsigned long long)yuan
					: (unsigned long long)yuan;
	unsigned long long whole = v / 10000, rest = v % 10000;
	int frac = 4;

	/* The 万元 fraction: four digits less its trailing zeros. */
	while (frac > 0 && rest % 10 == 0 && rest) {
		rest /= 10;
		frac--;
	}
	if (rest) {
		for (int i = 0; i < frac; i++, rest /= 10)
			*--p = (char)('0' + rest % 10);
		*--p = '.';
	}
	do {
		*--p = (char)('0' + whole % 10);
		whole /= 10;
	} while (whole);
	if (yuan < 0)
		*--p = '-';
	buf_put(out, p, (size_t)(text + sizeof(text) - p));
}
