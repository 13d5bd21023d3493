#include "util/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* Eight bytes a step rather than FNV-1a's one: the manifest's keys are
 * output paths of 40 bytes and more, looked up a few times per page. */
uint64_t strmap_hash(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 31;
	}
	if (n) {
		w = 0;
		memcpy(&w, s, n);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
	}
	h = (h ^ (h >> 29)) * 0x94d049bb133111ebULL;
	return h ^ (h >> 32);
}

static uint64_t hash(const char *s)
{
	return strmap_hash(s, strlen(s));
}

/* The slot holding `key`, or the empty one where it would go.  The
 * stored hash spares a strcmp (and a cache miss on the key) for every
 * slot that holds another key. */
static struct strmap_slot *find(struct strmap_slot *slots, size_t cap,
				const char *key, uint64_t h)
{
	size_t i = (size_t)h & (cap - 1);

	while (slots[i].key &&
	       (slots[i].hash != h || strcmp(slots[i].key, key) != 0))
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static void resize(strmap *m, size_t ncap)
{
	struct strmap_slot *ns = xcalloc(ncap, sizeof(*ns));

	for (size_t i = 0; i < m->cap; i++) {
		struct strmap_slot *s = &m->slots[i];
		size_t k = (size_t)s->hash & (ncap - 1);

		if (s->key == NULL)
			continue;
		/* The keys are distinct: only an empty slot is looked for. */
		while (ns[k].key)
			k = (k + 1) & (ncap - 1);
		ns[k] = *s;
	}
	free(m->slots);
	m->slots = ns;
	m->cap = ncap;
}

void strmap_reserve(strmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 64;

	/* Keep the load under 1/2 so probes stay short. */
	while (cap / 2 < n)
		cap *= 2;
	if (cap != m->cap)
		resize(m, cap);
}

size_t strmap_put(strmap *m, const char *key, size_t value)
{
	struct strmap_slot *s;
	uint64_t h = hash(key);

	if ((m->count + 1) * 2 > m->cap)
		resize(m, m->cap ? m->cap * 2 : 64);
	s = find(m->slots, m->cap, key, h);
	if (s->key)
		return s->value;
	s->key = key;
	s->value = value;
	s->hash = h;
	m->count++;
	return STRMAP_NONE;
}

size_t strmap_get(const strmap *m, const char *key)
{
	struct strmap_slot *s;

	if (m->cap == 0)
		return STRMAP_NONE;
	s = find(m->slots, m->cap, key, hash(key));
	return s->key ? s->value : STRMAP_NONE;
}

void strmap_free(strmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->count = 0;
}
