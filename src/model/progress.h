/* Progress through the year (issue 19): the dated reports of
 * data/progress.csv, the funding sources of data/funding.csv, and what
 * follows from a community's dates: its status in words, whether it is
 * overdue, the totals the progress page, the home page and the leading
 * group's report show.
 *
 * Owned by model/: the records live in the site's arena (site.reports,
 * site.funding, site.sources; see model.h), read-only after model_load().
 * The functions here only read the model, so renderers call them from any
 * thread. */
#ifndef GONGSHI_MODEL_PROGRESS_H
#define GONGSHI_MODEL_PROGRESS_H

#include <stddef.h>

#include "load/date.h"
#include "load/srcpos.h"
#include "model/model.h"
#include "util/buf.h"

/* One row of data/progress.csv: how far a community's works were on a day. */
struct progress_report {
	size_t community;  /* index into site.communities */
	const char *done;  /* 完成内容, "" if absent */
	long long invested; /* 累计投资 in 元, -1 not given */
	struct date date;  /* 日期 */
	int percent;	   /* 完成比例, 0-100 */
	unsigned line;	   /* its row in data/progress.csv (48 bytes a report, not 56: 573,612 of them) */
};

/* One row of data/funding.csv: a source's share of a community's
 * planned investment. */
struct funding {
	size_t community; /* index into site.communities */
	size_t source;	  /* index into site.sources */
	long long amount; /* 金额 in 元 */
	struct srcpos pos;
};

/* What residents see, from the facts (the date columns), never from the
 * 进度 phase id. */
enum progress_status {
	STATUS_NOT_STARTED, /* 未开工 */
	STATUS_STARTED,	    /* 已开工 */
	STATUS_COMPLETED,   /* 已竣工 */
	STATUS_ACCEPTED,    /* 已验收 */
};

/* Community `c`'s status on `today`: a date after `today` does not count
 * yet.  A community with no date columns is 未开工. */
enum progress_status progress_status(const struct community *c, struct date today);
const char *progress_status_name(enum progress_status s); /* 未开工 已开工 已竣工 已验收 */
/* not-started started completed accepted: the status as a word of ASCII,
 * for a class name or a filter's value. */
const char *progress_status_key(enum progress_status s);
/* 1 when `today` is past c's planned completion and it has not been
 * completed by `today`; 0 when not, or when no planned completion. */
int progress_overdue(const struct community *c, struct date today);
/* c's latest report dated on or before `today`, or NULL. */
const struct progress_report *progress_latest(const struct site *s, const struct community *c,
					      struct date today);

struct progress_totals {
	size_t communities, started, completed, accepted, overdue;
	size_t plan_started, plan_completed; /* the plan's dates say by today */
	long households;
	long long cm2;	    /* floor area in hundredths of m² */
	long long planned;  /* 计划投资, 元 (communities that give it) */
	long long invested; /* 累计投资 of each latest report, 元 */
};
/* Totals of subdistrict `u` (NO_INDEX: the whole site) as of `today`.
 * started counts every community started by `today` (completed and
 * accepted ones included); completed counts accepted ones too. */
void progress_totals(const struct site *s, struct date today, size_t u,
		     struct progress_totals *t);
/* Counts community `ci` into `t` as of `today`; adds `x` into `t`: the
 * pieces of progress_totals, for groups of communities other than a
 * subdistrict (an area, a page's rows). */
void progress_totals_add(const struct site *s, size_t ci, struct date today,
			 struct progress_totals *t);
void progress_totals_sum(struct progress_totals *t, const struct progress_totals *x);

/* 1 when the site records any progress fact (a date of the works or a
 * 计划投资 in communities.csv, a report, a funding row): a site without
 * them gets no progress section anywhere.  O(communities): call once. */
int progress_recorded(const struct site *s);

/* Money as Chinese text: 123456 元 -> "12.3456" (万元, trailing zeros
 * dropped; 500000 -> "50").  Appends to `out`. */
void progress_money_text(buf *out, long long yuan);

#endif
