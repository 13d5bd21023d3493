/* The record of content/'s folders that held nothing for the walk
 * (content_record.h). */
#include "write/content_record.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fileread.h"
#include "util/hash.h"
#include "util/record_num.h"
#include "util/xalloc.h"
#include "write/manifest.h"

/* CHUNK: read at a time; a line (a path of up to PATH_MAX bytes and its
 * numbers) always fits. */
enum { CHUNK = 64 << 10 };

/* A folder's identity as a line gives it. */
struct stamp {
	uint64_t dev, ino, csec, msec;
	uint32_t cnsec, mnsec;
};

/* The last build's file is read a chunk at a time as the walk asks, its
 * lines being in the walk's order (the questions' order too): at 55,000
 * folders, held whole with a map of its paths it took 10 MB at the
 * build's peak. */
struct content_record {
	char header[64];
	int fd;		   /* the file being read; -1: none, or read to its end */
	char *chunk;	   /* malloc'd, CHUNK bytes; [at, have) not parsed yet */
	size_t at, have;
	int started, bad;  /* the header read; a wrong line or a read error met */
	char *path;	   /* the current line's path (in chunk), or NULL */
	struct stamp cur;  /* and its identity */
	buf last;	   /* the line before's path, for the order */
	size_t lines;	   /* lines read, the current one included */
	size_t known;	   /* folders the walk did not list */
};

/* The walk's order (load/content.c): component by component, each as
 * strcmp orders names, a folder before what it holds. */
static int cmp_walk(const char *a, const char *b)
{
	for (;;) {
		size_t na = strcspn(a, "/"), nb = strcspn(b, "/");
		int c = memcmp(a, b, na < nb ? na : nb);

		if (c == 0 && na != nb)
			c = na < nb ? -1 : 1;
		if (c)
			return c;
		a += na, b += nb;
		if (*a == '\0' || *b == '\0')
			return (*a != '\0') - (*b != '\0');
		a++, b++;
	}
}

/* The next whole line, NUL-terminated in place (without its newline), or
 * NULL at the end of the file (a last line cut short is none), after a
 * read error or when a line is longer than CHUNK. */
static char *next_text(struct content_record *r)
{
	char *nl;

	while ((nl = memchr(r->chunk + r->at, '\n', r->have - r->at)) == NULL) {
		ssize_t got;

		memmove(r->chunk, r->chunk + r->at, r->have - r->at);
		r->have -= r->at;
		r->at = 0;
		if (r->have == CHUNK) {
			r->bad = 1; /* no line is that long */
			return NULL;
		}
		do
			got = read(r->fd, r->chunk + r->have, CHUNK - r->have);
		while (got < 0 && errno == EINTR);
		if (got <= 0) {
			r->bad |= got < 0 || r->have != 0;
			return NULL;
		}
		r->have += (size_t)got;
	}
	*nl = '\0';
	nl = r->chunk + r->at;
	r->at += strlen(nl) + 1;
	return nl;
}

/* The line `p` into *s, its path into *path: 0, or -1 when it is not
 * exactly a line record_line writes. */
static int parse_line(const char *p, struct stamp *s, const char **path)
{
	const char *end = p + strlen(p);

	if (record_take_num(&p, end, ' ', &s->dev) || record_take_num(&p, end, ' ', &s->ino) ||
	    record_take_time(&p, end, &s->csec, &s->cnsec) ||
	    record_take_time(&p, end, &s->msec, &s->mnsec) || p == end)
		return -1;
	*path = p;
	return 0;
}

/* Stops reading: nothing more is known. */
static void stop(struct content_record *r)
{
	if (r->fd >= 0)
		close(r->fd);
	r->fd = -1;
	r->path = NULL;
}

/* Moves to the next line: its path in r->path, or NULL at the end.  A
 * wrong line, or one out of the walk's order, ends the reading there:
 * what it vouches for is never used. */
static void advance(struct content_record *r)
{
	const char *path;
	char *text = r->fd >= 0 ? next_text(r) : NULL;

	if (text == NULL || parse_line(text, &r->cur, &path) < 0 ||
	    (r->last.len && cmp_walk(r->last.data, path) >= 0)) {
		r->bad |= text != NULL;
		stop(r);
		return;
	}
	r->lines++;
	r->path = (char *)path;
	buf_reset(&r->last);
	buf_puts(&r->last, path);
}

/* The first question: the header, then the first line. */
static void start(struct content_record *r)
{
	const char *text;

	r->started = 1;
	if (r->fd < 0)
		return;
	r->chunk = xmalloc(CHUNK);
	text = next_text(r);
	if (text == NULL || strcmp(text, r->header) != 0) {
		r->bad = 1; /* another program's, or not ours at all */
		stop(r);
		return;
	}
	advance(r);
}

static int same(const struct stamp *s, const struct stat *st)
{
	return s->dev == (uint64_t)st->st_dev && s->ino == (uint64_t)st->st_ino &&
	       s->csec == (uint64_t)st->st_ctim.tv_sec && s->cnsec == (uint32_t)st->st_ctim.tv_nsec &&
	       s->msec == (uint64_t)st->st_mtim.tv_sec && s->mnsec == (uint32_t)st->st_mtim.tv_nsec;
}

static int held_nothing(void *arg, const char *rel, const struct stat *st)
{
	struct content_record *r = arg;
	int c = 1;

	if (!r->started)
		start(r);
	while (r->path && (c = cmp_walk(r->path, rel)) < 0)
		advance(r);
	if (r->path == NULL || c != 0 || !same(&r->cur, st))
		return 0;
	r->known++;
	return 1;
}

struct content_record *content_record_open(const char *out_dir, int force)
{
	struct content_record *r = xcalloc(1, sizeof(*r));
	buf path = BUF_INIT;
	struct stat st;

	r->fd = -1;
	hash_hex(manifest_program(), r->header + snprintf(r->header, 64, "gongshi-content 1 "));
	if (out_dir == NULL || force)
		return r;
	buf_printf(&path, "%s/%s", out_dir, CONTENT_RECORD_NAME);
	/* Only a regular file, not through a link, never a pipe. */
	r->fd = fileread_open(AT_FDCWD, path.data, O_NOFOLLOW, &st);
	buf_free(&path);
	if (r->fd >= 0 && !S_ISREG(st.st_mode))
		stop(r);
	return r;
}

struct content_folder_cache content_record_cache(struct content_record *r)
{
	struct content_folder_cache c = { held_nothing, r };

	return c;
}

/* The line of `f`, its newline included, appended to `b`. */
static void record_line(buf *b, const struct content_folder *f)
{
	buf_put_uint(b, f->dev);
	buf_putc(b, ' ');
	buf_put_uint(b, f->ino);
	buf_putc(b, ' ');
	record_put_time(b, f->csec, (uint32_t)f->cnsec);
	buf_putc(b, ' ');
	record_put_time(b, f->msec, (uint32_t)f->mnsec);
	buf_putc(b, ' ');
	buf_puts(b, f->rel);
	buf_putc(b, '\n');
}

int content_record_write(struct content_record *r, const struct content_folders *found,
			 struct output *o, diags *d)
{
	buf b = BUF_INIT;
	int rc;

	if (found->n == 0)
		return 0;
	/* Every folder found was known, and every known one found: the
	 * walk's order is the paths', so the lines are the last build's. */
	if (r->known && r->known == r->lines && !r->bad && found->n == r->known &&
	    (rc = output_link(o, CONTENT_RECORD_NAME, d)) != 1)
		return rc;
	buf_puts(&b, r->header);
	buf_putc(&b, '\n');
	/* A name with a line break in it would end its line early. */
	for (size_t i = 0; i < found->n; i++)
		if (strchr(found->v[i].rel, '\n') == NULL)
			record_line(&b, &found->v[i]);
	rc = output_write(o, CONTENT_RECORD_NAME, b.data, b.len, d);
	buf_free(&b);
	return rc;
}

void content_record_forget(struct content_record *r)
{
	/* When folders were known, the lines none asked for are read to the
	 * end: whether the file is this build's line for line. */
	while (r->known && r->path)
		advance(r);
	stop(r);
	free(r->chunk);
	r->chunk = NULL;
	buf_free(&r->last);
}

size_t content_record_known(const struct content_record *r)
{
	return r->known;
}

void content_record_free(struct content_record *r)
{
	if (r == NULL)
		return;
	stop(r);
	free(r->chunk);
	buf_free(&r->last);
	free(r);
}
