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

/* Writes `cp` (at most U+10FFFF, not a surrogate) as UTF-8 into `out`,
 * which has room for 4 bytes; returns the length.  No NUL is added. */
size_t utf8_encode(uint32_t cp, char *out);

/* Length of the longest valid UTF-8 prefix of `s`. */
size_t utf8_valid_prefix(const char *s, size_t len);

#endif
