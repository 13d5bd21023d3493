/* data/photos.csv's rows in batches: each row read but for its file (by
 * model/photos.c), then its file looked at (one lstat(2)) and, when the
 * last build's photo cache knows that file, its header taken from it, on
 * other threads while the next batch is read; then the rows finished in
 * order on the loading thread, each row's messages said before its
 * file's, as if the rows had been read one by one.
 *
 * Private to model/ (model/photos.c).  Owner: the loader; the batches'
 * memory is freed by photo_batches_end, the records are site.photos. */
#ifndef GONGSHI_MODEL_PHOTOS_BATCH_H
#define GONGSHI_MODEL_PHOTOS_BATCH_H

#include <stddef.h>
#include <sys/stat.h>

#include "model/loader.h"
#include "model/photo.h"
#include "util/diag.h"

/* A row read but for its file: what model/photos.c's reading of its cells
 * sets, and what looking at its file found. */
struct photo_pending {
	diags d;	    /* the row's messages so far, said when its file is */
	struct stat st;	    /* the file's lstat(2), when `plain` */
	unsigned line, col; /* the 文件 cell's */
	unsigned char file; /* 1: there is a file to read (the row got that far) */
	unsigned char ok;   /* 1: the row's other cells are good */
	unsigned char plain; /* file_plain_at's answer */
	/* 1: plain, and the cache knew its header: the record's width,
	 * height, format and record are set, nothing more to read. */
	unsigned char known;
};

struct photo_batches;

/* For a table of at most `nrows` rows (site.photos has room for them):
 * NULL when the site's folder cannot be resolved (no row is then read;
 * the table's other messages say why the site does not build). */
struct photo_batches *photo_batches_new(struct loader *l, size_t nrows);

/* The next row's record (in site.photos) and its pending state, cleared:
 * the caller reads the row into both, then calls photo_batches_add. */
struct photo_pending *photo_batches_next(struct photo_batches *b, struct photo **ph);
void photo_batches_add(struct photo_batches *b);

/* Finishes every row (site.nphotos counts the whole ones, in the order
 * of their rows) and frees `b`.  Accepts NULL. */
void photo_batches_end(struct photo_batches *b);

#endif
