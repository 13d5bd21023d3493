/* libvips, loaded with dlopen(3) the first time a photo is read, and the
 * one table of the functions of it gongshi calls (load/photo_header.c,
 * src/image/).
 *
 * Why not linked: libvips.so.42 brings about 80 shared libraries (glib,
 * the image codecs, cairo, poppler …) into every run, which cost
 * `gongshi --version` 24.6 ms of CPU and 1,491 page faults against 7.3 ms
 * and 424 without it (docs/performance.md), while most sites have no
 * photos.  A site without data/photos.csv rows never loads it, nor does a
 * rebuild whose photos OUT/.gongshi-photos all knows until a derivative
 * must be made.  The headers (libvips-dev) still give the types and
 * enums; only the calls go through this table, and vipslib.c checks each
 * pointer's type against the header's prototype at compile time.
 *
 * The varargs operations (vips_jpegload, vips_thumbnail …) are called
 * through pointers of their own variadic type: the same call as a direct
 * one.  vips_init is the function VIPS_INIT wraps; its ABI check
 * (vips_version 3 and 5 against VIPS_LIBRARY_CURRENT and _AGE) is made
 * here.  g_object_unref, g_free and g_log_set_handler are resolved
 * through libvips's own handle (glib and gobject are its dependencies), so
 * gongshi links neither.
 *
 * Owns nothing the caller frees: the library stays loaded for the
 * process. */
#ifndef GONGSHI_VIPSLIB_H
#define GONGSHI_VIPSLIB_H

#include <stddef.h>

#include <vips/vips.h>
#include <vips/vector.h>

/* The soname: Debian's package libvips42 (bookworm: 8.14). */
#define VIPSLIB_SONAME "libvips.so.42"
#define VIPSLIB_DEBIAN "libvips42"

struct vipslib {
	int (*version)(int flag);
	int (*init)(const char *argv0);
	void (*cache_set_max)(int max);
	void (*cache_set_max_mem)(size_t max_mem);
	void (*concurrency_set)(int concurrency);
	void (*block_untrusted_set)(gboolean state);
	void (*vector_set_enabled)(gboolean enabled);
	void (*error_clear)(void);
	int (*jpegload)(const char *filename, VipsImage **out, ...);
	int (*pngload)(const char *filename, VipsImage **out, ...);
	int (*webpload)(const char *filename, VipsImage **out, ...);
	int (*heifload)(const char *filename, VipsImage **out, ...);
	int (*image_get_width)(const VipsImage *image);
	int (*image_get_height)(const VipsImage *image);
	gboolean (*image_get_orientation_swap)(VipsImage *image);
	GType (*image_get_typeof)(const VipsImage *image, const char *name);
	VipsBandFormat (*image_get_format)(const VipsImage *image);
	gboolean (*image_hasalpha)(VipsImage *image);
	int (*thumbnail)(const char *filename, VipsImage **out, int width, ...);
	int (*colourspace)(VipsImage *in, VipsImage **out, VipsInterpretation space, ...);
	int (*flatten)(VipsImage *in, VipsImage **out, ...);
	int (*cast_uchar)(VipsImage *in, VipsImage **out, ...);
	int (*jpegsave_buffer)(VipsImage *in, void **buf, size_t *len, ...);
	VipsArrayDouble *(*array_double_new)(const double *array, int n);
	void (*area_unref)(VipsArea *area);
	void (*object_unref)(gpointer object);
	void (*free)(gpointer mem);
	guint (*log_set_handler)(const gchar *domain, GLogLevelFlags levels, GLogFunc func,
				 gpointer data);
};

/* The table, libvips loaded on the first call (thread-safe); NULL when
 * it cannot be loaded, a function is missing or its ABI is not the
 * headers': then vipslib_error() says why. */
const struct vipslib *vipslib_get(void);

/* Why vipslib_get() failed (dlerror's text, or the missing function), or
 * "" when it did not.  Static. */
const char *vipslib_error(void);

#endif
