/* The spare made in serve's idle time (serve_spare.h). */
#include "cli/serve_spare.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "cli/report.h"
#include "write/output_lock.h"
#include "write/output_spare_make.h"
#include "write/place.h"
#include "util/buf.h"
#include "util/xalloc.h"

struct serve_spare {
	buf given;	/* the output folder as serve names it */
	int verbose;
	atomic_int stop;
	pthread_t thread;
};

/* The thread: the folder a build replaces, its lock without waiting (a
 * build by hand holds it: that build keeps its own spare), the spare. */
static void *make_spare(void *arg)
{
	struct serve_spare *s = arg;
	diags d = DIAGS_INIT;
	buf out = BUF_INIT;
	enum output_spare_made made = OUTPUT_SPARE_NONE;
	int lock = -1;

	if (place_target(s->given.data, &out, &d) == 0)
		lock = output_lock(out.data, 0, &d);
	if (lock != -1 && !atomic_load(&s->stop))
		made = output_spare_make(out.data, &s->stop, &d);
	output_unlock(lock);
	/* A spare that could not be made costs the next build time, not
	 * correctness: said only when it failed, and only the reason. */
	if (made == OUTPUT_SPARE_FAILED)
		report_diagnostics(&d, 0, 0);
	else if (s->verbose && made != OUTPUT_SPARE_NONE)
		printf("%s\n", made == OUTPUT_SPARE_WHOLE ? "已准备好备用输出目录，下一次生成会更快。"
							   : "备用输出目录只准备了一部分。"),
			fflush(stdout);
	diags_free(&d);
	buf_free(&out);
	return NULL;
}

struct serve_spare *serve_spare_start(const struct options *o)
{
	struct serve_spare *s;

	if (o->force || o->shard.on)
		return NULL;
	s = xcalloc(1, sizeof(*s));
	if (o->out_dir)
		buf_puts(&s->given, o->out_dir);
	else
		buf_printf(&s->given, "%s/public", o->site_dir);
	s->verbose = o->verbose;
	atomic_init(&s->stop, 0);
	if (pthread_create(&s->thread, NULL, make_spare, s) != 0) {
		buf_free(&s->given);
		free(s);
		return NULL;
	}
	return s;
}

void serve_spare_stop(struct serve_spare *s)
{
	if (s == NULL)
		return;
	atomic_store(&s->stop, 1);
	pthread_join(s->thread, NULL);
	buf_free(&s->given);
	free(s);
}
