/* The full-width forms a Chinese input method types when it is left in
 * 全角 mode: ０-９, ．, －, ＋, （）, ａ-ｚ, Ａ-Ｚ and the ideographic space
 * U+3000.  They look like digits and letters on screen but are other
 * characters to every program, so a number or an id typed with them
 * would not parse, or not match the same id typed in half width.
 *
 * Only these are mapped: full-width punctuation that Chinese text uses
 * on purpose (，、；：) is left alone. */
#ifndef GONGSHI_HALFWIDTH_H
#define GONGSHI_HALFWIDTH_H

#include <stddef.h>

#include "util/buf.h"

/* Writes `s` into `out` (emptied first, NUL-terminated) with the forms
 * above replaced by their ASCII counterparts (U+3000 by a space).
 * Returns how many characters were replaced; when 0, `s` is the text and
 * `out` may have been left empty. */
size_t halfwidth_fold(const char *s, buf *out);

#endif
