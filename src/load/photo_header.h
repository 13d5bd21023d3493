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
 * Owns nothing: libvips keeps its own state (loaded and started once by
 * photo_header_init, never shut down). */
#ifndef GONGSHI_PHOTO_HEADER_H
#define GONGSHI_PHOTO_HEADER_H

#include <stddef.h>

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

/* Loads and starts libvips once for the whole process (thread-safe;
 * load/vipslib.h: only a build that reads a photo loads it): its
 * operation cache off (every image is read once), one thread per image
 * (gongshi runs its own pool), untrusted loaders blocked.  Its functions,
 * or NULL when libvips cannot be loaded or started (vipslib_error). */
struct vipslib;
const struct vipslib *photo_header_init(void);

/* What the last build knew of the photos it read (write/photo_cache.h,
 * OUT/.gongshi-photos), so that a rebuild opens no photo that did not
 * change.  A file is known by its identity as stat(2) gives it (device,
 * inode, size, and the modification and change times to the nanosecond):
 * `known` fills *out and returns the cache's number for the file (1 or
 * more) when a file of identity `st` was read before (0: read it);
 * `learn` is told what a read found and returns the file's number.  The
 * number lets the plan ask the cache for the same file's hash without a
 * second stat(2) (model/photo.h's `record`).  `known` is asked from the
 * threads that look at data/photos.csv's files, `learn` from the one that
 * loads it (model/photos_batch.c), so both must be safe to call at once
 * (write/photo_cache.c: one lock).  `gongshi build` hands it to the
 * site's load (model.h's model_load_options; model/photos.c reads every
 * photo's header there); src/image/'s own reads decode the photo anyway
 * and pass none. */
struct stat;
struct photo_header_cache {
	size_t (*known)(void *arg, const struct stat *st, struct photo_header *out);
	size_t (*learn)(void *arg, const struct stat *st, const struct photo_header *h);
	void *arg;
};

/* A photo to read, and where the site names it, for the messages. */
struct photo_ref {
	const char *path;  /* to open */
	const char *shown; /* the photo's path as the clerk sees it */
	struct diag_at at; /* the cell that names it */
	const char *value; /* that cell's text, quoted; NULL: none */
	/* The file's lstat(2), when the caller took it, found a regular file
	 * (not a link) and knows it is inside the site (model/photos_batch.c, from
	 * its folder): not taken again.  NULL: stat(2) of `path` here. */
	const struct stat *seen;
};

/* The static name of the format called `name` ("JPEG", "PNG", "WebP",
 * "HEIC"), or NULL when it is none of the four. */
const char *photo_header_format(const char *name);
/* The formats numbered 1 to PHOTO_FORMATS, for a record that keeps a
 * number rather than a name (write/photo_cache.c): the number of the
 * format called `name`, 0 when none; the static name of number `code`,
 * NULL when none. */
enum { PHOTO_FORMATS = 4 };
int photo_header_format_code(const char *name);
const char *photo_header_format_of(int code);

/* Reads the header of the photo `p->path`.  A problem is one error at
 * `p->at` (`p->value` quoted): missing, not a regular file, over
 * PHOTO_MAX_BYTES, unreadable, not one of the four formats, over
 * PHOTO_MAX_PIXELS.  With a cache `known` (NULL: none) that knows the
 * file, only its stat(2) is taken (or `p->seen` used): no byte of it is
 * read, nor is access(2) asked, since a chmod moves the change time that
 * is part of the identity; a file read is told to it.  *record (NULL: not
 * wanted) is the cache's number for the file, 0 when none.  0, or -1
 * after the error; PHOTO_HEADER_NO_LIBRARY after the error that libvips
 * cannot be loaded or started, which every later photo of the process
 * would get too: a caller says it once (a load, a build) by asking no
 * more. */
#define PHOTO_HEADER_NO_LIBRARY (-2)
int photo_header_read(const struct photo_ref *p, const struct photo_header_cache *known,
		      struct photo_header *out, size_t *record, diags *d);

#endif
