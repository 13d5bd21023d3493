/* A subdistrict's booklet: all its communities' notices in one PDF, for
 * the office to print in one go.
 *
 * Each notice starts on a new page and keeps its own page numbers, since
 * the sheets are separated and posted in each community.  The default
 * theme does not pad to odd pages: notices are posted single-sided, and
 * a blank back would waste paper; booklet.odd_page_start turns padding on
 * for double-sided printing.  The fonts are subset once for the whole
 * booklet, and a bookmark per community helps to find one on screen. */
#include <stdlib.h>

#include "pdf/render.h"
#include "util/xalloc.h"

/* Draws the notices one after another, each from a new page. */
static void draw_notices(struct pdf_renderer *r, const struct ndoc *nds,
			 size_t n, HPDF_Doc doc, struct font_doc *fd, struct tags *t)
{
	HPDF_Encoder utf8 = HPDF_GetEncoder(doc, "UTF-8");
	size_t pages = 0;

	HPDF_SetPageMode(doc, HPDF_PAGE_MODE_USE_OUTLINE);
	for (size_t k = 0; k < n; k++) {
		HPDF_Page first;
		HPDF_Outline ol;

		if (r->style.booklet_odd_start && pages % 2) {
			HPDF_Page blank = HPDF_AddPage(doc);

			HPDF_Page_SetWidth(blank, (HPDF_REAL)r->style.page_w);
			HPDF_Page_SetHeight(blank, (HPDF_REAL)r->style.page_h);
			if (nds[k].mark)
				draw_mark(r, blank, fd, nds[k].mark, NULL);
			pages++;
		}
		first = draw_ndoc(r, &nds[k], doc, fd, t);
		pages += nds[k].npages;
		ol = HPDF_CreateOutline(doc, NULL, nds[k].c->name, utf8);
		if (ol && first)
			HPDF_Outline_SetDestination(ol, HPDF_Page_CreateDestination(first));
	}
}

/* One try at the booklet, its font subsets padded with `spare` unused
 * characters (see font_doc_pad). */
static int booklet_attempt(struct pdf_renderer *r, const struct ndoc *nds,
			   size_t n, const char *title, const struct srcpos *pos,
			   unsigned spare, buf *out, diags *d)
{
	struct pdfdoc pd;
	struct font_doc fd;
	int rc;

	if (pdfdoc_begin(&pd, r, title, pos, d) < 0)
		return -1;
	pd.may_retry = spare < PDFDOC_MAX_SPARE;
	font_doc_init(&fd, &r->fonts);
	for (size_t k = 0; k < n; k++)
		draw_collect(&nds[k], &fd);
	font_doc_pad(&fd, &r->fonts, spare);
	if (pdfdoc_fonts(&pd, r, &fd, d) == 0)
		draw_notices(r, nds, n, pd.doc, &fd, &pd.tags);
	rc = pdfdoc_finish(&pd, out, d);
	font_doc_free(&fd);
	return rc;
}

static int in_booklet(const struct site *s, size_t i, size_t ui)
{
	return s->communities[i].subdistrict == ui &&
	       site_community_has_notice(s, &s->communities[i]);
}

int pdf_render_booklet(struct pdf_renderer *r, size_t ui, buf *out,
		       diags *d)
{
	const struct site *s = r->site;
	struct ndoc *nds;
	size_t n = 0;
	buf title = BUF_INIT;
	int rc = PDFDOC_RETRY;

	for (size_t i = 0; i < s->ncommunities; i++)
		n += in_booklet(s, i, ui);
	if (n == 0 || ui >= s->nunits)
		return 0;
	nds = xcalloc(n, sizeof(*nds));
	n = 0;
	for (size_t i = 0; i < s->ncommunities; i++)
		if (in_booklet(s, i, ui))
			notice_build(r, i, &nds[n++], NULL);
	buf_printf(&title, "%s老旧小区改造方案公示汇编", s->units[ui].name);
	for (unsigned spare = 0; rc == PDFDOC_RETRY; spare++)
		rc = booklet_attempt(r, nds, n, buf_cstr(&title), &s->units[ui].pos,
				     spare, out, d);
	for (size_t k = 0; k < n; k++)
		ndoc_free(&nds[k]);
	free(nds);
	buf_free(&title);
	return rc;
}
