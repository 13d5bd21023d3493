/* A community's 征求意见结果 (issue 20): once the last posting of its plan
 * (the first 公示 or the latest 再公示, model/cycle.h) has ended, the office
 * publishes how many opinions came in, how each was answered and what
 * changed in the plan.  One place decides whether a result exists and
 * what it counts, so that the result page (html/pages_results.c), the
 * result notice (pdf/result.c) and the list of outputs agree.
 *
 * Outputs made from it: communities/ID/result/index.html,
 * communities/ID/result.pdf and results/index.html (with its pages).
 * Nothing here is owned: a result points into the read-only site. */
#ifndef GONGSHI_MODEL_RESULT_H
#define GONGSHI_MODEL_RESULT_H

#include <stddef.h>

#include "model/cycle.h"
#include "model/model.h"
#include "util/buf.h"

struct result {
	const struct posting *first, *last; /* round 1 and the latest round */
	size_t opinions, adopted, partly, not_adopted;
	/* The result notice's date: the first working day after the last
	 * round's deadline (data/holidays.csv decides which days work). */
	struct date date;
};

/* 1 when the site records opinions at all (data/opinions.csv has rows):
 * a site without the table publishes no result and no results page, as
 * before the table existed. */
int result_site_has(const struct site *s);
/* Community `c`'s result whether or not it is out yet (the result
 * notice's wording): 0 when `c` has no posting at all, else 1. */
int result_count(const struct site *s, const struct community *c, struct result *r);
/* Community `c`'s result as of `today`: 1 with *r filled when the site
 * records opinions and the period of c's last posting ended before
 * `today`; else 0 (the period runs, or nothing is recorded). */
int result_of(const struct site *s, const struct community *c, struct date today,
	      struct result *r);
/* "征集到意见8条，采纳6条" with 部分采纳 and 不采纳 when there are any;
 * "公示期间未收到意见" when none came in. */
void result_summary(buf *out, const struct result *r);
/* site.yaml's consent.threshold as residents read it: "三分之二" for
 * 2/3, else a percentage such as "60%" or "66.67%". */
void result_threshold_text(buf *out, const struct site *s);

#endif
