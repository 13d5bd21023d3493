/* The cmap of a font subset that holds characters beyond U+FFFF.
 *
 * libharu 2.3.0 finds a glyph through the font's format 4 (BMP) cmap
 * only, and with 16-bit Unicode values: it has no way to reach the glyph
 * of 𠮷 (U+20BB7).  The encoder (pdf/encoding.h) tells libharu a BMP
 * stand-in for each such character; this gives the subset a cmap in
 * which those stand-ins lead to the characters' glyphs, so that libharu
 * writes them into the CIDToGIDMap and the widths like any other.  Text
 * extraction goes through the ToUnicode CMap, which has the characters
 * themselves, and CIDFontType2 glyphs are drawn through the CIDToGIDMap:
 * no reader looks at this cmap.
 *
 * Nothing is kept: the caller owns (and destroys) the blob it gets. */
#ifndef GONGSHI_PDF_FONT_CMAP_H
#define GONGSHI_PDF_FONT_CMAP_H

#include <hb.h>

#include "pdf/encoding.h"

/* The font in `blob` (a subset holding every character of `e`) with its
 * cmap replaced by one (3,1) format 4 subtable that maps each code's
 * libharu value (e->uni) to its character's glyph.  A new reference, or
 * NULL when a character has no glyph there or the subtable would pass
 * the format's 64 KB. */
hb_blob_t *font_cmap_stand_ins(hb_blob_t *blob, const struct pdf_encoding *e);

#endif
