/* cJSON's per-thread regions (json_region.h). */
#include "util/json_region.h"

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>

#include "util/xalloc.h"

#if defined(__SANITIZE_ADDRESS__)
#define REGION_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define REGION_ASAN 1
#endif
#endif
#ifdef REGION_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

/* A list page's context fits in one or two. */
#define CHUNK_SIZE ((size_t)256 * 1024)
#define ALIGN ((size_t)16)

struct chunk {
	struct chunk *next;
	size_t size, used;
	max_align_t data[];
};

struct region {
	struct chunk *first;	/* kept from page to page */
	struct chunk *cur;	/* where the next allocation is cut */
	int depth;		/* begins not yet ended */
};

static _Thread_local struct region here;
/* Frees a thread's chunks when it ends (the writer's pool threads). */
static pthread_key_t owner;
static int have_owner;

static void release_thread(void *arg)
{
	struct region *r = arg;
	struct chunk *c = r->first, *next;

	for (; c; c = next) {
		next = c->next;
		UNPOISON(c->data, c->size);
		free(c);
	}
	r->first = r->cur = NULL;
}

/* The chunk after `cur` if it has room for `n`, else a new one put there. */
static struct chunk *next_chunk(struct region *r, size_t n)
{
	struct chunk *c = r->cur ? r->cur->next : r->first;

	if (c == NULL || c->size < n) {
		size_t size = n > CHUNK_SIZE ? n : CHUNK_SIZE;
		struct chunk *fresh = xmalloc(offsetof(struct chunk, data) + size);

		fresh->size = size;
		fresh->next = c;
		POISON(fresh->data, size);
		if (r->cur) {
			r->cur->next = fresh;
		} else {
			if (r->first == NULL && have_owner)
				pthread_setspecific(owner, r);
			r->first = fresh;
		}
		c = fresh;
	}
	c->used = 0;
	return c;
}

static void *region_malloc(size_t n)
{
	struct region *r = &here;
	void *p;

	if (r->depth == 0)
		return malloc(n);
	n = (n + ALIGN - 1) & ~(ALIGN - 1);
	if (n == 0)
		n = ALIGN;
	if (r->cur == NULL || r->cur->size - r->cur->used < n)
		r->cur = next_chunk(r, n);
	p = (char *)r->cur->data + r->cur->used;
	r->cur->used += n;
	UNPOISON(p, n);
	return p;
}

/* 1 when `p` was cut from this thread's region. */
static int in_region(const struct region *r, const void *p)
{
	for (const struct chunk *c = r->first; c; c = c->next) {
		const char *start = (const char *)c->data;

		if ((const char *)p >= start && (const char *)p < start + c->size)
			return 1;
	}
	return 0;
}

static void region_free(void *p)
{
	if (p == NULL || in_region(&here, p))
		return;
	free(p);
}

void json_region_install(void)
{
	cJSON_Hooks hooks = { region_malloc, region_free };

	have_owner = pthread_key_create(&owner, release_thread) == 0;
	cJSON_InitHooks(&hooks);
}

void json_region_begin(void)
{
	here.depth++;
}

void json_region_end(void)
{
	struct region *r = &here;

	if (r->depth == 0 || --r->depth > 0)
		return;
	for (struct chunk *c = r->first; c; c = c->next) {
		POISON(c->data, c->size);
		c->used = 0;
	}
	r->cur = NULL;
}
