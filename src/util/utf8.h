/* UTF-8, the one encoding of every text once load/encoding.c has read it:
 * one code point decoded or encoded, and the valid prefix of a text.  One
 * definition of "valid" for the whole program (RFC 3629: no overlong form,
 * no surrogate, nothing above U+10FFFF, no sequence cut short by the end).
 * Pure functions, no allocation. */
#ifndef GONGSHI_UTF8_H
#define GONGSHI_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* U+FFFD, what an invalid sequence stands for when it must be shown. */
#define UTF8_REPLACEMENT 0xFFFDu

/* The code point at `s`, which has `n` > 0 bytes, into *cp; returns its
 * length, 1 to 4.  For an invalid sequence returns 0 and sets *cp to
 * UTF8_REPLACEMENT: the caller decides whether to skip one byte or stop. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* 1 when the 3 bytes at `u` are a sequence led by E1-EC or EE-EF (most
 * Han characters, the full-width forms): their second byte has no
 * narrowed range (utf8.c), so two continuation bytes make them valid. */
static inline int utf8_common3(const unsigned char *u)
{
	return u[0] >= 0xE1 && u[0] <= 0xEF && u[0] != 0xED &&
	       (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80;
}

/* utf8_decode, the same results, with ASCII and utf8_common3 sequences
 * decoded inline: for loops over every character of big texts (the
 * search index), where a call per character would show. */
static inline size_t utf8_decode_inline(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (n > 2 && utf8_common3(u)) {
		*cp = (u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu);
		return 3;
	}
	return utf8_decode(s, n, cp);
}

/* Writes `cp` (at most U+10FFFF, not a surrogate) as UTF-8 into `out`,
 * which has room for 4 bytes; returns the length.  No NUL is added. */
size_t utf8_encode(uint32_t cp, char *out);

/* Length of the longest valid UTF-8 prefix of `s`. */
size_t utf8_valid_prefix(const char *s, size_t len);

#endif
