#include "plan/photos.h"

#include "model/photo.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/xalloc.h"

struct hash_value plan_photo_hash(const struct plan_photo_hashes *ph, const struct site *s,
				  size_t i)
{
	struct hash src;
	buf rel = BUF_INIT, path = BUF_INIT;

	if (ph)
		return ph->of(ph->arg, s, i);
	hash_init(&src);
	photo_file_path(s, &s->photos[i], &rel);
	buf_printf(&path, "%s/%s", s->root, rel.data);
	hash_file(&src, path.data);
	buf_free(&rel);
	buf_free(&path);
	return hash_final(&src);
}

/* Photo `i`'s derivatives, narrowest first; the source hashed once. */
static void plan_photo(struct plan *p, const struct site *s, const char *recipe,
		       const struct plan_photo_hashes *hashes, size_t i)
{
	const struct photo *ph = &s->photos[i];
	int widths[PHOTO_MAX_WIDTHS];
	size_t n = photo_widths(ph, widths);
	struct hash_value file = plan_photo_hash(hashes, s, i);
	buf path = BUF_INIT;

	for (size_t k = 0; k < n; k++) {
		struct plan_output *o;
		struct hash h;

		photo_derivative_path(&s->communities[ph->community], ph, widths[k], &path);
		/* Packed: 550,000 of them at 55,000 communities with 10
		 * photos, each rounded up to 48 bytes by malloc. */
		o = plan_add_packed(p, OUTPUT_PHOTO, i, buf_cstr(&path));
		hash_init(&h);
		hash_str(&h, recipe);
		hash_num(&h, widths[k]);
		hash_value_add(&h, file);
		o->key = hash_final(&h);
		o->key_known = 1;
		o->round = widths[k];
	}
	buf_free(&path);
}

void plan_photos(struct plan *p, const struct site *s, const char *recipe,
		 const struct plan_photo_hashes *hashes, const struct shard *sh)
{
	int widths[PHOTO_MAX_WIDTHS];
	size_t more = 0;

	for (size_t i = 0; i < s->nphotos; i++)
		if (sh == NULL || shard_has_record(sh, s->communities[s->photos[i].community].id))
			more += photo_widths(&s->photos[i], widths);
	plan_reserve(p, more);
	for (size_t i = 0; i < s->nphotos; i++)
		if (sh == NULL || shard_has_record(sh, s->communities[s->photos[i].community].id))
			plan_photo(p, s, recipe, hashes, i);
}
