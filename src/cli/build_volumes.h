/* Splitting the subdistricts' booklets into volumes (分册) of at most
 * site.yaml's booklet.sheets sheets (build_volumes.c), for build_pdfs.c. */
#ifndef GONGSHI_CLI_BUILD_VOLUMES_H
#define GONGSHI_CLI_BUILD_VOLUMES_H

#include <stddef.h>

#include "model/model.h"
#include "model/volumes.h"
#include "pdf/pdf.h"
#include "plan/pdfs.h" /* struct booklet_members */

/* Fills `m` and `plan` (volume_plan_free): the notices' booklets split by
 * their pages (every notice laid out once, on `jobs` threads), never
 * inside a notice; a notice longer than a volume is a volume of its own.
 * The posters' booklets hold booklet.sheets posters a volume. */
void build_volumes_plan(const struct pdf_renderer *r, const struct site *s, unsigned jobs,
			struct booklet_members *m, struct volume_plan *plan);

#endif
