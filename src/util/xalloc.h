/* Allocation that cannot fail.
 *
 * gongshi is a batch program: when memory runs out there is nothing useful
 * to do but stop.  Exiting with a message in one place keeps every other
 * function free of out-of-memory paths that would never be tested.  The
 * previous output folder is untouched because output is only renamed into
 * place at the very end of a build. */
#ifndef GONGSHI_XALLOC_H
#define GONGSHI_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows an array to hold at least `need` elements of `size` bytes;
 * `*cap` is updated.  Returns the (possibly moved) array. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
