/* The folders of an output tree as a build left them: for each, its
 * inode and its change time (st_ctim), so that the check of the spare
 * (spare_check.h) can trust a folder that did not change since without
 * reading it (docs/security.md, "The spare is checked, not trusted").
 *
 * The record is a text file: a first line "gongshi-folders 2 HASH N"
 * (HASH the program's, as in the manifest; N the number of lines that
 * follow, so that a file cut short is refused whole), then one line per
 * folder, "STAMP NAMES SIZES PATH/", sorted by path, where STAMP is 40
 * lowercase hex digits: 16 of the change time's seconds, 8 of its
 * nanoseconds, 16 of the inode number; NAMES 16 hex digits, the sum
 * (modulo 2^64) of folder_stamps_name_hash of the names of the files
 * right in it; SIZES the bytes of those files in the order of their
 * names, decimal, joined by commas ("?" for one not known, "-" when
 * there is none).  NAMES and SIZES (format 2) let a build keep a file of
 * a trusted folder without looking at it: the record says which files
 * the folder held, and how big (spare_sizes.h).  The output's root
 * folder is not recorded (it is always read).  The record is kept out of
 * the output tree, whose bytes must not depend on inode numbers or
 * times, and which a check of the spare expects to be the output it
 * replaced: beside it, as OUT.folders while the tree is live,
 * OUT.spare.folders once it is the spare (output.h,
 * output_record_folders).
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

/* What every record's first line starts with, whatever its format:
 * a file beside the output that does not is not ours to replace. */
#define FOLDER_STAMPS_FAMILY "gongshi-folders "
#define FOLDER_STAMPS_MAGIC FOLDER_STAMPS_FAMILY "2 "
#define FOLDER_STAMP_LEN 40

/* A record read back.  Every path's parent folder is recorded too (or is
 * the root): read_folder_stamps refuses a record where it is not. */
struct folder_stamps {
	char *text;		/* owned; the strings below point into it */
	const char **path;	/* "a/b/", sorted */
	const char **stamp;	/* FOLDER_STAMP_LEN hex digits */
	size_t *children;	/* how many recorded folders are right below */
	unsigned long long *names; /* NAMES: the sum of its files' names' hashes */
	const char **sizes;	/* SIZES: "-", or the sizes joined by commas */
	size_t n;
	strmap index;		/* path → its index */
};

/* The stamp of the folder `st` describes, into `out` (with a NUL). */
void folder_stamps_of(const struct stat *st, char out[FOLDER_STAMP_LEN + 1]);
/* The files a record is made of: `n` paths (sorted by strcmp, relative
 * to the tree, each once) and their bytes, asked one at a time so that
 * the caller gathers nothing (610,000 files at 55,000 communities, at the
 * writer's peak). */
struct folder_stamps_files {
	size_t n;
	const char *(*path)(void *ctx, size_t i);
	/* FOLDER_STAMPS_NO_SIZE when not known; NULL: none known */
	unsigned long long (*size)(void *ctx, size_t i);
	void *ctx;
};
#define FOLDER_STAMPS_NO_SIZE ((unsigned long long)-1)

/* Stamps a build updating the spare in place carries over rather than
 * looking at the folders again: those of the folders the check of the
 * spare trusted (spare_check.h), each with the hash of the rest of its
 * line (NAMES SIZES PATH/).  A folder this build would record with the
 * same NAMES and SIZES gets the same line again, its stamp included: had
 * anything changed in it since the check (an entry added, removed or
 * renamed, by this build or anyone), its change time moved, the stamp no
 * longer matches, and the next check reads it; nothing is trusted that
 * the stamp taken now would not have trusted.  At 55,000 communities an
 * fstatat of each of 57,000 folders saved. */
struct folder_stamps_known {
	struct folder_known *v;	/* sorted by the line's hash */
	size_t n;
};
#define FOLDER_STAMPS_KNOWN_INIT { NULL, 0 }
/* Takes into `k` the stamps of the records of `s` whose byte in
 * `trusted` is 1. */
void folder_stamps_known_take(struct folder_stamps_known *k, const struct folder_stamps *s,
			      const unsigned char *trusted);
/* Empties `k`; accepts one already empty. */
void folder_stamps_known_free(struct folder_stamps_known *k);

/* Appends to `out` the record of the folders holding the files `f`
 * (relative to the folder `rootfd`), stat'ed now and never through a link
 * (or carried over from `known`, NULL: none, as above), under the first
 * line `magic` (FOLDER_STAMPS_MAGIC and the program's hash) and the
 * count.  A folder that is not one (a link put in its place) is left out
 * with every folder above it, so that they are read.  Returns the number
 * of folders recorded. */
size_t folder_stamps_make(int rootfd, const struct folder_stamps_files *f,
			  const struct folder_stamps_known *known, const char *magic, buf *out);
/* The hash of a file's name (without its folder) that NAMES adds up. */
unsigned long long folder_stamps_name_hash(const char *name);
/* The next of a record's SIZES, from *cursor (s->sizes[k] first): 1 and
 * *size (FOLDER_STAMPS_NO_SIZE for "?"), *cursor moved past it; 0 at the
 * end. */
int folder_stamps_next_size(const char **cursor, unsigned long long *size);
/* The folder of `path` (its prefix to the last slash, "a/b/") in the
 * index `idx` of folder paths, or STRMAP_NONE for a file at the top or a
 * folder not in it.  The last folder looked up is kept in `dir` and
 * *last (start them empty and STRMAP_NONE): the files of a folder come
 * one after the other, and are looked up once. */
size_t folder_stamps_folder_of(const strmap *idx, const char *path, buf *dir, size_t *last);
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
