/* The record of an output tree's folders (folder_stamps.h). */
#include "write/folder_stamps.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/relpath.h"
#include "util/xalloc.h"

/* A record bigger than this is not ours: 57,000 folders take 3 MB. */
#define FOLDER_STAMPS_MAX (256u << 20)

void folder_stamps_of(const struct stat *st, char out[FOLDER_STAMP_LEN + 1])
{
	snprintf(out, FOLDER_STAMP_LEN + 1, "%016llx%08lx%016llx",
		 (unsigned long long)st->st_ctim.tv_sec, (unsigned long)st->st_ctim.tv_nsec,
		 (unsigned long long)st->st_ino);
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The folders holding `paths` (sorted), each once, as "a/" and "a/b/",
 * sorted; their text in `store`, the array the caller's to free. */
static size_t folders_of(const char *const *paths, size_t n, buf *store, const char ***out)
{
	size_t *at = NULL, cap = 0, k = 0;
	const char **v;

	for (size_t i = 0; i < n; i++)
		for (const char *s = strchr(paths[i], '/'); s; s = strchr(s + 1, '/')) {
			size_t len = (size_t)(s - paths[i]) + 1;

			/* Sorted paths: whoever shares this folder came just
			 * before, and it was counted then. */
			if (i > 0 && strncmp(paths[i - 1], paths[i], len) == 0)
				continue;
			at = xgrow(at, &cap, k + 1, sizeof(*at));
			at[k++] = store->len;
			buf_put(store, paths[i], len);
			buf_putc(store, '\0');
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

size_t folder_stamps_make(int rootfd, const char *const *paths, size_t n,
			  const char *magic, buf *out)
{
	buf store = BUF_INIT, at = BUF_INIT;
	const char **v;
	size_t k = folders_of(paths, n, &store, &v), kept = 0;
	char *stamps = xmalloc(k * (FOLDER_STAMP_LEN + 1) + 1);

	/* Top down (sorted): a folder above is stat'ed before those below. */
	for (size_t i = 0; i < k; i++)
		if (v[i] && stamp_folder(rootfd, v[i], &at, stamps + i * (FOLDER_STAMP_LEN + 1)) < 0)
			leave_out(v, k, v[i]);
	for (size_t i = 0; i < k; i++)
		kept += v[i] != NULL;
	buf_printf(out, "%s%zu\n", magic, kept);
	for (size_t i = 0; i < k; i++)
		if (v[i])
			buf_printf(out, "%s %s\n", stamps + i * (FOLDER_STAMP_LEN + 1), v[i]);
	free(stamps);
	free(v);
	buf_free(&store), buf_free(&at);
	return kept;
}

/* 1 when the `n` bytes at `p` are lowercase hex digits. */
static int all_hex(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f')))
			return 0;
	return 1;
}

/* Takes the line `line` ("STAMP PATH/", NUL-terminated) as record n of
 * `s`; -1 when it is malformed, out of order or its parent is not
 * recorded. */
static int take_line(struct folder_stamps *s, char *line)
{
	size_t len = strlen(line), parent;
	char *path = line + FOLDER_STAMP_LEN + 1, *up;
	int safe;

	if (len < FOLDER_STAMP_LEN + 3 || line[FOLDER_STAMP_LEN] != ' ' ||
	    !all_hex(line, FOLDER_STAMP_LEN) || line[len - 1] != '/')
		return -1;
	line[FOLDER_STAMP_LEN] = '\0';
	line[len - 1] = '\0';
	safe = relpath_safe(path);
	line[len - 1] = '/';
	if (!safe || (s->n > 0 && strcmp(s->path[s->n - 1], path) >= 0))
		return -1;
	/* Its parent "a/" of "a/b/": recorded already (it sorts first). */
	line[len - 1] = '\0';
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
	line[len - 1] = '/';
	s->stamp[s->n] = line;
	s->path[s->n] = path;
	s->children[s->n] = 0;
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
	strmap_free(&s->index);
	memset(s, 0, sizeof(*s));
}
