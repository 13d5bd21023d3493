/* The job pool (write/pool.h): every job run once whatever the number of
 * threads; with `stop`, none after the first failed one starts and the
 * diagnostics kept are those of the jobs up to it, in job order, as one
 * thread running the jobs in a loop would give. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "test.h"
#include "write/pool.h"

#define JOBS 20000

struct runs {
	atomic_int ran[JOBS];
	size_t fail_at;	 /* the job that fails, or JOBS */
	size_t say_every; /* every so many jobs report a warning */
};

static int job(void *ctx, size_t i, diags *d)
{
	struct runs *r = ctx;
	char what[32];

	atomic_fetch_add(&r->ran[i], 1);
	snprintf(what, sizeof(what), "%zu", i);
	if (i == r->fail_at) {
		diag_error(d, "job", (unsigned)i, 0, NULL, "第 %s 项失败", what);
		return -1;
	}
	if (i % r->say_every == 0)
		diag_warning(d, "job", (unsigned)i, 0, NULL, "第 %s 项", what);
	return 0;
}

/* The diagnostics are in job order, each job's line its number. */
static int in_job_order(const diags *d)
{
	for (size_t k = 1; k < d->n; k++)
		if (d->v[k - 1].line >= d->v[k].line)
			return 0;
	return 1;
}

static void check_all_run(unsigned threads)
{
	struct runs *r = calloc(1, sizeof(*r));
	diags d = DIAGS_INIT;
	size_t once = 0;

	r->fail_at = JOBS;
	r->say_every = 997;
	CHECK_INT(pool_run(threads, JOBS, 1, job, r, &d), 0);
	for (size_t i = 0; i < JOBS; i++)
		once += atomic_load(&r->ran[i]) == 1;
	CHECK_INT(once, JOBS);
	CHECK_INT(d.n, (JOBS + 996) / 997);
	CHECK(in_job_order(&d));
	diags_free(&d);
	free(r);
}

/* Job 5,000 fails: every job before it ran; with `stop` only the
 * diagnostics up to it are kept (its error last), without it every
 * job ran and every diagnostic is kept. */
static void check_failure(unsigned threads, int stop)
{
	struct runs *r = calloc(1, sizeof(*r));
	diags d = DIAGS_INIT;
	size_t before = 0, after = 0;

	r->fail_at = 5000;
	r->say_every = 1000;
	CHECK_INT(pool_run(threads, JOBS, stop, job, r, &d), -1);
	for (size_t i = 0; i < JOBS; i++) {
		if (i <= 5000)
			before += atomic_load(&r->ran[i]) == 1;
		else
			after += atomic_load(&r->ran[i]) == 1;
	}
	CHECK_INT(before, 5001);
	if (!stop)
		CHECK_INT(after, JOBS - 5001);
	else if (threads == 1) /* others may have taken jobs meanwhile */
		CHECK_INT(after, 0);
	/* warnings at 0, 1000, ..., 4000, then the error at 5000 (whose
	 * own warning it replaces), and without stop those after it. */
	CHECK_INT(d.n, stop ? 6 : JOBS / 1000);
	CHECK(d.n >= 6 && d.v[5].line == 5000 && d.errors == 1);
	CHECK(in_job_order(&d));
	diags_free(&d);
	free(r);
}

int main(void)
{
	unsigned counts[] = { 1, 2, 4, 16 };

	for (size_t t = 0; t < sizeof(counts) / sizeof(*counts); t++) {
		check_all_run(counts[t]);
		check_failure(counts[t], 1);
		check_failure(counts[t], 0);
	}
	return test_done();
}
