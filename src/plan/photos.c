#include "plan/photos.h"

#include <pthread.h>

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

/* Photo `i`'s derivatives, narrowest first, into the reserved entries
 * from `v` on, their paths packed in `paths`; the source hashed once.
 * Returns how many. */
static size_t plan_photo(struct plan_output *v, struct arena_pack *paths, const struct site *s,
			 const char *recipe, const struct plan_photo_hashes *hashes, size_t i)
{
	const struct photo *ph = &s->photos[i];
	int widths[PHOTO_MAX_WIDTHS];
	size_t n = photo_widths(ph, widths);
	struct hash_value file = plan_photo_hash(hashes, s, i);
	buf path = BUF_INIT;

	for (size_t k = 0; k < n; k++) {
		struct plan_output *o = &v[k];
		struct hash h;

		photo_derivative_path(&s->communities[ph->community], ph, widths[k], &path);
		/* Packed: 550,000 of them at 55,000 communities with 10
		 * photos, each rounded up to 48 bytes by malloc. */
		plan_set_packed(o, paths, OUTPUT_PHOTO, i, buf_cstr(&path));
		hash_init(&h);
		hash_str(&h, recipe);
		hash_num(&h, widths[k]);
		hash_value_add(&h, file);
		o->key = hash_final(&h);
		o->key_known = 1;
		o->round = widths[k];
	}
	buf_free(&path);
	return n;
}

/* Up to this many threads plan the derivatives. */
enum { SHARES_MAX = 8 };

/* One thread's part of plan_photos: photos [from, to), their entries
 * from `v` on, their paths in `paths` (its own). */
struct share {
	const struct site *s;
	const char *recipe;
	const struct plan_photo_hashes *hashes;
	const struct shard *sh;
	size_t from, to;
	struct plan_output *v;
	struct arena_pack paths;
	pthread_t thread;
	int started;
};

static int in_shard(const struct site *s, const struct shard *sh, size_t i)
{
	return sh == NULL || shard_has_record(sh, s->communities[s->photos[i].community].id);
}

static void *plan_share(void *arg)
{
	struct share *w = arg;
	struct plan_output *v = w->v;

	for (size_t i = w->from; i < w->to; i++)
		if (in_shard(w->s, w->sh, i))
			v += plan_photo(v, &w->paths, w->s, w->recipe, w->hashes, i);
	return NULL;
}

/* Splits the photos into `n` runs of about as many entries each (`more`
 * in all, from `v` on). */
static void split(struct share *w, size_t n, struct plan_output *v, size_t more)
{
	const struct site *s = w[0].s;
	int widths[PHOTO_MAX_WIDTHS];
	size_t i = 0, done = 0;

	for (size_t k = 0; k < n; k++) {
		size_t want = more * (k + 1) / n;

		w[k].from = i;
		w[k].v = v + done;
		while (i < s->nphotos && (k + 1 == n || done < want)) {
			if (in_shard(s, w[k].sh, i))
				done += photo_widths(&s->photos[i], widths);
			i++;
		}
		w[k].to = i;
	}
}

void plan_photos(struct plan *p, const struct site *s, const char *recipe,
		 const struct plan_photo_hashes *hashes, const struct shard *sh, unsigned jobs)
{
	int widths[PHOTO_MAX_WIDTHS];
	struct share w[SHARES_MAX];
	size_t more = 0, n;

	for (size_t i = 0; i < s->nphotos; i++)
		if (in_shard(s, sh, i))
			more += photo_widths(&s->photos[i], widths);
	if (more == 0)
		return;
	plan_reserve(p, more);
	/* Every build with two jobs or more splits the work, however small:
	 * a thread costs less than a tenth of a millisecond, and the runs
	 * meet the same way at any size. */
	n = jobs < 1 ? 1 : jobs > SHARES_MAX ? SHARES_MAX : jobs;
	for (size_t k = 0; k < n; k++)
		w[k] = (struct share){ .s = s, .recipe = recipe, .hashes = hashes, .sh = sh };
	split(w, n, p->v + p->n, more);
	/* The first run on this thread, the others beside it; a thread
	 * that cannot be had runs its part here. */
	for (size_t k = 1; k < n; k++)
		w[k].started = pthread_create(&w[k].thread, NULL, plan_share, &w[k]) == 0;
	plan_share(&w[0]);
	for (size_t k = 1; k < n; k++) {
		if (w[k].started)
			pthread_join(w[k].thread, NULL);
		else
			plan_share(&w[k]);
	}
	for (size_t k = 0; k < n; k++)
		plan_adopt_paths(p, &w[k].paths);
	p->n += more;
}
