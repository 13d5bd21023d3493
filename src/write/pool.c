#include "write/pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "util/xalloc.h"

/* The diagnostics of a job that reported any: most report none, and a
 * collector per job was 64 bytes for each of 610,000 outputs. */
struct said {
	size_t job;
	diags d;
};

struct pool {
	pool_job_fn fn;
	void *ctx;
	size_t njobs;
	int stop;
	pthread_mutex_t lock; /* guards what follows */
	size_t next;
	size_t first_failed; /* njobs while none has */
	struct said *said;   /* in no order; merged in job order */
	size_t nsaid, capsaid;
};

/* The next job to do, or njobs once all are taken (or, with stop, once
 * one failed).  Jobs are taken in order, so every job before a failed one
 * has been taken and will finish. */
static size_t take(struct pool *p)
{
	size_t i;

	pthread_mutex_lock(&p->lock);
	i = p->stop && p->first_failed < p->njobs ? p->njobs : p->next;
	if (i < p->njobs)
		p->next++;
	pthread_mutex_unlock(&p->lock);
	return i;
}

static void *worker(void *arg)
{
	struct pool *p = arg;

	for (size_t i = take(p); i < p->njobs; i = take(p)) {
		diags d = DIAGS_INIT;
		int failed = p->fn(p->ctx, i, &d) < 0;

		/* A collector with nothing in it adds nothing when merged. */
		if (!failed && d.n == 0 && d.errors == 0 && d.warnings == 0)
			continue;
		pthread_mutex_lock(&p->lock);
		if (failed && i < p->first_failed)
			p->first_failed = i;
		p->said = xgrow(p->said, &p->capsaid, p->nsaid + 1, sizeof(*p->said));
		p->said[p->nsaid].job = i;
		p->said[p->nsaid++].d = d;
		pthread_mutex_unlock(&p->lock);
	}
	return NULL;
}

static int by_job(const void *a, const void *b)
{
	size_t x = ((const struct said *)a)->job, y = ((const struct said *)b)->job;

	return x < y ? -1 : x > y;
}

int pool_run(unsigned nthreads, size_t njobs, int stop, pool_job_fn fn,
	     void *ctx, diags *d)
{
	struct pool p = { fn, ctx, njobs, stop, PTHREAD_MUTEX_INITIALIZER, 0, njobs,
			  NULL, 0, 0 };
	pthread_t *threads;
	pthread_attr_t attr;
	unsigned started = 0;

	if (njobs == 0)
		return 0;
	if (nthreads > njobs)
		nthreads = (unsigned)njobs;
	threads = xcalloc(nthreads ? nthreads : 1, sizeof(*threads));
	/* Templates recurse deeply (mustache.h: up to 1 MiB of stack under
	 * AddressSanitizer); do not rely on the default thread stack. */
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 8u << 20);
	/* The calling thread works too, so 1 thread means no thread at all;
	 * a thread that cannot be started just leaves more for the others. */
	for (unsigned t = 1; t < nthreads; t++)
		if (pthread_create(&threads[started], &attr, worker, &p) == 0)
			started++;
	pthread_attr_destroy(&attr);
	worker(&p);
	for (unsigned t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	if (p.nsaid) /* qsort's array may not be NULL, even empty */
		qsort(p.said, p.nsaid, sizeof(*p.said), by_job);
	for (size_t k = 0; k < p.nsaid; k++) {
		if (!stop || p.said[k].job <= p.first_failed)
			diags_move(d, &p.said[k].d);
		else
			diags_free(&p.said[k].d);
	}
	free(p.said);
	free(threads);
	pthread_mutex_destroy(&p.lock);
	return p.first_failed < njobs ? -1 : 0;
}

unsigned pool_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 256 ? 256 : (unsigned)n;
}
