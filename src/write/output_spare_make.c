/* Making the spare ahead of the next build (output_spare_make.h). */
#include "write/output_spare_make.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "write/manifest.h"
#include "write/output.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* 1 when something, whatever it is, is at OUT.spare. */
static int spare_exists(const char *out_dir)
{
	buf spare = BUF_INIT;
	struct stat st;
	int there;

	output_spare_path(out_dir, &spare);
	there = lstat(spare.data, &st) == 0 || errno != ENOENT;
	buf_free(&spare);
	return there;
}

/* Links the files `files` of the live output into `o` until *stop; the
 * manifest last, so that the folder is a spare however far it got.  1
 * when every file was linked, 0 when stopped, -1 with a diagnostic. */
static int link_all(struct output *o, const struct listing *files, const atomic_int *stop,
		    diags *d)
{
	size_t i, n = listing_count(files);

	for (i = 0; i < n && !atomic_load_explicit(stop, memory_order_relaxed); i++)
		if (output_link(o, listing_path(files, i), d) < 0)
			return -1;
	/* The manifest the live output has, whose lines name the files: a
	 * hard link, which the next build removes before writing its own
	 * (output_write never writes into a file of the spare). */
	if (output_link(o, MANIFEST_NAME, d) != 0)
		return -1;
	return i == n;
}

/* Records the folders of what was linked (output_record_folders), with
 * the files' sizes: the spare's are new folders, not the live output's,
 * and a first check that found no record would read all of them. */
static void record_folders(struct output *o, const struct manifest *m)
{
	const struct listing *linked = output_files(o);
	size_t n = listing_count(linked);
	struct listing_line *v = xmalloc((n ? n : 1) * sizeof(*v));

	for (size_t i = 0; i < n; i++)
		v[i] = (struct listing_line){ listing_path(linked, i), (uint32_t)i, 0 };
	qsort(v, n, sizeof(*v), listing_line_cmp);
	output_record_folders(o, v, n, NULL, NULL, manifest_folders_magic(m));
	free(v);
}

enum output_spare_made output_spare_make(const char *out_dir, const atomic_int *stop,
					 diags *d)
{
	struct manifest *m;
	struct output *o;
	const struct listing *files;
	int rc;

	if (spare_exists(out_dir))
		return OUTPUT_SPARE_NONE;
	/* Only an output this program made, whose manifest lists every
	 * file: the spare must hold nothing else (manifest_open_spare). */
	m = manifest_open(out_dir, 0);
	if (!manifest_usable(m)) {
		manifest_free(m);
		return OUTPUT_SPARE_NONE;
	}
	o = output_begin(out_dir, NULL, d);
	if (o == NULL) {
		manifest_free(m);
		return OUTPUT_SPARE_FAILED;
	}
	files = manifest_files(m);
	output_expect(o, listing_count(files) + 1,
		      listing_path_bytes(files) + sizeof(MANIFEST_NAME));
	rc = link_all(o, files, stop, d);
	if (rc >= 0)
		record_folders(o, m);
	manifest_free(m);
	if (rc < 0) {
		output_abort(o);
		return OUTPUT_SPARE_FAILED;
	}
	switch (output_commit_spare(o, d)) {
	case 0:
		return rc == 1 ? OUTPUT_SPARE_WHOLE : OUTPUT_SPARE_PART;
	case 1:
		return OUTPUT_SPARE_NONE; /* someone else's is there now */
	default:
		return OUTPUT_SPARE_FAILED;
	}
}
