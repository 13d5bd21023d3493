#include "pdf/qr.h"

#include <qrencode.h>

#define QUIET 4

int qr_draw(HPDF_Page page, const char *text, double x, double y,
	    double size)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	double m;
	int w, any = 0;

	if (q == NULL)
		return -1;
	w = q->width;
	m = size / (w + 2 * QUIET);
	for (int r = 0; r < w; r++) {
		const unsigned char *row = q->data + (size_t)r * (size_t)w;
		/* Rows are drawn a hair taller so that viewers' anti-aliasing
		 * leaves no seams between them. */
		double top = y + size - (QUIET + r) * m;

		for (int c = 0; c < w;) {
			int run = 0;

			while (c + run < w && (row[c + run] & 1))
				run++;
			if (run) {
				HPDF_Page_Rectangle(page,
						    (HPDF_REAL)(x + (QUIET + c) * m),
						    (HPDF_REAL)(top - m - 0.02),
						    (HPDF_REAL)(run * m),
						    (HPDF_REAL)(m + 0.02));
				any = 1;
				c += run;
			} else {
				c++;
			}
		}
	}
	if (any)
		HPDF_Page_Fill(page);
	QRcode_free(q);
	return 0;
}
