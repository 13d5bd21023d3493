/* Files beneath an open folder (output_fs.h).  openat2 is Linux's; the
 * fallback opens one folder at a time with O_NOFOLLOW. */
#define _GNU_SOURCE
#include "write/output_fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__linux__) && defined(__has_include)
#if __has_include(<linux/openat2.h>) && __has_include(<sys/syscall.h>)
#include <linux/openat2.h>
#include <sys/syscall.h>
#endif
#endif

#include "util/buf.h"
#include "util/xalloc.h"

#if defined(SYS_openat2) && defined(RESOLVE_BENEATH)
/* 0 once the kernel said it has no openat2: the fallback from then on. */
static int have_openat2 = 1;

/* One system call: the kernel refuses any link and any way out of
 * `dirfd` anywhere along `rel`.  -2 when openat2 is missing. */
static int open_beneath(int dirfd, const char *rel, int flags, mode_t mode)
{
	struct open_how how;
	long fd;

	if (!__atomic_load_n(&have_openat2, __ATOMIC_RELAXED))
		return -2;
	memset(&how, 0, sizeof(how));
	how.flags = (unsigned long long)flags;
	how.mode = flags & O_CREAT ? mode : 0;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
	fd = syscall(SYS_openat2, dirfd, rel, &how, sizeof(how));
	if (fd < 0 && errno == ENOSYS) {
		__atomic_store_n(&have_openat2, 0, __ATOMIC_RELAXED);
		return -2;
	}
	/* A container's seccomp filter may answer EPERM for a call it does
	 * not know: this call goes the slow way, which gives the real
	 * error if there is one. */
	if (fd < 0 && errno == EPERM)
		return -2;
	return (int)fd;
}
#else
static int open_beneath(int dirfd, const char *rel, int flags, mode_t mode)
{
	(void)dirfd, (void)rel, (void)flags, (void)mode;
	return -2;
}
#endif

/* The next folder `name` (cut at its length `n`) below `fd`, made first
 * with `create`; never through a link.  Closes `fd` unless it is `root`. */
static int step(int root, int fd, const char *name, size_t n, int create)
{
	char *part = xstrndup(name, n);
	int next;

	if (create && mkdirat(fd, part, 0755) < 0 && errno != EEXIST)
		next = -1;
	else
		next = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	free(part);
	if (fd != root) {
		int e = errno;

		close(fd);
		errno = e;
	}
	return next;
}

/* The folders of `rel` up to its last slash, one at a time from `root`;
 * the last folder's descriptor, or `root` itself when `rel` has none. */
static int walk_folders(int root, const char *rel, int create, const char **base)
{
	const char *p = rel, *slash;
	int fd = root;

	while ((slash = strchr(p, '/')) != NULL) {
		fd = step(root, fd, p, (size_t)(slash - p), create);
		if (fd < 0)
			return -1;
		p = slash + 1;
	}
	*base = p;
	return fd;
}

int output_fs_open(int dirfd, const char *rel, int flags, mode_t mode)
{
	const char *base;
	int fd, dir;

	if (!relpath_safe(rel)) {
		errno = EXDEV;
		return -1;
	}
	flags |= O_NOFOLLOW | O_CLOEXEC;
	fd = open_beneath(dirfd, rel, flags, mode);
	if (fd != -2)
		return fd;
	dir = walk_folders(dirfd, rel, 0, &base);
	if (dir < 0)
		return -1;
	fd = openat(dir, base, flags, mode);
	if (dir != dirfd) {
		int e = errno;

		close(dir);
		errno = e;
	}
	return fd;
}

/* Makes the last folder of `up` (a folder's path beneath `dirfd`) when
 * the folder above it exists, the usual case of a new community's
 * folder: one open and one mkdirat rather than a walk from the top.
 * With `open_it`, returns the new folder's descriptor, else 0; -1 with
 * errno (ENOENT: a folder above is missing too). */
static int make_last(int dirfd, const char *up, int open_it)
{
	const char *slash = strrchr(up, '/'), *name = slash ? slash + 1 : up;
	int above = dirfd, fd = 0, e;

	if (slash) {
		char *path = xstrndup(up, (size_t)(slash - up));

		above = output_fs_open(dirfd, path, O_RDONLY | O_DIRECTORY, 0);
		free(path);
		if (above < 0)
			return -1;
	}
	if (mkdirat(above, name, 0755) < 0 && errno != EEXIST)
		fd = -1;
	else if (open_it)
		fd = openat(above, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (above != dirfd) {
		e = errno;
		close(above);
		errno = e;
	}
	return fd;
}

int output_fs_make_parent(int dirfd, const char *rel)
{
	const char *slash = strrchr(rel, '/');
	char *up;
	int rc;

	if (slash == NULL || !relpath_safe(rel)) {
		errno = slash ? EXDEV : ENOENT;
		return -1;
	}
	up = xstrndup(rel, (size_t)(slash - rel));
	rc = make_last(dirfd, up, 0);
	free(up);
	return rc;
}

int output_fs_parent(int dirfd, const char *rel, int create, const char **base)
{
	const char *slash = strrchr(rel, '/');
	char *up;
	int fd;

	if (!relpath_safe(rel)) {
		errno = EXDEV;
		return -1;
	}
	*base = slash ? slash + 1 : rel;
	if (slash == NULL)
		return fcntl(dirfd, F_DUPFD_CLOEXEC, 0);
	/* Usually the folder exists: one call. */
	up = xstrndup(rel, (size_t)(slash - rel));
	fd = output_fs_open(dirfd, up, O_RDONLY | O_DIRECTORY, 0);
	if (fd < 0 && create && errno == ENOENT)
		fd = make_last(dirfd, up, 1);
	free(up);
	if (fd >= 0 || !create || errno != ENOENT)
		return fd;
	fd = walk_folders(dirfd, rel, 1, base);
	if (fd == dirfd)
		fd = fcntl(dirfd, F_DUPFD_CLOEXEC, 0);
	return fd;
}

int output_fs_remove(int dirfd, const char *name)
{
	DIR *dp;
	struct dirent *e;
	int fd, rc = 0;

	if (unlinkat(dirfd, name, 0) == 0 || errno == ENOENT)
		return 0;
	/* Linux says EISDIR for a folder, POSIX EPERM. */
	if (errno != EISDIR && errno != EPERM)
		return -1;
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	dp = fdopendir(fd);
	if (dp == NULL) {
		close(fd);
		return -1;
	}
	while ((e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (output_fs_remove(fd, e->d_name) < 0)
			rc = -1;
	}
	closedir(dp);
	if (unlinkat(dirfd, name, AT_REMOVEDIR) < 0 && errno != ENOENT)
		rc = -1;
	return rc;
}

int output_fs_remove_path(const char *path)
{
	buf dir = BUF_INIT;
	const char *slash;
	size_t n = strlen(path);
	int fd, rc = -1;

	while (n > 1 && path[n - 1] == '/')
		n--;
	buf_put(&dir, path, n);
	slash = strrchr(dir.data, '/');
	if (slash == NULL) {
		fd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		slash = dir.data - 1;
	} else {
		buf_truncate(&dir, (size_t)(slash - dir.data));
		fd = open(slash == dir.data ? "/" : dir.data, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	}
	if (fd >= 0) {
		rc = output_fs_remove(fd, slash + 1);
		close(fd);
	}
	buf_free(&dir);
	return rc;
}
