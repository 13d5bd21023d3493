/* What the search tests share: the files an index writes, kept in
 * memory and read back (chunks parsed as JSON), and a seeded generator.
 * Functions are static inline so that each test takes only what it
 * uses. */
#ifndef GONGSHI_TEST_SEARCH_FILES_H
#define GONGSHI_TEST_SEARCH_FILES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "html/search.h"
#include "util/buf.h"

static inline double num_of(const cJSON *j, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, key);

	return cJSON_IsNumber(v) ? v->valuedouble : -1;
}

static inline const char *str_of(const cJSON *j, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The files index_files() writes, by path. */
struct files {
	char *path[256];
	buf data[256];
	size_t n;
};

static inline int keep_file(void *ctx, const char *path, const char *data, size_t len)
{
	struct files *f = ctx;

	if (f->n == 256)
		return -1;
	f->path[f->n] = strdup(path);
	buf_init(&f->data[f->n]);
	buf_put(&f->data[f->n], data, len);
	f->n++;
	return 0;
}

static inline const char *file_text(const struct files *f, const char *path)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->path[i], path) == 0)
			return buf_cstr((buf *)&f->data[i]);
	return NULL;
}

/* Adds `doc` to `x` as the next document, hashed by its five fields:
 * what the site's build does in two halves (search_docs.c). */
static inline void index_add(struct search_index *x, const struct search_doc *doc)
{
	size_t id = search_index_doc_list(x)->n;

	search_index_add_entry(x, doc, search_doc_hash(doc));
	search_index_add_words(x, id, doc);
}

/* What a sink for `fn` passes on: every file but the cache file
 * (search_cache.h), which the tests of the files a browser loads leave
 * out (test_search_cache checks it). */
struct public_files {
	search_file_fn fn;
	void *ctx;
};

static inline int public_only(void *ctx, const char *path, const char *data, size_t len)
{
	const struct public_files *p = ctx;

	if (strcmp(path, SEARCH_CACHE_NAME) == 0)
		return 0;
	return p->fn(p->ctx, path, data, len);
}

/* Writes `x` (search_index_write) to `fn`, but for the cache file. */
static inline int index_write(struct search_index *x, search_file_fn fn, void *ctx)
{
	struct public_files p = { fn, ctx };
	struct search_sink sink = { public_only, NULL, &p };

	return search_index_write(x, &sink);
}

/* The files of `docs` indexed in one search_index, in order. */
static inline int index_files(const struct search_doc *docs, size_t n, search_file_fn fn, void *ctx)
{
	struct search_index *x = search_index_new();
	int rc;

	for (size_t i = 0; i < n; i++)
		index_add(x, &docs[i]);
	rc = index_write(x, fn, ctx);
	search_index_free(x);
	return rc;
}

static inline void files_free(struct files *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->path[i]);
		buf_free(&f->data[i]);
	}
	f->n = 0;
}

/* The JSON inside GONGSHI_SEARCH_CHUNK("name", …);, checking the name. */
static inline cJSON *chunk(const struct files *f, const char *name)
{
	char path[64], head[64];
	const char *t;
	size_t n;
	cJSON *j;
	char *copy;

	snprintf(path, sizeof(path), "search-index/%s.js", name);
	snprintf(head, sizeof(head), "GONGSHI_SEARCH_CHUNK(\"%s\",", name);
	t = file_text(f, path);
	if (t == NULL || strncmp(t, head, strlen(head)) != 0)
		return NULL;
	t += strlen(head);
	n = strlen(t);
	if (n < 3 || strcmp(t + n - 3, ");\n") != 0)
		return NULL;
	copy = strndup(t, n - 3);
	j = cJSON_Parse(copy);
	free(copy);
	return j;
}

/* The entry of `tok`, from the chunk its hash names. */
static inline cJSON *entry(const struct files *f, unsigned buckets, const char *tok, cJSON **owner)
{
	char name[32];

	snprintf(name, sizeof(name), "t/%u", search_bucket(tok, strlen(tok), buckets));
	*owner = chunk(f, name);
	return *owner ? cJSON_GetObjectItemCaseSensitive(*owner, tok) : NULL;
}



/* Every file search_index_write gives, as "@@ path\n" and the bytes, in
 * the order it gives them. */
static inline int concat_file(void *ctx, const char *path, const char *data, size_t len)
{
	buf *b = ctx;

	buf_printf(b, "@@ %s\n", path);
	buf_put(b, data, len);
	return 0;
}

static inline void digest_bytes(unsigned long long *h, const void *p, size_t n)
{
	const unsigned char *s = p;

	for (size_t i = 0; i < n; i++)
		*h = (*h ^ s[i]) * 1099511628211ULL;
}

/* FNV-1a 64 of `b`'s contents. */
static inline unsigned long long digest_of(const buf *b)
{
	unsigned long long h = 14695981039346656037ULL;

	digest_bytes(&h, b->data, b->len);
	return h;
}

/* A seeded linear congruential generator: the same tests on every run. */
static inline unsigned lcg(unsigned long *seed)
{
	*seed = (*seed * 1103515245UL + 12345UL) & 0x7FFFFFFFUL;
	return (unsigned)(*seed >> 16);
}

#endif
