/* Writing the split index (search_write.h): one writer for a whole
 * index and for one updated from the last build's. */
#include "html/search_write.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/escape.h"
#include "util/xalloc.h"

/* Room to decode a token's postings among `ndocs` documents. */
struct scratch {
	size_t *all, *title;
	unsigned char *bits; /* zeroed between uses */
};

static void put_json_string(buf *out, const char *s)
{
	buf_putc(out, '"');
	escape_json_string(out, s, strlen(s));
	buf_putc(out, '"');
}

unsigned search_bucket(const char *tok, size_t len, unsigned buckets)
{
	unsigned long h = 2166136261UL;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)tok[i];
		h = (h * 16777619UL) & 0xFFFFFFFFUL;
	}
	return buckets ? (unsigned)(h % buckets) : 0;
}

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
static void decode(const struct search_term *t, const struct scratch *sc, size_t *na, size_t *nt)
{
	const unsigned char *p = t->post->p, *end = p + t->post->len;
	size_t doc = 0;

	*na = *nt = 0;
	while (p < end) {
		uint64_t v = search_get_varint(&p);

		doc += (size_t)(v >> 1);
		sc->all[(*na)++] = doc;
		if (v & 1)
			sc->title[(*nt)++] = doc;
	}
}

/* One token's entry, `"tok":[all,title]`. */
static void put_entry(buf *out, const struct search_term *t, const struct scratch *sc)
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
static size_t entry_len(const struct search_term *t, const struct scratch *sc, buf *name)
{
	size_t na, nt;
	int bitmap;

	decode(t, sc, &na, &nt);
	buf_reset(name);
	put_json_string(name, t->name);
	return name->len + 2 + list_form(sc->all, na, &bitmap) + 1 +
	       list_form(sc->title, nt, &bitmap) + 1;
}

static void scratch_init(struct scratch *sc, size_t ndocs)
{
	sc->all = xcalloc(ndocs + 1, sizeof(size_t));
	sc->title = xcalloc(ndocs + 1, sizeof(size_t));
	sc->bits = xcalloc(ndocs / 8 + 1, 1);
}

static void scratch_free(struct scratch *sc)
{
	free(sc->all);
	free(sc->title);
	free(sc->bits);
}

/* Chunks near this size: a query of a few tokens stays far below the
 * 300 KB one search may load. */
#define CHUNK_BYTES 16384

static unsigned chunk_count(size_t total)
{
	unsigned b = 1;

	while (b < (1u << 16) && total / b > CHUNK_BYTES)
		b *= 2;
	return b;
}

/* A counting sort: tokens arrive in byte order and keep it. */
static void chunk_order(const struct search_term *v, size_t n, unsigned buckets, size_t *order,
			size_t *start)
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

/* One write: the index, the chunk count `b` chosen from the length of
 * all its entries (so they are measured first and each written only into
 * its chunk: the whole text of the entries, as large as the index, is
 * never held), and the hashes of the files as they are made, for the
 * cache file. */
struct writing {
	const struct search_out *o;
	const struct search_sink *sink;
	unsigned b;
	size_t *order, *start; /* chunk_order() */
	struct hash_value *keys; /* token chunks, then document chunks */
	unsigned char *affected; /* token chunks that differ from the last build's */
	struct scratch sc;
	buf out;
};

static void chunk_path(char path[64], unsigned k)
{
	snprintf(path, 64, "search-index/t/%u.js", k);
}

/* Token chunk `k`'s bytes into `w->out` (emptied first). */
static void chunk_text(struct writing *w, unsigned k)
{
	size_t from = w->start[k], to = w->start[k + 1];

	buf_reset(&w->out);
	buf_printf(&w->out, "GONGSHI_SEARCH_CHUNK(\"t/%u\",{", k);
	for (size_t i = from; i < to; i++) {
		buf_puts(&w->out, i == from ? "\n" : ",\n");
		put_entry(&w->out, &w->o->v[w->order[i]], &w->sc);
	}
	buf_puts(&w->out, "\n});\n");
}

static void put_doc_field(buf *out, const char *key, const struct search_doc_list *docs, size_t at)
{
	buf_puts(out, key);
	put_json_string(out, docs->strings.data + at);
}

static void doc_chunk_path(char path[64], size_t k)
{
	snprintf(path, 64, "search-index/d/%zu.js", k);
}

static void doc_chunk_text(buf *out, size_t k, const struct search_doc_list *docs)
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

static int write_manifest(size_t ndocs, unsigned buckets, search_file_fn fn, void *ctx)
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



/* Which token chunks differ from the last build's: those of a token
 * whose postings are not the last build's, or that no document holds
 * any more; every chunk when their number changed. */
static unsigned char *changed_chunks(const struct search_out *o, unsigned b)
{
	unsigned char *affected = xcalloc(b, 1);

	if (o->last == NULL || b != o->last->buckets) {
		memset(affected, 1, b);
		return affected;
	}
	for (size_t i = 0; i < o->n; i++)
		if (o->v[i].rec == NULL)
			affected[search_bucket(o->v[i].name, o->v[i].len, b)] = 1;
	for (size_t g = 0; g < o->ngone; g++)
		affected[o->gone[g] % b] = 1;
	return affected;
}

static void writing_init(struct writing *w, const struct search_out *o,
			 const struct search_sink *sink)
{
	size_t total = 0;

	memset(w, 0, sizeof(*w));
	w->o = o;
	w->sink = sink;
	scratch_init(&w->sc, o->docs->n);
	for (size_t i = 0; i < o->n; i++) {
		if (o->v[i].rec == NULL)
			o->v[i].entry_len = entry_len(&o->v[i], &w->sc, &w->out);
		total += o->v[i].entry_len;
	}
	w->b = chunk_count(total);
	w->order = xcalloc(o->n + 1, sizeof(*w->order));
	w->start = xcalloc((size_t)w->b + 1, sizeof(*w->start));
	w->keys = xcalloc(w->b + search_doc_chunk_count(o->docs->n), sizeof(*w->keys));
	w->affected = changed_chunks(o, w->b);
	chunk_order(o->v, o->n, w->b, w->order, w->start);
}

static void writing_free(struct writing *w)
{
	scratch_free(&w->sc);
	free(w->order);
	free(w->start);
	free(w->keys);
	free(w->affected);
	buf_free(&w->out);
}

/* Carries over the file at `path` when it cannot have changed and the
 * last build's, whose key is at `old`, is there: 1, and its key into
 * `key`; 0 when it must be made; -1 on error. */
static int carry(const struct search_sink *sink, const char *path, int unchanged,
		 const unsigned char *old, struct hash_value *key)
{
	if (!unchanged || sink->carry == NULL)
		return 0;
	*key = search_cache_hash_at(old);
	return sink->carry(sink->ctx, path, *key);
}

/* Writes the file `w->out` holds; its key into `key`. */
static int put_file(struct writing *w, const char *path, struct hash_value *key)
{
	*key = hash_content(w->out.data, w->out.len);
	return w->sink->write(w->sink->ctx, path, w->out.data, w->out.len);
}

static int put_token_chunk(struct writing *w, unsigned k)
{
	const struct search_cache *last = w->o->last;
	char path[64];
	int rc;

	chunk_path(path, k);
	if (last) {
		const unsigned char *old = last->keys + (size_t)k * SEARCH_HASH_BYTES;

		rc = carry(w->sink, path, !w->affected[k], old, &w->keys[k]);
		if (rc != 0)
			return rc < 0 ? -1 : 0;
	}
	chunk_text(w, k);
	return put_file(w, path, &w->keys[k]);
}

/* A document chunk changes only with one of its documents: their count
 * is the last build's (search_cache_load). */
static int put_doc_chunk(struct writing *w, size_t k)
{
	const struct search_out *o = w->o;
	struct hash_value *key = &w->keys[w->b + k];
	char path[64];
	int unchanged = 1, rc;

	doc_chunk_path(path, k);
	if (o->last) {
		size_t end = (k + 1) * SEARCH_DOC_CHUNK;

		for (size_t i = k * SEARCH_DOC_CHUNK; i < o->docs->n && i < end; i++)
			unchanged &= !o->doc_changed[i];
		rc = carry(w->sink, path, unchanged, o->last->doc_keys + k * SEARCH_HASH_BYTES,
			   key);
		if (rc != 0)
			return rc < 0 ? -1 : 0;
	}
	doc_chunk_text(&w->out, k, o->docs);
	return put_file(w, path, key);
}

int search_write(const struct search_out *o, const struct search_sink *sink)
{
	struct writing w;
	size_t nd = search_doc_chunk_count(o->docs->n);
	int rc = 0;

	writing_init(&w, o, sink);
	for (unsigned k = 0; k < w.b && rc == 0; k++)
		rc = put_token_chunk(&w, k);
	for (size_t k = 0; k < nd && rc == 0; k++)
		rc = put_doc_chunk(&w, k);
	if (rc == 0)
		rc = write_manifest(o->docs->n, w.b, sink->write, sink->ctx);
	if (rc == 0) {
		buf_reset(&w.out);
		search_cache_encode(&w.out, o->docs, w.b, w.keys, o->v, o->n);
		rc = sink->write(sink->ctx, SEARCH_CACHE_NAME, w.out.data, w.out.len);
	}
	writing_free(&w);
	return rc < 0 ? -1 : 0;
}
