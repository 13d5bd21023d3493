/* Characters that change how the text around them is shown without
 * being seen themselves: the bidirectional controls (U+202E, RIGHT-TO-LEFT
 * OVERRIDE, shows "公示fdp.exe" as "公示exe.pdf") and the zero-width
 * characters (U+200B, a space nobody can see, makes two equal-looking
 * names different).  No community, unit or page name needs one; a name
 * pasted from a web page or a chat can bring one along, and a name made
 * to mislead would use one.  The loaders warn where one is (csv.c for
 * every field, yamlguard.c for every YAML value), and nothing derived
 * from a name for a file name keeps one (invisible_file_name).
 *
 * The set: U+00AD, U+061C, U+180E, U+200B-U+200F, U+202A-U+202E,
 * U+2060-U+2064, U+2066-U+2069, U+FEFF.  Text is valid UTF-8. */
#ifndef GONGSHI_INVISIBLE_H
#define GONGSHI_INVISIBLE_H

#include <stddef.h>

#include "util/buf.h"
#include "util/diag.h"

/* The first such character in the `len` bytes of `s`: its code point,
 * and its byte offset in *at; 0 when there is none. */
unsigned long invisible_find(const char *s, size_t len, size_t *at);

/* The character's name in Chinese, for messages ("从右到左覆盖"). */
const char *invisible_name(unsigned long cp);

/* Appends `s` with each such character written as <U+202E>. */
void invisible_show(buf *out, const char *s, size_t len);

/* Appends `name` as a file name (a download= attribute, a PDF's name):
 * without such characters, and with path separators and control
 * characters as "_". */
void invisible_file_name(buf *out, const char *name);

/* When `s` (`len` bytes) holds such a character: a warning at `where` naming
 * the first one and quoting `s` with them shown, ending with `fix` (how
 * to retype it in the clerk's tool).  1 when it warned, else 0. */
int invisible_warn(diags *d, struct diag_at where, const char *s, size_t len,
		   const char *fix);

#endif
