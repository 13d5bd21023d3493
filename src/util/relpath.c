#include "util/relpath.h"

#include <string.h>

int relpath_safe(const char *rel)
{
	const char *p = rel;

	if (*rel == '\0' || *rel == '/' || strchr(rel, '\\'))
		return 0;
	while (*p) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		p += n;
		if (*p == '/')
			p++;
		else
			break;
	}
	return rel[strlen(rel) - 1] != '/';
}
