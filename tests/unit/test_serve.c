/* gongshi serve's pure parts: which file a request URL names (and which
 * it must never name), the Content-Type of a file, and the fingerprint
 * of a site's inputs that decides when to build again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/http.h"
#include "cli/watch.h"
#include "util/buf.h"
#include "test.h"

/* The path http_url_path gives for `url`, "dir:" before it when a folder
 * is asked for, or "bad". */
static const char *map(const char *url)
{
	static char out[256];
	buf rel = BUF_INIT;
	int r = http_url_path(url, &rel);

	if (r < 0)
		snprintf(out, sizeof(out), "bad");
	else
		snprintf(out, sizeof(out), "%s%s", r ? "dir:" : "", buf_cstr(&rel));
	buf_free(&rel);
	return out;
}

static void test_url_path(void)
{
	CHECK_STR(map("/"), "dir:");
	CHECK_STR(map("/index.html"), "index.html");
	CHECK_STR(map("/communities/haihe-xiaoqu/"), "dir:communities/haihe-xiaoqu");
	CHECK_STR(map("/communities/haihe-xiaoqu"), "communities/haihe-xiaoqu");
	CHECK_STR(map("/assets/site.css"), "assets/site.css");
	/* UTF-8 names, escaped or not. */
	CHECK_STR(map("/%E6%B5%B7%E6%B2%B3.html"), "海河.html");
	CHECK_STR(map("/海河.html"), "海河.html");
	CHECK_STR(map("/a%2fb"), "a/b");
	CHECK_STR(map("/a+b"), "a+b");

	/* Nothing outside the output folder, however spelled. */
	CHECK_STR(map("/../site.yaml"), "bad");
	CHECK_STR(map("/%2e%2e/site.yaml"), "bad");
	CHECK_STR(map("/%2E%2E/site.yaml"), "bad");
	CHECK_STR(map("/a/../../site.yaml"), "bad");
	CHECK_STR(map("/a/%2e%2e/%2e%2e/site.yaml"), "bad");
	CHECK_STR(map("/.."), "bad");
	CHECK_STR(map("/../"), "bad");
	CHECK_STR(map("/%2e%2e%2fsite.yaml"), "bad");
	CHECK_STR(map("/./index.html"), "bad");
	CHECK_STR(map("/a//b"), "bad");
	CHECK_STR(map("//etc/passwd"), "bad");
	CHECK_STR(map("/%2fetc/passwd"), "bad");
	CHECK_STR(map("/..%5c..%5csite.yaml"), "bad");
	CHECK_STR(map("/a\\b"), "bad");
	/* An encoded NUL would cut the name short. */
	CHECK_STR(map("/index.html%00.txt"), "bad");
	/* Broken escapes. */
	CHECK_STR(map("/a%2"), "bad");
	CHECK_STR(map("/a%zz"), "bad");
	CHECK_STR(map("/a%"), "bad");
	/* Not a path at all. */
	CHECK_STR(map("*"), "bad");
	CHECK_STR(map("http://127.0.0.1/"), "bad");
	CHECK_STR(map(""), "bad");
}

static void test_content_type(void)
{
	CHECK_STR(http_content_type("index.html"), "text/html; charset=utf-8");
	CHECK_STR(http_content_type("a/INDEX.HTML"), "text/html; charset=utf-8");
	CHECK_STR(http_content_type("assets/site.css"), "text/css; charset=utf-8");
	CHECK_STR(http_content_type("search-index.js"), "text/javascript; charset=utf-8");
	CHECK_STR(http_content_type("search-index.json"), "application/json; charset=utf-8");
	CHECK_STR(http_content_type("feed.xml"), "application/xml; charset=utf-8");
	CHECK_STR(http_content_type("robots.txt"), "text/plain; charset=utf-8");
	CHECK_STR(http_content_type("communities/x/notice.pdf"), "application/pdf");
	CHECK_STR(http_content_type("logo.svg"), "image/svg+xml; charset=utf-8");
	CHECK_STR(http_content_type("favicon.ico"), "image/vnd.microsoft.icon");
	CHECK_STR(http_content_type("f.woff2"), "font/woff2");
	CHECK_STR(http_content_type("a.png"), "image/png");
	/* No extension, or one we do not know: bytes. */
	CHECK_STR(http_content_type("search-index"), "application/octet-stream");
	CHECK_STR(http_content_type("x.htmlx"), "application/octet-stream");
	CHECK_STR(http_content_type("a.b/c"), "application/octet-stream");
	CHECK_STR(http_content_type(".gongshi-manifest"), "application/octet-stream");
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f == NULL) {
		perror(path);
		return;
	}
	fputs(text, f);
	fclose(f);
}

/* A scratch site folder for the fingerprint tests, and the state one
 * scenario hands to the next: the output folder the watch is told to
 * leave out, the fingerprint before the next change, and the watch. */
struct watched {
	char dir[32];
	buf path;            /* at()'s buffer */
	buf out;             /* the output folder */
	struct hash_value a; /* the fingerprint before the change */
	struct watch *watch; /* test_watch_notify's */
};

/* `rel` below the site folder, in w->path (one at a time). */
static const char *at(struct watched *w, const char *rel)
{
	buf_reset(&w->path);
	buf_printf(&w->path, "%s/%s", w->dir, rel);
	return w->path.data;
}

/* Sets the output folder to `rel` below the site folder. */
static void set_out(struct watched *w, const char *rel)
{
	buf_reset(&w->out);
	buf_printf(&w->out, "%s/%s", w->dir, rel);
}

/* Makes the scratch folder from `pattern` (mkdtemp's); 0 or -1. */
static int watched_open(struct watched *w, const char *pattern)
{
	memset(w, 0, sizeof(*w));
	snprintf(w->dir, sizeof(w->dir), "%s", pattern);
	if (mkdtemp(w->dir) == NULL) {
		CHECK(!"mkdtemp");
		return -1;
	}
	return 0;
}

/* Removes the scratch folder, and `far` too when not NULL. */
static void watched_close(struct watched *w, const char *far)
{
	buf_reset(&w->path);
	buf_printf(&w->path, "rm -rf '%s'", w->dir);
	if (far)
		buf_printf(&w->path, " '%s'", far);
	if (system(w->path.data) != 0)
		printf("could not remove %s\n", w->dir);
	buf_free(&w->path);
	buf_free(&w->out);
}

/* The output folder inside a watched one, and editors' files: their
 * changes are the build's own or no input's and must not start another
 * build. */
static void fingerprint_skips_output(struct watched *w)
{
	struct hash_value b;

	write_file(at(w, "site.yaml"), "title: x\n");
	mkdir(at(w, "data"), 0755);
	mkdir(at(w, "content"), 0755);
	write_file(at(w, "data/communities.csv"), "a,b\n1,2\n");
	set_out(w, "data/public");

	w->a = watch_fingerprint(w->dir, w->out.data);
	b = watch_fingerprint(w->dir, w->out.data);
	CHECK(watch_same(w->a, b));

	mkdir(at(w, "data/public"), 0755);
	write_file(at(w, "data/public/index.html"), "x");
	mkdir(at(w, "data/public.tmp-123456"), 0755);
	mkdir(at(w, "data/public.old-000042"), 0755);
	write_file(at(w, "data/.communities.csv.swp"), "x");
	write_file(at(w, "data/communities.csv~"), "x");
	b = watch_fingerprint(w->dir, w->out.data);
	CHECK(watch_same(w->a, b));
	/* The same output folder named another way (kept for the rest). */
	set_out(w, "content/../data/public/");
	b = watch_fingerprint(w->dir, w->out.data);
	CHECK(watch_same(w->a, b));

	/* A folder merely named like the output, elsewhere, counts. */
	mkdir(at(w, "content/public"), 0755);
	b = watch_fingerprint(w->dir, w->out.data);
	CHECK(!watch_same(w->a, b));
	rmdir(at(w, "content/public"));
	b = watch_fingerprint(w->dir, w->out.data);
	CHECK(watch_same(w->a, b));
}

/* An edit of the same size shows in the modification time, down to the
 * nanosecond (set here: the clock may not have moved on). */
static void fingerprint_sees_same_size_edit(struct watched *w)
{
	struct timespec t[2] = { { 1700000000, 100 }, { 1700000000, 100 } };
	struct hash_value b;

	utimensat(AT_FDCWD, at(w, "data/communities.csv"), t, 0);
	w->a = watch_fingerprint(w->dir, w->out.data);
	write_file(at(w, "data/communities.csv"), "a,b\n1,3\n");
	t[1].tv_nsec = 101;
	utimensat(AT_FDCWD, at(w, "data/communities.csv"), t, 0);
	b = watch_fingerprint(w->dir, w->out.data);
	CHECK(!watch_same(w->a, b));
	w->a = b;
}

/* Inputs coming and going: a page deep down, layouts/, site.yaml; and
 * files elsewhere in the site folder, which are not inputs. */
static void fingerprint_sees_inputs_only(struct watched *w)
{
	struct hash_value b;

	/* A new page, deep down; then its removal. */
	mkdir(at(w, "content/news"), 0755);
	write_file(at(w, "content/news/a.md"), "# a\n");
	b = watch_fingerprint(w->dir, w->out.data);
	CHECK(!watch_same(w->a, b));
	unlink(at(w, "content/news/a.md"));
	rmdir(at(w, "content/news"));
	b = watch_fingerprint(w->dir, w->out.data);
	CHECK(watch_same(w->a, b));

	/* A new layouts/ folder, and site.yaml going away. */
	mkdir(at(w, "layouts"), 0755);
	b = watch_fingerprint(w->dir, w->out.data);
	CHECK(!watch_same(w->a, b));
	w->a = b;
	unlink(at(w, "site.yaml"));
	b = watch_fingerprint(w->dir, w->out.data);
	CHECK(!watch_same(w->a, b));

	/* Files elsewhere in the site folder are not inputs. */
	w->a = b;
	write_file(at(w, "notes.txt"), "x");
	b = watch_fingerprint(w->dir, w->out.data);
	CHECK(watch_same(w->a, b));
}

/* The fingerprint of the site's inputs, one whole look each time, after
 * each kind of change; the scenarios run in turn on one folder. */
static void test_fingerprint(void)
{
	struct watched w;

	if (watched_open(&w, "/tmp/gongshi-serve-XXXXXX") < 0)
		return;
	fingerprint_skips_output(&w);
	fingerprint_sees_same_size_edit(&w);
	fingerprint_sees_inputs_only(&w);
	watched_close(&w, NULL);
}

/* One change: seen by the watch alone, and as a whole look sees it.  A
 * macro, so that a failure names the step's line. */
#define STEP(s, changed)                                                    \
	do {                                                                \
		struct hash_value b_ = watch_poll((s)->watch, 0);           \
		CHECK(watch_same(b_, watch_fingerprint((s)->dir,            \
						       (s)->out.data)));    \
		CHECK((changed) ? !watch_same((s)->a, b_)                   \
				: watch_same((s)->a, b_));                  \
		(s)->a = b_;                                                \
	} while (0)

/* A site with a photo, watched: the watch's first look is a whole one. */
static void notify_open(struct watched *w)
{
	write_file(at(w, "site.yaml"), "title: x\n");
	mkdir(at(w, "data"), 0755);
	mkdir(at(w, "content"), 0755);
	mkdir(at(w, "content/communities"), 0755);
	mkdir(at(w, "content/communities/c1"), 0755);
	write_file(at(w, "content/communities/c1/p1.jpg"), "jpeg");
	write_file(at(w, "data/communities.csv"), "a,b\n1,2\n");
	set_out(w, "public");
	w->watch = watch_open(w->dir, w->out.data, 1);
#ifdef __linux__
	CHECK(watch_notifies(w->watch));
#endif
	w->a = watch_poll(w->watch, 0);
	CHECK(watch_same(w->a, watch_fingerprint(w->dir, w->out.data)));
	STEP(w, 0);
}

/* Files and folders changed, made, moved and removed below a watched
 * folder, including in folders made after the watch began. */
static void notify_sees_tree_changes(struct watched *w)
{
	buf moved = BUF_INIT;

	write_file(at(w, "content/communities/c1/p1.jpg"), "JPEG"); /* same size */
	STEP(w, 1);
	chmod(at(w, "content/communities/c1/p1.jpg"), 0600);
	STEP(w, 1);
	mkdir(at(w, "content/communities/c2"), 0755);
	mkdir(at(w, "content/communities/c2/deep"), 0755);
	write_file(at(w, "content/communities/c2/deep/p.jpg"), "x");
	STEP(w, 1);
	write_file(at(w, "content/communities/c2/deep/p.jpg"), "yy"); /* watched from its making */
	STEP(w, 1);
	buf_printf(&moved, "%s/content/communities/c3", w->dir);
	rename(at(w, "content/communities/c2"), moved.data);
	buf_free(&moved);
	STEP(w, 1);
	unlink(at(w, "content/communities/c3/deep/p.jpg"));
	rmdir(at(w, "content/communities/c3/deep"));
	rmdir(at(w, "content/communities/c3"));
	STEP(w, 1);
}

/* Editors' files and the build's own folders change nothing; layouts/
 * and site.yaml do. */
static void notify_sees_inputs_only(struct watched *w)
{
	write_file(at(w, "content/communities/c1/.p1.jpg.swp"), "x");
	write_file(at(w, "content/communities/c1/p1.jpg~"), "x");
	mkdir(at(w, "public"), 0755);
	mkdir(at(w, "public.tmp-123456"), 0755);
	STEP(w, 0);
	mkdir(at(w, "layouts"), 0755);
	STEP(w, 1);
	unlink(at(w, "site.yaml"));
	STEP(w, 1);
}

/* A file that is a link to one outside the site (in `far`), changed
 * there: inotify cannot see it, the next whole look does. */
static void notify_misses_far_link(struct watched *w, const char *far)
{
	buf target = BUF_INIT;
	struct hash_value b;

	buf_printf(&target, "%s/target.csv", far);
	write_file(target.data, "a\n");
	if (symlink(target.data, at(w, "data/linked.csv")) == 0) {
		STEP(w, 1);
		write_file(target.data, "ab\n");
		b = watch_poll(w->watch, 0);
		CHECK(watch_same(w->a, b) == watch_notifies(w->watch));
		b = watch_poll(w->watch, 1);
		CHECK(!watch_same(w->a, b));
		CHECK(watch_same(b, watch_fingerprint(w->dir, w->out.data)));
	} else {
		CHECK(!"symlink");
	}
	buf_free(&target);
}

/* The fingerprint kept up to date by inotify (watch_poll without a whole
 * look) must be the one a whole look gives, after every kind of change;
 * and a change inotify cannot see (a file a link points at, outside the
 * site) is found by the next whole look only. */
static void test_watch_notify(void)
{
	struct watched w;
	char far[] = "/tmp/gongshi-far-XXXXXX";

	if (watched_open(&w, "/tmp/gongshi-watch-XXXXXX") < 0)
		return;
	if (mkdtemp(far) == NULL) {
		CHECK(!"mkdtemp");
		watched_close(&w, NULL);
		return;
	}
	notify_open(&w);
	notify_sees_tree_changes(&w);
	notify_sees_inputs_only(&w);
	notify_misses_far_link(&w, far);
	watch_close(w.watch);
	watched_close(&w, far);
}
#undef STEP

int main(void)
{
	test_url_path();
	test_content_type();
	test_fingerprint();
	test_watch_notify();
	return test_done();
}
