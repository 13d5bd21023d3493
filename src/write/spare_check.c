/* The check of the spare (spare_check.h). */
/* d_type (DT_REG, DT_DIR) is not POSIX but glibc's and the BSDs'; a file
 * system that leaves it DT_UNKNOWN gets an fstatat instead. */
#define _GNU_SOURCE
#include "write/spare_check.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "write/output_fs.h"
#include "util/buf.h"

struct check {
	int root;		/* the spare, which is always read */
	uid_t uid;
	const struct listing *listed;
	const char *const *also;
	const struct folder_stamps *stamps; /* NULL: read every folder */
	struct spare_check_counts *counts;
};

static long read_folder(struct check *c, int fd, buf *rel);

/* 1 when the folder `st` describes is the one record `k` describes,
 * unchanged, and nobody else could have changed it (spare_check.h). */
static int unchanged(const struct check *c, size_t k, const struct stat *st)
{
	char stamp[FOLDER_STAMP_LEN + 1];

	if (!S_ISDIR(st->st_mode) || st->st_uid != c->uid || (st->st_mode & 022) != 0)
		return 0;
	/* Its subfolders, counted by the file system: one the record
	 * lacks would never be looked at. */
	if (st->st_nlink != 1 && st->st_nlink != 2 + c->stamps->children[k])
		return 0;
	folder_stamps_of(st, stamp);
	return strcmp(stamp, c->stamps->stamp[k]) == 0;
}

/* The index after the records of the folder `k` and all it holds (they
 * sort together, right after it). */
static size_t past(const struct folder_stamps *s, size_t k)
{
	size_t len = strlen(s->path[k]), i = k + 1;

	while (i < s->n && strncmp(s->path[i], s->path[k], len) == 0)
		i++;
	return i;
}

static long check_recorded(struct check *c, size_t k);

/* The recorded folder `k` ("a/b/"), whose parent was trusted: trusted in
 * turn when unchanged, else read.  As read_folder. */
static long check_child(struct check *c, size_t k)
{
	const char *path = c->stamps->path[k];
	buf rel = BUF_INIT;
	struct stat st;
	long files;
	int fd;

	buf_put(&rel, path, strlen(path) - 1);
	/* Every folder above was trusted: unchanged and nobody else's to
	 * change, so the path leads where it did when recorded. */
	if (fstatat(c->root, rel.data, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		/* An unchanged folder lost a recorded subfolder: the
		 * record is not this tree's.  Not used, not read: gone. */
		files = errno == ENOENT || errno == ENOTDIR ? -2 : -1;
	} else if (unchanged(c, k, &st)) {
		files = check_recorded(c, k);
	} else if ((fd = output_fs_open(c->root, rel.data, O_RDONLY | O_DIRECTORY, 0)) < 0) {
		files = errno == ELOOP || errno == ENOTDIR ? -2 : -1;
	} else {
		buf_putc(&rel, '/');
		files = read_folder(c, fd, &rel);
		files = files == 0 ? -2 : files;
	}
	buf_free(&rel);
	return files;
}

/* The folder `k`, trusted: its files are those it held when recorded,
 * all listed; its recorded subfolders are checked.  1, or as
 * read_folder for the first that fails. */
static long check_recorded(struct check *c, size_t k)
{
	const struct folder_stamps *s = c->stamps;
	size_t len = strlen(s->path[k]);
	long sub = 1;

	c->counts->trusted++;
	if (c->counts->trusted_folders)
		c->counts->trusted_folders[k] = 1;
	/* Each record's parent is recorded (folder_stamps_parse): the
	 * first record past a subfolder's own is the next subfolder. */
	for (size_t i = k + 1; sub > 0 && i < s->n && strncmp(s->path[i], s->path[k], len) == 0;
	     i = past(s, i))
		sub = check_child(c, i);
	return sub > 0 ? 1 : sub;
}

/* The subfolder `name` of the folder `fd` being read, at `rel` ("a/b/"):
 * trusted when its record says so, else read.  As read_folder. */
static long check_found(struct check *c, int fd, const char *name, buf *rel)
{
	size_t k = c->stamps ? strmap_get(&c->stamps->index, rel->data) : STRMAP_NONE;
	struct stat st;
	long files;
	int sfd;

	if (k != STRMAP_NONE && fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    unchanged(c, k, &st))
		return check_recorded(c, k);
	sfd = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (sfd < 0)
		return errno == ELOOP || errno == ENOTDIR ? -2 : -1;
	files = read_folder(c, sfd, rel);
	/* A folder of nothing is not made by a build either. */
	return files == 0 ? -2 : files;
}

/* The type of `e` in `fd`, without following a link. */
static unsigned char entry_type(int fd, const struct dirent *e)
{
	struct stat st;

	if (e->d_type != DT_UNKNOWN)
		return e->d_type;
	if (fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return DT_UNKNOWN;
	return S_ISREG(st.st_mode) ? DT_REG : S_ISDIR(st.st_mode) ? DT_DIR : DT_UNKNOWN;
}

/* 1 when `name` is one of the files allowed at the top. */
static int also_allowed(const struct check *c, const char *name)
{
	for (const char *const *a = c->also; a && *a; a++)
		if (strcmp(name, *a) == 0)
			return 1;
	return 0;
}

/* Reads the folder `fd` (whose path is `rel`, "" at the top, else ending
 * in "/") whole: the files below it, their number; -2 at the first thing
 * gongshi would not have made, -1 when a folder cannot be read.  Takes
 * `fd`. */
static long read_folder(struct check *c, int fd, buf *rel)
{
	DIR *dp = fdopendir(fd);
	struct dirent *e;
	size_t at = rel->len;
	long files = 0, sub;

	if (dp == NULL) {
		close(fd);
		return -1;
	}
	c->counts->read++;
	while (files >= 0 && (e = readdir(dp)) != NULL) {
		unsigned char type;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		type = entry_type(fd, e);
		buf_truncate(rel, at);
		buf_puts(rel, e->d_name);
		if (type == DT_REG) {
			files = listing_find(c->listed, rel->data) != LISTING_NONE ||
				(at == 0 && also_allowed(c, rel->data)) ? files + 1 : -2;
		} else if (type == DT_DIR) {
			buf_putc(rel, '/');
			sub = check_found(c, fd, e->d_name, rel);
			files = sub < 0 ? sub : files + sub;
		} else {
			files = -2;
		}
	}
	closedir(dp);
	buf_truncate(rel, at);
	return files;
}

int spare_check(int dirfd, const struct listing *listed, const char *const *also,
		const struct folder_stamps *stamps, struct spare_check_counts *counts)
{
	struct spare_check_counts none;
	struct check c = { .listed = listed, .also = also, .uid = geteuid() };
	buf rel = BUF_INIT;
	struct stat st;
	long files;

	memset(&none, 0, sizeof(none));
	c.counts = counts ? counts : &none;
	/* A descriptor of our own for fdopendir to take: a copy (dup) would
	 * share the caller's reading position. */
	c.root = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (c.root < 0)
		return -1;
	/* A spare that others could write to: the paths below it are
	 * not sure to lead where they did, so every folder is read. */
	if (stamps && stamps->n > 0 && fstat(c.root, &st) == 0 && st.st_uid == c.uid &&
	    (st.st_mode & 022) == 0)
		c.stamps = stamps;
	/* read_folder takes a descriptor; the root one is kept for the
	 * trusted folders' paths. */
	files = read_folder(&c, openat(c.root, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC), &rel);
	close(c.root);
	buf_free(&rel);
	return files == -2 ? 0 : files < 0 ? -1 : 1;
}
