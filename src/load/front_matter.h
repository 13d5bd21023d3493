/* Reading one content page from its text: the front matter between the
 * `---` lines (libyaml, or load/front_simple.c for the simplest kind,
 * which gives the same page and messages) and the body after it.  What is
 * read goes into a struct page (load/page.h); strings in the arena given. */
#ifndef GONGSHI_FRONT_MATTER_H
#define GONGSHI_FRONT_MATTER_H

#include <stddef.h>

#include "load/page.h"
#include "util/arena.h"
#include "util/diag.h"

/* Splits front matter from body and reads it into `p`.  `text` is the
 * file's UTF-8 text; `display` names it in messages. */
void front_matter_parse(struct page *p, const char *text, size_t len,
		const char *display, arena *a, diags *d);

/* For tests comparing the two ways front matter is read
 * (load/front_simple.h): front_matter_parse with libyaml reading every front
 * matter, and whether front_matter_parse reads that of `text` without it. */
void front_matter_parse_yaml(struct page *p, const char *text, const char *display,
		     arena *a, diags *d);
int front_matter_is_simple(const char *text);

#endif
