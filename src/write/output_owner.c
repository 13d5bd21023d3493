/* Whose folder the output is (output_owner.h). */
#include "write/output_owner.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "write/manifest.h"
#include "util/buf.h"
#include "util/errtext.h"
#include "util/fileread.h"

int output_owner_dir_empty(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	int empty = 1;

	if (dp == NULL)
		return -1;
	while ((e = readdir(dp)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
			empty = 0;
			break;
		}
	closedir(dp);
	return empty;
}

/* 1 when `dir` holds gongshi's manifest (any version): a regular file
 * starting as one, read without following a link, its first bytes only;
 * or anything else under that name (a named pipe where a manifest was:
 * no one's folder but gongshi's holds that name, and the build replaces
 * it with a manifest). */
static int has_manifest(const char *dir)
{
	static const char magic[] = "gongshi-manifest ";
	char head[sizeof(magic) - 1];
	buf path = BUF_INIT;
	struct stat st;
	int fd, ours = 0;

	buf_printf(&path, "%s/%s", dir, MANIFEST_NAME);
	if (lstat(path.data, &st) < 0 || !S_ISREG(st.st_mode)) {
		ours = lstat(path.data, &st) == 0;
		buf_free(&path);
		return ours;
	}
	fd = fileread_open(AT_FDCWD, path.data, O_NOFOLLOW, &st);
	buf_free(&path);
	if (fd < 0)
		return 0;
	if (S_ISREG(st.st_mode) && fileread_full(fd, head, sizeof(head)) == (ssize_t)sizeof(head))
		ours = memcmp(head, magic, sizeof(head)) == 0;
	close(fd);
	return ours;
}

int output_owner_check(const char *out_dir, diags *d)
{
	struct stat st;
	int empty;

	if (lstat(out_dir, &st) < 0 && errno == ENOENT)
		return 0;
	empty = output_owner_dir_empty(out_dir);
	if (empty < 0) {
		diag_error(d, out_dir, 0, 0, NULL, "无法读取输出目录“%s”：%s", out_dir,
			   errtext_of(errno));
		return -1;
	}
	if (empty || has_manifest(out_dir))
		return 0;
	diag_error(d, out_dir, 0, 0, NULL,
		   "输出目录“%s”不是 gongshi 生成的（其中没有 %s），而且不是空的："
		   "生成会替换整个目录，其中的文件会丢失，所以没有动它。"
		   "请用 -o 换一个空目录或新目录名，或者自己先把它清空",
		   out_dir, MANIFEST_NAME);
	return -1;
}
