/* OUT/.gongshi-pages (write/page_counts.c): the counts a build writes
 * are read back by the next, and a file that is damaged in any way, or
 * another program's, or not a regular file, is ignored whole (every
 * notice counted again), never half used and never a crash. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"
#include "util/buf.h"
#include "util/hash.h"
#include "write/page_counts.h"

static char root[256];

static struct hash_value key(int i)
{
	struct hash h;

	hash_init(&h);
	hash_num(&h, i);
	return hash_final(&h);
}

/* Builds an output at ROOT/out holding the counts of keys 0..n-1
 * (pages 3, 4, 5, …); 0 on success. */
static int write_counts(size_t n)
{
	diags d = DIAGS_INIT;
	struct hash_value keys[8];
	unsigned pages[8];
	struct page_counts *c = page_counts_open(NULL, 0);
	buf out = BUF_INIT;
	struct output *o;
	int rc = -1;

	buf_printf(&out, "%s/out", root);
	for (size_t i = 0; i < n; i++) {
		keys[i] = key((int)i);
		pages[i] = (unsigned)i + 3;
	}
	pages[n - 1] = 0; /* not counted: left out */
	o = output_begin(out.data, NULL, &d);
	if (o && page_counts_write(c, o, keys, pages, n, &d) == 0 && output_commit(o, 0, &d) == 0)
		rc = 0;
	else
		output_abort(o);
	page_counts_free(c);
	buf_free(&out);
	diags_free(&d);
	return rc;
}

static struct page_counts *read_counts(void)
{
	buf out = BUF_INIT;
	struct page_counts *c;

	buf_printf(&out, "%s/out", root);
	c = page_counts_open(out.data, 0);
	buf_free(&out);
	return c;
}

static const char *file_path(void)
{
	static char path[300];

	snprintf(path, sizeof(path), "%s/out/%s", root, PAGE_COUNTS_NAME);
	return path;
}

static void read_file(buf *b)
{
	buf_free(b);
	CHECK_INT(buf_read_file(b, file_path()), 0);
}

static void put_bytes(const char *text, size_t len)
{
	FILE *f;

	unlink(file_path());
	f = fopen(file_path(), "w");
	CHECK(f != NULL);
	if (f) {
		fwrite(text, 1, len, f);
		fclose(f);
	}
}

static void put_file(const char *text)
{
	put_bytes(text, strlen(text));
}

/* The file `good` with `edit` applied is ignored whole. */
static void ignored(const char *good, const char *what, const char *from, const char *to)
{
	buf b = BUF_INIT;
	const char *at = strstr(good, from);
	struct page_counts *c;

	CHECK(at != NULL);
	if (at == NULL)
		return;
	buf_put(&b, good, (size_t)(at - good));
	buf_put(&b, to, strlen(to) + (strcmp(what, "a NUL") == 0));
	buf_puts(&b, at + strlen(from));
	put_bytes(b.data, b.len);
	c = read_counts();
	test_case(page_counts_known(c) == 0 && page_counts_get(c, key(0)) == 0, what);
	page_counts_free(c);
	buf_free(&b);
}

/* What a build writes, the next reads back: every count but the one of
 * 0 pages.  Leaves the file in `good`, for the cases below to damage. */
static void test_round_trip(buf *good)
{
	struct page_counts *c;

	CHECK_INT(write_counts(5), 0);
	c = read_counts();
	CHECK_INT(page_counts_known(c), 4);
	CHECK_INT(page_counts_get(c, key(0)), 3);
	CHECK_INT(page_counts_get(c, key(3)), 6);
	CHECK_INT(page_counts_get(c, key(4)), 0); /* 0 pages: not written */
	CHECK_INT(page_counts_get(c, key(9)), 0);
	page_counts_free(c);
	/* Nothing read with none asked for. */
	c = page_counts_open(NULL, 0);
	CHECK_INT(page_counts_get(c, key(0)), 0);
	page_counts_free(c);
	read_file(good);
	CHECK(strncmp(good->data, "gongshi-pages 1 ", 16) == 0);
}

/* The file `good` damaged in each way a disk, an editor or another
 * program could: ignored whole every time. */
static void test_damaged(const buf *good)
{
	struct page_counts *c;
	buf b = BUF_INIT;
	char hex[33];

	hash_hex(key(1), hex);
	ignored(good->data, "another program's header", "gongshi-pages 1 ", "gongshi-pages 1 0");
	ignored(good->data, "another format", "gongshi-pages 1 ", "gongshi-pages 2 ");
	ignored(good->data, "a line cut short", " 6\n", " 6");
	ignored(good->data, "a count of 0", " 4\n", " 0\n");
	ignored(good->data, "a leading 0", " 4\n", " 04\n");
	ignored(good->data, "a count too big", " 4\n", " 32768\n");
	ignored(good->data, "a count far too big", " 4\n", " 99999999999999999999\n");
	ignored(good->data, "a word for a count", " 4\n", " four\n");
	ignored(good->data, "a short key", hex, "abc");
	ignored(good->data, "a capital in the key", hex, "ABCDEF0123456789ABCDEF0123456789");
	ignored(good->data, "a blank line", " 4\n", " 4\n\n");
	ignored(good->data, "a NUL", " 4\n", " 4\n\0");
	buf_puts(&b, good->data);
	buf_puts(&b, strchr(good->data, '\n') + 1); /* every line twice */
	put_file(b.data);
	c = read_counts();
	test_case(page_counts_known(c) == 0, "a notice twice");
	page_counts_free(c);
	buf_free(&b);
}

/* Not a regular file, or through a link: ignored. */
static void test_not_regular(const buf *good)
{
	struct page_counts *c;
	char link[320];

	put_file(good->data);
	snprintf(link, sizeof(link), "%s/link-target", root);
	rename(file_path(), link);
	CHECK_INT(symlink(link, file_path()), 0);
	c = read_counts();
	test_case(page_counts_known(c) == 0, "a link");
	page_counts_free(c);
	unlink(file_path());
	unlink(link);
	CHECK_INT(mkfifo(file_path(), 0600), 0);
	c = read_counts();
	test_case(page_counts_known(c) == 0, "a FIFO (not waited on)");
	page_counts_free(c);
	unlink(file_path());
}

/* Back as written: used again; and --force reads nothing. */
static void test_restored_and_forced(const buf *good)
{
	struct page_counts *c;
	buf out = BUF_INIT;

	put_file(good->data);
	c = read_counts();
	CHECK_INT(page_counts_known(c), 4);
	page_counts_free(c);
	buf_printf(&out, "%s/out", root);
	c = page_counts_open(out.data, 1);
	CHECK_INT(page_counts_known(c), 0);
	page_counts_free(c);
	buf_free(&out);
	unlink(file_path());
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	buf good = BUF_INIT;
	char cmd[300];

	snprintf(root, sizeof(root), "%s/test_page_counts-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(root) == NULL) {
		perror(root);
		return 1;
	}
	test_round_trip(&good);
	test_damaged(&good);
	test_not_regular(&good);
	test_restored_and_forced(&good);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	CHECK_INT(system(cmd), 0);
	buf_free(&good);
	return test_done();
}
