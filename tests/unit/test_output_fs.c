/* output_fs: files beneath a folder never through a link or "..": opens
 * and folder making refuse a planted link, removal removes a link as a
 * link, and the spare check tells a folder of listed files from one with
 * anything else in it.  Each case has a victim folder outside that must
 * stay as it was. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "write/folder_stamps.h"
#include "write/output_fs.h"
#include "write/spare_check.h"
#include "scratch.h"
#include "test.h"
#include "util/buf.h"
#include "util/xalloc.h"


/* A link at `rel` to the absolute path of `target` (at()'s buffer is
 * one at a time). */
static int link_to(const char *target, const char *rel)
{
	char abs[512];

	snprintf(abs, sizeof(abs), "%s", at(target));
	return symlink(abs, at(rel));
}

static int exists(const char *rel)
{
	struct stat st;

	return lstat(at(rel), &st) == 0;
}

/* A link in the way: no open, no folder, no write reaches the victim. */
static void test_no_follow(int out)
{
	const char *base;
	int fd;

	CHECK_INT(link_to("victim", "out/evil"), 0);
	errno = 0;
	fd = output_fs_open(out, "evil/file.txt", O_RDONLY, 0);
	CHECK(fd < 0 && (errno == ELOOP || errno == ENOTDIR || errno == EXDEV));
	fd = output_fs_open(out, "evil/new.html", O_WRONLY | O_CREAT | O_EXCL, 0644);
	CHECK(fd < 0);
	CHECK(!exists("victim/new.html"));
	CHECK(output_fs_make_parent(out, "evil/sub/x.html") < 0);
	CHECK(!exists("victim/sub"));
	fd = output_fs_parent(out, "evil/deeper/x.html", 1, &base);
	CHECK(fd < 0);
	CHECK(!exists("victim/deeper"));
	/* The last component a link: not opened either. */
	CHECK_INT(link_to("victim/file.txt", "out/page.html"), 0);
	CHECK(output_fs_open(out, "page.html", O_RDONLY, 0) < 0);
	/* No way out by "..". */
	CHECK(output_fs_open(out, "../victim/file.txt", O_RDONLY, 0) < 0);
	/* A real path still works, and a folder is made for it. */
	fd = output_fs_parent(out, "communities/a/index.html", 1, &base);
	CHECK(fd >= 0);
	CHECK_STR(base, "index.html");
	if (fd >= 0)
		close(fd);
	CHECK(exists("out/communities/a"));
	CHECK_INT(output_fs_make_parent(out, "communities/b/index.html"), 0);
	CHECK(exists("out/communities/b"));
}

/* Removal: the links go, their targets stay. */
static void test_remove(void)
{
	CHECK_INT(output_fs_remove_path(at("out")), 0);
	CHECK(!exists("out"));
	CHECK(exists("victim/file.txt"));
	CHECK(exists("victim"));
	CHECK_INT(output_fs_remove_path(at("missing")), 0);
}

/* The spare check. */
static const char *const also[] = { ".gongshi-manifest", NULL };

/* Lists `path` (as a manifest's line does). */
static void add(struct listing *l, const char *path)
{
	int added;

	listing_add(l, path, strlen(path), &added);
}

static void test_only_listed(void)
{
	struct listing listed = LISTING_INIT;
	int fd;

	CHECK_INT(mkdir(at("spare"), 0755), 0);
	CHECK_INT(mkdir(at("spare/communities"), 0755), 0);
	CHECK_INT(mkdir(at("spare/communities/a"), 0755), 0);
	make_file("spare/index.html");
	make_file("spare/communities/a/index.html");
	make_file("spare/.gongshi-manifest");
	add(&listed, "index.html");
	add(&listed, "communities/a/index.html");
	fd = open(at("spare"), O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0);
	CHECK_INT(spare_check(fd, &listed, also, NULL, NULL), 1);
	/* Not listed: the manifest's name deeper down, a stray file. */
	make_file("spare/communities/.gongshi-manifest");
	CHECK_INT(spare_check(fd, &listed, also, NULL, NULL), 0);
	unlink(at("spare/communities/.gongshi-manifest"));
	/* A link, even to a listed path's folder. */
	CHECK_INT(link_to("victim", "spare/communities/b"), 0);
	CHECK_INT(spare_check(fd, &listed, also, NULL, NULL), 0);
	unlink(at("spare/communities/b"));
	/* An empty folder. */
	CHECK_INT(mkdir(at("spare/communities/c"), 0755), 0);
	CHECK_INT(spare_check(fd, &listed, also, NULL, NULL), 0);
	rmdir(at("spare/communities/c"));
	CHECK_INT(spare_check(fd, &listed, also, NULL, NULL), 1);
	if (fd >= 0)
		close(fd);
	listing_free(&listed);
}

#define MAGIC FOLDER_STAMPS_MAGIC "0123 "

static const char *nth(void *ctx, size_t i)
{
	return ((const char *const *)ctx)[i];
}

/* The record of "spare"'s folders, made now and read back. */
static void record(struct folder_stamps *s, const char *const *paths, size_t n)
{
	struct folder_stamps_files f = { n, nth, NULL, (void *)paths };
	buf text = BUF_INIT;
	int fd = open(at("spare"), O_RDONLY | O_DIRECTORY);

	folder_stamps_make(fd, &f, NULL, MAGIC, &text);
	close(fd);
	CHECK_INT(folder_stamps_parse(s, buf_detach(&text), MAGIC), 0);
}

static unsigned long long size_of(void *ctx, size_t i)
{
	(void)ctx;
	return i == 0 ? 1234 : 0;
}

/* The text of a stamp and of a record's line, exactly as printf's
 * "%016llx%08lx%016llx" and "STAMP %016llx SIZES PATH" give them. */
static void test_stamp_text(void)
{
	static const char *const paths[] = { "c/a.html", "c/b.html" };
	struct folder_stamps_files f = { 2, nth, size_of, (void *)paths };
	struct stat st;
	char got[FOLDER_STAMP_LEN + 1], want[128];
	buf text = BUF_INIT;
	int fd;

	memset(&st, 0, sizeof(st));
	st.st_ctim.tv_sec = 0x6b1736a6;
	st.st_ctim.tv_nsec = 999999999;
	st.st_ino = (ino_t)0xfedcba9876543210ull;
	folder_stamps_of(&st, got);
	snprintf(want, sizeof(want), "%016llx%08lx%016llx", 0x6b1736a6ull, 999999999ul,
		 (unsigned long long)st.st_ino);
	CHECK_STR(got, want);
	CHECK_INT(mkdir(at("spare/c"), 0755), 0);
	fd = open(at("spare"), O_RDONLY | O_DIRECTORY);
	folder_stamps_make(fd, &f, NULL, MAGIC, &text);
	close(fd);
	CHECK_INT(lstat(at("spare/c"), &st), 0);
	folder_stamps_of(&st, got);
	snprintf(want, sizeof(want), "%s1\n%s %016llx 1234,0 c/\n", MAGIC, got,
		 folder_stamps_name_hash("a.html") + folder_stamps_name_hash("b.html"));
	CHECK_STR(text.data, want);
	rmdir(at("spare/c"));
	buf_free(&text);
}

/* A folder gone before its record is made ("c/d/"): it and the folder
 * holding it are left out, the header counts the one left. */
static void test_stamps_gone(void)
{
	static const char *const gone[] = { "c/a.html", "c/d/x.html", "e/y.html" };
	struct folder_stamps_files g = { 3, nth, size_of, (void *)gone };
	char e[FOLDER_STAMP_LEN + 1], want[128];
	buf text = BUF_INIT;
	struct stat st;
	int fd;

	CHECK_INT(mkdir(at("spare/c"), 0755), 0);
	CHECK_INT(mkdir(at("spare/e"), 0755), 0);
	fd = open(at("spare"), O_RDONLY | O_DIRECTORY);
	CHECK_INT(folder_stamps_make(fd, &g, NULL, MAGIC, &text), 1);
	close(fd);
	CHECK_INT(lstat(at("spare/e"), &st), 0);
	folder_stamps_of(&st, e);
	snprintf(want, sizeof(want), "%s1\n%s %016llx 0 e/\n", MAGIC, e,
		 folder_stamps_name_hash("y.html"));
	CHECK_STR(text.data, want);
	rmdir(at("spare/e"));
	rmdir(at("spare/c"));
	buf_free(&text);
}

/* The check with the record `s`: its result, the folders it read. */
static int check_with(const struct listing *listed, const struct folder_stamps *s, size_t *read)
{
	struct spare_check_counts n = { 0, 0, NULL };
	int fd = open(at("spare"), O_RDONLY | O_DIRECTORY), rc;

	rc = spare_check(fd, listed, also, s, &n);
	close(fd);
	*read = n.read;
	return rc;
}

/* The record's round trip: a line per folder above the files, sorted,
 * with the folder's stamp; defects refuse it whole. */
static void test_stamps_round_trip(void)
{
	static const char *const paths[] = { "communities/a/index.html",
		"communities/a/photos/1.jpg", "communities/b/index.html", "index.html" };
	struct folder_stamps s;
	char stamp[FOLDER_STAMP_LEN + 1], *text;
	struct stat st;

	CHECK_INT(mkdir(at("spare/communities/a/photos"), 0755), 0);
	CHECK_INT(mkdir(at("spare/communities/b"), 0755), 0);
	record(&s, paths, 4);
	CHECK_INT((int)s.n, 4);
	if (s.n == 4) {
		CHECK_STR(s.path[0], "communities/");
		CHECK_STR(s.path[1], "communities/a/");
		CHECK_STR(s.path[2], "communities/a/photos/");
		CHECK_STR(s.path[3], "communities/b/");
		CHECK_INT((int)s.children[0], 2);
		CHECK_INT((int)s.children[1], 1);
		CHECK_INT(lstat(at("spare/communities/a/photos"), &st), 0);
		folder_stamps_of(&st, stamp);
		CHECK_STR(s.stamp[2], stamp);
	}
	folder_stamps_free(&s);
	/* Another program's, a count that does not match, a parent not
	 * recorded, out of order, a way out: refused, nothing kept. */
	text = xstrdup(FOLDER_STAMPS_MAGIC "4567 1\n0000000000000000000000000000000000000001 0000000000000000 - a/\n");
	CHECK_INT(folder_stamps_parse(&s, text, MAGIC), -1);
	CHECK_INT((int)s.n, 0);
	text = xstrdup(MAGIC "2\n0000000000000000000000000000000000000001 0000000000000000 - a/\n");
	CHECK_INT(folder_stamps_parse(&s, text, MAGIC), -1);
	text = xstrdup(MAGIC "1\n0000000000000000000000000000000000000001 0000000000000000 - a/b/\n");
	CHECK_INT(folder_stamps_parse(&s, text, MAGIC), -1);
	text = xstrdup(MAGIC "2\n0000000000000000000000000000000000000001 0000000000000000 - b/\n"
		       "0000000000000000000000000000000000000002 0000000000000000 - a/\n");
	CHECK_INT(folder_stamps_parse(&s, text, MAGIC), -1);
	text = xstrdup(MAGIC "1\n0000000000000000000000000000000000000001 0000000000000000 - ../\n");
	CHECK_INT(folder_stamps_parse(&s, text, MAGIC), -1);
	text = xstrdup(MAGIC "1\n0000000000000000000000000000000000000001 0000000000000000 - a/\n");
	CHECK_INT(folder_stamps_parse(&s, text, MAGIC), 0);
	CHECK_INT((int)s.n, 1);
	folder_stamps_free(&s);
}

/* The trusted check: unchanged folders are not read; a plant anywhere,
 * a folder others may write, a record that does not match: read. */
static void test_trusted(void)
{
	static const char *const paths[] = { "communities/a/index.html",
		"communities/a/photos/1.jpg", "communities/b/index.html", "index.html" };
	struct listing listed = LISTING_INIT;
	struct folder_stamps s;
	size_t read;

	make_file("spare/communities/a/photos/1.jpg");
	make_file("spare/communities/b/index.html");
	for (size_t i = 0; i < 4; i++)
		add(&listed, paths[i]);
	record(&s, paths, 4);
	CHECK_INT(check_with(&listed, &s, &read), 1);
	CHECK_INT((int)read, 1); /* the root only */
	CHECK_INT(check_with(&listed, NULL, &read), 1);
	CHECK_INT((int)read, 5);
	/* Planted deep: its folder changed, read, found. */
	make_file("spare/communities/a/photos/evil.html");
	CHECK_INT(check_with(&listed, &s, &read), 0);
	unlink(at("spare/communities/a/photos/evil.html"));
	CHECK_INT(check_with(&listed, &s, &read), 1);
	CHECK(read >= 2);
	folder_stamps_free(&s);
	record(&s, paths, 4);
	/* A link planted beside a file. */
	CHECK_INT(link_to("victim", "spare/communities/b/photos"), 0);
	CHECK_INT(check_with(&listed, &s, &read), 0);
	unlink(at("spare/communities/b/photos"));
	folder_stamps_free(&s);
	record(&s, paths, 4);
	/* Others may write it: read, though unchanged since. */
	chmod(at("spare/communities/b"), 0775);
	folder_stamps_free(&s);
	record(&s, paths, 4);
	CHECK_INT(check_with(&listed, &s, &read), 1);
	CHECK_INT((int)read, 2);
	make_file("spare/communities/b/evil.html");
	CHECK_INT(check_with(&listed, &s, &read), 0);
	unlink(at("spare/communities/b/evil.html"));
	chmod(at("spare/communities/b"), 0755);
	folder_stamps_free(&s);
	/* A record that lacks a folder (b/, holding a stray file): its
	 * parent's link count says it has two subfolders, not one, so the
	 * parent is read and the stray found. */
	make_file("spare/communities/b/stray.html");
	record(&s, paths, 2);
	CHECK_INT(check_with(&listed, &s, &read), 0);
	folder_stamps_free(&s);
	unlink(at("spare/communities/b/stray.html"));
	/* A record altered: that folder read, the rest trusted. */
	record(&s, paths, 4);
	if (s.n == 4)
		((char *)s.stamp[3])[0] ^= 1;
	CHECK_INT(check_with(&listed, &s, &read), 1);
	CHECK_INT((int)read, 2);
	folder_stamps_free(&s);
	listing_free(&listed);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	int out;

	snprintf(scratch_root, sizeof(scratch_root), "%s/test_output_fs-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(scratch_root) == NULL) {
		perror(scratch_root);
		return 1;
	}
	CHECK_INT(mkdir(at("victim"), 0755), 0);
	make_file("victim/file.txt");
	CHECK_INT(mkdir(at("out"), 0755), 0);
	out = open(at("out"), O_RDONLY | O_DIRECTORY);
	CHECK(out >= 0);
	test_no_follow(out);
	close(out);
	test_remove();
	test_only_listed();
	test_stamps_round_trip();
	test_stamp_text();
	test_stamps_gone();
	test_trusted();
	CHECK(exists("victim/file.txt"));
	output_fs_remove_path(scratch_root);
	return test_done();
}
