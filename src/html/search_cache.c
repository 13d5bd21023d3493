/* The search index's cache file (search_cache.h): writing it, and reading
 * it back checked, since the file may be anything. */
#include "html/search_cache.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* The format: this line, then varints (search_put_varint) and raw bytes:
 *   documents, chunks (a power of two), tokens;
 *   16 bytes a document: its hash (search_doc_hash), hi then lo, each
 *     little-endian;
 *   16 bytes a token chunk, then a document chunk: the hash_content of
 *     its bytes;
 *   a token: its bytes and a NUL, its entry length, the length of its
 *     postings, the postings (search_postings.h).
 * The program that reads it is the one that wrote it (the manifest
 * beside it says so), so the format has no version of its own to
 * upgrade: a change of format comes with a new program. */
static const char MAGIC[] = "gongshi-search 1\n";

static void put_num(buf *b, uint64_t v)
{
	unsigned char e[10];

	buf_put(b, e, search_put_varint(e, v));
}

static void put_hash(buf *b, struct hash_value h)
{
	unsigned char e[SEARCH_HASH_BYTES];

	for (int i = 0; i < 8; i++) {
		e[i] = (unsigned char)(h.hi >> (8 * i));
		e[8 + i] = (unsigned char)(h.lo >> (8 * i));
	}
	buf_put(b, e, sizeof(e));
}

struct hash_value search_cache_hash_at(const unsigned char *p)
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
	       (ndocs + buckets + search_doc_chunk_count(ndocs)) * SEARCH_HASH_BYTES;
}

static void put_head(buf *out, const struct search_doc_list *docs, unsigned buckets,
		     const struct hash_value *keys, size_t ntok)
{
	buf_put(out, MAGIC, sizeof(MAGIC) - 1);
	put_num(out, docs->n);
	put_num(out, buckets);
	put_num(out, ntok);
	for (size_t i = 0; i < docs->n; i++)
		put_hash(out, docs->v[i].hash);
	for (size_t k = 0; k < buckets + search_doc_chunk_count(docs->n); k++)
		put_hash(out, keys[k]);
}

static size_t record_len(const struct search_term *t)
{
	if (t->rec)
		return t->rec_len;
	return t->len + 1 + num_len(t->entry_len) + num_len(t->post->len) + t->post->len;
}

static void put_record(buf *out, const struct search_term *t)
{
	buf_put(out, t->name, t->len + 1);
	put_num(out, t->entry_len);
	put_num(out, t->post->len);
	buf_put(out, t->post->p, t->post->len);
}

/* Sized first: the file is as large as the index, and growing the
 * buffer copied it several times.  The records of the tokens carried
 * from the last file are copied a run of neighbours at a time. */
void search_cache_encode(buf *out, const struct search_doc_list *docs, unsigned buckets,
			 const struct hash_value *keys, const struct search_term *v, size_t n)
{
	size_t size = head_len(docs->n, buckets, n);

	for (size_t i = 0; i < n; i++)
		size += record_len(&v[i]);
	buf_grow(out, size);
	put_head(out, docs, buckets, keys, n);
	for (size_t i = 0; i < n;) {
		const unsigned char *at = v[i].rec;
		size_t len = v[i].rec_len;

		if (at == NULL) {
			put_record(out, &v[i++]);
			continue;
		}
		while (++i < n && v[i].rec && v[i].rec == at + len)
			len += v[i].rec_len;
		buf_put(out, at, len);
	}
}

int search_cache_get_num(const unsigned char **p, const unsigned char *end, uint64_t *v)
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
 * bounds.  Postings are checked as they are read (search_update.c). */
static int parse_tokens(struct search_cache *c, const unsigned char *p, const unsigned char *end)
{
	const char *prev = NULL;

	for (size_t i = 0; i < c->ntok; i++) {
		struct search_cached_tok *ct = &c->tok[i];
		struct search_term *t = &ct->t;
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
		if (search_cache_get_num(&p, end, &elen) < 0 ||
		    search_cache_get_num(&p, end, &plen) < 0 || plen == 0 ||
		    plen > (uint64_t)(end - p))
			return -1;
		t->entry_len = (size_t)elen;
		ct->post.p = (unsigned char *)p;
		ct->post.len = (size_t)plen;
		t->post = &ct->post;
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
	if (search_cache_get_num(&p, end, &docs) < 0 ||
	    search_cache_get_num(&p, end, &buckets) < 0 ||
	    search_cache_get_num(&p, end, &ntok) < 0)
		return -1;
	/* A token takes at least 3 bytes; the chunk count is what
	 * search_chunk_count() can give. */
	if (docs != ndocs || buckets == 0 || buckets > (1u << 16) || (buckets & (buckets - 1)) ||
	    ntok > (uint64_t)(end - p) / 3 ||
	    docs + buckets + search_doc_chunk_count(ndocs) >
		    (uint64_t)(end - p) / SEARCH_HASH_BYTES)
		return -1;
	c->ndocs = (size_t)docs;
	c->buckets = (unsigned)buckets;
	c->doc_hashes = p;
	c->keys = p + c->ndocs * SEARCH_HASH_BYTES;
	c->doc_keys = c->keys + c->buckets * SEARCH_HASH_BYTES;
	p = c->doc_keys + search_doc_chunk_count(c->ndocs) * SEARCH_HASH_BYTES;
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
	old = search_cache_hash_at(c->doc_hashes + i * SEARCH_HASH_BYTES);
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
