/* Turning the bytes of a data file into UTF-8.
 *
 * Staff export spreadsheets from Excel or WPS on Chinese Windows, which
 * write GBK (CP936) unless told otherwise, and sometimes UTF-8 with a byte
 * order mark.  Everything after the loaders works on UTF-8 only, so the
 * encoding is settled here, once, with a diagnostic that points at the
 * first byte that made no sense.
 *
 * Detection ("auto"): a UTF-8 BOM means UTF-8; otherwise text that is
 * valid UTF-8 is UTF-8 and anything else is read as GB18030 (the superset
 * of GBK and GB2312).  Short GBK text can happen to be valid UTF-8; that
 * is rare for real Chinese text and `force` is the way out.
 *
 * Positions in diagnostics are about the file's bytes: OFFSET is the
 * 0-based byte offset, LINE is 1-based (a line ends at LF, CRLF or a lone
 * CR, as in the CSV reader), COL is the 1-based byte column in that line. */
#ifndef GONGSHI_ENCODING_H
#define GONGSHI_ENCODING_H

#include <stddef.h>

#include "util/buf.h"
#include "util/diag.h"

/* A file's text as UTF-8 (what encoding_as_utf8 gives) and the buffer it
 * lives in when it had to be converted. */
struct decoded {
	buf *scratch;         /* set by the caller; emptied first, freed by the caller */
	const char *text;     /* into the input or into *scratch */
	size_t len;
	const char *encoding; /* "UTF-8", "UTF-8 BOM", "GB18030" (static) */
};

/* Converts `len` bytes of text to UTF-8.  A UTF-8 BOM is stripped (and a
 * GB18030 one).  `force` is NULL or "auto" (detect), "utf-8", "gb18030" or
 * "gbk" (read as GB18030, its superset); case does not matter, "utf8" and
 * "gb2312" are accepted too.  Text that is already UTF-8 is not copied:
 * out->text points into `data` (past a BOM) or, when the text was
 * converted, into out->scratch, and is NUL-terminated only in the second
 * case.  out->len is its length, out->encoding what it was read as.
 * On failure adds a diagnostic (`PATH:LINE:COL: error: …`, the bad bytes
 * as \xNN in `value`) and returns -1. */
int encoding_as_utf8(const char *data, size_t len, const char *force,
		     const char *display_path, diags *d, struct decoded *out);

/* A NUL byte is valid UTF-8 but no text input has one: a C string ends
 * there, so half a Markdown page or a CSV field would vanish in silence.
 * encoding_as_utf8 refuses it in what it decoded; the other
 * text inputs (site.yaml, a theme's files) call this.  0, or -1 after
 * `PATH:LINE:COL: error: …` at the first NUL (LINE counted as above plus
 * `line_base`, COL in characters, as a text editor shows it), quoting the
 * characters around it and saying how to remove it. */
int encoding_refuse_nul(const char *text, size_t len, const char *display_path,
			unsigned line_base, diags *d);

#endif
