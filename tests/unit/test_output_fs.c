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

#include "write/output_fs.h"
#include "scratch.h"
#include "test.h"
#include "util/strmap.h"


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
static void test_only_listed(void)
{
	strmap listed = STRMAP_INIT;
	int fd;

	CHECK_INT(mkdir(at("spare"), 0755), 0);
	CHECK_INT(mkdir(at("spare/communities"), 0755), 0);
	CHECK_INT(mkdir(at("spare/communities/a"), 0755), 0);
	make_file("spare/index.html");
	make_file("spare/communities/a/index.html");
	make_file("spare/.gongshi-manifest");
	strmap_put(&listed, "index.html", 0);
	strmap_put(&listed, "communities/a/index.html", 1);
	fd = open(at("spare"), O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0);
	CHECK_INT(output_fs_only_listed(fd, &listed, ".gongshi-manifest"), 1);
	/* Not listed: the manifest's name deeper down, a stray file. */
	make_file("spare/communities/.gongshi-manifest");
	CHECK_INT(output_fs_only_listed(fd, &listed, ".gongshi-manifest"), 0);
	unlink(at("spare/communities/.gongshi-manifest"));
	/* A link, even to a listed path's folder. */
	CHECK_INT(link_to("victim", "spare/communities/b"), 0);
	CHECK_INT(output_fs_only_listed(fd, &listed, ".gongshi-manifest"), 0);
	unlink(at("spare/communities/b"));
	/* An empty folder. */
	CHECK_INT(mkdir(at("spare/communities/c"), 0755), 0);
	CHECK_INT(output_fs_only_listed(fd, &listed, ".gongshi-manifest"), 0);
	rmdir(at("spare/communities/c"));
	CHECK_INT(output_fs_only_listed(fd, &listed, ".gongshi-manifest"), 1);
	if (fd >= 0)
		close(fd);
	strmap_free(&listed);
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
	CHECK(exists("victim/file.txt"));
	output_fs_remove_path(scratch_root);
	return test_done();
}
