/* Parsing of single CSV values into typed fields, each failure reported
 * at the field's position with the value quoted. */
#ifndef GONGSHI_VALUES_H
#define GONGSHI_VALUES_H

#include "load/csv.h"
#include "model/model.h"

/* `what` names the column for the message, e.g. "户数". */
int value_long(const struct csv_field *f, const char *file, const char *what,
	       long min, long max, long *out, diags *d);
/* Square metres, `12,345.6` accepted, into hundredths. */
int value_area(const struct csv_field *f, const char *file, const char *what,
	       long long *out, diags *d);
int value_date(const struct csv_field *f, const char *file, struct date *out,
	       diags *d);
/* 是/否/yes/no/有/无/true/false; -1 for an empty field. */
int value_yes_no(const struct csv_field *f, const char *file, int *out,
		 diags *d);
/* An id that becomes part of a URL: [a-z0-9][a-z0-9-]*, at most 64. */
int value_slug(const struct csv_field *f, const char *file, const char *what,
	       diags *d);
int slug_valid(const char *s);

/* Splits a list field at ; ； 、 and , (ASCII or full width), trimming
 * spaces.  Returns the count; the parts are arena strings. */
size_t value_split(const char *s, arena *a, const char ***out);

#endif
