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
 * for the rest. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/date.h"
#include "pdf/render.h"
#include "util/xalloc.h"

struct pctx {
	const struct pdf_renderer *r; /* the poster's (style at a scale) */
	const struct site *s;
	const struct pdf_style *st;
	const struct pdf_poster_style *ps;
	double k; /* paper times scale: multiplies poster.yaml's sizes */
	const struct community *c;
	struct ndoc *nd;
	size_t section;
	int flow; /* items in one running paragraph, not one per line */
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
	const struct config *cf = &x->s->config;
	struct lay_para *p;

	if (*pdf_issuer(x->s)) {
		buf_puts(&x->b, pdf_issuer(x->s));
		emit(x, R_HEADER, &x->c->pos);
		ndoc_add(x->nd, x->st, R_RULE, x->c->pos.file, x->c->pos.line);
	}
	buf_puts(&x->b, x->c->name);
	p = emit(x, R_TITLE, &x->c->pos);
	p->space_after = 0;
	name_size(x, p);
	buf_puts(&x->b, "老旧小区改造方案公示");
	big(x, cf->notice.publicity_days > 0 ? 0 : pdf_style_line(x->st));
	if (cf->notice.publicity_days > 0) {
		buf_puts(&x->b, "公示期：");
		pdf_date_range(&x->b, site_notice_date(x->s), site_publicity_end(x->s));
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
		buf_printf(&x->b, "%s%zu.%s", x->flow && i ? "  " : "", i + 1,
			   *it->title ? it->title : it->description);
		if (!x->flow)
			emit(x, R_ITEM, &it->pos);
	}
	if (x->flow)
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
	const struct config *cf = &x->s->config;
	char z[32];

	heading(x, "意见反馈");
	buf_puts(&x->b, "对改造方案有意见或建议，请");
	if (cf->notice.publicity_days > 0) {
		date_chinese(site_publicity_end(x->s), z);
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

	date_chinese(site_notice_date(x->s), d);
	buf_printf(&x->b, "%s\n%s\n%s", pdf_issuer(x->s), d,
		   *x->nd->url ? "扫码查看本小区网页" : "");
	p = emit(x, R_SIGN, &x->c->pos);
	/* One line of caption, not the notice's two. */
	if (*x->nd->url)
		p->box_height = x->st->qr_size + x->st->caption_size * 1.6;
}

/* Builds and lays out the poster of `ci` under `r` (whose style is the
 * poster's at scale k). */
static void poster_wording(const struct pdf_renderer *r, double k, size_t ci,
			   int flow, struct ndoc *nd)
{
	struct pctx x;

	memset(nd, 0, sizeof(*nd));
	memset(&x, 0, sizeof(x));
	x.r = r;
	x.s = r->site;
	x.st = &r->style;
	x.ps = &r->poster;
	x.k = k;
	x.c = &r->site->communities[ci];
	x.nd = nd;
	x.flow = flow;
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

int poster_build(const struct pdf_renderer *r, size_t ci, struct poster *p, diags *d)
{
	const struct pdf_poster_style *ps = &r->poster;
	double paper = poster_style_paper_scale(r->site->config.poster.a4);
	double floor_scale = ps->body_min / ps->body_size, scale = 1;
	size_t pages = 0;

	memset(p, 0, sizeof(*p));
	for (;;) {
		for (int flow = 0; flow < 2; flow++) {
			p->pr = *r;
			poster_style_at(ps, paper, scale, &p->pr.style);
			poster_wording(&p->pr, paper * scale, ci, flow, &p->nd);
			if (p->nd.npages == 1)
				return 0;
			pages = p->nd.npages;
			ndoc_free(&p->nd);
		}
		if (scale <= floor_scale + 1e-9)
			break;
		scale -= ps->step;
		if (scale < floor_scale)
			scale = floor_scale;
	}
	if (d)
		no_fit(r, ci, ps->body_min * paper, pages, d);
	return -1;
}
