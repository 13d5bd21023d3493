#define _XOPEN_SOURCE 700 /* realpath is XSI */
/* For readdir's d_type (DT_REG, DT_DIR), which saves an lstat per file;
 * where it is missing every entry is looked at with lstat. */
#define _DEFAULT_SOURCE
#include "load/content.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/vfs.h> /* statfs: which file system content/ is on */
#endif

#include "load/content_read.h"
#include "load/file.h"
#include "util/errtext.h"
#include "util/xalloc.h"

/* Folders below content/ deeper than this are not read: real sites use
 * two or three levels, and the paths of deeper ones grow past what the
 * file system takes anyway. */
enum { CONTENT_MAX_DEPTH = 16 };

/* Folders kept open for the reading threads to open their files by name.
 * Beyond this many, files are opened by their whole path: the limit on
 * open files is often 1,024, and the renderers need some later. */
enum { FOLDERS_KEPT = 256 };

/* The walk lists the Markdown files; content_read_begin() has them
 * read. */
struct walker {
	const struct file_root *site; /* no file may resolve outside it; set while walking */
	arena *a;       /* the paths of the files: the walk's own, as it may
			 * run beside the thread using the site's */
	diags pending;  /* problems found since the last file listed; owned */
	struct content_item *items; /* malloc'd, owned */
	size_t n, cap;
	int folders[FOLDERS_KEPT]; /* open until content_end() */
	size_t nfolders;
	/* Asked before a folder on content/'s own file system is listed,
	 * when stamps are trusted there (stamps_trusted); else NULL. */
	const struct content_folder_cache *known;
	dev_t dev;
	struct content_folder *found; /* malloc'd, owned; rel in `a` */
	size_t nfound, found_cap;
};

/* A folder entry, with what readdir knew of it. */
struct entry {
	char *name; /* owned */
	char kind;  /* 'f' a regular file, 'd' a folder, '?' unknown or a link */
};

static int cmp_names(const void *x, const void *y)
{
	return strcmp(((const struct entry *)x)->name, ((const struct entry *)y)->name);
}

static char entry_kind(const struct dirent *e)
{
#if defined(DT_REG) && defined(DT_DIR)
	if (e->d_type == DT_REG)
		return 'f';
	if (e->d_type == DT_DIR)
		return 'd';
#else
	(void)e;
#endif
	return '?';
}

static void add_file(struct walker *w, int dirfd, const char *path,
		     const char *rel, const char *display)
{
	w->items = xgrow(w->items, &w->cap, w->n + 1, sizeof(*w->items));
	w->items[w->n++] = (struct content_item){
		dirfd, path, rel, display, content_read_take_diags(&w->pending), NULL, 0
	};
}

/* x y z, in the arena.  The walk makes two or three of these per entry:
 * printf's parsing of the format cost more than the copying. */
static char *join(arena *a, const char *x, const char *y, const char *z)
{
	size_t nx = strlen(x), ny = strlen(y), nz = strlen(z);
	char *p = arena_alloc_raw(a, nx + ny + nz + 1);

	memcpy(p, x, nx);
	memcpy(p + nx, y, ny);
	memcpy(p + nx + ny, z, nz + 1);
	return p;
}

/* `dir` opened for the reading threads to open its files in, or AT_FDCWD
 * (files opened by path) when too many are open already. */
static int keep_folder(struct walker *w, const char *dir)
{
	int fd;

	if (w->nfolders == FOLDERS_KEPT ||
	    (fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return AT_FDCWD;
	return w->folders[w->nfolders++] = fd;
}

static int is_markdown(const char *name)
{
	size_t n = strlen(name);

	return n > 3 && strcmp(name + n - 3, ".md") == 0;
}

/* `display: error: 无法读取WHAT：REASON`, as for a file that cannot be
 * read: a folder that cannot be listed must not drop its pages in
 * silence.  A name gone since it was listed (ENOENT) is no error. */
static void unreadable(struct walker *w, const char *display, const char *what,
		       int err)
{
	if (err != ENOENT)
		diag_error(&w->pending, display, 0, 0, NULL, "无法读取%s：%s", what,
			   errtext_of(err));
}

/* The real paths of the folders being walked, innermost first: a
 * symlinked folder that leads back to one of them is a loop. */
struct chain {
	const char *real;
	const struct chain *up;
};

static void walk(struct walker *w, const char *dir, const char *rel,
		 const char *display, const struct chain *up, char *real,
		 const struct stat *stamp);

/* A folder being walked: its path, and where its files are opened. */
struct folder {
	const char *path;
	int fd; /* keep_folder()'s */
};

/* The real path of the plain (no link) folder `name` of the folder whose
 * real path is `parent`; malloc'd. */
static char *real_below(const char *parent, const char *name)
{
	size_t np = strlen(parent), nn = strlen(name);
	char *p = xmalloc(np + nn + 2);

	memcpy(p, parent, np);
	if (np == 0 || parent[np - 1] != '/')
		p[np++] = '/';
	memcpy(p + np, name, nn + 1);
	return p;
}

/* Notes the folder `rel`, whose identity was `st` before it was listed,
 * as holding nothing for the walk. */
static void note_found(struct walker *w, const char *rel, const struct stat *st)
{
	w->found = xgrow(w->found, &w->found_cap, w->nfound + 1, sizeof(*w->found));
	w->found[w->nfound++] = (struct content_folder){
		rel,
		(unsigned long long)st->st_dev,
		(unsigned long long)st->st_ino,
		(unsigned long long)st->st_ctim.tv_sec,
		(unsigned long long)st->st_mtim.tv_sec,
		(unsigned)st->st_ctim.tv_nsec,
		(unsigned)st->st_mtim.tv_nsec,
	};
}

/* The identity of the plain folder `e` of `f` (its lstat already in *st
 * when `have`), when a record of it may be trusted: stamps trusted on
 * content/'s file system (w->known), the folder on that file system and
 * its change time fine-grained (a time with no nanoseconds comes from a
 * clock of whole seconds, within which a second change would not show).
 * NULL otherwise. */
static const struct stat *folder_stamp(struct walker *w, const struct folder *f,
				       const struct entry *e, const char *path,
				       struct stat *st, int have)
{
	if (w->known == NULL)
		return NULL;
	if (!have && fstatat(f->fd, f->fd == AT_FDCWD ? path : e->name, st,
			     AT_SYMLINK_NOFOLLOW) < 0)
		return NULL;
	if (!S_ISDIR(st->st_mode) || st->st_dev != w->dev || st->st_ctim.tv_nsec == 0)
		return NULL;
	return st;
}

/* One entry of a folder: a Markdown file is listed, a folder walked.  Only
 * a symlink can lead outside the site (the folder holding it is inside),
 * so only symlinks pay for resolving; the entries readdir says are plain
 * files or folders are not even looked at with lstat.  A plain file in a
 * folder kept open is opened by name, and its whole path not made. */
static void visit(struct walker *w, const struct folder *f, const char *rel,
		  const char *display, const struct entry *e, const struct chain *up)
{
	struct stat st;
	int link = 0, dir = e->kind == 'd';
	const char *path = NULL;
	const struct stat *stamp = NULL;

	/* walk() never hands on a plain file that is not Markdown. */
	if (e->kind != 'f' || f->fd == AT_FDCWD)
		path = join(w->a, f->path, "/", e->name);
	if (e->kind == '?') {
		if (lstat(path, &st) < 0) {
			unreadable(w, display, is_markdown(e->name) ? "文件" : "目录", errno);
			return;
		}
		link = S_ISLNK(st.st_mode);
		if (link && stat(path, &st) < 0)
			return; /* dangling: nothing to read */
		dir = S_ISDIR(st.st_mode);
	}
	if (!dir && !is_markdown(e->name))
		return;
	if (link && file_check_within(w->site, path, display, &w->pending) < 0)
		return;
	/* A folder of photos the last build found so, unchanged since, is
	 * not listed again: one lstat instead of five system calls. */
	if (dir && !link && (stamp = folder_stamp(w, f, e, path, &st, e->kind == '?')) &&
	    w->known->empty(w->known->arg, rel, stamp)) {
		note_found(w, rel, stamp);
		return;
	}
	/* A plain folder's real path is its parent's and its name: resolved
	 * again (realpath: a readlink for each part of the path), 55,000
	 * community folders cost 300,000 system calls a build. */
	if (dir && !link && up && up->real)
		walk(w, path, rel, display, up, real_below(up->real, e->name), stamp);
	else if (dir)
		walk(w, path, rel, display, up, NULL, NULL);
	else if (path)
		add_file(w, AT_FDCWD, path, rel, display);
	else /* the name, the end of rel */
		add_file(w, f->fd, rel + strlen(rel) - strlen(e->name), rel, display);
}

/* 0, or -1 after an error when `real` is being walked already. */
static int check_loop(struct walker *w, const char *real, const char *display,
		      const struct chain *up)
{
	unsigned depth = 0;

	for (const struct chain *c = up; c; c = c->up, depth++) {
		if (strcmp(c->real, real) == 0) {
			diag_error(&w->pending, display, 0, 0, real,
				   "符号链接形成循环（又回到“%s”），已跳过", real);
			return -1;
		}
	}
	if (depth >= CONTENT_MAX_DEPTH) {
		diag_error(&w->pending, display, 0, 0, NULL, "目录嵌套超过 %d 层，已跳过",
			   CONTENT_MAX_DEPTH);
		return -1;
	}
	return 0;
}

/* Depth-first, names sorted, so the page order never depends on the file
 * system's directory order.  `real` is the folder's real path when the
 * caller knows it (malloc'd, freed here), NULL to resolve it.  `stamp`:
 * the folder's identity before it is listed, when it may be recorded
 * (folder_stamp), else NULL. */
static void walk(struct walker *w, const char *dir, const char *rel,
		 const char *display, const struct chain *up, char *real,
		 const struct stat *stamp)
{
	struct chain here = { NULL, up };
	DIR *dp;
	struct dirent *e;
	struct entry *names = NULL;
	size_t n = 0, cap = 0;
	struct folder f = { dir, AT_FDCWD };

	if (real == NULL)
		real = realpath(dir, NULL);
	if (real == NULL || (dp = opendir(dir)) == NULL) {
		unreadable(w, display, "目录", errno);
		free(real);
		return;
	}
	if (check_loop(w, real, display, up) < 0) {
		closedir(dp);
		free(real);
		return;
	}
	here.real = real;
	f.fd = keep_folder(w, dir);
	for (errno = 0; (e = readdir(dp)) != NULL; errno = 0) {
		char kind = entry_kind(e);

		/* A plain file that is not Markdown is nothing to the walk
		 * (visit): a community's photos, ten a folder at 55,000
		 * communities, are not copied, sorted and joined into two
		 * paths each, 40 MB of arena a build. */
		if (e->d_name[0] == '.' || (kind == 'f' && !is_markdown(e->d_name)))
			continue;
		names = xgrow(names, &cap, n + 1, sizeof(*names));
		names[n].name = xstrdup(e->d_name);
		names[n++].kind = kind;
	}
	if (errno) {
		unreadable(w, display, "目录", errno);
		stamp = NULL;
	}
	closedir(dp);
	if (stamp && n == 0)
		note_found(w, rel, stamp);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n; i++) {
		char *r = join(w->a, rel, *rel ? "/" : "", names[i].name);
		char *disp = join(w->a, display, "/", names[i].name);

		visit(w, &f, r, disp, &names[i], &here);
		free(names[i].name);
	}
	free(names);
	free(real);
}

/* The site folder of SITE/content: `dir` without its last part. */
static char *site_of(const char *dir)
{
	const char *slash = strrchr(dir, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == dir)
		return xstrdup("/");
	return xstrndup(dir, (size_t)(slash - dir));
}

/* Pages in list order, the files that could not be read left out, and
 * the problems of the walk and of each file in the order one thread
 * reading file after file would have found them.  Frees the items'
 * problems.  Returns the count of pages. */
static size_t gather(struct walker *w, struct page *pages, diags *d)
{
	size_t k = 0;

	for (size_t i = 0; i < w->n; i++) {
		diags *found[2] = { w->items[i].before, w->items[i].found };

		for (int f = 0; f < 2; f++) {
			if (found[f]) {
				diags_move(d, found[f]);
				free(found[f]);
			}
		}
		if (w->items[i].read)
			pages[k++] = pages[i];
	}
	diags_move(d, &w->pending);
	memset(pages + k, 0, (w->n + 1 - k) * sizeof(*pages));
	return k;
}

/* content/ being read: the walk's list and the threads reading it.
 * Owned by the caller of content_begin() until content_end() frees it. */
struct content_load {
	struct walker w; /* w.a is the walk's own arena until content_end() */
	const char *dir, *display, *encoding;
	unsigned jobs;
	arena *a; /* the site's: only the calling thread touches it */
	struct page *pages; /* in w.a */
	struct content_reading *reading; /* owned; freed by content_read_end() */
	pthread_t walking; /* the thread walking, when `walks` */
	int walks;
};

/* 1 when a folder's change time and inode tell whether an entry was
 * added, removed or renamed in it since it was last seen, on the file
 * system `dir` is on (its device into *dev): only Linux's local file
 * systems that keep times in nanoseconds.  A network share's client
 * caches a folder's attributes (NFS for up to a minute, CIFS likewise),
 * so a Markdown file another machine just added would go unseen; a
 * folder there is always listed. */
static int stamps_trusted(const char *dir, dev_t *dev)
{
#ifdef __linux__
	struct statfs fs;
	struct stat st;

	if (statfs(dir, &fs) < 0 || stat(dir, &st) < 0)
		return 0;
	switch ((unsigned long)fs.f_type & 0xFFFFFFFFul) {
	case 0xEF53:	 /* ext2, ext3, ext4 */
	case 0x58465342: /* XFS */
	case 0x9123683E: /* btrfs */
	case 0x01021994: /* tmpfs */
	case 0xF2F52010: /* F2FS */
	case 0x2FC12FC1: /* ZFS */
	case 0x794C7630: /* overlayfs (containers): its folders' times are its upper layer's */
		*dev = st.st_dev;
		return 1;
	default:
		return 0;
	}
#else
	(void)dir;
	(void)dev;
	return 0;
#endif
}

/* Walks `dir` (SITE/content) when it is a folder inside the site. */
static void walk_content(struct walker *w, const char *dir, const char *display)
{
	struct file_root site;
	char *root = site_of(dir);
	struct stat st;

	/* A site without content/ is fine; content/ itself may be a link,
	 * but not to a folder outside the site. */
	w->site = &site;
	if (file_root_init(&site, root, "网站目录") == 0) {
		if (stat(dir, &st) < 0)
			unreadable(w, display, "目录", errno == ENOTDIR ? ENOENT : errno);
		else if (file_check_within(&site, dir, display, &w->pending) == 0) {
			if (!stamps_trusted(dir, &w->dev))
				w->known = NULL;
			walk(w, dir, "", display, NULL, NULL, NULL);
		}
	}
	w->site = NULL;
	file_root_free(&site);
	free(root);
}

/* Lists the files and starts the threads that read them. */
static void walk_and_read(struct content_load *c)
{
	walk_content(&c->w, c->dir, c->display);
	/* Each page is cleared by the thread that reads it, and gather()
	 * clears what is left: clearing it all here would fault in every
	 * page of the array on this thread alone. */
	c->pages = arena_array_raw(c->w.a, c->w.n + 1, sizeof(*c->pages));
	c->reading = content_read_begin(c->w.items, c->pages, c->w.n, c->encoding,
					c->jobs);
}

static void *walker_main(void *arg)
{
	walk_and_read(arg);
	return NULL;
}

struct content_load *content_begin(const char *dir, const char *display,
				   const char *encoding, unsigned jobs, arena *a,
				   const struct content_folder_cache *known)
{
	struct content_load *c = xcalloc(1, sizeof(*c));

	c->w = (struct walker){ .a = arena_new(), .pending = DIAGS_INIT, .known = known };
	c->dir = dir;
	c->display = display;
	c->encoding = encoding;
	c->jobs = jobs;
	c->a = a;
	/* The walk of a big site's files takes a noticeable part of the
	 * load: on a thread of its own, the caller's tables are read
	 * meanwhile instead of after it.  Where the thread cannot be had, the walk is done here. */
	c->walks = jobs > 1 && pthread_create(&c->walking, NULL, walker_main, c) == 0;
	if (!c->walks)
		walk_and_read(c);
	return c;
}

size_t content_end(struct content_load *c, diags *d, struct page **out,
		   struct content_folders *found)
{
	size_t n;

	if (c->walks)
		pthread_join(c->walking, NULL);
	content_read_end(c->reading, c->a);
	arena_adopt(c->a, c->w.a);
	n = gather(&c->w, c->pages, d);
	*out = c->pages;
	if (found) {
		found->n = c->w.nfound;
		found->v = c->w.nfound ? xrealloc(c->w.found, c->w.nfound * sizeof(*found->v)) : NULL;
	}
	if (!found || !c->w.nfound)
		free(c->w.found);
	free(c->w.items);
	for (size_t i = 0; i < c->w.nfolders; i++)
		close(c->w.folders[i]);
	free(c);
	return n;
}
