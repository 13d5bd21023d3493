/* The wording of a community's poster (公示牌), and the largest scale at
 * which it fits on one sheet.
 *
 * The same shape as notice.c: the facts become paragraphs of an ndoc,
 * styled by role, laid out and drawn by the notice's machinery, here
 * under a pdf_style made from poster.yaml (poster_style.c).  A poster
 * says only what a resident needs standing at the board: who issues it,
 * which community, the publicity period, what will be done (the item
 * titles), when (the phases), who is responsible and how to reach them,
 * how and until when to object, and a QR code to the community's page
 * for the rest.
 *
 * site.yaml's poster.image (notice.image's unless set) puts the
 * community's design image or before photo beside the QR code, under the
 * issuer and date, where every poster's sheet is otherwise empty; its
 * caption under it as text (what a screen reader reads; the image is an
 * artifact).  The text comes first: the picture takes at most a quarter
 * of the text block's height and shrinks, down to an eighth, before the
 * items run on in one paragraph and before any text shrinks; when even
 * the smallest picture leaves no room at body.min_pt it is left out,
 * with a warning. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/date.h"
#include "model/cycle.h"
#include "model/photo.h"
#include "pdf/render.h"
#include "util/xalloc.h"

/* One way to lay the poster out: its scale (paper times shrink), the
 * items one a line or in one running paragraph, and the picture (NULL:
 * none) at a height. */
struct attempt {
	double paper, scale;
	int flow;
	const struct photo *ph;
	double photo_h;
};

struct pctx {
	const struct pdf_renderer *r; /* the poster's (style at a scale) */
	const struct site *s;
	const struct pdf_style *st;
	const struct pdf_poster_style *ps;
	double k; /* paper times scale: multiplies poster.yaml's sizes */
	const struct community *c;
	struct ndoc *nd;
	size_t section;
	const struct attempt *a;
	buf b;
};

static struct lay_para *emit(struct pctx *x, enum role role, const struct srcpos *pos)
{
	struct lay_para *p = ndoc_add(x->nd, x->st, role, pos->file, pos->line);

	ndoc_puts(x->st, p, buf_cstr(&x->b));
	buf_reset(&x->b);
	return p;
}

/* A centred line of the scratch text at poster.yaml's period size. */
static void big(struct pctx *x, double after)
{
	struct lay_para *p = ndoc_add(x->nd, x->st, R_BODY, x->c->pos.file, x->c->pos.line);
	double size = x->ps->period_size * x->k;

	p->size = size;
	p->leading = size * 1.35;
	p->tracking = 0;
	p->align = LAY_CENTER;
	p->indent_first = 0;
	p->space_after = after;
	lay_para_add(p, buf_cstr(&x->b), (unsigned short)x->ps->period_face, 0);
	buf_reset(&x->b);
}

static void heading(struct pctx *x, const char *text)
{
	buf_printf(&x->b, "%s、%s", pdf_numeral(x->section++), text);
	emit(x, R_HEADING, &x->c->pos);
}

/* A long name is set smaller, to take at most two lines, but never
 * smaller than the period's line under it. */
static void name_size(const struct pctx *x, struct lay_para *p)
{
	double w = x->st->width, size = p->size, least = x->ps->period_size * x->k;
	size_t per_line = (p->nchars + 1) / 2;

	if (per_line == 0 || (double)p->nchars * size <= 2 * w)
		return;
	size = w / (double)per_line;
	if (size < least)
		size = least;
	if (size < p->size) {
		p->leading *= size / p->size;
		p->size = size;
	}
}

static void top(struct pctx *x)
{
	const struct posting *post = pdf_posting(x->s, x->c);
	struct lay_para *p;

	if (*post->issuer) {
		buf_puts(&x->b, post->issuer);
		emit(x, R_HEADER, &x->c->pos);
		ndoc_add(x->nd, x->st, R_RULE, x->c->pos.file, x->c->pos.line);
	}
	buf_puts(&x->b, x->c->name);
	p = emit(x, R_TITLE, &x->c->pos);
	p->space_after = 0;
	name_size(x, p);
	buf_puts(&x->b, "老旧小区改造方案公示");
	big(x, post->deadline.year ? 0 : pdf_style_line(x->st));
	if (post->deadline.year) {
		buf_puts(&x->b, "公示期：");
		pdf_date_range(&x->b, post->posted, post->deadline);
		big(x, pdf_style_line(x->st) / 2);
	}
}

static void items(struct pctx *x)
{
	const struct community *c = x->c;

	char what[64];

	snprintf(what, sizeof(what), "改造内容（共%zu项）", c->nitems);
	heading(x, what);
	if (c->nitems == 0) {
		buf_puts(&x->b, "改造内容确定后另行公示。");
		emit(x, R_BODY, &c->pos);
		return;
	}
	for (size_t i = 0; i < c->nitems; i++) {
		const struct item *it = &x->s->items[c->items[i]];

		/* Plain spaces: engines disagree on U+3000 (pdftotext reads a space). */
		buf_printf(&x->b, "%s%zu.%s", x->a->flow && i ? "  " : "", i + 1,
			   *it->title ? it->title : it->description);
		if (!x->a->flow)
			emit(x, R_ITEM, &it->pos);
	}
	if (x->a->flow)
		emit(x, R_BODY, &c->pos);
}

static void schedule(struct pctx *x)
{
	const struct site *s = x->s;

	if (s->nphases == 0)
		return;
	heading(x, "实施时间");
	for (size_t i = 0; i < s->nphases; i++) {
		const struct phase *ph = &s->phases[i];

		buf_puts(&x->b, ph->name);
		if (ph->start.year && ph->end.year) {
			buf_puts(&x->b, "：");
			pdf_date_range(&x->b, ph->start, ph->end);
		}
		emit(x, R_ITEM, &ph->pos);
	}
}

static void unit_line(struct pctx *x, const char *what, size_t u)
{
	const struct unit *un;

	if (u >= x->s->nunits)
		return;
	un = &x->s->units[u];
	buf_printf(&x->b, "%s：%s", what, un->name);
	if (*un->phone)
		buf_printf(&x->b, "，电话：%s", un->phone);
	emit(x, R_ITEM, &un->pos);
}

static void units(struct pctx *x)
{
	const struct community *c = x->c;

	heading(x, "责任单位");
	unit_line(x, "牵头部门", site_lead_unit(x->s));
	unit_line(x, "属地街道", c->subdistrict);
	unit_line(x, "施工单位", c->contractor);
	if (*c->contact || *c->phone) {
		buf_printf(&x->b, "现场联系人：%s", *c->contact ? c->contact : "社区居委会");
		if (*c->phone)
			buf_printf(&x->b, "，电话：%s", c->phone);
		emit(x, R_ITEM, &c->pos);
	}
}

static void objections(struct pctx *x)
{
	const struct posting *post = pdf_posting(x->s, x->c);
	char z[32];

	heading(x, "意见反馈");
	buf_puts(&x->b, "对改造方案有意见或建议，请");
	if (post->deadline.year) {
		date_chinese(post->deadline, z);
		buf_printf(&x->b, "于%s前", z);
	}
	pdf_feedback_ways(&x->b, x->s, x->c, "");
	emit(x, R_BODY, &x->c->pos);
}

/* Issuer, date and the QR code with its caption (draw.c's sign box). */
static void signature(struct pctx *x)
{
	char d[32];
	struct lay_para *p;

	date_chinese(pdf_posting(x->s, x->c)->posted, d);
	buf_printf(&x->b, "%s\n%s\n%s", pdf_posting(x->s, x->c)->issuer, d,
		   *x->nd->url ? "扫码查看本小区网页" : "");
	p = emit(x, R_SIGN, &x->c->pos);
	/* One line of caption, not the notice's two. */
	if (*x->nd->url)
		p->box_height = x->st->qr_size + x->st->caption_size * 1.6;
}

/* Where the picture's column begins, from the text block's left edge:
 * right of the QR code and a character's gap when there is one (`qr`),
 * else at the edge. */
static double column_left(const struct pdf_style *st, int qr)
{
	return qr ? st->qr_size + st->body_size : 0;
}

/* The picture and its caption in one box (draw.c's draw_photo): beside
 * the QR code, under the issuer and the date, where the signature row
 * leaves the sheet empty (a negative space before takes the box back up
 * into the row); under the signature when there is no QR code.  The box
 * is the picture's height and the caption's lines, centred in the
 * column; it reaches below the row only as far as it must. */
static void picture(struct pctx *x)
{
	const struct photo *ph = x->a->ph;
	const struct pdf_style *st = x->st;
	double L = pdf_style_line(st), size = st->caption_size;
	int qr = *x->nd->url != '\0';
	struct lay_result cap = LAY_RESULT_INIT;
	struct lay_para *p;
	char d[32];
	size_t n;

	if (ph == NULL)
		return;
	x->nd->photo = ph;
	date_chinese(ph->date, d);
	buf_printf(&x->b, "图：%s（%s，%s）", ph->caption, photo_kind_name(ph->kind), d);
	p = ndoc_add(x->nd, st, R_PHOTO, x->s->photos_csv, ph->line);
	ndoc_puts(st, p, buf_cstr(&x->b));
	buf_reset(&x->b);
	p->size = size;
	p->leading = size * 1.35;
	p->tracking = 0;
	p->align = LAY_CENTER;
	p->indent_first = 0;
	p->indent_rest = column_left(st, qr);
	/* Its lines now, to size the box: fonts as ndoc_finish gives them. */
	for (size_t i = 0; i < p->nchars; i++)
		font_resolve(&x->r->fonts, &p->chars[i]);
	n = pdf_photo_caption(x->r, p, st->width - p->indent_rest, &cap);
	lay_result_free(&cap);
	p->box_height = x->a->photo_h + ((double)n + 0.25) * p->leading;
	p->space_after = 0;
	/* The signature box (signature()) is the QR code and its caption
	 * line; the column starts half a line under the date. */
	p->space_before = qr ? 2.5 * L - (st->qr_size + st->caption_size * 1.6) : L / 2;
}

/* Builds and lays out the poster of `ci` under `r` (whose style is the
 * poster's at the attempt's scale). */
static void poster_wording(const struct pdf_renderer *r, size_t ci, const struct attempt *a,
			   struct ndoc *nd)
{
	struct pctx x;

	memset(nd, 0, sizeof(*nd));
	memset(&x, 0, sizeof(x));
	x.r = r;
	x.s = r->site;
	x.st = &r->style;
	x.ps = &r->poster;
	x.k = a->paper * a->scale;
	x.c = &r->site->communities[ci];
	x.nd = nd;
	x.a = a;
	nd->c = x.c;
	nd->url = pdf_community_url(x.s, x.c);
	format_plan_subject(&x.b, x.c->name);
	buf_puts(&x.b, "公示牌");
	nd->title = buf_detach(&x.b);
	top(&x);
	items(&x);
	schedule(&x);
	units(&x);
	objections(&x);
	signature(&x);
	picture(&x);
	buf_free(&x.b);
	/* Missing characters were reported with the notice. */
	ndoc_finish(nd, r, NULL);
	/* One sheet: no page number. */
	for (size_t i = 0; i < nd->npages; i++)
		lay_para_free(&nd->pageno[i]);
}

/* The paper's name for messages. */
static const char *paper_name(const struct site *s)
{
	return s->config.poster.a4 ? "A4" : "A3";
}

static void no_fit(const struct pdf_renderer *r, size_t ci, double body, size_t pages,
		   diags *d)
{
	const struct site *s = r->site;
	const struct community *c = &s->communities[ci];
	const char *items = c->nitems ? s->items[c->items[0]].pos.file : "data/items.csv";

	diag_error(d, c->pos.file, c->pos.line, 0, c->name,
		   "小区“%s”的公示牌（poster.pdf）在一张 %s 纸上放不下：正文已缩到最小的 %.1f 磅，仍需 %zu 页；"
		   "请在 Excel 或 WPS 中缩短这一行的小区名称、联系人或电话，或减少这一行的改造内容，"
		   "或缩短 %s 中改造内容的标题",
		   c->name, paper_name(s), body, pages, items);
}

/* The poster laid out as `a` says into `p`: its number of pages (the
 * layout is freed when it is not 1). */
static size_t lay(const struct pdf_renderer *r, size_t ci, const struct attempt *a,
		  struct poster *p)
{
	size_t pages;

	p->pr = *r;
	poster_style_at(&r->poster, a->paper, a->scale, &p->pr.style);
	poster_wording(&p->pr, ci, a, &p->nd);
	pages = p->nd.npages;
	if (pages != 1)
		ndoc_free(&p->nd);
	return pages;
}

/* The poster as `a` says, with its picture (if any) at the smallest
 * height; when that fits, the picture grown into the room left under
 * it, up to its largest.  0 with `p` laid out, or the pages it would
 * take.  The picture is at most a quarter of the text block's height
 * and at least an eighth (smaller would not be made out a metre away),
 * never wider than its column. */
static size_t fit_at(const struct pdf_renderer *r, size_t ci, struct attempt *a, struct poster *p)
{
	const char *base = r->site->config.base_url;
	struct pdf_style st;
	double least = 0, most = 0, full, grown;
	const struct lay_place *last;
	size_t pages;

	poster_style_at(&r->poster, a->paper, a->scale, &st);
	if (a->ph) {
		full = (st.width - column_left(&st, base && *base)) * a->ph->height / a->ph->width;
		most = st.height / 4 < full ? st.height / 4 : full;
		least = st.height / 8 < most ? st.height / 8 : most;
	}
	a->photo_h = least;
	if ((pages = lay(r, ci, a, p)) != 1)
		return pages;
	if (a->ph == NULL)
		return 0;
	/* The picture's box is the last thing on the sheet: it may reach
	 * down to the foot (half a point short, against rounding). */
	last = &p->nd.lay.places[p->nd.lay.nplaces - 1];
	grown = least + st.height - 0.5 - (last->y + last->height);
	if (grown <= least)
		return 0;
	a->photo_h = grown < most ? grown : most;
	ndoc_free(&p->nd);
	if (lay(r, ci, a, p) == 1)
		return 0;
	a->photo_h = least;
	lay(r, ci, a, p);
	return 0;
}

/* The largest scale (from 1 by poster.yaml's fit.step down to
 * body.min_pt) at which the poster, with the picture `ph` or none, fits
 * one page, items one a line before in one paragraph.  0 with `p` laid
 * out, or the pages it takes at the smallest. */
static size_t fit(const struct pdf_renderer *r, size_t ci, const struct photo *ph,
		  struct poster *p)
{
	const struct pdf_poster_style *ps = &r->poster;
	double floor_scale = ps->body_min / ps->body_size;
	struct attempt a = { poster_style_paper_scale(r->site->config.poster.a4), 1, 0, ph, 0 };
	size_t pages = 0;

	for (;;) {
		for (a.flow = 0; a.flow < 2; a.flow++)
			if ((pages = fit_at(r, ci, &a, p)) == 0)
				return 0;
		if (a.scale <= floor_scale + 1e-9)
			return pages;
		a.scale -= ps->step;
		if (a.scale < floor_scale)
			a.scale = floor_scale;
	}
}

static void no_picture(const struct pdf_renderer *r, size_t ci, const struct photo *ph,
		       diags *d)
{
	const struct site *s = r->site;
	const struct community *c = &s->communities[ci];
	buf path = BUF_INIT;

	photo_file_path(s, ph, &path);
	diag_warning(d, s->photos_csv, ph->line, 0, ph->caption,
		     "小区“%s”的公示牌（poster.pdf）在一张 %s 纸上放不下图片“%s”（site.yaml poster.image）："
		     "正文缩到最小的 %.1f 磅也容不下图片和全部文字，公示牌上不印这张图（公示上照印）；"
		     "要印图，请在 Excel 或 WPS 中缩短这一行的说明，或减少 %s 第 %u 行的改造内容；"
		     "不印图时可在 site.yaml 中写 poster.image: none，不再提示",
		     c->name, paper_name(s), path.data,
		     r->poster.body_min * poster_style_paper_scale(s->config.poster.a4),
		     c->pos.file, c->pos.line);
	buf_free(&path);
}

int poster_build(const struct pdf_renderer *r, size_t ci, struct poster *p, diags *d)
{
	const struct photo *ph = photo_for_poster(r->site, &r->site->communities[ci]);
	size_t pages;

	memset(p, 0, sizeof(*p));
	if (ph && fit(r, ci, ph, p) == 0)
		return 0;
	pages = fit(r, ci, NULL, p);
	if (pages == 0) {
		if (ph && d)
			no_picture(r, ci, ph, d);
		return 0;
	}
	if (d)
		no_fit(r, ci, r->poster.body_min * poster_style_paper_scale(r->site->config.poster.a4),
		       pages, d);
	return -1;
}
