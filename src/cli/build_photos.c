/* build_photos_render: the photos' derivatives on the pool (build_photos.h). */
#include <stdatomic.h>
#include <stdlib.h>

#include "build/pool.h"
#include "cli/build_photos.h"
#include "image/image.h"
#include "util/xalloc.h"

struct photo_jobs {
	const struct site *s;
	struct output *o;
	struct manifest *m;
	struct image_derivative *v; /* every derivative, photo by photo */
	size_t n;
	size_t *at; /* photo i's are v[at[i] .. at[i + 1]] */
	atomic_size_t made;
};

/* One derivative: carried over, or made and written.  0 or -1. */
static int one(struct photo_jobs *p, const struct image_derivative *dv, buf *tmp, diags *d)
{
	struct hash x;
	int rc;

	hash_init(&x);
	hash_str(&x, IMAGE_RECIPE);
	hash_num(&x, dv->width);
	buf_reset(tmp);
	buf_printf(tmp, "%s/%s", p->s->root, dv->photo->path);
	hash_file(&x, tmp->data);
	rc = manifest_reuse(p->m, p->o, dv->path, hash_final(&x), d);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	rc = image_derive(p->s, dv->photo, dv->width, tmp, d);
	if (rc == 0)
		rc = output_write(p->o, dv->path, tmp->data, tmp->len, d);
	if (rc == 0)
		atomic_fetch_add(&p->made, 1);
	return rc;
}

/* Job i: photo i's derivatives, stopping at the first failure so that a
 * broken photo is reported once. */
static int photo_job(void *ctx, size_t i, diags *d)
{
	struct photo_jobs *p = ctx;
	buf tmp = BUF_INIT;
	int rc = 0;

	for (size_t k = p->at[i]; rc == 0 && k < p->at[i + 1]; k++)
		rc = one(p, &p->v[k], &tmp, d);
	buf_free(&tmp);
	return rc;
}

int build_photos_jpeg(void *ctx, const struct photo *ph, int width, buf *out, diags *d)
{
	return image_derive(ctx, ph, width, out, d);
}

void build_photos_notice_key(struct hash *h, const struct site *s, const struct community *c)
{
	const struct photo *ph = photo_for_notice(s, c);
	buf path = BUF_INIT;

	hash_num(h, ph != NULL);
	if (ph == NULL)
		return;
	hash_str(h, ph->caption);
	hash_num(h, ph->date.year * 10000LL + ph->date.month * 100 + ph->date.day);
	hash_num(h, ph->kind);
	buf_printf(&path, "%s/%s", s->root, ph->path);
	hash_file(h, path.data);
	buf_free(&path);
}

int build_photos_render(const struct site *s, struct output *o, struct manifest *m,
			unsigned jobs, diags *d, size_t *all, size_t *made)
{
	struct photo_jobs p = { s, o, m, NULL, 0, NULL, 0 };
	size_t cap = 0;
	int rc;

	for (size_t c = 0; c < s->ncommunities; c++) {
		size_t k;
		struct image_derivative *v = image_derivatives(s, &s->communities[c], &k);

		if (p.n + k > cap) {
			cap = (p.n + k) * 2;
			p.v = xrealloc(p.v, cap * sizeof(*p.v));
		}
		for (size_t i = 0; i < k; i++)
			p.v[p.n++] = v[i];
		free(v); /* the paths now belong to p.v */
	}
	p.at = xcalloc(s->nphotos + 1, sizeof(*p.at));
	for (size_t k = 0, i = 0; k < p.n; k++)
		if (k == 0 || p.v[k].photo != p.v[k - 1].photo)
			p.at[i++] = k;
	p.at[s->nphotos] = p.n;
	rc = pool_run(jobs, s->nphotos, 0, photo_job, &p, d);
	free(p.at);
	if (all)
		*all = p.n;
	if (made)
		*made = atomic_load(&p.made);
	image_derivatives_free(p.v, p.n);
	return rc;
}
