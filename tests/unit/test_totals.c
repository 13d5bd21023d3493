/* The totals summed once (model/totals.c) for the targets check, the
 * pages and the summary: on the example site, the whole plan, each
 * subdistrict and its areas in the order staff typed them, and the units
 * that answer for communities (a contractor counts the communities it
 * builds, a unit that is both subdistrict and contractor each once). */
#include <string.h>

#include "model/totals.h"
#include "test.h"

/* The sums over the communities that `keep` accepts, by hand. */
static void sum_by_hand(const struct site *s, int (*keep)(const struct community *, size_t),
			size_t u, struct totals_sum *t)
{
	memset(t, 0, sizeof(*t));
	for (size_t c = 0; c < s->ncommunities; c++)
		if (keep(&s->communities[c], u)) {
			t->communities++;
			t->households += s->communities[c].households;
			t->cm2 += s->communities[c].floor_area_cm2;
		}
}

static int in_subdistrict(const struct community *m, size_t u)
{
	return m->subdistrict == u;
}

static int answered_by(const struct community *m, size_t u)
{
	return m->subdistrict == u || m->contractor == u;
}

static int same(const struct totals_sum *a, const struct totals_sum *b)
{
	return a->communities == b->communities && a->households == b->households &&
	       a->cm2 == b->cm2;
}

static void test_units(const struct site *s, const struct totals *t)
{
	size_t contractors = 0;

	for (size_t u = 0; u < s->nunits; u++) {
		struct totals_sum want;

		sum_by_hand(s, in_subdistrict, u, &want);
		CHECK(same(&t->subdistrict[u], &want));
		sum_by_hand(s, answered_by, u, &want);
		CHECK(same(&t->unit[u], &want));
		contractors += s->units[u].kind != UNIT_SUBDISTRICT && want.communities > 0;
	}
	CHECK(contractors > 0); /* the example has contractors to count */
}

static void test_areas(const struct site *s, const struct totals *t)
{
	long communities = 0;

	/* 临城街道's areas first, in the order of communities.csv. */
	CHECK(t->nareas >= 2);
	if (t->nareas < 2)
		return;
	CHECK_STR(t->areas[0].name, "海河片区");
	CHECK_STR(t->areas[1].name, "泰山路片区");
	CHECK_INT(t->areas[0].sum.communities, 12);
	CHECK_INT(t->areas[0].sum.households, 1543);
	for (size_t a = 0; a < t->nareas; a++) {
		communities += t->areas[a].sum.communities;
		CHECK(a == 0 || t->areas[a - 1].unit <= t->areas[a].unit);
	}
	CHECK_INT(communities, t->all.communities);
	for (size_t c = 0; c < s->ncommunities; c++) {
		const struct totals_area *a = &t->areas[t->area_of[c]];

		CHECK(strcmp(a->name, s->communities[c].area) == 0 &&
		      a->unit == s->communities[c].subdistrict);
	}
}

int main(void)
{
	diags d = DIAGS_INIT;
	struct site *s = model_load(".", &d);
	struct totals t;

	CHECK(s != NULL && d.errors == 0 && s->ncommunities == 56);
	if (s == NULL || d.errors)
		return test_done();
	totals_make(&t, s);
	CHECK_INT(t.all.communities, 56);
	CHECK_INT(t.all.households, 7663);
	CHECK(t.all.cm2 == 90120000);
	test_units(s, &t);
	test_areas(s, &t);
	/* A unit both subdistrict and contractor of a community counts it
	 * once. */
	s->communities[0].contractor = s->communities[0].subdistrict;
	totals_free(&t);
	totals_make(&t, s);
	test_units(s, &t);
	totals_free(&t);
	site_free(s);
	diags_free(&d);
	return test_done();
}
