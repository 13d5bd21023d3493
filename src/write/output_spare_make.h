/* The spare made ahead of the next build (output.h, "The spare").
 *
 * An incremental build finds a spare only when an earlier incremental
 * build kept one, so the first edit after a clean build has to link
 * every unchanged file of the live output into a new folder tree: one
 * folder made per community, which is most of its time on a big site
 * (docs/performance.md).  output_spare_make() does that same work at a
 * time nobody waits for it (`gongshi serve` after a build, while the
 * clerk looks at the preview), so that the edit itself only updates the
 * spare.
 *
 * What it makes is exactly what a build would have kept: a folder
 * OUT.spare holding hard links to the live output's files that its
 * manifest lists, and the manifest itself, made under a temporary name
 * (OUT.tmp-*, cleared by the next build if we are killed) and renamed
 * to OUT.spare only when that name is free.  The live output is only
 * read, beneath its descriptor and never through a link (output_fs.h).
 * Asked to stop, it publishes what it linked so far: a spare that lacks
 * files is still a valid one (the build links or makes what is
 * missing), and throwing the folders away would cost the removal on top
 * of the making. */
#ifndef GONGSHI_OUTPUT_SPARE_MAKE_H
#define GONGSHI_OUTPUT_SPARE_MAKE_H

#include <stdatomic.h>

#include "util/diag.h"

/* What output_spare_make() did. */
enum output_spare_made {
	OUTPUT_SPARE_FAILED = -1, /* with a diagnostic; nothing left behind */
	OUTPUT_SPARE_NONE = 0,	  /* nothing to do: a spare is there, or the
				   * output has no manifest of this program */
	OUTPUT_SPARE_WHOLE,	  /* OUT.spare made, every file in it */
	OUTPUT_SPARE_PART,	  /* stopped early: OUT.spare holds a part */
};

/* Makes OUT.spare for the output folder `out_dir` (as a build resolves
 * it: write/place.h) when none is there, checking *stop between files.
 * Call only while holding the output's lock (output_lock.h), after the
 * build that made the output. */
enum output_spare_made output_spare_make(const char *out_dir, const atomic_int *stop,
					 diags *d);

#endif
