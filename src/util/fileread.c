/* Opening and reading whole files: see fileread.h. */
#include "util/fileread.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int fileread_open(int dirfd, const char *path, int flags, struct stat *st)
{
	int fd = openat(dirfd, path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | flags);

	if (fd >= 0 && fstat(fd, st) < 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

ssize_t fileread_full(int fd, void *data, size_t size)
{
	size_t n = 0;

	while (n < size) {
		ssize_t got = read(fd, (char *)data + n, size - n);

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -1;
		if (got == 0)
			break;
		n += (size_t)got;
	}
	return (ssize_t)n;
}
