#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/commands.h"

int site_dir_require(const char *dir)
{
	struct stat st;

	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	if (errno == ENOENT || errno == ENOTDIR)
		fprintf(stderr, "gongshi: 站点目录“%s”不存在\n", dir);
	else
		fprintf(stderr, "gongshi: 无法打开站点目录“%s”：%s\n", dir, strerror(errno));
	return -1;
}
