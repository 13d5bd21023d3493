#define _XOPEN_SOURCE 700 /* realpath is XSI */
#include "write/place.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/buf.h"

/* The site's inputs, relative to the site folder. */
static const struct {
	const char *name;
	int folder;
} INPUTS[] = {
	{ "data", 1 },
	{ "content", 1 },
	{ "themes", 1 },
	{ "layouts", 1 },
	{ "site.yaml", 0 },
};

/* Drops the last component of the absolute path in `b` ("/" stays). */
static void drop_last(buf *b)
{
	char *slash = strrchr(b->data, '/');

	buf_truncate(b, slash && slash > b->data ? (size_t)(slash - b->data) : 1);
}

/* The absolute path `path` names, without symlinks, ".", ".." or repeated
 * slashes, though its tail need not exist yet: after each component the
 * path so far goes through realpath(), and what does not exist stays as
 * written.  ".." can simply drop a component because what is left is
 * either real (symlink-free) or does not exist (the kernel would fail
 * there too).  A malloc'd string the caller frees, or NULL when the
 * current folder cannot be resolved. */
static char *resolve(const char *path)
{
	buf cur = BUF_INIT;
	const char *p = path, *e;
	char *real;

	if (path[0] == '/') {
		buf_puts(&cur, "/");
	} else {
		real = realpath(".", NULL);
		if (real == NULL)
			return NULL;
		buf_puts(&cur, real);
		free(real);
	}
	for (; *p; p = e) {
		size_t n;

		while (*p == '/')
			p++;
		e = strchr(p, '/');
		if (e == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		if (n == 0 || (n == 1 && p[0] == '.'))
			continue;
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			drop_last(&cur);
			continue;
		}
		if (cur.len > 1)
			buf_putc(&cur, '/');
		buf_put(&cur, p, n);
		real = realpath(cur.data, NULL);
		if (real) {
			buf_reset(&cur);
			buf_puts(&cur, real);
			free(real);
		}
	}
	return buf_detach(&cur);
}

/* 1 when `path` is `dir` or lies inside it (both resolved). */
static int within(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return 1;
	return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* The last component of `path` is "." or "..": the swap would rename a
 * folder's own entry for itself or its parent. */
static int ends_in_dots(const char *path)
{
	size_t n = strlen(path);
	const char *last;

	while (n > 1 && path[n - 1] == '/')
		n--;
	for (last = path + n; last > path && last[-1] != '/'; last--)
		;
	n -= (size_t)(last - path);
	return (n == 1 && last[0] == '.') || (n == 2 && last[0] == '.' && last[1] == '.');
}

/* Checks `out` (resolved) against one input at `at` (resolved); -1 with
 * a diagnostic when the build would replace or overwrite it. */
static int check_input(const char *out_dir, const char *out, const char *at,
		       const char *name, int folder, diags *d)
{
	if (!folder && strcmp(out, at) == 0) {
		diag_error(d, out_dir, 0, 0, out_dir,
			   "输出目录“%s”就是站点配置文件 %s，生成会覆盖它；请换一个输出目录",
			   out_dir, name);
	} else if (!folder && within(at, out)) {
		diag_error(d, out_dir, 0, 0, out_dir,
			   "输出目录“%s”包含站点配置文件 %s，生成会把它一并替换；请换一个输出目录",
			   out_dir, name);
	} else if (strcmp(out, at) == 0) {
		diag_error(d, out_dir, 0, 0, out_dir,
			   "输出目录“%s”就是输入目录 %s/，生成会覆盖输入文件；请换一个输出目录",
			   out_dir, name);
	} else if (within(out, at)) {
		diag_error(d, out_dir, 0, 0, out_dir,
			   "输出目录“%s”在输入目录 %s/ 之内，生成会覆盖输入文件；请换一个输出目录",
			   out_dir, name);
	} else if (within(at, out)) {
		diag_error(d, out_dir, 0, 0, out_dir,
			   "输出目录“%s”包含输入目录 %s/，生成会把它一并替换；请换一个输出目录",
			   out_dir, name);
	} else {
		return 0;
	}
	return -1;
}

/* The site folder and its inputs, each both where it is named and,
 * when it is a symlink, where it leads. */
static int check_site(const char *out_dir, const char *out, const char *site_dir,
		      const char *site, diags *d)
{
	buf at = BUF_INIT;
	int rc = 0;

	if (strcmp(out, site) == 0) {
		diag_error(d, out_dir, 0, 0, out_dir,
			   "输出目录“%s”就是站点目录，生成会替换整个站点；请换一个输出目录",
			   out_dir);
		return -1;
	}
	if (within(site, out)) {
		diag_error(d, out_dir, 0, 0, out_dir,
			   "输出目录“%s”包含站点目录“%s”，生成会替换整个站点；请换一个输出目录",
			   out_dir, site_dir);
		return -1;
	}
	for (size_t i = 0; i < sizeof(INPUTS) / sizeof(INPUTS[0]) && rc == 0; i++) {
		char *real;

		buf_reset(&at);
		buf_printf(&at, "%s/%s", site, INPUTS[i].name);
		rc = check_input(out_dir, out, at.data, INPUTS[i].name, INPUTS[i].folder, d);
		real = rc == 0 ? resolve(at.data) : NULL;
		if (real && strcmp(real, at.data) != 0)
			rc = check_input(out_dir, out, real, INPUTS[i].name, INPUTS[i].folder, d);
		free(real);
	}
	buf_free(&at);
	return rc;
}

int place_check(const char *out_dir, const char *site_dir, diags *d)
{
	char *out, *site;
	struct stat st;
	int rc = 0;

	if (out_dir[0] == '\0') {
		diag_error(d, "-o", 0, 0, NULL, "输出目录不能为空");
		return -1;
	}
	out = resolve(out_dir);
	/* A site folder that does not resolve is reported by the loader. */
	site = out ? realpath(site_dir, NULL) : NULL;
	if (site)
		rc = check_site(out_dir, out, site_dir, site, d);
	if (rc == 0 && ends_in_dots(out_dir)) {
		diag_error(d, out_dir, 0, 0, out_dir,
			   "输出目录“%s”须以目录名结尾，不能是“.”或“..”；请换一个输出目录",
			   out_dir);
		rc = -1;
	}
	if (rc == 0 && stat(out_dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		diag_error(d, out_dir, 0, 0, NULL, "输出路径已存在，但不是目录");
		rc = -1;
	}
	free(out);
	free(site);
	return rc;
}

int place_target(const char *out_dir, buf *target, diags *d)
{
	struct stat st;
	char *real;

	buf_reset(target);
	if (lstat(out_dir, &st) < 0 || !S_ISLNK(st.st_mode)) {
		buf_puts(target, out_dir);
		return 0;
	}
	real = realpath(out_dir, NULL);
	if (real == NULL || stat(real, &st) < 0 || !S_ISDIR(st.st_mode)) {
		diag_error(d, out_dir, 0, 0, out_dir,
			   "输出目录“%s”是一个符号链接，但它指向的位置不存在或不是目录；"
			   "请改正这个链接，或用 -o 换一个输出目录", out_dir);
		free(real);
		return -1;
	}
	buf_puts(target, real);
	free(real);
	return 0;
}
