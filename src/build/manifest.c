#include "build/manifest.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/strmap.h"
#include "util/xalloc.h"

#ifndef GONGSHI_VERSION
#define GONGSHI_VERSION "dev"
#endif

struct entry {
	char *path; /* owned */
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
	int unlisted;	/* a file this build made cannot be listed */
	pthread_mutex_t lock; /* guards what follows */
	struct entry *v;
	size_t n, cap;
	size_t reused;
};

/* What wrote a manifest: the program's own bytes where the system shows
 * them, so that a rebuilt gongshi never trusts files an older one made
 * (their bytes may differ though no input did). */
static void program_header(char out[80])
{
	struct hash h;

	hash_init(&h);
	hash_str(&h, GONGSHI_VERSION);
	hash_file(&h, "/proc/self/exe");
	hash_hex(hash_final(&h), out + snprintf(out, 80, "gongshi-manifest 2 "));
}

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	buf b = BUF_INIT;
	char chunk[65536];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(&b, chunk, n);
	if (ferror(f)) {
		fclose(f);
		buf_free(&b);
		return NULL;
	}
	fclose(f);
	buf_cstr(&b);
	return buf_detach(&b);
}

/* Reads DIR/.gongshi-manifest into `l` and indexes its lines "HASH PATH"
 * if this program wrote it; ignores anything else. */
static void read_listing(struct listing *l, const char *dir, const char *header)
{
	buf path = BUF_INIT;
	char *line, *nl;
	int first = 1;

	buf_printf(&path, "%s/%s", dir, MANIFEST_NAME);
	l->text = read_text(path.data);
	buf_free(&path);
	for (line = l->text; line && *line; line = nl ? nl + 1 : NULL) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		if (first) {
			first = 0;
			l->ours = strncmp(line, "gongshi-manifest ", 17) == 0;
			l->current = strcmp(line, header) == 0;
			if (!l->current)
				return;
			continue;
		}
		if (strlen(line) < 34 || line[32] != ' ')
			continue;
		line[32] = '\0';
		if (strmap_put(&l->index, line + 33, l->n) != STRMAP_NONE)
			continue;
		if (l->n == l->cap) {
			l->cap = l->cap ? 2 * l->cap : 1024;
			l->hash = xrealloc(l->hash, l->cap * sizeof(*l->hash));
			l->path = xrealloc(l->path, l->cap * sizeof(*l->path));
		}
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
	pthread_mutex_init(&m->lock, NULL);
	program_header(m->header);
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
	read_listing(&m->spare, spare_dir, m->header);
	if (m->spare.current && m->spare.n > 0)
		return 1;
	return m->spare.ours ? 0 : -1;
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
	buf src = BUF_INIT;
	int rc = 0;

	if (output_in_place(o) && listed(&m->spare, relpath, hex) &&
	    output_keep(o, relpath) == 0)
		return 1;
	if (listed(&m->old, relpath, hex)) {
		buf_printf(&src, "%s/%s", m->out_dir, relpath);
		rc = output_link(o, relpath, src.data, d);
		rc = rc == 0 ? 1 : rc == 1 ? 0 : -1;
		buf_free(&src);
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
		m->v[m->n].path = xstrdup(relpath);
		memcpy(m->v[m->n].hex, hex, sizeof(hex));
		m->n++;
		m->reused += rc == 1;
		pthread_mutex_unlock(&m->lock);
	}
	return rc;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->path, ((const struct entry *)b)->path);
}

/* Lists the files written without a hash too (feeds, search chunks,
 * theme files), with a hash of dashes that matches nothing: so that a
 * manifest names every file of its folder, which output_prune needs when
 * the folder is a spare. */
static void add_unhashed(struct manifest *m, struct output *o)
{
	const char *const *paths;
	size_t n = output_paths(o, &paths), hashed = m->n;
	struct entry key;

	qsort(m->v, m->n, sizeof(*m->v), by_path);
	for (size_t i = 0; i < n; i++) {
		key.path = (char *)paths[i];
		if (bsearch(&key, m->v, hashed, sizeof(*m->v), by_path))
			continue;
		if (strchr(paths[i], '\n')) {
			m->unlisted = 1;
			continue;
		}
		m->v = xgrow(m->v, &m->cap, m->n + 1, sizeof(*m->v));
		m->v[m->n].path = xstrdup(paths[i]);
		memset(m->v[m->n].hex, '-', 32);
		m->v[m->n].hex[32] = '\0';
		m->n++;
	}
}

int manifest_write(struct manifest *m, struct output *o, diags *d)
{
	buf b = BUF_INIT;
	int rc;

	add_unhashed(m, o);
	qsort(m->v, m->n, sizeof(*m->v), by_path);
	buf_printf(&b, "%s\n", m->header);
	for (size_t i = 0; i < m->n; i++)
		buf_printf(&b, "%s %s\n", m->v[i].hex, m->v[i].path);
	rc = output_write(o, MANIFEST_NAME, b.data, b.len, d);
	buf_free(&b);
	return rc;
}

int manifest_complete(const struct manifest *m)
{
	return !m->unlisted;
}

size_t manifest_reused(const struct manifest *m)
{
	return m->reused;
}

void manifest_free(struct manifest *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i].path);
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
