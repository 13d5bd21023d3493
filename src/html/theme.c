#include "html/theme.h"

#include <stdlib.h>
#include <string.h>

#include "load/theme_dir.h"
#include "load/encoding.h"
#include "util/relpath.h"
#include "util/buf.h"

/* A template name is a relative path without "..": templates cannot
 * reach outside the theme. */
static int name_safe(const char *name)
{
	return relpath_safe(name);
}

/* Looks for `name`.html in layouts/ then the theme's layers, templates/
 * before partials/ in each. */
static int load(void *ctx, const char *name, buf *out, char **display)
{
	struct theme *t = ctx;
	buf tpl = BUF_INIT, part = BUF_INIT;
	const char *rels[2];
	struct theme_want want = { rels, 2, 1, FILE_MAX_OTHER };
	struct theme_text got = { NULL, 0, NULL };
	char *text;
	size_t len;
	int rc;

	if (!name_safe(name))
		return -1;
	buf_printf(&tpl, "templates/%s.html", name);
	buf_printf(&part, "partials/%s.html", name);
	rels[0] = buf_cstr(&tpl);
	rels[1] = buf_cstr(&part);
	rc = theme_src_read(&t->src, &want, t->d, &got);
	text = got.text;
	len = got.len;
	*display = got.display;
	buf_free(&tpl);
	buf_free(&part);
	if (rc <= 0)
		return rc < 0 ? -2 : -1;
	if (encoding_refuse_nul(text, len, *display, 0, t->d) < 0) {
		free(text);
		return -2;
	}
	buf_put(out, text, len);
	free(text);
	return 0;
}

int theme_open(struct theme *t, const struct site *s, diags *d)
{
	struct theme_site where = { s->root, s->prefix, s->config.theme };

	memset(t, 0, sizeof(*t));
	t->d = d;
	t->prefix = s->prefix;
	if (theme_src_open(&t->src, &where, d) < 0) {
		theme_src_close(&t->src);
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

/* Parses every file of templates/ and partials/ that build could use:
 * check finds a broken template before a build does. */
static int parse_folder(struct theme *t, const char *sub)
{
	struct theme_list l = { 0 };
	int rc = theme_src_list(&t->src, sub, 1, &l, t->d);

	for (size_t i = 0; i < l.n; i++) {
		size_t n = strlen(l.v[i].name);

		if (n <= 5 || strcmp(l.v[i].name + n - 5, ".html") != 0)
			continue;
		l.v[i].name[n - 5] = '\0';
		if (theme_template(t, l.v[i].name) == NULL)
			rc = -1;
	}
	theme_list_free(&l);
	return rc;
}

int theme_check(struct theme *t)
{
	struct theme_list l = { 0 };
	int rc = 0;

	if (parse_folder(t, "templates") < 0)
		rc = -1;
	if (parse_folder(t, "partials") < 0)
		rc = -1;
	if (theme_src_list(&t->src, "assets", 1, &l, t->d) < 0)
		rc = -1;
	theme_list_free(&l);
	return rc;
}

int theme_copy_assets(struct theme *t, const struct theme_sink *sink, diags *d,
		      size_t *files)
{
	struct theme_list l = { 0 };
	int rc = theme_src_list(&t->src, "assets", 1, &l, d);

	for (size_t i = 0; i < l.n; i++) {
		buf dst = BUF_INIT;

		buf_printf(&dst, "assets/%s", l.v[i].name);
		struct theme_file f;
		int one = theme_src_file(&t->src, "assets", &l.v[i], &f, d);

		if (one == 0)
			one = f.path ? sink->copy(sink->ctx, buf_cstr(&dst), f.path)
				     : sink->write(sink->ctx, buf_cstr(&dst), f.data, f.len);
		free(f.path);
		if (one < 0)
			rc = -1;
		else
			(*files)++;
		buf_free(&dst);
	}
	theme_list_free(&l);
	return rc;
}

void theme_close(struct theme *t)
{
	mustache_env_free(t->env);
	theme_src_close(&t->src);
	memset(t, 0, sizeof(*t));
}
