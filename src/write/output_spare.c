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

#include "write/output_fs.h"
#include "write/output_priv.h"
#include "util/buf.h"
#include "util/errtext.h"
#include "util/xalloc.h"

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
	buf spare = BUF_INIT;
	int rc;

	output_spare_path(out_dir, &spare);
	rc = output_fs_remove_path(spare.data);
	buf_free(&spare);
	return rc;
}

/* The previous output, now at `old`: kept as the spare when asked and
 * nothing is at OUT.spare (ours was taken or removed before the build;
 * anything there now is someone else's, even an empty folder or a link,
 * which rename would replace), else removed. */
void output_retire(const struct output *o, const char *old, int keep)
{
	buf spare = BUF_INIT;
	struct stat st;

	output_spare_path(o->final, &spare);
	if (!keep || lstat(spare.data, &st) == 0 || errno != ENOENT ||
	    rename(old, spare.data) < 0)
		output_fs_remove_path(old);
	buf_free(&spare);
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

int output_prune(struct output *o, const char *const *paths, size_t n,
		 diags *d)
{
	int rc = 0;

	for (size_t i = 0; i < n && o->in_place; i++) {
		if (!relpath_safe(paths[i]) ||
		    strmap_get(&o->written, paths[i]) != STRMAP_NONE)
			continue;
		if (remove_old(o, paths[i]) < 0) {
			diag_error(d, o->final, 0, 0, NULL, "无法删除旧的输出文件“%s”：%s",
				   paths[i], errtext_of(errno));
			o->failed = 1;
			rc = -1;
			continue;
		}
		remove_empty_parents(o, paths[i]);
	}
	return rc;
}
