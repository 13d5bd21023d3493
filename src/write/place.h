/* Where the output folder may go.
 *
 * A build replaces the whole output folder, so an output path that is
 * the site, holds the site, or lies among its inputs would destroy or
 * overwrite them.  The check compares real paths: `data/../data/x`, a
 * symlink into data/ and a trailing slash are all caught. */
#ifndef GONGSHI_PLACE_H
#define GONGSHI_PLACE_H

#include "util/buf.h"
#include "util/diag.h"

/* 0 when `out_dir` may be the output folder of the site in `site_dir`;
 * -1 with a diagnostic (file = `out_dir`, line 0) when it is empty, ends
 * in "." or "..", exists and is not a directory, is the site folder or an
 * ancestor of it, is or holds or lies inside the site's data/, content/,
 * themes/ or layouts/, or is its site.yaml.  Reads the file system only;
 * writes nothing. */
int place_check(const char *out_dir, const char *site_dir, diags *d);
/* The folder a build of `out_dir` replaces, into `target`: `out_dir`
 * itself, or when it is a symbolic link, the real path of the folder it
 * leads to, so that the build replaces that folder and the link keeps
 * working (replacing the link by a folder would leave its target stale).
 * -1 with a diagnostic when the link leads nowhere or not to a folder. */
int place_target(const char *out_dir, buf *target, diags *d);

#endif
