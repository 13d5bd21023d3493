/* The photos of the communities (形象进度), from the optional table
 * data/photos.csv: one row a photo, its file under the community's folder
 * content/communities/ID/, a caption (the image's alt text, so it is
 * required), a date and a kind.
 *
 * Each photo's header has been read and bounded when the site loads
 * (load/photo_header.h): a photo in the model exists, is one of the four
 * formats, and is at most 50 megapixels and 200 MB.  Its pixels are
 * decoded only by src/image/ when its derivatives are made.
 *
 * Everything here lives in the site's arena. */
#ifndef GONGSHI_MODEL_PHOTO_H
#define GONGSHI_MODEL_PHOTO_H

#include <stddef.h>

#include "load/date.h"
#include "load/srcpos.h"

/* In the order the gallery shows them. */
enum photo_kind { PHOTO_BEFORE, PHOTO_DURING, PHOTO_AFTER, PHOTO_DESIGN };

struct photo {
	size_t community;     /* index into site.communities */
	const char *path;     /* from the site folder: content/communities/ID/FILE */
	const char *name;     /* the derivatives' stem: FILE's, made URL-safe, unique in the community */
	const char *caption;
	struct date date;
	enum photo_kind kind;
	int width, height;    /* upright, from the header */
	const char *format;   /* "JPEG", "PNG", "WebP", "HEIC" */
	struct srcpos pos;    /* the row */
	unsigned file_col;    /* the 文件 cell's column, for the decoder's errors */
};

/* 改造前 施工中 改造后 效果图 */
const char *photo_kind_name(enum photo_kind k);

#endif
