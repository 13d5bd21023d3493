/* The public face of the PDF back-end: the renderer and single notices. */
#include <stdlib.h>
#include <string.h>

#include "pdf/render.h"
#include "util/xalloc.h"

struct pdf_renderer *pdf_renderer_new(const struct site *s, const char *notice,
				      size_t len, const char *display, diags *d)
{
	struct pdf_renderer *r = xcalloc(1, sizeof(*r));
	buf yaml = BUF_INIT;
	int bad = 0;

	r->site = s;
	buf_printf(&yaml, "%ssite.yaml", s->prefix ? s->prefix : "");
	r->site_yaml = buf_detach(&yaml);
	if (pdf_style_parse(&r->style, notice, len, display, d) < 0)
		bad = 1;
	if (font_set_load(&r->fonts, &s->config, s->prefix, r->site_yaml,
			  d) < 0)
		bad = 1;
	if (bad) {
		pdf_renderer_free(r);
		return NULL;
	}
	return r;
}

void pdf_renderer_free(struct pdf_renderer *r)
{
	if (r == NULL)
		return;
	font_set_free(&r->fonts);
	free(r->site_yaml);
	free(r);
}

/* One try at the PDF of `nd`, its font subsets padded with `spare`
 * unused characters. */
static int ndoc_attempt(struct pdf_renderer *r, const struct ndoc *nd,
			unsigned spare, buf *out, diags *d)
{
	struct pdfdoc pd;
	struct font_doc fd;
	int rc;

	if (pdfdoc_begin(&pd, r, nd->title, &nd->c->pos, d) < 0)
		return -1;
	if (nd->date.year)
		pdfdoc_dated(&pd, nd->date, nd->issuer);
	pd.may_retry = spare < PDFDOC_MAX_SPARE;
	font_doc_init(&fd, &r->fonts);
	draw_collect(nd, &fd);
	font_doc_pad(&fd, &r->fonts, spare);
	pd.drawing = nd->c->name;
	if (pdfdoc_fonts(&pd, r, &fd, d) == 0)
		draw_ndoc(r, nd, pd.doc, &fd, &pd.tags);
	rc = pdfdoc_finish(&pd, out, d);
	font_doc_free(&fd);
	return rc;
}

int pdf_ndoc_render(struct pdf_renderer *r, const struct ndoc *nd, buf *out, diags *d)
{
	int rc = PDFDOC_RETRY;

	for (unsigned spare = 0; rc == PDFDOC_RETRY; spare++)
		rc = ndoc_attempt(r, nd, spare, out, d);
	return rc;
}

int ndoc_photo(const struct pdf_renderer *r, struct ndoc *nd, const char *what,
	       const char *setting, diags *d)
{
	const struct photo *ph = nd->photo;
	buf path = BUF_INIT;

	if (ph == NULL)
		return 0;
	if (r->photo == NULL) {
		photo_file_path(r->site, ph, &path);
		diag_error(d, r->site->photos_csv, ph->line, 0, NULL,
			   "程序内部错误：%s要印照片“%s”（site.yaml %s），但没有设置照片来源",
			   what, path.data, setting);
		buf_free(&path);
		return -1;
	}
	return r->photo(r->photo_ctx, ph, PDF_PHOTO_PIXELS, &nd->jpeg, d) < 0 ? -1 : 0;
}

int pdf_render_notice(struct pdf_renderer *r, size_t ci, buf *out,
		      diags *d)
{
	struct ndoc nd;
	int rc;

	if (ci >= r->site->ncommunities) {
		diag_error(d, NULL, 0, 0, NULL, "没有第 %zu 个小区", ci + 1);
		return -1;
	}
	notice_build(r, ci, &nd, d);
	rc = ndoc_photo(r, &nd, "公示", "notice.image", d) < 0 ? -1 : pdf_ndoc_render(r, &nd, out, d);
	ndoc_free(&nd);
	return rc;
}

void pdf_renderer_set_photos(struct pdf_renderer *r, pdf_photo_fn fn, void *ctx)
{
	r->photo = fn;
	r->photo_ctx = ctx;
}

void pdf_renderer_set_scratch(struct pdf_renderer *r, const char *dir)
{
	r->scratch = dir;
}
