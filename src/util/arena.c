#include "util/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

enum { ARENA_BLOCK = 64 * 1024, ARENA_ALIGN = 16 };

struct block {
	struct block *next;
	size_t used;
	size_t size;
	_Alignas(ARENA_ALIGN) unsigned char mem[];
};

struct arena {
	struct block *head;
};

arena *arena_new(void)
{
	return xcalloc(1, sizeof(arena));
}

static struct block *block_new(size_t size, struct block *next)
{
	struct block *b = xmalloc(sizeof(*b) + size);
	b->next = next;
	b->used = 0;
	b->size = size;
	return b;
}

/* `n` bytes, not cleared. */
static void *take(arena *a, size_t n)
{
	struct block *b = a->head;
	size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);

	if (need < n)
		need = SIZE_MAX; /* overflow: xmalloc reports it */
	if (b == NULL || b->size - b->used < need) {
		if (need > ARENA_BLOCK / 4) {
			/* Large pieces get a block of their own behind the
			 * current one, so the current block keeps filling. */
			struct block *big = block_new(need, NULL);
			if (b) {
				big->next = b->next;
				b->next = big;
			} else {
				a->head = big;
			}
			big->used = need;
			return big->mem;
		}
		b = a->head = block_new(ARENA_BLOCK, a->head);
	}
	b->used += need;
	return b->mem + b->used - need;
}

void *arena_alloc(arena *a, size_t n)
{
	return memset(take(a, n), 0, n);
}

void *arena_alloc_raw(arena *a, size_t n)
{
	return take(a, n);
}

void *arena_array(arena *a, size_t count, size_t size)
{
	return memset(arena_array_raw(a, count, size), 0, count * size);
}

void *arena_array_raw(arena *a, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return xmalloc(SIZE_MAX); /* reports and exits */
	return take(a, count * size);
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = arena_alloc_raw(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return arena_strdup(a, "");
	p = arena_alloc_raw(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void arena_adopt(arena *into, arena *from)
{
	struct block *last = from->head;

	if (last) {
		while (last->next)
			last = last->next;
		/* Behind `into`'s current block, which keeps filling: `from`'s
		 * blocks are not allocated from again, only freed with
		 * `into`. */
		if (into->head) {
			last->next = into->head->next;
			into->head->next = from->head;
		} else {
			into->head = from->head;
		}
	}
	free(from);
}

void arena_free(arena *a)
{
	struct block *b, *next;

	if (a == NULL)
		return;
	for (b = a->head; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}
