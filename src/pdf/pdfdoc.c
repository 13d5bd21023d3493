/* One libharu document: set-up, font embedding and saving into a buf.
 *
 * libharu reports errors through a callback; recording the first one
 * (instead of the usual longjmp) keeps the control flow plain: a failed
 * document is noticed and reported when it is saved. */
#include <string.h>

#include <zlib.h>

#include "pdf/pdf_error.h"
#include "pdf/render.h"

/* libharu 2.3 deflates every stream (the fonts' subsets are most of the
 * bytes: about 200 KB a notice) at zlib's default level 6 and has no
 * setting for it; that was 40 % of a PDF build's CPU.  Level 3 costs a
 * fifth less CPU for files about 4 % larger (docs/performance.md,
 * "deflate level").  libharu reaches zlib through the dynamic linker, and
 * a function the program itself defines comes first in the ELF lookup
 * order, so this definition of zlib's own entry point (its prototype is in
 * zlib.h) is the one libharu calls.  Only the default level is changed;
 * the rest is what zlib's deflateInit_ does (zlib 1.2.13 deflate.c).  On a
 * platform that bound libharu to zlib directly the PDFs would still be
 * correct, only slower to make and a little smaller. */
#define PDF_DEFLATE_LEVEL 3

int deflateInit_(z_streamp strm, int level, const char *version,
		 int stream_size)
{
	if (level == Z_DEFAULT_COMPRESSION)
		level = PDF_DEFLATE_LEVEL;
	return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, 8,
			     Z_DEFAULT_STRATEGY, version, stream_size);
}

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
	struct pdfdoc *pd = user;

	if (pd->error == HPDF_OK) {
		pd->error = error;
		pd->detail = detail;
		pd->error_at = pd->drawing;
	}
}

/* "生成《…》PDF（notices/ID-2.pdf）时，排到“某小区”出错：<what it
 * means and what to do>（libharu 错误码 0x1001，详情 0）". */
static void fail(const struct pdfdoc *pd, diags *d)
{
	buf where = BUF_INIT;

	if (pd->path)
		buf_printf(&where, "（%s）", pd->path);
	if (pd->error_at)
		buf_printf(&where, "时，排到“%s”出错", pd->error_at);
	else
		buf_puts(&where, "时出错");
	diag_error(d, pd->pos ? pd->pos->file : NULL, pd->pos ? pd->pos->line : 0, 0,
		   NULL, "生成《%s》PDF%s：%s（libharu 错误码 0x%04X，详情 %u）",
		   pd->title ? pd->title : "", buf_cstr(&where), pdf_error_words(pd->error),
		   (unsigned)pd->error, (unsigned)pd->detail);
	buf_free(&where);
}

int pdfdoc_begin(struct pdfdoc *pd, const struct pdf_renderer *r,
		 const char *title, const struct srcpos *pos, diags *d)
{
	struct date day = site_notice_date(r->site);
	const char *issuer = r->site->config.notice.issuer;
	/* The document's dates are the notice's, never the clock's, so
	 * that the same inputs give the same bytes: its midnight in China
	 * (UTC+08:00), the notice's own time zone. */
	HPDF_Date when = { day.year, day.month, day.day, 0, 0, 0, '+', 8, 0 };
	const char *lang = r->site->config.language;

	memset(pd, 0, sizeof(*pd));
	pd->title = title;
	pd->pos = pos;
	pd->doc = HPDF_New(on_error, pd);
	if (pd->doc == NULL) {
		diag_error(d, NULL, 0, 0, NULL, "无法创建 PDF 文档");
		return -1;
	}
	HPDF_SetCompressionMode(pd->doc, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pd->doc);
	/* With UTF-8 as the current encoder, libharu writes the info
	 * strings as UTF-16 that viewers show correctly. */
	HPDF_SetCurrentEncoder(pd->doc, "UTF-8");
	HPDF_SetInfoAttr(pd->doc, HPDF_INFO_TITLE, title);
	if (issuer && *issuer)
		HPDF_SetInfoAttr(pd->doc, HPDF_INFO_AUTHOR, issuer);
	HPDF_SetInfoAttr(pd->doc, HPDF_INFO_CREATOR, "gongshi");
	if (day.year) {
		HPDF_SetInfoDateAttr(pd->doc, HPDF_INFO_CREATION_DATE, when);
		HPDF_SetInfoDateAttr(pd->doc, HPDF_INFO_MOD_DATE, when);
	}
	/* A failed structure tree leaves an untagged but whole document;
	 * libharu's error, if any, is reported below. */
	tags_begin(&pd->tags, pd->doc, lang && *lang ? lang : "zh-CN");
	if (pd->error) {
		fail(pd, d);
		HPDF_Free(pd->doc);
		pd->doc = NULL;
		return -1;
	}
	return 0;
}

void pdfdoc_dated(struct pdfdoc *pd, struct date day, const char *issuer)
{
	HPDF_Date when = { day.year, day.month, day.day, 0, 0, 0, '+', 8, 0 };

	if (issuer && *issuer)
		HPDF_SetInfoAttr(pd->doc, HPDF_INFO_AUTHOR, issuer);
	HPDF_SetInfoDateAttr(pd->doc, HPDF_INFO_CREATION_DATE, when);
	HPDF_SetInfoDateAttr(pd->doc, HPDF_INFO_MOD_DATE, when);
}

int pdfdoc_fonts(struct pdfdoc *pd, const struct pdf_renderer *r,
		 struct font_doc *fd, diags *d)
{
	int rc = font_doc_embed(fd, &r->fonts, pd->doc, r->scratch, r->site_yaml, d);

	if (rc < 0) {
		pd->failed = rc == -2 ? PDFDOC_IO : 1;
		return -1;
	}
	return 0;
}

int pdfdoc_finish(struct pdfdoc *pd, buf *out, diags *d)
{
	HPDF_UINT32 size;
	size_t start = out->len;
	int rc = 0;

	if (pd->doc == NULL)
		return -1;
	if (pd->failed) {
		HPDF_Free(pd->doc);
		pd->doc = NULL;
		return pd->failed == PDFDOC_IO ? PDFDOC_IO : -1;
	}
	if (pd->error == HPDF_OK)
		HPDF_SaveToStream(pd->doc);
	if (pd->error == HPDF_INVALID_OBJECT && pd->may_retry) {
		HPDF_Free(pd->doc);
		pd->doc = NULL;
		return PDFDOC_RETRY;
	}
	if (pd->error != HPDF_OK) {
		fail(pd, d);
		HPDF_Free(pd->doc);
		pd->doc = NULL;
		return -1;
	}
	size = HPDF_GetStreamSize(pd->doc);
	buf_reserve(out, size);
	HPDF_ResetStream(pd->doc);
	for (;;) {
		HPDF_UINT32 got = (HPDF_UINT32)buf_room(out);
		HPDF_STATUS st;

		if (got == 0) {
			buf_reserve(out, 65536);
			continue;
		}
		st = HPDF_ReadFromStream(pd->doc, (HPDF_BYTE *)buf_reserve(out, 0), &got);
		buf_commit(out, got);
		if (st == HPDF_STREAM_EOF || (st == HPDF_OK && got == 0))
			break;
		if (st != HPDF_OK) {
			rc = -1;
			break;
		}
	}
	if (rc < 0 || out->len - start != size) {
		diag_error(d, NULL, 0, 0, NULL, "无法读出生成的 PDF（libharu 流错误）");
		buf_truncate(out, start);
		rc = -1;
	}
	HPDF_Free(pd->doc);
	pd->doc = NULL;
	return rc;
}
