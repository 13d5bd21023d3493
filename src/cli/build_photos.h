/* The photos' derivatives in `gongshi build` (communities/ID/photos/
 * NAME-WIDTH.jpg, image/image.h): each keyed by its source file's bytes,
 * its width and the recipe, so an unchanged photo is never decoded again.
 * A stopgap until the plan stage lists them as outputs (issue 17). */
#ifndef GONGSHI_CLI_BUILD_PHOTOS_H
#define GONGSHI_CLI_BUILD_PHOTOS_H

#include <stddef.h>

#include "build/manifest.h"
#include "build/output.h"
#include "model/model.h"
#include "util/diag.h"

/* Makes (or carries over) every derivative of `s` into `o` on `jobs`
 * threads, one photo a job; counts them into *all and *made (either may
 * be NULL).  0, or -1 after an error (a broken photo: one error each). */
int build_photos_render(const struct site *s, struct output *o, struct manifest *m,
			unsigned jobs, diags *d, size_t *all, size_t *made);

/* pdf_photo_fn (pdf/pdf.h) over image_derive: `ctx` is the site. */
int build_photos_jpeg(void *ctx, const struct photo *ph, int width, buf *out, diags *d);
/* What a community's notice shows of its photo (site.yaml's notice.image,
 * hashed with site.yaml already): the photo's caption, date, kind and
 * bytes, for the notice's key. */
void build_photos_notice_key(struct hash *h, const struct site *s, const struct community *c);

#endif
