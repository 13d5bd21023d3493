/* spare_sizes: which files of the spare a build keeps without looking
 * at them (write/spare_sizes.h).  A file gets its size from the record
 * only in a folder the check trusted (spare_check's trusted_folders)
 * whose record names exactly the files the manifest lists there: not at
 * the top, not in a folder changed since (read whole), not in one that
 * holds fewer files than listed (a spare `gongshi serve` stopped making
 * early), nor where the names or their order differ.  The record's
 * format 2 (NAMES, SIZES) round trip is checked too. */
#define _XOPEN_SOURCE 700
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "write/folder_stamps.h"
#include "write/output_fs.h"
#include "write/spare_check.h"
#include "write/spare_sizes.h"
#include "scratch.h"
#include "test.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define MAGIC FOLDER_STAMPS_MAGIC "0123 "

static const char *const also[] = { ".gongshi-manifest", NULL };

/* The files of the spare, sorted as a manifest is; the size of each is
 * 100 + its index (the files made hold "x\n": the record's sizes are
 * what the build counted, not looked at again). */
static const char *const files[] = {
	"c/a/index.html",   "c/a/p/1.jpg",	 "c/a/p/2.jpg", "c/a/z.html",
	"c/b/index.html",   "index.html",
};
#define NFILES (sizeof(files) / sizeof(files[0]))

static unsigned long long size_of(void *ctx, size_t i)
{
	const char *const *paths = ctx;

	for (size_t k = 0; k < NFILES; k++)
		if (strcmp(files[k], paths[i]) == 0)
			return 100 + k;
	return FOLDER_STAMPS_NO_SIZE;
}

static const char *nth(void *ctx, size_t i)
{
	return ((const char *const *)ctx)[i];
}

/* The record of the spare's folders holding `paths` (`n`, sorted). */
static void record(struct folder_stamps *s, const char *const *paths, size_t n)
{
	struct folder_stamps_files f = { n, nth, size_of, (void *)paths };
	buf text = BUF_INIT;
	int fd = open(at("spare"), O_RDONLY | O_DIRECTORY);

	folder_stamps_make(fd, &f, NULL, MAGIC, &text);
	close(fd);
	CHECK_INT(folder_stamps_parse(s, buf_detach(&text), MAGIC), 0);
}

/* The listing of `paths` (the spare's manifest). */
static void list(struct listing *l, const char *const *paths, size_t n)
{
	int added;

	listing_free(l);
	for (size_t i = 0; i < n; i++)
		listing_add(l, paths[i], strlen(paths[i]), &added);
}

/* The check of the spare with `s`, then the marking: how many files got
 * a size; *ok the check's result. */
static size_t mark(struct listing *l, const struct folder_stamps *s, int *ok)
{
	struct spare_check_counts n = { 0, 0, NULL };
	int fd = open(at("spare"), O_RDONLY | O_DIRECTORY);
	size_t given = 0;

	n.trusted_folders = xcalloc(s->n + 1, 1);
	*ok = spare_check(fd, l, also, s, &n);
	close(fd);
	if (*ok == 1)
		given = spare_sizes_mark(l, s, n.trusted_folders);
	free(n.trusted_folders);
	return given;
}

/* The size `l` gives `path`. */
static unsigned long long size_in(const struct listing *l, const char *path)
{
	size_t k = listing_find(l, path);

	return k == LISTING_NONE ? 0 : listing_size(l, k);
}

/* NAMES and SIZES: written in the names' order, read back. */
static void test_format(void)
{
	struct folder_stamps s;
	const char *cursor;
	unsigned long long size;

	record(&s, files, NFILES);
	CHECK_INT((int)s.n, 4); /* c/ c/a/ c/a/p/ c/b/ */
	if (s.n == 4) {
		CHECK_STR(s.path[1], "c/a/");
		CHECK_STR(s.sizes[0], "-");
		CHECK_STR(s.sizes[1], "100,103");
		CHECK_STR(s.sizes[2], "101,102");
		CHECK(s.names[1] == folder_stamps_name_hash("index.html") +
					    folder_stamps_name_hash("z.html"));
		cursor = s.sizes[1];
		CHECK_INT(folder_stamps_next_size(&cursor, &size), 1);
		CHECK(size == 100);
		CHECK_INT(folder_stamps_next_size(&cursor, &size), 1);
		CHECK(size == 103);
		CHECK_INT(folder_stamps_next_size(&cursor, &size), 0);
		cursor = s.sizes[0];
		CHECK_INT(folder_stamps_next_size(&cursor, &size), 0);
	}
	folder_stamps_free(&s);
	/* Sizes not known: "?"; a bad SIZES refuses the record. */
	{
		char *text = xstrdup(MAGIC "1\n0000000000000000000000000000000000000001 "
					   "0000000000000001 ?,7 a/\n");

		CHECK_INT(folder_stamps_parse(&s, text, MAGIC), 0);
		cursor = s.n ? s.sizes[0] : "";
		CHECK_INT(folder_stamps_next_size(&cursor, &size), 1);
		CHECK(size == FOLDER_STAMPS_NO_SIZE);
		CHECK_INT(folder_stamps_next_size(&cursor, &size), 1);
		CHECK(size == 7);
		folder_stamps_free(&s);
	}
	static const char *const bad[] = { "1,,2", "1?", "?1", "", "a", "-,1", "12345678901234567890" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		buf t = BUF_INIT;

		buf_printf(&t, MAGIC "1\n0000000000000000000000000000000000000001 0000000000000001 %s a/\n",
			   bad[i]);
		CHECK_INT(folder_stamps_parse(&s, buf_detach(&t), MAGIC), -1);
	}
}

static void test_mark(void)
{
	struct listing l = LISTING_INIT;
	struct folder_stamps s;
	int ok;

	/* Unchanged since recorded: every file but the top's has its size. */
	record(&s, files, NFILES);
	list(&l, files, NFILES);
	CHECK_INT((int)mark(&l, &s, &ok), 5);
	CHECK_INT(ok, 1);
	CHECK(size_in(&l, "c/a/index.html") == 100);
	CHECK(size_in(&l, "c/a/p/2.jpg") == 102);
	CHECK(size_in(&l, "c/a/z.html") == 103);
	CHECK(size_in(&l, "c/b/index.html") == 104);
	CHECK(size_in(&l, "index.html") == LISTING_NO_SIZE);

	/* A folder changed since (a file removed by hand): read whole, its
	 * files looked at (the missing one is then made again); the others
	 * still trusted. */
	unlink(at("spare/c/a/p/2.jpg"));
	list(&l, files, NFILES);
	CHECK_INT((int)mark(&l, &s, &ok), 3);
	CHECK_INT(ok, 1);
	CHECK(size_in(&l, "c/a/p/1.jpg") == LISTING_NO_SIZE);
	CHECK(size_in(&l, "c/a/p/2.jpg") == LISTING_NO_SIZE);
	CHECK(size_in(&l, "c/a/index.html") == 100);
	make_file("spare/c/a/p/2.jpg");
	folder_stamps_free(&s);

	/* A spare serve stopped making early: c/a/z.html never linked, the
	 * record made of what was; the manifest lists it all.  c/a/ is
	 * trusted, but holds fewer files than listed: none of its files is
	 * given a size (z.html would otherwise be kept, and published,
	 * though missing). */
	unlink(at("spare/c/a/z.html"));
	{
		static const char *const part[] = { "c/a/index.html", "c/a/p/1.jpg", "c/a/p/2.jpg",
						    "c/b/index.html" };

		record(&s, part, 4);
	}
	list(&l, files, NFILES);
	CHECK_INT((int)mark(&l, &s, &ok), 3);
	CHECK_INT(ok, 1);
	CHECK(size_in(&l, "c/a/z.html") == LISTING_NO_SIZE);
	CHECK(size_in(&l, "c/a/index.html") == LISTING_NO_SIZE);
	CHECK(size_in(&l, "c/a/p/1.jpg") == 101);
	folder_stamps_free(&s);
	make_file("spare/c/a/z.html");

	/* A manifest naming another file in a trusted folder (as many
	 * files, another name): its names do not match the record. */
	record(&s, files, NFILES);
	{
		static const char *const other[] = { "c/a/index.html", "c/a/p/1.jpg", "c/a/p/2.jpg",
						     "c/a/y.html", "c/b/index.html", "index.html" };

		list(&l, other, NFILES);
	}
	CHECK_INT((int)mark(&l, &s, &ok), 3);
	CHECK(size_in(&l, "c/a/y.html") == LISTING_NO_SIZE);
	/* Or the same names out of order: the sizes would go to the wrong
	 * files. */
	{
		static const char *const swapped[] = { "c/a/z.html", "c/a/index.html", "c/a/p/1.jpg",
						       "c/a/p/2.jpg", "c/b/index.html", "index.html" };

		list(&l, swapped, NFILES);
	}
	CHECK_INT((int)mark(&l, &s, &ok), 3);
	CHECK(size_in(&l, "c/a/z.html") == LISTING_NO_SIZE);
	folder_stamps_free(&s);
	listing_free(&l);
}

/* 1 + the size file `i` of `paths` is given (a file made again, one
 * byte longer). */
static unsigned long long size_plus(void *ctx, size_t i)
{
	unsigned long long size = size_of(ctx, i);

	return size == FOLDER_STAMPS_NO_SIZE ? size : size + 1;
}

/* The stamps of trusted folders carried into the next record when the
 * folder's line would be the same: not looked at again (here the folder
 * changed since, so a fresh stamp would differ: the record keeps the old
 * one, and the next check reads the folder); a folder whose SIZES differ
 * is stamped afresh. */
static void test_carry(void)
{
	struct folder_stamps_known known = FOLDER_STAMPS_KNOWN_INIT;
	struct folder_stamps_files same = { NFILES, nth, size_of, (void *)files };
	struct folder_stamps_files plus = { NFILES, nth, size_plus, (void *)files };
	struct spare_check_counts n = { 0, 0, NULL };
	struct listing l = LISTING_INIT;
	struct folder_stamps s, again;
	char fresh[FOLDER_STAMP_LEN + 1];
	struct stat st;
	buf text = BUF_INIT;
	int fd;

	record(&s, files, NFILES);
	list(&l, files, NFILES);
	n.trusted_folders = xcalloc(s.n + 1, 1);
	fd = open(at("spare"), O_RDONLY | O_DIRECTORY);
	CHECK_INT(spare_check(fd, &l, also, &s, &n), 1);
	folder_stamps_known_take(&known, &s, n.trusted_folders);
	CHECK_INT((int)known.n, 4);
	/* Both folders change (their change time moves). */
	chmod(at("spare/c/b"), 0700);
	chmod(at("spare/c/b"), 0755);
	chmod(at("spare/c/a/p"), 0700);
	chmod(at("spare/c/a/p"), 0755);
	folder_stamps_make(fd, &same, &known, MAGIC, &text);
	CHECK_INT(folder_stamps_parse(&again, buf_detach(&text), MAGIC), 0);
	CHECK_INT((int)again.n, 4);
	if (again.n == 4 && s.n == 4) {
		CHECK_STR(again.stamp[3], s.stamp[3]); /* c/b/: carried */
		CHECK_INT(lstat(at("spare/c/b"), &st), 0);
		folder_stamps_of(&st, fresh);
		CHECK(strcmp(fresh, s.stamp[3]) != 0);
	}
	folder_stamps_free(&again);
	/* Another size in c/a/p/ (and c/a/, c/b/): stamped now. */
	text = (buf)BUF_INIT;
	folder_stamps_make(fd, &plus, &known, MAGIC, &text);
	CHECK_INT(folder_stamps_parse(&again, buf_detach(&text), MAGIC), 0);
	if (again.n == 4) {
		CHECK_INT(lstat(at("spare/c/a/p"), &st), 0);
		folder_stamps_of(&st, fresh);
		CHECK_STR(again.stamp[2], fresh);
		CHECK_STR(again.stamp[0], s.stamp[0]); /* c/: no files, same line */
	}
	close(fd);
	free(n.trusted_folders);
	folder_stamps_known_free(&known);
	folder_stamps_free(&again);
	folder_stamps_free(&s);
	listing_free(&l);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(scratch_root, sizeof(scratch_root), "%s/test_spare_sizes-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(scratch_root) == NULL) {
		perror(scratch_root);
		return 1;
	}
	CHECK_INT(mkdir(at("spare"), 0755), 0);
	CHECK_INT(mkdir(at("spare/c"), 0755), 0);
	CHECK_INT(mkdir(at("spare/c/a"), 0755), 0);
	CHECK_INT(mkdir(at("spare/c/a/p"), 0755), 0);
	CHECK_INT(mkdir(at("spare/c/b"), 0755), 0);
	for (size_t i = 0; i < NFILES; i++) {
		buf p = BUF_INIT;

		buf_printf(&p, "spare/%s", files[i]);
		make_file(p.data);
		buf_free(&p);
	}
	make_file("spare/.gongshi-manifest");
	test_format();
	test_mark();
	test_carry();
	output_fs_remove_path(scratch_root);
	return test_done();
}
