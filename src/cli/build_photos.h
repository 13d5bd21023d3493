/* The photos' renderer in `gongshi build`: the plan lists each photo's
 * derivatives (communities/ID/photos/NAME-WIDTH.jpg, plan/photos.h) and
 * this makes one with image/image.h.  A broken photo is reported once,
 * whichever of its widths meets it first. */
#ifndef GONGSHI_CLI_BUILD_PHOTOS_H
#define GONGSHI_CLI_BUILD_PHOTOS_H

#include "model/model.h"
#include "plan/plan.h"
#include "plan/shard.h"
#include "util/buf.h"
#include "util/diag.h"

struct build_photos;

/* The renderer of site `s`'s photos (which must outlive it); free with
 * build_photos_free. */
struct build_photos *build_photos_open(const struct site *s);
struct plan_renderer build_photos_functions(struct build_photos *b);
/* Lists the derivatives of shard `sh` (NULL: all) in `p`. */
void build_photos_plan(const struct site *s, struct plan *p, const struct shard *sh);
/* Accepts NULL. */
void build_photos_free(struct build_photos *b);

/* pdf_photo_fn (pdf/pdf.h) over image_derive: `ctx` is the site. */
int build_photos_jpeg(void *ctx, const struct photo *ph, int width, buf *out, diags *d);

#endif
