/* Splitting the subdistricts' booklets into volumes (分册) of at most
 * site.yaml's booklet.sheets sheets (build_volumes.c), for build_pdfs.c. */
#ifndef GONGSHI_CLI_BUILD_VOLUMES_H
#define GONGSHI_CLI_BUILD_VOLUMES_H

#include <stddef.h>

#include "model/model.h"
#include "model/volumes.h"
#include "pdf/pdf.h"

/* Each subdistrict's booklet communities (pdf_booklet_members), one
 * unit after another: at[u] up to at[u + 1] in `of`.  Owned: free both. */
struct booklet_members {
	size_t *of, *at;
};

/* Fills `m` and `plan` (volume_plan_free): the notices' booklets split by
 * their pages (every notice laid out once, on `jobs` threads), never
 * inside a notice; a notice longer than a volume is a volume of its own.
 * The posters' booklets hold booklet.sheets posters a volume. */
void build_volumes_plan(const struct pdf_renderer *r, const struct site *s, unsigned jobs,
			struct booklet_members *m, struct volume_plan *plan);

/* The output path of volume `k` (from 0) of unit `u`'s booklet of notices
 * (`posters` 0) or posters, with `count` volumes: notices/ID.pdf or
 * notices/ID-posters.pdf for one, else notices/ID-1.pdf …,
 * notices/ID-posters-1.pdf …  (malloc'd) */
char *build_volume_path(const struct site *s, size_t u, int posters, size_t k, size_t count);

#endif
