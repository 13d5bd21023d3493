#include "write/manifest.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "write/folder_stamps.h"
#include "write/output_fs.h"
#include "write/spare_check.h"

#include "util/arena.h"
#include "util/buf.h"
#include "util/strmap.h"
#include "util/xalloc.h"

#ifndef GONGSHI_VERSION
#define GONGSHI_VERSION "dev"
#endif

struct entry {
	const char *path; /* in the manifest's arena */
	char hex[33];
};

/* A manifest read back: the lines "HASH PATH", split in place. */
struct listing {
	char *text;	/* owned */
	strmap index;	/* path (in text) → k */
	const char **hash, **path; /* in text */
	size_t n, cap;
	int ours;	/* its header names a gongshi manifest, any version */
	int current;	/* ... and this very program */
};

struct manifest {
	char *out_dir;	/* owned */
	struct listing old;   /* the live output's */
	struct listing spare; /* the spare's, when it is used */
	char header[80];
	char folders_magic[80]; /* folder_stamps.h: "gongshi-folders 1 HASH " */
	int unlisted;	/* a file this build made cannot be listed */
	pthread_mutex_t lock; /* guards what follows */
	arena *paths;	/* the entries' paths: one free for 100,000 */
	struct entry *v;
	size_t n, cap;
};

struct hash_value manifest_program(void)
{
	struct hash h;

	hash_init(&h);
	hash_str(&h, GONGSHI_VERSION);
	hash_file(&h, "/proc/self/exe");
	return hash_final(&h);
}

static void program_header(char out[80], char folders[80])
{
	struct hash_value h = manifest_program();

	hash_hex(h, out + snprintf(out, 80, "gongshi-manifest 2 "));
	hash_hex(h, folders + snprintf(folders, 80, "%s", FOLDER_STAMPS_MAGIC));
	strcat(folders, " ");
}

/* The file at `path` and a NUL, its length into *len; NULL when it
 * cannot be read.  Read at its size in one piece, not grown chunk by
 * chunk: a big site's manifest is megabytes. */
static char *read_text(const char *path, size_t *len)
{
	buf b = BUF_INIT;

	if (buf_read_file(&b, path) < 0) {
		buf_free(&b);
		return NULL;
	}
	*len = b.len;
	buf_cstr(&b);
	return buf_detach(&b);
}

/* How many times `c` occurs in the `n` bytes at `p`. */
static size_t count_byte(const char *p, size_t n, char c)
{
	const char *end = p + n;
	size_t k = 0;

	while ((p = memchr(p, c, (size_t)(end - p))) != NULL) {
		k++;
		p++;
	}
	return k;
}

/* Reads DIR/.gongshi-manifest into `l` and indexes its lines "HASH PATH"
 * if this program wrote it; ignores anything else. */
static void read_listing(struct listing *l, const char *dir, const char *header)
{
	buf path = BUF_INIT;
	char *line, *nl, *end;
	size_t len = 0;

	buf_printf(&path, "%s/%s", dir, MANIFEST_NAME);
	l->text = read_text(path.data, &len);
	buf_free(&path);
	if (l->text == NULL)
		return;
	end = l->text + len;
	nl = memchr(l->text, '\n', len);
	if (nl)
		*nl = '\0';
	l->ours = strncmp(l->text, "gongshi-manifest ", 17) == 0;
	l->current = strcmp(l->text, header) == 0;
	if (!l->current || nl == NULL)
		return;
	/* Sized once from the line count: no rehash, no realloc. */
	l->cap = count_byte(nl + 1, (size_t)(end - nl - 1), '\n') + 1;
	l->hash = xmalloc(l->cap * sizeof(*l->hash));
	l->path = xmalloc(l->cap * sizeof(*l->path));
	strmap_reserve(&l->index, l->cap);
	for (line = nl + 1; line < end; line = nl + 1) {
		nl = memchr(line, '\n', (size_t)(end - line));
		if (nl == NULL)
			nl = end; /* the NUL read_text put there */
		*nl = '\0';
		if (nl - line < 34 || line[32] != ' ')
			continue;
		line[32] = '\0';
		if (strmap_put(&l->index, line + 33, l->n) != STRMAP_NONE)
			continue;
		l->hash[l->n] = line;
		l->path[l->n++] = line + 33;
	}
}

static void free_listing(struct listing *l)
{
	free(l->hash);
	free(l->path);
	strmap_free(&l->index);
	free(l->text);
	memset(l, 0, sizeof(*l));
}

/* 1 when `l` lists `relpath` with the hash `hex`. */
static int listed(const struct listing *l, const char *relpath, const char *hex)
{
	size_t k = strmap_get(&l->index, relpath);

	return k != STRMAP_NONE && strcmp(l->hash[k], hex) == 0;
}

struct manifest *manifest_open(const char *out_dir, int force)
{
	struct manifest *m = xcalloc(1, sizeof(*m));

	m->out_dir = xstrdup(out_dir);
	m->paths = arena_new();
	pthread_mutex_init(&m->lock, NULL);
	program_header(m->header, m->folders_magic);
	if (!force)
		read_listing(&m->old, out_dir, m->header);
	return m;
}

int manifest_usable(const struct manifest *m)
{
	return m->old.current && m->old.n > 0;
}

int manifest_open_spare(struct manifest *m, const char *spare_dir)
{
	/* A link or anything but a folder at OUT.spare is not ours to
	 * read, use or remove. */
	int fd = open(spare_dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), ok;
	static const char *const also[] = { MANIFEST_NAME, NULL };
	struct folder_stamps stamps;
	buf rec = BUF_INIT;

	if (fd < 0)
		return -1;
	read_listing(&m->spare, spare_dir, m->header);
	if (!m->spare.current || m->spare.n == 0) {
		close(fd);
		return m->spare.ours ? 0 : -1;
	}
	/* Its manifest names its files, but anyone who can read a published
	 * .gongshi-manifest can write that line: the folder is used only
	 * when it holds nothing else, above all no link (which a write or a
	 * removal would otherwise follow out of it).  The folders its
	 * build recorded and nobody changed since are not read
	 * (spare_check.h). */
	output_folders_path(spare_dir, &rec);
	folder_stamps_read(&stamps, rec.data, m->folders_magic);
	buf_free(&rec);
	ok = spare_check(fd, &m->spare.index, also, &stamps, NULL) == 1;
	folder_stamps_free(&stamps);
	close(fd);
	if (!ok)
		free_listing(&m->spare);
	return ok ? 1 : 0;
}

size_t manifest_paths(const struct manifest *m, const char *const **paths)
{
	*paths = (const char *const *)m->old.path;
	return m->old.n;
}

size_t manifest_spare_paths(const struct manifest *m, const char *const **paths)
{
	*paths = (const char *const *)m->spare.path;
	return m->spare.n;
}

/* Where the file the last build made from the same inputs can be taken
 * from: 1 when it is in place (the spare has it) or linked from the live
 * output, 0 when it must be made, -1 on error. */
static int carry_over(struct manifest *m, struct output *o, const char *relpath,
		      const char *hex, diags *d)
{
	int rc = 0;

	if (output_in_place(o) && listed(&m->spare, relpath, hex) &&
	    output_keep(o, relpath) == 0)
		return 1;
	if (listed(&m->old, relpath, hex)) {
		rc = output_link(o, relpath, d);
		rc = rc == 0 ? 1 : rc == 1 ? 0 : -1;
	}
	return rc;
}

int manifest_reuse(struct manifest *m, struct output *o, const char *relpath,
		   struct hash_value h, diags *d)
{
	char hex[33];
	int rc;

	hash_hex(h, hex);
	rc = carry_over(m, o, relpath, hex, d);
	/* A newline in a path would break the line format: such a file is
	 * simply made every time. */
	if (rc >= 0 && strchr(relpath, '\n') == NULL) {
		pthread_mutex_lock(&m->lock);
		m->v = xgrow(m->v, &m->cap, m->n + 1, sizeof(*m->v));
		m->v[m->n].path = arena_strdup(m->paths, relpath);
		memcpy(m->v[m->n].hex, hex, sizeof(hex));
		m->n++;
		pthread_mutex_unlock(&m->lock);
	}
	return rc;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->path, ((const struct entry *)b)->path);
}

/* Merges the sorted runs v[0, mid) and v[mid, n), in place by way of a
 * copy: sorting the whole again after appending a few thousand entries
 * to 57,000 sorted ones compared each of them a dozen times. */
static void merge_runs(struct entry *v, size_t mid, size_t n)
{
	struct entry *t;
	size_t i = 0, j = mid, k = 0;

	if (mid == 0 || mid == n)
		return;
	t = xmalloc(n * sizeof(*t));
	while (i < mid && j < n)
		t[k++] = by_path(&v[j], &v[i]) < 0 ? v[j++] : v[i++];
	while (i < mid)
		t[k++] = v[i++];
	while (j < n)
		t[k++] = v[j++];
	memcpy(v, t, n * sizeof(*t));
	free(t);
}

/* Lists the files written without a hash too (feeds, search chunks,
 * theme files), with a hash of dashes that matches nothing: so that a
 * manifest names every file of its folder, which output_prune needs when
 * the folder is a spare.  Leaves m->v sorted by path. */
static void add_unhashed(struct manifest *m, struct output *o)
{
	const char *const *paths;
	size_t n = output_paths(o, &paths), hashed = m->n;
	struct entry key;

	qsort(m->v, m->n, sizeof(*m->v), by_path);
	for (size_t i = 0; i < n; i++) {
		key.path = paths[i];
		if (bsearch(&key, m->v, hashed, sizeof(*m->v), by_path))
			continue;
		if (strchr(paths[i], '\n')) {
			m->unlisted = 1;
			continue;
		}
		m->v = xgrow(m->v, &m->cap, m->n + 1, sizeof(*m->v));
		m->v[m->n].path = arena_strdup(m->paths, paths[i]);
		memset(m->v[m->n].hex, '-', 32);
		m->v[m->n].hex[32] = '\0';
		m->n++;
	}
	qsort(m->v + hashed, m->n - hashed, sizeof(*m->v), by_path);
	merge_runs(m->v, hashed, m->n);
}

/* Records this build's folders for the check of the tree as the spare
 * (output_record_folders): the folders of the files listed, sorted. */
static void record_folders(struct manifest *m, struct output *o)
{
	const char **paths = xmalloc((m->n ? m->n : 1) * sizeof(*paths));

	for (size_t i = 0; i < m->n; i++)
		paths[i] = m->v[i].path;
	output_record_folders(o, paths, m->n, m->folders_magic);
	free(paths);
}

int manifest_write(struct manifest *m, struct output *o, diags *d)
{
	buf b = BUF_INIT;
	int rc;

	add_unhashed(m, o);
	/* Every file is made and the spare pruned: from here on only the
	 * root folder changes (this manifest).  A tree holding a file its
	 * manifest cannot list must have its folders read, not trusted. */
	if (!m->unlisted)
		record_folders(m, o);
	buf_printf(&b, "%s\n", m->header);
	for (size_t i = 0; i < m->n; i++) {
		size_t len = strlen(m->v[i].path);

		char *at = buf_reserve(&b, 34 + len);

		memcpy(at, m->v[i].hex, 32);
		at[32] = ' ';
		memcpy(at + 33, m->v[i].path, len);
		at[33 + len] = '\n';
		buf_commit(&b, 34 + len);
	}
	rc = output_write(o, MANIFEST_NAME, b.data, b.len, d);
	buf_free(&b);
	return rc;
}

int manifest_complete(const struct manifest *m)
{
	return !m->unlisted;
}

void manifest_free(struct manifest *m)
{
	if (m == NULL)
		return;
	arena_free(m->paths);
	free(m->v);
	free_listing(&m->old);
	free_listing(&m->spare);
	free(m->out_dir);
	pthread_mutex_destroy(&m->lock);
	free(m);
}

const char *manifest_out_dir(const struct manifest *m)
{
	return m->out_dir;
}

const char *manifest_folders_magic(const struct manifest *m)
{
	return m->folders_magic;
}
