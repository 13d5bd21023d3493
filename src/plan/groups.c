/* The groupings the page list is made from (plan/pages.h): the areas of
 * each subdistrict with their communities and keys, the list order, and
 * the indexes from a community to its news and from a unit to its
 * communities.  The sums are model/totals.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/pages.h"
#include "util/xalloc.h"

/* Subdistricts in units.csv order, areas in order of first appearance,
 * communities in data order: the totals' areas (model/totals.h), whose
 * key gN is the N-th of them. */
static void group_communities(struct plan_pages *pp)
{
	const struct site *s = pp->s;
	const struct totals *t = &pp->totals;
	struct area_group *ag = xcalloc(t->nareas + 1, sizeof(*ag));
	size_t *fill = xcalloc(t->nareas + 1, sizeof(*fill));

	for (size_t c = 0; c < s->ncommunities; c++)
		if (t->area_of[c] != NO_INDEX)
			ag[t->area_of[c]].n++;
	pp->groups = xcalloc(s->nunits + 1, sizeof(*pp->groups));
	for (size_t a = 0; a < t->nareas; a++) {
		struct subdistrict_group *g = &pp->groups[pp->ngroups];

		if (g->nareas && g->unit != t->areas[a].unit)
			g = &pp->groups[++pp->ngroups];
		if (g->nareas == 0) {
			const struct totals_sum *u = &t->subdistrict[t->areas[a].unit];

			g->unit = t->areas[a].unit;
			g->areas = &ag[a];
			g->n = (size_t)u->communities;
			g->households = u->households;
			g->cm2 = u->cm2;
		}
		g->nareas++;
		ag[a].name = t->areas[a].name;
		snprintf(ag[a].key, sizeof(ag[a].key), "g%zu", a + 1);
		ag[a].communities = xcalloc(ag[a].n + 1, sizeof(size_t));
		ag[a].households = t->areas[a].sum.households;
		ag[a].cm2 = t->areas[a].sum.cm2;
	}
	pp->ngroups += t->nareas > 0;
	if (t->nareas == 0)
		free(ag); /* else the first group's areas */
	pp->area_of = xcalloc(s->ncommunities + 1, sizeof(*pp->area_of));
	for (size_t c = 0; c < s->ncommunities; c++)
		if (t->area_of[c] != NO_INDEX) {
			size_t a = t->area_of[c];

			ag[a].communities[fill[a]++] = c;
			pp->area_of[c] = &ag[a];
		}
	free(fill);
	pp->listed = xcalloc(s->ncommunities + 1, sizeof(*pp->listed));
	pp->areas = xcalloc(t->nareas + 1, sizeof(*pp->areas));
	for (size_t a = 0; a < t->nareas; a++) {
		pp->areas[pp->nareas++] = &ag[a];
		for (size_t k = 0; k < ag[a].n; k++)
			pp->listed[pp->nlisted++] = ag[a].communities[k];
	}
}

/* 1 when news item `i` names community `c` (once, however often). */
static int names_community(const struct site *s, size_t i, size_t c, size_t k)
{
	for (size_t e = 0; e < k; e++)
		if (strcmp(s->news[i]->communities[e], s->news[i]->communities[k]) == 0)
			return 0;
	return site_community_index(s, s->news[i]->communities[k]) == c;
}

static void index_news(struct plan_pages *pp)
{
	const struct site *s = pp->s;
	size_t n = s->ncommunities, *fill;

	pp->news_at = xcalloc(n + 1, sizeof(*pp->news_at));
	for (size_t i = 0; i < s->nnews; i++)
		for (size_t k = 0; k < s->news[i]->ncommunities; k++) {
			size_t c = site_community_index(s, s->news[i]->communities[k]);

			if (c != NO_INDEX && names_community(s, i, c, k))
				pp->news_at[c + 1]++;
		}
	for (size_t c = 0; c < n; c++)
		pp->news_at[c + 1] += pp->news_at[c];
	pp->news_of = xcalloc(pp->news_at[n] + 1, sizeof(*pp->news_of));
	fill = xcalloc(n + 1, sizeof(*fill));
	for (size_t i = 0; i < s->nnews; i++)
		for (size_t k = 0; k < s->news[i]->ncommunities; k++) {
			size_t c = site_community_index(s, s->news[i]->communities[k]);

			if (c != NO_INDEX && names_community(s, i, c, k))
				pp->news_of[pp->news_at[c] + fill[c]++] = i;
		}
	free(fill);
}

/* The units community `m` counts for: its subdistrict, and its
 * contractor when that is another unit.  Returns how many (0 to 2). */
static size_t units_of(const struct community *m, size_t nunits, size_t u[2])
{
	size_t n = 0;

	if (m->subdistrict < nunits)
		u[n++] = m->subdistrict;
	if (m->contractor < nunits && m->contractor != m->subdistrict)
		u[n++] = m->contractor;
	return n;
}

static void index_units(struct plan_pages *pp)
{
	const struct site *s = pp->s;
	size_t n = s->nunits, *fill, u[2];

	pp->unit_at = xcalloc(n + 1, sizeof(*pp->unit_at));
	for (size_t c = 0; c < s->ncommunities; c++)
		for (size_t k = units_of(&s->communities[c], n, u); k > 0; k--)
			pp->unit_at[u[k - 1] + 1]++;
	for (size_t i = 0; i < n; i++)
		pp->unit_at[i + 1] += pp->unit_at[i];
	pp->unit_of = xcalloc(pp->unit_at[n] + 1, sizeof(*pp->unit_of));
	fill = xcalloc(n + 1, sizeof(*fill));
	for (size_t c = 0; c < s->ncommunities; c++)
		for (size_t k = units_of(&s->communities[c], n, u); k > 0; k--)
			pp->unit_of[pp->unit_at[u[k - 1]] + fill[u[k - 1]]++] = c;
	free(fill);
}

void plan_groups_make(struct plan_pages *pp)
{
	totals_make(&pp->totals, pp->s);
	group_communities(pp);
	index_units(pp);
	index_news(pp);
}

void plan_groups_free(struct plan_pages *pp)
{
	/* The areas are one array, the first group's. */
	for (size_t a = 0; a < pp->nareas; a++)
		free(pp->areas[a]->communities);
	if (pp->ngroups)
		free(pp->groups[0].areas);
	free(pp->groups);
	free(pp->area_of);
	free(pp->listed);
	free(pp->areas);
	free(pp->news_at);
	free(pp->news_of);
	free(pp->unit_at);
	free(pp->unit_of);
	totals_free(&pp->totals);
}
