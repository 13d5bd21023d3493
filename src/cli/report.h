/* What the commands print: diagnostics, the site summary. */
#ifndef GONGSHI_REPORT_H
#define GONGSHI_REPORT_H

#include <stdio.h>

#include "model/model.h"

/* Sorts and prints the diagnostics to stderr with a count line, or with
 * `json` as one JSON document on stdout ({"errors", "warnings",
 * "diagnostics": [{file, line, column, severity, message, value}]});
 * returns EXIT_INPUT when there are errors (warnings too with `strict`). */
int report_diagnostics(diags *d, int strict, int json);
/* Communities, households and floor area, in all and per subdistrict and
 * area; counts of the other tables. */
void report_summary(const struct site *s, FILE *out);

#endif
