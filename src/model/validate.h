/* Checks across files, once every table is read: content references,
 * the plan's declared totals. */
#ifndef GONGSHI_VALIDATE_H
#define GONGSHI_VALIDATE_H

#include "model/model.h"

void validate_site(struct site *s, diags *d);

#endif
