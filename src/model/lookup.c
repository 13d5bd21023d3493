#include "model/index.h"

size_t site_unit_index(const struct site *s, const char *id_or_name)
{
	size_t i = strmap_get(&s->index->unit_ids, id_or_name);

	return i != STRMAP_NONE ? i : strmap_get(&s->index->unit_names, id_or_name);
}

size_t site_item_index(const struct site *s, const char *code)
{
	return strmap_get(&s->index->items, code);
}

size_t site_phase_index(const struct site *s, const char *id)
{
	return strmap_get(&s->index->phases, id);
}

size_t site_community_index(const struct site *s, const char *id)
{
	return strmap_get(&s->index->communities, id);
}

size_t site_phase_at(const struct site *s, struct date day)
{
	for (size_t i = 0; i < s->nphases; i++)
		if (date_cmp(s->phases[i].end, day) >= 0)
			return i;
	return s->nphases;
}
