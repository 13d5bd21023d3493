/* Where a site's theme lives. */
#ifndef GONGSHI_THEME_DIR_H
#define GONGSHI_THEME_DIR_H

#include "model/model.h"

/* The folder of the theme named in site.yaml: SITE/themes/NAME, else
 * $GONGSHI_THEMES/NAME, else the installed GONGSHI_DATADIR/themes/NAME.
 * The path is allocated in `a`.  NULL with an error naming the places
 * searched when none exists. */
const char *theme_dir(const struct site *s, arena *a, diags *d);

#endif
