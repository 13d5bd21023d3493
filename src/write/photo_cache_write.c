/* photo_cache_write: this build's photo facts into the new output's
 * OUT/.gongshi-photos (photo_cache.h).  Owner: photo_cache.c. */
#include "write/photo_cache.h"
#include "write/photo_cache_priv.h"

#include <stdlib.h>

#include "util/buf.h"
#include "util/xalloc.h"

/* The whole line of `e`, its newline included, appended to `b`. */
static void entry_line(buf *b, const struct entry *e)
{
	char hex[PHOTO_CACHE_KEY_HEX + 1];

	hash_hex(e->hash, hex);
	buf_printf(b, "%llu %llu %llu %llu.%09lu %llu.%09lu %s %d %d %s %d\n",
		   (unsigned long long)e->id.dev, (unsigned long long)e->id.ino,
		   (unsigned long long)e->id.size, (unsigned long long)e->id.msec,
		   (unsigned long)e->id.mnsec, (unsigned long long)e->id.csec,
		   (unsigned long)e->id.cnsec, hex, (int)e->width, (int)e->height,
		   photo_header_format_of(e->format), (int)e->has_profile);
}

static int cmp_u64(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

/* By identity, each number compared as a number: the file's order. */
static int by_ident(const void *x, const void *y)
{
	const struct ident *a = &(*(const struct entry *const *)x)->id;
	const struct ident *b = &(*(const struct entry *const *)y)->id;
	int r;

	if ((r = cmp_u64(a->dev, b->dev)) || (r = cmp_u64(a->ino, b->ino)) ||
	    (r = cmp_u64(a->size, b->size)) || (r = cmp_u64(a->msec, b->msec)) ||
	    (r = cmp_u64(a->mnsec, b->mnsec)) || (r = cmp_u64(a->csec, b->csec)))
		return r;
	return cmp_u64(a->cnsec, b->cnsec);
}

/* 1 when this build's file would be the last build's, byte for byte:
 * nothing was read (so nothing learned or changed) and every photo the
 * file knew was asked of (so none is left out). */
static int as_last_time(const struct photo_cache *c)
{
	size_t used = 0;

	if (c->loaded == 0 || c->read != 0)
		return 0;
	for (size_t i = 0; i < c->n; i++)
		used += c->v[i].used;
	return used == c->loaded;
}

/* photo_cache_write before the entries are forgotten. */
static int write_entries(struct photo_cache *c, struct output *o, diags *d)
{
	const struct entry **kept;
	size_t n = 0;
	buf b = BUF_INIT;
	int rc;

	/* The edit of a caption at 55,000 communities × 10 photos: not
	 * 550,000 lines formatted, sorted and written again (59 MB), but the
	 * live output's file linked (output_link; 1: not there, written). */
	if (as_last_time(c) && (rc = output_link(o, PHOTO_CACHE_NAME, d)) != 1)
		return rc;
	rc = 0;
	kept = xcalloc(c->n + 1, sizeof(*kept));
	for (size_t i = 0; i < c->n; i++) {
		const struct entry *e = &c->v[i];

		if (e->used && e->has_hash && e->format)
			kept[n++] = e; /* else not this build's, or only half known */
	}
	if (n) {
		qsort(kept, n, sizeof(*kept), by_ident);
		buf_printf(&b, "%s\n", c->header);
		for (size_t i = 0; i < n; i++)
			entry_line(&b, kept[i]);
		rc = output_write(o, PHOTO_CACHE_NAME, b.data, b.len, d);
	}
	free(kept);
	buf_free(&b);
	return rc;
}

int photo_cache_write(struct photo_cache *c, struct output *o, diags *d)
{
	int rc;

	photo_cache_lock(c);
	pthread_mutex_unlock(&c->lock);
	rc = write_entries(c, o, d);

	pthread_mutex_lock(&c->lock);
	free(c->v);
	free(c->slots);
	c->v = NULL;
	c->slots = NULL;
	c->n = c->cap = c->nslots = c->loaded = 0;
	pthread_mutex_unlock(&c->lock);
	return rc;
}

