/* What splitting the booklets into volumes (plan/volumes.h) asks of the
 * PDF renderer, answered for gongshi build (build_volumes.c): each
 * notice's page count, taken from the last build's OUT/.gongshi-pages
 * (write/page_counts.h) when the notice's key is there, else laid out;
 * and the pages a volume's contents take. */
#ifndef GONGSHI_CLI_BUILD_VOLUMES_H
#define GONGSHI_CLI_BUILD_VOLUMES_H

#include <stddef.h>

#include "model/model.h"
#include "model/volumes.h"
#include "pdf/pdf.h"
#include "plan/pdfs.h" /* struct booklet_members */
#include "util/hash.h"
#include "write/page_counts.h"

/* The notices' page counts of one build, by community (0: not asked),
 * and how they were had. */
struct volume_counts {
	unsigned *pages;  /* ncommunities; owned: free */
	size_t laid_out;  /* notices laid out to count their pages */
	size_t reused;	  /* counts taken from the last build */
};

/* What the split is counted from: `keys` are the notices' input keys by
 * community (plan_notice_key), `last` the last build's counts (NULL:
 * none); the notices not in it are laid out on `jobs` threads. */
struct volume_inputs {
	const struct pdf_renderer *r;
	const struct site *s;
	const struct hash_value *keys;
	const struct page_counts *last;
	unsigned jobs;
};

/* Fills `m` and `plan` (plan_volumes) and `counts` from `in`. */
void build_volumes_plan(const struct volume_inputs *in, struct booklet_members *m,
			struct volume_plan *plan, struct volume_counts *counts);

#endif
