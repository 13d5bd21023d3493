/* image_derive: one photo, one width, one stripped JPEG (image.h). */
#include <stdlib.h>
#include <string.h>

#include "image/image.h"
#include "load/photo_header.h"
#include "load/vipslib.h"
#include "util/arena.h"
#include "util/xalloc.h"

/* sRGB, 8 bits, no alpha: what a baseline JPEG holds.  Takes `*im`. */
static int to_srgb(const struct vipslib *v, VipsImage **im)
{
	VipsImage *t;

	if (v->colourspace((*im), &t, VIPS_INTERPRETATION_sRGB, NULL))
		return -1;
	v->object_unref(*im);
	*im = t;
	if (v->image_hasalpha(*im)) {
		double white[3] = { 255, 255, 255 };
		VipsArrayDouble *bg = v->array_double_new(white, 3);
		int rc = v->flatten(*im, &t, "background", bg, NULL);

		v->area_unref(VIPS_AREA(bg));
		if (rc)
			return -1;
		v->object_unref(*im);
		*im = t;
	}
	if (v->image_get_format(*im) != VIPS_FORMAT_UCHAR) {
		if (v->cast_uchar(*im, &t, NULL))
			return -1;
		v->object_unref(*im);
		*im = t;
	}
	return 0;
}

/* The decoding and encoding; -1 leaves libvips's error in its buffer. */
static int encode(const struct vipslib *v, const char *path, int width, int has_profile,
		  buf *out)
{
	VipsImage *im = NULL;
	void *bytes = NULL;
	size_t len = 0;
	int rc = -1;

	/* height: unbounded, the width decides.  fail_on truncated: a
	 * photo cut short is an error, not a picture with a grey bottom.
	 * An embedded profile (a phone's Display P3) converts the colours to
	 * sRGB; without one the pixels are taken as sRGB already, since
	 * libvips 8.14 given export_profile would also transform an untagged
	 * image (30,160,60 became 22,161,57). */
	if (v->thumbnail(path, &im, width, "height", VIPS_MAX_COORD,
			   "size", VIPS_SIZE_DOWN, "fail_on", VIPS_FAIL_ON_TRUNCATED,
			   has_profile ? "export_profile" : NULL, "srgb", NULL) == 0 &&
	    to_srgb(v, &im) == 0 &&
	    v->jpegsave_buffer(im, &bytes, &len, "Q", IMAGE_JPEG_QUALITY,
				 "strip", TRUE, "optimize_coding", TRUE,
				 NULL) == 0) {
		buf_put(out, bytes, len);
		rc = 0;
	}
	v->free(bytes);
	if (im)
		v->object_unref(im);
	return rc;
}

int image_derive(const struct site *s, const struct photo *ph, int width,
		 buf *out, diags *d)
{
	const char *file = s->photos_csv;
	unsigned line = ph->line, col = ph->file_col;
	buf rel = BUF_INIT, abs = BUF_INIT;
	struct photo_header h;
	int rc = -1;

	photo_file_path(s, ph, &rel);
	buf_printf(&abs, "%s/%s", s->root, rel.data);
	buf_reset(out);
	/* Again: the file may have changed since the site was loaded. */
	rc = photo_header_read(&(struct photo_ref){ abs.data, rel.data, { file, line, col }, NULL, NULL },
			       NULL, &h, NULL, d);
	if (rc < 0)
		goto out;
	rc = -1;
	/* Started by the header's read just made. */
	if (encode(photo_header_init(), abs.data, width, h.has_profile, out) < 0) {
		diag_error(d, file, line, col, NULL,
			   "照片“%s”不完整或已损坏，无法解码：请重新从手机或相机复制一份，"
			   "或用看图软件打开后另存为 JPEG", rel.data);
		photo_header_init()->error_clear();
		buf_reset(out);
		goto out;
	}
	rc = 0;
out:
	buf_free(&rel);
	buf_free(&abs);
	return rc;
}
