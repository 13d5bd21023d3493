/* What every notice is written with and framed by (pdf/render.h): its
 * paragraphs and numbered headings, its title, the red issuer line and
 * rule above it, and the signature box with the QR code below.  The 公示
 * (notice.c), the 再公示 (repost.c) and the result notice (result.c) share
 * them, so a change of house style reaches all three. */
#include <string.h>

#include "pdf/render.h"

struct lay_para *ndoc_emit(struct ndoc *nd, const struct pdf_style *st, enum role role,
			   const struct srcpos *pos, buf *b)
{
	struct lay_para *p = ndoc_add(nd, st, role, pos->file, pos->line);

	ndoc_puts(st, p, buf_cstr(b));
	buf_reset(b);
	return p;
}

void ndoc_heading(struct ndoc *nd, const struct pdf_style *st, size_t *section,
		  const char *text, const struct srcpos *pos)
{
	buf b = BUF_INIT;

	buf_printf(&b, "%s、%s", pdf_numeral((*section)++), text);
	ndoc_emit(nd, st, R_HEADING, pos, &b);
	buf_free(&b);
}

void pdf_notice_title(buf *b, const char *name, const char *what)
{
	buf_puts(b, "关于");
	format_plan_subject(b, name);
	buf_puts(b, what);
}

/* Characters in the UTF-8 text s[0..n). */
static size_t chars(const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

void pdf_frame_head(struct ndoc *nd, const struct pdf_style *st,
		    const struct srcpos *pos, const char *issuer, size_t brk)
{
	size_t len = strlen(nd->title);
	struct lay_para *p;

	if (issuer && *issuer) {
		p = ndoc_add(nd, st, R_HEADER, pos->file, pos->line);
		ndoc_puts(st, p, issuer);
		/* GB/T 9704 7.2.2: the issuer's name on one line, smaller
		 * when long (a leading group's office has 20 characters;
		 * each is an em wide). */
		if ((double)p->nchars * p->size > st->width) {
			p->size = st->width / (double)p->nchars;
			p->leading = p->size * 1.25;
		}
		ndoc_add(nd, st, R_RULE, pos->file, pos->line);
	}
	p = ndoc_add(nd, st, R_TITLE, pos->file, pos->line);
	/* A title longer than a line (of full-width characters) is broken
	 * where its words allow, not wherever the line fills: GB/T 9704
	 * asks that each line of a title keep its words whole. */
	if (brk > 0 && brk < len && st->title_size > 0 &&
	    (double)chars(nd->title, len) * st->title_size > st->width) {
		buf b = BUF_INIT;

		buf_printf(&b, "%.*s\n%s", (int)brk, nd->title, nd->title + brk);
		ndoc_puts(st, p, buf_cstr(&b));
		buf_free(&b);
		return;
	}
	ndoc_puts(st, p, nd->title);
}

/* The box under the text: issuer, date and the QR caption's
 * PDF_QR_CAPTION_LINES lines, separated by LAY_NEWLINE, drawn by draw.c.
 * The caption says in words where the code leads, for whoever cannot
 * scan it or wonders before scanning. */
void pdf_frame_sign(struct ndoc *nd, const struct pdf_style *st,
		    const struct srcpos *pos, const char *issuer, struct date day,
		    const char *caption)
{
	char d[32];
	buf b = BUF_INIT;

	date_chinese(day, d);
	buf_printf(&b, "%s\n%s\n%s", issuer ? issuer : "", d, *nd->url ? caption : "");
	ndoc_emit(nd, st, R_SIGN, pos, &b);
	buf_free(&b);
}
