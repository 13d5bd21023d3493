/* How each subdistrict's booklets are split into volumes (分册), decided
 * by the build (cli/build_pdfs.c, from site.yaml booklet.sheets and the
 * notices' page counts) before the website is made, so that the
 * subdistrict's page can list the volumes it will link.
 *
 * A booklet's communities are those of the subdistrict with a notice, in
 * data order (pdf_booklet_members); a volume holds a run of them.  The
 * plan owns its arrays (volume_plan_free). */
#ifndef GONGSHI_MODEL_VOLUMES_H
#define GONGSHI_MODEL_VOLUMES_H

#include <stddef.h>
#include <stdlib.h>

/* The booklet's communities `first`..`first + n - 1` (from 0). */
struct volume {
	size_t first, n;
};

/* One booklet's volumes; n == 1: one file, named as before volumes
 * (notices/ID.pdf), n == 0: no booklet. */
struct volume_list {
	struct volume *v;
	size_t n;
};

/* Per unit (site->units order): the notices' booklets and the posters'. */
struct volume_plan {
	struct volume_list *notices, *posters;
	size_t nunits;
};

static inline void volume_plan_free(struct volume_plan *p)
{
	for (size_t u = 0; p->notices && u < p->nunits; u++) {
		free(p->notices[u].v);
		free(p->posters[u].v);
	}
	free(p->notices);
	free(p->posters);
	p->notices = p->posters = NULL;
	p->nunits = 0;
}

#endif
