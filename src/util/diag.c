#include "util/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xalloc.h"

static void diags_vadd(diags *d, enum diag_severity sev, const char *file,
		       unsigned line, unsigned col, const char *value,
		       const char *fmt, va_list ap)
{
	struct diag *g;
	buf msg = BUF_INIT;

	buf_vprintf(&msg, fmt, ap);
	d->v = xgrow(d->v, &d->cap, d->n + 1, sizeof(*d->v));
	g = &d->v[d->n++];
	g->severity = sev;
	g->file = xstrdup(file ? file : "gongshi");
	g->line = line;
	g->col = col;
	g->message = buf_detach(&msg);
	g->value = value ? xstrdup(value) : NULL;
	g->seq = d->n - 1;
	if (sev == DIAG_ERROR)
		d->errors++;
	else if (sev == DIAG_WARNING)
		d->warnings++;
}

void diags_add(diags *d, enum diag_severity sev, const char *file,
	       unsigned line, unsigned col, const char *value,
	       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diags_vadd(d, sev, file, line, col, value, fmt, ap);
	va_end(ap);
}

void diag_error(diags *d, const char *file, unsigned line, unsigned col,
		const char *value, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diags_vadd(d, DIAG_ERROR, file, line, col, value, fmt, ap);
	va_end(ap);
}

void diag_warning(diags *d, const char *file, unsigned line, unsigned col,
		  const char *value, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diags_vadd(d, DIAG_WARNING, file, line, col, value, fmt, ap);
	va_end(ap);
}

void diags_promote_warnings(diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].severity == DIAG_WARNING) {
			d->v[i].severity = DIAG_ERROR;
			d->warnings--;
			d->errors++;
		}
	}
}

static int diag_cmp(const void *pa, const void *pb)
{
	const struct diag *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);

	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void diags_sort(diags *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), diag_cmp);
}

static const char *severity_name(enum diag_severity sev)
{
	switch (sev) {
	case DIAG_ERROR:
		return "error";
	case DIAG_WARNING:
		return "warning";
	case DIAG_NOTE:
		break;
	}
	return "note";
}

void diag_format(const struct diag *g, FILE *out)
{
	fputs(g->file, out);
	if (g->line) {
		fprintf(out, ":%u", g->line);
		if (g->col)
			fprintf(out, ":%u", g->col);
	}
	fprintf(out, ": %s: %s\n", severity_name(g->severity), g->message);
}

void diags_print(const diags *d, FILE *out)
{
	for (size_t i = 0; i < d->n; i++)
		diag_format(&d->v[i], out);
}

void diags_free(diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].message);
		free(d->v[i].value);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}
