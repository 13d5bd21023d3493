#include "util/errtext.h"

#include <errno.h>
#include <string.h>

/* strerror() speaks English; staff read Chinese.  The errors a build can
 * meet reading its inputs and writing its output are few. */
const char *errtext_of(int e)
{
	switch (e) {
	case ENOENT:
		return "文件不存在";
	case EACCES:
		return "没有访问权限";
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
	case EIO:
		return "读写出错（输入/输出错误，可能是磁盘或网络存储故障）";
	case EPERM:
		return "操作不被允许";
	case EFBIG:
		return "文件太大";
	case EMFILE:
	case ENFILE:
		return "打开的文件太多";
	case ENAMETOOLONG:
		return "文件名太长";
	case ELOOP:
		return "符号链接层数太多";
	default:
		return strerror(e);
	}
}
