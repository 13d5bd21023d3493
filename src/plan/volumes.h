/* The split of each subdistrict's booklets into volumes (分册) of at most
 * site.yaml's booklet.sheets sheets (plan/volumes.c), decided before the
 * website is planned, since the subdistrict's page lists the volumes.
 *
 * The split needs each notice's page count and the pages each volume's
 * contents take, which only the PDF renderer knows; plan/ does not
 * include pdf/, so cli/ hands them in through `struct volume_pages`
 * (cli/build_volumes.c, which also keeps the counts of the last build in
 * OUT/.gongshi-pages: write/page_counts.h). */
#ifndef GONGSHI_PLAN_VOLUMES_H
#define GONGSHI_PLAN_VOLUMES_H

#include <stddef.h>

#include "model/model.h"
#include "model/volumes.h"
#include "plan/pdfs.h" /* struct booklet_members */

/* What the split asks of the renderer.  Called from one thread. */
struct volume_pages {
	/* The pages of the notices of communities of[0 .. n-1] into
	 * pages[0 .. n-1] (each at least 1).  Asked once per build, for
	 * every booklet's members at once, so that the caller can count
	 * them on threads and take what it already knows from a cache. */
	void (*notices)(void *arg, const size_t *of, size_t n, unsigned *pages);
	/* The pages the contents of a volume of unit `unit`'s booklet take
	 * (with the blank that keeps the first notice on an odd page), the
	 * volume holding the booklet's members `first` .. `first + n - 1`,
	 * which are of[0 .. n-1]; asked only of a booklet in volumes. */
	unsigned (*contents)(void *arg, size_t unit, const size_t *of, size_t n, size_t first);
	/* The pages a sheet of paper holds: 2 when printed double-sided
	 * (each notice then starts on an odd page), else 1. */
	unsigned per_sheet;
	void *arg;
};

/* Fills `m` (the booklets' members, plan/pdfs.h; free both arrays) and
 * `plan` (volume_plan_free).  With booklet.sheets 0, one volume per
 * booklet and `vp` is never called; else the notices' booklets are
 * split by their pages, never inside a notice (a notice longer than a
 * volume is a volume of its own), and the posters' booklets hold
 * booklet.sheets posters a volume. */
void plan_volumes(const struct site *s, const struct volume_pages *vp,
		  struct booklet_members *m, struct volume_plan *plan);

#endif
