#include "util/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/fileread.h"
#include "util/xalloc.h"

void buf_init(buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void buf_grow(buf *b, size_t extra)
{
	/* +1 keeps room for the terminating NUL.  Every append comes here:
	 * the common case, room enough, without a call. */
	if (b->data && b->cap - b->len > extra)
		return;
	b->data = xgrow(b->data, &b->cap, b->len + extra + 1, 1);
}

void buf_put(buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

char *buf_reserve(buf *b, size_t n)
{
	buf_grow(b, n);
	return b->data + b->len;
}

size_t buf_room(const buf *b)
{
	return b->cap > b->len ? b->cap - b->len - 1 : 0;
}

void buf_commit(buf *b, size_t n)
{
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_puts(buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void buf_putc(buf *b, int c)
{
	char ch = (char)c;
	buf_put(b, &ch, 1);
}

void buf_put_uint(buf *b, unsigned long long v)
{
	char digits[20]; /* 2^64 - 1 has 20 */
	size_t n = sizeof(digits);

	do
		digits[--n] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	buf_put(b, digits + n, sizeof(digits) - n);
}

void buf_vprintf(buf *b, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	/* Printed straight into the room there is, and again only when it
	 * did not fit: most texts are short, and measuring every one first
	 * doubled the cost of formatting. */
	buf_grow(b, 64);
	va_copy(again, ap);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, again);
	va_end(again);
	if (n < 0) {
		b->data[b->len] = '\0';
		return;
	}
	if ((size_t)n >= b->cap - b->len) {
		buf_grow(b, (size_t)n);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_reset(buf *b)
{
	buf_truncate(b, 0);
}

void buf_truncate(buf *b, size_t len)
{
	if (len < b->len)
		b->len = len;
	if (b->data)
		b->data[b->len] = '\0';
}

const char *buf_cstr(buf *b)
{
	if (b->data == NULL)
		buf_grow(b, 0), b->data[0] = '\0';
	return b->data;
}

char *buf_detach(buf *b)
{
	char *p;

	buf_cstr(b);
	p = b->data;
	buf_init(b);
	return p;
}

int buf_read_fd(buf *b, int fd, size_t max)
{
	size_t start = b->len, room;
	ssize_t got;

	for (;;) {
		if (b->len - start > max)
			return 1;
		if (buf_room(b) < 1)
			buf_reserve(b, 65536);
		room = buf_room(b);
		got = fileread_full(fd, buf_reserve(b, 0), room);
		if (got < 0) {
			int e = errno;

			buf_truncate(b, start);
			errno = e;
			return -1;
		}
		buf_commit(b, (size_t)got);
		if ((size_t)got < room) /* the end of the file */
			return 0;
	}
}

int buf_read_file_max(buf *b, const char *path, size_t max)
{
	struct stat st;
	size_t was = b->len;
	int fd = fileread_open(AT_FDCWD, path, O_NOFOLLOW, &st), rc;

	if (fd < 0)
		return -1;
	if (!S_ISREG(st.st_mode) || (unsigned long long)st.st_size > max) {
		close(fd);
		errno = S_ISREG(st.st_mode) ? EFBIG : EINVAL;
		return -1;
	}
	/* Sized once from fstat, then read to the end whatever it said. */
	buf_reserve(b, (size_t)st.st_size + 1);
	rc = buf_read_fd(b, fd, max);
	if (rc != 0) {
		int e = rc > 0 ? EFBIG : errno;

		close(fd);
		buf_truncate(b, was);
		errno = e;
		return -1;
	}
	close(fd);
	buf_cstr(b);
	return 0;
}

int buf_read_file(buf *b, const char *path)
{
	return buf_read_file_max(b, path, (size_t)-1);
}

void buf_free(buf *b)
{
	free(b->data);
	buf_init(b);
}
