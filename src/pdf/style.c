#include "pdf/style.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "load/file.h"
#include "load/yamldoc.h"
#include "util/arena.h"
#include "util/escape.h"

#define MM_PT (72.0 / 25.4)

enum kind { MM = PDF_KEY_MM, PT = PDF_KEY_PT, COUNT = PDF_KEY_COUNT,
	    NUMBER = PDF_KEY_NUMBER, FACE = PDF_KEY_FACE, COLOR = PDF_KEY_COLOR,
	    FLAG = PDF_KEY_FLAG };

#define F(field) offsetof(struct pdf_style, field)

static const struct pdf_key notice_keys[] = {
	{ "page", "width_mm", MM, F(page_w), 50, 2000 },
	{ "page", "height_mm", MM, F(page_h), 50, 2000 },
	{ "text_block", "top_mm", MM, F(top), 0, 1000 },
	{ "text_block", "left_mm", MM, F(left), 0, 1000 },
	{ "text_block", "width_mm", MM, F(width), 50, 2000 },
	{ "text_block", "height_mm", MM, F(height), 50, 2000 },
	{ "body", "size_pt", PT, F(body_size), 4, 72 },
	{ "body", "chars_per_line", COUNT, F(chars_per_line), 4, 200 },
	{ "body", "lines_per_page", COUNT, F(lines_per_page), 4, 200 },
	{ "body", "indent_chars", NUMBER, F(indent_chars), 0, 10 },
	{ "body", "face", FACE, F(body_face), 0, 0 },
	{ "heading", "face", FACE, F(heading_face), 0, 0 },
	{ "subheading", "face", FACE, F(subheading_face), 0, 0 },
	{ "title", "size_pt", PT, F(title_size), 4, 144 },
	{ "title", "leading_pt", PT, F(title_leading), 4, 300 },
	{ "title", "face", FACE, F(title_face), 0, 0 },
	{ "header", "size_pt", PT, F(header_size), 4, 144 },
	{ "header", "face", FACE, F(header_face), 0, 0 },
	{ "header", "color", COLOR, F(header_rgb), 0, 0 },
	{ "header", "rule_pt", PT, F(header_rule), 0.1, 20 },
	{ "header", "rule_gap_mm", MM, F(header_gap), 0, 300 },
	{ "header", "after_mm", MM, F(header_after), 0, 300 },
	{ "page_number", "size_pt", PT, F(pageno_size), 4, 72 },
	{ "page_number", "below_mm", MM, F(pageno_below), 0, 300 },
	{ "page_number", "indent_chars", NUMBER, F(pageno_indent_chars), 0, 10 },
	{ "signature", "right_chars", NUMBER, F(sign_right_chars), 0, 20 },
	{ "qr", "size_mm", MM, F(qr_size), 10, 300 },
	{ "qr", "caption_size_pt", PT, F(caption_size), 4, 72 },
	{ "booklet", "odd_page_start", FLAG, F(booklet_odd_start), 0, 0 },
};

/* Parses one value into the style; 0, or -1 when it is not valid. */
static int set_value(void *st, const struct pdf_key *k, const char *v)
{
	char *base = (char *)st + k->off, *end;
	double x;

	switch (k->kind) {
	case FACE:
		if (strcmp(v, "song") == 0)
			*(int *)(void *)base = PDF_SONG;
		else if (strcmp(v, "hei") == 0)
			*(int *)(void *)base = PDF_HEI;
		else if (strcmp(v, "kai") == 0)
			*(int *)(void *)base = PDF_KAI;
		else if (strcmp(v, "fangsong") == 0)
			*(int *)(void *)base = PDF_FANGSONG;
		else if (strcmp(v, "biaosong") == 0)
			*(int *)(void *)base = PDF_BIAOSONG;
		else
			return -1;
		return 0;
	case FLAG:
		if (strcmp(v, "true") && strcmp(v, "false"))
			return -1;
		*(int *)(void *)base = strcmp(v, "true") == 0;
		return 0;
	case COLOR:
		if (strlen(v) != 7 || v[0] != '#')
			return -1;
		for (int i = 0; i < 3; i++) {
			int hi = escape_hex_digit_value(v[1 + 2 * i]), lo = escape_hex_digit_value(v[2 + 2 * i]);

			if (hi < 0 || lo < 0)
				return -1;
			((double *)(void *)base)[i] = (hi * 16 + lo) / 255.0;
		}
		return 0;
	case MM:
	case PT:
	case COUNT:
	case NUMBER:
		break;
	}
	x = strtod(v, &end);
	if (end == v || *end != '\0')
		return -1;
	if (k->kind == MM)
		x *= MM_PT;
	if (x < k->min || x > k->max)
		return -1;
	if (k->kind == COUNT) {
		if (x != (double)(long)x)
			return -1;
		*(long *)(void *)base = (long)x;
	} else {
		*(double *)(void *)base = x;
	}
	return 0;
}

static const char *expect(int k)
{
	switch ((enum kind)k) {
	case FACE:
		return "song、hei、kai、fangsong 或 biaosong";
	case FLAG:
		return "true 或 false";
	case COLOR:
		return "#RRGGBB 形式的颜色";
	case COUNT:
		return "整数";
	case MM:
	case PT:
	case NUMBER:
		break;
	}
	return "数值";
}

/* Sets `st`'s fields from `y`; whether a key was missing or bad. */
static int read_keys(void *st, struct pdf_keys keys, struct yamldoc *y,
		     const char *display, diags *d)
{
	yaml_node_t *root = yamldoc_root(y);
	int bad = 0;

	for (size_t i = 0; i < keys.n; i++) {
		const struct pdf_key *k = &keys.v[i];
		yaml_node_t *sec = yamldoc_get(y, root, k->section);
		yaml_node_t *n = yamldoc_get(y, sec, k->name);
		const char *v = yamldoc_scalar(n);

		if (n == NULL) {
			diag_error(d, display, 0, 0, NULL,
				   "缺少版式参数“%s.%s”", k->section,
				   k->name);
			bad = 1;
		} else if (v == NULL || set_value(st, k, v) < 0) {
			diag_error(d, display, yamldoc_line(y, n),
				   yamldoc_col(n), v,
				   "版式参数“%s.%s”的值“%s”无效，应为%s",
				   k->section, k->name, v ? v : "",
				   expect(k->kind));
			bad = 1;
		}
	}
	return bad;
}

int pdf_keys_parse(void *st, struct pdf_keys keys, const char *text,
		   size_t len, const char *display, diags *d)
{
	struct yamldoc y;
	int bad;

	if (yamldoc_parse(&y, text, len, display, 0, d) < 0)
		return -1;
	bad = read_keys(st, keys, &y, display, d);
	yamldoc_free(&y);
	return bad ? -1 : 0;
}

int pdf_style_parse(struct pdf_style *st, const char *text, size_t len,
		    const char *display, diags *d)
{
	int bad;

	memset(st, 0, sizeof(*st));
	bad = pdf_keys_parse(st, PDF_KEYS(notice_keys), text, len, display,
			     d) < 0;
	if (!bad && (st->left + st->width > st->page_w ||
		     st->top + st->height > st->page_h)) {
		diag_error(d, display, 0, 0, NULL, "版心超出了页面");
		bad = 1;
	}
	return bad ? -1 : 0;
}

int pdf_style_load(struct pdf_style *st, const char *path,
		   const char *display, diags *d)
{
	arena *a = arena_new();
	char *text;
	size_t len;
	int rc = -1;

	memset(st, 0, sizeof(*st));
	if (file_read(path, display, a, d, &text, &len) == 0)
		rc = pdf_style_parse(st, text, len, display, d);
	arena_free(a);
	return rc;
}

double pdf_style_line(const struct pdf_style *st)
{
	return st->height / (double)st->lines_per_page;
}

double pdf_style_tracking(const struct pdf_style *st)
{
	long n = st->chars_per_line;

	return (st->width - (double)n * st->body_size) / (double)(n - 1);
}
