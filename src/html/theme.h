/* The theme a site renders with: its Mustache templates and partials and
 * its static assets, each of which the site may override with a file of
 * the same relative name under SITE/layouts/.
 *
 * The theme's folder is found by theme_dir() (build/theme_dir.h).  Inside it,
 * templates/ holds one template per page kind, partials/ the pieces they
 * include ({{>header}}, {{<layout}}), assets/ files copied as they are to
 * OUT/assets/. */
#ifndef GONGSHI_HTML_THEME_H
#define GONGSHI_HTML_THEME_H

#include <stddef.h>

#include "build/output.h"
#include "load/file.h"
#include "model/model.h"
#include "template/mustache.h"
#include "util/diag.h"

struct theme {
	char *dir;	   /* the theme folder; owned */
	char *layouts;	   /* SITE/layouts/ when it exists, else NULL; owned */
	/* What files read through them may not leave (load/file.h): the
	 * site for layouts/, and for the theme the site too when the theme
	 * is inside it, else the theme's own folder. */
	struct file_root site_root, theme_root;
	const char *prefix; /* the site's display prefix for diagnostics */
	mustache_env *env;  /* parses each template once */
	diags *d;
};

/* Finds the site's theme.  -1 with a diagnostic naming every folder
 * tried when there is none.  A template, partial or asset that is a
 * symlink leading out of its root (see struct theme) is refused with an
 * error when it is read.  `d` must outlive the theme; the theme's
 * path is also kept in the site's arena. */
int theme_open(struct theme *t, const struct site *s, diags *d);
/* The template or partial `name` ("community", "layout"), parsed once;
 * NULL after a diagnostic naming file:line:col. */
mustache_template *theme_template(struct theme *t, const char *name);
/* Copies assets/ of the theme and of SITE/layouts/ (which wins) to
 * OUT/assets/, in name order.  Adds the number of files to *files. */
int theme_copy_assets(struct theme *t, struct output *o, diags *d, size_t *files);
void theme_close(struct theme *t);

#endif
