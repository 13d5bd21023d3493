/* What a killed build left beside the output (output.h,
 * output_recover()): the previous output put back, the temporary
 * folders removed.  Run under the build's lock (output_lock.h), so the
 * folders removed are never those of a build still running. */
#include "write/output.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "write/output_fs.h"
#include "write/output_priv.h"
#include "util/buf.h"
#include "util/errtext.h"

void output_split_path(const char *path, buf *dir, buf *base)
{
	const char *slash;
	size_t n = strlen(path);

	while (n > 1 && path[n - 1] == '/')
		n--;
	for (slash = path + n; slash > path && slash[-1] != '/'; slash--)
		;
	slash = slash > path ? slash - 1 : NULL;
	buf_reset(dir);
	buf_reset(base);
	if (slash == NULL) {
		buf_puts(dir, ".");
		buf_put(base, path, n);
	} else {
		buf_put(dir, path, slash == path ? 1 : (size_t)(slash - path));
		buf_put(base, slash + 1, n - (size_t)(slash + 1 - path));
	}
}

/* 1 when `name` is BASE.tmp-* or BASE.old-* (`mark` NULL: either). */
static int is_leftover(const char *name, const char *base, const char *mark)
{
	size_t bl = strlen(base);

	if (strncmp(name, base, bl) != 0)
		return 0;
	name += bl;
	if (mark)
		return strncmp(name, mark, strlen(mark)) == 0;
	return strncmp(name, OUTPUT_TMP_MARK, sizeof(OUTPUT_TMP_MARK) - 1) == 0 ||
	       strncmp(name, OUTPUT_OLD_MARK, sizeof(OUTPUT_OLD_MARK) - 1) == 0;
}

/* A build killed half-way leaves OUT.tmp-XXXXXX (its unfinished output,
 * or, killed after the swap, the previous output) and, killed during the
 * fallback commit, OUT.old-XXXXXX beside OUT: clear them, removing any
 * link in them as a link. */
static void remove_leftovers(const char *dir, const char *base)
{
	DIR *dp = opendir(dir);
	struct dirent *e;

	if (dp == NULL)
		return;
	while ((e = readdir(dp)) != NULL)
		if (is_leftover(e->d_name, base, NULL))
			output_fs_remove(dirfd(dp), e->d_name);
	closedir(dp);
}

/* The newest OUT.old-* in `dir` into `path`: a commit that fell back to
 * two renames and was killed between them left the previous output
 * there, whole.  There is normally one; several mean several killed
 * builds, and the last one moved aside the newest output.  0 when none. */
static int find_old(const char *dir, const char *base, buf *path)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	struct stat st;
	buf cand = BUF_INIT;
	struct timespec best = { 0, 0 };
	int found = 0;

	if (dp == NULL)
		return 0;
	while ((e = readdir(dp)) != NULL) {
		if (!is_leftover(e->d_name, base, OUTPUT_OLD_MARK))
			continue;
		buf_reset(&cand);
		buf_printf(&cand, "%s/%s", dir, e->d_name);
		/* A rename sets the folder's ctime: the newest moved last. */
		if (lstat(cand.data, &st) < 0 || !S_ISDIR(st.st_mode))
			continue;
		if (found && (st.st_ctim.tv_sec < best.tv_sec ||
			      (st.st_ctim.tv_sec == best.tv_sec &&
			       st.st_ctim.tv_nsec <= best.tv_nsec)))
			continue;
		best = st.st_ctim;
		buf_reset(path);
		buf_puts(path, cand.data);
		found = 1;
	}
	closedir(dp);
	buf_free(&cand);
	return found;
}

int output_recover(const char *out_dir, diags *d)
{
	buf dir = BUF_INIT, base = BUF_INIT, old = BUF_INIT;
	struct stat st;
	int rc = 0;

	output_split_path(out_dir, &dir, &base);
	if (lstat(out_dir, &st) < 0 && errno == ENOENT &&
	    find_old(dir.data, base.data, &old) && rename(old.data, out_dir) < 0) {
		diag_error(d, out_dir, 0, 0, NULL, "无法恢复上次的输出目录“%s”：%s",
			   old.data, errtext_of(errno));
		rc = -1;
	}
	/* Only once the previous output is back: until then the leftovers
	 * may hold its only copy. */
	if (rc == 0)
		remove_leftovers(dir.data, base.data);
	buf_free(&dir);
	buf_free(&base);
	buf_free(&old);
	return rc;
}
