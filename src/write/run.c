#include "write/run.h"

#include <stdlib.h>
#include <string.h>

#include "write/pool.h"
#include "util/xalloc.h"

/* One run: what every job reads, and one slot per job it writes. */
struct run {
	const struct write_run *w;
	const struct plan_output *v;
	unsigned char *outcome;	/* enum write_outcome per job */
	diags *aside;		/* per job: a multi-file output's diagnostics */
	int *aside_rc;
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

static int emit(struct run *r, size_t i, const struct plan_renderer *wr)
{
	struct sink_ctx k = { r->w, &r->aside[i] };
	struct plan_sink sink = { sink_write, r->w->m ? sink_carry : NULL, sink_put, sink_copy,
				   &k };

	r->aside_rc[i] = wr->emit(wr->r, &r->v[i], &sink, &r->aside[i]);
	r->outcome[i] = r->aside_rc[i] < 0 ? WRITE_FAILED : WRITE_MADE;
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
	size_t n = to - from, counted = 0;
	struct run r = { w, p->v + from, xcalloc(n + 1, 1), xcalloc(n + 1, sizeof(diags)),
			 xcalloc(n + 1, sizeof(int)) };
	int rc, io = 0;

	for (size_t i = 0; i < n; i++)
		counted += plan_counted(r.v[i].kind) != 0;
	progress_phase(w->progress, w->phase, counted);
	rc = pool_run(w->jobs, n, w->stop, job, &r, d);
	for (size_t i = 0; i < n; i++) {
		diags_move(d, &r.aside[i]);
		diags_free(&r.aside[i]);
		if (r.aside_rc[i] < 0)
			rc = -1;
		if (plan_counted(r.v[i].kind)) {
			c->all += r.outcome[i] == WRITE_MADE || r.outcome[i] == WRITE_KEPT;
			c->made += r.outcome[i] == WRITE_MADE;
		}
		io |= r.outcome[i] == WRITE_IO_FAILED;
	}
	free(r.outcome);
	free(r.aside);
	free(r.aside_rc);
	return io ? -2 : rc < 0 ? -1 : 0;
}
