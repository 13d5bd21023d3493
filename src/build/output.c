/* renameat2(RENAME_EXCHANGE) is a GNU extension; it is asked for here
 * only, and the code falls back to POSIX rename() without it. */
#define _GNU_SOURCE
#include "build/output.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/errtext.h"
#include "util/strmap.h"
#include "util/xalloc.h"

struct output {
	char *final;	/* the output folder as given */
	char *tmp;	/* the folder being written */
	char *scratch;	/* beside it, for files that are not output */
	int in_place;	/* tmp is the spare, updated rather than filled */
	int tmp_fd;	/* tmp, opened: output_keep looks files up from it */
	pthread_mutex_t lock; /* guards what follows */
	size_t files;
	unsigned long long bytes;
	int failed;
	arena *names;	/* holds the strings of `paths` */
	char **paths;	/* every file of this build */
	size_t npaths, pathcap;
	strmap written; /* path (in paths) → index */
};

static const char TMP_MARK[] = ".tmp-";
static const char OLD_MARK[] = ".old-";
static const char SPARE_MARK[] = ".spare";

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Removes a tree; a missing tree is fine. */
static int remove_tree(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -1;
	return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Splits OUT into its parent folder and base name. */
static void split_path(const char *path, buf *dir, buf *base)
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
	return strncmp(name, TMP_MARK, sizeof(TMP_MARK) - 1) == 0 ||
	       strncmp(name, OLD_MARK, sizeof(OLD_MARK) - 1) == 0;
}

/* A build killed half-way leaves OUT.tmp-XXXXXX (its unfinished output,
 * or, killed after the swap, the previous output) and, killed during the
 * fallback commit, OUT.old-XXXXXX beside OUT: clear them. */
static void remove_leftovers(const char *dir, const char *base)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	buf path = BUF_INIT;

	if (dp == NULL)
		return;
	while ((e = readdir(dp)) != NULL) {
		if (!is_leftover(e->d_name, base, NULL))
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, e->d_name);
		remove_tree(path.data);
	}
	closedir(dp);
	buf_free(&path);
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
		if (!is_leftover(e->d_name, base, OLD_MARK))
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

	split_path(out_dir, &dir, &base);
	if (lstat(out_dir, &st) < 0 && errno == ENOENT &&
	    find_old(dir.data, base.data, &old) && rename(old.data, out_dir) < 0) {
		diag_error(d, out_dir, 0, 0, NULL, "无法恢复上次的输出目录“%s”：%s",
			   old.data, error_text(errno));
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

void output_spare_path(const char *out_dir, buf *path)
{
	size_t n = strlen(out_dir);

	while (n > 1 && out_dir[n - 1] == '/')
		n--;
	buf_reset(path);
	buf_put(path, out_dir, n);
	buf_puts(path, SPARE_MARK);
}

/* Moves the spare `reuse` onto the empty folder `tmp` (rename replaces
 * an empty folder); 0, or -1 and `tmp` stays empty. */
static int claim_spare(const char *reuse, const char *tmp)
{
	return reuse && rename(reuse, tmp) == 0 ? 0 : -1;
}

struct output *output_begin(const char *out_dir, const char *reuse, diags *d)
{
	struct output *o;
	buf dir = BUF_INIT, base = BUF_INIT, tmp = BUF_INIT, scratch = BUF_INIT;
	struct stat st;
	size_t n = strlen(out_dir);

	if (stat(out_dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		diag_error(d, out_dir, 0, 0, NULL, "输出路径已存在，但不是目录");
		return NULL;
	}
	if (output_recover(out_dir, d) < 0)
		return NULL;
	split_path(out_dir, &dir, &base);
	buf_printf(&tmp, "%s/%s%sXXXXXX", dir.data, base.data, TMP_MARK);
	if (mkdtemp(tmp.data) == NULL) {
		diag_error(d, out_dir, 0, 0, NULL, "无法创建临时输出目录“%s”：%s",
			   tmp.data, error_text(errno));
		buf_free(&dir), buf_free(&base), buf_free(&tmp);
		return NULL;
	}
	o = xcalloc(1, sizeof(*o));
	/* Under its temporary name the spare is cleared like any other
	 * leftover if this build is killed: half-updated, it is no spare. */
	o->in_place = claim_spare(reuse, tmp.data) == 0;
	/* mkdtemp makes it 0700; a web root must be readable. */
	if (!o->in_place)
		chmod(tmp.data, 0755);
	/* Named like the output's temporary folder, so that whatever a
	 * killed build leaves in it goes with the next build's cleanup. */
	buf_printf(&scratch, "%s/%s%sXXXXXX", dir.data, base.data, TMP_MARK);
	if (mkdtemp(scratch.data) == NULL) {
		diag_error(d, out_dir, 0, 0, NULL, "无法创建临时目录“%s”：%s",
			   scratch.data, error_text(errno));
		remove_tree(tmp.data);
		buf_free(&dir), buf_free(&base), buf_free(&tmp), buf_free(&scratch);
		free(o);
		return NULL;
	}
	o->scratch = buf_detach(&scratch);
	/* Without its trailing slashes, "OUT/" + ".old-…" would name a
	 * folder inside OUT. */
	while (n > 1 && out_dir[n - 1] == '/')
		n--;
	o->final = xstrndup(out_dir, n);
	o->tmp = buf_detach(&tmp);
	/* Without it output_keep keeps nothing: every file is made. */
	o->tmp_fd = open(o->tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	o->names = arena_new();
	pthread_mutex_init(&o->lock, NULL);
	buf_free(&dir);
	buf_free(&base);
	return o;
}

int output_in_place(const struct output *o)
{
	return o->in_place;
}

void output_expect(struct output *o, size_t n)
{
	pthread_mutex_lock(&o->lock);
	strmap_reserve(&o->written, n);
	o->paths = xgrow(o->paths, &o->pathcap, n, sizeof(*o->paths));
	pthread_mutex_unlock(&o->lock);
}

/* Counts a file of this build and remembers its path.  Call with the
 * lock held. */
static void note_file(struct output *o, const char *relpath,
		      unsigned long long size)
{
	/* Copied before it is known to be new, for one lookup rather than
	 * two: a path made twice wastes its copy until the end. */
	char *copy = arena_strdup(o->names, relpath);

	o->files++;
	o->bytes += size;
	if (strmap_put(&o->written, copy, o->npaths) != STRMAP_NONE)
		return;
	o->paths = xgrow(o->paths, &o->pathcap, o->npaths + 1, sizeof(*o->paths));
	o->paths[o->npaths++] = copy;
}

/* In the spare, `path` may hold the file of an earlier build, perhaps
 * the same inode as a file of the live output (a hard link): it is
 * removed, never written over.  0, or -1 with errno. */
static int clear_place(const struct output *o, const char *path)
{
	if (!o->in_place || unlink(path) == 0 || errno == ENOENT)
		return 0;
	if (errno == EISDIR || errno == EPERM)
		return remove_tree(path);
	return -1;
}

int output_path_safe(const char *rel)
{
	const char *p = rel;

	if (*rel == '\0' || *rel == '/' || strchr(rel, '\\'))
		return 0;
	while (*p) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		p += n;
		if (*p == '/')
			p++;
		else
			break;
	}
	return rel[strlen(rel) - 1] != '/';
}

/* mkdir -p for the folder `path` (which is cut at `end`); other threads
 * may be making the same ones, so EEXIST is success.  Tries the deepest
 * folder first: it is usually the only one missing, so a file costs one
 * mkdir rather than one per level. */
static int make_dir(char *path, char *end)
{
	char *up;
	int rc;

	*end = '\0';
	rc = mkdir(path, 0755);
	if (rc < 0 && errno == ENOENT) {
		for (up = end - 1; up > path && *up != '/'; up--)
			;
		rc = up > path ? make_dir(path, up) : -1;
		*end = '\0';
		if (rc == 0)
			rc = mkdir(path, 0755);
	}
	*end = '/';
	return rc < 0 && errno != EEXIST ? -1 : 0;
}

/* The folders above the file `path`. */
static int make_parents(char *path)
{
	char *slash = strrchr(path, '/');

	return slash && slash > path ? make_dir(path, slash) : 0;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int output_write(struct output *o, const char *relpath, const void *data,
		 size_t len, diags *d)
{
	buf path = BUF_INIT;
	int fd = -1, rc = -1, err;

	if (!output_path_safe(relpath)) {
		diag_error(d, relpath, 0, 0, relpath, "拒绝写入输出目录以外的路径“%s”", relpath);
		return -1;
	}
	buf_printf(&path, "%s/%s", o->tmp, relpath);
	if (make_parents(path.data) < 0 || clear_place(o, path.data) < 0)
		goto out;
	fd = open(path.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0 || write_all(fd, data, len) < 0)
		goto out;
	if (close(fd) < 0) {
		fd = -1;
		goto out;
	}
	fd = -1;
	rc = 0;
	pthread_mutex_lock(&o->lock);
	note_file(o, relpath, len);
	pthread_mutex_unlock(&o->lock);
out:
	err = errno; /* before buf_printf can change it */
	if (rc < 0) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", o->final, relpath);
		diag_error(d, path.data, 0, 0, NULL, "无法写入输出文件：%s",
			   error_text(err));
		pthread_mutex_lock(&o->lock);
		o->failed = 1;
		pthread_mutex_unlock(&o->lock);
	}
	if (fd >= 0)
		close(fd);
	buf_free(&path);
	return rc;
}

int output_copy(struct output *o, const char *relpath, const char *src,
		diags *d)
{
	FILE *f = fopen(src, "rb");
	buf data = BUF_INIT;
	char chunk[65536];
	size_t n;
	int rc;

	if (f == NULL) {
		diag_error(d, src, 0, 0, NULL, "无法读取文件：%s", error_text(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(&data, chunk, n);
	if (ferror(f)) {
		diag_error(d, src, 0, 0, NULL, "无法读取文件：%s", error_text(errno));
		fclose(f);
		buf_free(&data);
		return -1;
	}
	fclose(f);
	rc = output_write(o, relpath, data.data ? data.data : "", data.len, d);
	buf_free(&data);
	return rc;
}

int output_link(struct output *o, const char *relpath, const char *src,
		diags *d)
{
	buf path = BUF_INIT;
	struct stat st;
	int rc = -1, err = 0;

	if (!output_path_safe(relpath)) {
		diag_error(d, relpath, 0, 0, relpath, "拒绝写入输出目录以外的路径“%s”", relpath);
		return -1;
	}
	if (lstat(src, &st) < 0 || !S_ISREG(st.st_mode))
		return 1;
	buf_printf(&path, "%s/%s", o->tmp, relpath);
	if (make_parents(path.data) < 0 || clear_place(o, path.data) < 0) {
		err = errno;
	} else if (link(src, path.data) == 0) {
		rc = 0;
	} else if (errno == EXDEV || errno == EPERM || errno == EMLINK) {
		/* output_copy counts and reports for itself. */
		buf_free(&path);
		return output_copy(o, relpath, src, d);
	} else {
		err = errno;
	}
	if (rc == 0) {
		pthread_mutex_lock(&o->lock);
		note_file(o, relpath, (unsigned long long)st.st_size);
		pthread_mutex_unlock(&o->lock);
	} else {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", o->final, relpath);
		diag_error(d, path.data, 0, 0, NULL, "无法写入输出文件：%s", error_text(err));
		pthread_mutex_lock(&o->lock);
		o->failed = 1;
		pthread_mutex_unlock(&o->lock);
	}
	buf_free(&path);
	return rc;
}

int output_keep(struct output *o, const char *relpath)
{
	struct stat st;

	/* The spare's manifest says the file is there, but the folder may
	 * have been changed by hand since: a file missing or replaced by a
	 * folder or a link is made again, never published as it is.  (And
	 * the size is counted.)  Looked up from the open folder, as the
	 * half of the path above it is the same for every file. */
	if (!o->in_place || o->tmp_fd < 0 || !output_path_safe(relpath) ||
	    fstatat(o->tmp_fd, relpath, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
	    !S_ISREG(st.st_mode))
		return -1;
	pthread_mutex_lock(&o->lock);
	note_file(o, relpath, (unsigned long long)st.st_size);
	pthread_mutex_unlock(&o->lock);
	return 0;
}

/* Removes the folders above `path` (cut at its last slash) that are left
 * empty, up to the output's own. */
static void remove_empty_parents(const struct output *o, char *path)
{
	size_t top = strlen(o->tmp);
	char *slash;

	while ((slash = strrchr(path, '/')) != NULL && (size_t)(slash - path) > top) {
		*slash = '\0';
		if (rmdir(path) < 0)
			break;
	}
}

int output_prune(struct output *o, const char *const *paths, size_t n,
		 diags *d)
{
	buf path = BUF_INIT;
	int rc = 0;

	for (size_t i = 0; i < n && o->in_place; i++) {
		if (!output_path_safe(paths[i]) ||
		    strmap_get(&o->written, paths[i]) != STRMAP_NONE)
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/%s", o->tmp, paths[i]);
		if (unlink(path.data) < 0 && errno != ENOENT) {
			diag_error(d, o->final, 0, 0, NULL, "无法删除旧的输出文件“%s”：%s",
				   paths[i], error_text(errno));
			o->failed = 1;
			rc = -1;
			continue;
		}
		remove_empty_parents(o, path.data);
	}
	buf_free(&path);
	return rc;
}

size_t output_paths(const struct output *o, const char *const **paths)
{
	*paths = (const char *const *)o->paths;
	return o->npaths;
}

int output_failed(const struct output *o)
{
	return o->failed;
}

size_t output_files(const struct output *o)
{
	return o->files;
}

unsigned long long output_bytes(const struct output *o)
{
	return o->bytes;
}

/* Removes the scratch folder too: it is never part of the output. */
static void output_free(struct output *o)
{
	remove_tree(o->scratch);
	pthread_mutex_destroy(&o->lock);
	if (o->tmp_fd >= 0)
		close(o->tmp_fd);
	arena_free(o->names);
	free(o->paths);
	strmap_free(&o->written);
	free(o->final);
	free(o->tmp);
	free(o->scratch);
	free(o);
}

const char *output_scratch_dir(const struct output *o)
{
	return o->scratch;
}

#if defined(__GLIBC__) && defined(RENAME_EXCHANGE) && \
	(__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 28))
/* Swaps the folders `a` and `b` in one step; -1 with errno EINVAL or
 * ENOSYS when the file system or kernel cannot. */
static int exchange(const char *a, const char *b)
{
	return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
}
#else
static int exchange(const char *a, const char *b)
{
	(void)a, (void)b;
	errno = ENOSYS;
	return -1;
}
#endif

/* The previous output, now at `old`: kept as the spare when asked and
 * nothing is at OUT.spare (ours was taken or removed before the build;
 * anything there now is someone else's, even an empty folder or a link,
 * which rename would replace), else removed. */
static void retire(const struct output *o, const char *old, int keep)
{
	buf spare = BUF_INIT;
	struct stat st;

	output_spare_path(o->final, &spare);
	if (!keep || lstat(spare.data, &st) == 0 || errno != ENOENT ||
	    rename(old, spare.data) < 0)
		remove_tree(old);
	buf_free(&spare);
}

/* Where renameat2 is missing: two renames, the old folder steps aside
 * and the new one takes its place.  Between them OUT is absent, never
 * half-written; output_recover() puts OUT.old-* back if a build is
 * killed there. */
static int swap_in_two(struct output *o, int keep_old, diags *d)
{
	buf old = BUF_INIT;
	int rc = -1;

	buf_printf(&old, "%s%s%06ld", o->final, OLD_MARK, (long)getpid() % 1000000);
	if (rename(o->final, old.data) < 0) {
		diag_error(d, o->final, 0, 0, NULL, "无法替换输出目录：%s", error_text(errno));
	} else if (rename(o->tmp, o->final) < 0) {
		diag_error(d, o->final, 0, 0, NULL, "无法替换输出目录：%s", error_text(errno));
		rename(old.data, o->final);
	} else {
		retire(o, old.data, keep_old);
		rc = 0;
	}
	if (rc < 0)
		remove_tree(o->tmp);
	buf_free(&old);
	return rc;
}

int output_commit(struct output *o, int keep_old, diags *d)
{
	struct stat st;
	int rc = 0;

	if (lstat(o->final, &st) < 0 && errno == ENOENT) {
		if (rename(o->tmp, o->final) < 0) {
			diag_error(d, o->final, 0, 0, NULL, "无法替换输出目录：%s",
				   error_text(errno));
			remove_tree(o->tmp);
			rc = -1;
		}
	} else if (exchange(o->tmp, o->final) == 0) {
		/* OUT was never absent; the old output now sits at the
		 * temporary name, which the next build would clear if we
		 * were killed before it is moved or removed. */
		retire(o, o->tmp, keep_old);
	} else if (errno == EINVAL || errno == ENOSYS) {
		rc = swap_in_two(o, keep_old, d);
	} else {
		diag_error(d, o->final, 0, 0, NULL, "无法替换输出目录：%s", error_text(errno));
		remove_tree(o->tmp);
		rc = -1;
	}
	output_free(o);
	return rc;
}

int output_spare_discard(const char *out_dir)
{
	buf spare = BUF_INIT;
	int rc;

	output_spare_path(out_dir, &spare);
	rc = remove_tree(spare.data);
	buf_free(&spare);
	return rc;
}

void output_abort(struct output *o)
{
	if (o == NULL)
		return;
	remove_tree(o->tmp);
	output_free(o);
}
