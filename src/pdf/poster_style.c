/* poster.yaml: the poster's layout, and the notice style made from it at
 * a given scale (see pdf/poster_style.h). */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "pdf/poster_style.h"

#define F(field) offsetof(struct pdf_poster_style, field)

static const struct pdf_key keys[] = {
	{ "page", "width_mm", PDF_KEY_MM, F(page_w), 50, 2000 },
	{ "page", "height_mm", PDF_KEY_MM, F(page_h), 50, 2000 },
	{ "margin", "top_mm", PDF_KEY_MM, F(top), 0, 1000 },
	{ "margin", "side_mm", PDF_KEY_MM, F(side), 0, 1000 },
	{ "margin", "bottom_mm", PDF_KEY_MM, F(bottom), 0, 1000 },
	{ "issuer", "size_pt", PDF_KEY_PT, F(issuer_size), 4, 200 },
	{ "issuer", "face", PDF_KEY_FACE, F(issuer_face), 0, 0 },
	{ "issuer", "color", PDF_KEY_COLOR, F(issuer_rgb), 0, 0 },
	{ "issuer", "rule_pt", PDF_KEY_PT, F(rule), 0.1, 20 },
	{ "issuer", "rule_gap_mm", PDF_KEY_MM, F(rule_gap), 0, 300 },
	{ "issuer", "after_mm", PDF_KEY_MM, F(after), 0, 300 },
	{ "name", "size_pt", PDF_KEY_PT, F(name_size), 4, 300 },
	{ "name", "leading_pt", PDF_KEY_PT, F(name_leading), 4, 400 },
	{ "name", "face", PDF_KEY_FACE, F(name_face), 0, 0 },
	{ "period", "size_pt", PDF_KEY_PT, F(period_size), 4, 200 },
	{ "period", "face", PDF_KEY_FACE, F(period_face), 0, 0 },
	{ "heading", "face", PDF_KEY_FACE, F(heading_face), 0, 0 },
	{ "body", "size_pt", PDF_KEY_PT, F(body_size), 4, 100 },
	{ "body", "min_pt", PDF_KEY_PT, F(body_min), 4, 100 },
	{ "body", "line_spacing", PDF_KEY_NUMBER, F(line_spacing), 1, 3 },
	{ "body", "face", PDF_KEY_FACE, F(body_face), 0, 0 },
	{ "qr", "size_mm", PDF_KEY_MM, F(qr_size), 10, 400 },
	{ "qr", "caption_size_pt", PDF_KEY_PT, F(caption_size), 4, 100 },
	{ "fit", "step", PDF_KEY_NUMBER, F(step), 0.01, 0.5 },
};

int poster_style_parse(struct pdf_poster_style *ps, const char *text,
		       size_t len, const char *display, diags *d)
{
	memset(ps, 0, sizeof(*ps));
	if (pdf_keys_parse(ps, PDF_KEYS(keys), text, len, display, d) < 0)
		return -1;
	if (ps->body_min > ps->body_size) {
		diag_error(d, display, 0, 0, NULL,
			   "版式参数“body.min_pt”不能大于“body.size_pt”");
		return -1;
	}
	if (2 * ps->side + 100 > ps->page_w ||
	    ps->top + ps->bottom + 100 > ps->page_h) {
		diag_error(d, display, 0, 0, NULL, "页边距超出了页面");
		return -1;
	}
	return 0;
}

double poster_style_paper_scale(int a4)
{
	return a4 ? 210.0 / 297.0 : 1.0;
}

void poster_style_at(const struct pdf_poster_style *ps, double paper,
		     double scale, struct pdf_style *st)
{
	double k = paper * scale;
	double line;

	memset(st, 0, sizeof(*st));
	/* A4 is A3 halved: the width half A3's height, the height A3's
	 * width (210 × 297 mm exactly, where scaling would give 296.97). */
	st->page_w = paper < 1 ? ps->page_h / 2 : ps->page_w;
	st->page_h = paper < 1 ? ps->page_w : ps->page_h;
	st->left = ps->side * paper;
	st->top = ps->top * paper;
	st->width = st->page_w - 2 * st->left;
	st->height = st->page_h - st->top - ps->bottom * paper;
	st->body_size = ps->body_size * k;
	/* Whole characters per line, spread to the block's edges. */
	st->chars_per_line = (long)floor(st->width / st->body_size);
	line = st->body_size * ps->line_spacing;
	st->lines_per_page = (long)floor(st->height / line);
	if (st->lines_per_page < 1)
		st->lines_per_page = 1;
	st->indent_chars = 0;
	st->body_face = ps->body_face;
	st->heading_face = ps->heading_face;
	st->subheading_face = ps->heading_face;
	st->title_size = ps->name_size * k;
	st->title_leading = ps->name_leading * k;
	st->title_face = ps->name_face;
	st->header_size = ps->issuer_size * k;
	st->header_face = ps->issuer_face;
	memcpy(st->header_rgb, ps->issuer_rgb, sizeof(st->header_rgb));
	st->header_rule = ps->rule * paper;
	st->header_gap = ps->rule_gap * k;
	st->header_after = ps->after * k;
	st->pageno_size = st->body_size;
	st->sign_right_chars = 1;
	st->qr_size = ps->qr_size * k;
	st->caption_size = ps->caption_size * k;
}
