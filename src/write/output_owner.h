/* Whose folder the output is.
 *
 * A build replaces its whole output folder, so it may replace only a
 * folder gongshi made (its .gongshi-manifest is there) or an empty one;
 * a mistyped `-o ~/Desktop` must not delete the desktop.  `gongshi init`
 * applies the same emptiness rule to the folder it fills. */
#ifndef GONGSHI_OUTPUT_OWNER_H
#define GONGSHI_OUTPUT_OWNER_H

#include "util/diag.h"

/* 1 when the folder `dir` has no entries but . and .., 0 when it has
 * some, -1 (errno set) when it cannot be read. */
int output_owner_dir_empty(const char *dir);
/* 0 when a build may replace `out_dir`: it is missing, an empty folder,
 * or a folder holding a regular file .gongshi-manifest whose first line
 * names a gongshi manifest.  -1 with a diagnostic (saying which folder,
 * why, and what to do) otherwise.  Reads only. */
int output_owner_check(const char *out_dir, diags *d);

#endif
