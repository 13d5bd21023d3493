/* The notice cycle's arithmetic and lookups (model/cycle.h): working
 * days, deadlines, a community's postings, consent and its rate. */
#include "model/cycle.h"

#include <stdio.h>
#include <string.h>

#include "model/model.h"
#include "model/progress.h"
#include "util/buf.h"

static const struct holiday *find_holiday(const struct site *s, struct date d)
{
	size_t lo = 0, hi = s->nholidays;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = date_cmp(s->holidays[mid].date, d);

		if (c == 0)
			return &s->holidays[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* 0 Sunday .. 6 Saturday: 1970-01-01 was a Thursday. */
static int weekday(struct date d)
{
	long w = (date_to_days(d) + 4) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

int cycle_is_workday(const struct site *s, struct date d)
{
	const struct holiday *h = find_holiday(s, d);
	int w = weekday(d);

	if (h)
		return h->workday;
	return w != 0 && w != 6;
}

struct date cycle_deadline(const struct site *s, struct date posted, int days,
			   int working)
{
	long day = date_to_days(posted);

	if (posted.year == 0 || days < 1)
		return (struct date){ 0, 0, 0 };
	if (!working)
		return date_from_days(day + days - 1);
	/* Count working days from the posting day on; a notice posted on a
	 * day off runs from the next working day. */
	for (int counted = 0;; day++) {
		if (cycle_is_workday(s, date_from_days(day)) && ++counted == days)
			return date_from_days(day);
	}
}

int cycle_has_year(const struct site *s, int year)
{
	for (size_t i = 0; i < s->nholidays; i++)
		if (s->holidays[i].date.year == year)
			return 1;
	return 0;
}

const char *cycle_opinion_result_name(enum opinion_result r)
{
	switch (r) {
	case OPINION_ADOPTED:
		return "采纳";
	case OPINION_PARTLY:
		return "部分采纳";
	case OPINION_NOT_ADOPTED:
		return "不采纳";
	}
	return "";
}

const struct posting *cycle_postings(const struct site *s,
				     const struct community *c)
{
	return c->npostings ? &s->postings[c->posting_at] : NULL;
}

const struct posting *cycle_posting_at(const struct site *s,
				       const struct community *c,
				       struct date day)
{
	const struct posting *p = cycle_postings(s, c), *at = p;

	for (size_t i = 1; p && i < c->npostings; i++)
		if (date_cmp(p[i].posted, day) <= 0)
			at = &p[i];
	return at;
}

const struct opinion *cycle_opinions(const struct site *s,
				     const struct community *c)
{
	return c->nopinions ? &s->opinions[c->opinion_at] : NULL;
}

const struct consent *cycle_consent(const struct site *s,
				    const struct community *c)
{
	return c->consent < s->nconsents ? &s->consents[c->consent] : NULL;
}

int cycle_consent_reached(const struct site *s, const struct consent *k)
{
	/* agreed/asked >= num/den, in integers so that 2/3 is exact. */
	return k->asked > 0 &&
	       (long long)k->agreed * s->config.consent.den >=
		       (long long)k->asked * s->config.consent.num;
}

void cycle_consent_rate(const struct consent *k, char *out)
{
	long long tenths;
	int whole, frac;

	if (k->asked <= 0) {
		snprintf(out, 16, "—");
		return;
	}
	/* Per mille, rounded half up: 2/3 is 66.7%. */
	tenths = ((long long)k->agreed * 2000 + k->asked) / (2 * (long long)k->asked);
	/* agreed may exceed asked in a bad row: keep the text bounded. */
	if (tenths < 0 || tenths > 99999)
		tenths = tenths < 0 ? 0 : 99999;
	whole = (int)(tenths / 10);
	frac = (int)(tenths % 10);
	snprintf(out, 16, "%d.%d%%", whole, frac);
}

static int has_dates(const struct community *c)
{
	return c->plan_start.year || c->plan_end.year || c->started.year ||
	       c->completed.year || c->accepted.year;
}

int cycle_community_started(const struct site *s, const struct community *c,
			    struct date today)
{
	size_t at;

	/* With its dates (data/communities.csv's 计划开工 … 验收日期, issue
	 * 19), the facts decide, as they do the status residents see. */
	if (has_dates(c))
		return progress_status(c, today) != STATUS_NOT_STARTED;
	/* Without them, past the first phase (宣传发动, when plans are
	 * posted and owners asked): works have begun. */
	at = site_status_at(s, c, today);
	return at != NO_INDEX && at > 0 && at < s->nphases;
}

const char *cycle_started_text(const struct site *s, const struct community *c,
			       struct date today, char out[48])
{
	size_t at;

	if (c->started.year) {
		strcpy(out, "实际开工日期");
		date_chinese(c->started, out + strlen(out));
		return out;
	}
	at = site_status_at(s, c, today);
	return at < s->nphases ? s->phases[at].name : "";
}

void cycle_period_text(struct buf *out, const struct posting *p)
{
	char from[32], to[32];

	date_chinese(p->posted, from);
	date_chinese(p->deadline, to);
	buf_printf(out, "%s至%s（%d个%s）", from, to, p->days,
		   p->working ? "工作日" : "自然日");
}
