#include "build/theme_dir.h"

#include <stdlib.h>
#include <sys/stat.h>

#ifndef GONGSHI_DATADIR
#define GONGSHI_DATADIR "/usr/local/share/gongshi"
#endif

static int is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

int theme_root_init(struct file_root *r, const struct site *s, const char *dir)
{
	struct file_root site;
	int inside;

	if (file_root_init(&site, s->root, "网站目录") < 0)
		return -1;
	inside = file_is_within(&site, dir);
	if (inside) {
		*r = site;
		return 0;
	}
	file_root_free(&site);
	return file_root_init(r, dir, "主题目录");
}

/* The PDF back-end reads the theme's notice.yaml by itself; a link that
 * leads it out of the theme is refused here, where both back-ends pass. */
static int notice_contained(const struct site *s, const char *dir, arena *a,
			    diags *d)
{
	const char *path = arena_printf(a, "%s/notice.yaml", dir);
	struct file_root root;
	struct stat st;
	int rc;

	if (lstat(path, &st) < 0 || !S_ISLNK(st.st_mode))
		return 0;
	if (theme_root_init(&root, s, dir) < 0)
		return 0; /* the theme cannot be read at all: its loader says so */
	rc = file_check_within(&root, path, path, d);
	file_root_free(&root);
	return rc;
}

const char *theme_dir(const struct site *s, arena *a, diags *d)
{
	const char *name = s->config.theme;
	const char *env = getenv("GONGSHI_THEMES");
	const char *candidates[3];
	size_t n = 0;

	candidates[n++] = arena_printf(a, "%s/themes/%s", s->root, name);
	if (env && *env)
		candidates[n++] = arena_printf(a, "%s/%s", env, name);
	candidates[n++] = arena_printf(a, "%s/themes/%s", GONGSHI_DATADIR, name);
	for (size_t i = 0; i < n; i++)
		if (is_dir(candidates[i]))
			return notice_contained(s, candidates[i], a, d) == 0 ? candidates[i] : NULL;
	diag_error(d, arena_printf(a, "%ssite.yaml", s->prefix), 0, 0, name,
		   "找不到主题“%s”：%s、%s%s%s 都不存在", name, candidates[0],
		   candidates[1], n == 3 ? "、" : "", n == 3 ? candidates[2] : "");
	return NULL;
}
