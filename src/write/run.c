#include "write/run.h"

#include <stdlib.h>
#include <string.h>

#include "write/pool.h"
#include "util/xalloc.h"

/* A multi-file output (a job without a path): its diagnostics, kept
 * aside and reported after the run's, and what it returned. */
struct aside {
	size_t job;
	diags d;
	int rc;
};

/* One run: what every job reads, and one byte per job it writes.  Only
 * the few multi-file outputs get more: a collector for every job was 64
 * bytes for each of 610,000 outputs. */
struct run {
	const struct write_run *w;
	const struct plan_output *v;
	unsigned char *outcome;	/* enum write_outcome per job */
	struct aside *aside;	/* by job, ascending */
	size_t naside;
};

/* The sink of a multi-file output: its diagnostics kept aside. */
struct sink_ctx {
	const struct write_run *w;
	diags *d;
};

static int sink_write(void *ctx, const char *path, const char *data, size_t len)
{
	struct sink_ctx *k = ctx;
	int rc = 0;

	if (k->w->m)
		rc = manifest_reuse(k->w->m, k->w->o, path, hash_content(data, len), k->d);
	if (rc == 0)
		rc = output_write(k->w->o, path, data, len, k->d);
	return rc < 0 ? -1 : 0;
}

static int sink_carry(void *ctx, const char *path, struct hash_value key)
{
	struct sink_ctx *k = ctx;

	return manifest_reuse(k->w->m, k->w->o, path, key, k->d);
}

static int sink_put(void *ctx, const char *path, const char *data, size_t len)
{
	struct sink_ctx *k = ctx;

	return output_write(k->w->o, path, data, len, k->d);
}

static int sink_copy(void *ctx, const char *path, const char *src)
{
	struct sink_ctx *k = ctx;

	return output_copy(k->w->o, path, src, k->d);
}

static int by_job(const void *key, const void *a)
{
	size_t x = *(const size_t *)key, y = ((const struct aside *)a)->job;

	return x < y ? -1 : x > y;
}

static int emit(struct run *r, size_t i, const struct plan_renderer *wr)
{
	struct aside *a = bsearch(&i, r->aside, r->naside, sizeof(*a), by_job);
	struct sink_ctx k = { r->w, &a->d };
	struct plan_sink sink = { sink_write, r->w->m ? sink_carry : NULL, sink_put, sink_copy,
				   &k };

	a->rc = wr->emit(wr->r, &r->v[i], &sink, &a->d);
	r->outcome[i] = a->rc < 0 ? WRITE_FAILED : WRITE_MADE;
	return 0;
}

/* Makes one output: carried over when the manifest has its key, else
 * rendered and written. */
static int make(struct run *r, size_t i, const struct plan_renderer *wr, diags *d)
{
	const struct plan_output *o = &r->v[i];
	struct hash_value key = o->key;
	void *state = NULL;
	buf out = BUF_INIT;
	int rc = 0;

	if (r->w->m) {
		if (!o->key_known && wr->prepare)
			key = wr->prepare(wr->r, o, &state);
		rc = manifest_reuse(r->w->m, r->w->o, o->path, key, d);
	}
	if (rc == 0) {
		rc = wr->render(wr->r, o, state, &out, d);
		if (rc == 0 && output_write(r->w->o, o->path, out.data ? out.data : "", out.len,
					    d) < 0)
			rc = -1;
		r->outcome[i] = rc == 0 ? WRITE_MADE : rc == -2 ? WRITE_IO_FAILED : WRITE_FAILED;
	} else if (rc == 1) {
		r->outcome[i] = WRITE_KEPT;
		rc = 0;
	} else {
		r->outcome[i] = WRITE_FAILED;
	}
	if (wr->release)
		wr->release(wr->r, state);
	buf_free(&out);
	return rc < 0 ? -1 : 0;
}

static int job(void *arg, size_t i, diags *d)
{
	struct run *r = arg;
	const struct plan_renderer *wr = &r->w->renderers[r->v[i].kind];
	int rc;

	if (r->v[i].path == NULL)
		return emit(r, i, wr);
	rc = make(r, i, wr, d);
	if (plan_counted(r->v[i].kind))
		progress_step(r->w->progress);
	return rc;
}

int write_run_plan(const struct write_run *w, const struct plan *p, size_t from, size_t to,
		   struct write_counts *c, diags *d)
{
	size_t n = to - from, counted = 0, naside = 0;
	struct run r = { w, p->v + from, xcalloc(n + 1, 1), NULL, 0 };
	int rc, io = 0;

	for (size_t i = 0; i < n; i++) {
		counted += plan_counted(r.v[i].kind) != 0;
		naside += r.v[i].path == NULL;
	}
	r.aside = xcalloc(naside + 1, sizeof(*r.aside));
	for (size_t i = 0; i < n; i++)
		if (r.v[i].path == NULL)
			r.aside[r.naside++].job = i;
	progress_phase(w->progress, w->phase, counted);
	rc = pool_run(w->jobs, n, w->stop, job, &r, d);
	for (size_t k = 0; k < r.naside; k++) {
		diags_move(d, &r.aside[k].d);
		if (r.aside[k].rc < 0)
			rc = -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (plan_counted(r.v[i].kind)) {
			c->all += r.outcome[i] == WRITE_MADE || r.outcome[i] == WRITE_KEPT;
			c->made += r.outcome[i] == WRITE_MADE;
		}
		io |= r.outcome[i] == WRITE_IO_FAILED;
	}
	free(r.outcome);
	free(r.aside);
	return io ? -2 : rc < 0 ? -1 : 0;
}
