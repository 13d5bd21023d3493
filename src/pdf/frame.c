/* What every notice is written with and framed by (pdf/render.h): its
 * paragraphs and numbered headings, its title, the red issuer line and
 * rule above it, and the signature box with the QR code below.  The 公示
 * (notice.c), the 再公示 (repost.c) and the result notice (result.c) share
 * them, so a change of house style reaches all three. */
#include <string.h>

#include "pdf/render.h"

void ndoc_emit(struct ndoc *nd, const struct pdf_style *st, enum role role,
	       const struct srcpos *pos, buf *b)
{
	struct lay_para *p = ndoc_add(nd, st, role, pos->file, pos->line);

	ndoc_puts(st, p, buf_cstr(b));
	buf_reset(b);
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

void pdf_frame_head(struct ndoc *nd, const struct pdf_style *st,
		    const struct srcpos *pos, const char *issuer)
{
	struct lay_para *p;

	if (issuer && *issuer) {
		p = ndoc_add(nd, st, R_HEADER, pos->file, pos->line);
		ndoc_puts(st, p, issuer);
		ndoc_add(nd, st, R_RULE, pos->file, pos->line);
	}
	p = ndoc_add(nd, st, R_TITLE, pos->file, pos->line);
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
