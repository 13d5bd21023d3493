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
#include "util/buf.h"

/* In the order the gallery shows them. */
enum photo_kind { PHOTO_BEFORE, PHOTO_DURING, PHOTO_AFTER, PHOTO_DESIGN };

/* 64 bytes: 550,000 of them at 55,000 communities with 10 photos each
 * stay for the whole build, so nothing is kept that the row's other
 * fields give (the path is the community's folder and `file`; the row's
 * file is site.photos_csv) and the small codes are bytes. */
struct photo {
	const char *file;     /* the 文件 cell: FILE in content/communities/ID/ (photo_file_path) */
	const char *name;     /* the derivatives' stem: FILE's, made URL-safe, unique in the community */
	const char *caption;
	struct date date;
	unsigned community;   /* index into site.communities */
	unsigned line;        /* the row's, in site.photos_csv */
	unsigned file_col;    /* the 文件 cell's column, for the decoder's errors */
	/* The number the build's photo cache gave the file the load looked at
	 * (load/photo_header.h's photo_header_cache; 0: none), so that the
	 * plan asks it for the file's hash without a second stat(2): the
	 * identity the load saw is the one the hash is given for. */
	unsigned record;
	int width, height;    /* upright, from the header */
	unsigned char kind;   /* enum photo_kind */
	unsigned char format; /* load/photo_header.h's photo_header_format_code */
};

/* 改造前 施工中 改造后 效果图 */
const char *photo_kind_name(enum photo_kind k);

/* The photo a community's notice carries under site.yaml's notice.image:
 * its latest 效果图 (design) or its earliest 改造前 (before); NULL when
 * the setting is none or the community has no such photo. */
struct site;
struct community;
const struct photo *photo_for_notice(const struct site *s, const struct community *c);
/* The same for its poster (公示牌) under poster.image, which is
 * notice.image's unless site.yaml sets it. */
const struct photo *photo_for_poster(const struct site *s, const struct community *c);

/* The widths a photo's derivatives are made at, in pixels: 480 (what a
 * phone loads first), 960 (a phone's sharp screen) and 1600 (the photo
 * opened on its own).  Never wider than the photo: a width it does not
 * reach is left out, and a photo narrower than 480 has one derivative at
 * its own width.  The one rule for the gallery and the writer. */
#define PHOTO_WIDTHS { 480, 960, 1600 }
enum { PHOTO_MAX_WIDTHS = 3 };

/* Fills `widths` (PHOTO_MAX_WIDTHS) with `ph`'s, narrowest first; returns
 * how many (at least 1). */
size_t photo_widths(const struct photo *ph, int *widths);
/* The height of `ph` at `width`, as libvips rounds it (at least 1). */
int photo_height_at(const struct photo *ph, int width);
/* The photo's file from the site folder, "content/communities/ID/FILE",
 * as every message quotes it; the text is `out`'s, which is reset first. */
void photo_file_path(const struct site *s, const struct photo *ph, buf *out);
/* A derivative's output path, "communities/ID/photos/NAME-WIDTH.jpg"; the
 * text is `out`'s, which is reset first. */
struct community;
void photo_derivative_path(const struct community *c, const struct photo *ph,
			   int width, buf *out);

#endif
