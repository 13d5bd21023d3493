/* The one growable byte buffer used for all text.
 *
 * A buf owns its storage.  `data` is always NUL-terminated once anything has
 * been appended (or after buf_cstr), so it can be handed to C string APIs,
 * but `len` is the truth: the contents may hold NUL bytes. */
#ifndef GONGSHI_BUF_H
#define GONGSHI_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
	char *data;
	size_t len;
	size_t cap;
} buf;

#define BUF_INIT { NULL, 0, 0 }

void buf_init(buf *b);
void buf_grow(buf *b, size_t extra);
void buf_put(buf *b, const void *p, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, int c);
/* `v` in decimal, as "%llu" would give it, without printf's parsing of a
 * format (paths built 550,000 times a build). */
void buf_put_uint(buf *b, unsigned long long v);
void buf_printf(buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
/* Drops the contents, keeps the storage. */
void buf_reset(buf *b);
void buf_truncate(buf *b, size_t len);
/* Returns the contents as a C string, valid until the next append. */
const char *buf_cstr(buf *b);
/* For a producer that writes into the buffer itself (iconv, libharu's
 * stream, read(2)): room for at least `n` more bytes after the contents,
 * and where they go, valid until the next append.  buf_room() says how
 * many bytes may be written there (at least `n`); nothing is appended
 * until buf_commit(). */
char *buf_reserve(buf *b, size_t n);
size_t buf_room(const buf *b);
/* Appends the `n` bytes written at buf_reserve()'s pointer (at most
 * buf_room()) and NUL-terminates. */
void buf_commit(buf *b, size_t n);
/* Appends what `fd` holds, from its offset to the end of the file, but
 * stops once more than `max` bytes were appended (1 is returned then,
 * the rest left unread); EINTR is retried and `fd` stays open.  0 at the
 * end of the file, or -1 with errno and `b` as it was. */
int buf_read_fd(buf *b, int fd, size_t max);
/* Appends the whole regular file at `path` (not through a symbolic link;
 * never waiting on a pipe): for the files a build left in its output,
 * which are read back silently.  0, or -1 with errno and `b` as it was. */
int buf_read_file(buf *b, const char *path);
/* The same, refusing a file of more than `max` bytes (-1, errno EFBIG):
 * for the caches a build keeps in its output, read back before use. */
int buf_read_file_max(buf *b, const char *path, size_t max);
/* Hands the storage to the caller, who frees it; `b` is left empty. */
char *buf_detach(buf *b);
void buf_free(buf *b);

#endif
