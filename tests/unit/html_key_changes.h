/* The changes test_html_keys.c makes to what the optional tables add to
 * a community (issue 19's progress facts, issue 20's notice cycle, the
 * photos): every field of its row and every record of the site's arrays
 * its page may show.  Included by test_html_keys.c only (its change_fn,
 * kept apart so that each file stays short). */
#ifndef GONGSHI_TEST_HTML_KEY_CHANGES_H
#define GONGSHI_TEST_HTML_KEY_CHANGES_H

#include "model/cycle.h"
#include "model/model.h"
#include "model/photo.h"
#include "model/progress.h"

static void progress_field(struct site *s, size_t c, int which)
{
	struct community *m = &s->communities[c];

	switch (which) {
	case 0: m->plan_start.day++; break;
	case 1: m->plan_end.day++; break;
	case 2: m->started.day--; break;
	case 3: m->completed = (struct date){ 2022, 5, 30 }; break;
	case 4: m->completed = (struct date){ 2022, 5, 30 }, m->accepted = (struct date){ 2022, 5, 31 }; break;
	case 5: m->investment++; break;
	case 6: m->designer = NO_INDEX; break;
	case 7: m->supervisor = NO_INDEX; break;
	case 8: m->manager = "张三"; break;
	case 9: m->manager_phone = "0632-2222222"; break;
	default: m->hotline = "0632-3333333"; break;
	}
}

static void plan_start(struct site *s, size_t c, struct date *d) { (void)d; progress_field(s, c, 0); }
static void plan_end(struct site *s, size_t c, struct date *d) { (void)d; progress_field(s, c, 1); }
static void started(struct site *s, size_t c, struct date *d) { (void)d; progress_field(s, c, 2); }
static void completed(struct site *s, size_t c, struct date *d) { (void)d; progress_field(s, c, 3); }
static void accepted(struct site *s, size_t c, struct date *d) { (void)d; progress_field(s, c, 4); }
static void investment(struct site *s, size_t c, struct date *d) { (void)d; progress_field(s, c, 5); }
static void designer(struct site *s, size_t c, struct date *d) { (void)d; progress_field(s, c, 6); }
static void supervisor(struct site *s, size_t c, struct date *d) { (void)d; progress_field(s, c, 7); }
static void manager(struct site *s, size_t c, struct date *d) { (void)d; progress_field(s, c, 8); }
static void manager_phone(struct site *s, size_t c, struct date *d) { (void)d; progress_field(s, c, 9); }
static void hotline(struct site *s, size_t c, struct date *d) { (void)d; progress_field(s, c, 10); }

/* Its latest report (the one the page names first). */
static struct progress_report *last_report(struct site *s, size_t c)
{
	const struct community *m = &s->communities[c];

	return m->nreports ? &s->reports[m->report_at + m->nreports - 1] : NULL;
}

static void report_field(struct site *s, size_t c, int which)
{
	struct community *m = &s->communities[c];
	struct progress_report *r = last_report(s, c);

	if (r == NULL)
		return;
	switch (which) {
	case 0: r->percent++; break;
	case 1: r->done = "改了的完成内容"; break;
	case 2: r->invested += 10000; break;
	case 3: r->date.day--; break;
	case 4: m->nreports--; break;
	default: m->report_at++, m->nreports--; break;
	}
}

static void report_percent(struct site *s, size_t c, struct date *d) { (void)d; report_field(s, c, 0); }
static void report_done(struct site *s, size_t c, struct date *d) { (void)d; report_field(s, c, 1); }
static void report_invested(struct site *s, size_t c, struct date *d) { (void)d; report_field(s, c, 2); }
static void report_date(struct site *s, size_t c, struct date *d) { (void)d; report_field(s, c, 3); }
static void one_report_less(struct site *s, size_t c, struct date *d) { (void)d; report_field(s, c, 4); }
static void report_at(struct site *s, size_t c, struct date *d) { (void)d; report_field(s, c, 5); }

static void funding_field(struct site *s, size_t c, int which)
{
	struct community *m = &s->communities[c];
	struct funding *f = m->nfunding ? &s->funding[m->funding_at] : NULL;

	if (f == NULL)
		return;
	if (which == 0)
		f->amount += 10000;
	else if (which == 1)
		f->source = (f->source + 1) % s->nsources;
	else
		m->nfunding--;
}

static void funding_amount(struct site *s, size_t c, struct date *d) { (void)d; funding_field(s, c, 0); }
static void funding_source(struct site *s, size_t c, struct date *d) { (void)d; funding_field(s, c, 1); }
static void one_source_less(struct site *s, size_t c, struct date *d) { (void)d; funding_field(s, c, 2); }

/* Its last posting (the one the page's period is). */
static struct posting *last_posting(struct site *s, size_t c)
{
	const struct community *m = &s->communities[c];

	return m->npostings ? &s->postings[m->posting_at + m->npostings - 1] : NULL;
}

static void posting_field(struct site *s, size_t c, int which)
{
	struct posting *p = last_posting(s, c);

	if (p == NULL)
		return;
	switch (which) {
	case 0: p->issuer = "改了的发布单位"; break;
	case 1: p->deadline.day++; break;
	case 2: p->nitems--; break;
	case 3: p->note = "改了的说明"; break;
	case 4: p->posted.day--; break;
	case 5: p->days++; break;
	case 6: p->nadded = 0; break;
	default: s->communities[c].npostings--; break;
	}
}

static void posting_issuer(struct site *s, size_t c, struct date *d) { (void)d; posting_field(s, c, 0); }
static void posting_deadline(struct site *s, size_t c, struct date *d) { (void)d; posting_field(s, c, 1); }
static void posting_items(struct site *s, size_t c, struct date *d) { (void)d; posting_field(s, c, 2); }
static void posting_note(struct site *s, size_t c, struct date *d) { (void)d; posting_field(s, c, 3); }
static void posting_date(struct site *s, size_t c, struct date *d) { (void)d; posting_field(s, c, 4); }
static void posting_days(struct site *s, size_t c, struct date *d) { (void)d; posting_field(s, c, 5); }
static void posting_added(struct site *s, size_t c, struct date *d) { (void)d; posting_field(s, c, 6); }
static void one_posting_less(struct site *s, size_t c, struct date *d) { (void)d; posting_field(s, c, 7); }

static void opinion_field(struct site *s, size_t c, int which)
{
	struct community *m = &s->communities[c];
	struct opinion *o = m->nopinions ? &s->opinions[m->opinion_at] : NULL;

	if (o == NULL)
		return;
	switch (which) {
	case 0: o->answer = "改了的答复"; break;
	case 1: o->result = (o->result + 1) % 3; break;
	case 2: o->summary = "改了的意见摘要"; break;
	case 3: o->channel = "信函"; break;
	case 4: o->date.day++; break;
	default: m->nopinions--; break;
	}
}

static void opinion_answer(struct site *s, size_t c, struct date *d) { (void)d; opinion_field(s, c, 0); }
static void opinion_result(struct site *s, size_t c, struct date *d) { (void)d; opinion_field(s, c, 1); }
static void opinion_summary(struct site *s, size_t c, struct date *d) { (void)d; opinion_field(s, c, 2); }
static void opinion_channel(struct site *s, size_t c, struct date *d) { (void)d; opinion_field(s, c, 3); }
static void opinion_date(struct site *s, size_t c, struct date *d) { (void)d; opinion_field(s, c, 4); }
static void one_opinion_less(struct site *s, size_t c, struct date *d) { (void)d; opinion_field(s, c, 5); }

/* data/opinions.csv emptied: no community has a result any more, those
 * that had no opinion of their own included. */
static void no_opinions(struct site *s, size_t c, struct date *d)
{
	(void)c, (void)d;
	for (size_t i = 0; i < s->ncommunities; i++)
		s->communities[i].nopinions = 0;
	s->nopinions = 0;
}

static void consent_field(struct site *s, size_t c, int which)
{
	struct community *m = &s->communities[c];
	struct consent *k = m->consent < s->nconsents ? &s->consents[m->consent] : NULL;

	if (k == NULL)
		return;
	switch (which) {
	case 0: k->asked++; break;
	case 1: k->agreed--; break;
	case 2: k->disagreed++; break;
	case 3: k->no_reply++; break;
	case 4: k->date.day++; break;
	case 5: k->override = "改了的例外说明"; break;
	default: m->consent = NO_INDEX; break;
	}
}

static void consent_asked(struct site *s, size_t c, struct date *d) { (void)d; consent_field(s, c, 0); }
static void consent_agreed(struct site *s, size_t c, struct date *d) { (void)d; consent_field(s, c, 1); }
static void consent_disagreed(struct site *s, size_t c, struct date *d) { (void)d; consent_field(s, c, 2); }
static void consent_no_reply(struct site *s, size_t c, struct date *d) { (void)d; consent_field(s, c, 3); }
static void consent_date(struct site *s, size_t c, struct date *d) { (void)d; consent_field(s, c, 4); }
static void consent_override(struct site *s, size_t c, struct date *d) { (void)d; consent_field(s, c, 5); }
static void no_consent(struct site *s, size_t c, struct date *d) { (void)d; consent_field(s, c, 6); }

static void photo_field(struct site *s, size_t c, int which)
{
	struct community *m = &s->communities[c];
	struct photo *ph = m->nphotos ? &s->photos[m->photo_at] : NULL;

	if (ph == NULL)
		return;
	switch (which) {
	case 0: ph->caption = "改了的说明"; break;
	case 1: ph->date.day++; break;
	case 2: ph->kind = PHOTO_AFTER; break;
	case 3: ph->name = "gai-le"; break;
	case 4: ph->width /= 2, ph->height /= 2; break;
	case 5: ph->file = "gai-le.jpg"; break;
	default: m->nphotos--; break;
	}
}

static void photo_caption(struct site *s, size_t c, struct date *d) { (void)d; photo_field(s, c, 0); }
static void photo_date(struct site *s, size_t c, struct date *d) { (void)d; photo_field(s, c, 1); }
static void photo_kind(struct site *s, size_t c, struct date *d) { (void)d; photo_field(s, c, 2); }
static void photo_name(struct site *s, size_t c, struct date *d) { (void)d; photo_field(s, c, 3); }
static void photo_size(struct site *s, size_t c, struct date *d) { (void)d; photo_field(s, c, 4); }
static void photo_path(struct site *s, size_t c, struct date *d) { (void)d; photo_field(s, c, 5); }
static void one_photo_less(struct site *s, size_t c, struct date *d) { (void)d; photo_field(s, c, 6); }

/* A day off on the day after 榆树新村's period: its result's date, the
 * first working day after, moves (and every other result's that fell on
 * that day). */
static void holiday(struct site *s, size_t c, struct date *d)
{
	struct date after = last_posting(s, c)->deadline;

	(void)d;
	after.day++;
	s->holidays[0] = (struct holiday){ after, 0, "", s->holidays[0].pos };
	/* Still in date order: the others are moved past it. */
	for (size_t k = 1; k < s->nholidays; k++)
		if (date_cmp(s->holidays[k].date, after) <= 0)
			s->holidays[k].date = (struct date){ 2030, 1, 1 };
}

#endif
