/* The progress report's pieces shared by its files (pdf/ only; the
 * renderer itself is in pdf/pdf.h): report.c writes the head, the totals
 * and the changes and renders; report_lists.c the overdue list and the
 * money.  Nothing here owns anything beyond the ndoc being built. */
#ifndef GONGSHI_PDF_REPORT_H
#define GONGSHI_PDF_REPORT_H

#include "pdf/render.h"

/* One report being worded. */
struct rctx {
	const struct site *s;
	const struct pdf_style *st;
	struct ndoc *nd;
	struct date as_of, prev; /* its date; the previous report's */
	size_t section, tables;	 /* written so far */
	struct srcpos pos;	 /* site.yaml, for what comes from no row */
	buf b;			 /* scratch */
};

/* A paragraph of `role` holding the scratch text (which is emptied). */
struct lay_para *report_emit(struct rctx *x, enum role role, const struct srcpos *pos);
/* "一、text", numbered in order. */
void report_heading(struct rctx *x, const char *text);
/* "表1 text", centred above the table that follows and kept with it. */
void report_caption(struct rctx *x, const char *text);
/* k of n as a percentage with two decimals, rounded half up ("28.57%");
 * "—" when n is 0.  Appends to `b`. */
void report_ratio(buf *b, size_t k, size_t n);
/* A day in a table: "8月28日" in the report's year, else with the year;
 * `out` holds 32 bytes. */
void report_day(const struct rctx *x, struct date d, char *out);
/* Unit `u`'s name, "" for NO_INDEX. */
const char *report_unit_name(const struct site *s, size_t u);

/* The sections of report_lists.c: each writes nothing when the site has
 * no data for it (no planned completion at all; no money at all). */
void report_overdue(struct rctx *x);
void report_funding(struct rctx *x);

#endif
