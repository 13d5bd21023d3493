/* The PDF notices' fonts (src/pdf/): a character no font has is drawn
 * as □ with one warning naming where it came from, a fallback font that
 * has it is used instead, and a font file or face that cannot be opened
 * is an error naming site.yaml.  On the hand-built site of
 * pdf_hand_site.h; apart from test_pdf_notice.c so that each file stays
 * short. */
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "pdf/pdf.h"
#include "pdf_fixture.h"
#include "pdf_hand_site.h"
#include "test.h"
#include "util/arena.h"
#include "util/buf.h"

/* Debian's fonts-dejavu-core and fonts-dejavu-extra (the Makefile's
 * DEB_TEST): fonts without Chinese, and fallbacks with symbols. */
#define DEJAVU "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define MATH "/usr/share/fonts/truetype/dejavu/DejaVuMathTeXGyre.ttf"

/* Keeps a PDF for looking at when PDF_TEST_KEEP names a folder. */
static void keep(const char *name, const buf *b)
{
	const char *dir = getenv("PDF_TEST_KEEP");
	buf path = BUF_INIT;
	FILE *f;

	if (dir == NULL)
		return;
	buf_printf(&path, "%s/%s", dir, name);
	f = fopen(path.data, "wb");
	if (f) {
		fwrite(b->data, 1, b->len, f);
		fclose(f);
	}
	buf_free(&path);
}

static int has_diag(const diags *d, enum diag_severity sev, const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].severity == sev && strstr(d->v[i].message, needle))
			return 1;
	return 0;
}

static void test_missing_glyphs(void)
{
	arena *a = arena_new();
	struct site *s = hand_site(a);
	diags d = DIAGS_INIT;
	struct pdf_renderer *r;
	buf out = BUF_INIT;

	/* 𠮷 (U+20BB7) is in neither UMing nor Zen Hei; 䶮 (U+4DAE) is in
	 * both (CJK Extension A). */
	s->communities[0].name = "𠮷䶮小区";
	r = renderer(s, &d);
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(pdf_render_notice(r, 0, &out, &d), 0);
		CHECK(has_diag(&d, DIAG_WARNING,
			       "PDF 字体中都没有字符“𠮷”（U+20BB7），小区“𠮷䶮小区”的公示中以□代替"));
		CHECK(!has_diag(&d, DIAG_WARNING, "U+4DAE"));
		/* One warning per source line, not per occurrence. */
		CHECK_INT(d.warnings, 1);
		CHECK_STR(d.v[0].file, "data/communities.csv");
		CHECK_INT(d.v[0].line, 2);
		CHECK_STR(d.v[0].value, "𠮷");
		CHECK(count_pages(&out) >= 1);
		keep("missing.pdf", &out);
	}
	pdf_renderer_free(r);
	diags_free(&d);

	/* With a font without Chinese, 䶮 falls through the chain too. */
	s->config.pdf.song.path = DEJAVU;
	s->config.pdf.hei.path = DEJAVU;
	r = renderer(s, &d);
	CHECK(r != NULL);
	if (r) {
		buf_reset(&out);
		CHECK_INT(pdf_render_notice(r, 0, &out, &d), 0);
		CHECK(has_diag(&d, DIAG_WARNING, "“䶮”（U+4DAE），小区“𠮷䶮小区”"));
		CHECK(has_diag(&d, DIAG_WARNING, "“𠮷”（U+20BB7）"));
	}
	pdf_renderer_free(r);
	diags_free(&d);

	/* A fallback font that has the character is used: here DejaVu for
	 * ♔ (U+2654), and the math face for 𝐀 (U+1D400, above U+FFFF, text
	 * like the others: pdf/encoding.h). */
	s->config.pdf.song.path = UMING;
	s->config.pdf.hei.path = ZENHEI;
	s->config.pdf.nfallback = 2;
	s->config.pdf.fallback = arena_array(a, 2, sizeof(struct font_spec));
	s->config.pdf.fallback[0].path = DEJAVU;
	s->config.pdf.fallback[1].path = MATH;
	s->communities[0].name = "♔𝐀小区";
	r = renderer(s, &d);
	CHECK(r != NULL);
	if (r) {
		buf_reset(&out);
		CHECK_INT(pdf_render_notice(r, 0, &out, &d), 0);
		CHECK_INT(d.n, 0);
		CHECK(contains(&out, "+DejaVuSans"));
		keep("fallback.pdf", &out);
	}
	pdf_renderer_free(r);
	diags_free(&d);
	buf_free(&out);
	arena_free(a);
}

static void test_errors(void)
{
	arena *a = arena_new();
	struct site *s = hand_site(a);
	diags d = DIAGS_INIT;
	struct pdf_renderer *r;

	s->config.pdf.hei.path = "/nonexistent/font.ttc";
	r = renderer(s, &d);
	CHECK(r == NULL);
	CHECK(has_diag(&d, DIAG_ERROR,
		       "找不到 PDF 字体文件“/nonexistent/font.ttc”"));
	CHECK(d.n > 0 && strcmp(d.v[0].file, "site.yaml") == 0);
	diags_free(&d);

	s->config.pdf.hei.path = ZENHEI;
	s->config.pdf.hei.index = 7;
	r = renderer(s, &d);
	CHECK(r == NULL);
	CHECK(has_diag(&d, DIAG_ERROR, "没有序号为 7 的字体"));
	diags_free(&d);

	s->config.pdf.hei.index = 0;
	r = renderer_in(s, "/nonexistent-theme", &d);
	CHECK(r == NULL);
	CHECK(d.errors >= 1);
	diags_free(&d);
	arena_free(a);
}

int main(void)
{
	test_missing_glyphs();
	test_errors();
	return test_done();
}
