/* Booklets in volumes (分册).  One PDF of 70,000 pages is more than
 * libharu can write (32,767 entries in its page tree) and more than
 * anyone can print; a volume is what a binder holds.
 *
 * The volumes are filled in data order, each with the pages its contents
 * page takes; the page counts come from the renderer through `struct
 * volume_pages` (cli/build_volumes.c). */
#include "plan/volumes.h"

#include <stdlib.h>

#include "util/xalloc.h"

/* The pages used once a notice of `pages` pages follows `used` pages,
 * starting on an odd page when `odd` (double-sided, as booklet.c pads). */
static unsigned long add_pages(unsigned long used, unsigned pages, int odd)
{
	return used + (odd && used % 2) + pages;
}

static void push(struct volume_list *vl, size_t *cap, size_t first, size_t n)
{
	vl->v = xgrow(vl->v, cap, vl->n + 1, sizeof(*vl->v));
	vl->v[vl->n].first = first;
	vl->v[vl->n].n = n;
	vl->n++;
}

/* The members from `k` that fit in a volume of `limit` pages whose
 * contents take `reserve`: at least one. */
static size_t fill(const unsigned *pages, size_t k, size_t n, unsigned long reserve,
		   unsigned long limit, int odd)
{
	unsigned long used = reserve;
	size_t j = k;

	for (; j < n; j++) {
		unsigned long next = add_pages(used, pages[j], odd);

		if (j > k && next > limit)
			break;
		used = next;
	}
	return j;
}

/* A booklet's `n` members `of`, whose notices have `pages`. */
struct booklet_run {
	size_t unit;
	const size_t *of;
	const unsigned *pages;
	size_t n;
};

/* Booklet `b`, in volumes of `limit` pages. */
static void split_notices(const struct volume_pages *vp, const struct booklet_run *b,
			  unsigned long limit, struct volume_list *vl)
{
	int odd = vp->per_sheet == 2;
	unsigned long total = 0;
	size_t cap = 0;

	for (size_t k = 0; k < b->n; k++)
		total = add_pages(total, b->pages[k], odd);
	if (b->n == 0)
		return;
	if (total <= limit) {
		push(vl, &cap, 0, b->n);
		return;
	}
	for (size_t k = 0; k < b->n;) {
		unsigned long reserve = 1;
		size_t j;

		/* The contents page grows with the volume: fill, measure the
		 * contents, fill again until they fit (a few rounds). */
		for (;;) {
			unsigned c;

			j = fill(b->pages, k, b->n, reserve, limit, odd);
			c = vp->contents(vp->arg, b->unit, b->of + k, j - k, k);
			if (c <= reserve)
				break;
			reserve = c;
		}
		push(vl, &cap, k, j - k);
		k = j;
	}
}

static void split_posters(size_t n, size_t per, struct volume_list *vl)
{
	size_t cap = 0;

	for (size_t k = 0; k < n; k += per)
		push(vl, &cap, k, n - k < per ? n - k : per);
}

/* Each subdistrict's booklet members, one unit after another. */
static size_t list_members(const struct site *s, struct booklet_members *m)
{
	size_t total = 0;

	m->of = xcalloc(s->ncommunities + 1, sizeof(*m->of));
	m->at = xcalloc(s->nunits + 1, sizeof(*m->at));
	for (size_t u = 0; u < s->nunits; u++) {
		m->at[u] = total;
		if (s->units[u].kind == UNIT_SUBDISTRICT)
			total += plan_booklet_members(s, u, m->of + total);
	}
	m->at[s->nunits] = total;
	return total;
}

void plan_volumes(const struct site *s, const struct volume_pages *vp,
		  struct booklet_members *m, struct volume_plan *plan)
{
	size_t total = list_members(s, m);
	unsigned long sheets = (unsigned long)s->config.booklet.sheets;
	unsigned *pages;

	plan->nunits = s->nunits;
	plan->notices = xcalloc(s->nunits + 1, sizeof(*plan->notices));
	plan->posters = xcalloc(s->nunits + 1, sizeof(*plan->posters));
	if (sheets == 0) {
		/* Asked not to split: one volume each, nothing counted. */
		for (size_t u = 0; u < s->nunits; u++) {
			size_t n = m->at[u + 1] - m->at[u], cap = 0;

			if (n) {
				push(&plan->notices[u], &cap, 0, n);
				cap = 0;
				push(&plan->posters[u], &cap, 0, n);
			}
		}
		return;
	}
	pages = xcalloc(total + 1, sizeof(*pages));
	if (total)
		vp->notices(vp->arg, m->of, total, pages);
	for (size_t u = 0; u < s->nunits; u++) {
		size_t a = m->at[u], n = m->at[u + 1] - a;
		struct booklet_run b = { u, m->of + a, pages + a, n };

		split_notices(vp, &b, sheets * (vp->per_sheet ? vp->per_sheet : 1),
			      &plan->notices[u]);
		split_posters(n, sheets, &plan->posters[u]);
	}
	free(pages);
}
