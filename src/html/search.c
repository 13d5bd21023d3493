/* Building the search index (search.h): tokens interned as they are
 * read, postings appended per document, indexes built apart joined. */
#include "html/search.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html/search_tokens.h"
#include "util/xalloc.h"

/* Writes at `out` the entry of `doc` following the one of `last` (a doc
 * number + 1, 0 when the token has no entry yet); returns its length. */
static size_t put_entry_after(unsigned char *out, uint32_t last, uint64_t doc, int title)
{
	uint64_t prev = last ? last - 1 : 0;

	return search_put_varint(out, (doc - prev) * 2 + (title ? 1 : 0));
}

/* A token.  One of up to SEARCH_SHORT_MAX bytes is packed into `key`
 * (search_pack); longer ones (words of 9 letters or more) are kept in
 * the interner's pool at `off`, NUL-terminated. */
struct tok {
	uint64_t key;
	size_t off, len;
	struct search_postings post;
};

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
 * long ones by hash in `longs`, both pointing into `v`.  A large site
 * adds tens of millions of (token, doc) pairs. */
struct interner {
	struct table shorts, longs;
	struct tok *v;
	size_t n, cap;
	buf pool; /* the bytes of long tokens */
	uint32_t doc;
	int title;
	struct search_word word; /* the tokenizer's */
};

static uint32_t new_tok(struct interner *in, uint64_t key, const char *bytes, size_t len)
{
	struct tok *t;

	in->v = xgrow(in->v, &in->cap, in->n + 1, sizeof(*in->v));
	t = &in->v[in->n];
	memset(t, 0, sizeof(*t));
	t->key = key;
	t->len = len;
	if (len > SEARCH_SHORT_MAX) {
		t->off = in->pool.len;
		buf_put(&in->pool, bytes, len);
		buf_putc(&in->pool, '\0');
	}
	return (uint32_t)++in->n;
}

/* The slot of the token of `len` <= SEARCH_SHORT_MAX bytes packed in `key`,
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

	for (size_t i = 0; i < len; i += SEARCH_SHORT_MAX) {
		size_t k = len - i < SEARCH_SHORT_MAX ? len - i : SEARCH_SHORT_MAX;

		h = (h ^ search_pack(u + i, k)) * FIB;
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

		if (t->s[i].key == key && k->len == len &&
		    memcmp(in->pool.data + k->off, bytes, len) == 0)
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
	search_postings_put(&in->v[s->id - 1].post, s->fresh, s->nfresh);
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
	unsigned char e[SEARCH_VARINT_MAX];
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

static inline void on_han(void *ctx, uint64_t key, size_t len, int first)
{
	struct interner *in = ctx;

	(void)first;
	add_posting(in, intern_short(in, key, len));
}

static inline void on_pair(void *ctx, uint64_t key, size_t len)
{
	struct interner *in = ctx;

	add_posting(in, intern_short(in, key, len));
}

static inline void on_word(void *ctx, const char *word, size_t len)
{
	struct interner *in = ctx;

	if (len <= SEARCH_SHORT_MAX)
		add_posting(in, intern_short(in, search_pack((const unsigned char *)word, len),
					     len));
	else
		add_posting(in, intern_long(in, word, len));
}

/* Constant, so that search_scan() inlined calls them directly. */
static const struct search_scan_fns index_fns = { on_han, on_pair, on_word };

/* Adds the tokens of `n` bytes of `text` to the current doc. */
static void index_text(struct interner *in, const char *text, size_t n)
{
	search_scan(&in->word, text, n, &index_fns, in);
}

static void interner_free(struct interner *in)
{
	for (size_t i = 0; i < in->n; i++)
		free(in->v[i].post.p);
	free(in->v);
	table_free(&in->shorts);
	table_free(&in->longs);
	buf_free(&in->pool);
	free(in->word.p);
}

struct search_index {
	struct interner in;
	struct search_doc_list docs;
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
	struct search_doc_list *l = &x->docs;
	struct search_doc_ref *r;

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

/* Adds the postings of `from`'s token in slot `fs` to `into`'s slot
 * `s`, numbering its documents from `shift`: the first entry is
 * rewritten to follow `into`'s last one, the rest keep their gaps.
 * `from`'s postings are those of its token, then the slot's newest. */
static void append_postings(struct interner *into, struct slot *s, const struct interner *from,
			    const struct slot *fs, size_t shift)
{
	const struct search_postings *fp = &from->v[fs->id - 1].post;
	struct search_postings *p = &into->v[s->id - 1].post;
	const unsigned char *head = fp->len ? fp->p : fs->fresh, *rest = head;
	size_t len = fp->len ? fp->len : fs->nfresh;
	uint64_t first = search_get_varint(&rest);
	unsigned char e[SEARCH_VARINT_MAX];

	slot_flush(into, s);
	search_postings_put(p, e,
			    put_entry_after(e, s->last, shift + (first >> 1), (int)(first & 1)));
	search_postings_put(p, rest, len - (size_t)(rest - head));
	if (fp->len)
		search_postings_put(p, fs->fresh, fs->nfresh);
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
		if (ft->len > SEARCH_SHORT_MAX)
			s = intern_long(into, from->pool.data + ft->off, ft->len);
		else
			s = intern_short(into, ft->key, ft->len);
		append_postings(into, s, from, &t->s[i], shift);
	}
}

void search_index_append(struct search_index *into, struct search_index *from)
{
	struct search_doc_list *to = &into->docs;
	const struct search_doc_list *fl = &from->docs;
	size_t shift = to->n, base = to->strings.len;

	/* At most one resize of each table. */
	table_reserve(&into->in.shorts, into->in.shorts.n + from->in.shorts.n);
	table_reserve(&into->in.longs, into->in.longs.n + from->in.longs.n);
	append_table(&into->in, &from->in, &from->in.shorts, shift);
	append_table(&into->in, &from->in, &from->in.longs, shift);
	buf_put(&to->strings, fl->strings.data, fl->strings.len);
	to->v = xgrow(to->v, &to->cap, to->n + fl->n, sizeof(*to->v));
	for (size_t i = 0; i < fl->n; i++) {
		struct search_doc_ref *r = &to->v[to->n + i];

		*r = fl->v[i];
		r->title += base;
		r->url += base;
		r->kind += base;
		r->snippet += base;
	}
	to->n += fl->n;
	search_index_free(from);
}

/* A token's name and number, sorted in place of its search_term: a
 * third of the bytes to move. */
struct by_name {
	const char *name;
	size_t i;
};

static int cmp_by_name(const void *a, const void *b)
{
	const struct by_name *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static struct search_term *sorted_tokens(const struct interner *in, buf *names)
{
	struct search_term *v = xcalloc(in->n + 1, sizeof(*v));
	struct by_name *order = xcalloc(in->n + 1, sizeof(*order));

	for (size_t i = 0; i < in->n; i++) {
		const struct tok *t = &in->v[i];

		order[i].i = names->len;
		if (t->len > SEARCH_SHORT_MAX) {
			buf_put(names, in->pool.data + t->off, t->len);
		} else {
			for (size_t k = 0; k < t->len; k++)
				buf_putc(names,
					 (int)(t->key >> (8 * (SEARCH_SHORT_MAX - 1 - k)) & 0xFF));
		}
		buf_putc(names, '\0');
	}
	/* Pointers only once the names stop moving. */
	for (size_t i = 0; i < in->n; i++) {
		order[i].name = names->data + order[i].i;
		order[i].i = i;
	}
	if (in->n)
		qsort(order, in->n, sizeof(*order), cmp_by_name);
	for (size_t k = 0; k < in->n; k++) {
		size_t i = order[k].i;

		v[k].name = order[k].name;
		v[k].len = in->v[i].len;
		v[k].post = &in->v[i].post;
	}
	free(order);
	return v;
}

struct search_term *search_index_tokens(struct search_index *x, buf *names, size_t *n)
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

const struct search_doc_list *search_index_doc_list(const struct search_index *x)
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

int search_index_write(struct search_index *x, const struct search_sink *sink)
{
	buf names = BUF_INIT;
	struct search_out o = { NULL, 0, &x->docs, NULL, NULL, NULL, 0 };
	int rc;

	o.v = search_index_tokens(x, &names, &o.n);
	rc = search_write(&o, sink);
	free(o.v);
	buf_free(&names);
	return rc;
}
