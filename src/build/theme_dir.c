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
			return candidates[i];
	diag_error(d, arena_printf(a, "%ssite.yaml", s->prefix), 0, 0, name,
		   "找不到主题“%s”：%s、%s%s%s 都不存在", name, candidates[0],
		   candidates[1], n == 3 ? "、" : "", n == 3 ? candidates[2] : "");
	return NULL;
}
