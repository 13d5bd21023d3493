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

struct manifest {
	char *out_dir;	/* owned */
	char *old_text; /* the previous manifest, split into lines; owned */
	strmap old;	/* path (in old_text) → the line's hash (in old_text) */
	const char **old_hash;
	size_t nold, oldcap;
	char header[80];
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
	hash_hex(hash_final(&h), out + snprintf(out, 80, "gongshi-manifest 1 "));
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

/* Indexes the lines "HASH PATH" after the header; ignores the rest. */
static void parse_old(struct manifest *m)
{
	char *line = m->old_text, *nl;
	int first = 1;

	for (; line && *line; line = nl ? nl + 1 : NULL) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		if (first) {
			first = 0;
			if (strcmp(line, m->header) != 0)
				return;
			continue;
		}
		if (strlen(line) < 34 || line[32] != ' ')
			continue;
		line[32] = '\0';
		if (strmap_put(&m->old, line + 33, m->nold) != STRMAP_NONE)
			continue;
		m->old_hash = xgrow(m->old_hash, &m->oldcap, m->nold + 1, sizeof(*m->old_hash));
		m->old_hash[m->nold++] = line;
	}
}

struct manifest *manifest_open(const char *out_dir, int force)
{
	struct manifest *m = xcalloc(1, sizeof(*m));
	buf path = BUF_INIT;

	m->out_dir = xstrdup(out_dir);
	pthread_mutex_init(&m->lock, NULL);
	program_header(m->header);
	if (!force) {
		buf_printf(&path, "%s/%s", out_dir, MANIFEST_NAME);
		m->old_text = read_text(path.data);
		parse_old(m);
	}
	buf_free(&path);
	return m;
}

int manifest_reuse(struct manifest *m, struct output *o, const char *relpath,
		   struct hash_value h, diags *d)
{
	char hex[33];
	size_t k = strmap_get(&m->old, relpath);
	buf src = BUF_INIT;
	int rc = 0;

	hash_hex(h, hex);
	if (k != STRMAP_NONE && strcmp(m->old_hash[k], hex) == 0) {
		buf_printf(&src, "%s/%s", m->out_dir, relpath);
		rc = output_link(o, relpath, src.data, d);
		rc = rc == 0 ? 1 : rc == 1 ? 0 : -1;
		buf_free(&src);
	}
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

int manifest_write(struct manifest *m, struct output *o, diags *d)
{
	buf b = BUF_INIT;
	int rc;

	qsort(m->v, m->n, sizeof(*m->v), by_path);
	buf_printf(&b, "%s\n", m->header);
	for (size_t i = 0; i < m->n; i++)
		buf_printf(&b, "%s %s\n", m->v[i].hex, m->v[i].path);
	rc = output_write(o, MANIFEST_NAME, b.data, b.len, d);
	buf_free(&b);
	return rc;
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
	free(m->old_hash);
	strmap_free(&m->old);
	free(m->old_text);
	free(m->out_dir);
	pthread_mutex_destroy(&m->lock);
	free(m);
}
