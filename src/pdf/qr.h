/* The QR code on a notice, drawn as vector squares so that it prints
 * sharp at any size and costs a few hundred bytes. */
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
