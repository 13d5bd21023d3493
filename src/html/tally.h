/* Progress counted over a group of communities (the whole site, a
 * subdistrict, an area) for the progress page and the home page: how many
 * have started and been completed by `today`, how many the plan's dates
 * said would have, and the rates as the pages print them.  Private to
 * src/html/; a tally is a plain value the caller owns. */
#ifndef GONGSHI_HTML_TALLY_H
#define GONGSHI_HTML_TALLY_H

#include <cjson/cJSON.h>

#include "model/model.h"

struct tally {
	long n, started, completed, accepted, overdue;
	long plan_started, plan_completed; /* planned to be by today */
	long households;
	long long cm2;
	long long planned, invested; /* 元: 计划投资, latest reports' 累计投资 */
};

/* Counts community `c` into `t` as of `today`. */
void tally_add(struct tally *t, const struct site *s, size_t c, struct date today);
/* Adds `x` into `t`. */
void tally_sum(struct tally *t, const struct tally *x);
/* t's figures into `o` (returned): count, started, not_started, completed,
 * accepted, overdue (any_overdue: more than 0), plan_started, plan_completed, and as text
 * start_rate, complete_rate, plan_start_rate, plan_complete_rate
 * ("53.6%"), behind (1 when fewer started or completed than planned),
 * planned_wan, invested_wan (万元, "" when none). */
cJSON *tally_json(const struct tally *t, cJSON *o);
#endif
