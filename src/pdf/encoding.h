/* A libharu encoder holding only the characters one document draws with
 * one font.
 *
 * libharu 2.3.0's "UTF-8" encoder declares the whole Basic Multilingual
 * Plane.  A font created with it costs, per font and per document, a
 * glyph lookup for each of ~63,000 code points (each a linear scan of
 * the font's cmap), a 128 KB CIDToGIDMap and a CMap of 1,000 ranges,
 * whatever the notice's length (what that cost is in docs/performance.md,
 * "The subset encoder and the spare").
 * This encoder declares the document's n characters only: the k-th code
 * point (in order) is CID k + 1, written as a two-byte code with no zero
 * byte, since libharu passes text as C strings.  A ToUnicode CMap maps
 * the codes back to the characters, so that the PDF's text can still be
 * searched and copied.
 *
 * A character beyond U+FFFF gets a code like any other (its ToUnicode
 * entry is a UTF-16 surrogate pair), but libharu 2.3.0 measures and
 * finds glyphs with 16-bit Unicode values only.  So libharu is told a
 * stand-in for it, a BMP code point the document does not use (the
 * Private Use Area first), and the font's subset maps that stand-in to
 * the character's glyph (pdf/font.c).  The ToUnicode has the character
 * itself: no reader ever sees the stand-in.
 *
 * The encoder is built with libharu's own CMap-encoder calls (installed
 * in hpdf_encoder.h), the way libharu builds its CJK encoders. */
#ifndef GONGSHI_PDF_ENCODING_H
#define GONGSHI_PDF_ENCODING_H

#include <hb.h>
#include <hpdf.h>
#include <stdint.h>

#include "util/buf.h"

/* The most codes one encoder has: two bytes of 1..255 each, less <FFFF>,
 * which libharu takes for the end of a table.  One code is a spare (see
 * encoding.c), so this many less one characters. */
#define PDF_ENCODING_MAX (255u * 255u - 1u)

/* The first stand-in: the start of the Private Use Area. */
#define PDF_ENCODING_STAND_IN 0xE000u

struct pdf_encoding {
	uint32_t *cps; /* owned; sorted, cps[k] has code k */
	uint16_t *uni; /* owned; what libharu takes code k for: cps[k], or
			* its stand-in when cps[k] is beyond U+FFFF */
	size_t n;
	size_t nstand; /* how many are beyond U+FFFF: the last nstand codes */
	char name[32]; /* the encoder's name inside the document */
};

/* Makes and registers in `doc` the encoder for the code points in `used`
 * (all but U+FFFF, which would end libharu's tables).
 * `slot` keeps the names of one document's encoders apart.  0, or -1
 * when libharu failed (its error handler has the reason) or there are
 * PDF_ENCODING_MAX characters or more. */
int pdf_encoding_init(struct pdf_encoding *e, HPDF_Doc doc, size_t slot,
		      const hb_set_t *used);

/* Appends the code of `cp` to `out`; 0, or -1 if `cp` is not held. */
int pdf_encoding_put(const struct pdf_encoding *e, uint32_t cp, buf *out);

/* Gives `font` (created with this encoder) its ToUnicode CMap.  0 or
 * -1. */
int pdf_encoding_to_unicode(const struct pdf_encoding *e, HPDF_Doc doc,
			    HPDF_Font font);

/* Frees what `e` owns; the encoder itself belongs to the document. */
void pdf_encoding_free(struct pdf_encoding *e);

#endif
