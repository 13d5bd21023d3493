#include <string.h>

#include "load/date.h"
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

struct date site_today(const struct site *s)
{
	return s->config.today.year ? s->config.today : date_today();
}

/* communities.csv records each community's status as of today.  On an
 * earlier day it was no further on, and, since the works follow the
 * plan's schedule, no further than the phase the plan was in that day:
 * a notice dated 9 May never says "in acceptance" of a community that
 * reached it in June. */
size_t site_status_at(const struct site *s, const struct community *c, struct date day)
{
	size_t scheduled;

	if (c->status >= s->nphases || date_cmp(day, site_today(s)) >= 0)
		return c->status;
	scheduled = site_phase_at(s, day);
	return scheduled < c->status ? scheduled : c->status;
}

/* The annex lists the group's office after its members: the same people
 * again, in roles that begin with 办公室 (办公室主任, 办公室副主任). */
int member_is_office(const struct member *m)
{
	return strncmp(m->role, "办公室", strlen("办公室")) == 0;
}

size_t site_group_size(const struct site *s)
{
	size_t n = 0;

	for (size_t i = 0; i < s->nmembers; i++)
		n += !member_is_office(&s->members[i]);
	return n;
}

/* 1 for the acceptance phase (检查验收): id `acceptance`, or a name that
 * says 验收, whatever the phases are called otherwise. */
static int phase_is_acceptance(const struct phase *p)
{
	return strcmp(p->id, "acceptance") == 0 || strstr(p->name, "验收") != NULL;
}

/* A plan is put up for comment before the works are done: a community
 * already in acceptance on the notice's date has nothing left to comment
 * on, and a notice for it would contradict itself. */
int site_community_has_notice(const struct site *s, const struct community *c)
{
	size_t at = site_status_at(s, c, site_notice_date(s));

	return at >= s->nphases || !phase_is_acceptance(&s->phases[at]);
}
