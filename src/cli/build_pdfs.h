/* The PDF half of `gongshi build` (build_pdfs.c): every community's
 * notice and poster, and each subdistrict's booklets of both, split into
 * volumes (分册) of at most site.yaml's booklet.sheets sheets.
 *
 * The split is decided first (build_pdfs_open), because the website
 * links the volumes (html_options.volumes); the files are made after the
 * pages (build_pdfs_render), each carried over from the last build when
 * its inputs are unchanged. */
#ifndef GONGSHI_CLI_BUILD_PDFS_H
#define GONGSHI_CLI_BUILD_PDFS_H

#include <stddef.h>

#include "write/manifest.h"
#include "write/output.h"
#include "write/progress.h"
#include "plan/shard.h"
#include "load/date.h"
#include "model/model.h"
#include "model/volumes.h"
#include "util/diag.h"

struct build_pdfs;

/* Opens the PDF renderer (the theme's notice.yaml and poster.yaml, the
 * fonts), lays out every notice once to count its pages (`jobs` threads)
 * and splits the booklets.  `s` and `o` (font subsets go to its scratch
 * folder) must outlive the result.  NULL after an error, with diagnostics.
 * Free with build_pdfs_free. */
struct build_pdfs *build_pdfs_open(const struct site *s, struct date today,
				   struct output *o, unsigned jobs, diags *d);

/* The volumes, for the website; valid until build_pdfs_free. */
const struct volume_plan *build_pdfs_volumes(const struct build_pdfs *b);

/* Makes the PDFs of shard `sh` (NULL: all) on `jobs` threads into `o`,
 * carrying over those `m` has seen with the same inputs; counts them
 * into *all and *made.  0, -1, or -2 when the disk failed. */
int build_pdfs_render(struct build_pdfs *b, struct manifest *m, const struct shard *sh,
		      unsigned jobs, struct progress *progress, diags *d,
		      size_t *all, size_t *made);

/* Accepts NULL. */
void build_pdfs_free(struct build_pdfs *b);

#endif
