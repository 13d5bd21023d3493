/* A pool of threads working through a numbered list of jobs.
 *
 * Every job gets its own diagnostics collector; after the last job they
 * are appended to the caller's collector in job order, so what is
 * reported does not depend on the number of threads or on which thread
 * ran first. */
#ifndef GONGSHI_POOL_H
#define GONGSHI_POOL_H

#include <stddef.h>

#include "util/diag.h"

/* Does job `i`; 0, or -1 after adding a diagnostic to `d`.  Called from
 * several threads at once: `ctx` must only be read, or guarded. */
typedef int (*pool_job_fn)(void *ctx, size_t i, diags *d);

/* Runs jobs 0..njobs-1 on `nthreads` threads (1: on the calling thread).
 * With `stop`, no job after the first failed one starts, and only the
 * diagnostics of jobs up to it are kept: the same ones a loop on one
 * thread would give.  Returns 0 when every job succeeded, else -1. */
int pool_run(unsigned nthreads, size_t njobs, int stop, pool_job_fn fn,
	     void *ctx, diags *d);

/* The number of online CPUs, at least 1. */
unsigned pool_cpus(void);

#endif
