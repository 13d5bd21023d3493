/* The QR code on a notice, drawn as vector squares so that it prints
 * sharp at any size and costs a few hundred bytes.
 *
 * A phone a step from the notice board, or a 72 dpi render, needs modules
 * of about 0.8 mm; the default theme's 42 mm gives that up to version 7
 * (45 modules and the quiet zone: 107 bytes at level M, the URL of a
 * 64-character community id under the example's base_url). */
#ifndef GONGSHI_PDF_QR_H
#define GONGSHI_PDF_QR_H

#include <hpdf.h>

/* Draws the QR code of `text` (error correction level M) filling the
 * square of side `size` whose lower-left corner is (x, y), its 4-module
 * quiet zone included, in the current fill colour.  0, or -1 when the
 * text cannot be encoded (too long). */
int qr_draw(HPDF_Page page, const char *text, double x, double y,
	    double size);

#endif
