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
};

#endif
