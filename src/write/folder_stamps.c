/* The record of an output tree's folders (folder_stamps.h). */
#include "write/folder_stamps.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/hash.h"
#include "util/relpath.h"
#include "util/xalloc.h"

/* A record bigger than this is not ours: 57,000 folders take 3 MB. */
#define FOLDER_STAMPS_MAX (256u << 20)

/* "%016llx%08lx%016llx" of a change time and an inode number (a
 * nanosecond count is below 10^9: eight hex digits hold it), without
 * printf: the check and the record make two stamps and a line for each
 * of 112,000 folders at 55,000 communities, the record on the build's
 * one thread. */
static void stamp_text(unsigned long long sec, unsigned long nsec, unsigned long long ino,
		       char out[FOLDER_STAMP_LEN + 1])
{
	hash_hex_digits(sec, 16, out);
	hash_hex_digits(nsec, 8, out + 16);
	hash_hex_digits(ino, 16, out + 24);
	out[FOLDER_STAMP_LEN] = '\0';
}

void folder_stamps_of(const struct stat *st, char out[FOLDER_STAMP_LEN + 1])
{
	stamp_text((unsigned long long)st->st_ctim.tv_sec, (unsigned long)st->st_ctim.tv_nsec,
		   (unsigned long long)st->st_ino, out);
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The folders holding the files `f` (sorted), each once, as "a/" and
 * "a/b/", sorted; their text in `store`, the array the caller's to free. */
static size_t folders_of(const struct folder_stamps_files *f, buf *store, const char ***out)
{
	size_t *at = NULL, cap = 0, k = 0;
	const char **v, *prev = NULL;

	for (size_t i = 0; i < f->n; i++) {
		const char *path = f->path(f->ctx, i);

		for (const char *s = strchr(path, '/'); s; s = strchr(s + 1, '/')) {
			size_t len = (size_t)(s - path) + 1;

			/* Sorted paths: whoever shares this folder came just
			 * before, and it was counted then. */
			if (prev && strncmp(prev, path, len) == 0)
				continue;
			at = xgrow(at, &cap, k + 1, sizeof(*at));
			at[k++] = store->len;
			buf_put(store, path, len);
			buf_putc(store, '\0');
		}
		prev = path;
	}
	v = xmalloc((k ? k : 1) * sizeof(*v));
	for (size_t i = 0; i < k; i++)
		v[i] = store->data + at[i];
	free(at);
	qsort(v, k, sizeof(*v), by_string);
	*out = v;
	return k;
}

/* 1 when the folder `a` is `b` or holds it, at any depth. */
static int holds(const char *a, const char *b)
{
	return strncmp(a, b, strlen(a)) == 0;
}

/* Leaves out (NULL) the folder `bad` of `v`, the folders above it and
 * those below: a path that is not a folder now may lead through a link,
 * and a folder above it whose record were kept would hide it. */
static void leave_out(const char **v, size_t n, const char *bad)
{
	char *copy = xstrdup(bad);

	for (size_t i = 0; i < n; i++)
		if (v[i] && (holds(v[i], copy) || holds(copy, v[i])))
			v[i] = NULL;
	free(copy);
}

/* Stats the folder `dir` ("a/b/") beneath `rootfd` without following a
 * link at its end; 0 when it is a folder, its stamp into `stamp`. */
static int stamp_folder(int rootfd, const char *dir, buf *at, char *stamp)
{
	struct stat st;

	buf_reset(at);
	buf_put(at, dir, strlen(dir) - 1);
	if (fstatat(rootfd, at->data, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISDIR(st.st_mode))
		return -1;
	folder_stamps_of(&st, stamp);
	return 0;
}

unsigned long long folder_stamps_name_hash(const char *name)
{
	return strmap_hash(name, strlen(name));
}

/* The files right in each folder of `v` (sorted, `k` of them): NAMES,
 * and the files' indexes, folder by folder in path order (order[start[j]]
 * to order[start[j + 1]]), for SIZES. */
struct held {
	unsigned long long *names;
	size_t *start;
	uint32_t *order;
};

size_t folder_stamps_folder_of(const strmap *idx, const char *path, buf *dir, size_t *last)
{
	const char *slash = strrchr(path, '/');
	size_t len;

	if (slash == NULL)
		return STRMAP_NONE;
	len = (size_t)(slash - path) + 1;
	if (dir->len != len || memcmp(dir->data, path, len) != 0) {
		buf_reset(dir);
		buf_put(dir, path, len);
		*last = strmap_get(idx, dir->data);
	}
	return *last;
}

static void hold(const struct folder_stamps_files *f, const char *const *v, size_t k,
		 struct held *h)
{
	strmap idx = STRMAP_INIT;
	buf dir = BUF_INIT;
	size_t last = STRMAP_NONE, j, *at;

	strmap_reserve(&idx, k);
	for (j = 0; j < k; j++)
		strmap_put(&idx, v[j], j);
	h->names = xcalloc(k + 1, sizeof(*h->names));
	h->start = xcalloc(k + 2, sizeof(*h->start));
	h->order = xmalloc((f->n ? f->n : 1) * sizeof(*h->order));
	for (size_t i = 0; i < f->n; i++) {
		const char *path = f->path(f->ctx, i);

		if ((j = folder_stamps_folder_of(&idx, path, &dir, &last)) != STRMAP_NONE) {
			h->names[j] += folder_stamps_name_hash(strrchr(path, '/') + 1);
			h->start[j + 2]++;
		}
	}
	for (j = 0; j < k; j++)
		h->start[j + 2] += h->start[j + 1];
	/* start[j + 1] is where folder j's next file goes; once all are
	 * placed it is where folder j + 1's begin. */
	at = h->start + 1;
	buf_reset(&dir);
	for (size_t i = 0; i < f->n; i++)
		if ((j = folder_stamps_folder_of(&idx, f->path(f->ctx, i), &dir, &last)) != STRMAP_NONE)
			h->order[at[j]++] = (uint32_t)i;
	strmap_free(&idx);
	buf_free(&dir);
}

/* Appends SIZES for the files order[from..to) to `out`. */
static void put_sizes(const struct held *h, size_t from, size_t to,
		      const struct folder_stamps_files *f, buf *out)
{
	if (from == to)
		buf_putc(out, '-');
	for (size_t i = from; i < to; i++) {
		unsigned long long size = f->size ? f->size(f->ctx, h->order[i]) : FOLDER_STAMPS_NO_SIZE;

		if (i > from)
			buf_putc(out, ',');
		if (size == FOLDER_STAMPS_NO_SIZE)
			buf_putc(out, '?');
		else
			buf_put_uint(out, size);
	}
}

/* A stamp carried over (folder_stamps_known), in 32 bytes rather than
 * its 41 of text: 57,000 of them at 55,000 communities, held the whole
 * build. */
struct folder_known {
	unsigned long long line; /* the hash of "NAMES SIZES PATH/" */
	unsigned long long sec, ino;
	unsigned long nsec;
};

/* The `n` hex digits at `p` (checked by folder_stamps_parse). */
static unsigned long long hex_of(const char *p, size_t n)
{
	unsigned long long v = 0;

	for (size_t i = 0; i < n; i++)
		v = v << 4 | (unsigned long long)(p[i] <= '9' ? p[i] - '0' : p[i] - 'a' + 10);
	return v;
}

/* The hash of a line but its stamp: NAMES, SIZES and PATH as written. */
static unsigned long long line_hash(unsigned long long names, const char *sizes, size_t slen,
				    const char *path)
{
	buf b = BUF_INIT;
	unsigned long long h;
	char hex[17];

	hash_hex_digits(names, 16, hex);
	hex[16] = ' ';
	buf_put(&b, hex, 17);
	buf_put(&b, sizes, slen);
	buf_putc(&b, ' ');
	buf_puts(&b, path);
	h = strmap_hash(b.data, b.len);
	buf_free(&b);
	return h;
}

static int by_line(const void *a, const void *b)
{
	unsigned long long x = ((const struct folder_known *)a)->line;
	unsigned long long y = ((const struct folder_known *)b)->line;

	return x < y ? -1 : x > y;
}

void folder_stamps_known_take(struct folder_stamps_known *k, const struct folder_stamps *s,
			      const unsigned char *trusted)
{
	k->v = xmalloc((s->n ? s->n : 1) * sizeof(*k->v));
	k->n = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (!trusted[i])
			continue;
		k->v[k->n].line = line_hash(s->names[i], s->sizes[i], strlen(s->sizes[i]), s->path[i]);
		k->v[k->n].sec = hex_of(s->stamp[i], 16);
		k->v[k->n].nsec = (unsigned long)hex_of(s->stamp[i] + 16, 8);
		k->v[k->n].ino = hex_of(s->stamp[i] + 24, 16);
		k->n++;
	}
	qsort(k->v, k->n, sizeof(*k->v), by_line);
}

void folder_stamps_known_free(struct folder_stamps_known *k)
{
	free(k->v);
	k->v = NULL;
	k->n = 0;
}

/* The stamp `known` holds for the folder `i` of `v` with the files `h`
 * says, into `stamp`: 1, or 0 when it holds none.  `sizes` is scratch. */
static int carried(const struct folder_stamps_known *known, const struct held *h,
		   const char *const *v, size_t i, const struct folder_stamps_files *f,
		   buf *sizes, char *stamp)
{
	struct folder_known key, *found;

	if (known == NULL || known->n == 0)
		return 0;
	buf_reset(sizes);
	put_sizes(h, h->start[i], h->start[i + 1], f, sizes);
	key.line = line_hash(h->names[i], sizes->data, sizes->len, v[i]);
	found = bsearch(&key, known->v, known->n, sizeof(*known->v), by_line);
	if (found == NULL)
		return 0;
	/* folder_stamps_of's format: the recorded text again. */
	stamp_text(found->sec, found->nsec, found->ino, stamp);
	return 1;
}

size_t folder_stamps_make(int rootfd, const struct folder_stamps_files *f,
			  const struct folder_stamps_known *known, const char *magic, buf *out)
{
	buf store = BUF_INIT, at = BUF_INIT;
	const char **v;
	size_t k = folders_of(f, &store, &v), kept = 0;
	char *stamps = xmalloc(k * (FOLDER_STAMP_LEN + 1) + 1);
	struct held h;

	hold(f, v, k, &h);
	/* Top down (sorted): a folder above is stat'ed before those below. */
	for (size_t i = 0; i < k; i++) {
		char *stamp = stamps + i * (FOLDER_STAMP_LEN + 1);

		if (v[i] && !carried(known, &h, v, i, f, &at, stamp) &&
		    stamp_folder(rootfd, v[i], &at, stamp) < 0)
			leave_out(v, k, v[i]);
	}
	for (size_t i = 0; i < k; i++)
		kept += v[i] != NULL;
	buf_printf(out, "%s%zu\n", magic, kept);
	for (size_t i = 0; i < k; i++) {
		if (v[i] == NULL)
			continue;
		char names[18];

		hash_hex_digits(h.names[i], 16, names + 1);
		names[0] = names[17] = ' ';
		buf_put(out, stamps + i * (FOLDER_STAMP_LEN + 1), FOLDER_STAMP_LEN);
		buf_put(out, names, sizeof(names));
		put_sizes(&h, h.start[i], h.start[i + 1], f, out);
		buf_putc(out, ' ');
		buf_puts(out, v[i]);
		buf_putc(out, '\n');
	}
	free(h.names), free(h.start), free(h.order);
	free(stamps);
	free(v);
	buf_free(&store), buf_free(&at);
	return kept;
}

int folder_stamps_next_size(const char **cursor, unsigned long long *size)
{
	const char *p = *cursor;

	if (*p == '\0' || *p == '-')
		return 0;
	if (*p == '?') {
		*size = FOLDER_STAMPS_NO_SIZE;
		p++;
	} else {
		for (*size = 0; *p >= '0' && *p <= '9'; p++)
			*size = *size * 10 + (unsigned long long)(*p - '0');
	}
	*cursor = *p == ',' ? p + 1 : p;
	return 1;
}

/* 1 when the `n` bytes at `p` are lowercase hex digits. */
static int all_hex(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f')))
			return 0;
	return 1;
}

/* 1 when SIZES `p` (`n` bytes) is "-" or sizes (digits, at most 19,
 * or "?") joined by commas. */
static int sizes_ok(const char *p, size_t n)
{
	size_t digits = 0;

	if (n == 1 && p[0] == '-')
		return 1;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || p[i] == ',') {
			if (digits == 0 || digits > 19)
				return 0;
			digits = 0;
		} else if (p[i] == '?' && digits == 0 && (i + 1 == n || p[i + 1] == ',')) {
			digits = 1;
		} else if (p[i] >= '0' && p[i] <= '9' && (i == 0 || p[i - 1] != '?')) {
			digits++;
		} else {
			return 0;
		}
	}
	return 1;
}

/* Splits the line `line` ("STAMP NAMES SIZES PATH/", NUL-terminated)
 * into its fields, each NUL-terminated but PATH: *names, *sizes, *path.
 * -1 when it is malformed. */
static int split_line(char *line, unsigned long long *names, const char **sizes, char **path)
{
	const size_t at = FOLDER_STAMP_LEN + 1 + 16 + 1;
	size_t len = strlen(line);
	char *end;

	if (len < at + 4 || line[FOLDER_STAMP_LEN] != ' ' || line[at - 1] != ' ' ||
	    !all_hex(line, FOLDER_STAMP_LEN) || !all_hex(line + FOLDER_STAMP_LEN + 1, 16) ||
	    line[len - 1] != '/' || (end = strchr(line + at, ' ')) == NULL ||
	    !sizes_ok(line + at, (size_t)(end - line) - at) || end[1] == '\0')
		return -1;
	line[FOLDER_STAMP_LEN] = '\0';
	line[at - 1] = '\0';
	*names = strtoull(line + FOLDER_STAMP_LEN + 1, NULL, 16);
	*end = '\0';
	*sizes = line + at;
	*path = end + 1;
	return 0;
}

/* Takes the line `line` ("STAMP NAMES SIZES PATH/", NUL-terminated) as
 * record n of `s`; -1 when it is malformed, out of order or its parent
 * is not recorded. */
static int take_line(struct folder_stamps *s, char *line)
{
	size_t len, parent;
	unsigned long long names;
	const char *sizes;
	char *path, *up;
	int safe;

	if (split_line(line, &names, &sizes, &path) < 0)
		return -1;
	len = strlen(path);
	path[len - 1] = '\0';
	safe = relpath_safe(path);
	path[len - 1] = '/';
	if (!safe || (s->n > 0 && strcmp(s->path[s->n - 1], path) >= 0))
		return -1;
	/* Its parent "a/" of "a/b/": recorded already (it sorts first). */
	path[len - 1] = '\0';
	up = strrchr(path, '/');
	if (up) {
		char keep = up[1];

		up[1] = '\0';
		parent = strmap_get(&s->index, path);
		up[1] = keep;
		if (parent == STRMAP_NONE)
			return -1;
		s->children[parent]++;
	}
	path[len - 1] = '/';
	s->stamp[s->n] = line;
	s->path[s->n] = path;
	s->children[s->n] = 0;
	s->names[s->n] = names;
	s->sizes[s->n] = sizes;
	strmap_put(&s->index, path, s->n);
	s->n++;
	return 0;
}

int folder_stamps_parse(struct folder_stamps *s, char *text, const char *magic)
{
	size_t mlen = strlen(magic), count;
	char *line, *nl, *end;

	memset(s, 0, sizeof(*s));
	s->text = text;
	nl = strchr(text, '\n');
	if (nl == NULL || strncmp(text, magic, mlen) != 0)
		goto refuse;
	errno = 0;
	count = strtoull(text + mlen, &end, 10);
	if (errno || end != nl || end == text + mlen)
		goto refuse;
	/* No more lines than bytes: a forged count allocates nothing huge. */
	if (count > strlen(nl))
		goto refuse;
	s->path = xmalloc((count ? count : 1) * sizeof(*s->path));
	s->stamp = xmalloc((count ? count : 1) * sizeof(*s->stamp));
	s->children = xmalloc((count ? count : 1) * sizeof(*s->children));
	s->names = xmalloc((count ? count : 1) * sizeof(*s->names));
	s->sizes = xmalloc((count ? count : 1) * sizeof(*s->sizes));
	strmap_reserve(&s->index, count);
	for (line = nl + 1; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (nl == NULL || s->n == count)
			goto refuse;
		*nl = '\0';
		if (take_line(s, line) < 0)
			goto refuse;
	}
	if (s->n == count)
		return 0;
refuse:
	folder_stamps_free(s);
	return -1;
}

int folder_stamps_read(struct folder_stamps *s, const char *path, const char *magic)
{
	buf b = BUF_INIT;
	struct stat st;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);

	memset(s, 0, sizeof(*s));
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    buf_read_fd(&b, fd, FOLDER_STAMPS_MAX) != 0) {
		close(fd);
		buf_free(&b);
		return -1;
	}
	close(fd);
	buf_cstr(&b);
	return folder_stamps_parse(s, buf_detach(&b), magic);
}

void folder_stamps_free(struct folder_stamps *s)
{
	free(s->text);
	free(s->path);
	free(s->stamp);
	free(s->children);
	free(s->names);
	free((void *)s->sizes);
	strmap_free(&s->index);
	memset(s, 0, sizeof(*s));
}
