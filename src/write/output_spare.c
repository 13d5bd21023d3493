/* The spare (output.h): its name, keeping the replaced output as the
 * next spare (or publishing one made ahead: output_spare_make.h), and pruning what the spare's earlier build made that this
 * one did not.  Deletes only paths the spare's manifest names, checked
 * (manifest_open_spare) to hold nothing a build would not have made,
 * and never through a link (output_fs.h). */
#include "write/output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "write/folder_stamps.h"
#include "write/output_fs.h"
#include "write/output_priv.h"
#include "util/buf.h"
#include "util/errtext.h"
#include "util/xalloc.h"

static int folders_file_ours(const char *path);

void output_spare_path(const char *out_dir, buf *path)
{
	size_t n = strlen(out_dir);

	while (n > 1 && out_dir[n - 1] == '/')
		n--;
	buf_reset(path);
	buf_put(path, out_dir, n);
	buf_puts(path, OUTPUT_SPARE_MARK);
}

int output_spare_discard(const char *out_dir)
{
	buf spare = BUF_INIT, rec = BUF_INIT;
	int rc;

	output_spare_path(out_dir, &spare);
	rc = output_fs_remove_path(spare.data);
	output_folders_path(spare.data, &rec);
	if (folders_file_ours(rec.data) == 1)
		unlink(rec.data);
	buf_free(&spare), buf_free(&rec);
	return rc;
}

/* The previous output, now at `old`: kept as the spare when asked and
 * nothing is at OUT.spare (ours was taken or removed before the build;
 * anything there now is someone else's, even an empty folder or a link,
 * which rename would replace), else removed. */
void output_retire(struct output *o, const char *old, int keep)
{
	buf spare = BUF_INIT;
	struct stat st;

	output_spare_path(o->final, &spare);
	if (!keep || lstat(spare.data, &st) == 0 || errno != ENOENT ||
	    rename(old, spare.data) < 0)
		output_fs_remove_path(old);
	else
		o->kept_old = 1;
	buf_free(&spare);
}

/* The files of output_record_folders, as folder_stamps_files asks them:
 * each line's record in the list its `from` names. */
struct recorded {
	const struct listing *lists[2];
	const struct listing_line *v;
};

static const char *recorded_path(void *ctx, size_t i)
{
	return ((const struct recorded *)ctx)->v[i].path;
}

static unsigned long long recorded_size(void *ctx, size_t i)
{
	const struct recorded *z = ctx;

	return listing_size(z->lists[z->v[i].from], z->v[i].k);
}

void output_record_folders(struct output *o, const struct listing_line *v, size_t n,
			   const struct listing *kept, const struct folder_stamps_known *known,
			   const char *magic)
{
	struct recorded z = { { &o->files, kept }, v };
	struct folder_stamps_files f = { n, recorded_path, recorded_size, &z };

	buf_reset(&o->folders);
	folder_stamps_make(o->tmp_fd, &f, known, magic, &o->folders);
}

/* 1 when `path` is a record of ours (a regular file whose first line is
 * one), 0 when nothing is there, -1 for anything else, which is not ours
 * to replace. */
static int folders_file_ours(const char *path)
{
	char head[sizeof(FOLDER_STAMPS_FAMILY) - 1];
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC), ours;
	struct stat st;

	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	ours = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	       read(fd, head, sizeof(head)) == (ssize_t)sizeof(head) &&
	       memcmp(head, FOLDER_STAMPS_FAMILY, sizeof(head)) == 0;
	close(fd);
	return ours ? 1 : -1;
}

/* Writes `text` to `path` whole or not at all: into a new file beside
 * it, named like a temporary output folder (cleared by the next build if
 * we are killed), renamed over it. */
static void write_beside(const struct output *o, const char *path, const buf *text)
{
	buf tmp = BUF_INIT;
	int fd, ok;

	buf_printf(&tmp, "%s%sXXXXXX", o->final, OUTPUT_TMP_MARK);
	fd = mkstemp(tmp.data);
	if (fd >= 0) {
		ok = write(fd, text->data, text->len) == (ssize_t)text->len;
		ok = close(fd) == 0 && ok && fchmodat(AT_FDCWD, tmp.data, 0644, 0) == 0;
		if (!ok || rename(tmp.data, path) < 0)
			unlink(tmp.data);
	}
	buf_free(&tmp);
}

void output_folders_path(const char *tree, buf *path)
{
	buf_reset(path);
	buf_printf(path, "%s%s", tree, OUTPUT_FOLDERS_MARK);
}

/* Puts o->folders beside the folder `tree` (when there is a record and
 * nothing that is not ours is in the way). */
static void put_record(const struct output *o, const char *tree)
{
	buf path = BUF_INIT;

	output_folders_path(tree, &path);
	if (o->folders.len > 0 && folders_file_ours(path.data) >= 0)
		write_beside(o, path.data, &o->folders);
	buf_free(&path);
}

void output_pass_folders(const struct output *o)
{
	buf live = BUF_INIT, spare = BUF_INIT, sparerec = BUF_INIT;

	output_folders_path(o->final, &live);
	output_spare_path(o->final, &spare);
	output_folders_path(spare.data, &sparerec);
	/* OUT.folders describes the output just replaced: it goes with
	 * that tree when it became the spare, else it goes.  (A record of
	 * another tree matches none of its folders' inodes: it costs
	 * reading them, nothing worse.) */
	if (folders_file_ours(live.data) == 1) {
		if (!o->kept_old || folders_file_ours(sparerec.data) < 0 ||
		    rename(live.data, sparerec.data) < 0)
			unlink(live.data);
	}
	put_record(o, o->final);
	buf_free(&live), buf_free(&spare), buf_free(&sparerec);
}

int output_commit_spare(struct output *o, diags *d)
{
	buf spare = BUF_INIT;
	struct stat st;
	int rc = 1;

	/* As in output_retire: anything at OUT.spare now is someone else's,
	 * even an empty folder, which rename would replace. */
	output_spare_path(o->final, &spare);
	if (lstat(spare.data, &st) < 0 && errno == ENOENT) {
		rc = rename(o->tmp, spare.data) == 0 ? 0 : -1;
		if (rc == 0)
			put_record(o, spare.data);
		if (rc < 0)
			diag_error(d, spare.data, 0, 0, NULL, "无法创建备用输出目录：%s",
				   errtext_of(errno));
	}
	if (rc != 0)
		output_fs_remove_path(o->tmp);
	output_free(o);
	buf_free(&spare);
	return rc;
}

/* Removes the folders above `rel` (a path in the spare) that are left
 * empty, up to the spare's own. */
static void remove_empty_parents(const struct output *o, const char *rel)
{
	char *path = xstrdup(rel), *slash;
	const char *base;

	while ((slash = strrchr(path, '/')) != NULL) {
		int fd, rc;

		*slash = '\0';
		fd = output_fs_parent(o->tmp_fd, path, 0, &base);
		if (fd < 0)
			break;
		rc = unlinkat(fd, base, AT_REMOVEDIR);
		close(fd);
		if (rc < 0)
			break;
	}
	free(path);
}

/* Removes the file `rel` of the spare: the file itself, whatever it is,
 * never what a link in its path leads to.  0, or -1 with errno. */
static int remove_old(const struct output *o, const char *rel)
{
	const char *base;
	int fd = output_fs_parent(o->tmp_fd, rel, 0, &base), rc, e;

	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	rc = unlinkat(fd, base, 0);
	e = errno;
	close(fd);
	errno = e;
	return rc < 0 && errno != ENOENT ? -1 : 0;
}

/* 1 when this build made, kept or linked `rel`. */
static int made(const struct output *o, const char *rel)
{
	size_t k = listing_find(&o->files, rel);

	return k != LISTING_NONE && (listing_flags(&o->files, k) & LISTING_MADE);
}

int output_prune(struct output *o, const struct listing *old, const unsigned char *kept,
		 diags *d)
{
	size_t n = listing_count(old);
	int rc = 0;

	for (size_t i = 0; i < n && o->in_place; i++) {
		const char *path;

		if (kept && kept[i])
			continue;
		path = listing_path(old, i);
		if (!relpath_safe(path) || made(o, path))
			continue;
		if (remove_old(o, path) < 0) {
			diag_error(d, o->final, 0, 0, NULL, "无法删除旧的输出文件“%s”：%s",
				   path, errtext_of(errno));
			o->failed = 1;
			rc = -1;
			continue;
		}
		remove_empty_parents(o, path);
	}
	return rc;
}
