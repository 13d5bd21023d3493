/* Progress counted over a group of communities (the whole site, a
 * subdistrict, an area) for the progress page and the home page: how many
 * have started and been completed by `today`, how many the plan's dates
 * said would have (model/progress.h counts them: progress_totals_add),
 * and the rates as the pages print them.  Private to src/html/. */
#ifndef GONGSHI_HTML_TALLY_H
#define GONGSHI_HTML_TALLY_H

#include <cjson/cJSON.h>

#include "model/model.h"
#include "model/progress.h"

/* t's figures into `o` (returned): count, started, not_started, completed,
 * accepted, overdue (any_overdue: more than 0), plan_started, plan_completed, and as text
 * start_rate, complete_rate, plan_start_rate, plan_complete_rate
 * ("53.6%"), behind (1 when fewer started or completed than planned),
 * planned_wan, invested_wan (万元, "" when none). */
cJSON *tally_json(const struct progress_totals *t, cJSON *o);
#endif
