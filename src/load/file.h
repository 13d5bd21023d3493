/* Whole-file reading for the loaders, with the two guards every input
 * passes: a size limit, and containment.
 *
 * Containment: nothing outside the site folder (or, for a theme that
 * lives elsewhere, outside the theme's folder) may reach the output.  A
 * symbolic link inside content/, data/, layouts/ or a theme that resolves
 * outside its root is refused, so a site folder copied from someone else
 * (an unpacked archive, a shared drive) cannot publish /etc/passwd or a
 * colleague's home folder.  Links that stay inside are followed. */
#ifndef GONGSHI_FILE_H
#define GONGSHI_FILE_H

#include <stddef.h>

#include "util/arena.h"
#include "util/diag.h"

/* Size limits, in bytes (docs/data-format.md, "限制", gives the reasons).
 * A data table: a whole country's 307,000 communities are about 50-100
 * MB, and a loaded table needs about 6 times its size in memory. */
#define FILE_MAX_CSV (128UL << 20)
/* A Markdown page: a 5 MB community text makes a notice of 3,000 pages. */
#define FILE_MAX_MARKDOWN (8UL << 20)
/* site.yaml, a theme's templates and notice.yaml: all a few KB. */
#define FILE_MAX_OTHER (1UL << 20)

/* A folder that the files read through it must not leave. */
struct file_root {
	char *real;	  /* absolute, symlinks resolved; malloc'd */
	size_t len;	  /* of real */
	const char *what; /* the folder in messages: "网站目录"; static */
};

/* Resolves `dir` (which must exist).  `what` names it in messages and
 * must be a static string.  -1 with errno set when `dir` cannot be
 * resolved; *r is then empty and refuses every path. */
int file_root_init(struct file_root *r, const char *dir, const char *what);
void file_root_free(struct file_root *r);

/* 0 when `path`, its symlinks resolved, is the root or inside it, or
 * does not resolve at all (a missing file or a dangling link: the read
 * that follows says so).  Otherwise -1 after
 * `display: error: 符号链接指向网站目录之外（“TARGET”），已拒绝读取`. */
int file_check_within(const struct file_root *r, const char *path,
		      const char *display, diags *d);

/* Many files of one folder checked without resolving each path: the
 * photos of data/photos.csv, 550,000 of them at 55,000 communities, whose
 * realpath(3) cost 6.5 readlink(2) each (docs/performance.md, session
 * 10).  The folder is resolved once; a file in it is then inside the root
 * when it is no symbolic link (one lstat), and only a file that is one is
 * resolved whole (file_check_within).
 *
 * file_dir_open_within: the folder `dir` open (O_DIRECTORY), when its
 * path resolves inside the root and the descriptor is the folder that
 * path named (same device and inode, so a folder swapped between the two
 * is not taken); -1 otherwise, or when it cannot be opened (the caller
 * then checks each file with file_check_within, which says what is
 * wrong).  The caller closes it. */
int file_dir_open_within(const struct file_root *r, const char *dir);
/* The folder `name` (one part of a path: no '/', not "." or "..") of the
 * folder open as `dirfd`, open when it is a folder and no symbolic link,
 * so it is inside whatever `dirfd` is inside; -1 otherwise.  The caller
 * closes it. */
int file_subdir_open(int dirfd, const char *name);
/* 1 when `name` (one part of a path) in the folder open as `dirfd` is a
 * regular file and no symbolic link, its lstat(2) in *st: it is inside
 * whatever `dirfd` is inside.  0 for anything else (missing, a link, a
 * folder, unreadable folder): the caller takes the long way, whose
 * messages say what it is. */
struct stat;
int file_plain_at(int dirfd, const char *name, struct stat *st);

/* A file to read whole: `path`, taken relative to the folder open as
 * `dirfd` when it is not absolute (AT_FDCWD: the current folder; a loader
 * reading many files of one folder saves the kernel looking up the
 * folder's path again for each), checked against `root` (NULL: no check,
 * for a file the caller has checked), named `display` in messages, of at
 * most `max` bytes (FILE_MAX_*). */
struct file_spec {
	const struct file_root *root;
	int dirfd;
	const char *path;
	const char *display;
	size_t max;
};

/* Reads the file `f` whole into the arena, NUL-terminated: *out, *len.
 * On failure adds `display: error: …` (unreadable, not a regular file,
 * too large, outside the root) and returns -1. */
int file_read_spec(const struct file_spec *f, arena *a, diags *d, char **out,
		   size_t *len);
/* The same into malloc'd memory the caller frees, for text that is only
 * needed while it is parsed. */
int file_load_spec(const struct file_spec *f, diags *d, char **out,
		   size_t *len);
/* file_read_spec of `path` without a root, at most FILE_MAX_OTHER bytes. */
int file_read(const char *path, const char *display, arena *a, diags *d,
	      char **out, size_t *len);
/* 1 if `path` exists (any type), else 0. */
int file_exists(const char *path);
/* 0 when `path` exists (any type); ENOENT when it or a folder on the
 * way is missing (ENOTDIR, a file where a folder should be, counts as
 * missing too); otherwise the errno that kept it from being looked at,
 * e.g. EACCES for a file in a folder the user may not enter: such a
 * file is there but unreadable, not missing. */
int file_lookup_error(const char *path);
/* The same for a folder that will be listed: also EACCES when it is
 * there but may not be listed (mode 000, or no read permission), and
 * ENOTDIR when it is not a folder. */
int file_folder_error(const char *path);
/* `bytes` for messages: "512 字节", "8 KiB", "200.0 MiB"; `tmp` holds at
 * least 32 bytes and is returned. */
const char *file_size_text(unsigned long long bytes, char *tmp, size_t tmplen);

#endif
