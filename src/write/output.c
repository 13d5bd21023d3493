/* renameat2(RENAME_EXCHANGE) is a GNU extension; it is asked for here
 * only, and the code falls back to POSIX rename() without it. */
#define _GNU_SOURCE
#include "write/output.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "write/output_fs.h"
#include "write/output_priv.h"
#include "util/buf.h"
#include "util/errtext.h"
#include "util/fileread.h"
#include "util/xalloc.h"

/* O_PATH (Linux) opens a file only to look at it; elsewhere a read-only
 * open that does not wait on a pipe does as well. */
#ifndef O_PATH
#define O_PATH (O_RDONLY | O_NONBLOCK)
#endif

/* Moves the spare `reuse` onto the empty folder `tmp` (rename replaces
 * an empty folder); 0, or -1 and `tmp` stays empty. */
static int claim_spare(const char *reuse, const char *tmp)
{
	return reuse && rename(reuse, tmp) == 0 ? 0 : -1;
}

/* The temporary folder and the scratch folder beside the output; 0, or
 * -1 with a diagnostic and nothing left behind. */
static int make_temp_dirs(struct output *o, const char *out_dir, const char *reuse,
			  diags *d)
{
	buf dir = BUF_INIT, base = BUF_INIT, tmp = BUF_INIT, scratch = BUF_INIT;
	int rc = -1;

	output_split_path(out_dir, &dir, &base);
	buf_printf(&tmp, "%s/%s%sXXXXXX", dir.data, base.data, OUTPUT_TMP_MARK);
	/* Named like the output's temporary folder, so that whatever a
	 * killed build leaves in it goes with the next build's cleanup. */
	buf_printf(&scratch, "%s/%s%sXXXXXX", dir.data, base.data, OUTPUT_TMP_MARK);
	if (mkdtemp(tmp.data) == NULL) {
		diag_error(d, out_dir, 0, 0, NULL, "无法创建临时输出目录“%s”：%s",
			   tmp.data, errtext_of(errno));
		goto out;
	}
	/* Under its temporary name the spare is cleared like any other
	 * leftover if this build is killed: half-updated, it is no spare. */
	o->in_place = claim_spare(reuse, tmp.data) == 0;
	/* mkdtemp makes it 0700; a web root must be readable. */
	if (!o->in_place)
		chmod(tmp.data, 0755);
	/* Every write goes beneath this descriptor: should the folder be
	 * removed by name meanwhile, nothing makes it again. */
	o->tmp_fd = open(tmp.data, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (o->tmp_fd < 0 || mkdtemp(scratch.data) == NULL) {
		diag_error(d, out_dir, 0, 0, NULL, "无法创建临时目录“%s”：%s",
			   o->tmp_fd < 0 ? tmp.data : scratch.data, errtext_of(errno));
		output_fs_remove_path(tmp.data);
		goto out;
	}
	o->tmp = buf_detach(&tmp);
	o->scratch = buf_detach(&scratch);
	rc = 0;
out:
	buf_free(&dir), buf_free(&base), buf_free(&tmp), buf_free(&scratch);
	return rc;
}

struct output *output_begin(const char *out_dir, const char *reuse, diags *d)
{
	struct output *o;
	struct stat st;
	size_t n = strlen(out_dir);

	if (stat(out_dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		diag_error(d, out_dir, 0, 0, NULL, "输出路径已存在，但不是目录");
		return NULL;
	}
	if (output_recover(out_dir, d) < 0)
		return NULL;
	o = xcalloc(1, sizeof(*o));
	o->tmp_fd = -1;
	if (make_temp_dirs(o, out_dir, reuse, d) < 0) {
		if (o->tmp_fd >= 0)
			close(o->tmp_fd);
		free(o);
		return NULL;
	}
	/* Without its trailing slashes, "OUT/" + ".old-…" would name a
	 * folder inside OUT. */
	while (n > 1 && out_dir[n - 1] == '/')
		n--;
	o->final = xstrndup(out_dir, n);
	/* The live output, where unchanged files are linked from; missing
	 * (a first build) or a link (not ours): nothing is linked. */
	o->final_fd = open(o->final, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	pthread_mutex_init(&o->lock, NULL);
	pthread_mutex_init(&o->keep_lock, NULL);
	return o;
}

int output_in_place(const struct output *o)
{
	return o->in_place;
}

void output_expect(struct output *o, size_t n, size_t bytes)
{
	pthread_mutex_lock(&o->lock);
	listing_reserve(&o->files, n, bytes);
	pthread_mutex_unlock(&o->lock);
}

void output_share_paths(struct output *o, const struct listing *base)
{
	pthread_mutex_lock(&o->lock);
	listing_share(&o->files, base);
	pthread_mutex_unlock(&o->lock);
}

/* Counts a file of this build (`size` bytes: listing_size's, and o->bytes),
 * remembers its path and, given one, its key: one look-up in the list
 * under one taking of the lock (a rebuild at 55,000 communities × 10
 * photos keeps 610,000 files, each through here). */
void output_note(struct output *o, const char *relpath, unsigned long long size,
		 const struct hash_value *key)
{
	size_t len = strlen(relpath), k;
	uint64_t h = listing_hash(relpath, len);
	int added;

	pthread_mutex_lock(&o->lock);
	o->bytes += size;
	k = listing_add_hashed(&o->files, relpath, len, h, &added);
	listing_mark(&o->files, k, LISTING_MADE);
	listing_set_size(&o->files, k, size);
	if (key)
		listing_set_key(&o->files, k, *key);
	pthread_mutex_unlock(&o->lock);
}

void output_note_key(struct output *o, const char *relpath, struct hash_value key)
{
	size_t len = strlen(relpath);
	uint64_t h = listing_hash(relpath, len);
	int added;

	pthread_mutex_lock(&o->lock);
	listing_set_key(&o->files, listing_add_hashed(&o->files, relpath, len, h, &added), key);
	pthread_mutex_unlock(&o->lock);
}

/* Reports that `relpath` could not be made (errno `err`) and marks the
 * build failed. */
static void write_failed(struct output *o, const char *relpath, int err, diags *d)
{
	buf path = BUF_INIT;

	buf_printf(&path, "%s/%s", o->final, relpath);
	diag_error(d, path.data, 0, 0, NULL, "无法写入输出文件：%s", errtext_of(err));
	pthread_mutex_lock(&o->lock);
	o->failed = 1;
	pthread_mutex_unlock(&o->lock);
	buf_free(&path);
}

/* The folder that will hold `relpath` in the folder being written, made
 * when missing, and in the spare without whatever an earlier build left
 * at `relpath` (perhaps the same inode as a file of the live output, a
 * hard link: it is removed, never written over).  *base is the last
 * component.  A descriptor, or -1 with errno. */
static int prepare_place(struct output *o, const char *relpath, const char **base)
{
	int dir = relpath_safe(relpath) ? output_fresh_folder(o, relpath, 1) : -2;

	if (dir != -2) {
		*base = strrchr(relpath, '/') + 1;
		return dir;
	}
	dir = output_fs_parent(o->tmp_fd, relpath, 1, base);

	if (dir >= 0 && o->in_place && output_fs_remove(dir, *base) < 0) {
		int e = errno;

		close(dir);
		errno = e;
		return -1;
	}
	return dir;
}

/* A new file at `relpath`, beneath the folder being written and never
 * through a link.  Usually its folder exists and the name is free: one
 * call.  A descriptor, or -1 with errno. */
static int open_new(struct output *o, const char *relpath)
{
	const int flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
	const char *base;
	int fd, dir, e;

	/* A tree filled from empty: the folder first (output_fresh.c). */
	if (relpath_safe(relpath) && output_fresh_folder(o, relpath, 0) == 0)
		return output_fs_open(o->tmp_fd, relpath, flags, 0644);
	fd = output_fs_open(o->tmp_fd, relpath, flags, 0644);
	/* Next most often, a new community's folder is missing. */
	if (fd < 0 && errno == ENOENT && output_fs_make_parent(o->tmp_fd, relpath) == 0)
		fd = output_fs_open(o->tmp_fd, relpath, flags, 0644);
	if (fd >= 0 || (errno != ENOENT && !(errno == EEXIST && o->in_place)))
		return fd;
	dir = prepare_place(o, relpath, &base);
	if (dir < 0)
		return -1;
	fd = openat(dir, base, flags, 0644);
	e = errno;
	close(dir);
	errno = e;
	return fd;
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
	int fd, err;

	if (!relpath_safe(relpath)) {
		diag_error(d, relpath, 0, 0, relpath, "拒绝写入输出目录以外的路径“%s”", relpath);
		return -1;
	}
	fd = open_new(o, relpath);
	if (fd < 0 || write_all(fd, data, len) < 0) {
		err = errno;
		if (fd >= 0)
			close(fd);
		write_failed(o, relpath, err, d);
		return -1;
	}
	if (close(fd) < 0) {
		write_failed(o, relpath, errno, d);
		return -1;
	}
	output_note(o, relpath, len, NULL);
	return 0;
}

int output_write_pieces(struct output *o, const char *relpath,
			void (*fill)(void *ctx, buf *piece), void *ctx, diags *d)
{
	buf piece = BUF_INIT;
	unsigned long long size = 0;
	int fd, rc = -1;

	if (!relpath_safe(relpath)) {
		diag_error(d, relpath, 0, 0, relpath, "拒绝写入输出目录以外的路径“%s”", relpath);
		return -1;
	}
	if ((fd = open_new(o, relpath)) < 0) {
		write_failed(o, relpath, errno, d);
		return -1;
	}
	for (fill(ctx, &piece); piece.len; buf_reset(&piece), fill(ctx, &piece)) {
		if (write_all(fd, piece.data, piece.len) < 0)
			break;
		size += piece.len;
	}
	if (piece.len) {
		int err = errno;

		close(fd);
		write_failed(o, relpath, err, d);
	} else if (close(fd) < 0) {
		write_failed(o, relpath, errno, d);
	} else {
		output_note(o, relpath, size, NULL);
		rc = 0;
	}
	buf_free(&piece);
	return rc;
}

/* Writes everything `fd` holds to `relpath`; `name` is for messages.
 * Closes `fd`. */
static int copy_fd(struct output *o, const char *relpath, int fd, const char *name,
		   diags *d)
{
	buf data = BUF_INIT;
	int rc;

	if (buf_read_fd(&data, fd, (size_t)-1) < 0) {
		diag_error(d, name, 0, 0, NULL, "无法读取文件：%s", errtext_of(errno));
		close(fd);
		buf_free(&data);
		return -1;
	}
	close(fd);
	rc = output_write(o, relpath, data.data ? data.data : "", data.len, d);
	buf_free(&data);
	return rc;
}

int output_copy(struct output *o, const char *relpath, const char *src,
		diags *d)
{
	struct stat st;
	int fd = fileread_open(AT_FDCWD, src, 0, &st);

	if (fd < 0) {
		diag_error(d, src, 0, 0, NULL, "无法读取文件：%s", errtext_of(errno));
		return -1;
	}
	/* Opened without waiting: a pipe would otherwise copy as empty. */
	if (!S_ISREG(st.st_mode)) {
		diag_error(d, src, 0, 0, NULL, "不是普通文件（设备、管道或套接字），已拒绝读取");
		close(fd);
		return -1;
	}
	return copy_fd(o, relpath, fd, src, d);
}

/* Where linking is refused (another file system, too many links): a
 * copy, read from the live output beneath its descriptor. */
static int copy_old(struct output *o, const char *relpath, diags *d)
{
	int fd = output_fs_open(o->final_fd, relpath, O_RDONLY | O_NONBLOCK, 0);

	if (fd < 0) {
		write_failed(o, relpath, errno, d);
		return -1;
	}
	return copy_fd(o, relpath, fd, o->final, d);
}

int output_link(struct output *o, const char *relpath, diags *d)
{
	return output_link_keyed(o, relpath, NULL, d);
}

int output_link_keyed(struct output *o, const char *relpath, const struct hash_value *key,
		      diags *d)
{
	const char *sbase, *dbase;
	struct stat st;
	int src, dst, rc = -1, err = 0;

	if (!relpath_safe(relpath)) {
		diag_error(d, relpath, 0, 0, relpath, "拒绝写入输出目录以外的路径“%s”", relpath);
		return -1;
	}
	src = o->final_fd < 0 ? -1 : output_fs_parent(o->final_fd, relpath, 0, &sbase);
	if (src < 0)
		return 1;
	if (fstatat(src, sbase, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(st.st_mode)) {
		close(src);
		return 1;
	}
	dst = prepare_place(o, relpath, &dbase);
	/* Without AT_SYMLINK_FOLLOW linkat never follows the source. */
	if (dst >= 0 && linkat(src, sbase, dst, dbase, 0) == 0)
		rc = 0;
	err = errno;
	if (dst >= 0)
		close(dst);
	close(src);
	if (rc == 0) {
		output_note(o, relpath, (unsigned long long)st.st_size, key);
		return 0;
	}
	if (dst < 0 || (err != EXDEV && err != EPERM && err != EMLINK)) {
		write_failed(o, relpath, err, d);
		return -1;
	}
	/* Copied (counted by output_write), its key noted apart. */
	rc = copy_old(o, relpath, d);
	if (rc == 0 && key)
		output_note_key(o, relpath, *key);
	return rc;
}

const struct listing *output_files(const struct output *o)
{
	return &o->files;
}

int output_failed(const struct output *o)
{
	return o->failed;
}

unsigned long long output_bytes(const struct output *o)
{
	return o->bytes;
}

/* Removes the scratch folder too: it is never part of the output. */
void output_free(struct output *o)
{
	output_fs_remove_path(o->scratch);
	output_keep_free(o);
	pthread_mutex_destroy(&o->lock);
	output_fresh_free(o);
	if (o->tmp_fd >= 0)
		close(o->tmp_fd);
	if (o->final_fd >= 0)
		close(o->final_fd);
	buf_free(&o->folders);
	listing_free(&o->files);
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

/* Where renameat2 is missing: two renames, the old folder steps aside
 * and the new one takes its place.  Between them OUT is absent, never
 * half-written; output_recover() puts OUT.old-* back if a build is
 * killed there. */
static int swap_in_two(struct output *o, int keep_old, diags *d)
{
	buf old = BUF_INIT;
	int rc = -1;

	buf_printf(&old, "%s%s%06ld", o->final, OUTPUT_OLD_MARK, (long)getpid() % 1000000);
	if (rename(o->final, old.data) < 0) {
		diag_error(d, o->final, 0, 0, NULL, "无法替换输出目录：%s", errtext_of(errno));
	} else if (rename(o->tmp, o->final) < 0) {
		diag_error(d, o->final, 0, 0, NULL, "无法替换输出目录：%s", errtext_of(errno));
		rename(old.data, o->final);
	} else {
		output_retire(o, old.data, keep_old);
		rc = 0;
	}
	if (rc < 0)
		output_fs_remove_path(o->tmp);
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
				   errtext_of(errno));
			output_fs_remove_path(o->tmp);
			rc = -1;
		}
	} else if (exchange(o->tmp, o->final) == 0) {
		/* OUT was never absent; the old output now sits at the
		 * temporary name, which the next build would clear if we
		 * were killed before it is moved or removed. */
		output_retire(o, o->tmp, keep_old);
	} else if (errno == EINVAL || errno == ENOSYS) {
		rc = swap_in_two(o, keep_old, d);
	} else {
		diag_error(d, o->final, 0, 0, NULL, "无法替换输出目录：%s", errtext_of(errno));
		output_fs_remove_path(o->tmp);
		rc = -1;
	}
	if (rc == 0)
		output_pass_folders(o);
	output_free(o);
	return rc;
}

void output_abort(struct output *o)
{
	if (o == NULL)
		return;
	output_fs_remove_path(o->tmp);
	output_free(o);
}
