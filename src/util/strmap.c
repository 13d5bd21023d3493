#include "util/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static uint64_t hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static struct strmap_slot *find(struct strmap_slot *slots, size_t cap,
				const char *key)
{
	size_t i = (size_t)hash(key) & (cap - 1);

	while (slots[i].key && strcmp(slots[i].key, key) != 0)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static void rehash(strmap *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 64;
	struct strmap_slot *ns = xcalloc(ncap, sizeof(*ns));

	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key)
			*find(ns, ncap, m->slots[i].key) = m->slots[i];
	free(m->slots);
	m->slots = ns;
	m->cap = ncap;
}

size_t strmap_put(strmap *m, const char *key, size_t value)
{
	struct strmap_slot *s;

	/* Keep the load under 1/2 so probes stay short. */
	if ((m->count + 1) * 2 > m->cap)
		rehash(m);
	s = find(m->slots, m->cap, key);
	if (s->key)
		return s->value;
	s->key = key;
	s->value = value;
	m->count++;
	return STRMAP_NONE;
}

size_t strmap_get(const strmap *m, const char *key)
{
	struct strmap_slot *s;

	if (m->cap == 0)
		return STRMAP_NONE;
	s = find(m->slots, m->cap, key);
	return s->key ? s->value : STRMAP_NONE;
}

void strmap_free(strmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->count = 0;
}
