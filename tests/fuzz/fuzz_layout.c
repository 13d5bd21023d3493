/* The notices' text layout: line breaking (避头尾, unbreakable numbers
 * and Latin words) and pagination (keep-with-next, orphans, boxes).
 *
 * Glyph widths come from a fixed callback: half an em below U+0080, none
 * for combining marks, one em otherwise, so no font is needed.
 * An input starting with an odd byte is Markdown: it goes through the
 * notice's Markdown reader (cmark, pdf/markdown.c) with the default
 * theme's notice.yaml, as a community's text does.  Otherwise the next
 * six bytes set the text block and paragraph style, and the rest is
 * UTF-8 text, one paragraph per blank-line-separated block. */
#include "fuzz.h"

#include <math.h>

#include "pdf/layout.h"
#include "pdf/render.h"
#include "pdf/style.h"

static struct pdf_style style;
static int have_style;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	diags d = DIAGS_INIT;

	(void)argc;
	(void)argv;
	/* Run from the repository root (tests/fuzz/run.sh does). */
	have_style = pdf_style_load(&style, "themes/default/notice.yaml",
				    "themes/default/notice.yaml", &d) == 0;
	if (!have_style)
		diags_print(&d, stderr);
	diags_free(&d);
	return 0;
}

static double measure(void *ctx, const struct lay_char *c)
{
	(void)ctx;
	if (c->cp >= 0x300 && c->cp < 0x370)
		return 0;
	return c->cp < 0x80 ? 0.5 : 1.0;
}

static const struct lay_measure M = { measure, NULL };

/* What layout.h promises of the result. */
static void check(const struct lay_para *ps, size_t n,
		  const struct lay_result *r)
{
	for (size_t i = 0; i < r->nlines; i++) {
		const struct lay_line *l = &r->lines[i];

		FUZZ_ASSERT(l->para < n);
		FUZZ_ASSERT(l->start <= l->end && l->end <= ps[l->para].nchars);
		FUZZ_ASSERT(!isnan(l->x) && !isnan(l->width) && !isnan(l->spacing));
	}
	for (size_t i = 0; i < r->nplaces; i++) {
		const struct lay_place *p = &r->places[i];

		FUZZ_ASSERT(p->para < n);
		FUZZ_ASSERT(p->page < r->npages);
		FUZZ_ASSERT(p->line == LAY_NO_LINE || p->line < r->nlines);
		FUZZ_ASSERT(!isnan(p->y));
	}
}

static void run_markdown(const uint8_t *data, size_t size)
{
	struct ndoc nd;
	char *md = fuzz_cstr(data, size);

	memset(&nd, 0, sizeof(nd));
	pdf_markdown_append(&nd, &style, md, "content/communities/fuzz.md", 1);
	lay_run(nd.p, nd.n, style.width, style.height, &M, &nd.lay);
	check(nd.p, nd.n, &nd.lay);
	ndoc_free(&nd);
	free(md);
}

/* Splits the text at blank lines into paragraphs styled by `hdr`. */
static void run_text(const uint8_t *hdr, const uint8_t *data, size_t size)
{
	double width = 16 + hdr[0] * 2.0, height = 20 + hdr[1] * 4.0;
	double fsize = 6 + hdr[2] % 32;
	struct lay_para *ps = NULL;
	size_t n = 0, cap = 0;
	struct lay_result r = LAY_RESULT_INIT;
	char *text = fuzz_cstr(data, size), *p = text;

	while (p) {
		char *end = strstr(p, "\n\n");
		struct lay_para *q;
		unsigned k = (unsigned)n;

		if (end)
			*end = '\0';
		ps = xgrow(ps, &cap, n + 1, sizeof(*ps));
		q = &ps[n++];
		memset(q, 0, sizeof(*q));
		lay_para_add(q, p, (unsigned short)(k & 1), 0);
		q->size = fsize;
		q->tracking = ((int)hdr[3] - 128) * fsize / 512.0;
		q->leading = fsize * (1.0 + (hdr[4] & 15) / 10.0);
		q->indent_first = (hdr[5] & 3) * fsize;
		q->indent_rest = (hdr[5] >> 2 & 1) * fsize;
		q->indent_right = (hdr[5] >> 3 & 1) * fsize;
		q->align = (enum lay_align)((hdr[5] >> 4 & 3));
		q->space_before = (k % 3) * fsize / 2;
		q->space_after = (k % 2) * fsize / 2;
		q->keep_with_next = (hdr[5] >> 6 & 1) && (k & 1);
		if (hdr[5] >> 7 && p[0] == '#')
			q->box_height = fsize * (1 + (unsigned char)p[1] % 40);
		p = end ? end + 2 : NULL;
	}
	lay_run(ps, n, width, height, &M, &r);
	check(ps, n, &r);
	lay_result_free(&r);
	for (size_t i = 0; i < n; i++)
		lay_para_free(&ps[i]);
	free(ps);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (data[0] & 1) {
		if (have_style)
			run_markdown(data + 1, size - 1);
	} else if (size >= 7) {
		run_text(data + 1, data + 7, size - 7);
	}
	return 0;
}
