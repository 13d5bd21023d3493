/* The photos' renderer in `gongshi build`: the plan lists each photo's
 * derivatives (communities/ID/photos/NAME-WIDTH.jpg, plan/photos.h) and
 * this makes one with image/image.h.  A broken photo is reported once,
 * whichever of its widths meets it first. */
#ifndef GONGSHI_CLI_BUILD_PHOTOS_H
#define GONGSHI_CLI_BUILD_PHOTOS_H

#include "model/model.h"
#include "plan/photos.h"
#include "plan/plan.h"
#include "plan/shard.h"
#include "util/buf.h"
#include "util/diag.h"
#include "write/output.h"
#include "write/photo_cache.h"

struct build_photos;

/* The renderer of site `s`'s photos (which must outlive it), the
 * photos' files hashed through `cache` (the last build's facts,
 * write/photo_cache.h; NULL: every file read); free with
 * build_photos_free. */
struct build_photos *build_photos_open(const struct site *s, struct photo_cache *cache);
struct plan_renderer build_photos_functions(struct build_photos *b);
/* Lists the derivatives of shard `sh` (NULL: all) in `p`, on up to
 * `jobs` threads. */
void build_photos_plan(struct build_photos *b, struct plan *p, const struct shard *sh,
		       unsigned jobs);
/* The photos' hashes as the plan asks them (plan/photos.h): each file
 * hashed once a build, through the cache.  Valid while `b` is. */
struct plan_photo_hashes build_photos_hashes(struct build_photos *b);
/* Writes what the cache knows into the output `o` (OUT/.gongshi-photos)
 * once the plan is made: every hash it will ask has been asked.  Then
 * frees the photos' hashes, as photo_cache_write frees the cache's
 * entries, before the writer runs (the build's peak of memory): a hash
 * asked after it is read from the file.  0, or -1 with a diagnostic. */
int build_photos_keep(struct build_photos *b, struct output *o, diags *d);
/* --verbose: how many photo files were read, how many known. */
void build_photos_print_counts(const struct build_photos *b);
/* Accepts NULL. */
void build_photos_free(struct build_photos *b);

/* pdf_photo_fn (pdf/pdf.h) over image_derive: `ctx` is the site. */
int build_photos_jpeg(void *ctx, const struct photo *ph, int width, buf *out, diags *d);

#endif
