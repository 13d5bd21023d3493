#define _XOPEN_SOURCE 700 /* nftw */
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

#include "util/buf.h"
#include "util/errtext.h"
#include "util/xalloc.h"

struct output {
	char *final;	/* the output folder as given */
	char *tmp;	/* the folder being written */
	pthread_mutex_t lock; /* guards the counters */
	size_t files;
	unsigned long long bytes;
	int failed;
};

static const char TMP_MARK[] = ".tmp-";
static const char OLD_MARK[] = ".old-";

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

/* A build killed half-way leaves OUT.tmp-XXXXXX (and, if killed during
 * the swap, OUT.old-XXXXXX) beside OUT: clear them. */
static void remove_leftovers(const char *dir, const char *base)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	size_t bl = strlen(base);
	buf path = BUF_INIT;

	if (dp == NULL)
		return;
	while ((e = readdir(dp)) != NULL) {
		if (strncmp(e->d_name, base, bl) != 0)
			continue;
		if (strncmp(e->d_name + bl, TMP_MARK, sizeof(TMP_MARK) - 1) != 0 &&
		    strncmp(e->d_name + bl, OLD_MARK, sizeof(OLD_MARK) - 1) != 0)
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, e->d_name);
		remove_tree(path.data);
	}
	closedir(dp);
	buf_free(&path);
}

struct output *output_begin(const char *out_dir, diags *d)
{
	struct output *o;
	buf dir = BUF_INIT, base = BUF_INIT, tmp = BUF_INIT;
	struct stat st;

	if (stat(out_dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		diag_error(d, out_dir, 0, 0, NULL, "输出路径已存在，但不是目录");
		return NULL;
	}
	split_path(out_dir, &dir, &base);
	remove_leftovers(dir.data, base.data);
	buf_printf(&tmp, "%s/%s%sXXXXXX", dir.data, base.data, TMP_MARK);
	if (mkdtemp(tmp.data) == NULL) {
		diag_error(d, out_dir, 0, 0, NULL, "无法创建临时输出目录“%s”：%s",
			   tmp.data, strerror(errno));
		buf_free(&dir), buf_free(&base), buf_free(&tmp);
		return NULL;
	}
	/* mkdtemp makes it 0700; a web root must be readable. */
	chmod(tmp.data, 0755);
	o = xcalloc(1, sizeof(*o));
	o->final = xstrdup(out_dir);
	o->tmp = buf_detach(&tmp);
	pthread_mutex_init(&o->lock, NULL);
	buf_free(&dir);
	buf_free(&base);
	return o;
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
	if (make_parents(path.data) < 0)
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
	o->files++;
	o->bytes += len;
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
	if (make_parents(path.data) < 0) {
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
		o->files++;
		o->bytes += (unsigned long long)st.st_size;
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

static void output_free(struct output *o)
{
	pthread_mutex_destroy(&o->lock);
	free(o->final);
	free(o->tmp);
	free(o);
}

int output_commit(struct output *o, diags *d)
{
	buf old = BUF_INIT;
	struct stat st;
	int had_old = stat(o->final, &st) == 0;
	int rc = -1;

	/* Two renames: the old folder steps aside, the new one takes its
	 * place.  Between them OUT is briefly absent, never half-written;
	 * the next build removes an OUT.old-* a crash left behind. */
	buf_printf(&old, "%s%s%06ld", o->final, OLD_MARK, (long)getpid() % 1000000);
	if (had_old && rename(o->final, old.data) < 0) {
		diag_error(d, o->final, 0, 0, NULL, "无法替换输出目录：%s", strerror(errno));
		goto out;
	}
	if (rename(o->tmp, o->final) < 0) {
		diag_error(d, o->final, 0, 0, NULL, "无法替换输出目录：%s", strerror(errno));
		if (had_old)
			rename(old.data, o->final);
		goto out;
	}
	if (had_old)
		remove_tree(old.data);
	rc = 0;
out:
	if (rc < 0)
		remove_tree(o->tmp);
	buf_free(&old);
	output_free(o);
	return rc;
}

void output_abort(struct output *o)
{
	if (o == NULL)
		return;
	remove_tree(o->tmp);
	output_free(o);
}
