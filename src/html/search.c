#include "html/search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/escape.h"
#include "util/xalloc.h"

/* Decodes one UTF-8 sequence; a bad byte decodes as itself (Latin-1) and
 * uses one byte, which is enough to classify it as a separator. */
static size_t utf8_next(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0];
	size_t len, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
	if (len == 0 || len > n) {
		*cp = c;
		return 1;
	}
	*cp = c & (0xFF >> (len + 1));
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = c;
			return 1;
		}
		*cp = (*cp << 6) | (s[i] & 0x3F);
	}
	return len;
}

static int is_han(unsigned cp)
{
	return (cp >= 0x3040 && cp <= 0x30FF) || /* kana */
	       cp == 0x3007 ||			 /* 〇 */
	       (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

/* The ASCII letter or digit `cp` stands for, lower-cased, or 0. */
static char word_char(unsigned cp)
{
	if (cp >= 0xFF10 && cp <= 0xFF19)
		cp -= 0xFF10 - '0';
	else if (cp >= 0xFF21 && cp <= 0xFF3A)
		cp -= 0xFF21 - 'A';
	else if (cp >= 0xFF41 && cp <= 0xFF5A)
		cp -= 0xFF41 - 'a';
	if (cp >= 'A' && cp <= 'Z')
		return (char)(cp - 'A' + 'a');
	if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
		return (char)cp;
	return 0;
}

void search_tokens(const char *text, size_t n, search_token_fn fn, void *ctx)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	/* The previous Han character of the current run, and whether the run
	 * has produced a pair yet (a lone character is its own token). */
	size_t prev = 0, prevlen = 0;
	int paired = 0;
	buf word = BUF_INIT;

	while (i <= n) {
		unsigned cp = 0;
		size_t len = i < n ? utf8_next(s + i, n - i, &cp) : 1;
		int han = i < n && is_han(cp);
		char w = i < n ? word_char(cp) : 0;

		if (!han && prevlen) {
			if (!paired)
				fn(ctx, text + prev, prevlen);
			prevlen = 0;
		}
		if (han) {
			if (prevlen) {
				fn(ctx, text + prev, prevlen + len);
				paired = 1;
			} else {
				paired = 0;
			}
			prev = i;
			prevlen = len;
		}
		if (w) {
			buf_putc(&word, w);
		} else if (word.len) {
			fn(ctx, word.data, word.len);
			buf_reset(&word);
		}
		i += len;
	}
	buf_free(&word);
}

struct posting {
	char *token;
	size_t doc;
};

struct collector {
	struct posting *v;
	size_t n, cap;
	size_t doc;
};

static void collect(void *ctx, const char *tok, size_t len)
{
	struct collector *c = ctx;

	c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof(*c->v));
	c->v[c->n].token = xstrndup(tok, len);
	c->v[c->n].doc = c->doc;
	c->n++;
}

static int cmp_posting(const void *a, const void *b)
{
	const struct posting *x = a, *y = b;
	int c = strcmp(x->token, y->token);

	if (c)
		return c;
	return (x->doc > y->doc) - (x->doc < y->doc);
}

static void put_json_string(buf *out, const char *s)
{
	buf_putc(out, '"');
	escape_json_string(out, s ? s : "", s ? strlen(s) : 0);
	buf_putc(out, '"');
}

/* Written by hand rather than through cJSON: thousands of tokens become
 * one line each, which keeps the file small and diffs readable. */
void search_index_json(const struct search_doc *docs, size_t n, buf *out)
{
	struct collector c = { NULL, 0, 0, 0 };

	for (size_t i = 0; i < n; i++) {
		c.doc = i;
		search_tokens(docs[i].title, strlen(docs[i].title), collect, &c);
		if (docs[i].text)
			search_tokens(docs[i].text, strlen(docs[i].text), collect, &c);
	}
	if (c.n)
		qsort(c.v, c.n, sizeof(*c.v), cmp_posting);

	buf_puts(out, "{\"version\":1,\"docs\":[\n");
	for (size_t i = 0; i < n; i++) {
		buf_puts(out, "{\"t\":");
		put_json_string(out, docs[i].title);
		buf_puts(out, ",\"u\":");
		put_json_string(out, docs[i].url);
		buf_puts(out, ",\"k\":");
		put_json_string(out, docs[i].kind);
		buf_puts(out, ",\"s\":");
		put_json_string(out, docs[i].snippet);
		buf_puts(out, i + 1 < n ? "},\n" : "}\n");
	}
	buf_puts(out, "],\"index\":{");
	for (size_t i = 0; i < c.n; i++) {
		int first = i == 0 || strcmp(c.v[i].token, c.v[i - 1].token) != 0;

		if (first) {
			buf_puts(out, i ? "],\n" : "\n");
			put_json_string(out, c.v[i].token);
			buf_printf(out, ":[%zu", c.v[i].doc);
		} else if (c.v[i].doc != c.v[i - 1].doc) {
			buf_printf(out, ",%zu", c.v[i].doc);
		}
	}
	buf_puts(out, c.n ? "]\n}}\n" : "}}\n");
	for (size_t i = 0; i < c.n; i++)
		free(c.v[i].token);
	free(c.v);
}

/* --- the split index --- */

unsigned search_bucket(const char *tok, size_t len, unsigned buckets)
{
	unsigned long h = 2166136261UL;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)tok[i];
		h = (h * 16777619UL) & 0xFFFFFFFFUL;
	}
	return buckets ? (unsigned)(h % buckets) : 0;
}

/* A token of the split index with its postings: each entry is
 * doc * 2 + 1 when the doc's title holds the token, doc * 2 when only its
 * text does.  Docs arrive in order, each title before its text, so a
 * doc's entry is always the last one and duplicates fold into it. */
struct tok {
	size_t off, len; /* in the token pool, NUL-terminated there */
	const char *name; /* into the pool, once it stops growing */
	unsigned *docs;
	size_t n, cap;
};

/* The tokens, interned through an open-addressing table: a site of
 * 55,000 communities has ~20 million (token, doc) pairs, too many to
 * keep a string for each. */
struct interner {
	buf pool;
	struct tok *v;
	size_t n, cap;
	size_t *slots; /* index + 1 into v, 0 empty */
	size_t nslots;
	unsigned doc;
	int title;
};

static size_t slot_of(const struct interner *in, const char *tok, size_t len)
{
	size_t i = search_bucket(tok, len, 1u << 31) & (in->nslots - 1);

	while (in->slots[i]) {
		const struct tok *t = &in->v[in->slots[i] - 1];

		if (t->len == len && memcmp(in->pool.data + t->off, tok, len) == 0)
			break;
		i = (i + 1) & (in->nslots - 1);
	}
	return i;
}

static void rehash(struct interner *in)
{
	free(in->slots);
	in->nslots = in->nslots ? in->nslots * 2 : 1024;
	in->slots = xcalloc(in->nslots, sizeof(*in->slots));
	for (size_t k = 0; k < in->n; k++)
		in->slots[slot_of(in, in->pool.data + in->v[k].off, in->v[k].len)] = k + 1;
}

static void add_posting(struct interner *in, const char *tok, size_t len)
{
	size_t i;
	struct tok *t;
	unsigned e = in->doc * 2 + (in->title ? 1 : 0);

	if ((in->n + 1) * 2 > in->nslots)
		rehash(in);
	i = slot_of(in, tok, len);
	if (in->slots[i] == 0) {
		in->v = xgrow(in->v, &in->cap, in->n + 1, sizeof(*in->v));
		t = &in->v[in->n];
		memset(t, 0, sizeof(*t));
		t->off = in->pool.len;
		t->len = len;
		buf_put(&in->pool, tok, len);
		buf_putc(&in->pool, '\0');
		in->slots[i] = ++in->n;
	}
	t = &in->v[in->slots[i] - 1];
	if (t->n && t->docs[t->n - 1] / 2 == in->doc) {
		t->docs[t->n - 1] |= e & 1;
		return;
	}
	t->docs = xgrow(t->docs, &t->cap, t->n + 1, sizeof(*t->docs));
	t->docs[t->n++] = e;
}

/* A Han pair also gives its two characters: a one-character query then
 * finds its chunk by hash instead of scanning every token. */
static void collect_split(void *ctx, const char *tok, size_t len)
{
	struct interner *in = ctx;
	const unsigned char *u = (const unsigned char *)tok;

	add_posting(in, tok, len);
	if (u[0] >= 0x80) {
		unsigned cp;
		size_t first = utf8_next(u, len, &cp);

		if (first < len) {
			add_posting(in, tok, first);
			add_posting(in, tok + first, len - first);
		}
	}
}

static const char b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void put_base64(buf *out, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16;

		if (i + 1 < n)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		buf_putc(out, b64[(v >> 18) & 63]);
		buf_putc(out, b64[(v >> 12) & 63]);
		buf_putc(out, i + 1 < n ? b64[(v >> 6) & 63] : '=');
		buf_putc(out, i + 2 < n ? b64[v & 63] : '=');
	}
}

/* The ascending doc ids `ids` as gaps or as a bitmap, whichever is
 * shorter (see search.h). */
static void put_posting_list(buf *out, const size_t *ids, size_t n)
{
	size_t gaps = 2, bytes;
	unsigned char *bits;

	for (size_t i = 0; i < n; i++) {
		char num[24];

		gaps += (size_t)snprintf(num, sizeof(num), "%zu", i ? ids[i] - ids[i - 1] : ids[i]) + 1;
	}
	bytes = n ? ids[n - 1] / 8 + 1 : 0;
	if (n == 0 || gaps <= (bytes + 2) / 3 * 4 + 2) {
		buf_putc(out, '[');
		for (size_t i = 0; i < n; i++)
			buf_printf(out, i ? ",%zu" : "%zu", i ? ids[i] - ids[i - 1] : ids[i]);
		buf_putc(out, ']');
		return;
	}
	bits = xcalloc(bytes, 1);
	for (size_t i = 0; i < n; i++)
		bits[ids[i] / 8] |= (unsigned char)(1u << (ids[i] % 8));
	buf_putc(out, '"');
	put_base64(out, bits, bytes);
	buf_putc(out, '"');
	free(bits);
}

/* One token's entry, `"tok":[all,title]`. */
static void put_entry(buf *out, const char *name, const struct tok *t, size_t *all, size_t *title)
{
	size_t na = 0, nt = 0;

	for (size_t i = 0; i < t->n; i++) {
		all[na++] = t->docs[i] / 2;
		if (t->docs[i] & 1)
			title[nt++] = t->docs[i] / 2;
	}
	put_json_string(out, name);
	buf_puts(out, ":[");
	put_posting_list(out, all, na);
	buf_putc(out, ',');
	put_posting_list(out, title, nt);
	buf_putc(out, ']');
}

struct entry {
	unsigned bucket;
	size_t at, len; /* in the entries buffer */
};

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->bucket != y->bucket)
		return x->bucket < y->bucket ? -1 : 1;
	return (x->at > y->at) - (x->at < y->at);
}

/* Chunks near this size: a query of a few tokens stays far below the
 * 300 KB one search may load. */
#define CHUNK_BYTES 16384

static int emit_chunk(buf *out, const char *name, search_file_fn fn, void *ctx)
{
	char path[64];
	int rc;

	snprintf(path, sizeof(path), "search-index/%s.js", name);
	rc = fn(ctx, path, out->data ? out->data : "", out->len);
	buf_reset(out);
	return rc;
}

static int cmp_tok(const void *a, const void *b)
{
	const struct tok *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static int write_token_chunks(struct interner *in, size_t ndocs, unsigned *buckets,
			      search_file_fn fn, void *ctx)
{
	buf text = BUF_INIT, out = BUF_INIT;
	struct entry *e = xcalloc(in->n + 1, sizeof(*e));
	size_t ne = 0;
	size_t *all = xcalloc(ndocs + 1, sizeof(size_t));
	size_t *title = xcalloc(ndocs + 1, sizeof(size_t));
	unsigned b = 1;
	int rc = 0;

	for (size_t i = 0; i < in->n; i++) {
		const struct tok *t = &in->v[i];
		const char *name = t->name;

		e[ne].at = text.len;
		put_entry(&text, name, t, all, title);
		e[ne].len = text.len - e[ne].at;
		e[ne].bucket = search_bucket(name, t->len, 1u << 30);
		ne++;
	}
	while (b < (1u << 16) && text.len / b > CHUNK_BYTES)
		b *= 2;
	for (size_t i = 0; i < ne; i++)
		e[i].bucket %= b;
	/* Tokens stay in byte order inside a chunk: the stable order the
	 * text was written in. */
	if (ne)
		qsort(e, ne, sizeof(*e), cmp_entry);
	for (unsigned k = 0, i = 0; k < b && rc == 0; k++) {
		char name[32];
		int first = 1;

		snprintf(name, sizeof(name), "t/%u", k);
		buf_printf(&out, "GONGSHI_SEARCH_CHUNK(\"%s\",{", name);
		for (; i < ne && e[i].bucket == k; i++, first = 0) {
			buf_puts(&out, first ? "\n" : ",\n");
			buf_put(&out, text.data + e[i].at, e[i].len);
		}
		buf_puts(&out, "\n});\n");
		rc = emit_chunk(&out, name, fn, ctx);
	}
	*buckets = b;
	free(e);
	free(all);
	free(title);
	buf_free(&text);
	buf_free(&out);
	return rc;
}

/* What the index keeps of a document once its words are counted: the
 * four strings a result shows, as offsets into one pool, so that the
 * text itself is never held for the whole site. */
struct doc_ref {
	size_t title, url, kind, snippet;
};

struct search_index {
	struct interner in;
	buf strings;
	struct doc_ref *docs;
	size_t n, cap;
};

static size_t keep_string(buf *pool, const char *s)
{
	size_t at = pool->len;

	buf_puts(pool, s ? s : "");
	buf_putc(pool, '\0');
	return at;
}

struct search_index *search_index_new(void)
{
	return xcalloc(1, sizeof(struct search_index));
}

void search_index_add(struct search_index *x, const struct search_doc *doc)
{
	struct doc_ref *r;

	x->docs = xgrow(x->docs, &x->cap, x->n + 1, sizeof(*x->docs));
	r = &x->docs[x->n];
	r->title = keep_string(&x->strings, doc->title);
	r->url = keep_string(&x->strings, doc->url);
	r->kind = keep_string(&x->strings, doc->kind);
	r->snippet = keep_string(&x->strings, doc->snippet);
	x->in.doc = (unsigned)x->n++;
	x->in.title = 1;
	search_tokens(doc->title, strlen(doc->title), collect_split, &x->in);
	x->in.title = 0;
	if (doc->text)
		search_tokens(doc->text, strlen(doc->text), collect_split, &x->in);
}

static void put_doc_field(buf *out, const char *key, const struct search_index *x, size_t at)
{
	buf_puts(out, key);
	put_json_string(out, x->strings.data + at);
}

static int write_doc_chunks(const struct search_index *x, search_file_fn fn, void *ctx)
{
	buf out = BUF_INIT;
	size_t n = x->n;
	int rc = 0;

	for (size_t k = 0; k * SEARCH_DOC_CHUNK < n && rc == 0; k++) {
		char name[32];

		snprintf(name, sizeof(name), "d/%zu", k);
		buf_printf(&out, "GONGSHI_SEARCH_CHUNK(\"%s\",[\n", name);
		for (size_t i = k * SEARCH_DOC_CHUNK; i < n && i < (k + 1) * SEARCH_DOC_CHUNK; i++) {
			put_doc_field(&out, "{\"t\":", x, x->docs[i].title);
			put_doc_field(&out, ",\"u\":", x, x->docs[i].url);
			put_doc_field(&out, ",\"k\":", x, x->docs[i].kind);
			put_doc_field(&out, ",\"s\":", x, x->docs[i].snippet);
			buf_puts(&out, i + 1 < n && i + 1 < (k + 1) * SEARCH_DOC_CHUNK ? "},\n" : "}\n");
		}
		buf_puts(&out, "]);\n");
		rc = emit_chunk(&out, name, fn, ctx);
	}
	buf_free(&out);
	return rc;
}

int search_index_write(struct search_index *x, search_file_fn fn, void *ctx)
{
	struct interner *in = &x->in;
	buf json = BUF_INIT, js = BUF_INIT;
	unsigned buckets = 1;
	int rc;

	free(in->slots);
	in->slots = NULL;
	in->nslots = 0;
	/* Sorted by bytes, tokens come out the same on every build. */
	for (size_t i = 0; i < in->n; i++)
		in->v[i].name = in->pool.data + in->v[i].off;
	if (in->n)
		qsort(in->v, in->n, sizeof(*in->v), cmp_tok);
	rc = write_token_chunks(in, x->n, &buckets, fn, ctx);
	if (rc == 0)
		rc = write_doc_chunks(x, fn, ctx);
	buf_printf(&json, "{\"version\":2,\"docs\":%zu,\"doc_chunk\":%d,\"buckets\":%u,"
			  "\"base\":\"search-index/\"}\n", x->n, SEARCH_DOC_CHUNK, buckets);
	/* The manifest as a script too: a file:// page cannot fetch(). */
	buf_printf(&js, "window.GONGSHI_SEARCH = %.*s;\n", (int)(json.len - 1), json.data);
	if (rc == 0)
		rc = fn(ctx, "search-index.json", json.data, json.len);
	if (rc == 0)
		rc = fn(ctx, "search-index.js", js.data, js.len);
	buf_free(&json);
	buf_free(&js);
	return rc < 0 ? -1 : 0;
}

void search_index_free(struct search_index *x)
{
	if (x == NULL)
		return;
	for (size_t i = 0; i < x->in.n; i++)
		free(x->in.v[i].docs);
	free(x->in.v);
	free(x->in.slots);
	buf_free(&x->in.pool);
	buf_free(&x->strings);
	free(x->docs);
	free(x);
}

int search_index_files(const struct search_doc *docs, size_t n, search_file_fn fn, void *ctx)
{
	struct search_index *x = search_index_new();
	int rc;

	for (size_t i = 0; i < n; i++)
		search_index_add(x, &docs[i]);
	rc = search_index_write(x, fn, ctx);
	search_index_free(x);
	return rc;
}
