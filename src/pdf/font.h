/* Fonts for the PDF notices: coverage, widths, subsetting and embedding.
 *
 * The configured TrueType faces are opened once with HarfBuzz (read-only
 * afterwards, so several threads may share them).  For each PDF, only the
 * code points it uses are cut out with hb-subset, written to a private
 * temporary file and loaded by libharu with an encoder of exactly those
 * characters (pdf/encoding.h); one beyond U+FFFF is reached through a
 * stand-in in the subset's cmap (pdf/font_cmap.h).  libharu 2.3.0
 * cannot load a font from memory, embeds whole fonts otherwise, and
 * mis-embeds composite glyphs with ids above 32767, which the
 * renumbering of a subset avoids.
 *
 * Slots: the named faces of enum pdf_face (Song, Hei, Kai, FangSong,
 * BiaoSong; one left unset shares the file of its stand-in, and is then
 * opened and embedded once), then the fallbacks from site.yaml, in
 * order.  A lay_char's `font` is the slot drawing it. */
#ifndef GONGSHI_PDF_FONT_H
#define GONGSHI_PDF_FONT_H

#include <hb.h>
#include <hpdf.h>

#include "model/model.h"
#include "pdf/encoding.h"
#include "pdf/layout.h"
#include "util/diag.h"

/* lay_char.flags */
enum {
	/* No font has the character: an empty square is drawn instead. */
	FONT_F_BOX = 1,
};

/* The placeholder for a character no font has: □. */
#define FONT_PLACEHOLDER 0x25A1u

struct pdf_font {
	char *path; /* owned; the file actually opened */
	int index;  /* face inside a .ttc */
	size_t canon; /* first slot with the same file and face */
	hb_blob_t *blob;
	hb_face_t *face;
	hb_font_t *font;
	unsigned upem;
};

struct font_set {
	struct pdf_font *v; /* owned */
	size_t n;
	hb_draw_funcs_t *draw;
};

/* Opens the fonts of `cfg` (paths relative to `prefix`, the site folder
 * with a trailing slash or "").  Problems are reported against
 * `display` (site.yaml).  0, or -1 with diagnostics. */
int font_set_load(struct font_set *fs, const struct config *cfg,
		  const char *prefix, const char *display, diags *d);
void font_set_free(struct font_set *fs);

/* Chooses the slot that draws `c->cp`, starting with the face in
 * `c->font` (an enum pdf_face), then every slot in order: the named
 * faces, then the fallbacks.  Returns 0; or -1 when no font has it, and `c` becomes the
 * placeholder. */
int font_resolve(const struct font_set *fs, struct lay_char *c);

/* Advance of a resolved char in ems, as libharu will write it. */
double font_advance(const struct font_set *fs, const struct lay_char *c);

/* The fonts of one PDF document: the code points each slot must hold. */
struct font_doc {
	hb_set_t **used; /* per slot */
	HPDF_Font *hf;	 /* per slot, after font_doc_embed; NULL if unused */
	struct pdf_encoding *enc; /* per slot, with hf */
	size_t n;
};

void font_doc_init(struct font_doc *fd, const struct font_set *fs);
/* Notes that resolved char `c` will be drawn as text. */
void font_doc_use(struct font_doc *fd, const struct lay_char *c);
/* Subsets and loads every used slot into `doc`.  libharu reads fonts
 * from files only: the subsets pass through a folder made and removed
 * inside `scratch` ($TMPDIR when NULL).  0, or -1 with a diagnostic
 * against `display`, or -2 when that folder could not be written. */
int font_doc_embed(struct font_doc *fd, const struct font_set *fs,
		   HPDF_Doc doc, const char *scratch, const char *display, diags *d);
/* Adds `spare` code points the document does not draw to each used slot.
 * libharu 2.3.0 fails to save a document (HPDF_INVALID_OBJECT) when the
 * font data it rewrites ends exactly on its 8192-byte memory-stream
 * boundary next to an empty table (our subsets have an empty 'prep':
 * no hinting): its memory stream refuses to seek to its own end
 * (upstream issue 305, fixed in 2.4.4; Debian 12 ships 2.3.0).  Any
 * other glyph set has another size, so a failed save is retried with
 * spares. */
void font_doc_pad(struct font_doc *fd, const struct font_set *fs,
		  unsigned spare);
void font_doc_free(struct font_doc *fd);

/* Fills the outline of `c` with its origin at (x, y): for the watermark,
 * which must not read as text. */
void font_draw_outline(const struct font_set *fs, const struct lay_char *c,
		       HPDF_Page page, double x, double y, double size);

#endif
