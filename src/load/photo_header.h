/* A photo's header, read without decoding its pixels, and the bounds
 * every photo must keep before anything decodes it (data/photos.csv,
 * docs/security.md "Photos").
 *
 * libvips reads only a file's header when it opens it
 * (vips_image_new_from_file): the width and height a file declares are
 * known before a pixel is decoded, so a decompression bomb (a 100 KB PNG
 * declaring 30000×30000 pixels, 3.6 GB once decoded) is refused from its
 * header.  Only the loaders named below are accepted: whatever else
 * libvips could open (SVG, PDF, TIFF, …) is refused as an unsupported
 * format, so no exotic decoder ever sees a file of the site.
 *
 * Owns nothing: libvips keeps its own state (started once by
 * photo_header_init, never shut down). */
#ifndef GONGSHI_PHOTO_HEADER_H
#define GONGSHI_PHOTO_HEADER_H

#include "util/diag.h"

/* A phone takes 12-50 megapixels; 50 MP decoded is 150 MB of RGB. */
#define PHOTO_MAX_PIXELS 50000000LL
/* A 50 MP JPEG is 15-30 MB; a HEIC or PNG well under 200 MB. */
#define PHOTO_MAX_BYTES (200LL << 20)

struct photo_header {
	int width, height; /* upright: EXIF orientation applied */
	const char *format; /* "JPEG", "PNG", "WebP" or "HEIC"; static */
	int has_profile;    /* an embedded ICC profile: its colours need converting */
};

/* Starts libvips once for the whole process (thread-safe): its operation
 * cache off (every image is read once), one thread per image (gongshi
 * runs its own pool), untrusted loaders blocked.  0, or -1 when libvips
 * cannot start. */
int photo_header_init(void);

/* Reads the header of the photo at `path`.  A problem is one error at
 * `at`, the cell that names it (`value` quoted): missing, not
 * a regular file, over PHOTO_MAX_BYTES, unreadable, not one of the four
 * formats, over PHOTO_MAX_PIXELS.  `shown` is the photo's path as the
 * clerk sees it.  0, or -1 after the error. */
int photo_header_read(const char *path, const char *shown, struct diag_at at,
		      const char *value, struct photo_header *out, diags *d);

#endif
