/* The layers of a site's theme, and reading one file through them
 * (theme_dir.h).  Listing a folder of every layer is theme_list.c. */
#include "load/theme_dir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "load/theme_embed.h"
#include "load/yamldoc.h"
#include "util/buf.h"
#include "util/errtext.h"
#include "util/xalloc.h"

/* The one theme compiled in. */
#define EMBEDDED_NAME "default"

/* One folder name: themes/NAME must stay a child of themes/. */
static int name_plain(const char *name)
{
	return name[0] != '\0' && name[0] != '.' && strchr(name, '/') == NULL &&
	       strchr(name, '\\') == NULL;
}

/* 1 when `dir` is a folder that can be read, 0 when there is none (or a
 * file is there), -1 after an error when it cannot be read: one message
 * for the folder rather than one for each file looked for in it. */
static int folder_state(const char *dir, diags *d)
{
	struct stat st;
	DIR *dp;

	if (stat(dir, &st) < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
	} else if (!S_ISDIR(st.st_mode)) {
		return 0;
	}
	if ((dp = opendir(dir)) != NULL) {
		closedir(dp);
		return 1;
	}
	diag_error(d, dir, 0, 0, NULL, "无法读取目录：%s", errtext_of(errno));
	return -1;
}

/* Adds the folder `dir` (taken over) as a layer of `kind` when it exists.
 * A folder of the site must resolve inside `site`; another is held to
 * itself.  1 when added, 0 when there is none, -1 after an error. */
static int add_folder(struct theme_src *t, char *dir, enum theme_layer_kind kind,
		      const struct file_root *site, int in_site, diags *d)
{
	struct theme_layer *l = &t->layer[t->n];
	int state = folder_state(dir, d);

	if (state <= 0 || (in_site && file_check_within(site, dir, dir, d) < 0)) {
		free(dir);
		return state <= 0 ? state : -1;
	}
	if (in_site) {
		l->root.real = xstrdup(site->real);
		l->root.len = site->len;
		l->root.what = site->what;
	} else if (file_root_init(&l->root, dir, "主题目录") < 0) {
		diag_error(d, dir, 0, 0, NULL, "无法读取目录：%s", errtext_of(errno));
		free(dir);
		return -1;
	}
	l->kind = kind;
	l->dir = dir;
	t->n++;
	return 1;
}

static char *printf_dup(const char *fmt, const char *a, const char *b)
{
	buf p = BUF_INIT;

	buf_printf(&p, fmt, a, b);
	return buf_detach(&p);
}

/* Where site.yaml says `theme:`, for a message about its value: the
 * configuration keeps values, not positions, so the file is read again
 * (only after an error).  0, 0 when it cannot be found. */
static void name_pos(const struct theme_site *s, unsigned *line, unsigned *col)
{
	char *path = printf_dup("%s/%s", s->root, "site.yaml");
	arena *a = arena_new();
	diags quiet = DIAGS_INIT;
	struct yamldoc y;
	yaml_node_t *n;
	char *text;
	size_t len;

	*line = *col = 0;
	if (file_read(path, path, a, &quiet, &text, &len) == 0 &&
	    yamldoc_parse(&y, text, len, path, 0, &quiet) == 0) {
		if (yamldoc_root(&y) &&
		    (n = yamldoc_get(&y, yamldoc_root(&y), "theme")) != NULL) {
			*line = yamldoc_line(&y, n);
			*col = yamldoc_col(n);
		}
		yamldoc_free(&y);
	}
	diags_free(&quiet);
	arena_free(a);
	free(path);
}

static void not_found(const struct theme_site *s, const char *name, const char *env,
		      diags *d)
{
	char *yaml = printf_dup("%s%s", s->prefix ? s->prefix : "", "site.yaml");
	unsigned line, col;

	name_pos(s, &line, &col);
	if (env && *env)
		diag_error(d, yaml, line, col, name,
			   "找不到主题“%s”：%s/themes/%s、%s/%s 都不存在；请在文本编辑器中把 site.yaml 的 theme 改为 default（gongshi 自带的主题），或把主题文件夹放到 themes/%s",
			   name, s->root, name, env, name, name);
	else
		diag_error(d, yaml, line, col, name,
			   "找不到主题“%s”：%s/themes/%s 不存在；请在文本编辑器中把 site.yaml 的 theme 改为 default（gongshi 自带的主题），或把主题文件夹放到 themes/%s",
			   name, s->root, name, name);
	free(yaml);
}

/* The PDF back-end reads notice.yaml only when it makes PDFs; a link that
 * leads out of its layer is refused at once, --no-pdf or not, as every
 * other file of the theme is by the build that reads it. */
static int notice_contained(const struct theme_src *t, diags *d)
{
	int rc = 0;

	for (size_t i = 0; i < t->n; i++) {
		const struct theme_layer *l = &t->layer[i];
		struct stat st;
		char *path;

		if (l->kind != THEME_FOLDER)
			continue;
		path = printf_dup("%s/%s", l->dir, "notice.yaml");
		if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
		    file_check_within(&l->root, path, path, d) < 0)
			rc = -1;
		free(path);
	}
	return rc;
}

/* The layers after layouts/; -1 after an error. */
static int add_theme_layers(struct theme_src *t, const struct theme_site *s,
			    const struct file_root *site, diags *d)
{
	const char *name = s->name, *env = getenv("GONGSHI_THEMES");
	size_t first = t->n;

	if (add_folder(t, printf_dup("%s/themes/%s", s->root, name), THEME_FOLDER,
		       site, 1, d) < 0)
		return -1;
	if (env && *env &&
	    add_folder(t, printf_dup("%s/%s", env, name), THEME_FOLDER, site, 0, d) < 0)
		return -1;
	if (strcmp(name, EMBEDDED_NAME) == 0)
		t->layer[t->n++].kind = THEME_EMBEDDED;
	if (t->n == first) {
		not_found(s, name, env, d);
		return -1;
	}
	return notice_contained(t, d);
}

int theme_src_open(struct theme_src *t, const struct theme_site *s, diags *d)
{
	const char *name = s->name;
	struct file_root site;
	int rc = -1;

	memset(t, 0, sizeof(*t));
	if (!name_plain(name)) {
		char *yaml = printf_dup("%s%s", s->prefix ? s->prefix : "", "site.yaml");
		unsigned line, col;

		name_pos(s, &line, &col);
		diag_error(d, yaml, line, col, name,
			   "主题名“%s”不是一个文件夹名：theme 只能写 themes 下的一个文件夹名，"
			   "不能含“/”或“\\”，也不能以“.”开头；请在文本编辑器中改为如 theme: default",
			   name);
		free(yaml);
		return -1;
	}
	if (file_root_init(&site, s->root, "网站目录") < 0) {
		diag_error(d, s->root, 0, 0, NULL, "无法读取网站目录：%s", errtext_of(errno));
		return -1;
	}
	if (add_folder(t, printf_dup("%s/%s", s->root, "layouts"), THEME_LAYOUTS,
		       &site, 1, d) >= 0 &&
	    add_theme_layers(t, s, &site, d) == 0)
		rc = 0;
	file_root_free(&site);
	return rc;
}

void theme_src_close(struct theme_src *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->layer[i].dir);
		file_root_free(&t->layer[i].root);
	}
	memset(t, 0, sizeof(*t));
}

static int cmp_embed(const void *key, const void *elem)
{
	return strcmp(key, ((const struct theme_embed_file *)elem)->name);
}

static const struct theme_embed_file *embed_find(const char *rel)
{
	return bsearch(rel, theme_embed_default, theme_embed_default_count,
		       sizeof(*theme_embed_default), cmp_embed);
}

/* Reads `rel` from folder layer `l`: 1, 0 when it has none, -1. */
static int read_folder(const struct theme_layer *l, const char *rel, size_t max, diags *d,
		       struct theme_text *out)
{
	char *path = printf_dup("%s/%s", l->dir, rel);
	const struct file_spec f = { &l->root, AT_FDCWD, path, path, max };
	struct stat st;

	if (stat(path, &st) < 0 && (errno == ENOENT || errno == ENOTDIR)) {
		free(path);
		return 0;
	}
	if (file_load_spec(&f, d, &out->text, &out->len) < 0) {
		free(path);
		return -1;
	}
	out->display = path;
	return 1;
}

/* How a file of the compiled-in theme is named in messages:
 * "(内置)themes/default/REL", malloc'd.  The path is where a site puts
 * its own copy to override it. */
static char *theme_src_display(const char *rel)
{
	return printf_dup("%s%s", "(内置)themes/" EMBEDDED_NAME "/", rel);
}

int theme_src_read(const struct theme_src *t, const struct theme_want *w, diags *d,
		   struct theme_text *out)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct theme_layer *l = &t->layer[i];

		if (l->kind == THEME_LAYOUTS && !w->layouts)
			continue;
		for (size_t k = 0; k < w->nrels; k++) {
			const struct theme_embed_file *e;
			int rc;

			if (l->kind != THEME_EMBEDDED) {
				rc = read_folder(l, w->rels[k], w->max, d, out);
				if (rc != 0)
					return rc;
				continue;
			}
			if ((e = embed_find(w->rels[k])) == NULL)
				continue;
			out->text = xmalloc(e->len + 1);
			memcpy(out->text, e->data, e->len + 1);
			out->len = e->len;
			out->display = theme_src_display(w->rels[k]);
			return 1;
		}
	}
	return 0;
}

void theme_src_hash(const struct theme_src *t, struct hash *h)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct theme_layer *l = &t->layer[i];

		/* What the layer holds, not where it is: "site", "./site" and
		 * "/abs/site" name one site and must give one key. */
		hash_num(h, l->kind);
		if (l->kind != THEME_EMBEDDED) {
			hash_tree(h, l->dir);
			continue;
		}
		for (size_t k = 0; k < theme_embed_default_count; k++) {
			hash_str(h, theme_embed_default[k].name);
			hash_bytes(h, theme_embed_default[k].data, theme_embed_default[k].len);
		}
	}
}

/* A layout file of the PDF back-end (never from layouts/): 0, or -1
 * after an error, also when no layer has it. */
static int read_layout(const struct theme_src *t, const char *const rel[1], diags *d,
		       char **text, size_t *len, char **display)
{
	struct theme_want w = { rel, 1, 0, FILE_MAX_OTHER };
	struct theme_text out = { NULL, 0, NULL };
	int rc = theme_src_read(t, &w, d, &out);

	*text = out.text;
	*len = out.len;
	*display = out.display;
	if (rc == 0) {
		/* Named at the theme's most specific folder: where to put one. */
		for (size_t i = 0; i < t->n && rc == 0; i++)
			if (t->layer[i].kind == THEME_FOLDER) {
				char *path = printf_dup("%s/%s", t->layer[i].dir, rel[0]);

				diag_error(d, path, 0, 0, NULL, "无法读取文件：%s",
					   errtext_of(ENOENT));
				free(path);
				rc = -1;
			}
	}
	return rc > 0 ? 0 : -1;
}

int theme_src_notice(const struct theme_src *t, diags *d, char **text,
		     size_t *len, char **display)
{
	static const char *const rel[] = { "notice.yaml" };

	return read_layout(t, rel, d, text, len, display);
}

/* A theme made before posters existed has no poster.yaml: it gets the
 * compiled-in one rather than a failed build. */
int theme_src_poster(const struct theme_src *t, diags *d, char **text,
		     size_t *len, char **display)
{
	static const char *const rel[] = { "poster.yaml" };
	const struct theme_embed_file *e;
	struct theme_want w = { rel, 1, 0, FILE_MAX_OTHER };
	struct theme_text out = { NULL, 0, NULL };
	int rc = theme_src_read(t, &w, d, &out);

	*text = out.text;
	*len = out.len;
	*display = out.display;
	if (rc != 0)
		return rc > 0 ? 0 : -1;
	if ((e = embed_find(rel[0])) == NULL)
		return read_layout(t, rel, d, text, len, display);
	*text = xmalloc(e->len + 1);
	memcpy(*text, e->data, e->len + 1);
	*len = e->len;
	*display = theme_src_display(rel[0]);
	return 0;
}
