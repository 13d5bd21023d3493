/* The folders of an output tree as a build left them: for each, its
 * inode and its change time (st_ctim), so that the check of the spare
 * (spare_check.h) can trust a folder that did not change since without
 * reading it (docs/security.md, "The spare is checked, not trusted").
 *
 * The record is a text file: a first line "gongshi-folders 1 HASH N"
 * (HASH the program's, as in the manifest; N the number of lines that
 * follow, so that a file cut short is refused whole), then one line per
 * folder, "STAMP PATH/", sorted by path, where STAMP is 40 lowercase hex
 * digits: 16 of the change time's seconds, 8 of its nanoseconds, 16 of
 * the inode number.  The output's root folder is not recorded (it is
 * always read).  The record is kept out of the output tree, whose bytes
 * must not depend on inode numbers or times, and which a check of the
 * spare expects to be the output it replaced: beside it, as OUT.folders
 * while the tree is live, OUT.spare.folders once it is the spare
 * (output.h, output_record_folders).
 *
 * Nothing here decides trust: a record only says what a folder was.  A
 * record that does not match the folder as it is now (another inode, a
 * later change) is simply not used. */
#ifndef GONGSHI_FOLDER_STAMPS_H
#define GONGSHI_FOLDER_STAMPS_H

#include <stddef.h>
#include <sys/stat.h>

#include "util/buf.h"
#include "util/strmap.h"

#define FOLDER_STAMPS_MAGIC "gongshi-folders 1 "
#define FOLDER_STAMP_LEN 40

/* A record read back.  Every path's parent folder is recorded too (or is
 * the root): read_folder_stamps refuses a record where it is not. */
struct folder_stamps {
	char *text;		/* owned; the strings below point into it */
	const char **path;	/* "a/b/", sorted */
	const char **stamp;	/* FOLDER_STAMP_LEN hex digits */
	size_t *children;	/* how many recorded folders are right below */
	size_t n;
	strmap index;		/* path → its index */
};

/* The stamp of the folder `st` describes, into `out` (with a NUL). */
void folder_stamps_of(const struct stat *st, char out[FOLDER_STAMP_LEN + 1]);
/* Appends to `out` the record of the folders holding the files `paths`
 * (sorted by strcmp, relative to the folder `rootfd`), stat'ed now and
 * never through a link, under the first line `magic` (FOLDER_STAMPS_MAGIC
 * and the program's hash) and the count.  A folder that is not one (a
 * link put in its place) is left out with every folder above it, so that
 * they are read.  Returns the number of folders recorded. */
size_t folder_stamps_make(int rootfd, const char *const *paths, size_t n,
			  const char *magic, buf *out);
/* Parses `text` (NUL-terminated, taken) into `s`.  On any defect (another
 * first line, a count that does not match, a bad line, paths out of
 * order, a folder whose parent is not recorded) `s` is left empty: every
 * folder will be read.  0 when it was taken whole, -1 when refused. */
int folder_stamps_parse(struct folder_stamps *s, char *text, const char *magic);
/* Reads the record at `path` (a regular file, not through a link at its
 * end) into `s`, as folder_stamps_parse. */
int folder_stamps_read(struct folder_stamps *s, const char *path, const char *magic);
/* Empties `s`; accepts one already empty. */
void folder_stamps_free(struct folder_stamps *s);

#endif
