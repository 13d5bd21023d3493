/* Escapers, one per output context.
 *
 * Every value that reaches an output file goes through exactly one of
 * these, chosen by where it lands, never by hand at the call site.  Each
 * appends the escaped form of `n` bytes at `s` to `out` (the caller owns
 * both); the input need not be NUL-terminated.  UTF-8 passes through
 * unchanged except where a context says otherwise. */
#ifndef GONGSHI_ESCAPE_H
#define GONGSHI_ESCAPE_H

#include <stddef.h>

#include "util/buf.h"

/* HTML text and quoted attribute values: & < > " ' become entities. */
void escape_html(buf *out, const char *s, size_t n);
/* A URL path: every byte but unreserved ASCII (A-Z a-z 0-9 - . _ ~) and
 * `/` is percent-encoded, so UTF-8 becomes %E5%85%AC... */
void escape_url_path(buf *out, const char *s, size_t n);
/* The inside of a JSON string ("..."): quote, backslash and control
 * characters escaped, and also < > & U+2028 U+2029 as \uXXXX so the JSON
 * can sit inside an HTML <script> element. */
void escape_json_string(buf *out, const char *s, size_t n);
/* XML 1.0 text and attribute values: & < > " ' become entities, and
 * characters XML 1.0 forbids (C0 controls other than tab, LF, CR; U+FFFE,
 * U+FFFF) are dropped, since no escape can represent them. */
void escape_xml(buf *out, const char *s, size_t n);

/* The value of the hexadecimal digit `c` (either case), or -1: for
 * reading back what the escapers write (%XX in URLs, #RRGGBB colours). */
int escape_hex_digit_value(int c);

#endif
