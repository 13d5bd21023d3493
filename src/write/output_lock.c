/* The output's lock (output_lock.h). */
#include "write/output_lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/errtext.h"

/* OUT.lock, beside OUT whatever its trailing slashes. */
static void lock_path(const char *out_dir, buf *path)
{
	size_t n = strlen(out_dir);

	while (n > 1 && out_dir[n - 1] == '/')
		n--;
	buf_put(path, out_dir, n);
	buf_puts(path, OUTPUT_LOCK_MARK);
}

/* flock, again after a signal. */
static int lock_fd(int fd, int how)
{
	int rc;

	while ((rc = flock(fd, how)) < 0 && errno == EINTR)
		;
	return rc;
}

int output_lock(const char *out_dir, int wait, diags *d)
{
	buf path = BUF_INIT;
	int fd;

	lock_path(out_dir, &path);
	/* Never through a link: O_CREAT would make its target. */
	fd = open(path.data, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0 && errno != ELOOP)
		fd = open(path.data, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ELOOP) {
		diag_error(d, path.data, 0, 0, NULL,
			   "锁文件“%s”是一个符号链接，不是 gongshi 建的；请删除这个链接后再生成",
			   path.data);
		buf_free(&path);
		return -1;
	}
	if (fd < 0) {
		buf_free(&path);
		return -2;
	}
	if (lock_fd(fd, LOCK_EX | LOCK_NB) == 0)
		goto out;
	if (errno == EWOULDBLOCK && !wait) {
		diag_error(d, out_dir, 0, 0, NULL,
			   "另一个 gongshi 正在生成同一个输出目录“%s”（锁文件 %s）；"
			   "请等它完成后再试，或去掉 --no-wait 让本次生成排队等待",
			   out_dir, path.data);
	} else if (errno == EWOULDBLOCK) {
		fprintf(stderr, "gongshi: 另一个 gongshi 正在生成同一个输出目录“%s”，"
				"等它完成后再开始……\n", out_dir);
		fflush(stderr);
		if (lock_fd(fd, LOCK_EX) == 0)
			goto out;
		diag_error(d, out_dir, 0, 0, NULL, "无法锁定锁文件“%s”：%s", path.data,
			   errtext_of(errno));
	} else {
		/* A file system that cannot lock (ENOLCK): the build goes on
		 * unlocked, as every build did before the lock. */
		goto out;
	}
	close(fd);
	fd = -1;
out:
	buf_free(&path);
	return fd;
}

void output_unlock(int lock)
{
	if (lock >= 0)
		close(lock);
}
