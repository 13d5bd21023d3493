/* The per-document encoder (src/pdf/encoding.c): its codes, and the font
 * libharu builds with it, read back from an uncompressed PDF: every
 * character's CID has a glyph (the highest included, which libharu 2.3.0
 * leaves out of the CIDToGIDMap unless a spare code follows it) and the
 * ToUnicode CMap maps every code back to its character, beyond U+FFFF
 * as a surrogate pair. */
#include <stdlib.h>
#include <string.h>

#include "pdf/encoding.h"
#include "pdf/font.h"
#include "test.h"
#include "util/buf.h"

#define UMING "/usr/share/fonts/truetype/arphic/uming.ttc"
#define ZENHEI "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
#define WENKAI "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
	(void)detail;
	*(HPDF_STATUS *)user = error;
}

static void test_codes(void)
{
	static const uint32_t cps[] = { 0x20, 0x41, 0x4E00, 0xFF1B, 0x20BB7 };
	HPDF_STATUS err = HPDF_OK;
	HPDF_Doc doc = HPDF_New(on_error, &err);
	hb_set_t *set = hb_set_create();
	struct pdf_encoding e;
	buf b = BUF_INIT;

	for (size_t i = 0; i < sizeof(cps) / sizeof(cps[0]); i++)
		hb_set_add(set, cps[i]);
	CHECK_INT(pdf_encoding_init(&e, doc, 3, set), 0);
	CHECK_STR(e.name, "GongshiSubset3");
	/* Above U+FFFF gets a code like the others, the last, and libharu
	 * is told the first Private Use code point for it. */
	CHECK_INT(e.n, 5);
	CHECK_INT(e.nstand, 1);
	CHECK_INT(e.uni[3], 0xFF1B);
	CHECK_INT(e.uni[4], 0xE000);
	CHECK_INT(pdf_encoding_put(&e, 0x4E01, &b), -1);
	CHECK_INT(b.len, 0);
	for (size_t i = 0; i < 5; i++)
		CHECK_INT(pdf_encoding_put(&e, cps[i], &b), 0);
	/* Code k is <01 k+1>: never a zero byte, in the characters' order. */
	CHECK_INT(b.len, 10);
	CHECK(memcmp(b.data, "\x01\x01\x01\x02\x01\x03\x01\x04\x01\x05", 10) == 0);
	CHECK(HPDF_Doc_FindEncoder(doc, "GongshiSubset3") != NULL);
	CHECK_INT(err, HPDF_OK);

	/* A stand-in is never a character the document draws: U+E000 and
	 * U+E001 are taken, so the two beyond U+FFFF get U+E002 and U+E003. */
	hb_set_clear(set);
	hb_set_add_range(set, 0xE000, 0xE001);
	hb_set_add(set, 0x20BB7);
	hb_set_add(set, 0x2123C);
	pdf_encoding_free(&e);
	CHECK_INT(pdf_encoding_init(&e, doc, 6, set), 0);
	CHECK_INT(e.n, 4);
	CHECK_INT(e.nstand, 2);
	CHECK(e.cps[2] == 0x20BB7 && e.uni[2] == 0xE002);
	CHECK(e.cps[3] == 0x2123C && e.uni[3] == 0xE003);

	/* The second byte runs to 255, then the first goes up. */
	hb_set_clear(set);
	hb_set_add_range(set, 0x4E00, 0x4E00 + 299);
	pdf_encoding_free(&e);
	CHECK_INT(pdf_encoding_init(&e, doc, 4, set), 0);
	buf_reset(&b);
	CHECK_INT(pdf_encoding_put(&e, 0x4E00 + 254, &b), 0);
	CHECK_INT(pdf_encoding_put(&e, 0x4E00 + 255, &b), 0);
	CHECK(b.len == 4 && memcmp(b.data, "\x01\xFF\x02\x01", 4) == 0);

	/* An empty set makes no encoder. */
	hb_set_clear(set);
	pdf_encoding_free(&e);
	CHECK_INT(pdf_encoding_init(&e, doc, 5, set), -1);
	pdf_encoding_free(&e);
	hb_set_destroy(set);
	buf_free(&b);
	HPDF_Free(doc);
}

/* `needle` in the PDF, binary streams and all; NULL if absent. */
static const char *find(const buf *pdf, const char *from, const char *needle)
{
	size_t n = strlen(needle);

	for (const char *p = from ? from : pdf->data;
	     p + n <= pdf->data + pdf->len; p++)
		if (memcmp(p, needle, n) == 0)
			return p;
	return NULL;
}

/* The start of object `num`, or NULL. */
static const char *object(const buf *pdf, int num)
{
	char head[32];

	snprintf(head, sizeof(head), "\n%d 0 obj", num);
	return find(pdf, NULL, head);
}

/* The stream of the object `ref` points at ("12 0 R"), or NULL.  libharu
 * writes each /Length as a reference to an object of its own. */
static const char *stream_of(const buf *pdf, const char *ref, size_t *len)
{
	const char *obj = object(pdf, atoi(ref)), *length, *data, *n;

	length = obj ? find(pdf, obj, "/Length ") : NULL;
	data = obj ? find(pdf, obj, "stream\r\n") : NULL;
	n = length ? object(pdf, atoi(length + 8)) : NULL;
	if (data == NULL || n == NULL)
		return NULL;
	*len = (size_t)atol(strchr(n + 1, '\n') + 1);
	return data + 8;
}

static void save(HPDF_Doc doc, buf *out)
{
	HPDF_UINT32 size;

	HPDF_SaveToStream(doc);
	size = HPDF_GetStreamSize(doc);
	buf_grow(out, size);
	HPDF_ResetStream(doc);
	HPDF_ReadFromStream(doc, (HPDF_BYTE *)out->data, &size);
	out->len = size;
	out->data[size] = '\0';
}

/* Draws the `n` characters of `text` with slot 0 into an uncompressed
 * PDF. */
static int draw_doc(const struct font_set *fs, const uint32_t *text, size_t n,
		    buf *pdf)
{
	HPDF_STATUS err = HPDF_OK;
	HPDF_Doc doc = HPDF_New(on_error, &err);
	struct font_doc fd;
	diags d = DIAGS_INIT;
	buf run = BUF_INIT;
	HPDF_Page page;
	int rc;

	HPDF_SetCompressionMode(doc, HPDF_COMP_NONE);
	font_doc_init(&fd, fs);
	for (size_t i = 0; i < n; i++) {
		struct lay_char c = { text[i], 0, 0 };

		font_doc_use(&fd, &c);
	}
	rc = font_doc_embed(&fd, fs, doc, NULL, "site.yaml", &d);
	for (size_t i = 0; i < n; i++)
		pdf_encoding_put(&fd.enc[0], text[i], &run);
	page = HPDF_AddPage(doc);
	HPDF_Page_BeginText(page);
	HPDF_Page_SetFontAndSize(page, fd.hf[0], 24);
	HPDF_Page_TextOut(page, 72, 720, buf_cstr(&run));
	HPDF_Page_EndText(page);
	save(doc, pdf);
	font_doc_free(&fd);
	HPDF_Free(doc);
	buf_free(&run);
	diags_free(&d);
	return rc == 0 && err == HPDF_OK ? 0 : -1;
}

/* "一丁；": the last the highest code point. */
static const uint32_t yiding[] = { 0x4E00, 0x4E01, 0xFF1B };

static void test_font(void)
{
	struct config cfg;
	struct font_set fs;
	diags d = DIAGS_INIT;
	buf pdf = BUF_INIT;
	const char *p, *map;
	size_t len = 0;

	memset(&cfg, 0, sizeof(cfg));
	cfg.pdf.song.path = UMING;
	cfg.pdf.hei.path = ZENHEI;
	CHECK_INT(font_set_load(&fs, &cfg, "", "site.yaml", &d), 0);
	CHECK_INT(draw_doc(&fs, yiding, 3, &pdf), 0);
	/* The text is the three codes; CIDs 1..3 follow them. */
	CHECK(find(&pdf, NULL, "<010101020103> Tj") != NULL);
	p = find(&pdf, NULL, "/CIDToGIDMap ");
	map = p ? stream_of(&pdf, p + 13, &len) : NULL;
	CHECK(map != NULL);
	/* CIDs 0 to 3, two bytes each (not the spare, 4); each character's
	 * glyph is a real one, told apart from the others. */
	CHECK_INT(len, 8);
	if (map && len == 8) {
		unsigned g[4];

		for (int i = 0; i < 4; i++)
			g[i] = (unsigned char)map[2 * i] << 8 |
			       (unsigned char)map[2 * i + 1];
		CHECK(g[1] != 0 && g[2] != 0 && g[3] != 0);
		CHECK(g[1] != g[2] && g[2] != g[3] && g[1] != g[3]);
	}
	p = find(&pdf, NULL, "/ToUnicode ");
	map = p ? stream_of(&pdf, p + 11, &len) : NULL;
	CHECK(map != NULL);
	if (map) {
		buf cmap = BUF_INIT;

		buf_put(&cmap, map, len);
		/* One bfchar per code and no bfrange, which Ghostscript
		 * 10.0 reads wrong; every two-byte code in the codespace. */
		CHECK(strstr(buf_cstr(&cmap), "3 beginbfchar\n<0101> <4E00>\n"
					      "<0102> <4E01>\n<0103> <FF1B>\n"
					      "endbfchar\n") != NULL);
		CHECK(strstr(buf_cstr(&cmap), "bfrange") == NULL);
		CHECK(strstr(buf_cstr(&cmap), "1 begincodespacerange\n"
					      "<0000> <FFFF>\n") != NULL);
		buf_free(&cmap);
	}
	/* The font's own Encoding CMap (libharu's, in CRLF lines) has the
	 * same codespace, which holds the CIDs 1..4 as well as the codes
	 * (MuPDF 1.21 checks the CIDs against it when it reads the
	 * ToUnicode). */
	p = find(&pdf, NULL, "/Encoding ");
	map = p ? stream_of(&pdf, p + 10, &len) : NULL;
	CHECK(map != NULL);
	if (map) {
		buf cmap = BUF_INIT;

		buf_put(&cmap, map, len);
		CHECK(strstr(buf_cstr(&cmap), "1 begincodespacerange\r\n"
					      "<0000> <FFFF>\r\n") != NULL);
		CHECK(strstr(buf_cstr(&cmap), "<0101> <0104> 1\r\n") != NULL);
		buf_free(&cmap);
	}
	buf_free(&pdf);
	font_set_free(&fs);
	diags_free(&d);
}

/* The glyph of the `cid`-th CID in the CIDToGIDMap of `pdf`, or 0. */
static unsigned gid_of(const buf *pdf, unsigned cid)
{
	const char *p = find(pdf, NULL, "/CIDToGIDMap ");
	size_t len = 0;
	const char *map = p ? stream_of(pdf, p + 13, &len) : NULL;

	if (map == NULL || 2 * cid + 1 >= len)
		return 0;
	return (unsigned char)map[2 * cid] << 8 | (unsigned char)map[2 * cid + 1];
}

/* 𠮷 (U+20BB7) and 𠀋 (U+2000B), beyond U+FFFF, are text like any
 * other: codes 0103 and 0102 (after 一, in code point order), CIDs with
 * real glyphs of their own, and the ToUnicode maps them to UTF-16
 * surrogate pairs (ISO 32000-1 9.10.3).  LXGW WenKai has both. */
static void test_beyond_bmp(void)
{
	static const uint32_t text[] = { 0x4E00, 0x20BB7, 0x2000B };
	struct config cfg;
	struct font_set fs;
	diags d = DIAGS_INIT;
	buf pdf = BUF_INIT;
	const char *p, *map;
	size_t len = 0;

	memset(&cfg, 0, sizeof(cfg));
	cfg.pdf.song.path = WENKAI;
	cfg.pdf.hei.path = WENKAI;
	CHECK_INT(font_set_load(&fs, &cfg, "", "site.yaml", &d), 0);
	CHECK_INT(draw_doc(&fs, text, 3, &pdf), 0);
	CHECK(find(&pdf, NULL, "<010101030102> Tj") != NULL);
	CHECK(gid_of(&pdf, 1) != 0 && gid_of(&pdf, 2) != 0 && gid_of(&pdf, 3) != 0);
	CHECK(gid_of(&pdf, 1) != gid_of(&pdf, 2) && gid_of(&pdf, 2) != gid_of(&pdf, 3));
	p = find(&pdf, NULL, "/ToUnicode ");
	map = p ? stream_of(&pdf, p + 11, &len) : NULL;
	CHECK(map != NULL);
	if (map) {
		buf cmap = BUF_INIT;

		buf_put(&cmap, map, len);
		CHECK(strstr(buf_cstr(&cmap), "3 beginbfchar\n<0101> <4E00>\n"
					      "<0102> <D840DC0B>\n<0103> <D842DFB7>\n"
					      "endbfchar\n") != NULL);
		buf_free(&cmap);
	}
	buf_free(&pdf);
	font_set_free(&fs);
	diags_free(&d);
}

int main(void)
{
	test_codes();
	test_font();
	test_beyond_bmp();
	return test_done();
}
