/* The folders below content/ that the last build found holding nothing
 * for the walk (load/content.h's struct content_folder: a community's
 * folder of photos, with no Markdown file, folder or link in it), kept
 * in OUT/.gongshi-content so that a rebuild lists none of them that kept
 * its identity.  At 55,000 communities with photos, listing their folders
 * took five system calls each, a fifth of a caption edit's
 * (docs/performance.md, session 15); checking one takes one lstat.
 *
 * A folder is known by its device, inode, change time and modification
 * time, both to the nanosecond.  What is trusted: that an entry added to
 * a folder, removed from it or renamed in it moves its change time
 * (which no unprivileged program can set back), and that a folder put in
 * its place is another inode.  Not covered, as for the photos
 * (photo_cache.h): a Markdown file added within one tick of the kernel's
 * clock (a few milliseconds) after an earlier change to the same folder,
 * with a build listing it in between; `gongshi build --force` lists every
 * folder again.  load/content.c asks only where this holds: Linux's local
 * file systems with times in nanoseconds, never a network share, whose
 * client caches a folder's times.
 *
 * The file is read from the live output and written into the new one,
 * as OUT/.gongshi-photos is (the manifest lists it; a web server that
 * hides dot files will not serve it).  Its first line is
 * "gongshi-content 1 HASH" (HASH the program's, write/manifest.h's
 * manifest_program), then one line per folder, in the walk's order:
 *
 *   DEV INO CSEC.CNSEC MSEC.MNSEC PATH
 *
 * decimals without leading zeros, nanoseconds in nine digits, PATH below
 * content/ ("communities/c1").  A file that is missing, another
 * program's or not a regular file (never through a link or from a pipe)
 * is ignored: every folder is listed.  The file is read a chunk at a time
 * as the walk asks, in the same order: a line that is wrong, or out of
 * that order, ends the reading, and no folder after it is known.  It
 * holds folder names and numbers only.
 *
 * Owned by the caller: content_record_free.  Asked on one thread at a
 * time (the walk's). */
#ifndef GONGSHI_WRITE_CONTENT_RECORD_H
#define GONGSHI_WRITE_CONTENT_RECORD_H

#include <stddef.h>

#include "load/content.h"
#include "util/diag.h"
#include "write/output.h"

#define CONTENT_RECORD_NAME ".gongshi-content"

struct content_record;

/* Opens OUT_DIR's record (`out_dir` NULL, or `force`: none known).
 * Never fails: a file that cannot be used is ignored. */
struct content_record *content_record_open(const char *out_dir, int force);

/* The record as the walk asks it (model_load_options.content_folders).
 * Valid while `r` is. */
struct content_folder_cache content_record_cache(struct content_record *r);

/* Writes the record of the folders `found` (this build's walk, in its
 * order) into the output `o`; nothing when there are none.  When they are
 * exactly the last build's lines, the live output's file is linked
 * instead.  0, or -1 after a diagnostic. */
int content_record_write(struct content_record *r, const struct content_folders *found,
			 struct output *o, diags *d);

/* Frees what the walk asked, once it is over (before the writer's peak),
 * keeping only the counts content_record_write needs. */
void content_record_forget(struct content_record *r);

/* How many folders the walk did not list because the record knew them. */
size_t content_record_known(const struct content_record *r);

void content_record_free(struct content_record *r);

#endif
