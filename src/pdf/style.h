/* The notice layout of a theme: themes/NAME/notice.yaml.
 *
 * Every number of the page design lives in that file, not here; lengths
 * are converted to points (1/72 inch) on reading. */
#ifndef GONGSHI_PDF_STYLE_H
#define GONGSHI_PDF_STYLE_H

#include "util/diag.h"

/* Which configured face a kind of text prefers (site.yaml pdf.fonts). */
/* 仿宋 (GB/T 9704's body face) and 小标宋 (its title face) have no free
 * version in Debian: unless site.yaml names licensed ones, the Song and
 * the Hei faces stand in for them. */
enum pdf_face {
	PDF_SONG = 0,
	PDF_HEI = 1,
	PDF_KAI = 2,
	PDF_FANGSONG = 3,
	PDF_BIAOSONG = 4,
};
/* How many faces are named (slots before the fallbacks). */
#define PDF_NFACES 5

struct pdf_style {
	double page_w, page_h;			/* page */
	double left, top, width, height;	/* text block (版心) */
	double body_size;
	long chars_per_line, lines_per_page;
	double indent_chars;			/* first-line indent */
	int body_face, heading_face, subheading_face;
	double title_size, title_leading;
	int title_face;
	double header_size, header_rule, header_gap, header_after;
	int header_face;
	double header_rgb[3];
	double pageno_size, pageno_below, pageno_indent_chars;
	double sign_right_chars;		/* 成文日期右空四字 */
	double qr_size, caption_size;
	int booklet_odd_start;
};

/* One key of a layout file (notice.yaml, poster.yaml): `section.name`,
 * stored at offset `off` of the struct being filled, as a `kind`; numbers
 * must lie in [min, max] after conversion to points. */
enum pdf_key_kind {
	PDF_KEY_MM,	/* millimetres, stored as points (double) */
	PDF_KEY_PT,	/* points (double) */
	PDF_KEY_COUNT,	/* a whole number (long) */
	PDF_KEY_NUMBER, /* double */
	PDF_KEY_FACE,	/* song, hei, kai, fangsong, biaosong (int) */
	PDF_KEY_COLOR,	/* "#RRGGBB" (double[3]) */
	PDF_KEY_FLAG,	/* true, false (int) */
};

struct pdf_key {
	const char *section, *name;
	int kind; /* enum pdf_key_kind */
	size_t off;
	double min, max;
};

/* A table of keys: `n` of them at `v`. */
struct pdf_keys {
	const struct pdf_key *v;
	size_t n;
};
#define PDF_KEYS(table) ((struct pdf_keys){ (table), sizeof(table) / sizeof(*(table)) })

/* Fills `dst` from the YAML `text` (`len` bytes, NUL-terminated, shown
 * as `display`): every key of `keys` is required.  0, or -1 with a
 * located diagnostic per missing or bad key. */
int pdf_keys_parse(void *dst, struct pdf_keys keys, const char *text,
		   size_t len, const char *display, diags *d);

/* Reads `path` (shown as `display` in diagnostics) into `st`.  Every key
 * is required, so a theme's notice.yaml is complete and self-describing.
 * Returns 0, or -1 with diagnostics. */
int pdf_style_load(struct pdf_style *st, const char *path,
		   const char *display, diags *d);
/* The same from the `len` bytes of `text` (NUL-terminated), for a theme
 * whose notice.yaml is compiled in. */
int pdf_style_parse(struct pdf_style *st, const char *text, size_t len,
		    const char *display, diags *d);

/* Derived: the distance between two baselines of body text, and the
 * tracking that fits chars_per_line characters into the block's width. */
double pdf_style_line(const struct pdf_style *st);
double pdf_style_tracking(const struct pdf_style *st);

#endif
