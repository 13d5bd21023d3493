#include "pdf/encoding.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* The codespace of both CMaps, the font's Encoding and its ToUnicode:
 * every two-byte string, like Identity-H's, although the codes used have
 * no zero byte.  It has to be this wide, not <0101> <FFFF>: MuPDF 1.21
 * (Debian 12) turns the ToUnicode into a CID-keyed map that it checks
 * against the Encoding's codespace, so there the codespace must hold the
 * CIDs 1..256 too, or their characters read as U+FFFD.  The two CMaps
 * share it so that a reader splits a string into codes the same way for
 * drawing and for text. */
#define CODESPACE_LOW 0x0000u
#define CODESPACE_HIGH 0xFFFFu

/* The code of the k-th character: two bytes, each 1..255. */
static unsigned code_of(size_t k)
{
	return (unsigned)((1 + k / 255) << 8 | (1 + k % 255));
}

/* Every code has two bytes: each first byte leads, each second trails. */
static HPDF_BOOL always(HPDF_Encoder enc, HPDF_BYTE b)
{
	(void)enc;
	(void)b;
	return HPDF_TRUE;
}

/* The next stand-in after `v` that `used` does not hold: the Private Use
 * Area first, then the rest of the BMP (never U+0000, nor U+FFFF, which
 * ends libharu's table).  There are always enough: an encoder holds
 * fewer than 65,024 characters (pdf_encoding_init checks first). */
static uint16_t next_stand_in(const hb_set_t *used, uint32_t v)
{
	do {
		v = v == 0 ? PDF_ENCODING_STAND_IN : v + 1;
		if (v == 0xFFFF)
			v = 1;
	} while (hb_set_has(used, v));
	return (uint16_t)v;
}

static void collect(struct pdf_encoding *e, const hb_set_t *used)
{
	hb_codepoint_t cp = HB_SET_VALUE_INVALID;
	uint32_t stand = 0;

	e->cps = xcalloc(hb_set_get_population(used) + 1, sizeof(*e->cps));
	e->uni = xcalloc(hb_set_get_population(used) + 1, sizeof(*e->uni));
	while (hb_set_next(used, &cp) && cp <= 0x10FFFF) {
		/* U+FFFF would end libharu's code-to-Unicode table. */
		if (cp == 0xFFFF)
			continue;
		e->cps[e->n] = cp;
		if (cp > 0xFFFF) {
			stand = next_stand_in(used, stand);
			e->nstand++;
		}
		e->uni[e->n++] = (uint16_t)(cp > 0xFFFF ? stand : cp);
	}
}

/* Code ranges to CIDs, one run of second bytes at a time, and the code
 * to Unicode table libharu measures text with.
 *
 * One code more than there are characters: libharu writes the widths
 * and the CIDToGIDMap of CIDs below the highest only, so the highest is
 * a spare that is never drawn (its character is libharu's default □,
 * which the subset usually lacks: glyph 0). */
static HPDF_STATUS fill(const struct pdf_encoding *e, HPDF_Encoder enc)
{
	HPDF_UnicodeMap_Rec *map = xcalloc(e->n + 1, sizeof(*map));
	HPDF_STATUS rc = HPDF_OK;

	for (size_t k = 0; k <= e->n && rc == HPDF_OK; k += 255) {
		size_t last = k + 254 < e->n ? k + 254 : e->n;
		HPDF_CidRange_Rec r[2] = {
			{ (HPDF_UINT16)code_of(k), (HPDF_UINT16)code_of(last),
			  (HPDF_UINT16)(k + 1) },
			{ 0xFFFF, 0xFFFF, 0 },
		};

		rc = HPDF_CMapEncoder_AddCMap(enc, r);
	}
	for (size_t k = 0; k < e->n; k++) {
		map[k].code = (HPDF_UINT16)code_of(k);
		map[k].unicode = e->uni[k];
	}
	map[e->n].unicode = 0xFFFF;
	HPDF_CMapEncoder_SetUnicodeArray(enc, map);
	free(map);
	return rc;
}

static HPDF_Encoder make_encoder(const struct pdf_encoding *e, HPDF_Doc doc)
{
	HPDF_CidRange_Rec space = { CODESPACE_LOW, CODESPACE_HIGH, 0 };
	HPDF_Encoder enc = HPDF_CMapEncoder_New(doc->mmgr, (char *)e->name, NULL);
	HPDF_CMapEncoderAttr attr;

	if (enc == NULL)
		return NULL;
	if (HPDF_CMapEncoder_InitAttr(enc) != HPDF_OK) {
		HPDF_Encoder_Free(enc);
		return NULL;
	}
	attr = enc->attr;
	attr->is_lead_byte_fn = always;
	attr->is_trial_byte_fn = always;
	/* The codes are our own: the CIDs belong to no registered
	 * collection, and text extraction goes through ToUnicode. */
	strcpy(attr->registry, "Adobe");
	strcpy(attr->ordering, "Identity");
	attr->suppliment = 0;
	attr->uid_offset = -1;
	if (HPDF_CMapEncoder_AddCodeSpaceRange(enc, space) != HPDF_OK ||
	    fill(e, enc) != HPDF_OK) {
		HPDF_Encoder_Free(enc);
		return NULL;
	}
	enc->type = HPDF_ENCODER_TYPE_DOUBLE_BYTE;
	return enc;
}

int pdf_encoding_init(struct pdf_encoding *e, HPDF_Doc doc, size_t slot,
		      const hb_set_t *used)
{
	HPDF_Encoder enc;

	memset(e, 0, sizeof(*e));
	/* Too many for the codes, and for the stand-ins to be found. */
	if (hb_set_get_population(used) > PDF_ENCODING_MAX)
		return -1;
	collect(e, used);
	if (e->n == 0 || e->n + 1 > PDF_ENCODING_MAX)
		return -1;
	snprintf(e->name, sizeof(e->name), "GongshiSubset%zu", slot);
	enc = make_encoder(e, doc);
	/* Once registered, the document owns the encoder (and frees it if
	 * registering fails). */
	if (enc == NULL || HPDF_Doc_RegisterEncoder(doc, enc) != HPDF_OK)
		return -1;
	return 0;
}

int pdf_encoding_put(const struct pdf_encoding *e, uint32_t cp, buf *out)
{
	size_t lo = 0, hi = e->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (e->cps[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == e->n || e->cps[lo] != cp)
		return -1;
	buf_putc(out, (int)(code_of(lo) >> 8));
	buf_putc(out, (int)(code_of(lo) & 0xFF));
	return 0;
}

/* Writes one bfchar per code, at most 100 per block as the CMap format
 * asks.  No bfrange: Ghostscript 10.0 (Debian 12) reads a bfrange's
 * destination string by OR-ing its bytes together without shifting, so
 * <0130> <0132> <3001> came out as "1", "2", "3" instead of 、。〃.
 * A character beyond U+FFFF is its UTF-16 surrogate pair, as ISO
 * 32000-1 9.10.3 has it: <0203> <D842DFB7> for U+20BB7. */
static void write_maps(const struct pdf_encoding *e, buf *b)
{
	for (size_t k = 0; k < e->n; k += 100) {
		size_t end = k + 100 < e->n ? k + 100 : e->n;

		buf_printf(b, "%zu beginbfchar\n", end - k);
		for (size_t j = k; j < end; j++) {
			uint32_t cp = e->cps[j];

			if (cp > 0xFFFF)
				buf_printf(b, "<%04X> <%04X%04X>\n", code_of(j),
					   (unsigned)(0xD800 + ((cp - 0x10000) >> 10)),
					   (unsigned)(0xDC00 + (cp & 0x3FF)));
			else
				buf_printf(b, "<%04X> <%04X>\n", code_of(j),
					   (unsigned)cp);
		}
		buf_puts(b, "endbfchar\n");
	}
}

int pdf_encoding_to_unicode(const struct pdf_encoding *e, HPDF_Doc doc,
			    HPDF_Font font)
{
	HPDF_Dict cmap = HPDF_DictStream_New(doc->mmgr, doc->xref);
	buf b = BUF_INIT;
	HPDF_STATUS rc;

	if (cmap == NULL)
		return -1;
	/* Compressed like libharu's own font streams. */
	if (doc->compression_mode & HPDF_COMP_METADATA)
		cmap->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	buf_puts(&b, "/CIDInit /ProcSet findresource begin\n"
		     "12 dict begin\n"
		     "begincmap\n"
		     "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
		     "/Supplement 0 >> def\n"
		     "/CMapName /Adobe-Identity-UCS def\n"
		     "/CMapType 2 def\n");
	buf_printf(&b, "1 begincodespacerange\n<%04X> <%04X>\nendcodespacerange\n",
		   CODESPACE_LOW, CODESPACE_HIGH);
	write_maps(e, &b);
	buf_puts(&b, "endcmap\n"
		     "CMapName currentdict /CMap defineresource pop\n"
		     "end\n"
		     "end\n");
	rc = HPDF_Stream_Write(cmap->stream, (const HPDF_BYTE *)b.data,
			       (HPDF_UINT)b.len);
	buf_free(&b);
	if (rc != HPDF_OK || HPDF_Dict_Add(font, "ToUnicode", cmap) != HPDF_OK)
		return -1;
	return 0;
}

void pdf_encoding_free(struct pdf_encoding *e)
{
	free(e->cps);
	free(e->uni);
	memset(e, 0, sizeof(*e));
}
