/* Compactly kept texts: text_pool.h. */
#include "model/text_pool.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* A text longer than this is never shared. */
enum { SHARED_MAX = 256 };

struct text_pool {
	struct arena_pack pack; /* the copies, packed (a long 完成内容 apart) */
	const char **slots;    /* texts seen, open addressing */
	size_t used;
};

struct text_pool *text_pool_new(arena *a)
{
	struct text_pool *p = xcalloc(1, sizeof(*p));

	p->pack.a = a;
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

const char *text_pool_keep(struct text_pool *p, const char *s)
{
	size_t n = strlen(s), i;
	const char *t;

	if (n == 0)
		return "";
	if (n > SHARED_MAX)
		return arena_pack_copy(&p->pack, s, n);
	for (i = hash(s, n) & (TEXT_POOL_SLOTS - 1); p->slots[i];
	     i = (i + 1) & (TEXT_POOL_SLOTS - 1))
		if (strcmp(p->slots[i], s) == 0)
			return p->slots[i];
	t = arena_pack_copy(&p->pack, s, n);
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
