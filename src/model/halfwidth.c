/* Full-width digits, letters and signs to ASCII: see halfwidth.h. */
#include "model/halfwidth.h"

#include <stdint.h>
#include <string.h>

#include "util/utf8.h"

/* The ASCII character for the full-width form at `u` (3 bytes of UTF-8),
 * or 0.  U+FF01..U+FF5E are ASCII 0x21..0x7E shifted by 0xFEE0; only the
 * digits, letters and the signs of numbers and phones are taken. */
static int ascii_for(const unsigned char *u)
{
	uint32_t cp;
	int c;

	if (utf8_decode((const char *)u, 3, &cp) != 3)
		return 0;
	if (cp == 0x3000)
		return ' '; /* ideographic space */
	if (cp < 0xFF01 || cp > 0xFF5E)
		return 0;
	c = (int)(cp - 0xFEE0);
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || strchr(".-+()", c))
		return c;
	return 0;
}

size_t halfwidth_fold(const char *s, buf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = 0;
	int c;

	buf_reset(out);
	/* Nearly every field has none of these: no copy made for it. */
	if (strchr(s, 0xEF) == NULL && strchr(s, 0xE3) == NULL)
		return 0;
	while (*u) {
		/* u[1] and u[2] are read only when the bytes before them are
		 * not NUL, so nothing past the string's end is touched. */
		if ((u[0] == 0xEF || u[0] == 0xE3) && u[1] && u[2] &&
		    (c = ascii_for(u)) != 0) {
			buf_putc(out, c);
			u += 3;
			n++;
		} else {
			buf_putc(out, *u++);
		}
	}
	buf_cstr(out);
	return n;
}
