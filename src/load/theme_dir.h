/* Where each file of a site's theme comes from.
 *
 * A theme is a stack of layers, the most specific first:
 *   SITE/layouts/         the site's overrides (templates, partials and
 *                         assets; not notice.yaml)
 *   SITE/themes/NAME/     held to the site like every other input: a link
 *                         leading out of the site is refused
 *   $GONGSHI_THEMES/NAME/ held to its own folder (tests, theme authors)
 *   the compiled-in theme (theme_embed.h), for NAME "default" only
 * A file ("templates/home.html", "assets/style.css", "notice.yaml") comes
 * from the first layer that has it, so a site overrides the default theme
 * one file at a time.  The compiled-in theme is the only source outside
 * the site that needs no setting.
 *
 * NAME (site.yaml `theme:`) is one plain folder name: no "/", not "." or
 * "..", no leading "." — themes/../x would publish any folder outside.
 *
 * A folder or file that exists but cannot be read (permissions) is an
 * error, never skipped: skipping would publish a site without its CSS or
 * with the wrong templates and exit 0. */
#ifndef GONGSHI_THEME_DIR_H
#define GONGSHI_THEME_DIR_H

#include <stddef.h>

#include "load/file.h"
#include "util/hash.h"

enum theme_layer_kind { THEME_LAYOUTS, THEME_FOLDER, THEME_EMBEDDED };

struct theme_layer {
	enum theme_layer_kind kind;
	char *dir;		/* NULL for THEME_EMBEDDED; malloc'd */
	struct file_root root;	/* what its files may not leave */
};

struct theme_src {
	struct theme_layer layer[4];
	size_t n;
};

/* One file of a listing: its name below the listed folder and the first
 * layer that has it. */
struct theme_entry {
	char *name; /* malloc'd */
	size_t layer;
};

struct theme_list {
	struct theme_entry *v; /* in byte order of name, each name once */
	size_t n, cap;
};

/* Where a site's theme is looked for: its folder as given, the prefix
 * its messages name files with ("" or "site/"), and site.yaml's
 * `theme:`. */
struct theme_site {
	const char *root, *prefix, *name;
};

/* Finds the layers of the theme named in site.yaml.  -1 after an error:
 * the name is not a plain folder name, no layer has the theme (naming
 * every place searched), a layer leads out of the site, or a layer's
 * folder cannot be read.  Close even after a failure. */
int theme_src_open(struct theme_src *t, const struct theme_site *s, diags *d);
void theme_src_close(struct theme_src *t);

/* What to read: the first of `rels` ("templates/home.html",
 * "partials/home.html") found, layer by layer: all of `rels` in a layer
 * before the next layer.  SITE/layouts/ is a layer only when `layouts`;
 * no file larger than `max`. */
struct theme_want {
	const char *const *rels;
	size_t nrels;
	int layouts;
	size_t max;
};

/* A file as read: malloc'd, NUL-terminated, `len` bytes, and the path
 * messages name it by (malloc'd). */
struct theme_text {
	char *text;
	size_t len;
	char *display;
};

/* Reads what `w` asks for into *out: 1, 0 when no layer has any, -1
 * after an error (unreadable, larger than w->max, a link out of its
 * layer's root). */
int theme_src_read(const struct theme_src *t, const struct theme_want *w, diags *d,
		   struct theme_text *out);

/* The theme's notice.yaml (the PDF layout; never from layouts/), as
 * theme_src_read gives it.  0, or -1 after an error, also when no layer
 * has one.  */
int theme_src_notice(const struct theme_src *t, diags *d, char **text,
		     size_t *len, char **display);

/* The theme's poster.yaml (the posters' layout), the same way; when no
 * layer has one (a theme copied before posters existed), the compiled-in
 * default's. */
int theme_src_poster(const struct theme_src *t, diags *d, char **text,
		     size_t *len, char **display);

/* Every file below folder `sub` ("assets") of every layer, skipping dot
 * files, into `l` (start it zeroed; free with theme_list_free).  -1 after
 * an error (an unreadable folder, a link out of a root, folders nested
 * too deep); `l` then holds what could be listed. */
int theme_src_list(const struct theme_src *t, const char *sub, int layouts,
		   struct theme_list *l, diags *d);
void theme_list_free(struct theme_list *l);

/* Where the bytes of a listed file are: the compiled-in theme's in
 * memory, any other layer's in a file checked to stay within its layer. */
struct theme_file {
	const char *data; /* the compiled-in theme's bytes, or NULL */
	size_t len;
	char *path;	  /* else the file to copy; malloc'd, free it */
};

/* Finds entry `e` (listed from `sub`).  -1 after an error (a link out
 * of its layer). */
int theme_src_file(const struct theme_src *t, const char *sub,
		   const struct theme_entry *e, struct theme_file *f, diags *d);

/* Adds every file of every layer (names, contents, and each folder's
 * path) to `h`: the key of whatever the theme shapes. */
void theme_src_hash(const struct theme_src *t, struct hash *h);

#endif
