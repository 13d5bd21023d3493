/* The photos' derivatives: one photo made into one JPEG of one width for
 * the website (communities/ID/photos/NAME-WIDTH.jpg; the widths and the
 * path are model/photo.h's).  A renderer like html/ and pdf/: it turns one
 * planned output into bytes and writes nothing itself.
 *
 * What a derivative is (docs/security.md, "Photos"):
 * - upright: the EXIF orientation is applied to the pixels;
 * - at most `width` pixels wide, never upscaled, its aspect kept;
 * - sRGB: an embedded ICC profile converts the colours, then is dropped;
 *   transparency is flattened onto white;
 * - JPEG, quality 80, optimised Huffman tables, baseline (every phone and
 *   WeChat's browser reads it; libharu draws it in a PDF unchanged);
 * - no metadata at all: EXIF (GPS positions of residents' homes, the phone's
 *   serial), XMP, IPTC, ICC and comments are stripped;
 * - the same bytes for the same photo and width (libvips and libjpeg write
 *   no date or random value).
 *
 * Bounded: the header is checked again before decoding (at most 50
 * megapixels, 200 MB: load/photo_header.h), a truncated or corrupt file is
 * an error rather than a grey half-picture, and libvips streams the image
 * (JPEG shrink-on-load, sequential access, no cache, one thread per job:
 * gongshi's pool runs the jobs).  Safe to call from several threads. */
#ifndef GONGSHI_IMAGE_H
#define GONGSHI_IMAGE_H

#include "model/model.h"
#include "util/buf.h"
#include "util/diag.h"

#define IMAGE_JPEG_QUALITY 80

/* What a derivative is made from besides the photo's bytes, for its key:
 * the width and this recipe's version.  Any change to the recipe above
 * changes IMAGE_RECIPE, so every derivative is made again. */
#define IMAGE_RECIPE "jpeg-q80-strip-srgb-v1"

/* Makes photo `ph` of `s` at `width` into `out` (reset first).  0, or -1
 * after an error at the photo's row in data/photos.csv;
 * PHOTO_HEADER_NO_LIBRARY (load/photo_header.h) when libvips could not be
 * had, which every photo would be told: the caller says it once. */
int image_derive(const struct site *s, const struct photo *ph, int width,
		 buf *out, diags *d);

#endif
