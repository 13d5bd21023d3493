/* Line breaking and pagination for the PDF notices.
 *
 * Pure: no libharu, no fonts.  Glyph widths come from a callback, so the
 * rules (Chinese 避头尾, unbreakable numbers and Latin words, orphan and
 * keep-with-next control) can be tested with made-up widths.
 *
 * A paragraph is an array of code points, each tagged with an opaque font
 * slot and flags that only the caller interprets.  Lengths are in points;
 * y grows downwards from the top of the text block. */
#ifndef GONGSHI_PDF_LAYOUT_H
#define GONGSHI_PDF_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

/* A code point that ends a line inside a paragraph (Markdown hard break). */
#define LAY_NEWLINE 0x0Au
/* lay_place.line of a box. */
#define LAY_NO_LINE ((size_t)-1)

struct lay_char {
	uint32_t cp;
	unsigned short font;  /* opaque: handed to the measure callback */
	unsigned short flags; /* opaque */
};

enum lay_align { LAY_LEFT, LAY_CENTER, LAY_RIGHT, LAY_JUSTIFY };

struct lay_para {
	struct lay_char *chars; /* owned, freed by lay_para_free */
	size_t nchars, cap;
	double size;	  /* font size */
	double tracking;  /* added between two glyphs; may be negative */
	double leading;	  /* height of one line */
	double indent_first, indent_rest, indent_right;
	enum lay_align align;
	double space_before; /* dropped at the top of a page */
	double space_after;
	/* > 0: an unbreakable box of this height; its chars are not laid
	 * out, the caller draws them itself. */
	double box_height;
	int keep_with_next; /* not the last thing on a page */
	/* A box that does not fit takes the last two lines of the text before
	 * it to the next page (all of them if only one would stay behind),
	 * so that it is never alone on a page: GB/T 9704 forbids a page of
	 * signature only. */
	int keep_with_prev;
	/* The fewest characters on a paragraph's last line (a line of one
	 * or two, 孤字, reads as a leftover): when short, characters come
	 * down from the line before.  0: no minimum. */
	int min_last_chars;
	/* The most a justified line is spread, per gap between two
	 * glyphs, in ems; a line needing more stays ragged.  0: a quarter. */
	double max_stretch;
	int role;	    /* opaque */
	/* A box only: 1 + the index of an earlier box drawn again above it
	 * when it starts a page (a table's header row, pdf/table.h); 0 none.
	 * A box with keep_with_next stays on the page of the box after it. */
	size_t repeat_head;
};

/* One line of a paragraph: chars [start, end), trailing spaces left out. */
struct lay_line {
	size_t para;
	size_t start, end;
	double x;	/* of the first glyph, from the text block's left edge */
	double spacing; /* between two glyphs: tracking plus justification */
	double width;	/* drawn width */
};

/* Where a line (or a box, line == LAY_NO_LINE) went. */
struct lay_place {
	size_t page; /* 0-based */
	size_t para;
	size_t line; /* index into lay_result.lines */
	double y;    /* top of the line's or box's slot */
	double height;
	int repeat; /* a repeat_head box drawn again at the top of a page */
};

struct lay_result {
	struct lay_line *lines;
	size_t nlines, linecap;
	struct lay_place *places;
	size_t nplaces, placecap;
	size_t npages;
};

/* Advance width of one glyph in ems (1.0 = the font size). */
typedef double (*lay_measure_fn)(void *ctx, const struct lay_char *c);

/* The measure and what it measures with (a font set; NULL in tests). */
struct lay_measure {
	lay_measure_fn fn;
	void *ctx;
};

/* Appends the UTF-8 text `s` (bad bytes become U+FFFD) with the given
 * font and flags.  The paragraph owns its chars. */
void lay_para_add(struct lay_para *p, const char *s, unsigned short font,
		  unsigned short flags);
void lay_para_add_cp(struct lay_para *p, uint32_t cp, unsigned short font,
		     unsigned short flags);
void lay_para_free(struct lay_para *p);


/* Whether a line may end between chars `a` and `b` (避头尾 and words). */
int lay_can_break(uint32_t a, uint32_t b);

/* Breaks paragraph `pi` of `paras` into lines no wider than `width` and
 * appends them to `out->lines`.  Returns the number of lines added. */
size_t lay_break(const struct lay_para *paras, size_t pi, double width,
		 const struct lay_measure *m, struct lay_result *out);

/* Breaks every paragraph and places the lines and boxes on pages of a
 * text block `width` x `height`.  Fills `out` (initialised with
 * LAY_RESULT_INIT or zeroed), which the caller frees with lay_result_free. */
void lay_run(const struct lay_para *paras, size_t n, double width,
	     double height, const struct lay_measure *m,
	     struct lay_result *out);
void lay_result_free(struct lay_result *r);

#define LAY_RESULT_INIT { NULL, 0, 0, NULL, 0, 0, 0 }

#endif
