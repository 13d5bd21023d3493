/* plan/volumes.c on its own, the renderer's answers made up: volumes
 * filled in data order up to booklet.sheets pages with the contents'
 * pages counted in, never a notice split, a notice longer than a volume
 * alone, double-sided notices starting on an odd page, poster volumes of
 * booklet.sheets posters, and the page counts asked once for every
 * booklet's members (so the caller can take them from its cache). */
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "plan/volumes.h"
#include "test.h"

struct answers {
	unsigned pages;		/* every notice's, unless long_one */
	size_t long_one;	/* this community's notice: 30 pages */
	size_t asked, asked_calls, contents_calls;
};

static void notices(void *arg, const size_t *of, size_t n, unsigned *pages)
{
	struct answers *a = arg;

	a->asked += n;
	a->asked_calls++;
	for (size_t i = 0; i < n; i++)
		pages[i] = of[i] == a->long_one ? 30 : a->pages;
}

/* One contents page per 10 notices. */
static unsigned contents(void *arg, size_t unit, const size_t *of, size_t n, size_t first)
{
	struct answers *a = arg;

	(void)unit, (void)of, (void)first;
	a->contents_calls++;
	return (unsigned)(1 + n / 10);
}

/* Every volume of `vl` within `limit` pages (but a lone notice), the
 * volumes back to back from 0 to `n`. */
static void check_volumes(const struct volume_list *vl, size_t n, const unsigned *pages,
			  unsigned limit, int odd)
{
	size_t next = 0;

	for (size_t k = 0; k < vl->n; k++) {
		const struct volume *v = &vl->v[k];
		unsigned long used = vl->n > 1 ? 1 + v->n / 10 : 0;

		CHECK_INT(v->first, next);
		for (size_t i = 0; i < v->n; i++)
			used += (odd && used % 2) + pages[v->first + i];
		CHECK(v->n >= 1);
		CHECK(used <= limit || v->n == 1);
		next = v->first + v->n;
	}
	CHECK_INT(next, n);
}

static void split(struct site *s, unsigned per_sheet, struct answers *a,
		  struct booklet_members *m, struct volume_plan *vp)
{
	struct volume_pages q = { notices, contents, per_sheet, a };

	memset(m, 0, sizeof(*m));
	memset(vp, 0, sizeof(*vp));
	plan_volumes(s, &q, m, vp);
}

static void done(struct booklet_members *m, struct volume_plan *vp)
{
	free(m->of);
	free(m->at);
	volume_plan_free(vp);
}

int main(void)
{
	diags d = DIAGS_INIT;
	struct site *s = model_load(".", &d);
	size_t u = s ? site_unit_index(s, "lincheng") : 0, n, total = 0;
	struct booklet_members m;
	struct volume_plan vp;
	struct answers a = { 4, (size_t)-1, 0, 0, 0 };
	unsigned pages[512];

	CHECK(s != NULL && d.errors == 0);
	if (s == NULL)
		return test_done();
	for (size_t k = 0; k < s->nunits; k++)
		if (s->units[k].kind == UNIT_SUBDISTRICT)
			total += plan_booklet_members(s, k, NULL);
	n = plan_booklet_members(s, u, NULL);
	CHECK(n >= 10 && n < 512);

	/* The default: every booklet of the example in one volume, but the
	 * counts asked all the same, once, for every member. */
	CHECK_INT(s->config.booklet.sheets, 250);
	split(s, 1, &a, &m, &vp);
	CHECK_INT(a.asked_calls, 1);
	CHECK_INT(a.asked, total);
	CHECK_INT(vp.notices[u].n, 1);
	CHECK_INT(vp.notices[u].v[0].n, n);
	CHECK_INT(a.contents_calls, 0);
	done(&m, &vp);

	/* 10 sheets single-sided, 4-page notices: 2 a volume with the
	 * contents page (1 + 8 <= 10, 1 + 12 > 10). */
	s->config.booklet.sheets = 10;
	for (size_t i = 0; i < n; i++)
		pages[i] = 4;
	split(s, 1, &a, &m, &vp);
	CHECK_INT(vp.notices[u].v[0].n, 2);
	check_volumes(&vp.notices[u], n, pages, 10, 0);
	CHECK_INT(vp.posters[u].v[0].n, 10);
	CHECK_INT(vp.posters[u].n, (n + 9) / 10);
	CHECK(a.contents_calls > 0);
	done(&m, &vp);

	/* Double-sided: 20 pages a volume, each notice on an odd page (the
	 * contents page, a blank, 4 + 4 + 4 + 4 from page 3: 18 pages). */
	split(s, 2, &a, &m, &vp);
	CHECK_INT(vp.notices[u].v[0].n, 4);
	check_volumes(&vp.notices[u], n, pages, 20, 1);
	done(&m, &vp);

	/* A notice longer than a volume is a volume of its own. */
	{
		size_t of[512];

		plan_booklet_members(s, u, of);
		a.long_one = of[3];
		pages[3] = 30;
	}
	split(s, 1, &a, &m, &vp);
	check_volumes(&vp.notices[u], n, pages, 10, 0);
	for (size_t k = 0; k < vp.notices[u].n; k++)
		if (vp.notices[u].v[k].first == 3)
			CHECK_INT(vp.notices[u].v[k].n, 1);
	done(&m, &vp);

	/* booklet.sheets 0 (a site config_load did not read): one volume,
	 * nothing asked. */
	s->config.booklet.sheets = 0;
	a.asked_calls = a.contents_calls = 0;
	split(s, 1, &a, &m, &vp);
	CHECK_INT(a.asked_calls, 0);
	CHECK_INT(a.contents_calls, 0);
	CHECK_INT(vp.notices[u].n, 1);
	done(&m, &vp);

	site_free(s);
	diags_free(&d);
	return test_done();
}
