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
 * `of` may be called from several threads at once (plan_photos), never
 * from two at once for the same photo. */
struct plan_photo_hashes {
	struct hash_value (*of)(void *arg, const struct site *s, size_t photo);
	void *arg;
};

/* Photo `i`'s hash from `ph`, or read from its file when `ph` is NULL. */
struct hash_value plan_photo_hash(const struct plan_photo_hashes *ph, const struct site *s,
				  size_t i);

/* What the encoder does (image/image.h's IMAGE_RECIPE, passed in by the
 * caller, since plan/ is below the renderers): a change of it makes every
 * derivative again.  The files' hashes from `hashes` (NULL: read).  The
 * entries are made on up to `jobs` threads (the calling one among them),
 * each a run of photos into room reserved at once, so that the plan is
 * the same whatever `jobs` is: at 55,000 communities × 10 photos,
 * 1,100,000 entries made on one thread were 0.18 s of an edit while the
 * other core waited (docs/performance.md, session 15). */
void plan_photos(struct plan *p, const struct site *s, const char *recipe,
		 const struct plan_photo_hashes *hashes, const struct shard *sh, unsigned jobs);

#endif
