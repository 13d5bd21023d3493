#include "html/search.h"
#include "html/search_impl.h"

#include <stdint.h>
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

static inline int is_han(unsigned cp)
{
	return (cp >= 0x3040 && cp <= 0x30FF) || /* kana */
	       cp == 0x3007 ||			 /* 〇 */
	       (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

/* The ASCII letter or digit `cp` stands for, lower-cased, or 0. */
static inline char word_char(unsigned cp)
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

void put_json_string(buf *out, const char *s)
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

void postings_put(struct postings *p, const unsigned char *bytes, size_t n)
{
	if (n == 0)
		return;
	p->p = xgrow(p->p, &p->cap, p->len + n, 1);
	memcpy(p->p + p->len, bytes, n);
	p->len += n;
}

/* Writes at `out` the entry of `doc` following the one of `last` (a doc
 * number + 1, 0 when the token has no entry yet); returns its length. */
static size_t put_entry_after(unsigned char *out, uint32_t last, uint64_t doc, int title)
{
	uint64_t prev = last ? last - 1 : 0;

	return put_varint(out, (doc - prev) * 2 + (title ? 1 : 0));
}

/* A token.  One of up to 8 bytes is packed into `key`, its first byte
 * highest and zero-padded: tokens never hold a NUL byte (they are Han
 * characters and [a-z0-9]), so the padding marks the end and comparing
 * keys compares the bytes.  Longer ones (words of 9 letters or more)
 * are kept in the interner's pool at `off`, NUL-terminated. */
struct tok {
	uint64_t key;
	size_t off, len;
	struct postings post;
};

#define SHORT_MAX 8

static uint64_t pack(const unsigned char *s, size_t len)
{
	uint64_t k = 0;

	for (size_t i = 0; i < len; i++)
		k = k << 8 | s[i];
	return k << (8 * (SHORT_MAX - len));
}

/* One slot of an open-addressing table: the key (the packed bytes of a
 * short token, a hash of a long one's), the token's index + 1 (0 when
 * the slot is empty), the doc + 1 of its last entry, and its newest
 * entries, not yet moved to the token's postings.  Adding a posting then
 * touches this one slot, half a cache line, and no other memory but
 * every dozen entries or so: most of the cost was the cache misses of
 * reaching the token and the end of its postings for every entry.  A
 * token seen once (a community's id) never needs postings of its own
 * until the index is written. */
struct slot {
	uint64_t key;
	uint32_t id, last;
	unsigned char nfresh;
	unsigned char fresh[15];
};

/* Linear probing from the top bits of key * 2^64/phi (Fibonacci
 * hashing): one multiply instead of a loop over the bytes, and every
 * bit of the key reaches the top bits.  At most half full. */
struct table {
	struct slot *s; /* in mem, aligned to a cache line */
	void *mem;
	size_t size, n;
	unsigned shift; /* 64 - log2(size) */
};

#define CACHE_LINE 64

#define FIB 0x9E3779B97F4A7C15ULL

static inline size_t home_of(const struct table *t, uint64_t key)
{
	return (size_t)((key * FIB) >> t->shift);
}

/* Moves the slots to a table of `size` slots, a power of two. */
static void table_resize(struct table *t, size_t size)
{
	struct slot *old = t->s;
	void *oldmem = t->mem;
	size_t oldsize = t->size;

	t->size = size;
	t->shift = 64;
	for (size_t s = t->size; s > 1; s >>= 1)
		t->shift--;
	t->mem = xcalloc(t->size * sizeof(*t->s) + CACHE_LINE - 1, 1);
	t->s = (struct slot *)(((uintptr_t)t->mem + CACHE_LINE - 1) & ~(uintptr_t)(CACHE_LINE - 1));
	for (size_t k = 0; k < oldsize; k++) {
		size_t i;

		if (old[k].id == 0)
			continue;
		for (i = home_of(t, old[k].key); t->s[i].id; i = (i + 1) & (t->size - 1))
			;
		t->s[i] = old[k];
	}
	free(oldmem);
}

/* Makes room for `n` tokens in all, keeping the table at most half full. */
static void table_reserve(struct table *t, size_t n)
{
	size_t size = t->size ? t->size : 1024;

	if (n == 0)
		return;
	while ((n + 1) * 2 > size)
		size *= 2;
	if (size != t->size)
		table_resize(t, size);
}

static void table_free(struct table *t)
{
	free(t->mem);
	memset(t, 0, sizeof(*t));
}

/* The tokens of an index: short ones by their packed bytes in `shorts`,
 * long ones by hash in `longs`, both pointing into `v`.  A site of
 * 55,000 communities adds ~20 million (token, doc) pairs. */
struct interner {
	struct table shorts, longs;
	struct tok *v;
	size_t n, cap;
	buf pool; /* the bytes of long tokens */
	uint32_t doc;
	int title;
	/* The word being read, lower-cased: its bytes, however long. */
	char *word;
	size_t wlen, wcap;
};

static uint32_t new_tok(struct interner *in, uint64_t key, const char *bytes, size_t len)
{
	struct tok *t;

	in->v = xgrow(in->v, &in->cap, in->n + 1, sizeof(*in->v));
	t = &in->v[in->n];
	memset(t, 0, sizeof(*t));
	t->key = key;
	t->len = len;
	if (len > SHORT_MAX) {
		t->off = in->pool.len;
		buf_put(&in->pool, bytes, len);
		buf_putc(&in->pool, '\0');
	}
	return (uint32_t)++in->n;
}

/* The slot of the token of `len` <= SHORT_MAX bytes packed in `key`,
 * made when new. */
static struct slot *intern_short_slow(struct interner *in, uint64_t key, size_t len)
{
	struct table *t = &in->shorts;
	size_t i;

	table_reserve(t, t->n + 1);
	for (i = home_of(t, key); t->s[i].id; i = (i + 1) & (t->size - 1))
		if (t->s[i].key == key)
			return &t->s[i];
	t->s[i].key = key;
	t->s[i].id = new_tok(in, key, NULL, len);
	t->n++;
	return &t->s[i];
}

/* The same, most often found in its home slot: an empty slot's key is
 * 0, which no token packs to. */
static inline struct slot *intern_short(struct interner *in, uint64_t key, size_t len)
{
	const struct table *t = &in->shorts;

	if (t->size && t->s[home_of(t, key)].key == key)
		return &t->s[home_of(t, key)];
	return intern_short_slow(in, key, len);
}

/* 64 bits of the bytes, 8 at a time. */
static uint64_t hash_long(const char *bytes, size_t len)
{
	const unsigned char *u = (const unsigned char *)bytes;
	uint64_t h = len;

	for (size_t i = 0; i < len; i += SHORT_MAX) {
		h = (h ^ pack(u + i, len - i < SHORT_MAX ? len - i : SHORT_MAX)) * FIB;
		h ^= h >> 32;
	}
	return h;
}

static struct slot *intern_long(struct interner *in, const char *bytes, size_t len)
{
	struct table *t = &in->longs;
	uint64_t key = hash_long(bytes, len);
	size_t i;

	table_reserve(t, t->n + 1);
	for (i = home_of(t, key); t->s[i].id; i = (i + 1) & (t->size - 1)) {
		const struct tok *k = &in->v[t->s[i].id - 1];

		if (t->s[i].key == key && k->len == len && memcmp(in->pool.data + k->off, bytes, len) == 0)
			return &t->s[i];
	}
	t->s[i].key = key;
	t->s[i].id = new_tok(in, 0, bytes, len);
	t->n++;
	return &t->s[i];
}

/* Moves the newest entries of `s` to its token's postings. */
static void slot_flush(struct interner *in, struct slot *s)
{
	postings_put(&in->v[s->id - 1].post, s->fresh, s->nfresh);
	s->nfresh = 0;
}

static void flush_table(struct interner *in, struct table *t)
{
	for (size_t i = 0; i < t->size; i++)
		if (t->s[i].nfresh)
			slot_flush(in, &t->s[i]);
}

/* Adds the entry of the current doc, which the token of `s` lacks. */
static void add_new_posting(struct interner *in, struct slot *s)
{
	unsigned char e[VARINT_MAX];
	size_t n = put_entry_after(e, s->last, in->doc, in->title);

	if (s->nfresh + n > sizeof(s->fresh))
		slot_flush(in, s);
	for (size_t k = 0; k < n; k++)
		s->fresh[s->nfresh++] = e[k];
	s->last = in->doc + 1;
}

/* Adds the current doc's entry to the token of `s`, unless it has it. */
static inline void add_posting(struct interner *in, struct slot *s)
{
	if (s->last != in->doc + 1)
		add_new_posting(in, s);
}

static inline void word_putc(struct interner *in, char c)
{
	if (in->wlen == in->wcap)
		in->word = xgrow(in->word, &in->wcap, in->wlen + 1, 1);
	in->word[in->wlen++] = c;
}

static void add_word(struct interner *in)
{
	if (in->wlen <= SHORT_MAX)
		add_posting(in, intern_short(in, pack((const unsigned char *)in->word, in->wlen), in->wlen));
	else
		add_posting(in, intern_long(in, in->word, in->wlen));
	in->wlen = 0;
}

static inline void word_end(struct interner *in)
{
	if (in->wlen)
		add_word(in);
}

/* Adds the tokens of `n` bytes of `text` to the current doc: those of
 * search_tokens(), and each Han character of a pair alone (so every Han
 * character: a one-character query then finds its chunk by hash instead
 * of scanning every token).  The rules of search_tokens() are followed
 * here a character at a time rather than through its callback, so that
 * a character is decoded once and a token is packed as it is read, with
 * no copy, no callback and no second look at a pair to split it;
 * test_html_search checks that both give the same tokens. */
static void index_text(struct interner *in, const char *text, size_t n)
{
	const unsigned char *s = (const unsigned char *)text;
	uint64_t prev = 0; /* the run's previous Han character, packed; 0: none */
	size_t prevlen = 0, i = 0;

	while (i < n) {
		unsigned cp = s[i];
		size_t len = 1;
		uint64_t c;
		char w;

		if (cp >= 0x80 && (cp & 0xF0) == 0xE0 && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 &&
		    (s[i + 2] & 0xC0) == 0x80) {
			/* Most Han characters, and full-width forms: decoded
			 * here as utf8_next() would. */
			cp = (cp & 0x0F) << 12 | (s[i + 1] & 0x3Fu) << 6 | (s[i + 2] & 0x3Fu);
			len = 3;
		} else if (cp >= 0x80) {
			len = utf8_next(s + i, n - i, &cp);
		}
		i += len;
		if (!is_han(cp)) {
			prev = 0;
			w = word_char(cp);
			if (w)
				word_putc(in, w);
			else
				word_end(in);
			continue;
		}
		c = pack(s + i - len, len);
		word_end(in);
		add_posting(in, intern_short(in, c, len));
		/* Both at most 4 bytes: a pair always packs. */
		if (prev)
			add_posting(in, intern_short(in, prev | c >> (8 * prevlen), prevlen + len));
		prev = c;
		prevlen = len;
	}
	word_end(in);
}

static void interner_free(struct interner *in)
{
	for (size_t i = 0; i < in->n; i++)
		free(in->v[i].post.p);
	free(in->v);
	table_free(&in->shorts);
	table_free(&in->longs);
	buf_free(&in->pool);
	free(in->word);
}

struct search_index {
	struct interner in;
	struct doc_list docs;
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

struct hash_value search_doc_hash(const struct search_doc *doc)
{
	struct hash h;

	hash_init(&h);
	hash_str(&h, doc->title);
	hash_str(&h, doc->url);
	hash_str(&h, doc->kind);
	hash_str(&h, doc->snippet);
	hash_str(&h, doc->text);
	return hash_final(&h);
}

void search_index_add_entry(struct search_index *x, const struct search_doc *doc,
			    struct hash_value hash)
{
	struct doc_list *l = &x->docs;
	struct doc_ref *r;

	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	r = &l->v[l->n++];
	r->title = keep_string(&l->strings, doc->title);
	r->url = keep_string(&l->strings, doc->url);
	r->kind = keep_string(&l->strings, doc->kind);
	r->snippet = keep_string(&l->strings, doc->snippet);
	r->hash = hash;
}

void search_index_add_words(struct search_index *x, size_t id, const struct search_doc *doc)
{
	x->in.doc = (uint32_t)id;
	x->in.title = 1;
	index_text(&x->in, doc->title, strlen(doc->title));
	x->in.title = 0;
	if (doc->text)
		index_text(&x->in, doc->text, strlen(doc->text));
}

void search_index_add(struct search_index *x, const struct search_doc *doc)
{
	size_t id = x->docs.n;

	search_index_add_entry(x, doc, search_doc_hash(doc));
	search_index_add_words(x, id, doc);
}

/* Adds the postings of `from`'s token in slot `fs` to `into`'s slot
 * `s`, numbering its documents from `shift`: the first entry is
 * rewritten to follow `into`'s last one, the rest keep their gaps.
 * `from`'s postings are those of its token, then the slot's newest. */
static void append_postings(struct interner *into, struct slot *s, const struct interner *from,
			    const struct slot *fs, size_t shift)
{
	const struct postings *fp = &from->v[fs->id - 1].post;
	struct postings *p = &into->v[s->id - 1].post;
	const unsigned char *head = fp->len ? fp->p : fs->fresh, *rest = head;
	size_t len = fp->len ? fp->len : fs->nfresh;
	uint64_t first = get_varint(&rest);
	unsigned char e[VARINT_MAX];

	slot_flush(into, s);
	postings_put(p, e, put_entry_after(e, s->last, shift + (first >> 1), (int)(first & 1)));
	postings_put(p, rest, len - (size_t)(rest - head));
	if (fp->len)
		postings_put(p, fs->fresh, fs->nfresh);
	s->last = (uint32_t)(shift + fs->last);
}

/* The tokens of the table `t` of `from`, added to `into`. */
static void append_table(struct interner *into, const struct interner *from, const struct table *t,
			 size_t shift)
{
	for (size_t i = 0; i < t->size; i++) {
		const struct tok *ft;
		struct slot *s;

		if (t->s[i].id == 0)
			continue;
		ft = &from->v[t->s[i].id - 1];
		if (ft->len > SHORT_MAX)
			s = intern_long(into, from->pool.data + ft->off, ft->len);
		else
			s = intern_short(into, ft->key, ft->len);
		append_postings(into, s, from, &t->s[i], shift);
	}
}

void search_index_append(struct search_index *into, struct search_index *from)
{
	struct doc_list *to = &into->docs;
	const struct doc_list *fl = &from->docs;
	size_t shift = to->n, base = to->strings.len;

	/* At most one resize of each table. */
	table_reserve(&into->in.shorts, into->in.shorts.n + from->in.shorts.n);
	table_reserve(&into->in.longs, into->in.longs.n + from->in.longs.n);
	append_table(&into->in, &from->in, &from->in.shorts, shift);
	append_table(&into->in, &from->in, &from->in.longs, shift);
	buf_put(&to->strings, fl->strings.data, fl->strings.len);
	to->v = xgrow(to->v, &to->cap, to->n + fl->n, sizeof(*to->v));
	for (size_t i = 0; i < fl->n; i++) {
		struct doc_ref *r = &to->v[to->n + i];

		*r = fl->v[i];
		r->title += base;
		r->url += base;
		r->kind += base;
		r->snippet += base;
	}
	to->n += fl->n;
	search_index_free(from);
}

static int cmp_named(const void *a, const void *b)
{
	const struct named *x = a, *y = b;

	return strcmp(x->name, y->name);
}
static struct named *sorted_tokens(const struct interner *in, buf *names)
{
	struct named *v = xcalloc(in->n + 1, sizeof(*v));
	size_t *at = xcalloc(in->n + 1, sizeof(*at));

	for (size_t i = 0; i < in->n; i++) {
		const struct tok *t = &in->v[i];

		at[i] = names->len;
		if (t->len > SHORT_MAX) {
			buf_put(names, in->pool.data + t->off, t->len);
		} else {
			for (size_t k = 0; k < t->len; k++)
				buf_putc(names, (int)(t->key >> (8 * (SHORT_MAX - 1 - k)) & 0xFF));
		}
		buf_putc(names, '\0');
	}
	/* Pointers only once the names stop moving. */
	for (size_t i = 0; i < in->n; i++) {
		v[i].name = names->data + at[i];
		v[i].len = in->v[i].len;
		v[i].post = &in->v[i].post;
	}
	free(at);
	if (in->n)
		qsort(v, in->n, sizeof(*v), cmp_named);
	return v;
}

struct named *search_index_tokens(struct search_index *x, buf *names, size_t *n)
{
	struct interner *in = &x->in;

	/* The tables are not needed to write once every entry is in its
	 * token's postings: free them before the files are made. */
	flush_table(in, &in->shorts);
	flush_table(in, &in->longs);
	table_free(&in->shorts);
	table_free(&in->longs);
	*n = in->n;
	return sorted_tokens(in, names);
}

const struct doc_list *search_index_doc_list(const struct search_index *x)
{
	return &x->docs;
}

void search_index_free(struct search_index *x)
{
	if (x == NULL)
		return;
	interner_free(&x->in);
	buf_free(&x->docs.strings);
	free(x->docs.v);
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
