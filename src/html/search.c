#include "html/search.h"

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
