/* Change detection for `gongshi serve`: a fingerprint of a site's inputs,
 * compared from one tick to the next.  Polling rather than inotify keeps
 * it POSIX and catches edits on network shares, where offices keep their
 * spreadsheets; a tick costs one stat per input file. */
#ifndef GONGSHI_WATCH_H
#define GONGSHI_WATCH_H

#include "util/hash.h"

/* site.yaml and every file under data/, content/, themes/ and layouts/
 * of `site_dir` (name, type, size, inode, change and modification times
 * to the nanosecond), following symbolic links.  Leaves out the output
 * folder `out_dir` and the temporary folders a build makes beside it,
 * wherever they are, and the editors' hidden and backup files (".x",
 * "x~"), which no loader reads. */
struct hash_value watch_fingerprint(const char *site_dir, const char *out_dir);
/* 1 when two fingerprints are the same. */
int watch_same(struct hash_value a, struct hash_value b);

#endif
