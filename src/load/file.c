#include "load/file.h"

#include "util/errtext.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int file_read(const char *path, const char *display, arena *a, diags *d,
	      char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	char *data = NULL;
	size_t n;
	int err = 0;

	if (f == NULL) {
		err = errno;
		goto out;
	}
	if (fstat(fileno(f), &st) < 0) {
		err = errno;
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		err = EISDIR;
		goto out;
	}
	data = arena_alloc(a, (size_t)st.st_size + 1);
	n = fread(data, 1, (size_t)st.st_size, f);
	if (ferror(f)) {
		err = errno ? errno : EIO;
		goto out;
	}
	data[n] = '\0';
	*out = data;
	*len = n;
out:
	if (f)
		fclose(f);
	if (err) {
		diag_error(d, display, 0, 0, NULL, "无法读取文件：%s", error_text(err));
		return -1;
	}
	return 0;
}

int file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}
