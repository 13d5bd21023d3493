/* util/buf.c and util/fileread.c: appending through buf_reserve() and
 * buf_commit(), and reading a file whole, with the rules the readers
 * share (regular files only, never waiting on a pipe, no link followed
 * by buf_read_file, a size bound for buf_read_fd). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"
#include "util/buf.h"
#include "util/fileread.h"

static void test_reserve_commit(void)
{
	buf b = BUF_INIT;
	char *at;

	buf_puts(&b, "xy");
	at = buf_reserve(&b, 5);
	CHECK(buf_room(&b) >= 5);
	memcpy(at, "abcde", 5);
	buf_commit(&b, 3); /* only what was produced is appended */
	CHECK_INT(b.len, 5);
	CHECK_STR(b.data, "xyabc");
	at = buf_reserve(&b, 0);
	CHECK(at == b.data + b.len);
	buf_commit(&b, 0);
	CHECK_STR(b.data, "xyabc");
	buf_free(&b);
}

/* A file of `n` bytes 'a'..'z' in the scratch folder: its path. */
static char *scratch_file(const char *dir, const char *name, size_t n)
{
	buf path = BUF_INIT;
	FILE *f;

	buf_printf(&path, "%s/%s", dir, name);
	f = fopen(path.data, "wb");
	for (size_t i = 0; f && i < n; i++)
		fputc('a' + (int)(i % 26), f);
	if (f)
		fclose(f);
	return buf_detach(&path);
}

static void test_read(const char *dir)
{
	char *big = scratch_file(dir, "big", 200000), *small = scratch_file(dir, "small", 10);
	buf b = BUF_INIT, link = BUF_INIT, fifo = BUF_INIT;
	int fd;

	CHECK_INT(buf_read_file(&b, big), 0);
	CHECK_INT(b.len, 200000);
	CHECK(b.data[199999] == 'a' + 199999 % 26 && b.data[200000] == '\0');
	buf_free(&b); /* empty: reads 64 KiB at a time */

	/* A bound stops the read early, the rest unread. */
	fd = open(big, O_RDONLY);
	CHECK_INT(buf_read_fd(&b, fd, 1000), 1);
	CHECK(b.len > 1000 && b.len < 200000);
	close(fd);
	buf_reset(&b);
	fd = open(small, O_RDONLY);
	CHECK_INT(buf_read_fd(&b, fd, 1000), 0);
	CHECK_STR(b.data, "abcdefghij");
	close(fd);

	/* Appends; a refused read leaves the buffer as it was. */
	buf_printf(&link, "%s/link", dir);
	CHECK_INT(symlink(small, link.data), 0);
	errno = 0;
	CHECK_INT(buf_read_file(&b, link.data), -1);
	CHECK_INT(errno, ELOOP);
	buf_printf(&fifo, "%s/fifo", dir);
	CHECK_INT(mkfifo(fifo.data, 0600), 0);
	errno = 0;
	CHECK_INT(buf_read_file(&b, fifo.data), -1); /* returns at once */
	CHECK_INT(errno, EINVAL);
	CHECK_STR(b.data, "abcdefghij");
	/* A bound: a file over it is refused whole, one at it is read. */
	errno = 0;
	CHECK_INT(buf_read_file_max(&b, small, 9), -1);
	CHECK_INT(errno, EFBIG);
	CHECK_STR(b.data, "abcdefghij");
	CHECK_INT(buf_read_file_max(&b, small, 10), 0);
	CHECK_STR(b.data, "abcdefghijabcdefghij");

	/* fileread: the descriptor's type for the caller to judge. */
	{
		struct stat st;
		char data[16];

		fd = fileread_open(AT_FDCWD, fifo.data, 0, &st);
		CHECK(fd >= 0 && S_ISFIFO(st.st_mode));
		if (fd >= 0)
			close(fd);
		fd = fileread_open(AT_FDCWD, small, 0, &st);
		CHECK(fd >= 0 && S_ISREG(st.st_mode) && st.st_size == 10);
		CHECK_INT(fileread_full(fd, data, sizeof(data)), 10);
		if (fd >= 0)
			close(fd);
		CHECK_INT(fileread_open(AT_FDCWD, link.data, O_NOFOLLOW, &st), -1);
	}
	unlink(big), unlink(small), unlink(link.data), unlink(fifo.data);
	free(big), free(small);
	buf_free(&b), buf_free(&link), buf_free(&fifo);
}

/* buf_put_uint gives what "%llu" gives, appended. */
static void test_put_uint(void)
{
	unsigned long long v[] = { 0, 7, 10, 64, 480, 1000000, 18446744073709551615ull };
	buf b = BUF_INIT, want = BUF_INIT;

	for (size_t i = 0; i < sizeof(v) / sizeof(*v); i++) {
		buf_reset(&b), buf_reset(&want);
		buf_puts(&b, "p1-");
		buf_put_uint(&b, v[i]);
		buf_printf(&want, "p1-%llu", v[i]);
		CHECK_STR(b.data, want.data);
	}
	buf_free(&b), buf_free(&want);
}

int main(void)
{
	char dir[] = "/tmp/gongshi-test-buf-XXXXXX";

	test_reserve_commit();
	test_put_uint();
	if (mkdtemp(dir) == NULL) {
		CHECK(!"mkdtemp");
		return test_done();
	}
	test_read(dir);
	rmdir(dir);
	return test_done();
}
