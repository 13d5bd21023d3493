/* Listing a folder of every layer of a theme, and copying one listed file
 * to the output (theme_dir.h). */
#include "load/theme_dir.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "load/theme_embed.h"
#include "util/buf.h"
#include "util/errtext.h"
#include "util/xalloc.h"

/* Folders deeper than this are not listed: it ends a loop of symlinked
 * folders (assets/a -> ..) before the paths grow without end. */
enum { LIST_MAX_DEPTH = 16 };

static char *join(const char *a, const char *b)
{
	buf p = BUF_INIT;

	if (*a)
		buf_printf(&p, "%s/%s", a, b);
	else
		buf_puts(&p, b);
	return buf_detach(&p);
}

static void add(struct theme_list *l, char *name, size_t layer)
{
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n].name = name;
	l->v[l->n].layer = layer;
	l->n++;
}

struct walk {
	struct theme_list *l;
	const struct theme_layer *layer;
	size_t index;
	diags *d;
	int bad;
};

/* Adds every file under `dir` (names prefixed with `rel`), skipping dot
 * files.  A symlinked folder is followed only when it stays inside the
 * layer's root; files are checked again when they are read. */
static void walk_folder(struct walk *w, const char *dir, const char *rel,
			unsigned depth)
{
	DIR *dp;
	struct dirent *e;

	if (depth > LIST_MAX_DEPTH) {
		diag_error(w->d, dir, 0, 0, NULL,
			   "目录嵌套超过 %d 层，已跳过（是否有符号链接指向了上层目录？）",
			   LIST_MAX_DEPTH);
		w->bad = 1;
		return;
	}
	if ((dp = opendir(dir)) == NULL) {
		if (errno != ENOENT && errno != ENOTDIR) {
			diag_error(w->d, dir, 0, 0, NULL, "无法读取目录：%s", errtext_of(errno));
			w->bad = 1;
		}
		return;
	}
	while ((e = readdir(dp)) != NULL) {
		char *path, *r;
		struct stat st, lst;

		if (e->d_name[0] == '.')
			continue;
		path = join(dir, e->d_name);
		r = join(rel, e->d_name);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode) && lstat(path, &lst) == 0) {
			if (!S_ISLNK(lst.st_mode) ||
			    file_check_within(&w->layer->root, path, path, w->d) == 0)
				walk_folder(w, path, r, depth + 1);
			else
				w->bad = 1;
			free(r);
		} else {
			add(w->l, r, w->index);
		}
		free(path);
	}
	closedir(dp);
}

static void walk_embedded(struct walk *w, const char *sub)
{
	size_t n = strlen(sub);

	for (size_t i = 0; i < theme_embed_default_count; i++) {
		const char *name = theme_embed_default[i].name;

		if (strncmp(name, sub, n) == 0 && name[n] == '/')
			add(w->l, xstrdup(name + n + 1), w->index);
	}
}

static int cmp_entry(const void *a, const void *b)
{
	const struct theme_entry *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->layer > y->layer) - (x->layer < y->layer);
}

/* Sorts and keeps each name once, from its first layer. */
static void unique(struct theme_list *l)
{
	size_t k = 0;

	if (l->n)
		qsort(l->v, l->n, sizeof(*l->v), cmp_entry);
	for (size_t i = 0; i < l->n; i++) {
		if (k > 0 && strcmp(l->v[i].name, l->v[k - 1].name) == 0) {
			free(l->v[i].name);
			continue;
		}
		l->v[k++] = l->v[i];
	}
	l->n = k;
}

int theme_src_list(const struct theme_src *t, const char *sub, int layouts,
		   struct theme_list *l, diags *d)
{
	struct walk w = { l, NULL, 0, d, 0 };

	for (size_t i = 0; i < t->n; i++) {
		char *dir;

		if (t->layer[i].kind == THEME_LAYOUTS && !layouts)
			continue;
		w.layer = &t->layer[i];
		w.index = i;
		if (t->layer[i].kind == THEME_EMBEDDED) {
			walk_embedded(&w, sub);
			continue;
		}
		dir = join(t->layer[i].dir, sub);
		walk_folder(&w, dir, "", 0);
		free(dir);
	}
	unique(l);
	return w.bad ? -1 : 0;
}

void theme_list_free(struct theme_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].name);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

int theme_src_file(const struct theme_src *t, const char *sub,
		   const struct theme_entry *e, struct theme_file *f, diags *d)
{
	const struct theme_layer *l = &t->layer[e->layer];
	char *rel = join(sub, e->name);

	memset(f, 0, sizeof(*f));
	if (l->kind == THEME_EMBEDDED) {
		for (size_t i = 0; i < theme_embed_default_count && f->data == NULL; i++)
			if (strcmp(theme_embed_default[i].name, rel) == 0) {
				f->data = (const char *)theme_embed_default[i].data;
				f->len = theme_embed_default[i].len;
			}
		free(rel);
		return f->data ? 0 : -1;
	}
	f->path = join(l->dir, rel);
	free(rel);
	if (file_check_within(&l->root, f->path, f->path, d) < 0) {
		free(f->path);
		f->path = NULL;
		return -1;
	}
	return 0;
}
