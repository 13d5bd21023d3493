/* site.yaml: the site's settings, read with libyaml into struct config. */
#ifndef GONGSHI_CONFIG_H
#define GONGSHI_CONFIG_H

#include "model/model.h"

/* Reads `path` (shown as `display`) into `c`, strings in `a`.  Missing
 * settings get defaults; unknown keys are warnings; bad values are errors.
 * Returns -1 when the file is missing or not YAML. */
int config_load(struct config *c, const char *path, const char *display,
		arena *a, diags *d);
void config_defaults(struct config *c);

#endif
