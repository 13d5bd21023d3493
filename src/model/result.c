/* Whether a community's result is out, and what it counts
 * (model/result.h). */
#include "model/result.h"

#include <stdio.h>

int result_site_has(const struct site *s)
{
	return s->nopinions > 0;
}

/* The first working day after `d`: the office publishes the result on
 * the next day it works once the period has ended. */
static struct date next_workday(const struct site *s, struct date d)
{
	long day = date_to_days(d) + 1;

	/* The longest run of days off in a year (春节 with its weekends) is
	 * about 9 days; 60 bounds a holiday table typed wrongly. */
	for (int i = 0; i < 60 && !cycle_is_workday(s, date_from_days(day)); i++)
		day++;
	return date_from_days(day);
}

int result_count(const struct site *s, const struct community *c, struct result *r)
{
	const struct posting *p = cycle_postings(s, c);

	if (p == NULL)
		return 0;
	r->first = p;
	r->last = &p[c->npostings - 1];
	r->opinions = c->nopinions;
	r->adopted = r->partly = r->not_adopted = 0;
	for (size_t i = 0; i < c->nopinions; i++)
		switch (s->opinions[c->opinion_at + i].result) {
		case OPINION_ADOPTED:
			r->adopted++;
			break;
		case OPINION_PARTLY:
			r->partly++;
			break;
		case OPINION_NOT_ADOPTED:
			r->not_adopted++;
			break;
		}
	r->date = r->last->deadline.year ? next_workday(s, r->last->deadline)
					 : r->last->deadline;
	return 1;
}

int result_of(const struct site *s, const struct community *c, struct date today,
	      struct result *r)
{
	return result_site_has(s) && result_count(s, c, r) &&
	       r->last->deadline.year != 0 && date_cmp(r->last->deadline, today) < 0;
}

void result_summary(buf *out, const struct result *r)
{
	if (r->opinions == 0) {
		buf_puts(out, "公示期间未收到意见");
		return;
	}
	buf_printf(out, "征集到意见%zu条，采纳%zu条", r->opinions, r->adopted);
	if (r->partly)
		buf_printf(out, "，部分采纳%zu条", r->partly);
	if (r->not_adopted)
		buf_printf(out, "，不采纳%zu条", r->not_adopted);
}

void result_threshold_text(buf *out, const struct site *s)
{
	static const char *const digits[] = { "零", "一", "二", "三", "四", "五",
					      "六", "七", "八", "九", "十" };
	long num = s->config.consent.num, den = s->config.consent.den;
	long long bp; /* basis points: hundredths of a per cent */

	if (den <= 0 || num < 0) {
		buf_puts(out, "—");
		return;
	}
	if (den <= 10 && num > 0 && num < den) {
		buf_printf(out, "%s分之%s", digits[den], digits[num]);
		return;
	}
	bp = ((long long)num * 20000 + den) / (2 * (long long)den);
	if (bp % 100 == 0)
		buf_printf(out, "%lld%%", bp / 100);
	else if (bp % 10 == 0)
		buf_printf(out, "%lld.%lld%%", bp / 100, bp / 10 % 10);
	else
		buf_printf(out, "%lld.%02lld%%", bp / 100, bp % 100);
}
