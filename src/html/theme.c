#include "html/theme.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "build/theme_dir.h"
#include "util/buf.h"
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

/* Reads a whole file onto the end of `out`; -1 with errno set. */
static int read_into(buf *out, const char *path)
{
	FILE *f = fopen(path, "rb");
	char chunk[8192];
	size_t n;
	int err;

	if (f == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(out, chunk, n);
	err = ferror(f);
	fclose(f);
	return err ? -1 : 0;
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
	static const char *const kinds[] = { "templates", "partials" };
	buf path = BUF_INIT;

	if (!name_safe(name))
		return -1;
	for (size_t r = 0; r < 2; r++) {
		if (roots[r] == NULL)
			continue;
		for (size_t k = 0; k < 2; k++) {
			buf_reset(&path);
			buf_printf(&path, "%s/%s/%s.html", roots[r], kinds[k], name);
			if (!is_file(buf_cstr(&path)))
				continue;
			if (read_into(out, path.data) < 0) {
				diag_error(t->d, path.data, 0, 0, NULL, "无法读取模板：%s",
					   strerror(errno));
				buf_free(&path);
				return -2;
			}
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

/* Adds every file under `dir` (relative names, prefixed with `rel`) to
 * the list, skipping dot files. */
static void list_files(const char *dir, const char *rel, char ***names, size_t *n, size_t *cap)
{
	DIR *dp = opendir(dir);
	struct dirent *e;

	if (dp == NULL)
		return;
	while ((e = readdir(dp)) != NULL) {
		char *path, *r;

		if (e->d_name[0] == '.')
			continue;
		path = join(dir, e->d_name, NULL);
		r = *rel ? join(rel, e->d_name, NULL) : xstrdup(e->d_name);
		if (is_dir(path)) {
			list_files(path, r, names, n, cap);
			free(r);
		} else {
			*names = xgrow(*names, cap, *n + 1, sizeof(**names));
			(*names)[(*n)++] = r;
		}
		free(path);
	}
	closedir(dp);
}

int theme_copy_assets(struct theme *t, struct output *o, diags *d, size_t *files)
{
	char **names = NULL;
	size_t n = 0, cap = 0;
	char *dirs[2] = { t->layouts ? join(t->layouts, "assets", NULL) : NULL,
			  join(t->dir, "assets", NULL) };
	int rc = 0;

	for (size_t i = 0; i < 2; i++)
		if (dirs[i])
			list_files(dirs[i], "", &names, &n, &cap);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		char *src = NULL, *dst;

		if (i > 0 && strcmp(names[i], names[i - 1]) == 0)
			continue; /* the site's copy was listed too */
		for (size_t k = 0; k < 2 && src == NULL; k++) {
			char *p;

			if (dirs[k] == NULL)
				continue;
			p = join(dirs[k], names[i], NULL);
			if (is_file(p))
				src = p;
			else
				free(p);
		}
		dst = join("assets", names[i], NULL);
		if (src && output_copy(o, dst, src, d) < 0)
			rc = -1;
		else if (src)
			(*files)++;
		free(src);
		free(dst);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(dirs[0]);
	free(dirs[1]);
	return rc;
}

void theme_close(struct theme *t)
{
	mustache_env_free(t->env);
	free(t->dir);
	free(t->layouts);
	memset(t, 0, sizeof(*t));
}
