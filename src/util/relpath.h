/* Relative paths as every stage that names a file below a folder checks
 * them: the writer (write/output_fs.c), the theme's template names
 * (html/theme.c) and the file server (cli/http.c). */
#ifndef GONGSHI_RELPATH_H
#define GONGSHI_RELPATH_H

/* 1 when `rel` is relative, non-empty, without "", "." or ".."
 * components, without a backslash and without a trailing "/"; 0
 * otherwise. */
int relpath_safe(const char *rel);

#endif
