#include "html/theme.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "build/theme_dir.h"
#include "load/encoding.h"
#include "util/buf.h"
#include "util/errtext.h"
#include "util/xalloc.h"

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static char *join(const char *a, const char *b, const char *c)
{
	buf p = BUF_INIT;

	buf_printf(&p, "%s/%s%s%s", a, b, c ? "/" : "", c ? c : "");
	return buf_detach(&p);
}

/* A template name is a relative path without "..": templates cannot
 * reach outside the theme. */
static int name_safe(const char *name)
{
	return output_path_safe(name);
}

/* Looks for `name`.html in layouts/ then the theme, templates/ before
 * partials/ in each. */
static int load(void *ctx, const char *name, buf *out, char **display)
{
	struct theme *t = ctx;
	const char *roots[2] = { t->layouts, t->dir };
	const struct file_root *within[2] = { &t->site_root, &t->theme_root };
	static const char *const kinds[] = { "templates", "partials" };
	buf path = BUF_INIT;

	if (!name_safe(name))
		return -1;
	for (size_t r = 0; r < 2; r++) {
		if (roots[r] == NULL)
			continue;
		for (size_t k = 0; k < 2; k++) {
			char *text;
			size_t len;

			buf_reset(&path);
			buf_printf(&path, "%s/%s/%s.html", roots[r], kinds[k], name);
			if (!is_file(buf_cstr(&path)))
				continue;
			if (file_load_within(within[r], path.data, path.data, FILE_MAX_OTHER,
					     t->d, &text, &len) < 0) {
				buf_free(&path);
				return -2;
			}
			if (text_refuse_nul(text, len, path.data, 0, t->d) < 0) {
				free(text);
				buf_free(&path);
				return -2;
			}
			buf_put(out, text, len);
			free(text);
			*display = buf_detach(&path);
			return 0;
		}
	}
	buf_free(&path);
	return -1;
}

int theme_open(struct theme *t, const struct site *s, diags *d)
{
	const char *dir = theme_dir(s, s->arena, d);

	memset(t, 0, sizeof(*t));
	t->d = d;
	t->prefix = s->prefix;
	if (dir == NULL)
		return -1;
	t->dir = xstrdup(dir);
	t->layouts = join(s->root, "layouts", NULL);
	if (!is_dir(t->layouts)) {
		free(t->layouts);
		t->layouts = NULL;
	}
	if (file_root_init(&t->site_root, s->root, "网站目录") < 0 ||
	    theme_root_init(&t->theme_root, s, t->dir) < 0) {
		diag_error(d, t->dir, 0, 0, NULL, "无法读取主题目录：%s", error_text(errno));
		theme_close(t);
		return -1;
	}
	t->env = mustache_env_new(load, t, d);
	mustache_env_strict(t->env, 1);
	return 0;
}

mustache_template *theme_template(struct theme *t, const char *name)
{
	return mustache_env_get(t->env, name);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Asset folders deeper than this are not copied: it ends a loop of
 * symlinked folders (assets/a -> ..) before the paths grow without end. */
enum { ASSET_MAX_DEPTH = 16 };

struct listing {
	char **names;
	size_t n, cap;
	const struct file_root *root;
	diags *d;
	int bad;
};

/* Adds every file under `dir` (relative names, prefixed with `rel`) to
 * the list, skipping dot files.  A symlinked folder is followed only
 * when it stays inside the root; files are checked when copied. */
static void list_files(struct listing *l, const char *dir, const char *rel,
		       unsigned depth)
{
	DIR *dp;
	struct dirent *e;

	if (depth > ASSET_MAX_DEPTH) {
		diag_error(l->d, dir, 0, 0, NULL,
			   "目录嵌套超过 %d 层，已跳过（是否有符号链接指向了上层目录？）",
			   ASSET_MAX_DEPTH);
		l->bad = 1;
		return;
	}
	if ((dp = opendir(dir)) == NULL)
		return;
	while ((e = readdir(dp)) != NULL) {
		char *path, *r;
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		path = join(dir, e->d_name, NULL);
		r = *rel ? join(rel, e->d_name, NULL) : xstrdup(e->d_name);
		if (is_dir(path) && lstat(path, &st) == 0) {
			if (!S_ISLNK(st.st_mode) ||
			    file_check_within(l->root, path, path, l->d) == 0)
				list_files(l, path, r, depth + 1);
			else
				l->bad = 1;
			free(r);
		} else {
			l->names = xgrow(l->names, &l->cap, l->n + 1, sizeof(*l->names));
			l->names[l->n++] = r;
		}
		free(path);
	}
	closedir(dp);
}

int theme_copy_assets(struct theme *t, struct output *o, diags *d, size_t *files)
{
	char *dirs[2] = { t->layouts ? join(t->layouts, "assets", NULL) : NULL,
			  join(t->dir, "assets", NULL) };
	const struct file_root *roots[2] = { &t->site_root, &t->theme_root };
	struct listing l = { NULL, 0, 0, NULL, d, 0 };
	int rc = 0;

	for (size_t i = 0; i < 2; i++) {
		l.root = roots[i];
		if (dirs[i])
			list_files(&l, dirs[i], "", 0);
	}
	if (l.n)
		qsort(l.names, l.n, sizeof(*l.names), cmp_str);
	for (size_t i = 0; i < l.n; i++) {
		char *src = NULL, *dst;
		size_t k;

		if (i > 0 && strcmp(l.names[i], l.names[i - 1]) == 0)
			continue; /* the site's copy was listed too */
		for (k = 0; k < 2 && src == NULL; k++) {
			char *p;

			if (dirs[k] == NULL)
				continue;
			p = join(dirs[k], l.names[i], NULL);
			if (is_file(p))
				src = p;
			else
				free(p);
		}
		dst = join("assets", l.names[i], NULL);
		if (src && file_check_within(roots[k - 1], src, src, d) < 0)
			rc = -1;
		else if (src && output_copy(o, dst, src, d) < 0)
			rc = -1;
		else if (src)
			(*files)++;
		free(src);
		free(dst);
	}
	for (size_t i = 0; i < l.n; i++)
		free(l.names[i]);
	free(l.names);
	free(dirs[0]);
	free(dirs[1]);
	return l.bad ? -1 : rc;
}

void theme_close(struct theme *t)
{
	mustache_env_free(t->env);
	file_root_free(&t->site_root);
	file_root_free(&t->theme_root);
	free(t->dir);
	free(t->layouts);
	memset(t, 0, sizeof(*t));
}
