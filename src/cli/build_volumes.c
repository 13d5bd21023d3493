/* Booklets in volumes (分册).  One PDF of 70,000 pages is more than
 * libharu can write (32,767 entries in its page tree) and more than
 * anyone can print; a volume is what a binder holds.
 *
 * The notices' pages are only known once laid out, so every notice is
 * laid out here once (then freed: only its page count is kept); the
 * volumes are then filled in data order, each with the pages its
 * contents page takes. */
#include <stdio.h>
#include <stdlib.h>

#include "write/pool.h"
#include "cli/build_volumes.h"
#include "util/buf.h"
#include "util/xalloc.h"

struct page_count {
	const struct pdf_renderer *r;
	const size_t *of;
	unsigned *pages; /* by position in `of` */
};

static int count_pages(void *arg, size_t i, diags *d)
{
	struct page_count *p = arg;

	(void)d;
	p->pages[i] = pdf_notice_pages(p->r, p->of[i]);
	return 0;
}

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
	const size_t *of;
	const unsigned *pages;
	size_t n;
};

/* Unit `u`'s booklet `b`, in volumes of `limit` pages. */
static void split_notices(const struct pdf_renderer *r, size_t u, const struct booklet_run *b,
			  unsigned long limit, struct volume_list *vl)
{
	const size_t *of = b->of;
	const unsigned *pages = b->pages;
	size_t n = b->n;
	int odd = pdf_booklet_pages_per_sheet(r) == 2;
	unsigned long total = 0;
	size_t cap = 0;

	for (size_t k = 0; k < n; k++)
		total = add_pages(total, pages[k], odd);
	if (n == 0)
		return;
	if (total <= limit) {
		push(vl, &cap, 0, n);
		return;
	}
	for (size_t k = 0; k < n;) {
		unsigned long reserve = 1;
		size_t j;

		/* The contents page grows with the volume: fill, measure the
		 * contents, fill again until they fit (a few rounds). */
		for (;;) {
			struct pdf_volume v = { u, of + k, 0, k, 1, 2, NULL };
			unsigned c;

			j = fill(pages, k, n, reserve, limit, odd);
			v.n = j - k;
			c = pdf_booklet_contents_pages(r, &v);
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

void build_volumes_plan(const struct pdf_renderer *r, const struct site *s, unsigned jobs,
			struct booklet_members *m, struct volume_plan *plan)
{
	struct page_count pc = { r, NULL, NULL };
	diags none = DIAGS_INIT; /* the notices' own jobs give their warnings */
	size_t total = 0;
	unsigned long sheets = (unsigned long)s->config.booklet.sheets;

	m->of = xcalloc(s->ncommunities + 1, sizeof(*m->of));
	m->at = xcalloc(s->nunits + 1, sizeof(*m->at));
	for (size_t u = 0; u < s->nunits; u++) {
		m->at[u] = total;
		if (s->units[u].kind == UNIT_SUBDISTRICT)
			total += pdf_booklet_members(s, u, m->of + total);
	}
	m->at[s->nunits] = total;
	plan->nunits = s->nunits;
	plan->notices = xcalloc(s->nunits + 1, sizeof(*plan->notices));
	plan->posters = xcalloc(s->nunits + 1, sizeof(*plan->posters));
	if (sheets == 0) {
		/* Not asked to split: one volume each, nothing laid out. */
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
	pc.of = m->of;
	pc.pages = xcalloc(total + 1, sizeof(*pc.pages));
	pool_run(jobs, total, 0, count_pages, &pc, &none);
	diags_free(&none);
	for (size_t u = 0; u < s->nunits; u++) {
		size_t a = m->at[u], n = m->at[u + 1] - a;
		struct booklet_run b = { m->of + a, pc.pages + a, n };

		split_notices(r, u, &b, sheets * pdf_booklet_pages_per_sheet(r), &plan->notices[u]);
		split_posters(n, sheets, &plan->posters[u]);
	}
	free(pc.pages);
}
