/* Drawing laid-out notices onto libharu pages.
 *
 * Text goes out in runs of one font with its character spacing set, at
 * positions computed from the same widths libharu writes, so what
 * pdftotext reads back is the text in reading order.  Layout y (down from
 * the text block's top) becomes PDF y (up from the page's foot) here. */
#include <string.h>

#include "pdf/qr.h"
#include "pdf/render.h"
#include "pdf/table.h"
#include "pdf/tags.h"


/* Where the baseline of a line of `size` sits in a slot whose top is
 * `top` and height `h`: the em box centred, with CJK faces' usual 0.12 em
 * below the baseline. */
double draw_baseline(double top, double h, double size)
{
	return top - (h - size) / 2 - size * 0.88;
}

static double char_width(const struct pdf_renderer *r,
			 const struct lay_char *c, double size)
{
	return font_advance(&r->fonts, c) * size;
}

/* Width of chars [a, b) at `size` with `spacing` between glyphs. */
static double chars_width(const struct pdf_renderer *r,
			  const struct lay_char *c, size_t a, size_t b,
			  double size, double spacing)
{
	double w = 0;

	for (size_t i = a; i < b; i++)
		w += char_width(r, &c[i], size);
	return b > a + 1 ? w + (double)(b - a - 1) * spacing : w;
}

/* The placeholder for a character no font has: an empty square. */
static void draw_box(HPDF_Page pg, double x, double y, double size)
{
	HPDF_Page_SetLineWidth(pg, (HPDF_REAL)(size * 0.06));
	HPDF_Page_Rectangle(pg, (HPDF_REAL)(x + size * 0.12),
			    (HPDF_REAL)(y - size * 0.05),
			    (HPDF_REAL)(size * 0.76), (HPDF_REAL)(size * 0.76));
	HPDF_Page_Stroke(pg);
}

void draw_chars(const struct pen *pn, struct span sp, double x, double y, double size,
		double spacing)
{
	const struct pdf_renderer *r = pn->r;
	const struct font_doc *fd = pn->fd;
	const struct lay_char *c = sp.c;
	HPDF_Page pg = pn->pg;
	buf run = BUF_INIT;
	size_t i = sp.a, b = sp.b;

	while (i < b) {
		size_t j = i;
		double x0 = x;

		if (c[i].cp == LAY_NEWLINE) {
			i++;
			continue;
		}
		if (c[i].flags & FONT_F_BOX) {
			draw_box(pg, x, y, size);
			x += char_width(r, &c[i], size) + spacing;
			i++;
			continue;
		}
		buf_reset(&run);
		while (j < b && !(c[j].flags & FONT_F_BOX) &&
		       c[j].cp != LAY_NEWLINE && c[j].font == c[i].font) {
			if (c[i].font < fd->n)
				pdf_encoding_put(&fd->enc[c[i].font], c[j].cp,
						 &run);
			x += char_width(r, &c[j], size) + spacing;
			j++;
		}
		if (c[i].font < fd->n && fd->hf[c[i].font]) {
			HPDF_Page_BeginText(pg);
			HPDF_Page_SetFontAndSize(pg, fd->hf[c[i].font],
						 (HPDF_REAL)size);
			HPDF_Page_SetCharSpace(pg, (HPDF_REAL)spacing);
			HPDF_Page_TextOut(pg, (HPDF_REAL)x0, (HPDF_REAL)y,
					  buf_cstr(&run));
			HPDF_Page_EndText(pg);
		}
		i = j;
	}
	buf_free(&run);
}

static void set_color(HPDF_Page pg, const double *rgb)
{
	HPDF_Page_SetRGBFill(pg, (HPDF_REAL)rgb[0], (HPDF_REAL)rgb[1],
			     (HPDF_REAL)rgb[2]);
	HPDF_Page_SetRGBStroke(pg, (HPDF_REAL)rgb[0], (HPDF_REAL)rgb[1],
			       (HPDF_REAL)rgb[2]);
}

static const double black[3] = { 0, 0, 0 };

/* The QR code's caption, chars [z, end) of the sign box `p`: each line
 * (at LAY_NEWLINE) centred under the code, the first at `top`. */
static void draw_caption(const struct pen *pn, const struct lay_para *p,
			 size_t z, double top)
{
	const struct pdf_renderer *r = pn->r;
	const struct pdf_style *st = &r->style;
	const struct lay_char *c = p->chars;
	double S = st->caption_size, h = S * 1.6;

	while (z < p->nchars) {
		size_t e = z;
		double w;

		while (e < p->nchars && c[e].cp != LAY_NEWLINE)
			e++;
		w = chars_width(r, c, z, e, S, 0);
		draw_chars(pn, (struct span){ c, z, e },
			   st->left + (w < st->qr_size ? (st->qr_size - w) / 2 : 0),
			   draw_baseline(top, h, S), S, 0);
		top -= h;
		z = e < p->nchars ? e + 1 : e;
	}
}

/* Issuer and date at the right (the date 4 characters from the margin,
 * the issuer centred over it), the QR code and its caption at the left. */
static void draw_sign(const struct pen *pn, const struct ndoc *nd,
		      const struct lay_para *p, double top)
{
	const struct pdf_renderer *r = pn->r;
	struct tags *t = pn->t;
	HPDF_Dict who = tags_elem(t, "P"), fig;
	buf alt = BUF_INIT;
	const struct pdf_style *st = &r->style;
	const struct lay_char *c = p->chars;
	double S = st->body_size, tr = pdf_style_tracking(st);
	double L = pdf_style_line(st), right, wi, wd, xd, xi;
	size_t a = 0, b, z;

	while (a < p->nchars && c[a].cp != LAY_NEWLINE)
		a++;
	b = a < p->nchars ? a + 1 : a;
	while (b < p->nchars && c[b].cp != LAY_NEWLINE)
		b++;
	z = b < p->nchars ? b + 1 : b;
	right = st->left + st->width - st->sign_right_chars * (S + tr);
	wi = chars_width(r, c, 0, a, S, tr);
	wd = chars_width(r, c, a + 1 < b ? a + 1 : b, b, S, tr);
	xd = right - wd;
	xi = xd + wd / 2 - wi / 2;
	if (xi + wi > st->left + st->width)
		xi = st->left + st->width - wi;
	tags_content(t, who);
	draw_chars(pn, (struct span){ c, 0, a }, xi, draw_baseline(top, L, S), S, tr);
	tags_content_end(t);
	tags_content(t, who);
	draw_chars(pn, (struct span){ c, a + 1 < b ? a + 1 : b, b }, xd,
		   draw_baseline(top - L, L, S), S, tr);
	tags_content_end(t);
	if (*nd->url == '\0')
		return;
	/* The QR code is a figure whose words are where it leads. */
	fig = tags_elem(t, "Figure");
	buf_printf(&alt, "二维码：本小区网页 %s", nd->url);
	tags_alt(t, fig, buf_cstr(&alt));
	buf_free(&alt);
	tags_content(t, fig);
	qr_draw(pn->pg, nd->url, st->left, top - st->qr_size, st->qr_size);
	tags_content_end(t);
	tags_content(t, tags_elem(t, "P"));
	draw_caption(pn, p, z, top - st->qr_size);
	tags_content_end(t);
}

static double measure(void *ctx, const struct lay_char *c)
{
	return font_advance(ctx, c);
}

size_t pdf_photo_caption(const struct pdf_renderer *r, const struct lay_para *p, double width,
			 struct lay_result *res)
{
	const struct lay_measure m = { measure, (void *)&r->fonts };
	struct lay_para q = *p;

	q.box_height = 0;
	q.indent_first = q.indent_rest = q.indent_right = 0;
	res->nlines = 0;
	return lay_break(&q, 0, width, &m, res);
}

/* The caption lines `cap` of the picture box `p`, centred in the column
 * from `x0` `cw` wide, the first at `top`: one paragraph of the
 * structure. */
static void draw_photo_caption(const struct pen *pn, const struct lay_para *p,
			       const struct lay_result *cap, double x0, double top)
{
	tags_content(pn->t, tags_elem(pn->t, "P"));
	for (size_t i = 0; i < cap->nlines; i++) {
		const struct lay_line *l = &cap->lines[i];

		draw_chars(pn, (struct span){ p->chars, l->start, l->end }, x0 + l->x,
			   draw_baseline(top - (double)i * p->leading, p->leading, p->size),
			   p->size, l->spacing);
	}
	tags_content_end(pn->t);
}

/* The picture (ndoc.photo), centred in its box, scaled to fit.  An
 * artifact: the caption is the text that says what it shows, a
 * paragraph of its own on the notice, the box's own lines under the
 * picture on the poster, whose box is a column from `indent_rest` (see
 * render.h's R_PHOTO). */
static void draw_photo(const struct pen *pn, const struct ndoc *nd,
		       const struct lay_para *p, double top)
{
	const struct pdf_style *st = &pn->r->style;
	HPDF_Page pg = pn->pg;
	HPDF_Image img = pn->img;
	struct lay_result cap = LAY_RESULT_INIT;
	double x0 = st->left + p->indent_rest, cw = st->width - p->indent_rest;
	size_t n = p->nchars ? pdf_photo_caption(pn->r, p, cw, &cap) : 0;
	double h = p->box_height - (n ? ((double)n + 0.25) * p->leading : 0), w;

	w = h * nd->photo->width / nd->photo->height;
	if (img) {
		if (w > cw) {
			w = cw;
			h = w * nd->photo->height / nd->photo->width;
		}
		tags_artifact(pg);
		HPDF_Page_DrawImage(pg, img, (HPDF_REAL)(x0 + (cw - w) / 2),
				    (HPDF_REAL)(top - h), (HPDF_REAL)w, (HPDF_REAL)h);
		tags_end(pg);
	}
	if (n)
		draw_photo_caption(pn, p, &cap, x0, top - p->box_height + (double)n * p->leading);
	lay_result_free(&cap);
}

/* The structure type of a role's paragraphs. */
static const char *role_tag(enum role role)
{
	switch (role) {
	case R_TITLE:
		return "H1";
	case R_HEADING:
		return "H2";
	case R_SUBHEAD:
		return "H3";
	case R_QUOTE:
		return "BlockQuote";
	case R_HEADER:
	case R_RULE:
	case R_SALUTATION:
	case R_BODY:
	case R_ITEM:
	case R_CODE:
	case R_SIGN:
	case R_PHOTO:
	case R_PAGENO:
	case R_THEAD:
	case R_ROW:
		break;
	}
	return "P";
}

/* Draws one placed line (inside its paragraph's marked content, which
 * draw_page opens) or box (which marks its own). */
static void draw_place(const struct pen *pn, const struct ndoc *nd,
		       const struct lay_place *pl, HPDF_Dict *elem)
{
	HPDF_Page pg = pn->pg;
	const struct pdf_style *st = &pn->r->style;
	const struct lay_para *p = &nd->p[pl->para];
	double top = st->page_h - st->top - pl->y;
	const struct lay_line *l;

	switch ((enum role)p->role) {
	case R_RULE:
		tags_artifact(pg);
		set_color(pg, st->header_rgb);
		HPDF_Page_SetLineWidth(pg, (HPDF_REAL)st->header_rule);
		HPDF_Page_MoveTo(pg, (HPDF_REAL)st->left,
				 (HPDF_REAL)(top - st->header_gap));
		HPDF_Page_LineTo(pg, (HPDF_REAL)(st->left + st->width),
				 (HPDF_REAL)(top - st->header_gap));
		HPDF_Page_Stroke(pg);
		set_color(pg, black);
		tags_end(pg);
		return;
	case R_SIGN:
		draw_sign(pn, nd, p, top);
		return;
	case R_THEAD:
	case R_ROW:
		table_draw_row(pn, nd, pl, top, elem);
		return;
	case R_PHOTO:
		draw_photo(pn, nd, p, top);
		return;
	default:
		break;
	}
	if (pl->line == LAY_NO_LINE)
		return;
	l = &nd->lay.lines[pl->line];
	if (p->role == R_HEADER)
		set_color(pg, st->header_rgb);
	draw_chars(pn, (struct span){ p->chars, l->start, l->end }, st->left + l->x,
		   draw_baseline(top, pl->height, p->size), p->size, l->spacing);
	if (p->role == R_HEADER)
		set_color(pg, black);
}

/* "— 1 —" under the text block: odd pages at the right, even at the
 * left, one character in from the edge. */
static void draw_pageno(const struct pen *pn, const struct lay_para *p,
			size_t number)
{
	const struct pdf_renderer *r = pn->r;
	const struct pen art = { r, pn->pg, pn->fd, NULL, NULL };
	HPDF_Page pg = pn->pg;
	const struct pdf_style *st = &r->style;
	double w = chars_width(r, p->chars, 0, p->nchars, p->size, 0);
	double in = st->pageno_indent_chars * p->size;
	double top = st->page_h - st->top - st->height - st->pageno_below;
	double x = number % 2 ? st->left + st->width - in - w : st->left + in;

	tags_artifact(pg);
	draw_chars(&art, (struct span){ p->chars, 0, p->nchars }, x,
		   draw_baseline(top, p->size, p->size), p->size, 0);
	tags_end(pg);
}

/* The mark's first two characters (示例), large, light grey, across the
 * page at 45°, under everything else: a screenshot of any part of the
 * text shows it.  Drawn as filled outlines, not text, so that text
 * extraction never meets it. */
static void draw_watermark(const struct pdf_renderer *r, HPDF_Page pg,
			   const struct lay_para *p)
{
	static const double light[3] = { 0.88, 0.88, 0.88 };
	const struct pdf_style *st = &r->style;
	double size = st->width / 2.6, c = 0.70710678, x;
	size_t n = p->nchars < 2 ? p->nchars : 2;

	HPDF_Page_GSave(pg);
	HPDF_Page_Concat(pg, (HPDF_REAL)c, (HPDF_REAL)c, (HPDF_REAL)-c, (HPDF_REAL)c,
			 (HPDF_REAL)(st->page_w / 2), (HPDF_REAL)(st->page_h / 2));
	set_color(pg, light);
	x = -chars_width(r, p->chars, 0, n, size, 0) / 2;
	for (size_t i = 0; i < n; i++) {
		font_draw_outline(&r->fonts, &p->chars[i], pg, x, -size * 0.38, size);
		x += char_width(r, &p->chars[i], size);
	}
	HPDF_Page_GRestore(pg);
}

/* The example mark: a light diagonal 示例 across the page, and a grey
 * stamp-like box in the top margin, at the right, saying what it means;
 * drawn before anything else on the page so that text extraction reads
 * the box first and never inside a sentence.  Its words are a paragraph
 * of the structure when `t` is not NULL, else an artifact. */
void draw_mark(const struct pdf_renderer *r, HPDF_Page pg, const struct font_doc *fd,
	       const struct lay_para *p, struct tags *t)
{
	static const double grey[3] = { 0.35, 0.35, 0.35 };
	const struct pdf_style *st = &r->style;
	double w = chars_width(r, p->chars, 0, p->nchars, p->size, 0);
	double pad = p->size * 0.5, h = p->size * 2;
	double x = st->left + st->width - w - 2 * pad;
	double y = st->page_h - st->top / 2 - h / 2; /* the box's foot */
	const struct pen pn = { r, pg, fd, t, NULL };

	tags_artifact(pg);
	draw_watermark(r, pg, p);
	set_color(pg, grey);
	HPDF_Page_SetLineWidth(pg, 1.5);
	HPDF_Page_Rectangle(pg, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)(w + 2 * pad),
			    (HPDF_REAL)h);
	HPDF_Page_Stroke(pg);
	tags_end(pg);
	if (t)
		tags_content(t, tags_elem(t, "P"));
	else
		tags_artifact(pg);
	draw_chars(&pn, (struct span){ p->chars, 0, p->nchars }, x + pad,
		   draw_baseline(y + h, h, p->size), p->size, 0);
	set_color(pg, black);
	if (t)
		tags_content_end(t);
	else
		tags_end(pg);
}

/* Draws the places of page `page` from `*k` on.  Each paragraph is one
 * structure element (`*elem`, of paragraph `*para`), however many lines
 * and pages it has; its lines on one page are one marked-content
 * sequence.  Boxes mark their own content. */
static void draw_page(const struct pen *pn, const struct ndoc *nd,
		      size_t page, size_t *k, HPDF_Dict *elem, size_t *para)
{
	struct tags *t = pn->t;
	int open = 0;

	for (; *k < nd->lay.nplaces && nd->lay.places[*k].page == page; ++*k) {
		const struct lay_place *pl = &nd->lay.places[*k];
		enum role role = (enum role)nd->p[pl->para].role;
		int line = pl->line != LAY_NO_LINE;

		if (open && (pl->para != *para || !line))
			tags_content_end(t), open = 0;
		if (pl->para != *para && line)
			*elem = tags_elem(t, role_tag(role));
		*para = pl->para;
		if (line && !open)
			tags_content(t, *elem), open = 1;
		draw_place(pn, nd, pl, elem);
	}
	if (open)
		tags_content_end(t);
}

HPDF_Page draw_ndoc(const struct pdf_renderer *r, const struct ndoc *nd,
		    HPDF_Doc doc, const struct font_doc *fd, struct tags *t)
{
	const struct pdf_style *st = &r->style;
	HPDF_Page first = NULL;
	HPDF_Dict elem = NULL;
	size_t k = 0, para = (size_t)-1;
	HPDF_Image img = nd->jpeg.len ? HPDF_LoadJpegImageFromMem(doc, (const HPDF_BYTE *)nd->jpeg.data,
								 (HPDF_UINT)nd->jpeg.len) : NULL;

	for (size_t page = 0; page < nd->npages; page++) {
		HPDF_Page pg = HPDF_AddPage(doc);
		const struct pen pn = { r, pg, fd, t, img };

		if (pg == NULL)
			return first;
		if (first == NULL)
			first = pg;
		HPDF_Page_SetWidth(pg, (HPDF_REAL)st->page_w);
		HPDF_Page_SetHeight(pg, (HPDF_REAL)st->page_h);
		tags_page(t, pg);
		/* The mark's words are read once, before the notice. */
		if (nd->mark)
			draw_mark(r, pg, fd, nd->mark, page == 0 ? t : NULL);
		draw_page(&pn, nd, page, &k, &elem, &para);
		draw_pageno(&pn, &nd->pageno[page], page + 1);
	}
	return first;
}

void draw_collect(const struct ndoc *nd, struct font_doc *fd)
{
	for (size_t i = 0; i < nd->n; i++)
		for (size_t k = 0; k < nd->p[i].nchars; k++)
			font_doc_use(fd, &nd->p[i].chars[k]);
	for (size_t i = 0; i < nd->npages; i++)
		for (size_t k = 0; k < nd->pageno[i].nchars; k++)
			font_doc_use(fd, &nd->pageno[i].chars[k]);
	for (size_t k = 0; nd->mark && k < nd->mark->nchars; k++)
		font_doc_use(fd, &nd->mark->chars[k]);
}
