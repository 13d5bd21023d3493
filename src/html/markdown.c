#include "html/markdown.h"

#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "util/xalloc.h"

static cmark_node *parse(const char *md)
{
	return cmark_parse_document(md, strlen(md), CMARK_OPT_VALIDATE_UTF8);
}

static int options(int unsafe)
{
	return unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT;
}

static void shift_headings(cmark_node *doc, int top)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	int least = 7;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(n) < least)
			least = cmark_node_get_heading_level(n);
	}
	if (least < 7 && least != top) {
		cmark_iter_reset(it, doc, CMARK_EVENT_ENTER);
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			cmark_node *n = cmark_iter_get_node(it);
			int level;

			if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_HEADING)
				continue;
			level = cmark_node_get_heading_level(n) - least + top;
			cmark_node_set_heading_level(n, level > 6 ? 6 : level);
		}
	}
	cmark_iter_free(it);
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static size_t digits(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && is_digit(s[n]))
		n++;
	return n;
}

/* The length of the phone number at `s`, or 0: a landline with its area
 * code and a hyphen (0632-4411234: 0, two or three digits, "-", seven or
 * eight digits) or a mobile number (eleven digits 1[3-9]…, or 3-4-4 with
 * hyphens).  A number must stand alone: no digit, letter, "." or "-"
 * just before it (`before`, 0 at the start), and no digit after it, nor
 * "-" and a digit (a longer code, not a number to call). */
static size_t phone_at(const char *s, char before)
{
	size_t n = 0, a, b;

	if (is_digit(before) || before == '-' || before == '.' || before == '_' ||
	    (before >= 'a' && before <= 'z') || (before >= 'A' && before <= 'Z'))
		return 0;
	if (s[0] == '0') {
		a = digits(s + 1, 4);
		b = s[1 + a] == '-' ? digits(s + 2 + a, 9) : 0;
		if (a >= 2 && a <= 3 && b >= 7 && b <= 8)
			n = 2 + a + b;
	} else if (s[0] == '1' && s[1] >= '3' && s[1] <= '9') {
		if (digits(s, 12) == 11)
			n = 11;
		else if (digits(s, 4) == 3 && s[3] == '-' && digits(s + 4, 5) == 4 &&
			 s[8] == '-' && digits(s + 9, 5) == 4)
			n = 13;
	}
	if (n && (is_digit(s[n]) || (s[n] == '-' && is_digit(s[n + 1]))))
		return 0;
	return n;
}

static int inside_link(cmark_node *n)
{
	for (n = cmark_node_parent(n); n; n = cmark_node_parent(n))
		if (cmark_node_get_type(n) == CMARK_NODE_LINK ||
		    cmark_node_get_type(n) == CMARK_NODE_IMAGE)
			return 1;
	return 0;
}

static cmark_node *text_node(const char *s, size_t len)
{
	cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
	char *copy = xstrndup(s, len);

	cmark_node_set_literal(t, copy);
	free(copy);
	return t;
}

/* Splits the text node `n` around each phone number in it, each number
 * becoming a tel: link of the digits as written; the node keeps the text
 * after the last one. */
static void link_phones_in(cmark_node *n)
{
	char *text = xstrdup(cmark_node_get_literal(n));
	size_t from = 0;

	for (size_t i = 0; text[i]; i++) {
		size_t len = phone_at(text + i, i ? text[i - 1] : 0);
		cmark_node *link;
		char *url;

		if (len == 0)
			continue;
		if (i > from)
			cmark_node_insert_before(n, text_node(text + from, i - from));
		link = cmark_node_new(CMARK_NODE_LINK);
		url = xmalloc(len + 5);
		memcpy(url, "tel:", 4);
		memcpy(url + 4, text + i, len);
		url[len + 4] = '\0';
		cmark_node_set_url(link, url);
		free(url);
		cmark_node_append_child(link, text_node(text + i, len));
		cmark_node_insert_before(n, link);
		i += len - 1;
		from = i + 1;
	}
	if (from)
		cmark_node_set_literal(n, text + from);
	free(text);
}

/* The nodes of `doc` that `want` picks, in document order, into a
 * malloc'd array (free it) of *n: gathered before any is changed, since
 * the tree must not change under the iterator. */
static cmark_node **gather(cmark_node *doc, int (*want)(cmark_node *), size_t *n)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node **found = NULL;
	size_t cap = 0;

	*n = 0;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *t = cmark_iter_get_node(it);

		if (ev != CMARK_EVENT_ENTER || !want(t))
			continue;
		if (*n == cap)
			found = xrealloc(found, (cap = cap ? 2 * cap : 16) * sizeof(*found));
		found[(*n)++] = t;
	}
	cmark_iter_free(it);
	return found;
}

/* Text outside a link (code spans are not text nodes). */
static int is_prose(cmark_node *t)
{
	return cmark_node_get_type(t) == CMARK_NODE_TEXT && !inside_link(t);
}

/* Phone numbers in prose become tap-to-call links, as the sheets' numbers
 * are (the pages turn off the phone's own guessing with format-detection:
 * it also takes dates and amounts for numbers). */
static void link_phones(cmark_node *doc)
{
	size_t n;
	cmark_node **found = gather(doc, is_prose, &n);

	for (size_t i = 0; i < n; i++)
		link_phones_in(found[i]);
	free(found);
}

static int is_break(cmark_node *t)
{
	cmark_node_type type = cmark_node_get_type(t);

	return type == CMARK_NODE_LINEBREAK || type == CMARK_NODE_THEMATIC_BREAK;
}

/* cmark writes the void elements of XHTML ("<br />", "<hr />"), which the
 * Nu HTML checker reports on every page with a hard line break or a rule.
 * They become custom nodes written as HTML5 writes them; custom nodes are
 * written as given even in safe mode, and the text is fixed here, never a
 * writer's. */
static void html5_breaks(cmark_node *doc)
{
	size_t n;
	cmark_node **found = gather(doc, is_break, &n);

	for (size_t i = 0; i < n; i++) {
		int rule = cmark_node_get_type(found[i]) == CMARK_NODE_THEMATIC_BREAK;
		cmark_node *c = cmark_node_new(rule ? CMARK_NODE_CUSTOM_BLOCK : CMARK_NODE_CUSTOM_INLINE);

		cmark_node_set_on_enter(c, rule ? "<hr>" : "<br>\n");
		cmark_node_replace(found[i], c);
		cmark_node_free(found[i]);
	}
	free(found);
}

/* cmark allocates with malloc: its strings are handed back with free. */
static void put_rendered(buf *out, char *html)
{
	buf_puts(out, html);
	free(html);
}

void markdown_html(buf *out, const char *md, int unsafe, int top)
{
	cmark_node *doc = parse(md);

	shift_headings(doc, top);
	link_phones(doc);
	html5_breaks(doc);
	put_rendered(out, cmark_render_html(doc, options(unsafe)));
	cmark_node_free(doc);
}

void markdown_inline_html(buf *out, const char *md, int unsafe)
{
	cmark_node *doc = parse(md);
	cmark_node *first = cmark_node_first_child(doc);

	link_phones(doc);
	html5_breaks(doc);
	if (first && first == cmark_node_last_child(doc) &&
	    cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH) {
		for (cmark_node *c = cmark_node_first_child(first); c; c = cmark_node_next(c))
			put_rendered(out, cmark_render_html(c, options(unsafe)));
	} else {
		put_rendered(out, cmark_render_html(doc, options(unsafe)));
	}
	cmark_node_free(doc);
}

static int is_block(cmark_node_type t)
{
	return t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING ||
	       t == CMARK_NODE_CODE_BLOCK || t == CMARK_NODE_ITEM ||
	       t == CMARK_NODE_THEMATIC_BREAK;
}

void markdown_text(buf *out, const char *md)
{
	cmark_node *doc = parse(md);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);

		if (ev == CMARK_EVENT_EXIT) {
			if (is_block(t) && out->len && out->data[out->len - 1] != '\n')
				buf_putc(out, '\n');
			continue;
		}
		switch (t) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			buf_puts(out, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(out, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* Whether the character whose UTF-8 starts at `p` is written without
 * spaces around it: CJK punctuation, kana and ideographs (U+3000 to
 * U+9FFF), full-width forms (U+FF00 to U+FFEF, "，" "：" "（"), and the
 * supplementary ideographs (U+20000 to U+3FFFF).  Told from the first two
 * bytes, which fix the range; `p` is NUL-terminated. */
static int is_wide(const unsigned char *p)
{
	if (p[0] >= 0xE3 && p[0] <= 0xE9)
		return 1;
	if (p[0] == 0xEF)
		return p[1] >= 0xBC && p[1] <= 0xBF;
	return p[0] == 0xF0 && p[1] >= 0xA0 && p[1] <= 0xBF;
}

/* A run of white space becomes one space between two words of a spaced
 * script, and nothing next to a Chinese character or punctuation mark:
 * the paragraphs and line breaks of a Chinese text join as they read
 * ("公示期7天。公示内容", not "公示期7天。 公示内容"). */
void markdown_excerpt(buf *out, const char *text, size_t max)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t chars = 0;
	int space = 0, wide = 0;

	while (*p && is_space(*p))
		p++;
	for (; *p; p++) {
		if (is_space(*p)) {
			space = 1;
			continue;
		}
		if ((*p & 0xC0) != 0x80) {
			int now = is_wide(p);

			if (space && (wide || now))
				space = 0;
			if (chars + space >= max) {
				buf_puts(out, "…");
				return;
			}
			if (space)
				buf_putc(out, ' ');
			chars += (size_t)space + 1;
			space = 0;
			wide = now;
		}
		buf_putc(out, *p);
	}
}
