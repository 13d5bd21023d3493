/* UTF-8: see utf8.h. */
#include "util/utf8.h"

#include <string.h>

/* 1 when the 8 bytes at `u` are all ASCII. */
static int ascii8(const unsigned char *u)
{
	uint64_t w;

	memcpy(&w, u, sizeof(w));
	return (w & 0x8080808080808080ULL) == 0;
}

/* Length of the valid sequence at u[0] (not ASCII), 0 when invalid. */
static size_t sequence_len(const unsigned char *u, size_t left)
{
	unsigned c = u[0];
	unsigned lo = 0x80, hi = 0xBF; /* range of the 2nd byte */
	size_t more;

	/* The narrowed second-byte ranges are what exclude overlong
	 * forms (E0, F0), surrogates (ED) and > U+10FFFF (F4). */
	if (c >= 0xC2 && c <= 0xDF) {
		more = 1;
	} else if (c >= 0xE0 && c <= 0xEF) {
		more = 2;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		more = 3;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
	if (left <= more || u[1] < lo || u[1] > hi)
		return 0;
	for (size_t k = 2; k <= more; k++)
		if ((u[k] & 0xC0) != 0x80)
			return 0;
	return more + 1;
}

/* Every file's text passes here (a big site's content/ is tens of MB),
 * mostly Chinese with short ASCII runs between: ASCII is skipped eight
 * bytes at a time, and the three-byte sequences of the common Chinese
 * characters (E1-EC, EE-EF: no narrowed range) are taken without the
 * general case's tests. */
size_t utf8_valid_prefix(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < len) {
		unsigned c = u[i];

		if (c < 0x80) {
			i++;
			while (len - i >= 8 && ascii8(u + i))
				i += 8;
		} else if (len - i > 2 && utf8_common3(u + i)) {
			i += 3;
		} else if ((n = sequence_len(u + i, len - i)) > 0) {
			i += n;
		} else {
			return i;
		}
	}
	return i;
}

size_t utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len;
	uint32_t c;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	len = sequence_len(u, n);
	if (len == 0) {
		*cp = UTF8_REPLACEMENT;
		return 0;
	}
	c = u[0] & (len == 2 ? 0x1Fu : len == 3 ? 0x0Fu : 0x07u);
	for (size_t i = 1; i < len; i++)
		c = c << 6 | (u[i] & 0x3Fu);
	*cp = c;
	return len;
}

size_t utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | cp >> 6);
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | cp >> 12);
		o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | cp >> 18);
	o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
	o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}
