/* The photos' renderer (build_photos.h). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/build_photos.h"
#include "image/image.h"
#include "load/photo_header.h"
#include "plan/photos.h"
#include "util/xalloc.h"

struct build_photos {
	const struct site *s;
	unsigned char *failed; /* per photo: a width has failed and said why */
	int no_library;	       /* libvips could not be had: said once */
	pthread_mutex_t lock;
	struct photo_cache *cache; /* NULL: every file read */
	struct hash_value *hash;   /* per photo, once hashed[i] */
	unsigned char *hashed;
};

/* One derivative's bytes.  A photo that already failed at another width
 * fails again without a word; when two widths fail at once, the first to
 * take the lock keeps its message.  So does every photo once libvips
 * could not be had (image_derive's PHOTO_HEADER_NO_LIBRARY), said once
 * for the build. */
static int photo_render(void *arg, const struct plan_output *o, void *state, buf *out,
			diags *d)
{
	struct build_photos *b = arg;
	diags mine = DIAGS_INIT;
	int rc, first;

	(void)state;
	pthread_mutex_lock(&b->lock);
	first = !b->failed[o->index] && !b->no_library;
	pthread_mutex_unlock(&b->lock);
	if (!first)
		return -1;
	rc = image_derive(b->s, &b->s->photos[o->index], o->round, out, &mine);
	if (rc < 0) {
		pthread_mutex_lock(&b->lock);
		first = !b->failed[o->index] && !b->no_library;
		b->failed[o->index] = 1;
		b->no_library |= rc == PHOTO_HEADER_NO_LIBRARY;
		pthread_mutex_unlock(&b->lock);
	}
	if (rc == 0 || first)
		diags_move(d, &mine);
	diags_free(&mine);
	return rc < 0 ? -1 : 0;
}

struct build_photos *build_photos_open(const struct site *s, struct photo_cache *cache)
{
	struct build_photos *b = xcalloc(1, sizeof(*b));

	b->s = s;
	b->failed = xcalloc(s->nphotos + 1, 1);
	pthread_mutex_init(&b->lock, NULL);
	b->cache = cache;
	b->hash = xcalloc(s->nphotos + 1, sizeof(*b->hash));
	b->hashed = xcalloc(s->nphotos + 1, 1);
	return b;
}

/* Photo `i`'s hash when the cache does not hold it by the load's record:
 * the file at its path, through the cache when there is one. */
static struct hash_value file_hash(struct build_photos *b, const struct site *s, size_t i)
{
	buf rel = BUF_INIT, path = BUF_INIT;
	struct hash_value v;

	if (b->cache == NULL)
		return plan_photo_hash(NULL, s, i);
	photo_file_path(s, &s->photos[i], &rel);
	buf_printf(&path, "%s/%s", s->root, rel.data);
	v = photo_cache_record_hash(b->cache, s->photos[i].record, path.data);
	buf_free(&rel);
	buf_free(&path);
	return v;
}

/* plan/photos.h's `of`: photo `i`'s hash, asked of the cache once (a
 * notice, its poster and the derivatives all ask).  Its path is made only
 * when the cache does not know it: at a rebuild, nearly never.  Called
 * from several threads at once, each asking of other photos: photo i's
 * hash[i] and hashed[i] are only ever touched by one of them. */
static struct hash_value photo_hash(void *arg, const struct site *s, size_t i)
{
	struct build_photos *b = arg;

	if (b->hash == NULL) /* after build_photos_keep: nothing asks */
		return plan_photo_hash(NULL, s, i);
	if (!b->hashed[i]) {
		if (b->cache == NULL ||
		    !photo_cache_record_known(b->cache, s->photos[i].record, &b->hash[i]))
			b->hash[i] = file_hash(b, s, i);
		b->hashed[i] = 1;
	}
	return b->hash[i];
}

struct plan_photo_hashes build_photos_hashes(struct build_photos *b)
{
	struct plan_photo_hashes h = { photo_hash, b };

	return h;
}

int build_photos_keep(struct build_photos *b, struct output *o, diags *d)
{
	int rc = b->cache ? photo_cache_write(b->cache, o, d) : 0;

	free(b->hash);
	free(b->hashed);
	b->hash = NULL;
	b->hashed = NULL;
	return rc;
}

void build_photos_print_counts(const struct build_photos *b)
{
	size_t known = 0, read = 0;

	if (b->cache == NULL)
		return;
	photo_cache_counts(b->cache, &known, &read);
	printf("照片：%zu 次读取文件，%zu 次用上次构建记下的结果（%s）\n", read, known,
	       PHOTO_CACHE_NAME);
}

struct plan_renderer build_photos_functions(struct build_photos *b)
{
	struct plan_renderer f = { NULL, photo_render, NULL, NULL, b };

	return f;
}

void build_photos_plan(struct build_photos *b, struct plan *p, const struct shard *sh,
		       unsigned jobs)
{
	struct plan_photo_hashes h = build_photos_hashes(b);

	plan_photos(p, b->s, IMAGE_RECIPE, b->cache ? &h : NULL, sh, jobs);
}

void build_photos_free(struct build_photos *b)
{
	if (b == NULL)
		return;
	pthread_mutex_destroy(&b->lock);
	free(b->hash);
	free(b->hashed);
	free(b->failed);
	free(b);
}

int build_photos_jpeg(void *ctx, const struct photo *ph, int width, buf *out, diags *d)
{
	return image_derive(ctx, ph, width, out, d);
}
