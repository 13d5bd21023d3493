/* Compactly kept texts: text_pool.h. */
#include "model/text_pool.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* Texts are packed into pieces of this size; a longer text (rare: a long
 * 完成内容) gets an arena allocation of its own. */
enum { PIECE = 256 * 1024, LONG_TEXT = 1024, SHARED_MAX = 256 };

struct text_pool {
	arena *a;
	char *piece;	       /* room left in the current piece */
	size_t left;
	const char **slots;    /* texts seen, open addressing */
	size_t used;
};

struct text_pool *text_pool_new(arena *a)
{
	struct text_pool *p = xcalloc(1, sizeof(*p));

	p->a = a;
	p->slots = xcalloc(TEXT_POOL_SLOTS, sizeof(*p->slots));
	return p;
}

static uint32_t hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* A copy of `n` bytes of `s` and a NUL, packed. */
static const char *copy(struct text_pool *p, const char *s, size_t n)
{
	char *t;

	if (n >= LONG_TEXT)
		return arena_strndup(p->a, s, n);
	if (n + 1 > p->left) {
		p->piece = arena_alloc_raw(p->a, PIECE);
		p->left = PIECE;
	}
	t = p->piece;
	memcpy(t, s, n);
	t[n] = '\0';
	p->piece += n + 1;
	p->left -= n + 1;
	return t;
}

const char *text_pool_keep(struct text_pool *p, const char *s)
{
	size_t n = strlen(s), i;
	const char *t;

	if (n == 0)
		return "";
	if (n > SHARED_MAX)
		return copy(p, s, n);
	for (i = hash(s, n) & (TEXT_POOL_SLOTS - 1); p->slots[i];
	     i = (i + 1) & (TEXT_POOL_SLOTS - 1))
		if (strcmp(p->slots[i], s) == 0)
			return p->slots[i];
	t = copy(p, s, n);
	if (p->used < TEXT_POOL_SLOTS / 4 * 3) {
		p->slots[i] = t;
		p->used++;
	}
	return t;
}

void text_pool_free(struct text_pool *p)
{
	if (p == NULL)
		return;
	free(p->slots);
	free(p);
}
