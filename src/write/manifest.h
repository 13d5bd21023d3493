/* The manifest of an output folder: for each file a build made through
 * it, a hash of everything the file was made from.  The next build
 * compares and carries unchanged files over instead of making them again.
 *
 * It is the file OUT/.gongshi-manifest, one line per file ("HASH PATH"),
 * sorted by path, under a first line naming the format and the program
 * that wrote it: a different gongshi binary ignores it and makes
 * everything.  Files written whatever their inputs (feeds, search
 * chunks, theme files) are listed too, with a hash of dashes, so that
 * the manifest names every file of its folder: format 2 (format 1 listed
 * pages and PDFs only).  It holds nothing but output paths and hashes,
 * so serving it does no harm; a web server that hides dot files will not
 * serve it. */
#ifndef GONGSHI_MANIFEST_H
#define GONGSHI_MANIFEST_H

#include <stddef.h>

#include "util/hash.h"
#include "write/listing.h"
#include "write/output.h"
#include "util/diag.h"

#define MANIFEST_NAME ".gongshi-manifest"

struct manifest;

/* Reads OUT_DIR's manifest, if any.  With `force`, or when it is missing,
 * unreadable or from another program, every file counts as changed.
 * Never fails.  Free with manifest_free. */
struct manifest *manifest_open(const char *out_dir, int force);
/* 1 when the live output's manifest was read and can be trusted: the
 * build is incremental, and may keep the old output as the spare. */
int manifest_usable(const struct manifest *m);
/* Reads the manifest of the spare folder (output.h).  1 when this
 * program wrote it and the folder holds nothing but the regular files it
 * names and their folders (the spare can be updated in place; a folder
 * its build recorded, OUT.spare.folders, and nobody changed since is
 * trusted without reading it: spare_check.h, and the files the record
 * names in such a folder are kept without being looked at, with the
 * record's sizes: spare_sizes.h); 0 when
 * another gongshi wrote it, or the folder holds anything else, such as a
 * link (the spare is useless or unsafe: remove it, never following a
 * link); -1 when the folder is missing, a link, or not gongshi's (leave
 * it alone). */
int manifest_open_spare(struct manifest *m, const char *spare_dir);
/* The files the live output's manifest lists, in its order (for
 * output_spare_make); the list stays `m`'s. */
const struct listing *manifest_files(const struct manifest *m);
/* The files the spare's manifest lists, in its order (for output_prune);
 * the list stays `m`'s. */
const struct listing *manifest_spare_files(const struct manifest *m);
/* By record of manifest_spare_files: nonzero for each file this build
 * kept in place through manifest_reuse (made, so not to be pruned), 0
 * for the others; NULL when no spare is used.  A file kept by its
 * folder's record (output_keep_listed) is not in output_files: its
 * record here is its line in manifest_write.  Read it once every file is
 * made: the page threads write it.  The array stays `m`'s. */
const unsigned char *manifest_spare_kept(const struct manifest *m);
/* About how many files an update of the spare notes in output_files
 * (output_expect): the live output's that the spare lacks, and the
 * spare's that no folder record gives a size, which are looked at and
 * noted when kept; the others are kept by their record, unnoted. */
size_t manifest_spare_noted(const struct manifest *m);
/* Notes that `relpath` is made from inputs hashing to `h`.  When an
 * earlier build made it from the same inputs, its file is used: left in
 * place when the spare being updated has it, else linked from the live
 * output, and 1 is returned; 0 when the caller must make the file, -1
 * (with a diagnostic) when linking failed.  Safe to call from several
 * threads. */
int manifest_reuse(struct manifest *m, struct output *o, const char *relpath,
		   struct hash_value h, diags *d);
/* Writes the manifest of this build into `o`, once every file is made:
 * the files of output_files, with the keys manifest_reuse noted, and
 * those kept by their folder's record, merged in path order; adds the
 * latter's bytes to output_bytes. */
int manifest_write(struct manifest *m, struct output *o, diags *d);
/* 0 when manifest_write had to leave a file out (a newline in its name):
 * then the folder must not become a spare, which is pruned by its
 * manifest. */
int manifest_complete(const struct manifest *m);
/* The first line's start of the record of folders this program writes
 * beside its manifest (folder_stamps.h), for output_record_folders. */
const char *manifest_folders_magic(const struct manifest *m);
/* The output folder whose manifest `m` read. */
const char *manifest_out_dir(const struct manifest *m);
/* What wrote a manifest (and OUT/.gongshi-pages): the program's version
 * and its own bytes where the system shows them, so that a rebuilt
 * gongshi never trusts files an older one made (their bytes may differ
 * though no input did). */
struct hash_value manifest_program(void);
/* Accepts NULL. */
void manifest_free(struct manifest *m);

#endif
