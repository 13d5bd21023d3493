#include "html/markdown.h"

#include <stdlib.h>
#include <string.h>

#include <cmark.h>

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
	put_rendered(out, cmark_render_html(doc, options(unsafe)));
	cmark_node_free(doc);
}

void markdown_inline_html(buf *out, const char *md, int unsafe)
{
	cmark_node *doc = parse(md);
	cmark_node *first = cmark_node_first_child(doc);

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

void text_excerpt(buf *out, const char *text, size_t max)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t chars = 0;
	int space = 0;

	while (*p && is_space(*p))
		p++;
	for (; *p; p++) {
		if (is_space(*p)) {
			space = 1;
			continue;
		}
		if ((*p & 0xC0) != 0x80) {
			if (chars + space >= max) {
				buf_puts(out, "…");
				return;
			}
			if (space)
				buf_putc(out, ' ');
			chars += (size_t)space + 1;
			space = 0;
		}
		buf_putc(out, *p);
	}
}
