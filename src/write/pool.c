#include "write/pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "util/xalloc.h"

struct pool {
	pool_job_fn fn;
	void *ctx;
	size_t njobs;
	diags *per_job; /* one collector per job, merged in order */
	int stop;
	pthread_mutex_t lock; /* guards next and first_failed */
	size_t next;
	size_t first_failed; /* njobs while none has */
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
		if (p->fn(p->ctx, i, &p->per_job[i]) < 0) {
			pthread_mutex_lock(&p->lock);
			if (i < p->first_failed)
				p->first_failed = i;
			pthread_mutex_unlock(&p->lock);
		}
	}
	return NULL;
}

int pool_run(unsigned nthreads, size_t njobs, int stop, pool_job_fn fn,
	     void *ctx, diags *d)
{
	struct pool p = { fn, ctx, njobs, NULL, stop, PTHREAD_MUTEX_INITIALIZER,
			  0, njobs };
	pthread_t *threads;
	pthread_attr_t attr;
	unsigned started = 0;

	if (njobs == 0)
		return 0;
	p.per_job = xcalloc(njobs, sizeof(*p.per_job));
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
	for (size_t i = 0; i < njobs; i++) {
		if (!stop || i <= p.first_failed)
			diags_move(d, &p.per_job[i]);
		else
			diags_free(&p.per_job[i]);
	}
	free(p.per_job);
	free(threads);
	pthread_mutex_destroy(&p.lock);
	return p.first_failed < njobs ? -1 : 0;
}

unsigned pool_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 256 ? 256 : (unsigned)n;
}
