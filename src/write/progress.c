#include "write/progress.h"

#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "util/xalloc.h"

struct progress {
	FILE *tty;
	pthread_mutex_t lock; /* guards everything below */
	const char *phase;
	size_t done, total;
	double started, drawn; /* seconds on the monotonic clock */
	int shown;	       /* a line is on the screen */
};

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

struct progress *progress_open(FILE *tty)
{
	struct progress *p;

	if (tty == NULL || !isatty(fileno(tty)))
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->tty = tty;
	pthread_mutex_init(&p->lock, NULL);
	return p;
}

/* "\r生成页面 12345/57622  2345 个/秒  还需 0:21" and erase to the end of
 * the line; the rate and the time left once there is something to go by. */
static void draw(struct progress *p, double t)
{
	double spent = t - p->started;

	fprintf(p->tty, "\r%s %zu/%zu", p->phase, p->done, p->total);
	if (spent > 0.5 && p->done > 0) {
		double rate = (double)p->done / spent;
		long left = (long)((double)(p->total - p->done) / rate + 0.5);
		fprintf(p->tty, "  %.0f 个/秒  还需 %ld:%02ld", rate, left / 60, left % 60);
	}
	fputs("\033[K", p->tty);
	fflush(p->tty);
	p->drawn = t;
	p->shown = 1;
}

static void clear_locked(struct progress *p)
{
	if (p->shown) {
		fputs("\r\033[K", p->tty);
		fflush(p->tty);
		p->shown = 0;
	}
}

void progress_phase(struct progress *p, const char *name, size_t total)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->phase = name;
	p->done = 0;
	p->total = total;
	p->started = now();
	draw(p, p->started);
	pthread_mutex_unlock(&p->lock);
}

void progress_step(struct progress *p)
{
	double t;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->done++;
	t = now();
	if (t - p->drawn >= 0.2 || p->done == p->total)
		draw(p, t);
	pthread_mutex_unlock(&p->lock);
}

void progress_clear(struct progress *p)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	clear_locked(p);
	pthread_mutex_unlock(&p->lock);
}

void progress_free(struct progress *p)
{
	if (p == NULL)
		return;
	progress_clear(p);
	pthread_mutex_destroy(&p->lock);
	free(p);
}
