/* Internals shared by the PDF back-end (not for other modules: use
 * pdf/pdf.h).
 *
 * A notice is built in three steps: its wording becomes paragraphs
 * (notice.c, markdown.c) in an `ndoc`, each styled by its role (doc.c);
 * the characters are given fonts and the paragraphs laid out on pages
 * (doc.c, layout.c); then the pages are drawn into a libharu document
 * (draw.c, pdfdoc.c), one notice per file or many in a booklet. */
#ifndef GONGSHI_PDF_RENDER_H
#define GONGSHI_PDF_RENDER_H

#include <hpdf.h>

#include "model/model.h"
#include "pdf/font.h"
#include "pdf/layout.h"
#include "pdf/pdf.h"
#include "pdf/poster_style.h"
#include "pdf/style.h"
#include "pdf/tags.h"
#include "util/buf.h"
#include "util/diag.h"

struct pdf_renderer {
	const struct site *site; /* not owned; outlives the renderer */
	struct font_set fonts;
	struct pdf_style style;
	char *site_yaml; /* "site.yaml" as shown in diagnostics; owned */
	const char *scratch; /* for font subsets; NULL: $TMPDIR; not owned */
	struct pdf_poster_style poster; /* poster.yaml, once has_poster */
	int has_poster;
	pdf_photo_fn photo; /* notice.image's bytes, or NULL */
	void *photo_ctx;
};

/* What a paragraph is, which decides its style and how it is drawn. */
enum role {
	R_HEADER,     /* red issuer name */
	R_RULE,	      /* box: the red rule under it */
	R_TITLE,
	R_SALUTATION, /* 主送: flush left */
	R_BODY,
	R_HEADING,    /* 一、 */
	R_SUBHEAD,    /* a Markdown heading */
	R_ITEM,	      /* numbered or bulleted entry */
	R_QUOTE,
	R_CODE,
	R_SIGN,	      /* box: QR code, caption, issuer and date */
	R_PHOTO,      /* box: the picture (ndoc.photo); on the poster its
		       * chars are its caption, set under it, and the box a
		       * column from its indent_rest (poster.c) */
	R_PAGENO,     /* not laid out: drawn under the text block */
	R_THEAD,      /* box: a table's header row (pdf/table.h) */
	R_ROW,	      /* box: a table's row */
};

/* Lines of the caption under the QR code, which says where it leads
 * (notice.c writes them, doc.c makes room for them, draw.c draws them). */
#define PDF_QR_CAPTION_LINES 2

/* The width of notice.image's JPEG: 960 px over the 156 mm text block is
 * 156 dpi, sharp in print, 50-150 KB in each notice. */
#define PDF_PHOTO_PIXELS 960

/* Where a paragraph's text came from, for warnings. */
struct para_src {
	const char *file;
	unsigned line;
};

/* One notice being built. */
struct ndoc {
	struct lay_para *p; /* owned */
	struct para_src *src;
	size_t n, cap;
	struct lay_result lay;
	struct lay_para *pageno; /* one per page, owned */
	/* The 示例 stamp drawn on every page of an example site's notices
	 * (config.example), or NULL; owned. */
	struct lay_para *mark;
	size_t npages;
	const struct community *c;
	char *title; /* owned */
	char *url;   /* the QR code's target, "" for none; owned */
	/* The document's date and author (its info dictionary), when it is
	 * not the site's notice date and issuer (a 再公示, a result notice);
	 * year 0 and NULL: those.  The issuer is not owned. */
	struct date date;
	const char *issuer;
	struct pdf_table *tables; /* its tables (pdf/table.h); owned */
	size_t ntables, tablecap;
	const struct photo *photo; /* the picture drawn in its R_PHOTO box, or NULL */
	buf jpeg;    /* its bytes, fetched before drawing; owned */
};

/* Appends an empty paragraph styled for `role`.  The pointer is valid
 * until the next ndoc_add. */
struct lay_para *ndoc_add(struct ndoc *nd, const struct pdf_style *st,
			  enum role role, const char *file, unsigned line);
/* The Chinese numeral of `i` + 1: 一 … 二十 (twenty and above: 二十). */
const char *pdf_numeral(size_t i);

/* Appends UTF-8 text to `p` in the face its role prefers. */
void ndoc_puts(const struct pdf_style *st, struct lay_para *p,
	       const char *s);
/* Gives every character a font (warning into `d`, when not NULL, for
 * each one no font has), lays the paragraphs out and numbers the
 * pages. */
void ndoc_finish(struct ndoc *nd, const struct pdf_renderer *r, diags *d);
void ndoc_free(struct ndoc *nd);

/* A paragraph styled `role` holding `b`'s text, which is then emptied
 * (the pointer is valid until the next ndoc_add);
 * a section heading "一、text" numbered by `*section`, which it counts
 * (frame.c: what every notice's wording is written with). */
struct lay_para *ndoc_emit(struct ndoc *nd, const struct pdf_style *st, enum role role,
			   const struct srcpos *pos, buf *b);
void ndoc_heading(struct ndoc *nd, const struct pdf_style *st, size_t *section,
		  const char *text, const struct srcpos *pos);

/* The frame every notice shares (frame.c), so that the 公示, the 再公示
 * and the result notice look like one office's papers: the title
 * "关于榆树新村老旧小区改造方案<what>" into `b` (`what` e.g. "的公示");
 * the red issuer line and rule (none when `issuer` is "") over the title
 * `nd->title`, which breaks after its first `brk` bytes (0: anywhere)
 * when it is longer than a line; the signature box under the text (issuer, the date `day`,
 * and, when `nd->url` is set, the QR code with its two-line caption
 * `caption`, "first\nsecond"). */
void pdf_notice_title(buf *b, const char *name, const char *what);
void pdf_frame_head(struct ndoc *nd, const struct pdf_style *st,
		    const struct srcpos *pos, const char *issuer, size_t brk);
void pdf_frame_sign(struct ndoc *nd, const struct pdf_style *st,
		    const struct srcpos *pos, const char *issuer, struct date day,
		    const char *caption);
/* Fetches the bytes of the picture `nd` carries (nd->photo, put there
 * by site.yaml's notice.image or poster.image, named `setting`; `what`
 * is the paper, 公示 or 公示牌), into nd->jpeg: only for drawing, never
 * while notices are laid out to be counted.  0 (also without a picture),
 * or -1 with the error in `d`. */
int ndoc_photo(const struct pdf_renderer *r, struct ndoc *nd, const char *what,
	       const char *setting, diags *d);
/* Draws the laid-out `nd` as one PDF into `out`, retried with padded
 * font subsets as libharu needs (renderer.c); 0, or -1 or PDF_IO_FAILED
 * with a diagnostic. */
int pdf_ndoc_render(struct pdf_renderer *r, const struct ndoc *nd, buf *out, diags *d);

/* The Markdown `md` (line 1 of it is line `line0` of `file`) as
 * paragraphs. */
void pdf_markdown_append(struct ndoc *nd, const struct pdf_style *st, const char *md,
			 const char *file, unsigned line0);

/* Builds and lays out the notice of community `ci`; warnings into `d`
 * when not NULL. */
void notice_build(const struct pdf_renderer *r, size_t ci, struct ndoc *nd,
		  diags *d);

/* Pieces of the notice's wording the poster shares (notice.c):
 * "2022年4月16日至10月15日" (the year once when both share it); the
 * issuer (notice.issuer, else the organiser, else ""); the QR code's
 * target, "" without base_url (malloc'd). */
void pdf_date_range(buf *b, struct date a, struct date z);
const char *pdf_issuer(const struct site *s);
/* Community `c`'s first posting (model/cycle.h): its issuer, date and
 * period; one made from site.yaml for a site the model did not load
 * (tests put one together by hand), in storage of the calling thread. */
const struct posting *pdf_posting(const struct site *s, const struct community *c);
char *pdf_community_url(const struct site *s, const struct community *c);
/* How to object, after "…如有意见或建议，" or "请于…前": by the feedback
 * phone and/or address of site.yaml, else to the community's subdistrict,
 * each way after `may` ("可" on the notice, "" on the poster), then the
 * no-objection clause when site.yaml asks for it. */
void pdf_feedback_ways(buf *b, const struct site *s, const struct community *c,
		       const char *may);

/* A community's poster, laid out: the renderer it is drawn with (a copy
 * whose style is the poster's at the scale that fits) and its one page. */
struct poster {
	struct pdf_renderer pr; /* shares the fonts of the real one */
	struct ndoc nd;
};
/* Lays out the poster of community `ci` at the largest scale that fits
 * one sheet; 0, or -1 with a located error (into `d` unless NULL) when it
 * does not fit even at poster.yaml's body.min_pt.  Free `p->nd` with
 * ndoc_free after 0. */
int poster_build(const struct pdf_renderer *r, size_t ci, struct poster *p, diags *d);

/* The caption lines of the poster's picture box `p` at `width`, into
 * `res` (emptied first); how many (draw.c, which draws them, and
 * poster.c, which sizes the box). */
size_t pdf_photo_caption(const struct pdf_renderer *r, const struct lay_para *p, double width,
			 struct lay_result *res);
/* Draws the pages of `nd` into `doc` with the fonts of `fd`, its
 * structure into `t` (tags_begin'd on `doc`); returns the first page
 * added. */
HPDF_Page draw_ndoc(const struct pdf_renderer *r, const struct ndoc *nd,
		    HPDF_Doc doc, const struct font_doc *fd, struct tags *t);
/* Draws the example mark `p` (an ndoc's `mark`) on `pg`: every page of an
 * example site's PDFs has it, blank ones included.  Its words become a
 * paragraph of `t`'s structure, or an artifact when `t` is NULL (any
 * page but a notice's first). */
void draw_mark(const struct pdf_renderer *r, HPDF_Page pg, const struct font_doc *fd,
	       const struct lay_para *p, struct tags *t);
/* What every drawing call of one page needs: the renderer (style, fonts),
 * the page, the document's fonts and the structure tree (NULL: what is
 * drawn is an artifact, outside the structure). */
struct pen {
	const struct pdf_renderer *r;
	HPDF_Page pg;
	const struct font_doc *fd;
	struct tags *t;
	HPDF_Image img; /* the document's picture (ndoc.photo), or NULL */
};

/* Characters [a, b) of `c`: one run of text to draw. */
struct span {
	const struct lay_char *c;
	size_t a, b;
};

/* Draws span `sp` from `x` on the baseline `y` at `size`, `spacing`
 * between glyphs, in runs of one font. */
void draw_chars(const struct pen *pn, struct span sp, double x, double y, double size,
		double spacing);
/* Where the baseline of a line of `size` sits in a slot whose top is
 * `top` (PDF y) and height `h`. */
double draw_baseline(double top, double h, double size);
/* Notes every character `nd` draws as text in `fd`. */
void draw_collect(const struct ndoc *nd, struct font_doc *fd);

/* A libharu document whose errors are recorded rather than fatal. */
struct pdfdoc {
	HPDF_Doc doc;
	HPDF_STATUS error, detail;
	int failed;    /* already reported (fonts): 1, or PDFDOC_IO */
	int may_retry; /* see PDFDOC_RETRY */
	struct tags tags;	  /* its structure (tagged PDF) */
	const char *title;	  /* for messages */
	const struct srcpos *pos; /* the data row it is made from */
	const char *path;	  /* the output file, for messages, or NULL */
	/* The community being drawn (its name), set by whoever draws, and
	 * which it was when libharu's first error came: for messages. */
	const char *drawing, *error_at;
};

/* pdfdoc_finish's answer, when `may_retry` is set, to libharu's
 * HPDF_INVALID_OBJECT at save: nothing reported, render again with
 * font_doc_pad(). */
enum { PDFDOC_RETRY = -2, PDFDOC_MAX_SPARE = 4 };
/* pdfdoc_finish's answer when the fonts could not be written to the
 * scratch folder (pdf.h). */
enum { PDFDOC_IO = PDF_IO_FAILED };

/* 0, or -1 with a diagnostic. */
int pdfdoc_begin(struct pdfdoc *pd, const struct pdf_renderer *r,
		 const char *title, const struct srcpos *pos, diags *d);
/* Dates the document `day` and names `issuer` its author (when not
 * NULL or ""), instead of the site's notice date and issuer. */
void pdfdoc_dated(struct pdfdoc *pd, struct date day, const char *issuer);
/* Embeds the fonts of `fd`: 0, or -1 with a diagnostic (the document is
 * then marked failed). */
int pdfdoc_fonts(struct pdfdoc *pd, const struct pdf_renderer *r,
		 struct font_doc *fd, diags *d);
/* Saves into `out` and frees the document (also on failure). */
int pdfdoc_finish(struct pdfdoc *pd, buf *out, diags *d);

#endif
