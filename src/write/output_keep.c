/* Files of the spare kept as they are (output.h's output_keep): one the
 * record of a folder the check of the spare trusted names (spare_sizes.h)
 * is kept unlooked at, and listed by the spare's manifest, not here; any
 * other is looked at with one fstatat beneath a folder held open
 * (output_priv.h's kept folders), never through a link, and noted.
 * Split from output.c, which writes and swaps. */
#define _GNU_SOURCE /* O_PATH */
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "write/output.h"
#include "write/output_priv.h"
#include "util/xalloc.h"

/* The kept folder `dir` (its first `n` bytes), its users counted: found,
 * or opened beneath tmp_fd without a link on the way into a slot no thread
 * uses (its folder closed).  1, or 0 when every slot is in use, or -1 when
 * the folder cannot be opened.  Under keep_lock; the look in the folder
 * is not, so that the pool's threads do not queue on it. */
static int keep_dir(struct output *o, const char *dir, size_t n, struct output_keep_dir **out)
{
	struct output_keep_dir *k = NULL;
	char *path;
	int fd;

	for (size_t i = 0; i < OUTPUT_KEEP_DIRS; i++) {
		k = &o->keep_dirs[i];
		if (k->path && strncmp(k->path, dir, n) == 0 && k->path[n] == '\0') {
			k->users++;
			*out = k;
			return 1;
		}
	}
	for (size_t t = 0; t < OUTPUT_KEEP_DIRS; t++) {
		k = &o->keep_dirs[o->keep_next++ % OUTPUT_KEEP_DIRS];
		if (k->users == 0)
			break;
	}
	if (k->users)
		return 0;
	path = xstrndup(dir, n);
	fd = output_fs_open(o->tmp_fd, path, O_PATH | O_DIRECTORY, 0);
	if (fd < 0) {
		free(path);
		return -1;
	}
	if (k->path) {
		close(k->fd);
		free(k->path);
	}
	k->path = path;
	k->fd = fd;
	k->users = 1;
	*out = k;
	return 1;
}

/* The lstat of the file `relpath` beneath tmp_fd, reached without a link:
 * 0 and *st, or -1. */
static int keep_stat(struct output *o, const char *relpath, struct stat *st)
{
	const char *slash = strrchr(relpath, '/');
	struct output_keep_dir *k = NULL;
	int got, rc, fd;

	if (slash == NULL)
		return fstatat(o->tmp_fd, relpath, st, AT_SYMLINK_NOFOLLOW);
	pthread_mutex_lock(&o->keep_lock);
	got = keep_dir(o, relpath, (size_t)(slash - relpath), &k);
	pthread_mutex_unlock(&o->keep_lock);
	if (got < 0)
		return -1;
	if (got == 0) { /* more threads than slots: the file opened alone */
		if ((fd = output_fs_open(o->tmp_fd, relpath, O_PATH, 0)) < 0)
			return -1;
		rc = fstat(fd, st);
		close(fd);
		return rc;
	}
	rc = fstatat(k->fd, slash + 1, st, AT_SYMLINK_NOFOLLOW);
	pthread_mutex_lock(&o->keep_lock);
	k->users--;
	pthread_mutex_unlock(&o->keep_lock);
	return rc;
}

int output_keep(struct output *o, const char *relpath, struct hash_value key)
{
	struct stat st;

	/* The spare's manifest says the file is there, but the folder may
	 * have been changed by hand since: a file missing or replaced by a
	 * folder or a link is made again, never published as it is.  (And
	 * the size is counted.)  The folder is reached without a link
	 * (output_fs_open), the file itself not followed. */
	if (!o->in_place || !relpath_safe(relpath) || keep_stat(o, relpath, &st) < 0 ||
	    !S_ISREG(st.st_mode))
		return -1;
	output_note(o, relpath, (unsigned long long)st.st_size, &key);
	return 0;
}

int output_keep_listed(const struct output *o, const char *relpath)
{
	/* A file of a folder the check of the spare trusted, whose record
	 * names it (spare_sizes.h): still that regular file, of that size.
	 * Not noted in this build's list: at 55,000 communities with ten
	 * photos, 607,000 additions under the writer's lock, which the
	 * page threads queued on. */
	return o->in_place && relpath_safe(relpath) ? 0 : -1;
}

void output_count_kept(struct output *o, unsigned long long bytes)
{
	o->bytes += bytes;
}

void output_keep_free(struct output *o)
{
	for (size_t i = 0; i < OUTPUT_KEEP_DIRS; i++) {
		if (o->keep_dirs[i].path) {
			close(o->keep_dirs[i].fd);
			free(o->keep_dirs[i].path);
		}
	}
	pthread_mutex_destroy(&o->keep_lock);
}
