/* The theme a site renders with: its Mustache templates and partials and
 * its static assets, each of which the site may override with a file of
 * the same relative name under SITE/layouts/.
 *
 * Each file comes from the first layer that has it (load/theme_dir.h:
 * layouts/, the site's themes/NAME, $GONGSHI_THEMES/NAME, the compiled-in
 * default theme).  In each, templates/ holds one template per page kind,
 * partials/ the pieces they include ({{>header}}, {{<layout}}), assets/
 * files copied as they are to OUT/assets/. */
#ifndef GONGSHI_HTML_THEME_H
#define GONGSHI_HTML_THEME_H

#include <stddef.h>

#include "load/theme_dir.h"
#include "load/file.h"
#include "model/model.h"
#include "template/mustache.h"
#include "util/diag.h"

/* Where the assets go: the writer's functions (the renderer knows no
 * output folder).  Each returns 0, or -1 after a diagnostic of its own. */
struct theme_sink {
	/* `data` (`len` bytes) as `path` below the output. */
	int (*write)(void *ctx, const char *path, const char *data, size_t len);
	/* The file `src` copied as `path`. */
	int (*copy)(void *ctx, const char *path, const char *src);
	void *ctx;
};

struct theme {
	struct theme_src src; /* layouts/ and the theme's layers */
	const char *prefix;   /* the site's display prefix for diagnostics */
	mustache_env *env;    /* parses each template once */
	diags *d;
};

/* Finds the site's theme.  -1 with a diagnostic naming every folder
 * tried when there is none, or when a layer cannot be used
 * (theme_dir.h).  A template, partial or asset that is a symlink leading
 * out of its layer's root is refused with an error when it is read.  `d`
 * must outlive the theme. */
int theme_open(struct theme *t, const struct site *s, diags *d);
/* The template or partial `name` ("community", "layout"), parsed once;
 * NULL after a diagnostic naming file:line:col. */
mustache_template *theme_template(struct theme *t, const char *name);
/* Copies assets/ of the theme and of SITE/layouts/ (which wins) to
 * OUT/assets/, in name order.  Adds the number of files to *files. */
int theme_copy_assets(struct theme *t, const struct theme_sink *sink, diags *d,
		      size_t *files);
/* What build would read of the theme, read now for `gongshi check`:
 * every template and partial parsed, the assets folders listed (an
 * unreadable folder is an error).  -1 after diagnostics. */
int theme_check(struct theme *t);
void theme_close(struct theme *t);

#endif
