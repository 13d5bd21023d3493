/* Id and name lookups over the model, private to model/. */
#ifndef GONGSHI_MODEL_INDEX_H
#define GONGSHI_MODEL_INDEX_H

#include "model/model.h"
#include "util/strmap.h"

struct site_index {
	strmap unit_ids, unit_names, items, phases, communities;
};

#endif
