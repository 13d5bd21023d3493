/* The output folder, written atomically.
 *
 * A build writes into a sibling folder (OUT.tmp-XXXXXX) and only
 * output_commit() swaps it into place (one renameat2 RENAME_EXCHANGE on
 * Linux, two renames elsewhere), so a failed or killed build leaves the
 * previous output exactly as it was, and the next build puts back and
 * clears whatever a killed one left.  Every path is relative to the
 * output folder and checked: nothing is ever written outside it.
 *
 * The spare: making a new folder of 100,000 files, even as hard links,
 * and deleting the old one costs far more than the few files one edit
 * changes.  So an incremental build may keep the output it replaced
 * beside the new one as OUT.spare, and the next build starts from that
 * folder instead of an empty one: it moves it to its temporary name,
 * writes only the files that differ (removing each old file first, never
 * writing into it: the spare shares unchanged files with the live output
 * as hard links), removes the files no longer made (output_prune) and
 * swaps it in.  The live output is never touched until the swap.
 *
 * Nothing escapes (docs/security.md, "The output folder"): every file is
 * made, linked, kept or removed beneath an open descriptor of its folder
 * and never through a symbolic link or ".." (output_fs.h); the spare is
 * used only when it holds nothing a build would not have made
 * (manifest_open_spare), else it is discarded; one build at a time
 * works on an output (output_lock.h), so recovery never removes the
 * temporary folder of a build still running.
 *
 * Split by job: output.c writes and swaps, output_keep.c looks at the
 * files of the spare kept as they are, output_spare.c keeps and
 * prunes the spare, output_recover.c clears what a killed build left,
 * output_fs.c is the no-follow file access all of them use. */
#ifndef GONGSHI_OUTPUT_H
#define GONGSHI_OUTPUT_H

#include <stddef.h>

#include "write/folder_stamps.h"
#include "write/listing.h"
#include "write/output_fs.h" /* relpath_safe(), for callers */
#include "util/buf.h"
#include "util/diag.h"

struct output;

/* Repairs what a killed build left beside `out_dir`: when OUT is missing
 * and an OUT.old-* exists (killed between the two renames of a fallback
 * commit), renames it back to OUT; then removes every OUT.tmp-* and
 * OUT.old-*.  output_begin() does this first; call it before reading the
 * previous output (its manifest) to read the recovered one, and only
 * while holding the output's lock (output_lock.h).  0, or -1 with a
 * diagnostic when the old output cannot be put back. */
int output_recover(const char *out_dir, diags *d);
/* OUT.spare, for `out_dir`, into `path`. */
void output_spare_path(const char *out_dir, buf *path);
/* The record of the folders of the tree `tree` (OUT or OUT.spare), kept
 * beside it as TREE.folders (folder_stamps.h), into `path`. */
void output_folders_path(const char *tree, buf *path);
/* Removes OUT.spare (call only when it is known to be gongshi's), never
 * following a link in it: a link is removed as a link.  0 or -1. */
int output_spare_discard(const char *out_dir);
/* Starts a build of `out_dir` (after output_recover()): in the folder
 * `reuse` (the spare) when given and it can be taken, else in an empty
 * one.  NULL with a diagnostic on failure. */
struct output *output_begin(const char *out_dir, const char *reuse, diags *d);
/* 1 when the build updates the spare rather than an empty folder. */
int output_in_place(const struct output *o);
/* Makes room to count `n` files whose paths take `bytes` bytes without
 * growing under the lock the threads share: a hint, e.g. the spare's
 * files. */
void output_expect(struct output *o, size_t n, size_t bytes);
/* The paths `base` holds (the live output's manifest: manifest_files)
 * are not copied into the list of this build's files (listing_share):
 * `base` must outlive `o` and not change meanwhile. */
void output_share_paths(struct output *o, const struct listing *base);
/* Writes `len` bytes to `relpath` (e.g. "communities/x/index.html"),
 * creating folders.  Safe to call from several threads for different
 * paths.  -1 with a diagnostic naming the file on failure. */
int output_write(struct output *o, const char *relpath, const void *data,
		 size_t len, diags *d);
/* Writes to `relpath` what `fill` appends to the buffer it is given
 * (emptied before each call), until it appends nothing: a large file
 * (the manifest) written a piece at a time rather than held whole.  As
 * output_write otherwise; the file is counted once written. */
int output_write_pieces(struct output *o, const char *relpath,
			void (*fill)(void *ctx, buf *piece), void *ctx, diags *d);
/* Copies the file at `src` to `relpath`. */
int output_copy(struct output *o, const char *relpath, const char *src,
		diags *d);
/* Puts the file at `relpath` of the live output (the previous build's)
 * at `relpath` as a hard link, or a copy when the two folders are on
 * different file systems; the live output is read beneath its folder,
 * never through a link.  Returns 0, 1 when it has no regular file there
 * (nothing done, no diagnostic), or -1 with a diagnostic. */
int output_link(struct output *o, const char *relpath, diags *d);
/* The same, noting its key `key` (NULL: none) with it, as
 * output_note_key. */
int output_link_keyed(struct output *o, const char *relpath, const struct hash_value *key,
		      diags *d);
/* Counts the file at `relpath`, already right in the spare being
 * updated, as part of this build, made from inputs hashing to `key`
 * (as output_note_key).  It is looked at: a file missing or not a
 * regular file (changed by hand) returns -1.  0, or -1 (make it). */
int output_keep(struct output *o, const char *relpath, struct hash_value key);
/* The same for a file the record of a trusted folder names with its
 * size (spare_sizes.h), which is not looked at and not noted either: the
 * caller's list, the spare's manifest, holds its path, key and size
 * (manifest_write lists it, output_count_kept counts its bytes).  0 when
 * the spare is being updated in place and the path stays below it, or
 * -1 (make it). */
int output_keep_listed(const struct output *o, const char *relpath);
/* Adds `bytes` to output_bytes: the files output_keep_listed kept.
 * Call once no thread writes. */
void output_count_kept(struct output *o, unsigned long long bytes);
/* In the spare, removes each file `old` lists (the spare's manifest)
 * that this build did not make, and the folders this leaves empty.
 * `kept`, or NULL: by record of `old`, nonzero for a file this build kept
 * (output_keep, output_keep_listed), known made without a look-up in this
 * build's list (at 55,000 communities, 610,000 look-ups on one thread).  Call once every
 * file is made.  0, or -1 with a diagnostic. */
int output_prune(struct output *o, const struct listing *old, const unsigned char *kept,
		 diags *d);
/* Records the folders holding the files `v` (`n` records, sorted by
 * path: the manifest's files, each of output_files (`from` 0) or of
 * `kept` (`from` 1; NULL when none is), with the sizes those lists hold;
 * the stamps `known` carried over: folder_stamps.h) as they
 * are now in the folder being written, under the first
 * line `magic` (folder_stamps.h), once nothing but the root changes any
 * more: the next check of this tree as the spare trusts those unchanged
 * since (spare_check.h).  Kept out of the tree, whose bytes must not
 * depend on times: output_commit puts it beside the output as
 * OUT.folders (and moves the replaced output's to OUT.spare.folders
 * when that output becomes the spare), output_commit_spare beside the
 * spare it makes. */
void output_record_folders(struct output *o, const struct listing_line *v, size_t n,
			   const struct listing *kept, const struct folder_stamps_known *known,
			   const char *magic);
/* Notes that `relpath` is made from inputs hashing to `key` (the
 * manifest's record of this build: manifest.h), in the list of files
 * output_files gives.  Safe to call from several threads. */
void output_note_key(struct output *o, const char *relpath, struct hash_value key);
/* Every file this build made, kept or linked (flagged LISTING_MADE), in
 * no particular order, and every path given a key (output_note_key),
 * with it; the list stays `o`'s.  Read it only once no thread writes. */
const struct listing *output_files(const struct output *o);
/* A private folder beside the output, removed when the build ends (and,
 * after a killed build, by the next one): for temporary files that a
 * library wants on disk.  Nothing in it is published. */
const char *output_scratch_dir(const struct output *o);
/* 1 once any write has failed. */
int output_failed(const struct output *o);
/* Bytes written so far. */
unsigned long long output_bytes(const struct output *o);
/* Replaces `out_dir` with what was written and frees `o`.  The old
 * output becomes OUT.spare with `keep_old` (when that name is free),
 * else it is removed.  -1 with a diagnostic when the swap fails (the old
 * output stays). */
int output_commit(struct output *o, int keep_old, diags *d);
/* Makes what was written the spare, OUT.spare, instead of the output
 * (output_spare_make.h), when that name is free, and frees `o`.  0; 1
 * when the name was taken meanwhile (what was written is removed); -1
 * with a diagnostic when the rename fails (the same). */
int output_commit_spare(struct output *o, diags *d);
/* Removes what was written and frees `o`; the old output stays.  Accepts
 * NULL. */
void output_abort(struct output *o);

#endif
