/* The cmap given to a subset holding characters beyond U+FFFF
 * (src/pdf/font_cmap.c), read back by HarfBuzz: every code's libharu
 * value, BMP character or Private Use stand-in, leads to the glyph the
 * subset has for the character itself. */
#include <hb-subset.h>
#include <string.h>

#include "pdf/encoding.h"
#include "pdf/font_cmap.h"
#include "test.h"

#define WENKAI "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"

static hb_blob_t *cut(hb_face_t *face, const hb_set_t *cps)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_face_t *sub;
	hb_blob_t *blob;

	hb_set_union(hb_subset_input_unicode_set(in), cps);
	sub = hb_subset_or_fail(face, in);
	hb_subset_input_destroy(in);
	blob = hb_face_reference_blob(sub);
	hb_face_destroy(sub);
	return blob;
}

/* The glyph of `cp` in the font of `blob`, or 0. */
static hb_codepoint_t glyph(hb_blob_t *blob, hb_codepoint_t cp)
{
	hb_face_t *face = hb_face_create(blob, 0);
	hb_font_t *font = hb_font_create(face);
	hb_codepoint_t g = 0;

	if (!hb_font_get_nominal_glyph(font, cp, &g))
		g = 0;
	hb_font_destroy(font);
	hb_face_destroy(face);
	return g;
}

/* The number of (3,1) format 4 subtables and of cmap subtables, and of
 * the segments of the last format 4 that use the glyph array. */
static void subtables(hb_blob_t *blob, unsigned *f4, unsigned *all,
		      unsigned *arrayed)
{
	hb_face_t *face = hb_face_create(blob, 0);
	hb_blob_t *cmap = hb_face_reference_table(face, HB_TAG('c', 'm', 'a', 'p'));
	unsigned len;
	const unsigned char *p = (const unsigned char *)hb_blob_get_data(cmap, &len);

	*f4 = *all = *arrayed = 0;
	if (len >= 4)
		*all = (unsigned)(p[2] << 8 | p[3]);
	for (unsigned i = 0; i < *all && 4 + 8 * i + 8 <= len; i++) {
		const unsigned char *r = p + 4 + 8 * i;
		unsigned off = (unsigned)(r[4] << 24 | r[5] << 16 | r[6] << 8 | r[7]);

		unsigned segs, ranges;

		if (r[1] != 3 || r[3] != 1 || off + 14 > len || p[off] != 0 ||
		    p[off + 1] != 4)
			continue;
		(*f4)++;
		segs = (unsigned)(p[off + 6] << 8 | p[off + 7]) / 2;
		ranges = off + 16 + 6 * segs;
		for (unsigned s = 0; s < segs && ranges + 2 * s + 2 <= len; s++)
			if (p[ranges + 2 * s] | p[ranges + 2 * s + 1])
				(*arrayed)++;
	}
	hb_blob_destroy(cmap);
	hb_face_destroy(face);
}

static void test_round_trip(void)
{
	hb_blob_t *file = hb_blob_create_from_file_or_fail(WENKAI);
	hb_face_t *face = hb_face_create(file, 0);
	hb_set_t *set = hb_set_create();
	HPDF_Doc doc = HPDF_New(NULL, NULL);
	struct pdf_encoding e;
	hb_blob_t *sub, *out;
	unsigned f4, all, arrayed;
	int wrong = 0;

	/* Runs of consecutive characters (a run of codes whose glyphs do
	 * not rise with them takes the glyph array), scattered ones, and
	 * two beyond U+FFFF.  In LXGW WenKai, 槩 (U+69E9) has a glyph
	 * numbered far below those of U+69E8 and U+69EA: that run takes
	 * the glyph array. */
	hb_set_add_range(set, 0x4E00, 0x4E00 + 400);
	hb_set_add_range(set, 0x3001, 0x3003);
	hb_set_add_range(set, 0xFF08, 0xFF1B);
	hb_set_add(set, 0x0031);
	hb_set_add(set, 0x6C34);
	hb_set_add_range(set, 0x69E8, 0x69EA);
	hb_set_add(set, 0x20BB7);
	hb_set_add(set, 0x2000B);
	CHECK_INT(pdf_encoding_init(&e, doc, 0, set), 0);
	CHECK_INT(e.nstand, 2);
	sub = cut(face, set);
	out = font_cmap_stand_ins(sub, &e);
	CHECK(out != NULL);
	if (out) {
		for (size_t k = 0; k < e.n; k++) {
			hb_codepoint_t want = glyph(sub, e.cps[k]);

			if (want == 0 || glyph(out, e.uni[k]) != want)
				wrong++;
		}
		CHECK_INT(wrong, 0);
		/* Nothing else: not U+E002, the code point after the stand-ins. */
		CHECK_INT(glyph(out, 0xE002), 0);
		/* One subtable, the one libharu 2.3.0 reads. */
		subtables(out, &f4, &all, &arrayed);
		CHECK_INT(f4, 1);
		CHECK_INT(all, 1);
		CHECK(arrayed > 0);
	}
	hb_blob_destroy(out);
	hb_blob_destroy(sub);

	/* A character the subset lacks: no font, rather than a wrong glyph. */
	hb_set_clear(set);
	hb_set_add(set, 0x4E00);
	hb_set_add(set, 0x20BB7);
	pdf_encoding_free(&e);
	CHECK_INT(pdf_encoding_init(&e, doc, 1, set), 0);
	hb_set_del(set, 0x20BB7);
	sub = cut(face, set);
	CHECK(font_cmap_stand_ins(sub, &e) == NULL);
	hb_blob_destroy(sub);
	pdf_encoding_free(&e);
	HPDF_Free(doc);
	hb_set_destroy(set);
	hb_face_destroy(face);
	hb_blob_destroy(file);
}

int main(void)
{
	test_round_trip();
	return test_done();
}
