/* photo_batches: data/photos.csv's files looked at while the next rows
 * are read (photos_batch.h). */
#include "model/photos_batch.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "load/file.h"
#include "load/photo_header.h"
#include "model/model.h"
#include "util/xalloc.h"

/* Rows a batch: two are held (one read while the other's files are
 * looked at), 4,096 × about 200 bytes each, as one batch of 8,192 was.
 * MAX_THREADS: the threads one batch's files are looked at on. */
enum { BATCH = 4096, BATCH_PER_THREAD = 1024, MAX_THREADS = 16 };

/* One thread's part of a batch: rows [from, to). */
struct stat_job {
	struct photo_batches *b;
	struct batch *of;
	size_t from, to;
	pthread_t thread;
	int started;
};

/* Rows of site.photos[base, base + n), their pending states in `rows`;
 * `njobs` of `jobs` looking at their files; `looking`: handed to them
 * (look) and not finished yet (finish). */
struct batch {
	struct photo_pending *rows;
	size_t n, base;
	struct stat_job jobs[MAX_THREADS];
	size_t njobs;
	int looking;
};

struct photo_batches {
	struct loader *l;
	struct file_root root;
	/* content/communities/ open when it resolves inside the site: a photo
	 * of a community's folder there that is a plain file is inside the
	 * site by one lstat, with no path resolved (file.h's file_plain_at).
	 * -1: the long way. */
	int communities;
	struct batch v[2];
	size_t cap;	/* rows a batch holds: BATCH, or the table's rows when fewer */
	int filling;	/* v[filling] is being read; v[!filling] may be looked at */
};

/* A photo's header, known or read, and the cache's number for its file
 * (0: none; one past UINT_MAX is not kept) into its record. */
static void take_header(struct photo *ph, const struct photo_header *h, size_t record)
{
	ph->width = h->width;
	ph->height = h->height;
	ph->format = (unsigned char)photo_header_format_code(h->format);
	ph->record = record <= UINT_MAX ? (unsigned)record : 0;
}

/* The lstat(2) of each photo of batch rows [from, to) whose row got to
 * its file, when it is a regular file, no link, in its community's
 * folder, itself no link in content/communities/ (which resolves inside
 * the site): plain, it is inside the site, and a file the last build read
 * (the photo cache) needs nothing more.  Not plain: checked the long way
 * on the loading thread (finish, read_file), whose messages say what it is.
 * Rows come community by community, so each folder is opened once a
 * range.  Any thread: the cache has its own lock, and nothing here says
 * anything. */
static void stat_range(struct photo_batches *b, struct batch *of, size_t from, size_t to)
{
	const struct site *s = b->l->site;
	const struct photo_header_cache *known = b->l->photo_headers;
	int folder = -1;
	unsigned at = 0;

	for (size_t k = from; k < to; k++) {
		struct photo_pending *p = &of->rows[k];
		struct photo *ph = &s->photos[of->base + k];
		struct photo_header h;
		size_t record;

		if (!p->file || b->communities < 0)
			continue;
		if (folder < 0 || at != ph->community) {
			if (folder >= 0)
				close(folder);
			folder = file_subdir_open(b->communities, s->communities[ph->community].id);
			at = ph->community;
		}
		p->plain = (unsigned char)file_plain_at(folder, ph->file, &p->st);
		/* What photo_header_read gives for a plain file the cache
		 * knows (its first step), with no path made. */
		if (p->plain && known && (record = known->known(known->arg, &p->st, &h)) != 0) {
			take_header(ph, &h, record);
			p->known = 1;
		}
	}
	if (folder >= 0)
		close(folder);
}

static void *stat_thread(void *arg)
{
	struct stat_job *j = arg;

	stat_range(j->b, j->of, j->from, j->to);
	return NULL;
}

/* Starts looking at the files of `of`, in ranges that begin with a
 * community (each folder opened once), on up to --jobs threads while this
 * one reads on (the lstat(2)s take far longer than reading the rows:
 * this thread mostly waits); with --jobs 1, or no thread to be had, here
 * and now. */
static void look(struct photo_batches *b, struct batch *of)
{
	const struct photo *v = &b->l->site->photos[of->base];
	size_t want = 1 + of->n / BATCH_PER_THREAD, nj = b->l->jobs < want ? b->l->jobs : want;
	size_t from = 0;

	nj = nj > MAX_THREADS ? MAX_THREADS : nj;
	for (size_t t = 0; t < nj; t++) {
		size_t to = t + 1 == nj ? of->n : of->n * (t + 1) / nj;

		while (to < of->n && to > from && v[to].community == v[to - 1].community)
			to++;
		of->jobs[t] = (struct stat_job){ .b = b, .of = of, .from = from, .to = to };
		from = to;
		if (b->l->jobs > 1)
			of->jobs[t].started = pthread_create(&of->jobs[t].thread, NULL, stat_thread,
							     &of->jobs[t]) == 0;
		if (!of->jobs[t].started)
			stat_range(b, of, of->jobs[t].from, of->jobs[t].to);
	}
	of->njobs = nj;
	of->looking = 1;
}

/* The file of a row (`p`, its record `ph`) whose other cells are read
 * and whose file was looked at but not known: within the site, its
 * header read.  -1 after an error. */
static int read_file(struct photo_batches *b, const struct photo_pending *p, struct photo *ph)
{
	struct loader *l = b->l;
	const char *file = l->site->photos_csv;
	struct photo_ref ref = { NULL, NULL, { file, p->line, p->col }, ph->file, NULL };
	struct photo_header h;
	/* Only while the file is looked at: in the arena, 550,000 photos'
	 * paths would stay for the whole build (photo_file_path makes them
	 * again for a message). */
	buf path = BUF_INIT, abs = BUF_INIT, shown = BUF_INIT;
	size_t record = 0;
	int rc = -1, inside;

	photo_file_path(l->site, ph, &path);
	buf_printf(&abs, "%s/%s", l->site->root, path.data);
	ref.path = abs.data;
	ref.shown = path.data;
	if (p->plain) {
		ref.seen = &p->st;
		inside = 1;
	} else {
		buf_printf(&shown, "%s%s", l->site->prefix, path.data);
		inside = file_check_within(&b->root, abs.data, shown.data, l->d) == 0;
	}
	if (inside && !l->no_image_library)
		rc = photo_header_read(&ref, l->photo_headers, &h, &record, l->d);
	if (rc == 0) {
		take_header(ph, &h, record);
	} else if (rc == PHOTO_HEADER_NO_LIBRARY) {
		l->no_image_library = 1;
	}
	buf_free(&path);
	buf_free(&abs);
	buf_free(&shown);
	return rc;
}

/* Waits for the files of `of` to be looked at, then finishes each row in
 * order: its messages said, its file read unless the cache knew it, its
 * record kept when whole (site.nphotos is at most of->base: the batches
 * before are finished). */
static void finish(struct photo_batches *b, struct batch *of)
{
	struct loader *l = b->l;
	struct site *s = l->site;

	for (size_t t = 0; t < of->njobs; t++)
		if (of->jobs[t].started)
			pthread_join(of->jobs[t].thread, NULL);
	for (size_t k = 0; k < of->n; k++) {
		struct photo_pending *p = &of->rows[k];
		struct photo *ph = &s->photos[of->base + k];
		int whole;

		diags_move(l->d, &p->d);
		if (!p->file)
			continue;
		/* After libvips could not be had, no photo is read (nor
		 * counted known): as photo_header_read is then not asked. */
		whole = p->known && !l->no_image_library ? 0 : read_file(b, p, ph);
		if (whole == 0 && p->ok)
			s->photos[s->nphotos++] = *ph;
	}
	of->n = 0;
	of->njobs = 0;
	of->looking = 0;
}

struct photo_batches *photo_batches_new(struct loader *l, size_t nrows)
{
	struct photo_batches *b = xcalloc(1, sizeof(*b));
	buf dir = BUF_INIT;

	b->l = l;
	b->communities = -1;
	if (file_root_init(&b->root, l->site->root, "网站目录") < 0) {
		free(b);
		return NULL;
	}
	buf_printf(&dir, "%s/content/communities", l->site->root);
	b->communities = file_dir_open_within(&b->root, dir.data);
	buf_free(&dir);
	b->cap = nrows < BATCH ? (nrows ? nrows : 1) : BATCH;
	for (int i = 0; i < 2; i++)
		b->v[i].rows = xmalloc(b->cap * sizeof(*b->v[i].rows));
	return b;
}

struct photo_pending *photo_batches_next(struct photo_batches *b, struct photo **ph)
{
	struct batch *f = &b->v[b->filling];

	*ph = &b->l->site->photos[f->base + f->n];
	return memset(&f->rows[f->n], 0, sizeof(f->rows[f->n]));
}

/* The batch being read is handed to the threads, and the one they had
 * is finished meanwhile; the next rows go after the batch handed on
 * (site.photos has a place for every row of the table).  So at most one
 * batch is being looked at once this returns. */
static void hand_on(struct photo_batches *b)
{
	struct batch *f = &b->v[b->filling], *other = &b->v[!b->filling];

	look(b, f);
	if (other->looking)
		finish(b, other);
	other->base = f->base + f->n;
	b->filling = !b->filling;
}

void photo_batches_add(struct photo_batches *b)
{
	if (++b->v[b->filling].n == b->cap)
		hand_on(b);
}

void photo_batches_end(struct photo_batches *b)
{
	if (b == NULL)
		return;
	if (b->v[b->filling].n)
		hand_on(b);
	for (int i = 0; i < 2; i++)
		if (b->v[i].looking)
			finish(b, &b->v[i]);
	file_root_free(&b->root);
	if (b->communities >= 0)
		close(b->communities);
	for (int i = 0; i < 2; i++)
		free(b->v[i].rows);
	free(b);
}
