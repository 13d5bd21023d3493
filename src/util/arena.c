/* For madvise's MADV_HUGEPAGE (Linux); without it blocks get the
 * system's default pages. */
#define _DEFAULT_SOURCE
#include "util/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "util/xalloc.h"

/* Blocks start small, so that a small arena stays small, and double up
 * to ARENA_BLOCK_MAX, so that a big one (a big site's model is a hundred
 * MB or so) has few blocks.  Sizes count the block's header. */
enum { ARENA_BLOCK = 64 * 1024, ARENA_BLOCK_MAX = 4 * 1024 * 1024, ARENA_ALIGN = 16 };
/* Blocks this big are put on huge pages where the system has them: on a
 * virtual machine, faulting in a model of 100 MB a small page at a time
 * cost more than reading the files it came from. */
enum { HUGE_PAGE = 2 * 1024 * 1024 };

struct block {
	struct block *next;
	size_t used;
	size_t size;
	_Alignas(ARENA_ALIGN) unsigned char mem[];
};

struct arena {
	struct block *head;
	size_t next_block; /* the size of the next regular block */
};

arena *arena_new(void)
{
	arena *a = xcalloc(1, sizeof(arena));

	a->next_block = ARENA_BLOCK;
	return a;
}

/* `total` bytes, huge-page aligned and advised when there are whole
 * huge pages in it. */
static void *block_memory(size_t total)
{
	void *p;

	if (total < HUGE_PAGE)
		return xmalloc(total);
	/* Without aligned memory, plain memory: xmalloc reports the size
	 * when there is none at all. */
	if (posix_memalign(&p, HUGE_PAGE, total) != 0)
		return xmalloc(total);
#ifdef MADV_HUGEPAGE
	/* Only advice: where it is refused, small pages do. */
	(void)madvise(p, total & ~(size_t)(HUGE_PAGE - 1), MADV_HUGEPAGE);
#endif
	return p;
}

/* A block with room for `size` bytes. */
static struct block *block_new(size_t size, struct block *next)
{
	struct block *b;

	if (size > SIZE_MAX - sizeof(*b))
		return xmalloc(SIZE_MAX); /* reports and exits */
	b = block_memory(sizeof(*b) + size);
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
		b = a->head = block_new(a->next_block - sizeof(*b), a->head);
		if (a->next_block < ARENA_BLOCK_MAX)
			a->next_block *= 2;
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

char *arena_pack_copy(struct arena_pack *p, const char *s, size_t n)
{
	char *t;

	if (n >= ARENA_PACK_LONG)
		return arena_strndup(p->a, s, n);
	if (n + 1 > p->left) {
		p->piece = arena_alloc_raw(p->a, ARENA_PACK_PIECE);
		p->left = ARENA_PACK_PIECE;
	}
	t = p->piece;
	memcpy(t, s, n);
	t[n] = '\0';
	p->piece += n + 1;
	p->left -= n + 1;
	return t;
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
