#include "load/content_read.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "load/front_matter.h"
#include "load/encoding.h"
#include "load/file.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* Files handed to a thread at a time: enough that taking them costs
 * nothing next to reading them, few enough that a thread slowed by the
 * rest of the machine leaves the others little to wait for. */
enum { CHUNK_MAX = 64, CHUNKS_PER_THREAD = 8 };

/* The list being read, shared by the threads; owned by the caller. */
struct job {
	struct content_item *items; /* each written by the thread that took it */
	struct page *pages;	    /* likewise */
	size_t n, chunk;
	const char *encoding;
	pthread_mutex_t lock; /* guards next */
	size_t next;	      /* the first item no thread has taken */
};

/* One thread's state: nothing in it is shared. */
struct reader {
	const char *encoding;
	arena *a;    /* the pages' text and strings; the thread's own */
	buf scratch; /* decoded GB18030 text, reused file after file; owned */
	diags d;     /* the current file's problems, moved to its item */
};

diags *content_read_take_diags(diags *d)
{
	diags *kept;

	if (d->n == 0 && d->errors == 0 && d->warnings == 0)
		return NULL;
	kept = xmalloc(sizeof(*kept));
	*kept = *d;
	*d = (diags)DIAGS_INIT;
	return kept;
}

/* The file's text as UTF-8: its own bytes when they are UTF-8 already
 * (file_read_spec has NUL-terminated them), else what they decode to,
 * copied into the arena.  Copying every file only to validate it cost
 * as much again as reading it. */
static int page_text(struct reader *r, const char *raw, size_t rawlen,
		     const char *display, const char **text, size_t *len)
{
	struct decoded dec = { &r->scratch, NULL, 0, NULL };

	if (encoding_as_utf8(raw, rawlen, r->encoding, display, &r->d, &dec) < 0)
		return -1;
	*text = dec.text;
	*len = dec.len;
	if (*text == r->scratch.data)
		*text = arena_strndup(r->a, *text, *len);
	return 0;
}

static void read_item(struct reader *r, struct content_item *it, struct page *p)
{
	const char *rel = it->rel, *base = strrchr(rel, '/'), *text;
	char *raw;
	size_t rawlen, len;

	/* The walk has checked a link against the site; a file that is not
	 * one is inside, as the folder holding it is. */
	const struct file_spec f = { NULL, it->dirfd, it->path, it->display,
				     FILE_MAX_MARKDOWN };

	if (file_read_spec(&f, r->a, &r->d, &raw, &rawlen) == 0 &&
	    page_text(r, raw, rawlen, it->display, &text, &len) == 0) {
		memset(p, 0, sizeof(*p));
		p->path = rel;
		base = base ? base + 1 : rel;
		p->slug = arena_strndup(r->a, base, strlen(base) - 3);
		front_matter_parse(p, text, len, it->display, r->a, &r->d);
		it->read = 1;
	}
	it->found = content_read_take_diags(&r->d);
}

/* The first item of the next run, its end in *end; j->n when none is
 * left. */
static size_t take(struct job *j, size_t *end)
{
	size_t i;

	pthread_mutex_lock(&j->lock);
	i = j->next;
	j->next = i + j->chunk < j->n ? i + j->chunk : j->n;
	*end = j->next;
	pthread_mutex_unlock(&j->lock);
	return i;
}

static void read_runs(struct job *j, arena *a)
{
	struct reader r = { j->encoding, a, BUF_INIT, DIAGS_INIT };
	size_t i, end;

	while ((i = take(j, &end)) < j->n)
		for (; i < end; i++)
			read_item(&r, &j->items[i], &j->pages[i]);
	buf_free(&r.scratch);
}

/* A thread besides the calling one, with an arena of its own: arenas
 * are not shared between threads. */
struct helper {
	pthread_t thread;
	struct job *job;
	arena *a; /* owned until adopted by the site's arena */
};

static void *helper_main(void *arg)
{
	struct helper *h = arg;

	read_runs(h->job, h->a);
	return NULL;
}

/* The reading of one list. */
struct content_reading {
	struct job job;
	struct helper *helpers; /* owned */
	unsigned started;	/* helpers running */
};

/* Runs of a few files for `jobs` threads to share: several each, so
 * that one slowed by the rest of the machine holds up the others
 * little.  Returns how many threads have something to do. */
static unsigned plan_runs(struct job *j, unsigned jobs)
{
	size_t chunk = j->n / ((size_t)jobs * CHUNKS_PER_THREAD);
	size_t runs;

	j->chunk = chunk < 1 ? 1 : chunk > CHUNK_MAX ? CHUNK_MAX : chunk;
	runs = (j->n + j->chunk - 1) / j->chunk;
	return jobs > runs ? (unsigned)runs : jobs;
}

struct content_reading *content_read_begin(struct content_item *items,
					   struct page *pages, size_t n,
					   const char *encoding, unsigned jobs)
{
	struct content_reading *r = xcalloc(1, sizeof(*r));
	struct job *j = &r->job;

	*j = (struct job){ items, pages, n, 1, encoding, PTHREAD_MUTEX_INITIALIZER, 0 };
	jobs = plan_runs(j, jobs ? jobs : 1);
	r->helpers = xcalloc(jobs ? jobs : 1, sizeof(*r->helpers));
	/* A thread that cannot be started leaves more for the others. */
	for (unsigned t = 1; t < jobs; t++) {
		struct helper *h = &r->helpers[r->started];

		h->job = j;
		h->a = arena_new();
		if (pthread_create(&h->thread, NULL, helper_main, h) == 0)
			r->started++;
		else
			arena_free(h->a);
	}
	return r;
}

void content_read_end(struct content_reading *r, arena *a)
{
	read_runs(&r->job, a);
	for (unsigned t = 0; t < r->started; t++) {
		pthread_join(r->helpers[t].thread, NULL);
		arena_adopt(a, r->helpers[t].a);
	}
	pthread_mutex_destroy(&r->job.lock);
	free(r->helpers);
	free(r);
}
