/* Front matter of the simplest kind, read without libyaml.  Private to
 * load/ (content.c).
 *
 * Most pages' front matter is a `title:` line, perhaps `summary:` and
 * `date:` lines, and nothing else.  Setting up libyaml and its
 * allocations cost more than the rest of reading such a page, so these
 * are read directly, when it is certain that libyaml would read the
 * same; anything else goes to libyaml. */
#ifndef GONGSHI_FRONT_SIMPLE_H
#define GONGSHI_FRONT_SIMPLE_H

#include "load/page.h"
#include "util/arena.h"
#include "util/diag.h"

/* Reads the front matter text `fm` (`len` bytes, between the `---`
 * lines; its first line is line 2 of the file) into `p` when it is of
 * the simplest kind, with the diagnostics libyaml's reading would give.
 * Returns 0, or -1 without having touched `p` or `d` when libyaml must
 * read it. */
int front_simple_read(struct page *p, const char *fm, size_t len,
		      const char *display, arena *a, diags *d);

/* 1 when front_simple_read() reads `fm` itself, else 0. */
int front_simple_is(const char *fm, size_t len);

/* Sets p->date from `s`, the value of `date:` at line:col of `display`,
 * or reports it. */
void front_simple_set_date(struct page *p, const char *s, const char *display,
			   unsigned line, unsigned col, diags *d);

#endif
