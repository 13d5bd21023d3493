/* Whole-file reading for the loaders. */
#ifndef GONGSHI_FILE_H
#define GONGSHI_FILE_H

#include <stddef.h>

#include "util/arena.h"
#include "util/diag.h"

/* Reads `path` whole into the arena, NUL-terminated.  On failure adds
 * `display: error: 无法读取文件：…` and returns -1. */
int file_read(const char *path, const char *display, arena *a, diags *d,
	      char **out, size_t *len);
/* 1 if `path` exists (any type), else 0. */
int file_exists(const char *path);

#endif
