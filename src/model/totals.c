#include "model/totals.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static void add(struct totals_sum *t, const struct community *m)
{
	t->communities++;
	t->households += m->households;
	t->cm2 += m->floor_area_cm2;
}

/* Communities by subdistrict, each in data order: the communities of
 * unit u are by_unit[at[u]] to by_unit[at[u + 1]].  Those of no unit
 * are left out.  Both arrays are the caller's to free. */
static void bucket_by_unit(const struct site *s, size_t **at, size_t **by_unit)
{
	size_t *fill = xcalloc(s->nunits + 1, sizeof(*fill));

	*at = xcalloc(s->nunits + 1, sizeof(**at));
	for (size_t c = 0; c < s->ncommunities; c++)
		if (s->communities[c].subdistrict < s->nunits)
			(*at)[s->communities[c].subdistrict + 1]++;
	for (size_t u = 0; u < s->nunits; u++)
		(*at)[u + 1] += (*at)[u];
	*by_unit = xcalloc((*at)[s->nunits] + 1, sizeof(**by_unit));
	for (size_t c = 0; c < s->ncommunities; c++) {
		size_t u = s->communities[c].subdistrict;

		if (u < s->nunits)
			(*by_unit)[(*at)[u] + fill[u]++] = c;
	}
	free(fill);
}

/* The areas, subdistrict by subdistrict.  Bucketed first: scanning every
 * community for every unit was most of the serial work before the pages
 * on a big site. */
static void sum_areas(struct totals *t, const struct site *s)
{
	size_t *at, *by_unit;

	bucket_by_unit(s, &at, &by_unit);
	t->areas = xcalloc(at[s->nunits] + 1, sizeof(*t->areas));
	for (size_t u = 0; u < s->nunits; u++) {
		size_t first = t->nareas;

		for (size_t k = at[u]; k < at[u + 1]; k++) {
			const struct community *m = &s->communities[by_unit[k]];
			size_t a = first;

			while (a < t->nareas && strcmp(t->areas[a].name, m->area) != 0)
				a++;
			if (a == t->nareas) {
				t->areas[a].unit = u;
				t->areas[a].name = m->area;
				t->nareas++;
			}
			add(&t->areas[a].sum, m);
			t->area_of[by_unit[k]] = a;
		}
	}
	free(at);
	free(by_unit);
}

void totals_make(struct totals *t, const struct site *s)
{
	memset(t, 0, sizeof(*t));
	t->subdistrict = xcalloc(s->nunits + 1, sizeof(*t->subdistrict));
	t->unit = xcalloc(s->nunits + 1, sizeof(*t->unit));
	t->area_of = xcalloc(s->ncommunities + 1, sizeof(*t->area_of));
	for (size_t c = 0; c < s->ncommunities; c++) {
		const struct community *m = &s->communities[c];

		add(&t->all, m);
		if (m->investment > 0)
			t->investment += m->investment;
		t->area_of[c] = NO_INDEX;
		if (m->subdistrict < s->nunits) {
			add(&t->subdistrict[m->subdistrict], m);
			add(&t->unit[m->subdistrict], m);
		}
		if (m->contractor < s->nunits && m->contractor != m->subdistrict)
			add(&t->unit[m->contractor], m);
	}
	sum_areas(t, s);
}

void totals_free(struct totals *t)
{
	free(t->subdistrict);
	free(t->unit);
	free(t->areas);
	free(t->area_of);
	memset(t, 0, sizeof(*t));
}
