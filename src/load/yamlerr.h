/* libyaml's errors, explained in Chinese at the line that is really
 * wrong.  Private to load/ (yamldoc.c).
 *
 * libyaml says what its grammar missed ("could not find expected ':'",
 * "mapping values are not allowed in this context") and where it noticed,
 * which is often the line after the mistake: `title:薛城区` is read as the
 * start of a plain text that runs on until the next line's colon.  The
 * people who edit site.yaml and front matter do so in Notepad; what they
 * need is the mistake they made (a missing space after a colon, a Chinese
 * colon, a Tab, a quote or bracket not closed, a value that starts with a
 * YAML sign) on the line they made it, and how to put it right.  The
 * common mistakes are recognised from libyaml's problem and the text of
 * the lines around it; anything else gets a general explanation at
 * libyaml's position.  Every message starts "YAML 格式错误：". */
#ifndef GONGSHI_YAMLERR_H
#define GONGSHI_YAMLERR_H

#include <stddef.h>
#include <yaml.h>

#include "util/diag.h"

/* Adds the error for the parser `p`, which failed on `text` (`len`
 * bytes); lines are shown counted from `line_base` + 1. */
void yamlerr_report(const yaml_parser_t *p, const char *text, size_t len,
		    const char *path, unsigned line_base, diags *d);

/* When the plain scalar `n` is one line that looks like a setting whose
 * colon is wrong (`issuer:薛城区`, `issuer：薛城区`): 1 after an error at
 * the colon; else 0.  For a value where a mapping was expected. */
int yamlerr_colon_in_scalar(const yaml_node_t *n, const char *path,
			    unsigned line_base, diags *d);

#endif
