/* The photos' derivatives in the plan (plan.h): one output per photo and
 * width, at the path model/photo.h gives, keyed by the recipe, the width
 * and the source file's bytes, so that an unchanged photo is never
 * encoded again (a caption edit changes pages, not images). */
#ifndef GONGSHI_PLAN_PHOTOS_H
#define GONGSHI_PLAN_PHOTOS_H

#include "model/model.h"
#include "plan/plan.h"
#include "plan/shard.h"

/* What the encoder does (image/image.h's IMAGE_RECIPE, passed in by the
 * caller, since plan/ is below the renderers): a change of it makes every
 * derivative again. */
void plan_photos(struct plan *p, const struct site *s, const char *recipe,
		 const struct shard *sh);

#endif
