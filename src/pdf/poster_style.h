/* The poster (公示牌) of a community, its layout settings (poster.yaml): one sheet for the bulletin board,
 * in print large enough to read from a metre away (pdf/pdf.h has the
 * public calls).  Internal to the PDF back-end.
 *
 * Its layout comes from the theme's poster.yaml (poster_style.c), drawn
 * for A3; site.yaml's `poster.size: a4` scales every length and size by
 * 210/297 (A4 is A3 halved, so the same design, smaller).  The wording
 * (poster.c) is laid out with the notice's machinery (doc.c, layout.c,
 * draw.c) under a pdf_style made from poster.yaml at a given scale: the
 * largest that fits on one page, down to body.min_pt. */
#ifndef GONGSHI_PDF_POSTER_STYLE_H
#define GONGSHI_PDF_POSTER_STYLE_H

#include "pdf/style.h"
#include "util/diag.h"

/* poster.yaml, lengths in points, for A3. */
struct pdf_poster_style {
	double page_w, page_h;
	double top, side, bottom;		/* margins */
	double issuer_size, rule, rule_gap, after;
	int issuer_face;
	double issuer_rgb[3];
	double name_size, name_leading;		/* the community's name */
	int name_face;
	double period_size;			/* 改造方案公示, 公示期 */
	int period_face, heading_face;
	double body_size, body_min, line_spacing;
	int body_face;
	double qr_size, caption_size;
	double step;				/* of the scale, when shrinking */
};

/* Reads poster.yaml; 0, or -1 with diagnostics (every key required). */
int poster_style_parse(struct pdf_poster_style *ps, const char *text,
		       size_t len, const char *display, diags *d);

/* How the poster's lengths and sizes compare with poster.yaml's: A3 1,
 * A4 210/297. */
double poster_style_paper_scale(int a4);

/* The notice machinery's style for the poster with every text size and
 * the QR code times `scale` (≤ 1: shrinking to fit) and every length
 * times `paper` (poster_style_paper_scale). */
void poster_style_at(const struct pdf_poster_style *ps, double paper,
		     double scale, struct pdf_style *st);

#endif
