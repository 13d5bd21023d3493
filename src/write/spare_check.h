/* The check of the spare before a build updates it in place (output.h,
 * "The spare"; docs/security.md, "The spare is checked, not trusted"):
 * the folder must hold only what a build of gongshi makes, and above all
 * no link, which a write or a removal would otherwise follow out of it.
 *
 * Reading every folder of a 55,000-community spare costs 57,000 folder
 * reads (seven system calls and the disk each), so a folder is trusted
 * without reading it when the record of the build that made the tree
 * (folder_stamps.h) says it is unchanged since, and nobody but its owner
 * can have changed it: it is a folder (not through a link) owned by this
 * user, writable by nobody else (mode & 022 == 0), its inode and change
 * time are the recorded ones, and its link count is 2 plus its recorded
 * subfolders (or 1, where a file system does not count them).  The
 * kernel sets a folder's change time whenever an entry is added, removed
 * or renamed in it, or its mode or owner changes, and no user can set it
 * back: such a folder holds exactly the entries it held when the build
 * recorded it, which were the files it made.  Its subfolders are checked
 * the same way, top down; any folder that fails is read whole, as is the
 * spare's root, always. */
#ifndef GONGSHI_SPARE_CHECK_H
#define GONGSHI_SPARE_CHECK_H

#include <stddef.h>

#include "write/folder_stamps.h"
#include "write/listing.h"

/* What a check did, for tests and --verbose, and for the build: which
 * folders it trusted (spare_sizes.h keeps their files unlooked at). */
struct spare_check_counts {
	size_t read;	/* folders read whole */
	size_t trusted;	/* folders trusted by their record */
	/* NULL, or one byte per record of `stamps`, zeroed by the caller:
	 * set to 1 for each folder trusted.  Meaningful only when the
	 * check says 1. */
	unsigned char *trusted_folders;
};

/* 1 when the folder `dirfd` holds only what a build of gongshi makes:
 * regular files that `listed` names (paths relative to the folder) or,
 * at the top, one named in `also` (a NULL-terminated list: the manifest,
 * the record); folders that hold some; nothing else (no link, device,
 * pipe or socket, no stray file, no empty folder).  0 when anything else
 * is there, -1 when it cannot be read.  Folders that `stamps` (NULL: none)
 * shows unchanged are trusted without being read, as above; `counts`
 * (NULL: not wanted) says how many were. */
int spare_check(int dirfd, const struct listing *listed, const char *const *also,
		const struct folder_stamps *stamps, struct spare_check_counts *counts);

#endif
