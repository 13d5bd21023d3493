/* gongshi init DIR: a new site to fill in, made whole or not at all.
 *
 * The files are written into a hidden temporary folder first and moved into
 * place at the end, so a full disk or a missing permission leaves nothing
 * behind but the message.  When DIR does not exist the temporary folder is
 * its sibling and one rename(2) puts the site in place.  When DIR is an
 * existing empty folder it is kept (it may be the current directory of the
 * very shell that runs `gongshi init .`, or carry owner and mode someone
 * chose), the temporary folder goes inside it and its few top-level
 * entries are renamed up one by one. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "write/output_owner.h"
#include "cli/commands.h"
#include "cli/init_files.h"
#include "load/date.h"
#include "util/buf.h"
#include "util/errtext.h"
#include "util/xalloc.h"

/* What was made under the temporary folder, in order, so that a failure
 * removes exactly that.  Folders end in '/'. */
struct made {
	char **paths;
	size_t n, cap;
};

enum target { TARGET_MISSING, TARGET_EMPTY, TARGET_BAD };

static void made_add(struct made *m, char *path)
{
	m->paths = xgrow(m->paths, &m->cap, m->n + 1, sizeof(*m->paths));
	m->paths[m->n++] = path;
}

static int made_has(const struct made *m, const char *path)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->paths[i], path) == 0)
			return 1;
	return 0;
}

static void made_free(struct made *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->paths[i]);
	free(m->paths);
}

/* Whether DIR may become the site; anything already there is refused,
 * on stderr, so that no one's work is overwritten. */
static enum target classify(const char *dir)
{
	struct stat st;
	int empty;

	if (lstat(dir, &st) < 0) {
		if (errno == ENOENT)
			return TARGET_MISSING;
		fprintf(stderr, "gongshi: 无法访问“%s”：%s\n", dir, errtext_of(errno));
		return TARGET_BAD;
	}
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "gongshi: “%s”已存在，而且不是目录：不会覆盖它，请换一个新的目录名\n", dir);
		return TARGET_BAD;
	}
	/* The rule a build applies to a folder it did not make. */
	empty = output_owner_dir_empty(dir);
	if (empty < 0) {
		fprintf(stderr, "gongshi: 无法读取目录“%s”：%s\n", dir, errtext_of(errno));
		return TARGET_BAD;
	}
	if (!empty) {
		fprintf(stderr, "gongshi: 目录“%s”已存在且不是空的：不会覆盖其中的文件，"
			"请换一个新的目录名或空目录\n", dir);
		return TARGET_BAD;
	}
	return TARGET_EMPTY;
}

/* Makes a fresh folder named `prefix` + a number into `out`; the mode
 * follows the umask like any folder the user makes. */
static int make_temp_dir(buf *out, const char *prefix)
{
	for (unsigned k = 0; k < 1000; k++) {
		buf_reset(out);
		buf_printf(out, "%s%ld-%u", prefix, (long)getpid(), k);
		if (mkdir(buf_cstr(out), 0777) == 0)
			return 0;
		if (errno != EEXIST)
			return -1;
	}
	errno = EEXIST;
	return -1;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int write_file(const char *path, const buf *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
	int saved;

	if (fd < 0)
		return -1;
	if (write_all(fd, text->data, text->len) < 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return close(fd);
}

/* Makes the folders above `rel` that are not made yet. */
static int make_parents(const char *tmp, const char *rel, struct made *m,
			buf *path)
{
	for (const char *slash = strchr(rel, '/'); slash; slash = strchr(slash + 1, '/')) {
		char *dir = xstrndup(rel, (size_t)(slash - rel) + 1);

		if (made_has(m, dir)) {
			free(dir);
			continue;
		}
		buf_reset(path);
		buf_printf(path, "%s/%s", tmp, dir);
		if (mkdir(buf_cstr(path), 0777) < 0) {
			int saved = errno;

			free(dir);
			errno = saved;
			return -1;
		}
		made_add(m, dir);
	}
	return 0;
}

/* Writes every file of a new site under `tmp`; on failure says which one
 * (by its final name under `dir`) and returns -1, what was made recorded
 * in `m` for removal. */
static int write_tree(const char *tmp, const char *dir, struct made *m)
{
	struct init_file *files;
	size_t n = init_files(&files, date_today());
	buf path = BUF_INIT;
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) {
		if (make_parents(tmp, files[i].path, m, &path) == 0) {
			buf_reset(&path);
			buf_printf(&path, "%s/%s", tmp, files[i].path);
			int failed = write_file(buf_cstr(&path), &files[i].text);
			int saved = errno;

			/* Listed even when the write failed half-way, so that
			 * the removal takes the partial file too. */
			made_add(m, xstrdup(files[i].path));
			if (failed == 0)
				continue;
			errno = saved;
		}
		fprintf(stderr, "gongshi: 无法写入“%s/%s”：%s\n", dir, files[i].path,
			errtext_of(errno));
		rc = -1;
	}
	buf_free(&path);
	init_files_free(files, n);
	return rc;
}

/* Removes what `m` lists under `tmp`, newest first, then `tmp`. */
static void remove_tree(const char *tmp, const struct made *m)
{
	buf path = BUF_INIT;

	for (size_t i = m->n; i-- > 0;) {
		const char *p = m->paths[i];
		size_t len = strlen(p);

		buf_reset(&path);
		buf_printf(&path, "%s/%s", tmp, p);
		if (len && p[len - 1] == '/')
			rmdir(buf_cstr(&path));
		else
			unlink(buf_cstr(&path));
	}
	rmdir(tmp);
	buf_free(&path);
}

/* The top-level entries of the tree: "site.yaml", "data/", … */
static int is_top_level(const char *p)
{
	const char *slash = strchr(p, '/');

	return slash == NULL || slash[1] == '\0';
}

/* `name` inside `tmp` and inside `dir`. */
static void entry_paths(buf *from, buf *to, const char *tmp, const char *dir, const char *name)
{
	buf_reset(from);
	buf_reset(to);
	buf_printf(from, "%s/%s", tmp, name);
	buf_printf(to, "%s/%s", dir, name);
}

/* Moves the top-level entries from `tmp` into the empty folder `dir`;
 * on failure moves back those already moved. */
static int move_up(const char *tmp, const char *dir, const struct made *m)
{
	buf from = BUF_INIT, to = BUF_INIT;
	size_t i;
	int rc = 0;
	struct stat st;

	for (i = 0; i < m->n; i++) {
		if (!is_top_level(m->paths[i]))
			continue;
		entry_paths(&from, &to, tmp, dir, m->paths[i]);
		/* Someone may have put something there since the check. */
		if (lstat(buf_cstr(&to), &st) == 0)
			errno = EEXIST;
		else if (rename(from.data, to.data) == 0)
			continue;
		fprintf(stderr, "gongshi: 无法新建“%s”：%s\n", to.data, errtext_of(errno));
		rc = -1;
		break;
	}
	while (rc < 0 && i-- > 0) {
		if (!is_top_level(m->paths[i]))
			continue;
		entry_paths(&from, &to, tmp, dir, m->paths[i]);
		rename(to.data, from.data);
	}
	buf_free(&from);
	buf_free(&to);
	return rc;
}

/* DIR without trailing slashes ("/" stays "/"), split into its parent
 * folder and last name; all three owned by the caller. */
static void split_dir(const char *dir, char **clean, char **parent, char **base)
{
	size_t n = strlen(dir);
	char *slash;

	while (n > 1 && dir[n - 1] == '/')
		n--;
	*clean = xstrndup(dir, n);
	slash = strrchr(*clean, '/');
	if (slash == NULL) {
		*parent = xstrdup(".");
		*base = xstrdup(*clean);
	} else {
		*parent = slash == *clean ? xstrdup("/") : xstrndup(*clean, (size_t)(slash - *clean));
		*base = xstrdup(slash + 1);
	}
}

/* Makes the site at `dir` (missing or empty, as `t` says); 0 or -1. */
static int create_site(const char *dir, enum target t)
{
	char *clean, *parent, *base;
	buf prefix = BUF_INIT, tmp = BUF_INIT;
	struct made m = { NULL, 0, 0 };
	int rc = -1;

	split_dir(dir, &clean, &parent, &base);
	if (t == TARGET_MISSING)
		buf_printf(&prefix, "%s/.%s.gongshi-init-", parent, base);
	else
		buf_printf(&prefix, "%s/.gongshi-init-", clean);
	if (make_temp_dir(&tmp, buf_cstr(&prefix)) < 0) {
		if (errno == ENOENT)
			fprintf(stderr, "gongshi: 无法新建“%s”：上级目录“%s”不存在\n", dir, parent);
		else
			fprintf(stderr, "gongshi: 无法新建“%s”：%s\n", dir, errtext_of(errno));
		goto out;
	}
	if (write_tree(buf_cstr(&tmp), clean, &m) < 0) {
		remove_tree(tmp.data, &m);
		goto out;
	}
	if (t == TARGET_EMPTY) {
		rc = move_up(tmp.data, clean, &m);
		if (rc == 0)
			rmdir(tmp.data);
		else
			remove_tree(tmp.data, &m);
	} else if (rename(tmp.data, clean) == 0) {
		rc = 0;
	} else {
		fprintf(stderr, "gongshi: 无法新建“%s”：%s\n", dir, errtext_of(errno));
		remove_tree(tmp.data, &m);
	}
out:
	made_free(&m);
	buf_free(&prefix);
	buf_free(&tmp);
	free(clean);
	free(parent);
	free(base);
	return rc;
}

/* `dir` as it can be pasted into a shell: quoted when it has characters
 * the shell would read. */
static void shell_word(buf *out, const char *dir)
{
	if (*dir && strpbrk(dir, " \t\n'\"$`\\!*?[](){}<>|&;#~") == NULL) {
		buf_puts(out, dir);
		return;
	}
	buf_putc(out, '\'');
	for (const char *p = dir; *p; p++) {
		if (*p == '\'')
			buf_puts(out, "'\\''");
		else
			buf_putc(out, *p);
	}
	buf_putc(out, '\'');
}

static void print_next_steps(const char *dir)
{
	buf w = BUF_INIT;
	const char *d;
	size_t n = strlen(dir);
	const char *sep = n && dir[n - 1] == '/' ? "" : "/";

	shell_word(&w, dir);
	d = buf_cstr(&w);
	printf("已新建站点目录“%s”。接下来：\n"
	       "  1. 阅读 %s%s使用说明.txt，填写 site.yaml 和 data 目录下的表格（用 Excel 或 WPS 打开，保存为 CSV）；\n"
	       "  2. 检查数据：gongshi check %s\n"
	       "  3. 本机预览：gongshi serve %s\n"
	       "  4. 生成网站和 PDF 公示：gongshi build %s（结果在 %s%spublic 目录）\n",
	       dir, dir, sep, d, d, d, dir, sep);
	buf_free(&w);
}

int command_init(const struct options *o)
{
	enum target t;

	if (!o->site_given || *o->site_dir == '\0') {
		fputs("gongshi: init 需要一个目录名，如：gongshi init mysite\n"
		      "运行 gongshi --help 查看用法。\n", stderr);
		return EXIT_IO;
	}
	t = classify(o->site_dir);
	if (t == TARGET_BAD)
		return EXIT_IO;
	if (create_site(o->site_dir, t) < 0)
		return EXIT_IO;
	if (!o->quiet)
		print_next_steps(o->site_dir);
	return EXIT_OK;
}
