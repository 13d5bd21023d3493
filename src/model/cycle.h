/* The notice cycle of each community (issue 20): its postings (the first
 * 公示 and any 再公示) with their own issuer, date, period and deadline
 * counted in working days from data/holidays.csv, the residents' consent
 * (意愿征询, data/consent.csv) and the opinions received and answered
 * (data/opinions.csv).
 *
 * Owned by model/: read from data/ by model_load() (cycle_read.c,
 * cycle_notices.c, cycle_consent.c, cycle_opinions.c), checked there
 * (cycle_check.c), read-only afterwards like the rest of struct site.
 * Renderers (the notice PDF, the community page, the result notices)
 * only read it. */
#ifndef GONGSHI_MODEL_CYCLE_H
#define GONGSHI_MODEL_CYCLE_H

#include <stddef.h>

#include "load/date.h"
#include "load/srcpos.h"

struct site;
struct community;
struct buf;

/* One row of data/holidays.csv: a day of the State Council's yearly
 * arrangement of public holidays. */
struct holiday {
	struct date date;
	int workday; /* 0 休 (a day off), 1 班 (an adjusted working day) */
	const char *note; /* 说明, e.g. 劳动节; "" if absent */
	struct srcpos pos;
};

/* 1 when `d` is a working day: Monday to Friday unless listed 休,
 * Saturday and Sunday only when listed 班. */
int cycle_is_workday(const struct site *s, struct date d);
/* The last day of a period of `days` working days (`working` 1) or
 * calendar days (`working` 0) starting on `posted`: the posting day
 * counts as day 1 when it is a working day (always, for calendar days).
 * Year 0 when `posted` is not given or `days` < 1. */
struct date cycle_deadline(const struct site *s, struct date posted, int days,
			   int working);
/* 1 when data/holidays.csv has at least one row in `year`. */
int cycle_has_year(const struct site *s, int year);

/* One posting of a community's plan: the first 公示 (round 1), then each
 * 再公示 (round 2, 3, …), in date order.  A community with no row in
 * data/notices.csv still gets round 1 from site.yaml's notice settings. */
struct posting {
	size_t community; /* index into site.communities */
	int round;	  /* 1 the first 公示, 2.. 再公示 */
	struct date posted;   /* 公示日期 */
	int days;	      /* 公示期, in `working` units */
	int working;	      /* 1 工作日, 0 自然日 */
	struct date deadline; /* the last day of the period (cycle_deadline) */
	const char *issuer;   /* 发布单位, resolved: the row's, else the
			       * subdistrict's office (临城街道办事处) */
	size_t *items; /* the plan as posted in that round: site.items indexes */
	size_t nitems;
	/* Against the previous round (none in round 1): the items it adds
	 * and those it drops, each in site.items order. */
	size_t *added, *removed;
	size_t nadded, nremoved;
	const char *note; /* 说明, "" if none */
	struct srcpos pos; /* its row in data/notices.csv, or the
			    * community's row when made from site.yaml */
};

/* One community's consent survey (意愿征询). */
struct consent {
	size_t community;
	long asked, agreed, disagreed, no_reply; /* households */
	struct date date;
	const char *override; /* 例外说明: the reason the office records for
			       * starting below the threshold; "" none */
	struct srcpos pos;
};

enum opinion_result { OPINION_ADOPTED, OPINION_PARTLY, OPINION_NOT_ADOPTED };

/* One opinion received on a community's plan and its public answer.
 * `summary` and `answer` have been checked for personal data
 * (model/personal.h): they may be published. */
struct opinion {
	size_t community;
	struct date date;
	const char *channel, *summary, *answer; /* "" when absent */
	enum opinion_result result;
	struct srcpos pos;
};

/* 采纳, 部分采纳, 不采纳. */
const char *cycle_opinion_result_name(enum opinion_result r);

/* Community `c`'s postings, round 1 first (c->npostings of them; at
 * least one for every community), and its latest posted on or before
 * `day` (round 1 when none is). */
const struct posting *cycle_postings(const struct site *s,
				     const struct community *c);
const struct posting *cycle_posting_at(const struct site *s,
				       const struct community *c,
				       struct date day);

/* Community `c`'s opinions, date order (c->nopinions of them); NULL
 * when none. */
const struct opinion *cycle_opinions(const struct site *s,
				     const struct community *c);

/* Community `c`'s consent survey, NULL when none. */
const struct consent *cycle_consent(const struct site *s,
				    const struct community *c);
/* 1 when `k` reaches site.yaml consent.threshold: agreed / asked at
 * least num / den. */
int cycle_consent_reached(const struct site *s, const struct consent *k);
/* The agreement rate as people read it: "92.3%" (one decimal, rounded
 * half up); "—" when nobody was asked.  `out` holds 16 bytes. */
void cycle_consent_rate(const struct consent *k, char *out);

/* 1 when community `c` counts as started on `today`, for the consent
 * check: from its dates when it gives any (model/progress.h: 未开工 is not
 * started), else its status (进度) is a phase after the first one
 * (publicity). */
int cycle_community_started(const struct site *s, const struct community *c,
			    struct date today);
/* How it started, for a message: "实际开工日期2022年4月18日" from its 实际开工,
 * else the name of the phase it is in; in `out` or the site's. */
const char *cycle_started_text(const struct site *s, const struct community *c,
			       struct date today, char out[48]);

/* "2022年5月9日至2022年5月17日（7个工作日）" for posting `p`. */
void cycle_period_text(struct buf *out, const struct posting *p);

#endif
