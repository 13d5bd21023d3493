#include "util/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xalloc.h"

static struct diag *append(diags *d)
{
	d->v = xgrow(d->v, &d->cap, d->n + 1, sizeof(*d->v));
	return &d->v[d->n++];
}

/* The note that stands for the problems of a run not kept. */
static void note_dropped(diags *d, const char *file)
{
	struct diag *g;
	buf msg = BUF_INIT;
	size_t dropped = d->run_count - DIAG_MAX_PER_FILE;

	buf_printf(&msg, "此文件的问题太多，只列出了前 %d 个，另有 %zu 个没有列出"
			 "（改正后再检查一次）", DIAG_MAX_PER_FILE, dropped);
	if (dropped > 1) {
		g = &d->v[d->run_note];
		free(g->message);
		g->message = buf_detach(&msg);
		return;
	}
	g = append(d);
	memset(g, 0, sizeof(*g));
	g->severity = DIAG_NOTE;
	g->file = xstrdup(file);
	g->message = buf_detach(&msg);
	g->seq = d->n - 1;
	d->run_note = d->n - 1;
}

/* 1 when this problem is the next of the current file's run and the run
 * has had its share: it is counted, not kept. */
static int over_limit(diags *d, const char *file)
{
	const struct diag *last = d->n ? &d->v[d->n - 1] : NULL;

	if (last == NULL || strcmp(last->file, file) != 0)
		d->run_count = 0;
	return ++d->run_count > DIAG_MAX_PER_FILE;
}

static void diags_vadd(diags *d, enum diag_severity sev, struct diag_at at,
		       const char *value, const char *fmt, va_list ap)
{
	const char *file = at.file;
	struct diag *g;
	buf msg = BUF_INIT;

	if (file == NULL)
		file = "gongshi";
	if (sev == DIAG_ERROR)
		d->errors++;
	else if (sev == DIAG_WARNING)
		d->warnings++;
	if (sev != DIAG_NOTE && over_limit(d, file)) {
		d->dropped_warnings += sev == DIAG_WARNING;
		note_dropped(d, file);
		return;
	}
	buf_vprintf(&msg, fmt, ap);
	g = append(d);
	g->severity = sev;
	g->file = xstrdup(file);
	g->line = at.line;
	g->col = at.col;
	g->message = buf_detach(&msg);
	g->value = value ? xstrdup(value) : NULL;
	g->seq = d->n - 1;
}

static void diags_add(diags *d, enum diag_severity sev, struct diag_at at,
		      const char *value, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void diags_add(diags *d, enum diag_severity sev, struct diag_at at,
		      const char *value, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diags_vadd(d, sev, at, value, fmt, ap);
	va_end(ap);
}

void diag_error(diags *d, const char *file, unsigned line, unsigned col,
		const char *value, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diags_vadd(d, DIAG_ERROR, (struct diag_at){ file, line, col }, value, fmt, ap);
	va_end(ap);
}

void diag_warning(diags *d, const char *file, unsigned line, unsigned col,
		  const char *value, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diags_vadd(d, DIAG_WARNING, (struct diag_at){ file, line, col }, value, fmt,
		   ap);
	va_end(ap);
}

void diags_move(diags *to, diags *from)
{
	size_t errors = 0, warnings = 0;

	for (size_t k = 0; k < from->n; k++) {
		const struct diag *g = &from->v[k];

		diags_add(to, g->severity, (struct diag_at){ g->file, g->line, g->col },
			  g->value, "%s",
			  g->message);
		errors += g->severity == DIAG_ERROR;
		warnings += g->severity == DIAG_WARNING;
	}
	to->errors += from->errors - errors;
	to->warnings += from->warnings - warnings;
	to->dropped_warnings += from->warnings - warnings;
	diags_free(from);
}

void diags_promote_warnings(diags *d)
{
	d->errors += d->dropped_warnings;
	d->warnings -= d->dropped_warnings;
	d->dropped_warnings = 0;
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
