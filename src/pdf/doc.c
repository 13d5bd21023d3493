#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/render.h"
#include "pdf/table.h"
#include "util/utf8.h"
#include "util/xalloc.h"

const char *pdf_numeral(size_t i)
{
	static const char *const numerals[] = {
		"一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
		"十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八",
		"十九", "二十",
	};

	return numerals[i < 20 ? i : 19];
}

/* The face a role's text prefers. */
static unsigned short role_face(const struct pdf_style *st, enum role role)
{
	switch (role) {
	case R_HEADER:
		return (unsigned short)st->header_face;
	case R_TITLE:
		return (unsigned short)st->title_face;
	case R_HEADING:
		return (unsigned short)st->heading_face;
	case R_SUBHEAD:
		return (unsigned short)st->subheading_face;
	case R_THEAD:
		return (unsigned short)st->heading_face;
	case R_RULE:
	case R_SALUTATION:
	case R_BODY:
	case R_ITEM:
	case R_QUOTE:
	case R_CODE:
	case R_SIGN:
	case R_PHOTO:
	case R_PAGENO:
	case R_ROW:
		break;
	}
	return (unsigned short)st->body_face;
}

static void style_para(struct lay_para *p, const struct pdf_style *st,
		       enum role role)
{
	double line = pdf_style_line(st), tr = pdf_style_tracking(st);
	double ch = st->body_size + tr; /* one character on the grid */

	p->role = (int)role;
	p->size = st->body_size;
	p->tracking = tr;
	p->leading = line;
	p->align = LAY_JUSTIFY;
	p->indent_first = st->indent_chars * ch;
	/* No 孤字 (a last line of one or two characters), and no line
	 * spread by more than an eighth of a character per gap. */
	p->min_last_chars = 3;
	p->max_stretch = 0.125;
	switch (role) {
	case R_HEADER:
		p->size = st->header_size;
		p->tracking = 0;
		p->leading = st->header_size * 1.25;
		p->align = LAY_CENTER;
		p->indent_first = 0;
		break;
	case R_RULE:
		p->box_height = st->header_gap + st->header_after;
		break;
	case R_TITLE:
		p->size = st->title_size;
		p->tracking = 0;
		p->leading = st->title_leading;
		p->align = LAY_CENTER;
		p->indent_first = 0;
		p->space_after = line; /* 标题下空一行 */
		break;
	case R_SALUTATION:
		p->indent_first = 0;
		break;
	case R_HEADING:
	case R_SUBHEAD:
		p->keep_with_next = 1;
		break;
	case R_QUOTE:
		p->indent_rest = st->indent_chars * ch;
		p->indent_first = p->indent_rest * 2;
		p->indent_right = p->indent_rest;
		break;
	case R_CODE:
		p->indent_rest = p->indent_first;
		p->align = LAY_LEFT;
		break;
	case R_SIGN:
		p->space_before = line; /* 正文下空一行 */
		p->keep_with_prev = 1;	/* 不单独成页 */
		p->box_height = st->qr_size +
				PDF_QR_CAPTION_LINES * st->caption_size * 1.6;
		if (p->box_height < 2 * line)
			p->box_height = 2 * line;
		break;
	case R_THEAD:
	case R_ROW:
		table_style_row(p, st, role == R_THEAD);
		break;
	case R_PHOTO:
		p->space_after = line / 2;
		break;
	case R_PAGENO:
		p->size = st->pageno_size;
		p->tracking = 0;
		p->align = LAY_LEFT;
		p->indent_first = 0;
		break;
	case R_BODY:
	case R_ITEM:
		break;
	}
}

struct lay_para *ndoc_add(struct ndoc *nd, const struct pdf_style *st,
			  enum role role, const char *file, unsigned line)
{
	struct lay_para *p;

	if (nd->n == nd->cap) {
		nd->cap = nd->cap ? nd->cap * 2 : 32;
		nd->p = xrealloc(nd->p, nd->cap * sizeof(*nd->p));
		nd->src = xrealloc(nd->src, nd->cap * sizeof(*nd->src));
	}
	p = &nd->p[nd->n];
	memset(p, 0, sizeof(*p));
	style_para(p, st, role);
	/* With no base_url there is no QR code to make room for: the box
	 * holds the issuer and the date. */
	if (role == R_SIGN && (nd->url == NULL || *nd->url == '\0'))
		p->box_height = 2 * pdf_style_line(st);
	nd->src[nd->n].file = file;
	nd->src[nd->n].line = line;
	nd->n++;
	return p;
}

void ndoc_puts(const struct pdf_style *st, struct lay_para *p, const char *s)
{
	lay_para_add(p, s, role_face(st, (enum role)p->role), 0);
}

static double measure(void *ctx, const struct lay_char *c)
{
	return font_advance(ctx, c);
}

struct seen {
	uint32_t cp;
	const char *file;
	unsigned line;
};

/* The characters already warned about, with the line they were on. */
struct seen_list {
	struct seen *v;
	size_t n, cap;
};

/* Gives each char of `p` a font; one warning per character and source
 * line for those no font has. */
static void resolve(struct lay_para *p, const struct para_src *src,
		    const struct pdf_renderer *r, const struct ndoc *nd,
		    struct seen_list *seen, diags *d)
{
	for (size_t i = 0; i < p->nchars; i++) {
		struct lay_char *c = &p->chars[i];
		uint32_t cp;
		char u[5];
		size_t k;

		/* Tabs and control characters would draw as nothing. */
		if (c->cp < 0x20 && c->cp != LAY_NEWLINE)
			c->cp = ' ';
		cp = c->cp;
		if (font_resolve(&r->fonts, c) == 0 || d == NULL)
			continue;
		for (k = 0; k < seen->n; k++)
			if (seen->v[k].cp == cp && seen->v[k].file == src->file &&
			    seen->v[k].line == src->line)
				break;
		if (k < seen->n)
			continue;
		seen->v = xgrow(seen->v, &seen->cap, seen->n + 1,
				sizeof(*seen->v));
		seen->v[seen->n].cp = cp;
		seen->v[seen->n].file = src->file;
		seen->v[seen->n++].line = src->line;
		u[utf8_encode(cp, u)] = '\0';
		if (nd->c)
			diag_warning(d, src->file, src->line, 0, u,
				     "PDF 字体中都没有字符“%s”（U+%04X），小区“%s”的公示中以□代替",
				     u, (unsigned)cp, nd->c->name);
		else
			diag_warning(d, src->file, src->line, 0, u,
				     "PDF 字体中都没有字符“%s”（U+%04X），《%s》中以□代替",
				     u, (unsigned)cp, nd->title ? nd->title : "");
	}
}

/* The words of the example mark.  They say what the stamp means in
 * full, so that a photocopy cut down to the stamp still says it. */
#define EXAMPLE_MARK "示例 · 虚构数据，不是正式公示"

/* A paragraph of `text` styled as `role`, every character given a font. */
static struct lay_para *side_para(const struct pdf_renderer *r, struct lay_para *p,
				  enum role role, const char *text)
{
	style_para(p, &r->style, role);
	ndoc_puts(&r->style, p, text);
	for (size_t i = 0; i < p->nchars; i++)
		font_resolve(&r->fonts, &p->chars[i]);
	return p;
}

void ndoc_finish(struct ndoc *nd, const struct pdf_renderer *r, diags *d)
{
	const struct pdf_style *st = &r->style;
	const struct lay_measure m = { measure, (void *)&r->fonts };
	struct seen_list seen = { NULL, 0, 0 };

	for (size_t i = 0; i < nd->n; i++)
		resolve(&nd->p[i], &nd->src[i], r, nd, &seen, d);
	free(seen.v);
	table_measure(nd, r);
	lay_run(nd->p, nd->n, st->width, st->height, &m, &nd->lay);
	nd->npages = nd->lay.npages;
	nd->pageno = xcalloc(nd->npages, sizeof(*nd->pageno));
	for (size_t k = 0; k < nd->npages; k++) {
		char num[48];

		snprintf(num, sizeof(num), "— %zu —", k + 1);
		side_para(r, &nd->pageno[k], R_PAGENO, num);
	}
	if (r->site->config.example)
		nd->mark = side_para(r, xcalloc(1, sizeof(*nd->mark)), R_HEADING,
				     EXAMPLE_MARK);
}

void ndoc_free(struct ndoc *nd)
{
	for (size_t i = 0; i < nd->n; i++)
		lay_para_free(&nd->p[i]);
	for (size_t k = 0; k < nd->npages; k++)
		lay_para_free(&nd->pageno[k]);
	free(nd->p);
	free(nd->src);
	free(nd->pageno);
	if (nd->mark)
		lay_para_free(nd->mark);
	free(nd->mark);
	free(nd->title);
	buf_free(&nd->jpeg);
	free(nd->url);
	free(nd->tables);
	lay_result_free(&nd->lay);
	memset(nd, 0, sizeof(*nd));
}
