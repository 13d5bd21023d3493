/* What a build learned of each photo, kept for the next one in
 * OUT/.gongshi-photos, so that a rebuild opens no photo that did not
 * change: at 55,000 communities of 10 photos, reading every photo's
 * header and hashing every photo's bytes on every build cost hours
 * (docs/performance.md).  The output keys stay the hash of the bytes:
 * with the file or without it, every output and the manifest are the
 * same.
 *
 * A photo is known by its identity as stat(2) gives it: device, inode,
 * size, modification time and change time, both to the nanosecond.
 * What is trusted: that a file whose bytes changed no longer has the
 * identity it had when it was read.  A photo copied or saved over by an
 * editor or a phone's sync tool is a new file (another inode) or was
 * written (a new modification time); one whose modification time is
 * set back afterwards (touch -d, cp -p, rsync -t, unzip) still has a new
 * change time, which no unprivileged program can set; one replaced within
 * the same second by the same size differs in the nanoseconds (ext4,
 * XFS, btrfs, tmpfs keep them).  Not covered: a file rewritten in place
 * twice within one tick of the kernel's clock (a few milliseconds) with a
 * build reading it in between, and a file system that keeps neither
 * inode numbers nor fine times (FAT, some network mounts): `gongshi
 * build --force` reads every photo again.
 *
 * The file is read from the live output (as .gongshi-pages) and written
 * into the new one with the rest of the output, so it is kept and pruned
 * with it (the manifest lists it).  Its first line names the format and
 * the program ("gongshi-photos 1 HASH", the hash of the program's version
 * and bytes, write/manifest.h's manifest_program): another program's
 * hashing or header reading is never trusted.  Then one line per photo
 * file, in the order of their identities (each number compared as a
 * number, the fields from the left):
 *
 *   DEV INO SIZE MSEC.MNSEC CSEC.CNSEC HASH WIDTH HEIGHT FORMAT PROFILE
 *
 * decimals without leading zeros (nanoseconds in nine digits), HASH the
 * file's hash (plan/photos.h) in 32 hex digits, WIDTH and HEIGHT upright
 * as photo_header gives them, FORMAT one of JPEG PNG WebP HEIC, PROFILE 0
 * or 1 (an ICC profile).  A file that is missing, another program's,
 * bigger than 256 MB, not a regular file (never through a link or from a
 * pipe), or wrong in any line (a damaged or edited file, the same
 * identity twice) is ignored whole: every photo is read again.  It holds
 * numbers and hashes only, no name or caption; a web server that hides
 * dot files will not serve it.
 *
 * In memory each photo is one fixed-size entry (64 bytes) in one array,
 * found through a table of 32-bit slots by its binary identity, and the
 * file is parsed 64 KB at a time, never held whole: at 550,000 photos
 * the text keys, a string map and the 59 MB file took about three times
 * that (docs/performance.md, session 10).
 *
 * Owned by the caller: photo_cache_free.  Thread-safe (one lock).  The
 * entries and their table are photo_cache.c's (photo_cache_priv.h), the
 * file's parsing photo_cache_read.c's, its writing photo_cache_write.c's. */
#ifndef GONGSHI_WRITE_PHOTO_CACHE_H
#define GONGSHI_WRITE_PHOTO_CACHE_H

#include <stddef.h>
#include <sys/stat.h>

#include "load/photo_header.h"
#include "util/diag.h"
#include "util/hash.h"
#include "write/output.h"

#define PHOTO_CACHE_NAME ".gongshi-photos"

struct photo_cache;

/* Reads OUT_DIR's photo facts (`out_dir` NULL, or `force`: none), on a
 * thread of its own: the first question waits for it (so a caller opens
 * the cache, then loads the site).  Never fails: a file that cannot be
 * used is ignored. */
struct photo_cache *photo_cache_open(const char *out_dir, int force);

/* The cache as photo_header_read consults it: `gongshi build` gives it to
 * the site's load (model_load_options.photo_headers).  Valid while `c`
 * is. */
struct photo_header_cache photo_cache_headers(struct photo_cache *c);

/* The hash of the file at `path` (hash_file's, finalized): from the
 * cache when its identity is known, else read, hashed and remembered.
 * A file that cannot be opened hashes as hash_file hashes it (missing). */
struct hash_value photo_cache_hash(struct photo_cache *c, const char *path);

/* The same for the file the load knew as `record` (the number
 * photo_cache_headers' `known` or `learn` gave it; 0: unknown, as
 * photo_cache_hash): no stat(2) again, the identity the load took being
 * the one the hash is given for.  A file changed since the load is then
 * keyed by its old bytes in this build, and seen changed by the next
 * (its identity moved). */
struct hash_value photo_cache_record_hash(struct photo_cache *c, size_t record,
					  const char *path);
/* Its first half, which needs no path: 1 and *out when the cache holds
 * the hash of `record` (counted as known), else 0 (nothing counted):
 * only then need a caller make the path for photo_cache_record_hash. */
int photo_cache_record_known(struct photo_cache *c, size_t record, struct hash_value *out);

/* What this build asked: files known from the last build's file, and
 * files read (a header or the bytes), for --verbose and the tests. */
void photo_cache_counts(const struct photo_cache *c, size_t *known, size_t *read);

/* Writes every photo this build asked of, both its header facts and its
 * hash known, as OUT/.gongshi-photos of the output `o`; nothing when
 * there are none.  When those are exactly the lines of the file read by
 * photo_cache_open (nothing read, every photo it knew asked), the live
 * output's file is linked instead (output_link): the same bytes, without
 * formatting, sorting and writing a line per photo.  Then forgets every
 * file, its entries freed: written once the plan is made
 * (cli/build_photos.h), before the writer holds the manifests and the
 * list of outputs, so that its 550,000 entries are not held at the
 * build's peak too.  A question after it reads the file (counted as
 * read).  0, or -1 with a diagnostic. */
int photo_cache_write(struct photo_cache *c, struct output *o, diags *d);

/* Accepts NULL. */
void photo_cache_free(struct photo_cache *c);

#endif
