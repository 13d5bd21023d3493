#define _XOPEN_SOURCE 700 /* realpath is XSI */
#include "load/file.h"

#include "util/docs.h"
#include "util/errtext.h"
#include "util/fileread.h"
#include "util/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int file_root_init(struct file_root *r, const char *dir, const char *what)
{
	r->what = what;
	r->real = realpath(dir, NULL);
	r->len = r->real ? strlen(r->real) : 0;
	return r->real ? 0 : -1;
}

void file_root_free(struct file_root *r)
{
	free(r->real);
	r->real = NULL;
	r->len = 0;
}

/* Whether the resolved path `real` is the root or below it.  "/" as the
 * root holds everything. */
static int inside(const struct file_root *r, const char *real)
{
	if (r->real == NULL)
		return 0;
	if (r->len == 1)
		return 1;
	return strncmp(real, r->real, r->len) == 0 &&
	       (real[r->len] == '/' || real[r->len] == '\0');
}

int file_check_within(const struct file_root *r, const char *path,
		      const char *display, diags *d)
{
	char *real = realpath(path, NULL);
	int ok;

	if (real == NULL)
		return 0;
	ok = inside(r, real);
	if (!ok)
		diag_error(d, display, 0, 0, real,
			   "符号链接指向%s之外（“%s”），已拒绝读取", r->what, real);
	free(real);
	return ok ? 0 : -1;
}

int file_dir_open_within(const struct file_root *r, const char *dir)
{
	struct stat held, named;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	char *real = fd >= 0 ? realpath(dir, NULL) : NULL;
	int ok = real && inside(r, real) && stat(real, &named) == 0 && fstat(fd, &held) == 0 &&
		 named.st_dev == held.st_dev && named.st_ino == held.st_ino;

	free(real);
	if (!ok && fd >= 0)
		close(fd);
	return ok ? fd : -1;
}

/* One part of a path that names a file in its folder, not the folder or
 * its parent. */
static int one_part(const char *name)
{
	return *name && !strchr(name, '/') && strcmp(name, ".") && strcmp(name, "..");
}

int file_subdir_open(int dirfd, const char *name)
{
	if (dirfd < 0 || !one_part(name))
		return -1;
	/* O_NOFOLLOW: a link, even to a folder inside, fails (ELOOP). */
	return openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

int file_plain_at(int dirfd, const char *name, struct stat *st)
{
	return dirfd >= 0 && one_part(name) && fstatat(dirfd, name, st, AT_SYMLINK_NOFOLLOW) == 0 &&
	       S_ISREG(st->st_mode);
}

const char *file_size_text(unsigned long long bytes, char *tmp, size_t tmplen)
{
	const unsigned long long kib = 1024, mib = kib * 1024;

	if (bytes < kib)
		snprintf(tmp, tmplen, "%llu 字节", bytes);
	else if (bytes < mib && bytes % kib == 0)
		snprintf(tmp, tmplen, "%llu KiB", bytes / kib);
	else if (bytes < mib)
		snprintf(tmp, tmplen, "%.1f KiB", (double)bytes / (double)kib);
	else if (bytes % mib == 0)
		snprintf(tmp, tmplen, "%llu MiB", bytes / mib);
	else
		snprintf(tmp, tmplen, "%.1f MiB", (double)bytes / (double)mib);
	return tmp;
}

/* Opens the file `f` for reading a whole regular file of at most
 * f->max bytes: a descriptor (its size in *size), or -1 after a
 * diagnostic.  Plain open/read, no stdio: stdio's buffer costs a second
 * fstat and a copy per file, and a site has one Markdown file per
 * community. */
static int open_checked(const struct file_spec *f, diags *d, size_t *size)
{
	const char *path = f->path, *display = f->display;
	int dirfd = f->dirfd;
	size_t max = f->max;
	int fd;
	struct stat st;
	char a[32], b[32];

	if (f->root && file_check_within(f->root, path, display, d) < 0)
		return -1;
	/* A named pipe is opened without waiting (O_NONBLOCK) and refused
	 * below; regular files ignore the flag. */
	fd = fileread_open(dirfd, path, 0, &st);
	/* A socket cannot be opened at all (ENXIO): said as what it is. */
	if (fd < 0 && errno == ENXIO && fstatat(dirfd, path, &st, 0) == 0 &&
	    S_ISSOCK(st.st_mode)) {
		diag_error(d, display, 0, 0, NULL,
			   "不是普通文件（设备、管道或套接字），已拒绝读取");
		return -1;
	}
	if (fd < 0) {
		diag_error(d, display, 0, 0, NULL, "无法读取文件：%s", errtext_of(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode))
			diag_error(d, display, 0, 0, NULL, "无法读取文件：%s",
				   errtext_of(EISDIR));
		else
			diag_error(d, display, 0, 0, NULL,
				   "不是普通文件（设备、管道或套接字），已拒绝读取");
		close(fd);
		return -1;
	}
	/* Checked before reading: a file that would need gigabytes of memory
	 * once loaded is refused while it still costs nothing. */
	if ((unsigned long long)st.st_size > max) {
		file_size_text((unsigned long long)st.st_size, a, sizeof(a));
		diag_error(d, display, 0, 0, a,
			   "文件大小“%s”超过上限 %s（见" DOCS_TABLE_GUIDE " 的“大小上限”）",
			   a, file_size_text(max, b, sizeof(b)));
		close(fd);
		return -1;
	}
	*size = (size_t)st.st_size;
	return fd;
}

/* Reads up to the `size` bytes announced into `data` (room for size + 1),
 * NUL-terminates and closes `fd`; *n is the count read.  -1 after a
 * diagnostic. */
static int read_all(int fd, const char *display, char *data, size_t size,
		    diags *d, size_t *n)
{
	ssize_t got = fileread_full(fd, data, size);

	if (got < 0) {
		diag_error(d, display, 0, 0, NULL, "无法读取文件：%s", errtext_of(errno));
		close(fd);
		return -1;
	}
	close(fd);
	*n = (size_t)got;
	data[*n] = '\0';
	return 0;
}

int file_read_spec(const struct file_spec *f, arena *a, diags *d, char **out,
		   size_t *len)
{
	size_t size;
	int fd = open_checked(f, d, &size);
	char *data;

	if (fd < 0)
		return -1;
	/* read_all writes the bytes it reports and the NUL after them;
	 * clearing first would touch every page twice. */
	data = arena_alloc_raw(a, size + 1);
	if (read_all(fd, f->display, data, size, d, len) < 0)
		return -1;
	*out = data;
	return 0;
}

int file_load_spec(const struct file_spec *f, diags *d, char **out,
		   size_t *len)
{
	size_t size;
	int fd = open_checked(f, d, &size);
	char *data;

	if (fd < 0)
		return -1;
	data = xmalloc(size + 1);
	if (read_all(fd, f->display, data, size, d, len) < 0) {
		free(data);
		return -1;
	}
	*out = data;
	return 0;
}

int file_read(const char *path, const char *display, arena *a, diags *d,
	      char **out, size_t *len)
{
	const struct file_spec f = { NULL, AT_FDCWD, path, display,
				     FILE_MAX_OTHER };

	return file_read_spec(&f, a, d, out, len);
}

int file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

int file_lookup_error(const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0)
		return 0;
	return errno == ENOTDIR ? ENOENT : errno;
}

int file_folder_error(const char *path)
{
	int e = file_lookup_error(path);
	DIR *dp;

	if (e)
		return e;
	if ((dp = opendir(path)) == NULL)
		return errno;
	closedir(dp);
	return 0;
}
