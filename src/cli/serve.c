/* gongshi serve: build, serve the output on 127.0.0.1, and build again
 * whenever an input changes, so that staff see a saved spreadsheet in the
 * browser a moment later.
 *
 * The main thread builds and watches; MHD's own thread answers requests
 * from whatever output folder is in place.  A build swaps its folder in
 * only when it succeeds, so a failed rebuild leaves the last good site
 * being served.  Between builds a second thread of ours may make the
 * next build's spare (serve_spare.h); it is stopped before each build.
 * Both inherit the main thread's blocked stop signals, which only the
 * watch loop takes. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/commands.h"
#include "cli/http.h"
#include "cli/serve_spare.h"
#include "cli/watch.h"
#include "util/buf.h"
#include "util/errtext.h"

enum { DEFAULT_PORT = 8000 };

/* How often the inputs are looked at, and how long Ctrl+C may wait. */
static const struct timespec TICK = { 0, 500 * 1000 * 1000 };

static int has_output(const char *out_dir)
{
	struct stat st;

	return stat(out_dir, &st) == 0 && S_ISDIR(st.st_mode);
}

static void say(FILE *f, const char *line)
{
	fputs(line, f);
	fputc('\n', f);
	/* Tests and wrappers read the lines through a pipe as they come. */
	fflush(f);
}

/* What a failed build leaves in the browser. */
static void say_failed(const char *what, const char *out_dir)
{
	fputs(what, stderr);
	if (has_output(out_dir))
		say(stderr, "，仍在提供上一次成功生成的网站。");
	else
		say(stderr, "，还没有可以预览的网站。请按上面的提示改正，保存文件后会自动重新生成。");
}

/* Builds with the stop signals at their default action, so that Ctrl+C
 * ends a long build at once: a killed build leaves the output folder as
 * it was, and the next one clears its temporary folder. */
static int build_stoppable(const struct options *o, const sigset_t *stop)
{
	int status;

	pthread_sigmask(SIG_UNBLOCK, stop, NULL);
	status = command_build(o);
	pthread_sigmask(SIG_BLOCK, stop, NULL);
	fflush(stdout);
	return status;
}

static void rebuild(const struct options *o, const char *out_dir, const sigset_t *stop)
{
	time_t now = time(NULL);
	struct tm tm;
	char clock[16] = "";

	if (localtime_r(&now, &tm) != NULL)
		strftime(clock, sizeof(clock), "%H:%M:%S ", &tm);
	if (!o->quiet)
		printf("%s检测到文件改动，正在重新生成……\n", clock), fflush(stdout);
	if (build_stoppable(o, stop) != EXIT_OK)
		say_failed("重新生成失败", out_dir);
	else if (!o->quiet)
		say(stdout, "重新生成完成，刷新浏览器即可看到改动。");
}

/* Until a stop signal: looks at the inputs every tick (watch.h: on Linux
 * only at the folders that changed, and at everything now and then) and
 * builds again once they have changed and then stayed the same for a
 * tick (a spreadsheet program saves in several writes).  `built` is the
 * fingerprint of the inputs of the last build. */
static void watch_loop(const struct options *o, const char *out_dir, const sigset_t *stop,
		       struct watch *w, struct hash_value built)
{
	struct hash_value seen = built;
	struct serve_spare *spare = serve_spare_start(o);

	for (;;) {
		int sig = sigtimedwait(stop, NULL, &TICK);
		struct hash_value now;

		if (sig > 0 || (sig < 0 && errno != EAGAIN && errno != EINTR))
			break;
		now = watch_poll(w, watch_full_due(w));
		if (!watch_same(now, built) && watch_same(now, seen)) {
			/* The spare thread holds the output's lock: stopped
			 * first, it leaves what it made for this build. */
			serve_spare_stop(spare);
			rebuild(o, out_dir, stop);
			spare = serve_spare_start(o);
			built = now;
		}
		seen = now;
	}
	serve_spare_stop(spare);
}

static void say_listen_error(unsigned port, int e)
{
	if (e == EADDRINUSE)
		fprintf(stderr, "gongshi: 端口 %u 已被占用（可能已有一个预览在运行），"
				"请用 --port 换一个端口，例如 --port %u\n",
			port, port < 65535 ? port + 1 : port - 1);
	else if (e == EACCES)
		fprintf(stderr, "gongshi: 没有权限使用端口 %u，请用 --port 换一个 1024 以上的端口\n",
			port);
	else
		fprintf(stderr, "gongshi: 无法在 127.0.0.1:%u 上提供预览：%s\n", port, errtext_of(e));
}

int command_serve(const struct options *o)
{
	unsigned port = o->port ? o->port : DEFAULT_PORT;
	buf out_dir = BUF_INIT;
	sigset_t stop, hangup;
	struct http_server *server;
	struct hash_value built;
	struct watch *w;
	int fd;

	if (site_dir_require(o->site_dir) < 0)
		return EXIT_IO;
	/* The port first: a taken one is reported at once, not after a
	 * long build. */
	fd = http_listen(port);
	if (fd < 0) {
		say_listen_error(port, errno);
		return EXIT_IO;
	}
	if (o->out_dir)
		buf_puts(&out_dir, o->out_dir);
	else
		buf_printf(&out_dir, "%s/public", o->site_dir);

	/* Blocked in every thread, MHD's included (they inherit the mask):
	 * a browser that hangs up mid-file makes a write fail with EPIPE
	 * rather than kill the server; the stop signals are taken by
	 * sigtimedwait in the watch loop. */
	sigemptyset(&hangup);
	sigaddset(&hangup, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &hangup, NULL);
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);

	/* Taken before the first build: an edit made during it is built
	 * after it. */
	w = watch_open(o->site_dir, out_dir.data, 1);
	built = watch_poll(w, 0);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	if (build_stoppable(o, &stop) != EXIT_OK)
		say_failed("生成失败", out_dir.data);

	server = http_start(fd, out_dir.data);
	if (server == NULL) {
		fprintf(stderr, "gongshi: 无法启动预览服务器（127.0.0.1:%u）\n", port);
		watch_close(w);
		buf_free(&out_dir);
		return EXIT_IO;
	}
	printf("预览地址：http://127.0.0.1:%u/\n", port);
	say(stdout, "按 Ctrl+C 停止。");
	watch_loop(o, out_dir.data, &stop, w, built);
	watch_close(w);
	http_stop(server);
	say(stdout, "预览已停止。");
	buf_free(&out_dir);
	return EXIT_OK;
}
