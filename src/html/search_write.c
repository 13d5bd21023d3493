/* Writing the split index (search.h): the token chunks, the document
 * chunks and the manifest, from an index's tokens in byte order, for a
 * whole index (search_index_write) or for the chunks an edit touched
 * (search_cache.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html/search_impl.h"
#include "util/xalloc.h"

static const char b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* The space for `n` more bytes at the end of `out`, to write directly:
 * what a list needs is known before it is written, and a call per
 * character or a printf per number was most of the time of writing. */
static char *reserve(buf *out, size_t n)
{
	buf_grow(out, n);
	return out->data + out->len;
}

/* Ends the bytes written directly at `end`. */
static void commit(buf *out, char *end)
{
	out->len = (size_t)(end - out->data);
	out->data[out->len] = '\0';
}

static void put_base64(buf *out, const unsigned char *p, size_t n)
{
	char *o = reserve(out, (n + 2) / 3 * 4);

	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16;

		if (i + 1 < n)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		*o++ = b64[(v >> 18) & 63];
		*o++ = b64[(v >> 12) & 63];
		*o++ = i + 1 < n ? b64[(v >> 6) & 63] : '=';
		*o++ = i + 2 < n ? b64[v & 63] : '=';
	}
	commit(out, o);
}

/* The decimal digits of `v`. */
static size_t digits(size_t v)
{
	size_t d = 1;

	for (; v >= 10; v /= 10)
		d++;
	return d;
}

/* Writes the `d` digits of `v` at `o`, as "%zu" would; returns the end. */
static char *put_digits(char *o, size_t v, size_t d)
{
	for (size_t k = d; k > 0; k--, v /= 10)
		o[k - 1] = (char)('0' + v % 10);
	return o + d;
}

/* How the ascending doc ids `ids` are written: as gaps or as a bitmap,
 * whichever is shorter (see search.h).  Returns the length written,
 * and sets `*bitmap`. */
static size_t list_form(const size_t *ids, size_t n, int *bitmap)
{
	size_t gaps = 2, quoted;

	/* One comma a number too many, as it was always counted. */
	for (size_t i = 0; i < n; i++)
		gaps += digits(i ? ids[i] - ids[i - 1] : ids[i]) + 1;
	quoted = n ? (ids[n - 1] / 8 + 1 + 2) / 3 * 4 + 2 : 0;
	*bitmap = n != 0 && gaps > quoted;
	return *bitmap ? quoted : n ? gaps - 1 : 2;
}

static void put_posting_list(buf *out, const size_t *ids, size_t n, unsigned char *bits)
{
	int bitmap;
	size_t len = list_form(ids, n, &bitmap), bytes;
	char *o;

	if (!bitmap) {
		o = reserve(out, len);
		*o++ = '[';
		for (size_t i = 0; i < n; i++) {
			size_t g = i ? ids[i] - ids[i - 1] : ids[i];

			if (i)
				*o++ = ',';
			o = put_digits(o, g, digits(g));
		}
		*o++ = ']';
		commit(out, o);
		return;
	}
	bytes = ids[n - 1] / 8 + 1;
	for (size_t i = 0; i < n; i++)
		bits[ids[i] / 8] |= (unsigned char)(1u << (ids[i] % 8));
	buf_putc(out, '"');
	put_base64(out, bits, bytes);
	buf_putc(out, '"');
	memset(bits, 0, bytes);
}

/* The doc ids of the postings of `t` into `sc`: `*na` in all, `*nt` in
 * titles. */
static void decode(const struct named *t, const struct scratch *sc, size_t *na, size_t *nt)
{
	const unsigned char *p = t->post->p, *end = p + t->post->len;
	size_t doc = 0;

	*na = *nt = 0;
	while (p < end) {
		uint64_t v = get_varint(&p);

		doc += (size_t)(v >> 1);
		sc->all[(*na)++] = doc;
		if (v & 1)
			sc->title[(*nt)++] = doc;
	}
}

/* One token's entry, `"tok":[all,title]`. */
static void put_entry(buf *out, const struct named *t, const struct scratch *sc)
{
	size_t na, nt;

	decode(t, sc, &na, &nt);
	put_json_string(out, t->name);
	buf_puts(out, ":[");
	put_posting_list(out, sc->all, na, sc->bits);
	buf_putc(out, ',');
	put_posting_list(out, sc->title, nt, sc->bits);
	buf_putc(out, ']');
}

/* The length put_entry() writes; `name` is room to escape the name. */
size_t entry_len(const struct named *t, const struct scratch *sc, buf *name)
{
	size_t na, nt;
	int bitmap;

	decode(t, sc, &na, &nt);
	buf_reset(name);
	put_json_string(name, t->name);
	return name->len + 2 + list_form(sc->all, na, &bitmap) + 1 + list_form(sc->title, nt, &bitmap) + 1;
}

void scratch_init(struct scratch *sc, size_t ndocs)
{
	sc->all = xcalloc(ndocs + 1, sizeof(size_t));
	sc->title = xcalloc(ndocs + 1, sizeof(size_t));
	sc->bits = xcalloc(ndocs / 8 + 1, 1);
}

void scratch_free(struct scratch *sc)
{
	free(sc->all);
	free(sc->title);
	free(sc->bits);
}

/* Chunks near this size: a query of a few tokens stays far below the
 * 300 KB one search may load. */
#define CHUNK_BYTES 16384

unsigned chunk_count(size_t total)
{
	unsigned b = 1;

	while (b < (1u << 16) && total / b > CHUNK_BYTES)
		b *= 2;
	return b;
}

/* A counting sort: tokens arrive in byte order and keep it. */
void chunk_order(const struct named *v, size_t n, unsigned buckets, size_t *order, size_t *start)
{
	unsigned *bucket = xcalloc(n + 1, sizeof(*bucket));

	memset(start, 0, ((size_t)buckets + 1) * sizeof(*start));
	for (size_t i = 0; i < n; i++) {
		bucket[i] = search_bucket(v[i].name, v[i].len, buckets);
		start[bucket[i] + 1]++;
	}
	for (unsigned k = 0; k < buckets; k++)
		start[k + 1] += start[k];
	/* start[k] is used as chunk k's next free place, then restored. */
	for (size_t i = 0; i < n; i++)
		order[start[bucket[i]]++] = i;
	for (unsigned k = buckets; k > 0; k--)
		start[k] = start[k - 1];
	start[0] = 0;
	free(bucket);
}

void chunk_path(char path[64], unsigned k)
{
	snprintf(path, 64, "search-index/t/%u.js", k);
}

void chunk_text(buf *out, unsigned k, const struct named *v, const size_t *order, size_t from,
		size_t to, const struct scratch *sc)
{
	buf_reset(out);
	buf_printf(out, "GONGSHI_SEARCH_CHUNK(\"t/%u\",{", k);
	for (size_t i = from; i < to; i++) {
		buf_puts(out, i == from ? "\n" : ",\n");
		put_entry(out, &v[order[i]], sc);
	}
	buf_puts(out, "\n});\n");
}

static void put_doc_field(buf *out, const char *key, const struct doc_list *docs, size_t at)
{
	buf_puts(out, key);
	put_json_string(out, docs->strings.data + at);
}

size_t doc_chunk_count(size_t ndocs)
{
	return (ndocs + SEARCH_DOC_CHUNK - 1) / SEARCH_DOC_CHUNK;
}

void doc_chunk_path(char path[64], size_t k)
{
	snprintf(path, 64, "search-index/d/%zu.js", k);
}

void doc_chunk_text(buf *out, size_t k, const struct doc_list *docs)
{
	size_t n = docs->n;

	buf_reset(out);
	buf_printf(out, "GONGSHI_SEARCH_CHUNK(\"d/%zu\",[\n", k);
	for (size_t i = k * SEARCH_DOC_CHUNK; i < n && i < (k + 1) * SEARCH_DOC_CHUNK; i++) {
		put_doc_field(out, "{\"t\":", docs, docs->v[i].title);
		put_doc_field(out, ",\"u\":", docs, docs->v[i].url);
		put_doc_field(out, ",\"k\":", docs, docs->v[i].kind);
		put_doc_field(out, ",\"s\":", docs, docs->v[i].snippet);
		buf_puts(out, i + 1 < n && i + 1 < (k + 1) * SEARCH_DOC_CHUNK ? "},\n" : "}\n");
	}
	buf_puts(out, "]);\n");
}

int write_index_manifest(size_t ndocs, unsigned buckets, search_file_fn fn, void *ctx)
{
	buf json = BUF_INIT, js = BUF_INIT;
	int rc;

	buf_printf(&json, "{\"version\":2,\"docs\":%zu,\"doc_chunk\":%d,\"buckets\":%u,"
			  "\"base\":\"search-index/\"}\n", ndocs, SEARCH_DOC_CHUNK, buckets);
	/* The manifest as a script too: a file:// page cannot fetch(). */
	buf_printf(&js, "window.GONGSHI_SEARCH = %.*s;\n", (int)(json.len - 1), json.data);
	rc = fn(ctx, "search-index.json", json.data, json.len);
	if (rc == 0)
		rc = fn(ctx, "search-index.js", js.data, js.len);
	buf_free(&json);
	buf_free(&js);
	return rc < 0 ? -1 : 0;
}

/* The number of chunks is chosen from the length of all the entries,
 * so they are measured first and written only into their chunk: the
 * whole text of the entries (as large as the index itself) is never
 * held.  With `save`, the cache file for the next build follows the
 * other files (search_cache.h). */
static int write_all(struct search_index *x, const struct search_sink *sink, int save)
{
	buf names = BUF_INIT, out = BUF_INIT;
	size_t n, total = 0;
	struct named *v = search_index_tokens(x, &names, &n);
	const struct doc_list *docs = search_index_doc_list(x);
	size_t *lens = xcalloc(n + 1, sizeof(*lens)), *order = xcalloc(n + 1, sizeof(*order));
	size_t *start, nd = doc_chunk_count(docs->n);
	struct hash_value *keys;
	struct scratch sc;
	unsigned b;
	int rc = 0;

	scratch_init(&sc, docs->n);
	for (size_t i = 0; i < n; i++)
		total += lens[i] = entry_len(&v[i], &sc, &out);
	b = chunk_count(total);
	start = xcalloc((size_t)b + 1, sizeof(*start));
	keys = xcalloc(b + nd, sizeof(*keys));
	chunk_order(v, n, b, order, start);
	for (unsigned k = 0; k < b && rc == 0; k++) {
		char path[64];

		chunk_path(path, k);
		chunk_text(&out, k, v, order, start[k], start[k + 1], &sc);
		if (save)
			keys[k] = hash_content(out.data, out.len);
		rc = sink->write(sink->ctx, path, out.data, out.len);
	}
	for (size_t k = 0; k < nd && rc == 0; k++) {
		char path[64];

		doc_chunk_path(path, k);
		doc_chunk_text(&out, k, docs);
		if (save)
			keys[b + k] = hash_content(out.data, out.len);
		rc = sink->write(sink->ctx, path, out.data, out.len);
	}
	if (rc == 0)
		rc = write_index_manifest(docs->n, b, sink->write, sink->ctx);
	if (rc == 0 && save) {
		buf_reset(&out);
		search_cache_encode(&out, docs, b, keys, v, lens, n);
		rc = sink->write(sink->ctx, SEARCH_CACHE_NAME, out.data, out.len);
	}
	scratch_free(&sc);
	free(keys);
	free(start);
	free(order);
	free(lens);
	free(v);
	buf_free(&names);
	buf_free(&out);
	return rc < 0 ? -1 : 0;
}

int search_index_write(struct search_index *x, search_file_fn fn, void *ctx)
{
	struct search_sink sink = { fn, NULL, ctx };

	return write_all(x, &sink, 0);
}

int search_index_write_saving(struct search_index *x, const struct search_sink *sink)
{
	return write_all(x, sink, 1);
}
