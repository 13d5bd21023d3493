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

static void test_fingerprint(void)
{
	char dir[] = "/tmp/gongshi-serve-XXXXXX";
	buf p = BUF_INIT, out = BUF_INIT;
	struct hash_value a, b;

	if (mkdtemp(dir) == NULL) {
		CHECK(!"mkdtemp");
		return;
	}
#define AT(rel) (buf_reset(&p), buf_printf(&p, "%s/%s", dir, rel), p.data)
	write_file(AT("site.yaml"), "title: x\n");
	mkdir(AT("data"), 0755);
	mkdir(AT("content"), 0755);
	write_file(AT("data/communities.csv"), "a,b\n1,2\n");
	/* The output folder inside a watched one: its changes are the
	 * build's own and must not start another build. */
	buf_printf(&out, "%s/data/public", dir);

	a = watch_fingerprint(dir, out.data);
	b = watch_fingerprint(dir, out.data);
	CHECK(watch_same(a, b));

	mkdir(AT("data/public"), 0755);
	write_file(AT("data/public/index.html"), "x");
	mkdir(AT("data/public.tmp-123456"), 0755);
	mkdir(AT("data/public.old-000042"), 0755);
	write_file(AT("data/.communities.csv.swp"), "x");
	write_file(AT("data/communities.csv~"), "x");
	b = watch_fingerprint(dir, out.data);
	CHECK(watch_same(a, b));
	/* The same output folder named another way. */
	buf_reset(&out);
	buf_printf(&out, "%s/content/../data/public/", dir);
	b = watch_fingerprint(dir, out.data);
	CHECK(watch_same(a, b));

	/* A folder merely named like the output, elsewhere, counts. */
	mkdir(AT("content/public"), 0755);
	b = watch_fingerprint(dir, out.data);
	CHECK(!watch_same(a, b));
	rmdir(AT("content/public"));
	b = watch_fingerprint(dir, out.data);
	CHECK(watch_same(a, b));

	/* An edit of the same size shows in the modification time, down to
	 * the nanosecond (set here: the clock may not have moved on). */
	{
		struct timespec t[2] = { { 1700000000, 100 }, { 1700000000, 100 } };

		utimensat(AT_FDCWD, AT("data/communities.csv"), t, 0);
		a = watch_fingerprint(dir, out.data);
		write_file(AT("data/communities.csv"), "a,b\n1,3\n");
		t[1].tv_nsec = 101;
		utimensat(AT_FDCWD, AT("data/communities.csv"), t, 0);
		b = watch_fingerprint(dir, out.data);
		CHECK(!watch_same(a, b));
	}

	/* A new page, deep down; then its removal. */
	a = b;
	mkdir(AT("content/news"), 0755);
	write_file(AT("content/news/a.md"), "# a\n");
	b = watch_fingerprint(dir, out.data);
	CHECK(!watch_same(a, b));
	unlink(AT("content/news/a.md"));
	rmdir(AT("content/news"));
	b = watch_fingerprint(dir, out.data);
	CHECK(watch_same(a, b));

	/* A new layouts/ folder, and site.yaml going away. */
	mkdir(AT("layouts"), 0755);
	b = watch_fingerprint(dir, out.data);
	CHECK(!watch_same(a, b));
	a = b;
	unlink(AT("site.yaml"));
	b = watch_fingerprint(dir, out.data);
	CHECK(!watch_same(a, b));

	/* Files elsewhere in the site folder are not inputs. */
	a = b;
	write_file(AT("notes.txt"), "x");
	b = watch_fingerprint(dir, out.data);
	CHECK(watch_same(a, b));
#undef AT
	buf_reset(&p);
	buf_printf(&p, "rm -rf '%s'", dir);
	if (system(p.data) != 0)
		printf("could not remove %s\n", dir);
	buf_free(&p);
	buf_free(&out);
}

/* The fingerprint kept up to date by inotify (watch_poll without a whole
 * look) must be the one a whole look gives, after every kind of change;
 * and a change inotify cannot see (a file a link points at, outside the
 * site) is found by the next whole look only. */
static void test_watch_notify(void)
{
	char dir[] = "/tmp/gongshi-watch-XXXXXX", far[] = "/tmp/gongshi-far-XXXXXX";
	buf p = BUF_INIT, out = BUF_INIT;
	struct hash_value a, b;
	struct watch *w;

	if (mkdtemp(dir) == NULL || mkdtemp(far) == NULL) {
		CHECK(!"mkdtemp");
		return;
	}
#define AT(rel) (buf_reset(&p), buf_printf(&p, "%s/%s", dir, rel), p.data)
/* One change: seen by the watch alone, and as a whole look sees it. */
#define STEP(changed)                                                       \
	do {                                                                \
		b = watch_poll(w, 0);                                       \
		CHECK(watch_same(b, watch_fingerprint(dir, out.data)));     \
		CHECK((changed) ? !watch_same(a, b) : watch_same(a, b));    \
		a = b;                                                      \
	} while (0)
	write_file(AT("site.yaml"), "title: x\n");
	mkdir(AT("data"), 0755);
	mkdir(AT("content"), 0755);
	mkdir(AT("content/communities"), 0755);
	mkdir(AT("content/communities/c1"), 0755);
	write_file(AT("content/communities/c1/p1.jpg"), "jpeg");
	write_file(AT("data/communities.csv"), "a,b\n1,2\n");
	buf_printf(&out, "%s/public", dir);
	w = watch_open(dir, out.data, 1);
#ifdef __linux__
	CHECK(watch_notifies(w));
#endif
	a = watch_poll(w, 0);
	CHECK(watch_same(a, watch_fingerprint(dir, out.data)));
	STEP(0);

	write_file(AT("content/communities/c1/p1.jpg"), "JPEG"); /* same size */
	STEP(1);
	chmod(AT("content/communities/c1/p1.jpg"), 0600);
	STEP(1);
	mkdir(AT("content/communities/c2"), 0755);
	mkdir(AT("content/communities/c2/deep"), 0755);
	write_file(AT("content/communities/c2/deep/p.jpg"), "x");
	STEP(1);
	write_file(AT("content/communities/c2/deep/p.jpg"), "yy"); /* watched from its making */
	STEP(1);
	buf_reset(&out);
	buf_printf(&out, "%s/content/communities/c3", dir);
	rename(AT("content/communities/c2"), out.data);
	buf_reset(&out);
	buf_printf(&out, "%s/public", dir);
	STEP(1);
	unlink(AT("content/communities/c3/deep/p.jpg"));
	rmdir(AT("content/communities/c3/deep"));
	rmdir(AT("content/communities/c3"));
	STEP(1);
	write_file(AT("content/communities/c1/.p1.jpg.swp"), "x");
	write_file(AT("content/communities/c1/p1.jpg~"), "x");
	mkdir(AT("public"), 0755);
	mkdir(AT("public.tmp-123456"), 0755);
	STEP(0);
	mkdir(AT("layouts"), 0755);
	STEP(1);
	unlink(AT("site.yaml"));
	STEP(1);

	/* A file that is a link to one outside the site, changed there. */
	buf_reset(&out);
	buf_printf(&out, "%s/target.csv", far);
	write_file(out.data, "a\n");
	if (symlink(out.data, AT("data/linked.csv")) == 0) {
		buf_reset(&out);
		buf_printf(&out, "%s/public", dir);
		STEP(1);
		buf_reset(&out);
		buf_printf(&out, "%s/target.csv", far);
		write_file(out.data, "ab\n");
		buf_reset(&out);
		buf_printf(&out, "%s/public", dir);
		b = watch_poll(w, 0);
		CHECK(watch_same(a, b) == watch_notifies(w));
		b = watch_poll(w, 1);
		CHECK(!watch_same(a, b));
		CHECK(watch_same(b, watch_fingerprint(dir, out.data)));
	} else {
		CHECK(!"symlink");
	}
	watch_close(w);
#undef STEP
#undef AT
	buf_reset(&p);
	buf_printf(&p, "rm -rf '%s' '%s'", dir, far);
	if (system(p.data) != 0)
		printf("could not remove %s\n", dir);
	buf_free(&p);
	buf_free(&out);
}

int main(void)
{
	test_url_path();
	test_content_type();
	test_fingerprint();
	test_watch_notify();
	return test_done();
}
