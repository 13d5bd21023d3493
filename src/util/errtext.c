#include "util/errtext.h"

#include <errno.h>
#include <string.h>

/* strerror() speaks English; staff read Chinese.  The errors a loader can
 * meet are few. */
const char *error_text(int e)
{
	switch (e) {
	case ENOENT:
		return "文件不存在";
	case EACCES:
		return "没有读取权限";
	case EISDIR:
		return "这是一个目录，不是文件";
	case ENOMEM:
		return "内存不足";
	case ENOSPC:
		return "磁盘空间不足";
	case EROFS:
		return "文件系统只读";
	case EDQUOT:
		return "超出磁盘配额";
	case ENOTDIR:
		return "路径中有一部分不是目录";
	case EEXIST:
		return "文件已存在";
	default:
		return strerror(e);
	}
}
