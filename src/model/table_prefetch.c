/* The first pass over the big tables, ahead (table_prefetch.h). */
#include "model/table_prefetch.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "load/file.h"
#include "util/xalloc.h"

struct slot {
	const char *file;
	struct table_first_pass pass;
	int made;	/* 1: `pass` holds the first pass; 0: left to the loader */
	int done;	/* the thread is past this table */
	int taken;
	int passed;	/* the loader is at a later table or took this one */
};

/* The thread goes on to the next table while the first passes it made
 * and the loader has not taken hold at most this many bytes of text:
 * data/photos.csv's pass is made while the loader reads communities.csv,
 * not after (55,000 communities: 9 MB), but a dozen reports a community
 * (progress.csv, tens of MB) is not held beside another big table. */
enum { AHEAD_BYTES = 16 << 20 };

struct table_prefetch {
	char *root, *prefix, *encoding;
	struct slot *slots;
	size_t n;
	size_t held;	/* bytes of text in passes made and not taken */
	int ending;	/* table_prefetch_end: stop waiting */
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t ready;	/* a table done, passed, or the end */
};

/* The first pass of one table, or nothing when the loader must say it
 * is missing or cannot be looked at. */
static void first_pass(const struct table_prefetch *p, struct slot *s)
{
	size_t rl = strlen(p->root), pl = strlen(p->prefix), fl = strlen(s->file);
	char *path = xmalloc(rl + 1 + fl + 1), *display = xmalloc(pl + fl + 1);
	struct table_first_pass *t = &s->pass;

	memcpy(path, p->root, rl);
	path[rl] = '/';
	memcpy(path + rl + 1, s->file, fl + 1);
	memcpy(display, p->prefix, pl);
	memcpy(display + pl, s->file, fl + 1);
	if (file_lookup_error(path) == 0) {
		/* The display path must outlive the thread: it is in the
		 * diagnostics and the outline, so in the pass's arena. */
		struct csv_source src = { NULL, p->encoding };

		diags none = DIAGS_INIT;

		t->a = arena_new();
		src.display_path = arena_strdup(t->a, display);
		t->d = none;
		t->open_rc = csv_open_within(p->root, path, src, &t->d, &t->f);
		if (t->open_rc == 0)
			t->scan_rc = schema_scan(&t->o, &t->f, t->a, &t->d);
		s->made = 1;
	}
	free(path);
	free(display);
}

/* The text a made pass holds until the loader takes it. */
static size_t held_bytes(const struct slot *s)
{
	return s->made && s->pass.open_rc == 0 ? s->pass.f.len : 0;
}

static void *run(void *arg)
{
	struct table_prefetch *p = arg;

	for (size_t i = 0; i < p->n; i++) {
		/* One table ahead of the loader, or more while what they hold
		 * is small: each holds its whole text until its second pass,
		 * and memory is the edit's other limit (docs/performance.md). */
		pthread_mutex_lock(&p->lock);
		while (i > 0 && !p->slots[i - 1].passed && p->held > AHEAD_BYTES && !p->ending)
			pthread_cond_wait(&p->ready, &p->lock);
		pthread_mutex_unlock(&p->lock);
		if (p->ending)
			break;
		first_pass(p, &p->slots[i]);
		pthread_mutex_lock(&p->lock);
		p->slots[i].done = 1;
		p->held += held_bytes(&p->slots[i]);
		pthread_cond_broadcast(&p->ready);
		pthread_mutex_unlock(&p->lock);
	}
	return NULL;
}

struct table_prefetch *table_prefetch_start(const char *root, const char *prefix,
					    const char *encoding, const char *const *files,
					    size_t n)
{
	struct table_prefetch *p = xcalloc(1, sizeof(*p));

	p->root = xstrdup(root);
	p->prefix = xstrdup(prefix);
	p->encoding = encoding ? xstrdup(encoding) : NULL;
	p->slots = xcalloc(n, sizeof(*p->slots));
	p->n = n;
	for (size_t i = 0; i < n; i++)
		p->slots[i].file = files[i];
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->ready, NULL);
	if (pthread_create(&p->thread, NULL, run, p) != 0) {
		p->n = 0;
		table_prefetch_end(p);
		return NULL;
	}
	return p;
}

int table_prefetch_take(struct table_prefetch *p, const char *file, struct table_first_pass *out)
{
	struct slot *s = NULL;
	size_t k;

	for (k = 0; p && k < p->n && !s; k++)
		if (strcmp(p->slots[k].file, file) == 0 && !p->slots[k].taken)
			s = &p->slots[k];
	if (s == NULL)
		return 0;
	pthread_mutex_lock(&p->lock);
	/* The tables above this one the loader is done with, read or not
	 * (one missing is not taken): the thread may go on. */
	for (size_t i = 0; i < k; i++)
		p->slots[i].passed = 1;
	pthread_cond_broadcast(&p->ready);
	while (!s->done)
		pthread_cond_wait(&p->ready, &p->lock);
	s->taken = 1;
	p->held -= held_bytes(s);
	pthread_cond_broadcast(&p->ready);
	pthread_mutex_unlock(&p->lock);
	if (!s->made)
		return 0;
	*out = s->pass;
	return 1;
}

void table_prefetch_end(struct table_prefetch *p)
{
	if (p == NULL)
		return;
	if (p->n) {
		pthread_mutex_lock(&p->lock);
		p->ending = 1;
		pthread_cond_broadcast(&p->ready);
		pthread_mutex_unlock(&p->lock);
		pthread_join(p->thread, NULL);
	}
	for (size_t i = 0; i < p->n; i++) {
		struct table_first_pass *t = &p->slots[i].pass;

		if (!p->slots[i].made || p->slots[i].taken)
			continue;
		if (t->open_rc == 0) {
			schema_outline_free(&t->o);
			csv_close(&t->f);
		}
		diags_free(&t->d);
		arena_free(t->a);
	}
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->ready);
	free(p->slots);
	free(p->root);
	free(p->prefix);
	free(p->encoding);
	free(p);
}
