/* The output folder, written atomically.
 *
 * A build writes into a fresh sibling folder (OUT.tmp-XXXXXX) and only
 * output_commit() swaps it into place (one renameat2 RENAME_EXCHANGE on
 * Linux, two renames elsewhere), so a failed or killed build leaves the
 * previous output exactly as it was, and the next build puts back and
 * clears whatever a killed one left.  Every path is relative to the
 * output folder and checked: nothing is ever written outside it. */
#ifndef GONGSHI_OUTPUT_H
#define GONGSHI_OUTPUT_H

#include <stddef.h>

#include "util/diag.h"

struct output;

/* Repairs what a killed build left beside `out_dir`: when OUT is missing
 * and an OUT.old-* exists (killed between the two renames of a fallback
 * commit), renames it back to OUT; then removes every OUT.tmp-* and
 * OUT.old-*.  output_begin() does this first; call it before reading the
 * previous output (its manifest) to read the recovered one.  0, or -1
 * with a diagnostic when the old output cannot be put back. */
int output_recover(const char *out_dir, diags *d);
/* Starts a build of `out_dir` (after output_recover()).  NULL with a
 * diagnostic on failure. */
struct output *output_begin(const char *out_dir, diags *d);
/* Writes `len` bytes to `relpath` (e.g. "communities/x/index.html"),
 * creating folders.  Safe to call from several threads for different
 * paths.  -1 with a diagnostic naming the file on failure. */
int output_write(struct output *o, const char *relpath, const void *data,
		 size_t len, diags *d);
/* Copies the file at `src` to `relpath`. */
int output_copy(struct output *o, const char *relpath, const char *src,
		diags *d);
/* Puts the file at `src` (a file of the previous output) at `relpath`
 * as a hard link, or a copy when the two folders are on different file
 * systems.  Returns 0, 1 when `src` does not exist (nothing done, no
 * diagnostic), or -1 with a diagnostic. */
int output_link(struct output *o, const char *relpath, const char *src,
		diags *d);
/* A private folder beside the output, removed when the build ends (and,
 * after a killed build, by the next one): for temporary files that a
 * library wants on disk.  Nothing in it is published. */
const char *output_scratch_dir(const struct output *o);
/* 1 once any write has failed. */
int output_failed(const struct output *o);
/* Files and bytes written so far. */
size_t output_files(const struct output *o);
unsigned long long output_bytes(const struct output *o);
/* Replaces `out_dir` with what was written, removes the old output and
 * frees `o`.  -1 with a diagnostic when the swap fails (the old output
 * stays). */
int output_commit(struct output *o, diags *d);
/* Removes what was written and frees `o`; the old output stays.  Accepts
 * NULL. */
void output_abort(struct output *o);

/* 1 when `rel` is a safe relative path: not empty, not absolute, no "."
 * or ".." component, no empty component, no backslash. */
int output_path_safe(const char *rel);

#endif
