/* The PDF half of `gongshi build` (build_pdfs.c): every community's
 * notice and poster, and each subdistrict's booklets of both, split into
 * volumes (分册) of at most site.yaml's booklet.sheets sheets.
 *
 * The split is decided first (build_pdfs_open), because the website
 * links the volumes (html_options.volumes); the files are planned
 * (build_pdfs_plan) and made by the writer after the pages, each carried
 * over from the last build when its inputs are unchanged. */
#ifndef GONGSHI_CLI_BUILD_PDFS_H
#define GONGSHI_CLI_BUILD_PDFS_H

#include <stddef.h>

#include "load/date.h"
#include "model/model.h"
#include "model/volumes.h"
#include "plan/plan.h"
#include "plan/shard.h"
#include "util/diag.h"
#include "plan/photos.h"
#include "write/output.h"

struct build_pdfs;

/* What the PDFs of a build are made with besides the site: the last
 * output (its OUT/.gongshi-pages; NULL: none, as after --force or when
 * that output is another program's), the threads, and the hashes of the
 * photos the notices and posters print (plan/photos.h; NULL: read). */
struct build_pdfs_from {
	const char *last;
	unsigned jobs;
	const struct plan_photo_hashes *photos;
};

/* Opens the PDF renderer (the theme's notice.yaml and poster.yaml, the
 * fonts; font subsets go to the scratch folder of `o`) and splits the
 * booklets (plan/volumes.h): each notice's page count is taken from the
 * last output `from->last` when its key is there, else the notice is
 * laid out (`from->jobs` threads); the counts are written into `o` for
 * the next build.  `s` must outlive the result.  NULL after an error,
 * with diagnostics.  Free with build_pdfs_free. */
struct build_pdfs *build_pdfs_open(const struct site *s, struct date today, struct output *o,
				   const struct build_pdfs_from *from, diags *d);

/* --verbose: how many notices were laid out to count their pages and
 * how many counts came from the last build (a line on stdout; nothing
 * when no booklet is split). */
void build_pdfs_print_counts(const struct build_pdfs *b);

/* The progress report's date (--as-of); year 0 (default): today. */
void build_pdfs_as_of(struct build_pdfs *b, struct date as_of);

/* The volumes, for the website; valid until build_pdfs_free. */
const struct volume_plan *build_pdfs_volumes(const struct build_pdfs *b);

/* Appends the PDFs of shard `sh` (NULL: all) to `p` (plan/pdfs.h). */
void build_pdfs_plan(struct build_pdfs *b, struct plan *p, const struct shard *sh);

/* The renderer of the PDF kinds of output, for the writer. */
struct plan_renderer build_pdfs_functions(struct build_pdfs *b);

/* Accepts NULL. */
void build_pdfs_free(struct build_pdfs *b);

#endif
