/* The fingerprint of a site's inputs, a folder at a time (watch.h). */
#include "cli/watch.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/watch_notify.h"
#include "util/buf.h"
#include "util/strmap.h"
#include "util/xalloc.h"

/* Deep enough for any site; stops a symbolic link loop. */
enum { MAX_DEPTH = 32 };

/* A whole look takes at most this share of the time, 1/20. */
enum { FULL_EVERY = 20 };

static const char *const WATCHED[] = { "site.yaml", "data", "content", "themes", "layouts" };

/* The output folder as the folder that holds it and its name, so that
 * it is recognised however the two paths were spelled. */
struct skip {
	int known;	/* the parent folder exists */
	dev_t dev;
	ino_t ino;
	buf name;
};

static void skip_init(struct skip *k, const char *out_dir)
{
	buf parent = BUF_INIT;
	size_t len = strlen(out_dir);
	const char *slash;
	struct stat st;

	while (len > 1 && out_dir[len - 1] == '/')
		len--;
	buf_put(&parent, out_dir, len);
	buf_init(&k->name);
	slash = strrchr(parent.data, '/');
	if (slash == NULL) {
		buf_puts(&k->name, parent.data);
		buf_reset(&parent);
		buf_putc(&parent, '.');
	} else {
		buf_puts(&k->name, slash + 1);
		buf_truncate(&parent, slash == parent.data ? 1 : (size_t)(slash - parent.data));
	}
	k->known = stat(parent.data, &st) == 0;
	k->dev = k->known ? st.st_dev : 0;
	k->ino = k->known ? st.st_ino : 0;
	buf_free(&parent);
}

/* 1 for the output folder and the OUT.tmp-* and OUT.old-* folders a
 * build makes beside it, when `name` is in the folder `dir`. */
static int is_output(const struct skip *k, const struct stat *dir, const char *name)
{
	size_t n = k->name.len;

	if (!k->known || dir->st_dev != k->dev || dir->st_ino != k->ino ||
	    strncmp(name, k->name.data, n) != 0)
		return 0;
	return name[n] == '\0' || strncmp(name + n, ".tmp-", 5) == 0 ||
	       strncmp(name + n, ".old-", 5) == 0;
}

/* Hidden files and editor backups: no loader reads them, and an editor
 * rewrites its swap file every few seconds while someone types. */
static int ignored(const char *name)
{
	size_t n = strlen(name);

	return name[0] == '.' || (n > 0 && name[n - 1] == '~');
}

static void hash_stat(struct hash *h, const struct stat *st)
{
	hash_num(h, (long long)st->st_mode);
	hash_num(h, (long long)st->st_ino);
	hash_num(h, (long long)st->st_dev);
	/* A folder's own times change when a build makes its temporary
	 * output folder inside it; its listing says all that matters. */
	if (S_ISDIR(st->st_mode))
		return;
	hash_num(h, (long long)st->st_size);
	hash_num(h, (long long)st->st_mtim.tv_sec);
	hash_num(h, (long long)st->st_mtim.tv_nsec);
	/* An edit that keeps the size and sets the time back still moves
	 * the change time. */
	hash_num(h, (long long)st->st_ctim.tv_sec);
	hash_num(h, (long long)st->st_ctim.tv_nsec);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* A folder of the inputs, known by its path below the site folder. */
struct folder {
	char *path;		/* "content/communities/c1"; "" for the site folder */
	size_t parent;		/* index; the site folder is its own */
	struct hash_value term; /* its share of the fingerprint: path, entries */
	int wd;			/* its inotify watch, or -1 */
	int depth;
	int live;		/* 0: gone (kept for the index, which cannot forget) */
	unsigned seen;		/* the look that last found it in its parent */
	unsigned scanned;	/* the look that last read it */
};

struct watch {
	char *site, *out;
	struct skip skip;
	struct folder *v;
	size_t n, cap;
	strmap index;		/* path → index in v */
	size_t *todo;		/* folders to read in this look */
	size_t ntodo, todocap;
	struct hash_value sum;	/* the fingerprint: the live folders' terms */
	struct watch_notify *notify; /* NULL: every look is whole */
	unsigned look;
	double full_end, full_cost; /* when the last whole look ended, its seconds */
};

static double seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Terms are added and taken away as folders change: any order, one sum. */
static void sum_add(struct watch *w, struct hash_value v, int sign)
{
	w->sum.hi += sign > 0 ? v.hi : -v.hi;
	w->sum.lo += sign > 0 ? v.lo : -v.lo;
}

/* Folder `k` gone, or about to be read again: its term out of the sum. */
static void drop(struct watch *w, size_t k)
{
	if (w->v[k].live)
		sum_add(w, w->v[k].term, -1);
	w->v[k].live = 0;
}

/* Folder `k` to be read in this look. */
static void to_read(struct watch *w, size_t k)
{
	w->todo = xgrow(w->todo, &w->todocap, w->ntodo + 1, sizeof(*w->todo));
	w->todo[w->ntodo++] = k;
}

/* A new record for the folder at `path` (taken), not yet read. */
static size_t add_folder(struct watch *w, char *path, size_t parent, int depth)
{
	size_t k = w->n;

	w->v = xgrow(w->v, &w->cap, w->n + 1, sizeof(*w->v));
	memset(&w->v[k], 0, sizeof(*w->v));
	w->v[k].path = path;
	w->v[k].parent = parent;
	w->v[k].depth = depth;
	w->v[k].wd = -1;
	strmap_put(&w->index, path, k);
	w->n++;
	return k;
}

/* The folder `name` of folder `parent`, found in this look: known and
 * live, it keeps its term (its own watch tells of its changes); new or
 * back, it is to be read. */
static void found(struct watch *w, size_t parent, const char *name)
{
	const char *above = w->v[parent].path;
	char *path = above[0] ? xmalloc(strlen(above) + strlen(name) + 2) : xstrdup(name);
	size_t k;

	if (above[0])
		sprintf(path, "%s/%s", above, name);
	k = strmap_get(&w->index, path);
	if (k == STRMAP_NONE)
		k = add_folder(w, path, parent, w->v[parent].depth + 1);
	else
		free(path);
	w->v[k].seen = w->look;
	if (!w->v[k].live || w->v[k].scanned != w->look) {
		/* Back after it went: its old watch went with it. */
		if (!w->v[k].live)
			w->v[k].wd = -1;
		to_read(w, k);
	}
}

/* The name `name` and what stat(2) says of `path` into `h`: 0, or -1
 * (hashed as missing). */
static int hash_named(struct hash *h, const char *name, const char *path, struct stat *st)
{
	hash_str(h, name);
	if (stat(path, st) < 0) {
		hash_str(h, "(missing)");
		return -1;
	}
	hash_stat(h, st);
	return 0;
}

/* The term of the site folder: the inputs at its top only. */
static void read_top(struct watch *w, struct hash *h)
{
	buf path = BUF_INIT;
	struct stat st;

	for (size_t i = 0; i < sizeof(WATCHED) / sizeof(WATCHED[0]); i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", w->site, WATCHED[i]);
		if (hash_named(h, WATCHED[i], path.data, &st) == 0 && S_ISDIR(st.st_mode))
			found(w, 0, WATCHED[i]);
	}
	buf_free(&path);
}

/* The term of folder `k` at `abs`: its entries in name order. */
static void read_entries(struct watch *w, size_t k, const char *abs, struct hash *h)
{
	struct dirent **names;
	struct stat dir, st;
	int n = stat(abs, &dir) == 0 ? scandir(abs, &names, NULL, by_name) : -1;
	long long seen = 0;
	buf path = BUF_INIT;

	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;

		/* "." and ".." are hidden too. */
		if (!ignored(name) && !is_output(&w->skip, &dir, name)) {
			seen++;
			buf_reset(&path);
			buf_printf(&path, "%s/%s", abs, name);
			if (hash_named(h, name, path.data, &st) == 0 && S_ISDIR(st.st_mode) &&
			    w->v[k].depth + 1 < MAX_DEPTH)
				found(w, k, name);
		}
		free(names[i]);
	}
	if (n >= 0)
		free(names);
	hash_num(h, n < 0 ? -1 : seen);
	buf_free(&path);
}

/* Reads folder `k` again: its term replaces the old one; it is watched
 * from now on. */
static void read_folder(struct watch *w, size_t k)
{
	struct hash h;
	buf abs = BUF_INIT;
	int wd;

	w->v[k].scanned = w->look;
	buf_puts(&abs, w->site);
	if (w->v[k].path[0])
		buf_printf(&abs, "/%s", w->v[k].path);
	hash_init(&h);
	hash_str(&h, w->v[k].path);
	if (k == 0)
		read_top(w, &h);
	else
		read_entries(w, k, abs.data, &h);
	drop(w, k);
	w->v[k].term = hash_final(&h);
	w->v[k].live = 1;
	sum_add(w, w->v[k].term, 1);
	/* Watched after it was read: a change in between is told as well,
	 * and read again next time. */
	if (w->notify && w->v[k].wd < 0 && (wd = watch_notify_add(w->notify, abs.data)) != -1) {
		w->v[k].wd = wd;
		if (wd == -2) { /* no watches left: every look is whole */
			watch_notify_close(w->notify);
			w->notify = NULL;
		}
	}
	buf_free(&abs);
}

/* Reads the folders to read, and those they turn up; then forgets the
 * folders gone from a folder read, and everything below them (a child's
 * index is past its parent's). */
static void settle(struct watch *w)
{
	while (w->ntodo > 0)
		read_folder(w, w->todo[--w->ntodo]);
	for (size_t i = 1; i < w->n; i++) {
		const struct folder *p = &w->v[w->v[i].parent];

		if (w->v[i].live && (!p->live || (p->scanned == w->look && w->v[i].seen != w->look)))
			drop(w, i);
	}
}

static void forget_all(struct watch *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i].path);
	w->n = 0;
	strmap_free(&w->index);
	memset(&w->sum, 0, sizeof(w->sum));
}

/* Every folder read, from the site folder down. */
static void look_whole(struct watch *w)
{
	double start = seconds();

	forget_all(w);
	to_read(w, add_folder(w, xstrdup(""), 0, -1));
	settle(w);
	w->full_end = seconds();
	w->full_cost = w->full_end - start;
}

/* The folders inotify named, read again; 0, or -1 when it lost count. */
static int look_changed(struct watch *w)
{
	long n = watch_notify_changed(w->notify, ignored);

	if (n < 0)
		return -1;
	for (size_t i = 0; n > 0 && i < w->n; i++) {
		if (w->v[i].live && w->v[i].wd >= 0 && watch_notify_named(w->notify, w->v[i].wd))
			to_read(w, i);
	}
	settle(w);
	return 0;
}

struct watch *watch_open(const char *site_dir, const char *out_dir, int notify)
{
	struct watch *w = xcalloc(1, sizeof(*w));

	w->site = xstrdup(site_dir);
	w->out = xstrdup(out_dir);
	skip_init(&w->skip, out_dir);
	w->notify = notify ? watch_notify_open() : NULL;
	w->look = 1;
	look_whole(w);
	return w;
}

struct hash_value watch_poll(struct watch *w, int full)
{
	w->look++;
	/* Looked up on every tick: the first build may make the folder that
	 * holds the output. */
	buf_free(&w->skip.name);
	skip_init(&w->skip, w->out);
	if (full || w->notify == NULL || look_changed(w) < 0)
		look_whole(w);
	return w->sum;
}

int watch_full_due(const struct watch *w)
{
	return w->notify == NULL || seconds() >= w->full_end + (FULL_EVERY - 1) * w->full_cost;
}

int watch_notifies(const struct watch *w)
{
	return w->notify != NULL;
}

void watch_close(struct watch *w)
{
	if (w == NULL)
		return;
	forget_all(w);
	free(w->v);
	free(w->todo);
	watch_notify_close(w->notify);
	buf_free(&w->skip.name);
	free(w->out);
	free(w->site);
	free(w);
}

struct hash_value watch_fingerprint(const char *site_dir, const char *out_dir)
{
	struct watch *w = watch_open(site_dir, out_dir, 0);
	struct hash_value v = w->sum;

	watch_close(w);
	return v;
}

int watch_same(struct hash_value a, struct hash_value b)
{
	return a.hi == b.hi && a.lo == b.lo;
}
