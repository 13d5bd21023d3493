/* The search tokenizer, the only one in C: Chinese has no spaces between
 * words, so a run of Han (and kana) characters is cut into each
 * character and each pair of neighbours, "榆树新村" -> 榆 树 榆树 新 树新
 * 村 新村; a run of ASCII letters and digits is a word, lower-cased,
 * full-width letters and digits counting as their ASCII forms;
 * everything else (spaces, punctuation) separates runs.
 *
 * Characters are decoded by util/utf8 (utf8_decode_inline), the one
 * definition of valid UTF-8.  load/ refuses invalid UTF-8, so the text
 * here is valid; were it not, each byte of an invalid sequence would be
 * read as U+FFFD, a separator (neither Han nor a word character).
 *
 * A query is cut the same way by themes/default/assets/search.js, which
 * keeps a character alone only when its run has no pair: both must give
 * the tokens of tests/fixtures/search-tokens.tsv (test_html_search,
 * tests/sh/search-tokens.sh).  Change them together.
 *
 * It is an inline function called with constant callbacks, so that the
 * index (search.c) gets a token as it is read, packed, with no copy and
 * no indirect call: a character is decoded once, inline.  Private to
 * src/html/search*.c and their tests. */
#ifndef GONGSHI_HTML_SEARCH_TOKENS_H
#define GONGSHI_HTML_SEARCH_TOKENS_H

#include <stddef.h>
#include <stdint.h>

#include "util/utf8.h"
#include "util/xalloc.h"

/* Tokens of up to this many bytes are packed into a uint64_t, first byte
 * highest and zero-padded: tokens never hold a NUL byte, so comparing
 * packed keys compares the bytes.  A Han character takes at most 4
 * bytes, so a character and a pair always pack. */
#define SEARCH_SHORT_MAX 8

static inline uint64_t search_pack(const unsigned char *s, size_t len)
{
	uint64_t k = 0;

	for (size_t i = 0; i < len; i++)
		k = k << 8 | s[i];
	return k << (8 * (SEARCH_SHORT_MAX - len));
}

static inline int search_is_han(unsigned cp)
{
	return (cp >= 0x3040 && cp <= 0x30FF) || /* kana */
	       cp == 0x3007 ||			 /* 〇 */
	       (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

/* The ASCII letter or digit `cp` stands for, lower-cased, or 0. */
static inline char search_word_char(unsigned cp)
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

/* Where the tokens go, in the order they end in the text.  `han` gets
 * each Han character, packed, `first` when it starts a run; `pair` each
 * pair, packed, right after its second character; `word` each word. */
struct search_scan_fns {
	void (*han)(void *ctx, uint64_t key, size_t len, int first);
	void (*pair)(void *ctx, uint64_t key, size_t len);
	void (*word)(void *ctx, const char *word, size_t len);
};

/* Room for the word being read, lower-cased, however long; kept from
 * text to text.  Free `p` when done. */
struct search_word {
	char *p;
	size_t len, cap;
};

static inline void search_word_end(struct search_word *w, const struct search_scan_fns *fns,
				   void *ctx)
{
	if (w->len) {
		fns->word(ctx, w->p, w->len);
		w->len = 0;
	}
}

/* Cuts `n` bytes of UTF-8 `text` into tokens for `fns`. */
static inline void search_scan(struct search_word *w, const char *text, size_t n,
			       const struct search_scan_fns *fns, void *ctx)
{
	const unsigned char *s = (const unsigned char *)text;
	uint64_t prev = 0; /* the run's previous Han character, packed; 0: none */
	size_t prevlen = 0, i = 0;

	while (i < n) {
		uint32_t cp;
		size_t len = utf8_decode_inline(text + i, n - i, &cp);
		uint64_t c;
		char wc;

		if (len == 0)
			len = 1; /* invalid: one byte, cp U+FFFD (see above) */
		i += len;
		if (!search_is_han(cp)) {
			prev = 0;
			wc = search_word_char(cp);
			if (wc == 0) {
				search_word_end(w, fns, ctx);
				continue;
			}
			if (w->len == w->cap)
				w->p = xgrow(w->p, &w->cap, w->len + 1, 1);
			w->p[w->len++] = wc;
			continue;
		}
		c = search_pack(s + i - len, len);
		search_word_end(w, fns, ctx);
		fns->han(ctx, c, len, prev == 0);
		if (prev)
			fns->pair(ctx, prev | c >> (8 * prevlen), prevlen + len);
		prev = c;
		prevlen = len;
	}
	search_word_end(w, fns, ctx);
}

#endif
