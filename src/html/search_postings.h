/* What every part of the search index shares (search.c building it,
 * search_write.c writing its files, search_cache.c keeping it for the
 * next build, search_update.c updating it): how postings are encoded, a
 * token as it is written, and what the index keeps of each document.
 * Header only; private to src/html/search*.c and their tests. */
#ifndef GONGSHI_HTML_SEARCH_POSTINGS_H
#define GONGSHI_HTML_SEARCH_POSTINGS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util/hash.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* The postings of a token, one entry per document holding it, as a
 * varint (7 bits a byte, low bits first, the high bit set on every byte
 * but the last) of (doc - previous doc) * 2, + 1 when the doc's title
 * holds the token; the first entry counts from doc 0.  Docs arrive in
 * order, each title before its text, so an entry is final when it is
 * written.  Most gaps are small, so an entry takes about one byte where
 * a doc number took four, and appending one index to another rewrites
 * only the first entry of each token.  The same bytes are kept in the
 * cache file, so one token's postings have one encoding only. */
struct search_postings {
	unsigned char *p;
	size_t len, cap; /* cap 0: `p` points into memory owned elsewhere */
};

static inline void search_postings_put(struct search_postings *p, const unsigned char *bytes,
				       size_t n)
{
	if (n == 0)
		return;
	p->p = xgrow(p->p, &p->cap, p->len + n, 1);
	memcpy(p->p + p->len, bytes, n);
	p->len += n;
}

/* The most bytes one entry takes: a gap below 2^32, times 2, plus 1. */
#define SEARCH_VARINT_MAX 5

/* Writes `v` at `out` (room for 10 bytes); returns the number of bytes. */
static inline size_t search_put_varint(unsigned char *out, uint64_t v)
{
	size_t n = 0;

	while (v >= 0x80) {
		out[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	out[n++] = (unsigned char)v;
	return n;
}

/* Postings made by this program: no bound is checked. */
static inline uint64_t search_get_varint(const unsigned char **p)
{
	uint64_t v = 0;
	unsigned shift = 0;

	while (**p & 0x80) {
		v |= (uint64_t)(**p & 0x7F) << shift;
		shift += 7;
		(*p)++;
	}
	v |= (uint64_t) * (*p)++ << shift;
	return v;
}

/* A token as it is written: its bytes, NUL-terminated, and postings;
 * the length of its entry in its chunk (search_write.c measures it,
 * unless it is carried over); and, when it is the last build's token
 * unchanged, its record in the last cache file (search_cache.c), which
 * the next one copies. */
struct search_term {
	const char *name;
	size_t len;
	const struct search_postings *post;
	size_t entry_len;
	const unsigned char *rec;
	size_t rec_len;
};

/* What the index keeps of a document once its words are counted: the
 * four strings a result shows, as offsets into one pool, so that the
 * text itself is never held for the whole site; and the hash of all five
 * fields (search_doc_hash), which tells the next build whether the
 * document changed. */
struct search_doc_ref {
	size_t title, url, kind, snippet;
	struct hash_value hash;
};

struct search_doc_list {
	buf strings;
	struct search_doc_ref *v;
	size_t n, cap;
};

/* Titles and urls of this many documents share one display chunk. */
#define SEARCH_DOC_CHUNK 32

/* How many document chunks `ndocs` documents take. */
static inline size_t search_doc_chunk_count(size_t ndocs)
{
	return (ndocs + SEARCH_DOC_CHUNK - 1) / SEARCH_DOC_CHUNK;
}

#endif
