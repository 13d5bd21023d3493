/* Mustache source to tokens.
 *
 * Set-delimiter tags are applied here, while scanning, because they
 * decide where later tags start; everything after this works on tokens
 * and never looks at delimiters again. */
#include <stdlib.h>
#include <string.h>

#include "template/mustache_impl.h"
#include "util/xalloc.h"

struct lexer {
	const char *src;
	size_t len;
	const char *path;
	diags *d;
	struct toks *out;
	unsigned line, col; /* of offset `scanned`; col counts characters */
	size_t scanned;
	const char *otag, *ctag;
	size_t otag_n, ctag_n;
};

static const char *find(const char *hay, size_t hay_n, const char *needle,
			size_t needle_n)
{
	if (needle_n == 0 || needle_n > hay_n)
		return NULL;
	for (size_t i = 0; i + needle_n <= hay_n; i++) {
		if (hay[i] == needle[0] &&
		    memcmp(hay + i, needle, needle_n) == 0)
			return hay + i;
	}
	return NULL;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Moves the line and column forward to offset `to`.  Columns count
 * characters: UTF-8 continuation bytes do not start one. */
static void advance(struct lexer *lx, size_t to)
{
	for (size_t i = lx->scanned; i < to; i++) {
		unsigned char c = (unsigned char)lx->src[i];

		if (c == '\n') {
			lx->line++;
			lx->col = 1;
		} else if ((c & 0xC0) != 0x80) {
			lx->col++;
		}
	}
	lx->scanned = to;
}

static struct tok *push(struct lexer *lx, enum tok_type type, size_t start,
			size_t end)
{
	struct toks *t = lx->out;
	struct tok *k;

	t->v = xgrow(t->v, &t->cap, t->n + 1, sizeof(*t->v));
	k = &t->v[t->n++];
	memset(k, 0, sizeof(*k));
	k->type = type;
	k->start = start;
	k->end = end;
	advance(lx, start);
	k->line = lx->line;
	k->col = lx->col;
	return k;
}

/* One token per line of text, so each newline ends a token. */
static void text(struct lexer *lx, size_t from, size_t to)
{
	while (from < to) {
		const char *nl = memchr(lx->src + from, '\n', to - from);
		size_t end = nl ? (size_t)(nl - lx->src) + 1 : to;
		struct tok *k = push(lx, TOK_TEXT, from, end);

		k->s = lx->src + from;
		k->n = end - from;
		from = end;
	}
}

/* The closing delimiter of a tag starting content at `from`; for {{{x}}}
 * and {{=a b=}} it must follow the matching `}` or `=`, given as `pre`.
 * Returns the offset of `pre` (or of the delimiter), or -1 when absent. */
static long find_close(const struct lexer *lx, size_t from, char pre)
{
	size_t at = from;

	for (;;) {
		const char *q = find(lx->src + at, lx->len - at, lx->ctag,
				     lx->ctag_n);
		size_t i;

		if (!q)
			return -1;
		i = (size_t)(q - lx->src);
		if (!pre)
			return (long)i;
		if (i > from && lx->src[i - 1] == pre)
			return (long)(i - 1);
		at = i + 1;
	}
}

static void trim(const char **s, size_t *n)
{
	while (*n && is_blank(**s))
		(*s)++, (*n)--;
	while (*n && is_blank((*s)[*n - 1]))
		(*n)--;
}

/* {{=<% %>=}}: exactly two blank-separated delimiters, neither holding
 * an equals sign. */
static int set_delims(struct lexer *lx, const char *s, size_t n)
{
	size_t a = 0, b;

	while (a < n && !is_blank(s[a]))
		a++;
	b = a;
	while (b < n && is_blank(s[b]))
		b++;
	if (a == 0 || b == a || b == n || memchr(s, '=', n))
		return -1;
	for (size_t i = b; i < n; i++) {
		if (is_blank(s[i]))
			return -1;
	}
	lx->otag = s;
	lx->otag_n = a;
	lx->ctag = s + b;
	lx->ctag_n = n - b;
	return 0;
}

/* `pre` is the } of {{{x}}} or the = of {{=a b=}}, or 0. */
static int unclosed(struct lexer *lx, const struct tok *k, char pre)
{
	buf want = BUF_INIT;

	if (pre)
		buf_putc(&want, pre);
	buf_put(&want, lx->ctag, lx->ctag_n);
	diag_error(lx->d, lx->path, k->line, k->col, buf_cstr(&want),
		   "未闭合的标签，缺少“%s”", want.data);
	buf_free(&want);
	return -1;
}

/* Reads the tag whose opening delimiter is at `at`; returns the offset
 * just past it, or -1 after reporting. */
static long tag(struct lexer *lx, size_t at)
{
	static const char sigils[] = "#^/!>=<$&{";
	size_t p = at + lx->otag_n;
	struct tok *k = push(lx, TOK_TAG, at, at);
	char pre;
	long close;

	if (p < lx->len && lx->src[p] && strchr(sigils, lx->src[p]))
		k->sigil = lx->src[p++];
	pre = k->sigil == '{' ? '}' : k->sigil == '=' ? '=' : 0;
	close = find_close(lx, p, pre);
	if (close < 0)
		return unclosed(lx, k, pre);
	k->s = lx->src + p;
	k->n = (size_t)close - p;
	k->end = (size_t)close + (pre ? 1 : 0) + lx->ctag_n;
	trim(&k->s, &k->n);
	if ((k->sigil == '>' || k->sigil == '<') && k->n && k->s[0] == '*') {
		k->dynamic = 1;
		k->s++, k->n--;
		trim(&k->s, &k->n);
	}
	if (k->sigil == '=' && set_delims(lx, k->s, k->n) < 0) {
		char *raw = xstrndup(lx->src + k->start, k->end - k->start);

		diag_error(lx->d, lx->path, k->line, k->col, raw,
			   "分隔符设置“%s”无效，应为两个以空白分开、"
			   "不含“=”的分隔符", raw);
		free(raw);
		return -1;
	}
	return (long)k->end;
}

int mustache_lex(const char *src, size_t len, const char *path, diags *d,
		 struct toks *out)
{
	struct lexer lx = { src, len, path, d, out, 1, 1, 0,
			    "{{", "}}", 2, 2 };
	size_t pos = 0;

	while (pos < len) {
		const char *q = find(src + pos, len - pos, lx.otag, lx.otag_n);
		size_t at = q ? (size_t)(q - src) : len;
		long end;

		text(&lx, pos, at);
		if (!q)
			break;
		end = tag(&lx, at);
		if (end < 0)
			return -1;
		pos = (size_t)end;
	}
	return 0;
}
