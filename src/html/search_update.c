/* The update of the last build's search index (search_update.h) with
 * the words of the documents that changed. */
#include "html/search_update.h"

#include <stdlib.h>
#include <string.h>

#include "html/search_write.h"
#include "util/xalloc.h"

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
static int decode_checked(const struct search_postings *p, size_t ndocs, struct entries *e)
{
	const unsigned char *q = p->p, *end = q + p->len;
	uint64_t doc = 0, v;

	e->n = 0;
	while (q < end) {
		if (search_cache_get_num(&q, end, &v) < 0 || (e->n && (v >> 1) == 0) ||
		    (v >> 1) >= ndocs - doc)
			return -1;
		doc += v >> 1;
		entries_push(e, doc << 1 | (v & 1));
	}
	return 0;
}

static void encode(struct search_postings *out, const struct entries *e)
{
	uint64_t prev = 0;

	for (size_t i = 0; i < e->n; i++) {
		unsigned char b[10];
		uint64_t doc = e->v[i] >> 1;

		search_postings_put(out, b, search_put_varint(b, (doc - prev) * 2 + (e->v[i] & 1)));
		prev = doc;
	}
}

/* The tokens of the new index, in byte order, as they are found: the
 * last build's unchanged (with their cache records, which the next cache
 * file copies) or with new postings, and the changed documents' new
 * ones. */
struct update {
	const struct search_cache *c;
	unsigned char *changed; /* one byte a document: it changed */
	struct search_term *v;
	size_t n;
	struct search_postings *fresh; /* postings made here, one slot per token */
	size_t room;		       /* slots in v and fresh */
	uint32_t *gone;		       /* chunk hashes (mod 2^16) of dropped tokens */
	size_t ngone, gonecap;
	struct entries old, add, out;
};

/* Adds a token whose postings `post` are not the last build's to the
 * new index: search_write() measures its entry. */
static void take(struct update *u, const char *name, size_t len, const struct search_postings *post)
{
	u->v[u->n++] = (struct search_term){ name, len, post, 0, NULL, 0 };
}

/* Token `t` of the last build, unchanged: its entry length and record
 * are the last build's. */
static void keep(struct update *u, const struct search_cached_tok *t)
{
	u->v[u->n++] = t->t;
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
static int scan(const struct search_postings *p, size_t ndocs, const unsigned char *changed)
{
	const unsigned char *q = p->p, *end = q + p->len;
	uint64_t doc = 0, v;
	int hit = 0;

	for (size_t n = 0; q < end; n++) {
		if (search_cache_get_num(&q, end, &v) < 0 || (n && (v >> 1) == 0) ||
		    (v >> 1) >= ndocs - doc)
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
static int update_old(struct update *u, const struct search_cached_tok *t,
		      const struct search_term *add)
{
	struct search_postings *p = &u->fresh[u->n];
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
		drop(u, t->t.name, t->t.len);
		return 0;
	}
	p->len = 0;
	encode(p, &u->out);
	/* Most words of an edited document are still there, in the same
	 * places: their chunks need not change. */
	if (p->len == t->post.len && memcmp(p->p, t->post.p, p->len) == 0)
		keep(u, t);
	else
		take(u, t->t.name, t->t.len, p);
	return 0;
}

/* The new index's tokens: the last build's and the changed documents',
 * both in byte order, merged. */
static int update_tokens(struct update *u, const struct search_term *cv, size_t nc)
{
	const struct search_cache *c = u->c;
	size_t i = 0, j = 0;

	while (i < c->ntok || j < nc) {
		int cmp = i == c->ntok ? 1 : j == nc ? -1 : strcmp(c->tok[i].t.name, cv[j].name);

		if (cmp > 0) {
			take(u, cv[j].name, cv[j].len, cv[j].post);
			j++;
		} else if (update_old(u, &c->tok[i++], cmp == 0 ? &cv[j++] : NULL) < 0) {
			return -1;
		}
	}
	return 0;
}

static void update_init(struct update *u, const struct search_cache *c,
			const struct search_doc_list *docs, size_t nc)
{
	size_t room = c->ntok + nc + 1;

	memset(u, 0, sizeof(*u));
	u->c = c;
	u->room = room;
	u->v = xcalloc(room, sizeof(*u->v));
	u->fresh = xcalloc(room, sizeof(*u->fresh));
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
	free(u->gone);
	free(u->changed);
	free(u->old.v);
	free(u->add.v);
	free(u->out.v);
}

int search_update_write(const struct search_cache *c, struct search_index *whole,
			struct search_index *changed, const struct search_sink *sink)
{
	const struct search_doc_list *docs = search_index_doc_list(whole);
	buf names = BUF_INIT;
	size_t nc;
	struct search_term *cv = search_index_tokens(changed, &names, &nc);
	struct update u;
	int rc;

	if (docs->n != c->ndocs) {
		free(cv);
		buf_free(&names);
		return -2;
	}
	update_init(&u, c, docs, nc);
	if (update_tokens(&u, cv, nc) < 0) {
		rc = -2;
	} else {
		struct search_out o = { u.v, u.n, docs, c, u.changed, u.gone, u.ngone };

		rc = search_write(&o, sink);
	}
	update_free(&u);
	free(cv);
	buf_free(&names);
	return rc;
}
