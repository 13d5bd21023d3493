#include "pdf/font_cmap.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xalloc.h"

/* One mapping of the new cmap: libharu's value to a glyph of the subset. */
struct pair {
	uint16_t code, gid;
};

static int by_code(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;

	return (x->code > y->code) - (x->code < y->code);
}

static void put16(buf *b, unsigned v)
{
	buf_putc(b, (int)(v >> 8 & 0xFF));
	buf_putc(b, (int)(v & 0xFF));
}

/* A format 4 segment: codes start..end, glyphs by delta, or from the
 * glyph array at `first` when the run's glyphs are not in step. */
struct seg {
	unsigned start, end, delta;
	size_t first; /* in the glyph array; (size_t)-1 for a delta run */
};

/* Cuts the sorted pairs into runs of consecutive codes; the glyph array
 * gets the glyphs of runs whose glyph numbers do not rise with the code.
 * Returns the number of segments, the closing <FFFF> one included. */
static size_t segments(const struct pair *p, size_t n, struct seg *s,
		       uint16_t *glyphs, size_t *nglyphs)
{
	size_t ns = 0;

	*nglyphs = 0;
	for (size_t i = 0, j; i < n; i = j) {
		int step = 1;

		for (j = i + 1; j < n && p[j].code == p[j - 1].code + 1; j++)
			step &= p[j].gid == p[j - 1].gid + 1;
		s[ns] = (struct seg){ p[i].code, p[j - 1].code,
				      (p[i].gid - p[i].code) & 0xFFFFu, (size_t)-1 };
		if (!step) {
			s[ns].delta = 0;
			s[ns].first = *nglyphs;
			for (size_t k = i; k < j; k++)
				glyphs[(*nglyphs)++] = p[k].gid;
		}
		ns++;
	}
	/* The format's last segment, mapping <FFFF> to glyph 0. */
	s[ns++] = (struct seg){ 0xFFFF, 0xFFFF, 1, (size_t)-1 };
	return ns;
}

/* The cmap table: one (3,1) subtable of format 4.  -1 past 64 KB. */
static int write_cmap(const struct pair *p, size_t n, buf *b)
{
	struct seg *s = xcalloc(n + 1, sizeof(*s));
	uint16_t *glyphs = xcalloc(n + 1, sizeof(*glyphs));
	size_t nglyphs, ns = segments(p, n, s, glyphs, &nglyphs);
	size_t len = 16 + 8 * ns + 2 * nglyphs;
	unsigned range = 2, sel = 0;

	if (len > 0xFFFF) {
		free(s);
		free(glyphs);
		return -1;
	}
	while (range * 2 <= 2 * ns)
		range *= 2, sel++;
	put16(b, 0), put16(b, 1);	    /* version, one subtable */
	put16(b, 3), put16(b, 1);	    /* Windows, Unicode BMP */
	put16(b, 0), put16(b, 12);	    /* its offset (32 bits) */
	put16(b, 4), put16(b, (unsigned)len), put16(b, 0);
	put16(b, (unsigned)(2 * ns)), put16(b, range), put16(b, sel);
	put16(b, (unsigned)(2 * ns - range));
	for (size_t i = 0; i < ns; i++)
		put16(b, s[i].end);
	put16(b, 0); /* reservedPad */
	for (size_t i = 0; i < ns; i++)
		put16(b, s[i].start);
	for (size_t i = 0; i < ns; i++)
		put16(b, s[i].delta);
	/* idRangeOffset: from the entry itself to the run's first glyph. */
	for (size_t i = 0; i < ns; i++)
		put16(b, s[i].first == (size_t)-1 ? 0 :
			 (unsigned)(2 * (ns - i + s[i].first)));
	for (size_t i = 0; i < nglyphs; i++)
		put16(b, glyphs[i]);
	free(s);
	free(glyphs);
	return 0;
}

/* The pairs of `e`: each code's libharu value and its glyph in `font`.
 * -1 if one has no glyph. */
static int pairs_of(const struct pdf_encoding *e, hb_font_t *font,
		    struct pair *p)
{
	for (size_t k = 0; k < e->n; k++) {
		hb_codepoint_t g;

		if (!hb_font_get_nominal_glyph(font, e->cps[k], &g) || g > 0xFFFF)
			return -1;
		p[k] = (struct pair){ e->uni[k], (uint16_t)g };
	}
	qsort(p, e->n, sizeof(*p), by_code);
	return 0;
}

/* `face` with its cmap replaced by `cmap`. */
static hb_blob_t *rebuild(hb_face_t *face, const buf *cmap)
{
	hb_face_t *out = hb_face_builder_create();
	hb_tag_t tags[64];
	unsigned start = 0, count;
	hb_blob_t *blob;

	do {
		count = sizeof(tags) / sizeof(tags[0]);
		hb_face_get_table_tags(face, start, &count, tags);
		for (unsigned i = 0; i < count; i++) {
			hb_blob_t *t = tags[i] == HB_TAG('c', 'm', 'a', 'p') ?
				hb_blob_create(cmap->data, (unsigned)cmap->len,
					       HB_MEMORY_MODE_DUPLICATE, NULL, NULL) :
				hb_face_reference_table(face, tags[i]);

			hb_face_builder_add_table(out, tags[i], t);
			hb_blob_destroy(t);
		}
		start += count;
	} while (count == sizeof(tags) / sizeof(tags[0]));
	blob = hb_face_reference_blob(out);
	hb_face_destroy(out);
	return blob;
}

hb_blob_t *font_cmap_stand_ins(hb_blob_t *blob, const struct pdf_encoding *e)
{
	hb_face_t *face = hb_face_create(blob, 0);
	hb_font_t *font = hb_font_create(face);
	struct pair *p = xcalloc(e->n + 1, sizeof(*p));
	hb_blob_t *out = NULL;
	buf cmap = BUF_INIT;

	if (pairs_of(e, font, p) == 0 && write_cmap(p, e->n, &cmap) == 0)
		out = rebuild(face, &cmap);
	buf_free(&cmap);
	free(p);
	hb_font_destroy(font);
	hb_face_destroy(face);
	return out;
}
