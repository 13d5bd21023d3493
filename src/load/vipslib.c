/* vipslib: libvips through dlopen (vipslib.h). */
#include "load/vipslib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static pthread_once_t loaded = PTHREAD_ONCE_INIT;
static struct vipslib lib;
static int usable;
static char why[512];

/* Each pointer and the name it is resolved by.  The sizeof compares the
 * pointer with the header's function without calling or linking it (an
 * operand of sizeof is not evaluated): a prototype written wrong here is
 * a compile error ("comparison of distinct pointer types"). */
#define FN(member, name) { (void **)&lib.member, #name, sizeof(lib.member == &name) }

static const struct symbol {
	void **at;
	const char *name;
	size_t checked;
} symbols[] = {
	FN(version, vips_version),
	FN(init, vips_init),
	FN(cache_set_max, vips_cache_set_max),
	FN(cache_set_max_mem, vips_cache_set_max_mem),
	FN(concurrency_set, vips_concurrency_set),
	FN(block_untrusted_set, vips_block_untrusted_set),
	FN(vector_set_enabled, vips_vector_set_enabled),
	FN(error_clear, vips_error_clear),
	FN(jpegload, vips_jpegload),
	FN(pngload, vips_pngload),
	FN(webpload, vips_webpload),
	FN(heifload, vips_heifload),
	FN(image_get_width, vips_image_get_width),
	FN(image_get_height, vips_image_get_height),
	FN(image_get_orientation_swap, vips_image_get_orientation_swap),
	FN(image_get_typeof, vips_image_get_typeof),
	FN(image_get_format, vips_image_get_format),
	FN(image_hasalpha, vips_image_hasalpha),
	FN(thumbnail, vips_thumbnail),
	FN(colourspace, vips_colourspace),
	FN(flatten, vips_flatten),
	FN(cast_uchar, vips_cast_uchar),
	FN(jpegsave_buffer, vips_jpegsave_buffer),
	FN(array_double_new, vips_array_double_new),
	FN(area_unref, vips_area_unref),
	FN(object_unref, g_object_unref),
	FN(free, g_free),
	FN(log_set_handler, g_log_set_handler),
};

static void load(void)
{
	/* RTLD_LOCAL: nothing of it is seen by the rest of the program;
	 * RTLD_NOW: a library missing a symbol fails here, not mid-build. */
	void *h = dlopen(VIPSLIB_SONAME, RTLD_NOW | RTLD_LOCAL);

	if (h == NULL) {
		snprintf(why, sizeof(why), "%s", dlerror());
		return;
	}
	for (size_t i = 0; i < sizeof(symbols) / sizeof(*symbols); i++) {
		/* POSIX's way to store dlsym's object pointer as a function's. */
		*symbols[i].at = dlsym(h, symbols[i].name);
		if (*symbols[i].at == NULL) {
			snprintf(why, sizeof(why), "%s 中没有函数 %s", VIPSLIB_SONAME, symbols[i].name);
			return;
		}
	}
	/* What VIPS_INIT checks before vips_init: the library's ABI is the
	 * one the headers describe. */
	if (lib.version(3) - lib.version(5) != VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE) {
		snprintf(why, sizeof(why), "%s 的接口版本是 %d，gongshi 按 %d 编译", VIPSLIB_SONAME,
			 lib.version(3) - lib.version(5), VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE);
		return;
	}
	usable = 1;
}

const struct vipslib *vipslib_get(void)
{
	pthread_once(&loaded, load);
	return usable ? &lib : NULL;
}

const char *vipslib_error(void)
{
	pthread_once(&loaded, load);
	return why;
}

/* In an AddressSanitizer build only (make check's build-asan, the fuzz
 * harnesses): LeakSanitizer's exit-time scan of the dynamic TLS that
 * __tls_get_addr hands out misreads glibc 2.36's layout and crashes
 * ("Tracer caught signal 11", google/sanitizers#1322) once libvips and
 * glib, dlopen'ed, own thread-local data in the worker threads libvips
 * leaves running.  Linked at start their TLS was static and never scanned
 * that way.  So that interception is off by default; ASAN_OPTIONS can
 * still set it.  The name is the sanitizer runtime's hook. */
#if defined(__SANITIZE_ADDRESS__)
#define VIPSLIB_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define VIPSLIB_ASAN 1
#endif
#endif
#ifdef VIPSLIB_ASAN
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "intercept_tls_get_addr=0";
}
#endif
