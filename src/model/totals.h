/* The plan's totals, summed once from the communities: the whole plan, by
 * subdistrict, by the units that answer for them, and by area (a
 * subdistrict's communities of one 片区 name).  Read by the checks
 * against site.yaml's targets (validate.c), the pages (html/) and the
 * summary (cli/report.c), so that every place shows the same sums.
 *
 * The arrays are owned by the struct (totals_free). */
#ifndef GONGSHI_TOTALS_H
#define GONGSHI_TOTALS_H

#include <stddef.h>

#include "model/model.h"

struct totals_sum {
	long communities;
	long households;
	long long cm2;	/* floor area in hundredths of a square metre */
};

/* One area: the communities of subdistrict `unit` whose area is `name`. */
struct totals_area {
	size_t unit;
	const char *name;	/* the site's */
	struct totals_sum sum;
};

struct totals {
	struct totals_sum all;	/* every community */
	long long investment;	/* 计划投资 in 元, the positive ones */
	/* By unit index: the communities of subdistrict u, and those unit u
	 * answers for (its own as a subdistrict, those it builds as a
	 * contractor, each once). */
	struct totals_sum *subdistrict, *unit;
	/* Subdistricts in units.csv order, each one's areas in order of first
	 * appearance: the order staff typed is the order shown. */
	struct totals_area *areas;
	size_t nareas;
	/* Each community's area (an index into areas), NO_INDEX when it has
	 * no subdistrict. */
	size_t *area_of;
};

void totals_make(struct totals *t, const struct site *s);
/* Accepts a zeroed struct. */
void totals_free(struct totals *t);

#endif
