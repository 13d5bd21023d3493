/* A region allocator: many small allocations, one free.
 *
 * A build's model (every string and record read from the inputs) lives in
 * one arena and is released at once when the build ends, so the loaders
 * never track individual strings.  Memory from an arena must not be passed
 * to free(). */
#ifndef GONGSHI_ARENA_H
#define GONGSHI_ARENA_H

#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);
/* Zero-filled, aligned for any type.  Valid until arena_free. */
void *arena_alloc(arena *a, size_t n);
/* Not cleared, for memory the caller writes whole straight away (a file
 * being read, a copied string): clearing it first would touch every page
 * twice. */
void *arena_alloc_raw(arena *a, size_t n);
void *arena_array(arena *a, size_t count, size_t size);
void *arena_array_raw(arena *a, size_t count, size_t size);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Texts copied end to end, each with its NUL and no padding, into pieces
 * taken from an arena: for many short texts (a table's cells, the plan's
 * 550,000 derivative paths) that arena_strndup would round up to 16 bytes
 * and malloc to 48.  A text of ARENA_PACK_LONG bytes or more gets an
 * arena_strndup of its own.  Set `a`, the rest zero, before the first
 * copy; the texts live as long as the arena. */
enum { ARENA_PACK_PIECE = 256 * 1024, ARENA_PACK_LONG = 1024 };
struct arena_pack {
	arena *a;
	char *piece;	/* room left in the current piece */
	size_t left;
};
/* A copy of the `n` bytes at `s` and a NUL, packed. */
char *arena_pack_copy(struct arena_pack *p, const char *s, size_t n);
/* Moves every block of `from` into `into` and frees `from`: what was
 * allocated from `from` stays where it is, now owned (and freed) by
 * `into`.  O(blocks of `from`).  Lets threads fill arenas of their own
 * and hand the results to one owner without copying.  Neither arena may
 * be in use by another thread meanwhile. */
void arena_adopt(arena *into, arena *from);
/* Accepts NULL. */
void arena_free(arena *a);

#endif
