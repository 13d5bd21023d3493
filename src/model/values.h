/* Parsing of single CSV values into typed fields, each failure reported
 * at the field's position with the value quoted. */
#ifndef GONGSHI_VALUES_H
#define GONGSHI_VALUES_H

#include "load/csv.h"
#include "model/model.h"
#include "util/buf.h"

/* The values a whole number may take, both ends included. */
struct value_range {
	long min, max;
};

/* An integer within `r`.  `what` names the column for the message, e.g.
 * "户数". */
int value_long(const struct csv_field *f, const char *file, const char *what,
	       struct value_range r, long *out, diags *d);
/* Square metres, `12,345.6` accepted, into hundredths. */
int value_area(const struct csv_field *f, const char *file, const char *what,
	       long long *out, diags *d);
int value_date(const struct csv_field *f, const char *file, struct date *out,
	       diags *d);
/* The text of a number or date field to parse: f->text, or its half
 * width form in `half` (with a warning); NULL, with an error, when a
 * space is left inside it. */
const char *value_number_text(const struct csv_field *f, const char *file,
			      const char *what, buf *half, diags *d);
/* Money in 万元 (load/money.h) into whole 元; "约50万", "50万元", "五十"
 * are errors saying to type the number only.  Empty: -1 in *out, 0. */
int value_money(const struct csv_field *f, const char *file, const char *what,
		long long *out, diags *d);
/* A percentage 0-100 written 85 or 85% (or 85％). */
int value_percent(const struct csv_field *f, const char *file, const char *what,
		  int *out, diags *d);
/* 是/否/yes/no/有/无/true/false; -1 for an empty field. */
int value_yes_no(const struct csv_field *f, const char *file, int *out,
		 diags *d);
/* An id that becomes part of a URL: [a-z0-9][a-z0-9-]*, at most 64. */
int value_slug(const struct csv_field *f, const char *file, const char *what,
	       diags *d);
int value_slug_valid(const char *s);

/* Splits a list field at ; ； 、 and , (ASCII or full width), trimming
 * spaces.  Returns the count; the parts are arena strings. */
size_t value_split(const char *s, arena *a, const char ***out);

/* value_split into scratch space reused from one field to the next, for
 * parts needed only until the next field: a big table of lists of items
 * then leaves no copy of each part in the arena. */
struct value_parts {
	const char **part; /* the parts of the last split; owned */
	size_t n;
	char *text; /* the parts' text; owned */
	size_t text_cap, part_cap;
};

#define VALUE_PARTS_INIT { NULL, 0, NULL, 0, 0 }

/* Splits `s` into `v`, replacing the parts of the last split.  Returns
 * their count. */
size_t value_parts_split(struct value_parts *v, const char *s);
void value_parts_free(struct value_parts *v);

#endif
