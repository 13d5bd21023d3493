/* A subdistrict's booklet: all its communities' notices in one PDF, for
 * the office to print in one go, or in volumes (分册) when they are too
 * many for one (site.yaml booklet.sheets; cli/build_pdfs.c splits).
 *
 * Each notice starts on a new page and keeps its own page numbers, since
 * the sheets are separated and posted in each community.  The default
 * theme does not pad to odd pages: notices are posted single-sided, and
 * a blank back would waste paper; booklet.odd_page_start turns padding on
 * for double-sided printing.  The fonts are subset once per file, and a
 * bookmark per community helps to find one on screen.  A volume of
 * several opens with a contents page (目录); a booklet in one file has
 * none, as before volumes. */
#include <stdlib.h>
#include <string.h>

#include "pdf/render.h"
#include "plan/pdfs.h"
#include "util/xalloc.h"

/* The widest page number a contents line can show: laid out with it,
 * the contents never get longer when the real numbers replace it. */
#define WIDEST_PAGE 99999u

/* Adds a blank page sized like a notice's, with the example mark `mark`
 * (NULL: none). */
static void add_blank(struct pdf_renderer *r, HPDF_Doc doc, struct font_doc *fd,
		      const struct lay_para *mark)
{
	HPDF_Page blank = HPDF_AddPage(doc);

	HPDF_Page_SetWidth(blank, (HPDF_REAL)r->style.page_w);
	HPDF_Page_SetHeight(blank, (HPDF_REAL)r->style.page_h);
	if (mark)
		draw_mark(r, blank, fd, mark, NULL);
}

/* The contents of volume `v`: its title, then one line per community
 * with the page (of this file, from 1) its notice starts on, `start[k]`
 * or WIDEST_PAGE when `start` is NULL. */
static void contents_build(const struct pdf_renderer *r, const struct pdf_volume *v,
			   const unsigned *start, struct ndoc *nd)
{
	const struct site *s = r->site;
	const struct unit *u = &s->units[v->unit];
	const struct pdf_style *st = &r->style;
	buf b = BUF_INIT;
	struct lay_para *p;

	memset(nd, 0, sizeof(*nd));
	nd->url = xstrdup("");
	buf_printf(&b, "%s老旧小区改造方案公示汇编", u->name);
	nd->title = xstrdup(buf_cstr(&b));
	p = ndoc_add(nd, st, R_TITLE, u->pos.file, u->pos.line);
	ndoc_puts(st, p, nd->title);
	buf_reset(&b);
	buf_printf(&b, "第%zu册（共%zu册）目录", v->number, v->count);
	p = ndoc_add(nd, st, R_HEADING, u->pos.file, u->pos.line);
	ndoc_puts(st, p, buf_cstr(&b));
	for (size_t k = 0; k < v->n; k++) {
		const struct community *c = &s->communities[v->members[k]];

		buf_reset(&b);
		buf_printf(&b, "%zu．%s……第%u页", v->first + k + 1, c->name,
			   start ? start[k] : WIDEST_PAGE);
		p = ndoc_add(nd, st, R_BODY, c->pos.file, c->pos.line);
		ndoc_puts(st, p, buf_cstr(&b));
	}
	buf_free(&b);
	ndoc_finish(nd, r, NULL);
}

unsigned pdf_booklet_contents_pages(const struct pdf_renderer *r, const struct pdf_volume *v)
{
	struct ndoc nd;
	unsigned n;

	if (v->count < 2)
		return 0;
	contents_build(r, v, NULL, &nd);
	n = (unsigned)nd.npages;
	if (r->style.booklet_odd_start && n % 2)
		n++;
	ndoc_free(&nd);
	return n;
}

unsigned pdf_booklet_pages_per_sheet(const struct pdf_renderer *r)
{
	return r->style.booklet_odd_start ? 2 : 1;
}

unsigned pdf_notice_pages(const struct pdf_renderer *r, size_t ci)
{
	struct ndoc nd;
	unsigned n;

	notice_build(r, ci, &nd, NULL);
	n = (unsigned)nd.npages;
	ndoc_free(&nd);
	return n;
}

/* Where each notice of `nds` starts (pages from 1) after `before` pages
 * of contents, padded as draw_notices pads. */
static void start_pages(const struct pdf_renderer *r, const struct ndoc *nds, size_t n,
			unsigned before, unsigned *start)
{
	unsigned pages = before;

	for (size_t k = 0; k < n; k++) {
		if (r->style.booklet_odd_start && pages % 2)
			pages++;
		start[k] = pages + 1;
		pages += (unsigned)nds[k].npages;
	}
}

/* A volume laid out, ready to draw: its contents `toc` (NULL: none), the
 * `pad` blank pages after them, the notices `nds` of its v->n members,
 * and the document's title. */
struct laid_volume {
	const struct pdf_volume *v;
	const struct ndoc *toc;
	unsigned pad;
	const struct ndoc *nds;
	const char *title;
};

/* Draws the contents, the blank pages after them, and the notices one
 * after another, each from a new page. */
static void draw_notices(struct pdf_renderer *r, const struct laid_volume *lv,
			 struct pdfdoc *pd, struct font_doc *fd)
{
	const struct ndoc *toc = lv->toc, *nds = lv->nds;
	size_t n = lv->v->n;
	HPDF_Doc doc = pd->doc;
	HPDF_Encoder utf8 = HPDF_GetEncoder(doc, "UTF-8");
	size_t pages = 0;

	HPDF_SetPageMode(doc, HPDF_PAGE_MODE_USE_OUTLINE);
	if (toc) {
		HPDF_Page first = draw_ndoc(r, toc, doc, fd, &pd->tags);
		HPDF_Outline ol = HPDF_CreateOutline(doc, NULL, "目录", utf8);

		if (ol && first)
			HPDF_Outline_SetDestination(ol, HPDF_Page_CreateDestination(first));
		for (unsigned k = 0; k < lv->pad; k++)
			add_blank(r, doc, fd, toc->mark);
		pages = toc->npages + lv->pad;
	}
	for (size_t k = 0; k < n; k++) {
		HPDF_Page first;
		HPDF_Outline ol;

		pd->drawing = nds[k].c->name;
		if (r->style.booklet_odd_start && pages % 2) {
			add_blank(r, doc, fd, nds[k].mark);
			pages++;
		}
		first = draw_ndoc(r, &nds[k], doc, fd, &pd->tags);
		pages += nds[k].npages;
		ol = HPDF_CreateOutline(doc, NULL, nds[k].c->name, utf8);
		if (ol && first)
			HPDF_Outline_SetDestination(ol, HPDF_Page_CreateDestination(first));
	}
	pd->drawing = NULL;
}

/* One try at the volume, its font subsets padded with `spare` unused
 * characters (see font_doc_pad). */
static int booklet_attempt(struct pdf_renderer *r, const struct laid_volume *lv,
			   unsigned spare, buf *out, diags *d)
{
	const struct pdf_volume *v = lv->v;
	struct pdfdoc pd;
	struct font_doc fd;
	int rc;

	if (pdfdoc_begin(&pd, r, lv->title, &r->site->units[v->unit].pos, d) < 0)
		return -1;
	pd.path = v->path;
	pd.may_retry = spare < PDFDOC_MAX_SPARE;
	font_doc_init(&fd, &r->fonts);
	if (lv->toc)
		draw_collect(lv->toc, &fd);
	for (size_t k = 0; k < v->n; k++)
		draw_collect(&lv->nds[k], &fd);
	font_doc_pad(&fd, &r->fonts, spare);
	if (pdfdoc_fonts(&pd, r, &fd, d) == 0)
		draw_notices(r, lv, &pd, &fd);
	rc = pdfdoc_finish(&pd, out, d);
	font_doc_free(&fd);
	return rc;
}

/* The contents of `v` with the real page numbers into `toc`, and how
 * many blank pages follow it so that the notices start where the
 * contents laid out with WIDEST_PAGE said (`*pad`). */
static void contents_final(struct pdf_renderer *r, const struct pdf_volume *v,
			   const struct ndoc *nds, struct ndoc *toc, unsigned *pad)
{
	unsigned before = pdf_booklet_contents_pages(r, v);
	unsigned *start = xcalloc(v->n + 1, sizeof(*start));

	start_pages(r, nds, v->n, before, start);
	contents_build(r, v, start, toc);
	*pad = before > toc->npages ? before - (unsigned)toc->npages : 0;
	free(start);
}

int pdf_render_booklet_volume(struct pdf_renderer *r, const struct pdf_volume *v,
			      buf *out, diags *d)
{
	const struct site *s = r->site;
	struct ndoc *nds, toc;
	buf title = BUF_INIT;
	struct laid_volume lv = { v, NULL, 0, NULL, NULL };
	int rc = PDFDOC_RETRY;

	if (v->n == 0 || v->unit >= s->nunits)
		return 0;
	nds = xcalloc(v->n, sizeof(*nds));
	for (size_t k = 0; k < v->n; k++) {
		notice_build(r, v->members[k], &nds[k], NULL);
		/* Each notice's picture, as its own file has it. */
		if (rc == PDFDOC_RETRY && ndoc_photo(r, &nds[k], "公示", "notice.image", d) < 0)
			rc = -1;
	}
	if (v->count > 1)
		contents_final(r, v, nds, &toc, &lv.pad);
	buf_printf(&title, "%s老旧小区改造方案公示汇编", s->units[v->unit].name);
	if (v->count > 1)
		buf_printf(&title, "（第%zu册）", v->number);
	lv.toc = v->count > 1 ? &toc : NULL;
	lv.nds = nds;
	lv.title = buf_cstr(&title);
	for (unsigned spare = 0; rc == PDFDOC_RETRY; spare++)
		rc = booklet_attempt(r, &lv, spare, out, d);
	for (size_t k = 0; k < v->n; k++)
		ndoc_free(&nds[k]);
	if (v->count > 1)
		ndoc_free(&toc);
	free(nds);
	buf_free(&title);
	return rc;
}

size_t pdf_booklet_members(const struct site *s, size_t ui, size_t *members)
{
	return plan_booklet_members(s, ui, members);
}

int pdf_render_booklet(struct pdf_renderer *r, size_t ui, buf *out,
		       diags *d)
{
	const struct site *s = r->site;
	struct pdf_volume v = { ui, NULL, 0, 0, 1, 1, NULL };
	size_t *members;
	int rc;

	if (ui >= s->nunits)
		return 0;
	members = xcalloc(s->ncommunities + 1, sizeof(*members));
	v.n = pdf_booklet_members(s, ui, members);
	v.members = members;
	rc = pdf_render_booklet_volume(r, &v, out, d);
	free(members);
	return rc;
}
