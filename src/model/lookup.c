#include <string.h>

#include "model/date.h"
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

size_t site_lead_unit(const struct site *s)
{
	return s->lead_unit;
}

struct date site_notice_date(const struct site *s)
{
	if (s->config.notice.date.year)
		return s->config.notice.date;
	if (s->config.today.year)
		return s->config.today;
	return date_today();
}

struct date site_publicity_end(const struct site *s)
{
	struct date none = { 0, 0, 0 };
	int days = s->config.notice.publicity_days;

	return days > 0 ? date_from_days(date_to_days(site_notice_date(s)) + days - 1) : none;
}

size_t site_phase_at(const struct site *s, struct date day)
{
	for (size_t i = 0; i < s->nphases; i++)
		if (date_cmp(s->phases[i].end, day) >= 0)
			return i;
	return s->nphases;
}
