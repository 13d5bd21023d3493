/* The manifest of an output folder: for each file a build made through
 * it, a hash of everything the file was made from.  The next build
 * compares and carries unchanged files over instead of making them again.
 *
 * It is the file OUT/.gongshi-manifest, one line per file ("HASH PATH"),
 * sorted by path, under a first line naming the format and the program
 * that wrote it: a different gongshi binary ignores it and makes
 * everything.  It holds nothing but output paths and hashes, so serving
 * it does no harm; a web server that hides dot files will not serve it. */
#ifndef GONGSHI_MANIFEST_H
#define GONGSHI_MANIFEST_H

#include <stddef.h>

#include "build/hash.h"
#include "build/output.h"
#include "util/diag.h"

#define MANIFEST_NAME ".gongshi-manifest"

struct manifest;

/* Reads OUT_DIR's manifest, if any.  With `force`, or when it is missing,
 * unreadable or from another program, every file counts as changed.
 * Never fails.  Free with manifest_free. */
struct manifest *manifest_open(const char *out_dir, int force);
/* Notes that `relpath` is made from inputs hashing to `h`.  When the
 * previous build made it from the same inputs and its file is still
 * there, links that file into `o` and returns 1; returns 0 when the
 * caller must make the file, -1 (with a diagnostic) when linking failed.
 * Safe to call from several threads. */
int manifest_reuse(struct manifest *m, struct output *o, const char *relpath,
		   struct hash_value h, diags *d);
/* Writes the manifest of this build into `o`. */
int manifest_write(struct manifest *m, struct output *o, diags *d);
/* Files carried over by manifest_reuse. */
size_t manifest_reused(const struct manifest *m);
/* Accepts NULL. */
void manifest_free(struct manifest *m);

#endif
