/* The writer: runs a plan's outputs (plan/plan.h) on the thread pool.
 * For each output it asks the renderer of its kind (struct
 * plan_renderer) for the key (unless the plan knows it), carries the file over from the last build when the
 * manifest has seen that key, else has the renderer make the bytes and
 * writes them.  The renderers come as a table of functions from cli/, so
 * the writer includes neither html/ nor pdf/, and they know nothing of
 * pools, manifests, shards or output folders. */
#ifndef GONGSHI_WRITE_RUN_H
#define GONGSHI_WRITE_RUN_H

#include <stddef.h>

#include "plan/plan.h"
#include "util/diag.h"
#include "write/manifest.h"
#include "write/output.h"
#include "write/progress.h"

/* What happened to one output. */
enum write_outcome {
	WRITE_NOT_RUN,	 /* not reached (a failure stopped the run) */
	WRITE_MADE,	 /* made by this build */
	WRITE_KEPT,	 /* carried over from the last build */
	WRITE_FAILED,	 /* failed; the diagnostics say why */
	WRITE_IO_FAILED, /* the disk failed */
};

struct write_run {
	const struct plan_renderer *renderers; /* [OUTPUT_KINDS] */
	struct output *o;
	struct manifest *m;	   /* NULL: make every output */
	struct progress *progress; /* NULL: none shown */
	const char *phase;	   /* the progress line's name of this run */
	unsigned jobs;
	int stop;		   /* stop at the first failure */
};

/* The counted outputs (plan_counted) of a run. */
struct write_counts {
	size_t all;  /* in the output, made or carried over */
	size_t made; /* of which made by this build */
};

/* Runs outputs `from` .. `to - 1` of `p`, adding to *n.  0, -1, or -2
 * when the disk failed. */
int write_run_plan(const struct write_run *w, const struct plan *p, size_t from, size_t to,
		   struct write_counts *n, diags *d);

#endif
