/* What the PDF unit tests share: the fonts they open by path (Debian's
 * fonts-arphic-uming and fonts-wqy-zenhei, installed by the Makefile), a
 * source position, the renderer made from a theme's notice.yaml, and a
 * search in PDF bytes.  Header-only, static: include it in one test
 * program at a time. */
#ifndef GONGSHI_TEST_PDF_FIXTURE_H
#define GONGSHI_TEST_PDF_FIXTURE_H

#include <string.h>

#include "load/file.h"
#include "pdf/pdf.h"
#include "util/arena.h"
#include "util/buf.h"

#define UMING "/usr/share/fonts/truetype/arphic/uming.ttc"
#define ZENHEI "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

static inline struct srcpos pos(const char *file, unsigned line)
{
	struct srcpos p = { file, line };
	return p;
}

/* The renderer with the notice.yaml of the theme folder `dir`; NULL
 * after an error, also when there is no notice.yaml. */
static inline struct pdf_renderer *renderer_in(const struct site *s, const char *dir,
					       diags *d)
{
	arena *a = arena_new();
	buf path = BUF_INIT;
	struct pdf_renderer *r = NULL;
	char *text;
	size_t len;

	buf_printf(&path, "%s/notice.yaml", dir);
	if (file_read(buf_cstr(&path), buf_cstr(&path), a, d, &text, &len) == 0)
		r = pdf_renderer_new(s, text, len, buf_cstr(&path), d);
	buf_free(&path);
	arena_free(a);
	return r;
}

static inline struct pdf_renderer *renderer(const struct site *s, diags *d)
{
	return renderer_in(s, "themes/default", d);
}

/* strstr for PDF bytes, which hold NULs in compressed streams. */
static inline int contains(const buf *b, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; i + n <= b->len; i++)
		if (memcmp(b->data + i, needle, n) == 0)
			return 1;
	return 0;
}

#endif
