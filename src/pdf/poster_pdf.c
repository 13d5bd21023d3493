/* Posters as PDF files: one community's, or a subdistrict's posters in
 * one file (the poster booklet), as booklet.c does for notices. */
#include <stdlib.h>

#include "pdf/render.h"
#include "util/invisible.h"
#include "util/xalloc.h"

int pdf_renderer_poster(struct pdf_renderer *r, const char *poster, size_t len,
			const char *display, diags *d)
{
	if (poster_style_parse(&r->poster, poster, len, display, d) < 0)
		return -1;
	r->has_poster = 1;
	return 0;
}

/* One file of posters: the `n` posters `ps`, the document's title, the
 * row or record messages name (`pos`), and the output path (NULL: the
 * caller's). */
struct poster_file {
	const struct poster *ps;
	size_t n;
	const char *title;
	const struct srcpos *pos;
	const char *path;
};

/* One try at the file `f`, its font subsets padded with `spare` unused
 * characters (see font_doc_pad); a bookmark per poster when there are
 * several. */
static int poster_attempt(struct pdf_renderer *r, const struct poster_file *f,
			  unsigned spare, buf *out, diags *d)
{
	const struct poster *ps = f->ps;
	size_t n = f->n;
	struct pdfdoc pd;
	struct font_doc fd;
	int rc;

	if (pdfdoc_begin(&pd, r, f->title, f->pos, d) < 0)
		return -1;
	pd.path = f->path;
	pd.may_retry = spare < PDFDOC_MAX_SPARE;
	font_doc_init(&fd, &r->fonts);
	for (size_t k = 0; k < n; k++)
		draw_collect(&ps[k].nd, &fd);
	font_doc_pad(&fd, &r->fonts, spare);
	if (pdfdoc_fonts(&pd, r, &fd, d) == 0) {
		HPDF_Encoder utf8 = HPDF_GetEncoder(pd.doc, "UTF-8");

		if (n > 1)
			HPDF_SetPageMode(pd.doc, HPDF_PAGE_MODE_USE_OUTLINE);
		for (size_t k = 0; k < n; k++) {
			HPDF_Page first;
			HPDF_Outline ol;

			pd.drawing = ps[k].nd.c->name;
			first = draw_ndoc(&ps[k].pr, &ps[k].nd, pd.doc, &fd, &pd.tags);
			if (n < 2 || first == NULL)
				continue;
			ol = HPDF_CreateOutline(pd.doc, NULL, ps[k].nd.c->name, utf8);
			if (ol)
				HPDF_Outline_SetDestination(ol, HPDF_Page_CreateDestination(first));
		}
	}
	rc = pdfdoc_finish(&pd, out, d);
	font_doc_free(&fd);
	return rc;
}

static int render_posters(struct pdf_renderer *r, const struct poster_file *f,
			  buf *out, diags *d)
{
	int rc = PDFDOC_RETRY;

	for (unsigned spare = 0; rc == PDFDOC_RETRY; spare++)
		rc = poster_attempt(r, f, spare, out, d);
	return rc;
}

static int poster_ready(const struct pdf_renderer *r, diags *d)
{
	if (r->has_poster)
		return 0;
	diag_error(d, NULL, 0, 0, NULL, "没有读入公示牌版式（poster.yaml）");
	return -1;
}

int pdf_render_poster(struct pdf_renderer *r, size_t ci, buf *out, diags *d)
{
	struct poster p;
	struct poster_file f = { &p, 1, NULL, NULL, NULL };
	int rc;

	if (poster_ready(r, d) < 0)
		return -1;
	if (ci >= r->site->ncommunities) {
		diag_error(d, NULL, 0, 0, NULL, "没有第 %zu 个小区", ci + 1);
		return -1;
	}
	if (poster_build(r, ci, &p, d) < 0)
		return -1;
	f.title = p.nd.title;
	f.pos = &p.nd.c->pos;
	rc = ndoc_photo(r, &p.nd, "公示牌", "poster.image", d);
	if (rc == 0)
		rc = render_posters(r, &f, out, d);
	ndoc_free(&p.nd);
	return rc;
}

int pdf_render_poster_volume(struct pdf_renderer *r, const struct pdf_volume *v,
			     buf *out, diags *d)
{
	const struct site *s = r->site;
	struct poster *ps;
	size_t n = 0;
	buf title = BUF_INIT;
	int rc = 0;

	if (poster_ready(r, d) < 0)
		return -1;
	if (v->n == 0 || v->unit >= s->nunits)
		return 0;
	/* One volume's posters at a time: a subdistrict of thousands of
	 * communities never has them all in memory. */
	ps = xcalloc(v->n, sizeof(*ps));
	for (; n < v->n && rc == 0; n++)
		rc = poster_build(r, v->members[n], &ps[n], NULL);
	if (rc < 0)
		n--; /* the one that failed holds nothing */
	for (size_t k = 0; k < n && rc == 0; k++)
		rc = ndoc_photo(r, &ps[k].nd, "公示牌", "poster.image", d);
	buf_printf(&title, "%s老旧小区改造方案公示牌汇编", s->units[v->unit].name);
	if (v->count > 1)
		buf_printf(&title, "（第%zu册）", v->number);
	if (rc == 0) {
		const struct poster_file f = { ps, n, buf_cstr(&title),
					       &s->units[v->unit].pos, v->path };

		rc = render_posters(r, &f, out, d);
	}
	for (size_t k = 0; k < n; k++)
		ndoc_free(&ps[k].nd);
	free(ps);
	buf_free(&title);
	return rc;
}

int pdf_render_poster_booklet(struct pdf_renderer *r, size_t ui, buf *out,
			      diags *d)
{
	struct pdf_volume v = { ui, NULL, 0, 0, 1, 1, NULL };
	size_t *members;
	int rc;

	if (ui >= r->site->nunits)
		return 0;
	members = xcalloc(r->site->ncommunities + 1, sizeof(*members));
	v.n = pdf_booklet_members(r->site, ui, members);
	v.members = members;
	rc = pdf_render_poster_volume(r, &v, out, d);
	free(members);
	return rc;
}

void pdf_poster_filename(const struct community *c, buf *out)
{
	invisible_file_name(out, c->name);
	buf_puts(out, "改造方案公示牌.pdf");
}
