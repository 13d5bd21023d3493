/* Checks across files, once every table is read: content references,
 * the plan's declared totals. */
#ifndef GONGSHI_VALIDATE_H
#define GONGSHI_VALIDATE_H

#include "model/model.h"

void validate_site(struct site *s, diags *d);

/* Totals over the communities. */
struct totals {
	long communities;
	long households;
	long long floor_area_cm2;
	long long investment; /* 计划投资, 元 */
};
struct totals validate_totals(const struct site *s);

#endif
