#include "write/manifest.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "write/folder_stamps.h"
#include "write/listing.h"
#include "write/output_fs.h"
#include "write/spare_check.h"
#include "write/spare_sizes.h"

#include "util/buf.h"
#include "util/fileread.h"
#include "util/xalloc.h"

#ifndef GONGSHI_VERSION
#define GONGSHI_VERSION "dev"
#endif

/* A manifest read back (the live output's, the spare's): its files and
 * their keys, and whose it is. */
struct read {
	struct listing files;
	int ours;	/* its header names a gongshi manifest, any version */
	int current;	/* ... and this very program */
};

struct manifest {
	char *out_dir;	/* owned */
	struct read old;   /* the live output's */
	struct read spare; /* the spare's, when it is used */
	char header[80];
	char folders_magic[80]; /* folder_stamps.h: "gongshi-folders 2 HASH " */
	/* The stamps of the spare's folders its check trusted, carried
	 * into the record of the tree this build leaves when it updates the
	 * spare in place (folder_stamps_known). */
	struct folder_stamps_known known;
	int unlisted;	/* a file this build made cannot be listed */
	/* By record of the spare's list: nonzero once this build kept that
	 * file (manifest_spare_kept): KEPT_LISTED when the spare's record
	 * stands for it in this build's manifest, KEPT_NOTED when it was
	 * looked at and noted in output_files.  Each page thread writes the
	 * bytes of the files it keeps, no two the same: the plan's paths are
	 * distinct. */
	unsigned char *spare_kept;
};

enum { KEPT_LISTED = 1, KEPT_NOTED = 2 };

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

/* DIR/.gongshi-manifest, a regular file reached without a link at its
 * end, open for reading, and its size; NULL when it cannot be read. */
static FILE *open_manifest(const char *dir, size_t *size)
{
	buf path = BUF_INIT;
	struct stat st;
	FILE *f = NULL;
	int fd;

	buf_printf(&path, "%s/%s", dir, MANIFEST_NAME);
	fd = fileread_open(AT_FDCWD, path.data, O_NOFOLLOW, &st);
	buf_free(&path);
	if (fd >= 0 && S_ISREG(st.st_mode))
		f = fdopen(fd, "r");
	if (f == NULL && fd >= 0)
		close(fd);
	*size = f ? (size_t)st.st_size : 0;
	return f;
}

/* How many newlines `f` holds from where it is; rewinds it.  The lists
 * are sized once from it: a big site's manifest has 610,000 lines. */
static size_t count_lines(FILE *f)
{
	char chunk[65536];
	size_t n, k = 0;

	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		for (const char *p = chunk; (p = memchr(p, '\n', n - (size_t)(p - chunk))); p++)
			k++;
	rewind(f);
	return k;
}

/* Adds the line "HASH PATH" (`len` bytes, no newline) to `l`, as the
 * manifest's format says: a short line or one without the space is
 * skipped, the path ends at a NUL, a path listed twice keeps its first
 * line, and a hash that is not hash_hex's (the dashes of a file written
 * whatever its inputs) matches nothing. */
static void add_line(struct listing *l, const char *line, size_t len)
{
	struct hash_value key;
	size_t k;
	int added;

	if (len < 34 || line[32] != ' ')
		return;
	k = listing_add(l, line + 33, strnlen(line + 33, len - 33), &added);
	if (added && hash_parse_hex(line, &key) == 0)
		listing_set_key(l, k, key);
}

/* Reads DIR/.gongshi-manifest into `r`, a line at a time (never whole),
 * and lists its lines "HASH PATH" if this program wrote it; ignores
 * anything else.  Paths `base` (NULL: none) holds are not copied. */
static void read_listing(struct read *r, const char *dir, const char *header,
			 const struct listing *base)
{
	size_t size, lines, cap = 0;
	FILE *f = open_manifest(dir, &size);
	char *line = NULL;
	ssize_t len;

	if (f == NULL)
		return;
	lines = count_lines(f);
	if ((len = getline(&line, &cap, f)) > 0) {
		int nl = line[len - 1] == '\n';

		line[len - nl] = '\0';
		r->ours = strncmp(line, "gongshi-manifest ", 17) == 0;
		r->current = strcmp(line, header) == 0 && nl;
	}
	if (r->current) {
		/* A line is 34 bytes and its path: the paths' bytes are
		 * within the header's length of this (and few are not in
		 * the base). */
		listing_share(&r->files, base);
		listing_reserve(&r->files, lines,
				base ? 0 : size > 34 * lines ? size - 34 * lines : 0);
		while ((len = getline(&line, &cap, f)) > 0)
			add_line(&r->files, line, (size_t)len - (line[len - 1] == '\n'));
	}
	/* A manifest that cannot be read to its end is none. */
	if (ferror(f)) {
		listing_free(&r->files);
		r->ours = r->current = 0;
	}
	free(line);
	fclose(f);
}

static void free_listing(struct read *r)
{
	listing_free(&r->files);
	memset(r, 0, sizeof(*r));
}

/* The record of `l` that lists `relpath` with the key `h`, or
 * LISTING_NONE. */
static size_t listed(const struct listing *l, const char *relpath, struct hash_value h)
{
	size_t k = listing_find(l, relpath);

	return k != LISTING_NONE && listing_key_is(l, k, h) ? k : LISTING_NONE;
}

struct manifest *manifest_open(const char *out_dir, int force)
{
	struct manifest *m = xcalloc(1, sizeof(*m));

	m->out_dir = xstrdup(out_dir);
	program_header(m->header, m->folders_magic);
	if (!force)
		read_listing(&m->old, out_dir, m->header, NULL);
	return m;
}

int manifest_usable(const struct manifest *m)
{
	return m->old.current && listing_count(&m->old.files) > 0;
}

int manifest_open_spare(struct manifest *m, const char *spare_dir)
{
	/* A link or anything but a folder at OUT.spare is not ours to
	 * read, use or remove. */
	int fd = open(spare_dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), ok;
	static const char *const also[] = { MANIFEST_NAME, NULL };
	struct spare_check_counts counts = { 0, 0, NULL };
	struct folder_stamps stamps;
	buf rec = BUF_INIT;

	if (fd < 0)
		return -1;
	/* Its paths are mostly the live output's. */
	read_listing(&m->spare, spare_dir, m->header, &m->old.files);
	if (!m->spare.current || listing_count(&m->spare.files) == 0) {
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
	counts.trusted_folders = xcalloc(stamps.n + 1, 1);
	ok = spare_check(fd, &m->spare.files, also, &stamps, &counts) == 1;
	/* The files of the trusted folders whose record names them are
	 * kept without being looked at, with the record's sizes. */
	if (ok) {
		spare_sizes_mark(&m->spare.files, &stamps, counts.trusted_folders);
		folder_stamps_known_take(&m->known, &stamps, counts.trusted_folders);
	}
	free(counts.trusted_folders);
	folder_stamps_free(&stamps);
	close(fd);
	if (!ok)
		free_listing(&m->spare);
	else {
		free(m->spare_kept);
		m->spare_kept = xcalloc(listing_count(&m->spare.files), 1);
	}
	return ok ? 1 : 0;
}

const struct listing *manifest_files(const struct manifest *m)
{
	return &m->old.files;
}

const struct listing *manifest_spare_files(const struct manifest *m)
{
	return &m->spare.files;
}

const unsigned char *manifest_spare_kept(const struct manifest *m)
{
	return m->spare_kept;
}

size_t manifest_spare_noted(const struct manifest *m)
{
	const struct listing *spare = &m->spare.files;
	size_t n = listing_count(spare), live = listing_count(&m->old.files), unsized = 0;

	for (size_t k = 0; k < n; k++)
		unsized += listing_size(spare, k) == LISTING_NO_SIZE;
	return unsized + (live > n ? live - n : 0) + 1024;
}

/* Where the file the last build made from the same inputs can be taken
 * from: 1 when it is in place (the spare has it) or linked from the live
 * output, its key noted with it; 0 when it must be made, -1 on error. */
static int carry_over(struct manifest *m, struct output *o, const char *relpath,
		      struct hash_value h, diags *d)
{
	const struct listing *spare = &m->spare.files;
	size_t k;
	int rc = 0;

	/* A size in the spare's list: the file is in a folder the check
	 * trusted, whose record names it (spare_sizes.h); its record in the
	 * spare's list is its line in this build's manifest. */
	if (output_in_place(o) && (k = listed(spare, relpath, h)) != LISTING_NONE) {
		int by_record = m->spare_kept && listing_size(spare, k) != LISTING_NO_SIZE;

		if (by_record ? output_keep_listed(o, relpath) == 0
			      : output_keep(o, relpath, h) == 0) {
			if (m->spare_kept)
				m->spare_kept[k] = by_record ? KEPT_LISTED : KEPT_NOTED;
			return 1;
		}
	}
	if (listed(&m->old.files, relpath, h) != LISTING_NONE) {
		rc = output_link_keyed(o, relpath, &h, d);
		rc = rc == 0 ? 1 : rc == 1 ? 0 : -1;
	}
	return rc;
}

int manifest_reuse(struct manifest *m, struct output *o, const char *relpath,
		   struct hash_value h, diags *d)
{
	int rc = carry_over(m, o, relpath, h, d);

	/* Kept or linked, the file was noted with its key (its path, which
	 * a manifest lists, holds no newline).  To be made: its key is kept
	 * with the output's own record of the file (output_files), not in a
	 * second list, unless a newline in its path would break the line
	 * format: such a file is simply made every time. */
	if (rc == 0 && strchr(relpath, '\n') == NULL)
		output_note_key(o, relpath, h);
	return rc;
}

/* The lines of `files` (from 0), sorted by path, into v: every file
 * this build made, kept or linked (the files written whatever their
 * inputs, feeds, search chunks, theme files, without a key: listed with
 * dashes, so that a manifest names every file of its folder, which
 * output_prune needs when the folder is a spare), and every path given a
 * key.  A file whose path holds a newline cannot be listed (unlisted). */
static size_t own_lines(struct manifest *m, const struct listing *files, struct listing_line *v)
{
	size_t n = listing_count(files), k = 0;

	for (size_t i = 0; i < n; i++) {
		const char *path = listing_path(files, i);

		if (strchr(path, '\n')) {
			m->unlisted |= (listing_flags(files, i) & LISTING_MADE) != 0;
			continue;
		}
		v[k++] = (struct listing_line){ path, (uint32_t)i, 0 };
	}
	qsort(v, k, sizeof(*v), listing_line_cmp);
	return k;
}

/* The spare's files kept by their record (KEPT_LISTED, from 1), in the
 * spare's order, into v; *sorted 0 unless that order is by path, as a
 * manifest this program wrote is.  Their bytes are counted in `o`. */
static size_t kept_lines(const struct manifest *m, struct output *o, struct listing_line *v,
			 int *sorted)
{
	const struct listing *spare = &m->spare.files;
	size_t n = m->spare_kept ? listing_count(spare) : 0, k = 0;
	unsigned long long bytes = 0;

	*sorted = 1;
	for (size_t i = 0; i < n; i++) {
		if (m->spare_kept[i] != KEPT_LISTED)
			continue;
		v[k] = (struct listing_line){ listing_path(spare, i), (uint32_t)i, 1 };
		*sorted &= k == 0 || strcmp(v[k - 1].path, v[k].path) < 0;
		bytes += listing_size(spare, i);
		k++;
	}
	output_count_kept(o, bytes);
	return k;
}

/* The manifest's lines, sorted by path, into *out (to free): this
 * build's own (own_lines) and the spare's files kept by their record
 * (kept_lines), merged; a path in both is this build's.  The kept lines,
 * most of them after an edit, are put at the end of the one array and
 * merged forwards: the merge never writes past one it has yet to read. */
static size_t sorted_lines(struct manifest *m, struct output *o, struct listing_line **out)
{
	const struct listing *files = output_files(o);
	size_t nf = listing_count(files);
	size_t ns = m->spare_kept ? listing_count(&m->spare.files) : 0;
	struct listing_line *own = xmalloc((nf ? nf : 1) * sizeof(*own)), *v, *kept;
	size_t a = own_lines(m, files, own), b, i = 0, j = 0, k = 0;
	int sorted;

	if (ns == 0) {
		*out = own;
		return a;
	}
	v = xmalloc((nf + ns) * sizeof(*v));
	b = kept_lines(m, o, v + nf, &sorted);
	kept = memmove(v + nf + ns - b, v + nf, b * sizeof(*v));
	if (!sorted) /* not a list this program wrote: sorted here */
		qsort(kept, b, sizeof(*v), listing_line_cmp);
	while (i < a || j < b) {
		int c = i == a ? 1 : j == b ? -1 : strcmp(own[i].path, kept[j].path);

		v[k++] = c <= 0 ? own[i++] : kept[j];
		j += c >= 0;
	}
	free(own);
	*out = v;
	return k;
}

/* Records this build's folders for the check of the tree as the spare
 * (output_record_folders): the folders of the files listed, sorted, and
 * the files' sizes. */
static void record_folders(struct manifest *m, struct output *o, const struct listing_line *v,
			   size_t n)
{
	/* The spare's stamps describe this tree's folders only when this
	 * build updated that very tree. */
	output_record_folders(o, v, n, &m->spare.files, output_in_place(o) ? &m->known : NULL,
			      m->folders_magic);
	folder_stamps_known_free(&m->known);
}

/* The manifest being written a piece at a time (output_write_pieces):
 * its 610,000 lines at 55,000 communities were 50 MB held at once. */
struct pieces {
	const struct manifest *m;
	const struct listing *lists[2]; /* by a line's `from` */
	const struct listing_line *v;
	size_t n, next;
	int started;
};

static void fill(void *ctx, buf *piece)
{
	struct pieces *w = ctx;
	char hex[33];

	if (!w->started)
		buf_printf(piece, "%s\n", w->m->header);
	w->started = 1;
	for (; w->next < w->n && piece->len < 65536; w->next++) {
		listing_key_hex(w->lists[w->v[w->next].from], w->v[w->next].k, hex);
		buf_put(piece, hex, 32);
		buf_putc(piece, ' ');
		buf_puts(piece, w->v[w->next].path);
		buf_putc(piece, '\n');
	}
}

int manifest_write(struct manifest *m, struct output *o, diags *d)
{
	struct pieces w = { m, { output_files(o), &m->spare.files }, NULL, 0, 0, 0 };
	int rc;

	w.n = sorted_lines(m, o, (struct listing_line **)&w.v);
	/* Every file is made and the spare pruned: from here on only the
	 * root folder changes (this manifest).  A tree holding a file its
	 * manifest cannot list must have its folders read, not trusted. */
	if (!m->unlisted)
		record_folders(m, o, w.v, w.n);
	/* The spare's sizes served the files kept and their record; the
	 * writer's peak is here (the sorted lines, the record). */
	listing_drop_sizes(&m->spare.files);
	/* The lines point into output_files, which grows only once the
	 * manifest is written (it counts the manifest), and into the
	 * spare's list, which no longer changes. */
	rc = output_write_pieces(o, MANIFEST_NAME, fill, &w, d);
	free((void *)w.v);
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
	free_listing(&m->old);
	free_listing(&m->spare);
	free(m->spare_kept);
	folder_stamps_known_free(&m->known);
	free(m->out_dir);
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
