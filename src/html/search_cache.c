/* The search index kept between builds (search_cache.h): its file
 * format, and the update of the last build's tokens with the words of
 * the documents that changed. */
#include "html/search_cache.h"

#include <stdlib.h>
#include <string.h>

#include "html/search_impl.h"
#include "util/xalloc.h"

/* The format: this line, then varints (put_varint) and raw bytes:
 *   documents, chunks (a power of two), tokens;
 *   16 bytes a document: its hash (search_doc_hash), hi then lo, each
 *     little-endian;
 *   16 bytes a token chunk, then a document chunk: the hash_content of
 *     its bytes;
 *   a token: its bytes and a NUL, its entry length, the length of its
 *     postings, the postings (search_impl.h).
 * The program that reads it is the one that wrote it (the manifest
 * beside it says so), so the format has no version of its own to
 * upgrade: a change of format comes with a new program. */
static const char MAGIC[] = "gongshi-search 1\n";

#define HASH_BYTES 16

struct cached_tok {
	const char *name; /* in the blob, NUL-terminated */
	size_t len, entry_len;
	struct postings post; /* in the blob */
	const unsigned char *rec; /* its whole record in the blob */
	size_t rec_len;
};

struct search_cache {
	unsigned char *blob; /* the file, owned */
	size_t size;
	size_t ndocs;
	unsigned buckets;
	const unsigned char *doc_hashes, *keys; /* in the blob */
	const unsigned char *doc_keys;		/* in the blob */
	struct cached_tok *tok;			/* owned */
	size_t ntok;
};

static void put_num(buf *b, uint64_t v)
{
	unsigned char e[10];

	buf_put(b, e, put_varint(e, v));
}

static void put_hash(buf *b, struct hash_value h)
{
	unsigned char e[HASH_BYTES];

	for (int i = 0; i < 8; i++) {
		e[i] = (unsigned char)(h.hi >> (8 * i));
		e[8 + i] = (unsigned char)(h.lo >> (8 * i));
	}
	buf_put(b, e, sizeof(e));
}

static struct hash_value get_hash(const unsigned char *p)
{
	struct hash_value h = { 0, 0 };

	for (int i = 0; i < 8; i++) {
		h.hi |= (uint64_t)p[i] << (8 * i);
		h.lo |= (uint64_t)p[8 + i] << (8 * i);
	}
	return h;
}

static size_t num_len(uint64_t v)
{
	size_t n = 1;

	for (; v >= 0x80; v >>= 7)
		n++;
	return n;
}

static size_t head_len(size_t ndocs, unsigned buckets, size_t ntok)
{
	return sizeof(MAGIC) - 1 + num_len(ndocs) + num_len(buckets) + num_len(ntok) +
	       (ndocs + buckets + doc_chunk_count(ndocs)) * HASH_BYTES;
}

static void put_head(buf *out, const struct doc_list *docs, unsigned buckets,
		     const struct hash_value *keys, size_t ntok)
{
	buf_put(out, MAGIC, sizeof(MAGIC) - 1);
	put_num(out, docs->n);
	put_num(out, buckets);
	put_num(out, ntok);
	for (size_t i = 0; i < docs->n; i++)
		put_hash(out, docs->v[i].hash);
	for (size_t k = 0; k < buckets + doc_chunk_count(docs->n); k++)
		put_hash(out, keys[k]);
}

static size_t record_len(const struct named *t, size_t elen)
{
	return t->len + 1 + num_len(elen) + num_len(t->post->len) + t->post->len;
}

static void put_record(buf *out, const struct named *t, size_t elen)
{
	buf_put(out, t->name, t->len + 1);
	put_num(out, elen);
	put_num(out, t->post->len);
	buf_put(out, t->post->p, t->post->len);
}

/* Sized first: the file is tens of megabytes at 55,000 communities, and
 * growing the buffer copied it several times. */
void search_cache_encode(buf *out, const struct doc_list *docs, unsigned buckets,
			 const struct hash_value *keys, const struct named *v, const size_t *lens,
			 size_t n)
{
	size_t size = head_len(docs->n, buckets, n);

	for (size_t i = 0; i < n; i++)
		size += record_len(&v[i], lens[i]);
	buf_grow(out, size);
	put_head(out, docs, buckets, keys, n);
	for (size_t i = 0; i < n; i++)
		put_record(out, &v[i], lens[i]);
}

/* A varint of the file, which may be anything: -1 past `end` or past
 * 64 bits. */
static int get_num(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	unsigned shift = 0;

	*v = 0;
	while (*p < end && shift < 64) {
		unsigned char c = *(*p)++;

		*v |= (uint64_t)(c & 0x7F) << shift;
		if (!(c & 0x80))
			return 0;
		shift += 7;
	}
	return -1;
}

/* The tokens from `p` to `end`: names strictly ascending, lengths in
 * bounds.  Postings are checked as they are read (decode_checked). */
static int parse_tokens(struct search_cache *c, const unsigned char *p, const unsigned char *end)
{
	const char *prev = NULL;

	for (size_t i = 0; i < c->ntok; i++) {
		struct cached_tok *t = &c->tok[i];
		const unsigned char *nul = memchr(p, '\0', (size_t)(end - p));
		uint64_t elen, plen;

		if (nul == NULL || nul == p)
			return -1;
		t->name = (const char *)p;
		t->len = (size_t)(nul - p);
		if (prev && strcmp(prev, t->name) >= 0)
			return -1;
		prev = t->name;
		p = nul + 1;
		if (get_num(&p, end, &elen) < 0 || get_num(&p, end, &plen) < 0 || plen == 0 ||
		    plen > (uint64_t)(end - p))
			return -1;
		t->entry_len = (size_t)elen;
		t->post.p = (unsigned char *)p;
		t->post.len = (size_t)plen;
		p += plen;
		t->rec = (const unsigned char *)t->name;
		t->rec_len = (size_t)(p - t->rec);
	}
	return p == end ? 0 : -1;
}

static int parse(struct search_cache *c, size_t ndocs)
{
	const unsigned char *p = c->blob, *end = c->blob + c->size;
	uint64_t docs, buckets, ntok;

	if (c->size < sizeof(MAGIC) - 1 || memcmp(p, MAGIC, sizeof(MAGIC) - 1) != 0)
		return -1;
	p += sizeof(MAGIC) - 1;
	if (get_num(&p, end, &docs) < 0 || get_num(&p, end, &buckets) < 0 ||
	    get_num(&p, end, &ntok) < 0)
		return -1;
	/* A token takes at least 3 bytes; the chunk count is what
	 * chunk_count() can give. */
	if (docs != ndocs || buckets == 0 || buckets > (1u << 16) || (buckets & (buckets - 1)) ||
	    ntok > (uint64_t)(end - p) / 3 ||
	    docs + buckets + doc_chunk_count(ndocs) > (uint64_t)(end - p) / HASH_BYTES)
		return -1;
	c->ndocs = (size_t)docs;
	c->buckets = (unsigned)buckets;
	c->doc_hashes = p;
	c->keys = p + c->ndocs * HASH_BYTES;
	c->doc_keys = c->keys + c->buckets * HASH_BYTES;
	p = c->doc_keys + doc_chunk_count(c->ndocs) * HASH_BYTES;
	c->ntok = (size_t)ntok;
	c->tok = xcalloc(c->ntok + 1, sizeof(*c->tok));
	return parse_tokens(c, p, end);
}

struct search_cache *search_cache_load(const char *dir, size_t ndocs)
{
	struct search_cache *c = xcalloc(1, sizeof(*c));
	buf path = BUF_INIT, file = BUF_INIT;
	int rc;

	buf_printf(&path, "%s/%s", dir, SEARCH_CACHE_NAME);
	rc = buf_read_file(&file, path.data);
	c->size = file.len;
	c->blob = (unsigned char *)buf_detach(&file);
	if (rc < 0 || parse(c, ndocs) < 0) {
		search_cache_free(c);
		c = NULL;
	}
	buf_free(&path);
	return c;
}

int search_cache_same(const struct search_cache *c, size_t i, struct hash_value h)
{
	struct hash_value old;

	if (i >= c->ndocs)
		return 0;
	old = get_hash(c->doc_hashes + i * HASH_BYTES);
	return old.hi == h.hi && old.lo == h.lo;
}

void search_cache_free(struct search_cache *c)
{
	if (c == NULL)
		return;
	free(c->blob);
	free(c->tok);
	free(c);
}

/* --- the update --- */

/* One token's entries, each doc * 2 + 1 when its title holds the token. */
struct entries {
	uint64_t *v;
	size_t n, cap;
};

static void entries_push(struct entries *e, uint64_t v)
{
	if (e->n == e->cap)
		e->v = xgrow(e->v, &e->cap, e->n + 1, sizeof(*e->v));
	e->v[e->n++] = v;
}

/* Decodes `p` into `e` (emptied first); -1 unless it holds entries of
 * ascending documents below `ndocs`. */
static int decode_checked(const struct postings *p, size_t ndocs, struct entries *e)
{
	const unsigned char *q = p->p, *end = q + p->len;
	uint64_t doc = 0, v;

	e->n = 0;
	while (q < end) {
		if (get_num(&q, end, &v) < 0 || (e->n && (v >> 1) == 0) ||
		    (v >> 1) >= ndocs - doc)
			return -1;
		doc += v >> 1;
		entries_push(e, doc << 1 | (v & 1));
	}
	return 0;
}

static void encode(struct postings *out, const struct entries *e)
{
	uint64_t prev = 0;

	for (size_t i = 0; i < e->n; i++) {
		unsigned char b[10];
		uint64_t doc = e->v[i] >> 1;

		postings_put(out, b, put_varint(b, (doc - prev) * 2 + (e->v[i] & 1)));
		prev = doc;
	}
}

/* The tokens of the new index, in byte order, as they are found. */
struct update {
	const struct search_cache *c;
	unsigned char *changed; /* one byte a document: it changed */
	struct named *v;
	size_t *lens, n;
	unsigned char *touched;	 /* its postings differ from the last build's */
	const struct cached_tok **from; /* the last build's token, when unchanged */
	struct postings *fresh;	 /* postings made here, one slot per token */
	size_t room;		 /* slots in v, lens, touched and fresh */
	uint32_t *gone;		 /* chunk hashes (mod 2^16) of dropped tokens */
	size_t ngone, gonecap;
	struct entries old, add, out;
	struct scratch sc;
	buf name;
};

/* Adds a token to the new index: `post` are its postings, `elen` the
 * length of its entry when they are the last build's; else measured. */
static void take(struct update *u, const char *name, size_t len, const struct postings *post,
		 size_t elen, int touched)
{
	struct named *t = &u->v[u->n];

	*t = (struct named){ name, len, post };
	u->lens[u->n] = touched ? entry_len(t, &u->sc, &u->name) : elen;
	u->from[u->n] = NULL;
	u->touched[u->n++] = (unsigned char)touched;
}

/* Token `t` of the last build, unchanged. */
static void keep(struct update *u, const struct cached_tok *t)
{
	take(u, t->name, t->len, &t->post, t->entry_len, 0);
	u->from[u->n - 1] = t;
}

/* A token no document holds any more: its chunk changes. */
static void drop(struct update *u, const char *name, size_t len)
{
	if (u->ngone == u->gonecap)
		u->gone = xgrow(u->gone, &u->gonecap, u->ngone + 1, sizeof(*u->gone));
	u->gone[u->ngone++] = search_bucket(name, len, 1u << 16);
}

/* 1 when postings `p` hold an entry of a changed document, 0 when not,
 * -1 when they are not entries of ascending documents below `ndocs`.
 * Every token of the last build is scanned so, without keeping its
 * entries: most hold no changed document. */
static int scan(const struct postings *p, size_t ndocs, const unsigned char *changed)
{
	const unsigned char *q = p->p, *end = q + p->len;
	uint64_t doc = 0, v;
	int hit = 0;

	for (size_t n = 0; q < end; n++) {
		if (get_num(&q, end, &v) < 0 || (n && (v >> 1) == 0) || (v >> 1) >= ndocs - doc)
			return -1;
		doc += v >> 1;
		hit |= changed[doc];
	}
	return hit;
}

/* `u->old` without the changed documents' entries, and `u->add` (theirs
 * now), in document order into `u->out`. */
static void merge(struct update *u)
{
	size_t i = 0, j = 0;

	u->out.n = 0;
	while (i < u->old.n || j < u->add.n) {
		if (i < u->old.n && u->changed[u->old.v[i] >> 1])
			i++;
		else if (j == u->add.n || (i < u->old.n && u->old.v[i] >> 1 < u->add.v[j] >> 1))
			entries_push(&u->out, u->old.v[i++]);
		else
			entries_push(&u->out, u->add.v[j++]);
	}
}

/* Token `t` of the last build; `add`, when not NULL, the same token in
 * the changed documents' words.  -1 when the cache is damaged. */
static int update_old(struct update *u, const struct cached_tok *t, const struct named *add)
{
	struct postings *p = &u->fresh[u->n];
	int hit = scan(&t->post, u->c->ndocs, u->changed);

	if (hit < 0)
		return -1;
	if (!hit && add == NULL) {
		keep(u, t);
		return 0;
	}
	if (decode_checked(&t->post, u->c->ndocs, &u->old) < 0)
		return -1;
	u->add.n = 0;
	if (add && decode_checked(add->post, u->c->ndocs, &u->add) < 0)
		return -1;
	merge(u);
	if (u->out.n == 0) {
		drop(u, t->name, t->len);
		return 0;
	}
	p->len = 0;
	encode(p, &u->out);
	/* Most words of an edited document are still there, in the same
	 * places: their chunks need not change. */
	if (p->len == t->post.len && memcmp(p->p, t->post.p, p->len) == 0)
		keep(u, t);
	else
		take(u, t->name, t->len, p, 0, 1);
	return 0;
}

/* The new index's tokens: the last build's and the changed documents',
 * both in byte order, merged. */
static int update_tokens(struct update *u, const struct named *cv, size_t nc)
{
	const struct search_cache *c = u->c;
	size_t i = 0, j = 0;

	while (i < c->ntok || j < nc) {
		int cmp = i == c->ntok ? 1 : j == nc ? -1 : strcmp(c->tok[i].name, cv[j].name);

		if (cmp > 0) {
			take(u, cv[j].name, cv[j].len, cv[j].post, 0, 1);
			j++;
		} else if (update_old(u, &c->tok[i++], cmp == 0 ? &cv[j++] : NULL) < 0) {
			return -1;
		}
	}
	return 0;
}

static void update_init(struct update *u, const struct search_cache *c,
			const struct doc_list *docs, size_t nc)
{
	size_t room = c->ntok + nc + 1;

	memset(u, 0, sizeof(*u));
	u->c = c;
	u->room = room;
	u->v = xcalloc(room, sizeof(*u->v));
	u->lens = xcalloc(room, sizeof(*u->lens));
	u->touched = xcalloc(room, 1);
	u->from = xcalloc(room, sizeof(*u->from));
	u->fresh = xcalloc(room, sizeof(*u->fresh));
	scratch_init(&u->sc, docs->n);
	u->changed = xcalloc(docs->n + 1, 1);
	for (size_t i = 0; i < docs->n; i++)
		u->changed[i] = !search_cache_same(c, i, docs->v[i].hash);
}

static void update_free(struct update *u)
{
	for (size_t i = 0; i < u->room; i++)
		free(u->fresh[i].p);
	free(u->fresh);
	free(u->v);
	free(u->lens);
	free(u->touched);
	free(u->from);
	free(u->gone);
	free(u->changed);
	free(u->old.v);
	free(u->add.v);
	free(u->out.v);
	scratch_free(&u->sc);
	buf_free(&u->name);
}

/* Which token chunks differ from the last build's: one byte each. */
static unsigned char *changed_chunks(const struct update *u, unsigned buckets)
{
	unsigned char *affected = xcalloc(buckets, 1);

	if (buckets != u->c->buckets) {
		memset(affected, 1, buckets);
		return affected;
	}
	for (size_t i = 0; i < u->n; i++)
		if (u->touched[i])
			affected[search_bucket(u->v[i].name, u->v[i].len, buckets)] = 1;
	for (size_t g = 0; g < u->ngone; g++)
		affected[u->gone[g] % buckets] = 1;
	return affected;
}

/* Carries over the file at `path` when it cannot have changed and the
 * last build's, whose key is at `old`, is there: 1, and its key into
 * `key`; 0 when it must be made; -1 on error. */
static int carry(const struct search_sink *sink, const char *path, int unchanged,
		 const unsigned char *old, struct hash_value *key)
{
	if (!unchanged || sink->carry == NULL)
		return 0;
	*key = get_hash(old);
	return sink->carry(sink->ctx, path, *key);
}

/* Writes the file `out` holds; its key into `key`. */
static int put_file(const struct search_sink *sink, const char *path, const buf *out,
		    struct hash_value *key)
{
	*key = hash_content(out->data, out->len);
	return sink->write(sink->ctx, path, out->data, out->len);
}

static int put_token_chunk(struct update *u, unsigned k, int unchanged, const size_t *order,
			   const size_t *start, const struct search_sink *sink, buf *out,
			   struct hash_value *key)
{
	char path[64];
	int rc;

	chunk_path(path, k);
	rc = carry(sink, path, unchanged, u->c->keys + (size_t)k * HASH_BYTES, key);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	chunk_text(out, k, u->v, order, start[k], start[k + 1], &u->sc);
	return put_file(sink, path, out, key);
}

/* A document chunk changes only with one of its documents: their count
 * is the last build's (search_cache_load). */
static int put_doc_chunk(const struct update *u, size_t k, const struct doc_list *docs,
			 const struct search_sink *sink, buf *out, struct hash_value *key)
{
	char path[64];
	int unchanged = 1, rc;

	for (size_t i = k * SEARCH_DOC_CHUNK; i < docs->n && i < (k + 1) * SEARCH_DOC_CHUNK; i++)
		unchanged &= !u->changed[i];
	doc_chunk_path(path, k);
	rc = carry(sink, path, unchanged, u->c->doc_keys + k * HASH_BYTES, key);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	doc_chunk_text(out, k, docs);
	return put_file(sink, path, out, key);
}

/* The next cache file: the records of the tokens that did not change
 * are copied from the last one, a run of neighbours at a time. */
static void encode_update(buf *out, const struct update *u, const struct doc_list *docs,
			  unsigned buckets, const struct hash_value *keys)
{
	size_t size = head_len(docs->n, buckets, u->n);

	for (size_t i = 0; i < u->n; i++)
		size += u->from[i] ? u->from[i]->rec_len : record_len(&u->v[i], u->lens[i]);
	buf_grow(out, size);
	put_head(out, docs, buckets, keys, u->n);
	for (size_t i = 0; i < u->n;) {
		const unsigned char *at;
		size_t len;

		if (u->from[i] == NULL) {
			put_record(out, &u->v[i], u->lens[i]);
			i++;
			continue;
		}
		at = u->from[i]->rec;
		len = u->from[i]->rec_len;
		while (++i < u->n && u->from[i] && u->from[i]->rec == at + len)
			len += u->from[i]->rec_len;
		buf_put(out, at, len);
	}
}

static int write_update(struct update *u, const struct doc_list *docs,
			const struct search_sink *sink)
{
	size_t total = 0, *order = xcalloc(u->n + 1, sizeof(*order)), *start;
	size_t nd = doc_chunk_count(docs->n);
	unsigned char *affected;
	struct hash_value *keys;
	buf out = BUF_INIT;
	unsigned b;
	int rc = 0;

	for (size_t i = 0; i < u->n; i++)
		total += u->lens[i];
	b = chunk_count(total);
	affected = changed_chunks(u, b);
	start = xcalloc((size_t)b + 1, sizeof(*start));
	keys = xcalloc(b + nd, sizeof(*keys));
	chunk_order(u->v, u->n, b, order, start);
	for (unsigned k = 0; k < b && rc == 0; k++)
		rc = put_token_chunk(u, k, !affected[k], order, start, sink, &out, &keys[k]);
	for (size_t k = 0; k < nd && rc == 0; k++)
		rc = put_doc_chunk(u, k, docs, sink, &out, &keys[b + k]);
	if (rc == 0)
		rc = write_index_manifest(docs->n, b, sink->write, sink->ctx);
	if (rc == 0) {
		buf_reset(&out);
		encode_update(&out, u, docs, b, keys);
		rc = sink->write(sink->ctx, SEARCH_CACHE_NAME, out.data, out.len);
	}
	buf_free(&out);
	free(keys);
	free(start);
	free(affected);
	free(order);
	return rc < 0 ? -1 : 0;
}

int search_cache_write(const struct search_cache *c, struct search_index *whole,
		       struct search_index *changed, const struct search_sink *sink)
{
	const struct doc_list *docs = search_index_doc_list(whole);
	buf names = BUF_INIT;
	size_t nc;
	struct named *cv = search_index_tokens(changed, &names, &nc);
	struct update u;
	int rc;

	if (docs->n != c->ndocs) {
		free(cv);
		buf_free(&names);
		return -2;
	}
	update_init(&u, c, docs, nc);
	rc = update_tokens(&u, cv, nc) < 0 ? -2 : write_update(&u, docs, sink);
	update_free(&u);
	free(cv);
	buf_free(&names);
	return rc;
}
