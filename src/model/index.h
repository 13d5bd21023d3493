/* Id and name lookups over the model, private to model/. */
#ifndef GONGSHI_MODEL_INDEX_H
#define GONGSHI_MODEL_INDEX_H

#include "model/model.h"
#include "util/strmap.h"

struct site_index {
	strmap unit_ids, unit_names, items, phases, communities;
	/* Tables that could not be read at all (missing, unreadable, a
	 * required column missing): references into them are not checked,
	 * so that one missing file gives one error, not one per row. */
	int units_failed, items_failed, phases_failed, communities_failed;
	/* communities.csv had errors: a progress or funding row naming an
	 * unknown community is then most likely one of them (a skipped row,
	 * a changed id), not said again row by row. */
	int communities_bad;
	/* The column of each community's 计划竣工 (0: none), for the overdue
	 * warning, which waits until every table is read. */
	unsigned *plan_end_col;
};

#endif
