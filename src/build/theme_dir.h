/* Where a site's theme lives. */
#ifndef GONGSHI_THEME_DIR_H
#define GONGSHI_THEME_DIR_H

#include "load/file.h"
#include "model/model.h"

/* The folder of the theme named in site.yaml: SITE/themes/NAME, else
 * $GONGSHI_THEMES/NAME, else the installed GONGSHI_DATADIR/themes/NAME.
 * The path is allocated in `a`.  NULL with an error naming the places
 * searched when none exists, or when its notice.yaml is a symlink
 * leading out of the theme's root (below). */
const char *theme_dir(const struct site *s, arena *a, diags *d);
/* What the files of the theme in `dir` may not leave (load/file.h): the
 * site's folder when the theme is inside it (a partial may share a file
 * with the site), else the theme's own folder.  -1 with errno set when
 * either cannot be resolved; free with file_root_free. */
int theme_root_init(struct file_root *r, const struct site *s, const char *dir);

#endif
