/* photo_header: a photo's size and format from its header (photo_header.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load/photo_header.h"
#include "load/vipslib.h"
#include "util/errtext.h"

static pthread_once_t started = PTHREAD_ONCE_INIT;
static const struct vipslib *vips; /* once started */

/* libvips's warnings ("error in tile 0 x 40" for a truncated JPEG) would
 * reach stderr beside gongshi's own message: a failure is reported once,
 * located, by the caller. */
static void quiet(const gchar *domain, GLogLevelFlags level, const gchar *message,
		  gpointer data)
{
	(void)domain, (void)level, (void)message, (void)data;
}

static void start(void)
{
	const struct vipslib *v = vipslib_get();

	if (v == NULL || v->init("gongshi"))
		return;
	/* Each photo is opened once: a cache would only hold memory. */
	v->cache_set_max(0);
	v->cache_set_max_mem(0);
	/* gongshi's pool runs one photo per thread. */
	v->concurrency_set(1);
	/* SVG, PDF, ImageMagick and the like: never reached by a site's file. */
	v->block_untrusted_set(TRUE);
	/* No ORC: its run-time generated SIMD code rounds differently from
	 * the C paths (a 960 px derivative of the same photo differed), so
	 * the bytes would depend on the CPU and on whether ORC is there; and
	 * valgrind cannot follow it (tests/sh/valgrind.sh crashed in it).
	 * The C paths cost about a quarter more per photo. */
	v->vector_set_enabled(FALSE);
	v->log_set_handler("VIPS", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO,
			   quiet, NULL);
	vips = v;
}

const struct vipslib *photo_header_init(void)
{
	pthread_once(&started, start);
	return vips;
}

/* The four formats, told from their first bytes.  libvips's own
 * dispatch (vips_foreign_find_load) asks every loader it has, FITS and
 * MATLAB among them, to look at the file, and some of those crash on
 * random bytes: the loader is chosen here and called by name. */
struct format {
	const char *name;
};

static const struct format jpeg = { "JPEG" }, png = { "PNG" }, webp = { "WebP" },
			   heic = { "HEIC" };

typedef int (*loader_fn)(const char *filename, VipsImage **out, ...);

/* The one loader of format `f`. */
static loader_fn loader(const struct format *f)
{
	return f == &jpeg ? vips->jpegload : f == &png ? vips->pngload
		: f == &webp ? vips->webpload : vips->heifload;
}

/* The formats in the order of their numbers (photo_header.h). */
static const struct format *const all[PHOTO_FORMATS] = { &jpeg, &png, &webp, &heic };

const char *photo_header_format(const char *name)
{
	return photo_header_format_of(photo_header_format_code(name));
}

int photo_header_format_code(const char *name)
{
	for (int i = 0; name && i < PHOTO_FORMATS; i++)
		if (strcmp(name, all[i]->name) == 0)
			return i + 1;
	return 0;
}

const char *photo_header_format_of(int code)
{
	return code >= 1 && code <= PHOTO_FORMATS ? all[code - 1]->name : NULL;
}

static const struct format *sniff(const char *path)
{
	unsigned char m[16] = { 0 };
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(m, 1, sizeof(m), f) : 0;

	if (f)
		fclose(f);
	if (n >= 3 && m[0] == 0xFF && m[1] == 0xD8 && m[2] == 0xFF)
		return &jpeg;
	if (n >= 8 && memcmp(m, "\x89PNG\r\n\x1a\n", 8) == 0)
		return &png;
	if (n >= 12 && memcmp(m, "RIFF", 4) == 0 && memcmp(m + 8, "WEBP", 4) == 0)
		return &webp;
	if (n >= 12 && memcmp(m + 4, "ftyp", 4) == 0 &&
	    (memcmp(m + 8, "heic", 4) == 0 || memcmp(m + 8, "heix", 4) == 0 ||
	     memcmp(m + 8, "mif1", 4) == 0 || memcmp(m + 8, "msf1", 4) == 0 ||
	     memcmp(m + 8, "avif", 4) == 0))
		return &heic;
	return NULL;
}

/* 1 when a folder on the way to `path` may be neither entered nor read:
 * the walk of content/ (load/content.c), which opens every folder there,
 * has reported it (无法读取目录), and one error per cause is enough.  A
 * folder that may be listed but not entered is not reported by the walk
 * when it holds no page, so the photo's own error stays. */
static int walk_said_so(const char *path)
{
	char *dir = strdup(path);
	int said = 0;

	for (char *slash = dir ? strchr(dir + 1, '/') : NULL; slash && !said;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (access(dir, X_OK) < 0 && access(dir, R_OK) < 0)
			said = 1;
		*slash = '/';
	}
	free(dir);
	return said;
}

/* The file's stat(2), or the caller's lstat(2) (p->seen): 0 when it is
 * there and a regular file, -1 after the error. */
static int find_file(const struct photo_ref *p, struct stat *st, diags *d)
{
	const char *path = p->path, *shown = p->shown, *value = p->value;
	struct diag_at at = p->at;

	if (p->seen) {
		*st = *p->seen;
		return 0;
	}
	if (stat(path, st) < 0) {
		if (errno == EACCES && walk_said_so(path))
			return -1;
		if (errno == ENOENT || errno == ENOTDIR)
			diag_error(d, at.file, at.line, at.col, value,
				   "找不到照片“%s”：请把照片文件放到这个位置，或改正这一格里的文件名"
				   "（要写扩展名，如 .jpg；大小写要一致）", shown);
		else
			diag_error(d, at.file, at.line, at.col, value, "无法读取照片“%s”：%s", shown,
				   errtext_of(errno));
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		diag_error(d, at.file, at.line, at.col, value, "“%s”不是照片文件（是文件夹或特殊文件）",
			   shown);
		return -1;
	}
	return 0;
}

/* A file about to be read: readable, not over PHOTO_MAX_BYTES. */
static int check_file(const struct photo_ref *p, const struct stat *st, diags *d)
{
	const char *shown = p->shown, *value = p->value;
	struct diag_at at = p->at;

	if (access(p->path, R_OK) < 0) {
		diag_error(d, at.file, at.line, at.col, value, "无法读取照片“%s”：%s", shown,
			   errtext_of(errno));
		return -1;
	}
	if (st->st_size > PHOTO_MAX_BYTES) {
		diag_error(d, at.file, at.line, at.col, value,
			   "照片“%s”有 %lld MB，超过 200 MB 的上限：请用手机或电脑把它另存为"
			   "较小的 JPEG（网页最多用到 1600 像素宽）", shown,
			   (long long)(st->st_size >> 20));
		return -1;
	}
	return 0;
}

/* libvips could not be had.  Said at every photo asked of: the callers,
 * told PHOTO_HEADER_NO_LIBRARY, ask no more in the same load or build
 * (every photo would say the same). */
static void not_started(const struct photo_ref *p, diags *d)
{
	const char *shown = p->shown, *value = p->value;
	struct diag_at at = p->at;

	if (*vipslib_error())
		diag_error(d, at.file, at.line, at.col, value,
			   "无法载入图像库 %s（%s），读不了照片“%s”：请安装 Debian 软件包 %s"
			   "（sudo apt install %s），或去掉 data/photos.csv 里的照片",
			   VIPSLIB_SONAME, vipslib_error(), shown, VIPSLIB_DEBIAN, VIPSLIB_DEBIAN);
	else
		diag_error(d, at.file, at.line, at.col, value,
			   "无法启动图像库 libvips，读不了照片“%s”", shown);
}

/* The header's size, checked before any pixel is decoded. */
static int check_size(VipsImage *im, const struct photo_ref *p, struct photo_header *out,
		      diags *d)
{
	const char *shown = p->shown, *value = p->value;
	struct diag_at at = p->at;
	int w = vips->image_get_width(im), h = vips->image_get_height(im);

	if ((long long)w * h > PHOTO_MAX_PIXELS) {
		diag_error(d, at.file, at.line, at.col, value,
			   "照片“%s”有 %d×%d 像素（%.1f 百万像素），超过 5000 万像素的上限，"
			   "已拒绝解码：请把它缩小后另存（网页最多用到 1600 像素宽）",
			   shown, w, h, (double)w * h / 1e6);
		return -1;
	}
	if (vips->image_get_orientation_swap(im)) {
		int t = w;
		w = h;
		h = t;
	}
	out->width = w;
	out->height = h;
	out->has_profile = vips->image_get_typeof(im, VIPS_META_ICC_NAME) != 0;
	return 0;
}

int photo_header_read(const struct photo_ref *p, const struct photo_header_cache *known,
		      struct photo_header *out, size_t *record, diags *d)
{
	const struct format *fmt;
	VipsImage *im;
	struct stat st;
	size_t rec = 0;
	int rc;

	if (record)
		*record = 0;
	if (find_file(p, &st, d) < 0)
		return -1;
	/* A file the cache knows was readable and within the bounds when
	 * read, and is the same file since (a chmod, a chown or an ACL moves
	 * its change time): the edit of a big site asks no access(2). */
	if (known && (rec = known->known(known->arg, &st, out)) != 0) {
		if (record)
			*record = rec;
		return 0;
	}
	if (check_file(p, &st, d) < 0)
		return -1;
	if (photo_header_init() == NULL) {
		not_started(p, d);
		return PHOTO_HEADER_NO_LIBRARY;
	}
	if ((fmt = sniff(p->path)) == NULL) {
		diag_error(d, p->at.file, p->at.line, p->at.col, p->value,
			   "照片“%s”不是 JPEG、PNG、WebP 或 HEIC 格式（或文件已损坏）："
			   "请用看图软件打开它，另存为 JPEG", p->shown);
		return -1;
	}
	out->format = fmt->name;
	if (loader(fmt)(p->path, &im, "access", VIPS_ACCESS_SEQUENTIAL, NULL)) {
		vips->error_clear();
		diag_error(d, p->at.file, p->at.line, p->at.col, p->value,
			   "照片“%s”读不出来（文件已损坏或不完整）：请重新从手机或相机复制一份",
			   p->shown);
		return -1;
	}
	rc = check_size(im, p, out, d);
	vips->object_unref(im);
	/* Kept under the identity taken before the read: a file changed
	 * meanwhile has another one by the next build (its change time), so
	 * these facts are never given for it. */
	if (rc == 0 && known && (rec = known->learn(known->arg, &st, out)) != 0 && record)
		*record = rec;
	return rc;
}
