/* Files beneath an open folder, never through a symbolic link or "..".
 *
 * Every file a build makes, links, reads back or deletes inside the
 * output, its temporary folder or the spare goes through these, relative
 * to a descriptor of that folder: a path is first checked with
 * relpath_safe() (util/relpath.h: no "..", not
 * absolute), and then no component of
 * it is followed if it is a symbolic link, so a link planted in the spare
 * (`communities -> /elsewhere`) makes the step fail rather than reach
 * outside.  On Linux one openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS)
 * does it; elsewhere each folder is opened in turn with O_NOFOLLOW.
 * Failures return -1 with errno (ELOOP or ENOTDIR for a link in the way,
 * EXDEV for a path that would leave the folder). */
#ifndef GONGSHI_OUTPUT_FS_H
#define GONGSHI_OUTPUT_FS_H

#include <sys/types.h>

#include "util/relpath.h"
#include "util/strmap.h"

/* Opens `rel` beneath the folder `dirfd` (open(2) `flags` and `mode`,
 * O_NOFOLLOW and O_CLOEXEC added).  The descriptor is the caller's. */
int output_fs_open(int dirfd, const char *rel, int flags, mode_t mode);
/* Opens the folder holding `rel` beneath `dirfd`, making the missing
 * folders (0755) with `create`; *base points at the last component of
 * `rel`.  The descriptor is the caller's. */
int output_fs_parent(int dirfd, const char *rel, int create, const char **base);
/* Makes the folder holding `rel` beneath `dirfd` when the folder above
 * that one exists (0755; one that exists already is fine).  0, or -1
 * with errno (ENOENT when more is missing: use output_fs_parent). */
int output_fs_make_parent(int dirfd, const char *rel);
/* Removes the entry `name` of the folder `dirfd`: a file or a link
 * itself, a folder with all it holds, never anything a link points to.
 * A missing entry is success.  0 or -1. */
int output_fs_remove(int dirfd, const char *name);
/* The same for a path: its folder is opened as written (the user chose
 * it), the last component is never followed. */
int output_fs_remove_path(const char *path);
#endif
