/* The two steps every whole-file read in gongshi shares, whatever it
 * then does with the bytes (load/file.c into the site's arena with
 * diagnostics, buf_read_fd()/buf_read_file() into a buf, util/hash.c
 * into a hash):
 *
 *   fileread_open   opens for reading without ever waiting: O_NONBLOCK, so
 *                   that a named pipe put where a file was expected is
 *                   opened at once and refused by its type rather than
 *                   hanging the build until a writer comes; O_CLOEXEC; and
 *                   fstat, so that the caller refuses what is not a regular
 *                   file and what is too large before reading a byte.
 *   fileread_full   reads to a known size or the end of the file, retrying
 *                   EINTR.
 *
 * Pure system calls: no allocation, no message.  Each caller keeps its
 * own stricter rules (O_NOFOLLOW for files read back from the output,
 * containment and size limits for the inputs) on top. */
#ifndef GONGSHI_FILEREAD_H
#define GONGSHI_FILEREAD_H

#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

/* Opens `path` (relative to `dirfd`, or AT_FDCWD) with O_RDONLY |
 * O_NONBLOCK | O_CLOEXEC | `flags` (e.g. O_NOFOLLOW) and fills *st from
 * the open descriptor.  The descriptor, or -1 with errno (from open or
 * fstat). */
int fileread_open(int dirfd, const char *path, int flags, struct stat *st);

/* Reads from `fd` into `data` until `size` bytes or the end of the file;
 * the count, or -1 with errno. */
ssize_t fileread_full(int fd, void *data, size_t size);

#endif
