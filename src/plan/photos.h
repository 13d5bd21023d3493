/* The photos' derivatives in the plan (plan.h): one output per photo and
 * width, at the path model/photo.h gives, keyed by the recipe, the width
 * and the source file's bytes, so that an unchanged photo is never
 * encoded again (a caption edit changes pages, not images). */
#ifndef GONGSHI_PLAN_PHOTOS_H
#define GONGSHI_PLAN_PHOTOS_H

#include "model/model.h"
#include "plan/plan.h"
#include "plan/shard.h"
#include "util/hash.h"

/* Each photo's file, hashed as hash_file does and finalized: what its
 * derivatives and a notice or poster that prints it are keyed by.  The
 * caller may know it without reading the file (cli/build_photos.c, from
 * the last build's OUT/.gongshi-photos: write/photo_cache.h), since plan/
 * does not include write/, as plan/volumes.c is handed the page counts.
 * `of` is called from one thread. */
struct plan_photo_hashes {
	struct hash_value (*of)(void *arg, const struct site *s, size_t photo);
	void *arg;
};

/* Photo `i`'s hash from `ph`, or read from its file when `ph` is NULL. */
struct hash_value plan_photo_hash(const struct plan_photo_hashes *ph, const struct site *s,
				  size_t i);

/* What the encoder does (image/image.h's IMAGE_RECIPE, passed in by the
 * caller, since plan/ is below the renderers): a change of it makes every
 * derivative again.  The files' hashes from `hashes` (NULL: read). */
void plan_photos(struct plan *p, const struct site *s, const char *recipe,
		 const struct plan_photo_hashes *hashes, const struct shard *sh);

#endif
