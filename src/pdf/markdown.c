/* A community's Markdown text as notice paragraphs.
 *
 * cmark parses; its enter/exit events drive the paragraphs.  What paper
 * can show is kept: paragraphs, headings (Hei), numbered and bulleted
 * items, strong emphasis (Hei), quotes and code as indented text, link and
 * image text.  Raw HTML is markup, not text, and is left out. */
#include <cmark.h>
#include <stdio.h>
#include <string.h>

#include "pdf/render.h"
#include "util/utf8.h"

#define MAX_LISTS 16
/* Lists nested deeper than this step in no further: a line of 28
 * characters keeps at least 18 of them for text, however deep the
 * Markdown goes (10,000 levels would otherwise push the text off the
 * page). */
#define MAX_LIST_INDENT 4

struct walk {
	struct ndoc *nd;
	const struct pdf_style *st;
	const char *file;
	unsigned line0;
	long cur;      /* the open paragraph, or -1 */
	int strong;    /* inside ** **: Hei */
	int quote;     /* block quote depth */
	int item_open; /* an item's number awaits its first paragraph */
	int soft;      /* a soft line break is pending */
	int depth;     /* list nesting */
	size_t headings; /* numbered so far: （一）, （二）… */
	struct {
		int ordered, next;
	} lists[MAX_LISTS];
};

static long open_para(struct walk *w, enum role role, cmark_node *n)
{
	int line = cmark_node_get_start_line(n);
	struct lay_para *p = ndoc_add(w->nd, w->st, role, w->file,
				      w->line0 + (unsigned)(line > 0 ? line - 1 : 0));
	int nest = w->depth > 1 ? w->depth - 1 : 0;

	if (nest > MAX_LIST_INDENT)
		nest = MAX_LIST_INDENT;

	/* Nested items step in by one paragraph indent per level. */
	p->indent_rest += nest * p->indent_first;
	p->indent_first += nest * p->indent_first;
	w->soft = 0;
	return (long)w->nd->n - 1;
}

static struct lay_para *cur(struct walk *w, cmark_node *n)
{
	if (w->cur < 0)
		w->cur = open_para(w, w->quote ? R_QUOTE : R_BODY, n);
	return &w->nd->p[w->cur];
}

/* Chinese lines are joined without a space; Latin words keep one. */
static void add_text(struct walk *w, cmark_node *n, const char *s)
{
	struct lay_para *p = cur(w, n);

	if (s == NULL || *s == '\0')
		return;
	if (w->soft && p->nchars > 0) {
		uint32_t next;

		utf8_decode(s, strlen(s), &next);
		if (p->chars[p->nchars - 1].cp < 0x2E80 && next < 0x2E80)
			lay_para_add_cp(p, ' ', PDF_SONG, 0);
	}
	w->soft = 0;
	if (w->strong)
		lay_para_add(p, s, PDF_HEI, 0);
	else
		ndoc_puts(w->st, p, s);
}

static void enter_item(struct walk *w, cmark_node *n)
{
	char num[32];

	w->cur = open_para(w, R_ITEM, n);
	w->item_open = 1;
	if (w->depth > 0 && w->depth <= MAX_LISTS &&
	    w->lists[w->depth - 1].ordered)
		snprintf(num, sizeof(num), "%d.", w->lists[w->depth - 1].next++);
	else
		snprintf(num, sizeof(num), "•");
	ndoc_puts(w->st, &w->nd->p[w->cur], num);
}

/* Whether a heading's text begins with a number of its own: （一）, (1),
 * 1., 一、 */
static int numbered(const char *s)
{
	static const char han[] = "一二三四五六七八九十百";
	size_t n = s ? strlen(s) : 0, k = 0, h;
	uint32_t cp;

	if (n == 0)
		return 0;
	utf8_decode(s, n, &cp);
	if (cp == 0xFF08 || cp == '(' || (cp >= '0' && cp <= '9'))
		return 1;
	/* Han numerals are three bytes each in UTF-8. */
	for (;;) {
		for (h = 0; h + 3 < sizeof(han); h += 3)
			if (k + 3 <= n && memcmp(han + h, s + k, 3) == 0)
				break;
		if (h + 3 >= sizeof(han))
			break;
		k += 3;
	}
	return k > 0 && strncmp(s + k, "、", 3) == 0;
}

/* The community's headings sit under "具体改造方案", a first-level
 * heading: they are the second level, numbered （一）, （二）… as GB/T
 * 9704 numbers it, unless the clerk numbered them already. */
static void number_heading(struct walk *w, cmark_node *n)
{
	cmark_node *t = cmark_node_first_child(n);
	char num[32];

	if (t && cmark_node_get_type(t) == CMARK_NODE_TEXT &&
	    numbered(cmark_node_get_literal(t)))
		return;
	snprintf(num, sizeof(num), "（%s）", pdf_numeral(w->headings++));
	ndoc_puts(w->st, &w->nd->p[w->cur], num);
}

static void code_block(struct walk *w, cmark_node *n)
{
	const char *s = cmark_node_get_literal(n);
	size_t len = s ? strlen(s) : 0;
	struct lay_para *p;

	w->cur = open_para(w, R_CODE, n);
	p = &w->nd->p[w->cur];
	while (len && s[len - 1] == '\n')
		len--;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);

		k += k == 0; /* a bad byte: U+FFFD, skipped */
		lay_para_add_cp(p, cp == '\n' ? LAY_NEWLINE : cp, PDF_SONG, 0);
		i += k;
	}
	w->cur = -1;
}

static void enter(struct walk *w, cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		if (w->item_open)
			w->item_open = 0;
		else
			w->cur = open_para(w, w->quote ? R_QUOTE :
					   w->depth ? R_ITEM : R_BODY, n);
		break;
	case CMARK_NODE_HEADING:
		w->cur = open_para(w, R_SUBHEAD, n);
		number_heading(w, n);
		break;
	case CMARK_NODE_LIST:
		if (w->depth < MAX_LISTS) {
			w->lists[w->depth].ordered =
				cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
			w->lists[w->depth].next = cmark_node_get_list_start(n);
		}
		w->depth++;
		w->cur = -1;
		break;
	case CMARK_NODE_ITEM:
		enter_item(w, n);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		w->quote++;
		w->cur = -1;
		break;
	case CMARK_NODE_CODE_BLOCK:
		code_block(w, n);
		break;
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		add_text(w, n, cmark_node_get_literal(n));
		break;
	case CMARK_NODE_SOFTBREAK:
		w->soft = 1;
		break;
	case CMARK_NODE_LINEBREAK:
		lay_para_add_cp(cur(w, n), LAY_NEWLINE, PDF_SONG, 0);
		break;
	case CMARK_NODE_STRONG:
		w->strong++;
		break;
	default: /* emphasis, links, images: their text; HTML: markup */
		break;
	}
}

static void leave(struct walk *w, cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
	case CMARK_NODE_HEADING:
	case CMARK_NODE_ITEM:
		w->cur = -1;
		w->item_open = 0;
		break;
	case CMARK_NODE_LIST:
		w->depth--;
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		w->quote--;
		break;
	case CMARK_NODE_STRONG:
		w->strong--;
		break;
	default:
		break;
	}
}

void pdf_markdown_append(struct ndoc *nd, const struct pdf_style *st, const char *md,
			 const char *file, unsigned line0)
{
	cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	cmark_iter *it = cmark_iter_new(doc);
	struct walk w;
	cmark_event_type ev;

	memset(&w, 0, sizeof(w));
	w.nd = nd;
	w.st = st;
	w.file = file;
	w.line0 = line0 ? line0 : 1;
	w.cur = -1;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev == CMARK_EVENT_ENTER)
			enter(&w, n);
		else if (ev == CMARK_EVENT_EXIT)
			leave(&w, n);
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
}
