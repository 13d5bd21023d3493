#include "cli/watch.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/buf.h"

/* Deep enough for any site; stops a symbolic link loop. */
enum { MAX_DEPTH = 32 };

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

static void hash_entry(struct hash *h, const struct skip *k, buf *path, int depth);

/* The entries of the folder at `path` in name order; `path` is restored. */
static void hash_folder(struct hash *h, const struct skip *k, buf *path,
			const struct stat *dir, int depth)
{
	struct dirent **names;
	int n = scandir(path->data, &names, NULL, by_name);
	size_t len = path->len;
	long long seen = 0;

	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;

		if (!ignored(name) && !is_output(k, dir, name)) {
			seen++;
			buf_printf(path, "/%s", name);
			hash_str(h, name);
			hash_entry(h, k, path, depth + 1);
			buf_truncate(path, len);
		}
		free(names[i]);
	}
	if (n >= 0)
		free(names);
	/* Closes the folder: what follows it is not taken for its contents. */
	hash_num(h, n < 0 ? -1 : seen);
}

static void hash_entry(struct hash *h, const struct skip *k, buf *path, int depth)
{
	struct stat st;

	if (stat(path->data, &st) < 0) {
		hash_str(h, "(missing)");
		return;
	}
	hash_stat(h, &st);
	if (S_ISDIR(st.st_mode) && depth < MAX_DEPTH)
		hash_folder(h, k, path, &st, depth);
}

struct hash_value watch_fingerprint(const char *site_dir, const char *out_dir)
{
	struct hash h;
	struct skip k;
	buf path = BUF_INIT;

	/* Looked up on every tick: the first build may make the folder that
	 * holds the output. */
	skip_init(&k, out_dir);
	hash_init(&h);
	for (size_t i = 0; i < sizeof(WATCHED) / sizeof(WATCHED[0]); i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", site_dir, WATCHED[i]);
		hash_str(&h, WATCHED[i]);
		hash_entry(&h, &k, &path, 0);
	}
	buf_free(&path);
	buf_free(&k.name);
	return hash_final(&h);
}

int watch_same(struct hash_value a, struct hash_value b)
{
	return a.hi == b.hi && a.lo == b.lo;
}
