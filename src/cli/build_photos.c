/* The photos' renderer (build_photos.h). */
#include <pthread.h>
#include <stdlib.h>

#include "cli/build_photos.h"
#include "image/image.h"
#include "plan/photos.h"
#include "util/xalloc.h"

struct build_photos {
	const struct site *s;
	unsigned char *failed; /* per photo: a width has failed and said why */
	pthread_mutex_t lock;
};

/* One derivative's bytes.  A photo that already failed at another width
 * fails again without a word; when two widths fail at once, the first to
 * take the lock keeps its message. */
static int photo_render(void *arg, const struct plan_output *o, void *state, buf *out,
			diags *d)
{
	struct build_photos *b = arg;
	diags mine = DIAGS_INIT;
	int rc, first;

	(void)state;
	pthread_mutex_lock(&b->lock);
	first = !b->failed[o->index];
	pthread_mutex_unlock(&b->lock);
	if (!first)
		return -1;
	rc = image_derive(b->s, &b->s->photos[o->index], o->round, out, &mine);
	if (rc < 0) {
		pthread_mutex_lock(&b->lock);
		first = !b->failed[o->index];
		b->failed[o->index] = 1;
		pthread_mutex_unlock(&b->lock);
	}
	if (rc == 0 || first)
		diags_move(d, &mine);
	diags_free(&mine);
	return rc < 0 ? -1 : 0;
}

struct build_photos *build_photos_open(const struct site *s)
{
	struct build_photos *b = xcalloc(1, sizeof(*b));

	b->s = s;
	b->failed = xcalloc(s->nphotos + 1, 1);
	pthread_mutex_init(&b->lock, NULL);
	return b;
}

struct plan_renderer build_photos_functions(struct build_photos *b)
{
	struct plan_renderer f = { NULL, photo_render, NULL, NULL, b };

	return f;
}

void build_photos_plan(const struct site *s, struct plan *p, const struct shard *sh)
{
	plan_photos(p, s, IMAGE_RECIPE, sh);
}

void build_photos_free(struct build_photos *b)
{
	if (b == NULL)
		return;
	pthread_mutex_destroy(&b->lock);
	free(b->failed);
	free(b);
}

int build_photos_jpeg(void *ctx, const struct photo *ph, int width, buf *out, diags *d)
{
	return image_derive(ctx, ph, width, out, d);
}
