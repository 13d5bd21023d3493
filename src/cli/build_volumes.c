/* The page counts the volumes are split by (plan/volumes.c).  A notice's
 * pages are only known once it is laid out, and laying out every notice
 * on every build cost an edited row's rebuild most of its time at 55,000
 * communities; so a count is kept with the notice's input key in the
 * output (write/page_counts.h), and only a notice whose key the last
 * build did not count is laid out (then freed: only its page count is
 * kept). */
#include <stdlib.h>

#include "cli/build_volumes.h"
#include "plan/volumes.h"
#include "util/xalloc.h"
#include "write/pool.h"

struct count_ask {
	const struct pdf_renderer *r;
	const struct site *s;
	const struct hash_value *keys;
	const struct page_counts *last;
	unsigned jobs;
	struct volume_counts *counts;
};

struct layout_job {
	const struct pdf_renderer *r;
	const size_t *of;	/* the communities to lay out */
	unsigned *pages;	/* by community */
};

static int lay_out(void *arg, size_t i, diags *d)
{
	struct layout_job *j = arg;

	(void)d;
	j->pages[j->of[i]] = pdf_notice_pages(j->r, j->of[i]);
	return 0;
}

/* plan/volumes.h's `notices`: the known counts looked up, the rest laid
 * out on the pool. */
static void notice_pages(void *arg, const size_t *of, size_t n, unsigned *pages)
{
	struct count_ask *a = arg;
	unsigned *by = a->counts->pages;
	size_t *todo = xcalloc(n + 1, sizeof(*todo)), ntodo = 0;
	struct layout_job j = { a->r, todo, by };
	diags none = DIAGS_INIT; /* the notices' own jobs give their warnings */

	for (size_t i = 0; i < n; i++) {
		by[of[i]] = page_counts_get(a->last, a->keys[of[i]]);
		if (by[of[i]] == 0)
			todo[ntodo++] = of[i];
	}
	pool_run(a->jobs, ntodo, 0, lay_out, &j, &none);
	diags_free(&none);
	/* A notice that lays out to nothing takes a page all the same, and
	 * is not kept (page_counts_write leaves 0 out). */
	for (size_t i = 0; i < n; i++)
		pages[i] = by[of[i]] ? by[of[i]] : 1;
	a->counts->laid_out += ntodo;
	a->counts->reused += n - ntodo;
	free(todo);
}

/* plan/volumes.h's `contents`, measured as the first of two volumes:
 * as booklet.c lays the contents out before it knows their pages. */
static unsigned contents_pages(void *arg, size_t unit, const size_t *of, size_t n, size_t first)
{
	struct count_ask *a = arg;
	struct pdf_volume v = { unit, of, n, first, 1, 2, NULL };

	return pdf_booklet_contents_pages(a->r, &v);
}

void build_volumes_plan(const struct volume_inputs *in, struct booklet_members *m,
			struct volume_plan *plan, struct volume_counts *counts)
{
	const struct site *s = in->s;
	struct count_ask a = { in->r, s, in->keys, in->last, in->jobs, counts };
	struct volume_pages vp = { notice_pages, contents_pages, pdf_booklet_pages_per_sheet(in->r),
				   &a };

	counts->pages = xcalloc(s->ncommunities + 1, sizeof(*counts->pages));
	counts->laid_out = counts->reused = 0;
	plan_volumes(s, &vp, m, plan);
}
