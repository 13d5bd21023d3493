/* OUT/.gongshi-photos (write/photo_cache.c): what a build learned of a
 * photo (its header facts, its hash) is given back by the next build for
 * a file of the same stat identity without reading it, the hash the one
 * hash_file gives; a photo only half known is not kept; and a file that
 * is damaged in any way, another program's, not a regular file, or read
 * with --force, is ignored whole, never half used and never a crash. */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"
#include "util/buf.h"
#include "util/hash.h"
#include "write/photo_cache.h"

static char root[256];

static const char *path_of(const char *name)
{
	static char path[2][320];
	static int k;

	k = !k;
	snprintf(path[k], sizeof(path[k]), "%s/%s", root, name);
	return path[k];
}

static void put_bytes(const char *path, const char *text, size_t len)
{
	FILE *f;

	unlink(path);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fwrite(text, 1, len, f);
		fclose(f);
	}
}

static struct hash_value file_hash(const char *path)
{
	struct hash h;

	hash_init(&h);
	hash_file(&h, path);
	return hash_final(&h);
}

static struct photo_cache *reopen(int force)
{
	return photo_cache_open(path_of("out"), force);
}

/* 1 when the cache knows the header of the file `name`. */
static int knows(struct photo_cache *c, const char *name, struct photo_header *h)
{
	struct photo_header_cache hc = photo_cache_headers(c);
	struct stat st;

	if (stat(path_of(name), &st) < 0)
		return 0;
	return hc.known(hc.arg, &st, h);
}

/* A build's end: `c` written into out/ and the folder swapped in, then
 * freed.  0 when both succeeded without a diagnostic, else -1. */
static int write_out(struct photo_cache *c)
{
	diags d = DIAGS_INIT;
	struct output *o = output_begin(path_of("out"), NULL, &d);
	int rc = -1;

	if (o && photo_cache_write(c, o, &d) == 0 && output_commit(o, 0, &d) == 0)
		rc = d.errors == 0 ? 0 : -1;
	else
		output_abort(o);
	photo_cache_free(c);
	diags_free(&d);
	return rc;
}

/* The first build: a.jpg's header and hash learned, b.png's header only. */
static void first_build(void)
{
	struct photo_cache *c = photo_cache_open(NULL, 0);
	struct photo_header_cache hc = photo_cache_headers(c);
	struct photo_header a = { 4000, 3000, photo_header_format("JPEG"), 1 };
	struct photo_header b = { 300, 200, photo_header_format("PNG"), 0 };
	struct photo_header got;
	struct stat st;
	size_t known, read;

	CHECK(stat(path_of("a.jpg"), &st) == 0);
	CHECK_INT(hc.known(hc.arg, &st, &got), 0);
	hc.learn(hc.arg, &st, &a);
	CHECK(stat(path_of("b.png"), &st) == 0);
	hc.learn(hc.arg, &st, &b);
	test_case(photo_cache_hash(c, path_of("a.jpg")).lo == file_hash(path_of("a.jpg")).lo &&
			  photo_cache_hash(c, path_of("a.jpg")).hi == file_hash(path_of("a.jpg")).hi,
		  "the hash is hash_file's");
	photo_cache_counts(c, &known, &read);
	CHECK_INT(read, 3);  /* two headers, one hash */
	CHECK_INT(known, 1); /* the hash asked once more */
	test_case(write_out(c) == 0, "written");
}

/* A build that asks a.jpg's header and hash, and b.png's too when
 * `learn_b` (learning b.png's header, read now): the inode of the
 * .gongshi-photos it leaves, its bytes into `text`. */
static unsigned long long rebuild(int learn_b, buf *text)
{
	struct photo_cache *c = reopen(0);
	struct photo_header_cache hc = photo_cache_headers(c);
	struct photo_header h, b = { 300, 200, photo_header_format("PNG"), 0 };
	struct stat st;

	CHECK(knows(c, "a.jpg", &h));
	photo_cache_hash(c, path_of("a.jpg"));
	if (learn_b && stat(path_of("b.png"), &st) == 0)
		hc.learn(hc.arg, &st, &b), photo_cache_hash(c, path_of("b.png"));
	test_case(write_out(c) == 0, "rebuilt");
	buf_reset(text);
	CHECK_INT(buf_read_file(text, path_of("out/" PHOTO_CACHE_NAME)), 0);
	return stat(path_of("out/" PHOTO_CACHE_NAME), &st) == 0 ? (unsigned long long)st.st_ino : 0;
}

/* A build that knew every photo it asked of and read none keeps the
 * last build's file as it is (linked: the same inode, the same bytes);
 * one that learned something writes a new one. */
static void kept_when_unchanged(const buf *good)
{
	buf text = BUF_INIT;
	struct stat st;
	unsigned long long was = stat(path_of("out/" PHOTO_CACHE_NAME), &st) == 0
					 ? (unsigned long long)st.st_ino : 0;
	unsigned long long now = rebuild(0, &text);

	test_case(was != 0 && now == was, "nothing new: the last build's file linked");
	test_case(text.len == good->len && memcmp(text.data, good->data, good->len) == 0,
		  "nothing new: the same bytes");
	now = rebuild(1, &text);
	test_case(now != 0 && now != was, "b.png learned: a new file");
	test_case(strstr(text.data, " PNG 0\n") != NULL && strstr(text.data, " JPEG 1\n") != NULL,
		  "b.png learned: both lines");
	buf_free(&text);
}

/* The number `known` gives a file asks its hash without looking at the
 * path again (the plan's second stat gone): a path that does not exist
 * still gets the hash of the file the load saw.  Record 0 is the path's. */
static void by_record(void)
{
	struct photo_cache *c = reopen(0);
	struct photo_header_cache hc = photo_cache_headers(c);
	struct photo_header h;
	struct stat st;
	struct hash_value want = file_hash(path_of("a.jpg")), got;
	size_t record = 0;

	CHECK(stat(path_of("a.jpg"), &st) == 0);
	if (stat(path_of("a.jpg"), &st) == 0)
		record = hc.known(hc.arg, &st, &h);
	CHECK(record != 0);
	got = photo_cache_record_hash(c, record, path_of("not-there.jpg"));
	test_case(got.hi == want.hi && got.lo == want.lo, "the hash by the load's record, path unused");
	got = photo_cache_record_hash(c, 0, path_of("a.jpg"));
	test_case(got.hi == want.hi && got.lo == want.lo, "record 0: the path's hash");
	got = photo_cache_record_hash(c, 999999, path_of("a.jpg"));
	test_case(got.hi == want.hi && got.lo == want.lo, "a record out of range: read");
	photo_cache_free(c);
}

/* A photo whose modification time is before 1970 (a negative time, kept
 * as its 64-bit two's complement, 20 digits) is kept like any other: the
 * reader once refused such a number, and with it the whole file. */
static void before_1970(void)
{
	struct timespec t[2] = { { 0, UTIME_OMIT }, { -86400, 5 } };
	struct photo_header a = { 4000, 3000, photo_header_format("JPEG"), 1 }, h;
	struct photo_cache *c = reopen(0);
	struct photo_header_cache hc = photo_cache_headers(c);
	struct stat st;

	CHECK_INT(utimensat(AT_FDCWD, path_of("a.jpg"), t, 0), 0);
	CHECK(stat(path_of("a.jpg"), &st) == 0 && st.st_mtim.tv_sec < 0);
	hc.learn(hc.arg, &st, &a);
	photo_cache_hash(c, path_of("a.jpg"));
	test_case(write_out(c) == 0, "written");
	c = reopen(0);
	test_case(knows(c, "a.jpg", &h), "a photo dated before 1970 kept");
	photo_cache_free(c);
}

/* The file `good` with `from` replaced by `to` is ignored whole. */
static void ignored(const char *good, const char *what, const char *from, const char *to)
{
	buf b = BUF_INIT;
	const char *at = strstr(good, from);
	struct photo_cache *c;
	struct photo_header h;

	CHECK(at != NULL);
	if (at == NULL)
		return;
	buf_put(&b, good, (size_t)(at - good));
	buf_put(&b, to, strlen(to) + (strcmp(what, "a NUL") == 0));
	buf_puts(&b, at + strlen(from));
	put_bytes(path_of("out/" PHOTO_CACHE_NAME), b.data, b.len);
	c = reopen(0);
	test_case(!knows(c, "a.jpg", &h), what);
	photo_cache_free(c);
	buf_free(&b);
}

/* `line`'s field `k` (from 0) as text, into `out`. */
static void field(const char *line, int k, char *out, size_t size)
{
	for (; k > 0; k--)
		line = strchr(line, ' ') + 1;
	snprintf(out, size, "%.*s", (int)strcspn(line, " \n"), line);
}

/* The last build's file is read on a thread of its own from
 * photo_cache_open: a question asked at once, from several threads,
 * waits for it and gets the answer; a cache freed before any question
 * waits too (under ASan, a thread still writing into it would be a
 * use after free). */
struct asker {
	struct photo_cache *c;
	struct stat st;
	size_t record;
};

static void *ask(void *arg)
{
	struct asker *a = arg;
	struct photo_header_cache hc = photo_cache_headers(a->c);
	struct photo_header h;

	a->record = hc.known(hc.arg, &a->st, &h);
	if (h.width != 4000)
		a->record = 0;
	return NULL;
}

static void read_on_a_thread(void)
{
	enum { ASKERS = 4 };
	struct asker a[ASKERS];
	pthread_t t[ASKERS];
	struct stat st;
	size_t known, read, same = 0;

	photo_cache_free(reopen(0));
	CHECK_INT(stat(path_of("a.jpg"), &st), 0);
	for (int round = 0; round < 20; round++) {
		struct photo_cache *c = reopen(0);
		int started = 0;

		for (int i = 0; i < ASKERS; i++) {
			a[i] = (struct asker){ c, st, 0 };
			started += pthread_create(&t[i], NULL, ask, &a[i]) == 0;
		}
		CHECK_INT(started, ASKERS);
		for (int i = 0; i < started; i++)
			pthread_join(t[i], NULL);
		photo_cache_counts(c, &known, &read);
		same += known == ASKERS && read == 0 && a[0].record != 0 &&
			a[1].record == a[0].record && a[2].record == a[0].record &&
			a[3].record == a[0].record;
		photo_cache_free(c);
	}
	test_case(same == 20, "asked at once from four threads as the file is read");
}

/* The entry after the last one asked is looked at first (photos named
 * in the order of their inodes): a file whose identity differs from that
 * entry's in its change time alone is not taken for it. */
static void next_entry_guess(void)
{
	struct photo_cache *c = photo_cache_open(NULL, 0);
	struct photo_header_cache hc = photo_cache_headers(c);
	struct photo_header a = { 4000, 3000, photo_header_format("JPEG"), 1 };
	struct photo_header b = { 300, 200, photo_header_format("PNG"), 0 };
	struct photo_header got;
	struct stat sa, sb, other;
	size_t ra, rb;

	CHECK_INT(stat(path_of("a.jpg"), &sa), 0);
	CHECK_INT(stat(path_of("b.png"), &sb), 0);
	ra = hc.learn(hc.arg, &sa, &a);
	rb = hc.learn(hc.arg, &sb, &b);
	CHECK(ra != 0 && rb != 0 && ra != rb);
	other = sb;
	other.st_ctim.tv_nsec = (other.st_ctim.tv_nsec + 1) % 1000000000;
	test_case(hc.known(hc.arg, &sa, &got) == ra && got.width == 4000, "a.jpg known");
	test_case(hc.known(hc.arg, &other, &got) == 0, "b.png's inode with another change time, asked next: not known");
	test_case(hc.known(hc.arg, &sa, &got) == ra, "a.jpg again");
	test_case(hc.known(hc.arg, &sb, &got) == rb && got.width == 300, "b.png, asked next: known");
	test_case(hc.known(hc.arg, &sb, &got) == rb, "b.png again (the guess past the end)");
	photo_cache_free(c);
}

/* The last build's file, `good`, edited each way a writer never writes
 * it: refused whole, nothing known. */
static void refused_edits(const buf *good)
{
	struct photo_cache *c;
	struct photo_header h;
	buf b = BUF_INIT;
	char line[256], dev[32], ns[40], hex[40], edit[300];

	CHECK(strncmp(good->data, "gongshi-photos 1 ", 17) == 0);
	snprintf(line, sizeof(line), "%s", strchr(good->data, '\n') + 1);
	field(line, 0, dev, sizeof(dev));
	field(line, 3, ns, sizeof(ns));
	field(line, 5, hex, sizeof(hex));
	CHECK_INT(strlen(hex), 32);
	ignored(good->data, "another program's header", "gongshi-photos 1 ", "gongshi-photos 1 0");
	ignored(good->data, "another format", "gongshi-photos 1 ", "gongshi-photos 2 ");
	ignored(good->data, "a line cut short", " 1\n", " 1");
	ignored(good->data, "a blank line", " 1\n", " 1\n\n");
	ignored(good->data, "a NUL", " 1\n", " 1\n\0");
	snprintf(line, sizeof(line), "\n%s ", dev);
	snprintf(edit, sizeof(edit), "\n0%s ", dev);
	ignored(good->data, "a leading 0", line, edit);
	snprintf(edit, sizeof(edit), " %s0 ", ns);
	snprintf(line, sizeof(line), " %s ", ns);
	ignored(good->data, "ten digits of nanoseconds", line, edit);
	ignored(good->data, "a capital in the hash", hex, "ABCDEF0123456789ABCDEF0123456789");
	ignored(good->data, "a short hash", hex, "abc");
	ignored(good->data, "a format unknown", " JPEG ", " GIF ");
	ignored(good->data, "a width of 0", " 4000 ", " 0 ");
	ignored(good->data, "over 50 megapixels", " 4000 3000 ", " 10000 6000 ");
	ignored(good->data, "a width far too big", " 4000 ", " 99999999999999999999 ");
	ignored(good->data, "a profile of 2", " 1\n", " 2\n");
	ignored(good->data, "an eleventh field", " 1\n", " 1 1\n");
	ignored(good->data, "a field missing", " JPEG 1\n", " JPEG\n");
	ignored(good->data, "a double space", " JPEG ", "  JPEG ");
	ignored(good->data, "a negative width", " 4000 ", " -4000 ");
	buf_puts(&b, good->data);
	buf_puts(&b, strchr(good->data, '\n') + 1); /* every line twice */
	put_bytes(path_of("out/" PHOTO_CACHE_NAME), b.data, b.len);
	c = reopen(0);
	test_case(!knows(c, "a.jpg", &h), "a photo twice");
	photo_cache_free(c);
	buf_free(&b);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	struct photo_cache *c;
	struct photo_header h;
	buf good = BUF_INIT;
	size_t known, read;

	snprintf(root, sizeof(root), "%s/test_photo_cache-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(root) == NULL) {
		perror(root);
		return 1;
	}
	put_bytes(path_of("a.jpg"), "\xff\xd8\xff photo a", 12);
	put_bytes(path_of("b.png"), "\x89PNG photo b", 11);
	first_build();

	/* The next build: a.jpg known, read from nothing; b.png half known. */
	c = reopen(0);
	test_case(knows(c, "a.jpg", &h) && h.width == 4000 && h.height == 3000 &&
			  h.format == photo_header_format("JPEG") && h.has_profile == 1,
		  "a.jpg's header given back");
	test_case(!knows(c, "b.png", &h), "b.png (no hash) not kept");
	test_case(photo_cache_hash(c, path_of("a.jpg")).lo == file_hash(path_of("a.jpg")).lo,
		  "a.jpg's hash given back");
	photo_cache_counts(c, &known, &read);
	CHECK_INT(read, 0);
	CHECK_INT(known, 2);
	photo_cache_free(c);
	/* --force: nothing given. */
	c = reopen(1);
	test_case(!knows(c, "a.jpg", &h), "--force reads everything");
	photo_cache_free(c);

	CHECK_INT(buf_read_file(&good, path_of("out/" PHOTO_CACHE_NAME)), 0);
	buf_cstr(&good);
	refused_edits(&good);

	/* Not a regular file, or through a link: ignored. */
	put_bytes(path_of("link-target"), good.data, good.len);
	unlink(path_of("out/" PHOTO_CACHE_NAME));
	CHECK_INT(symlink(path_of("link-target"), path_of("out/" PHOTO_CACHE_NAME)), 0);
	c = reopen(0);
	test_case(!knows(c, "a.jpg", &h), "a link");
	photo_cache_free(c);
	unlink(path_of("out/" PHOTO_CACHE_NAME));
	CHECK_INT(mkfifo(path_of("out/" PHOTO_CACHE_NAME), 0600), 0);
	c = reopen(0);
	test_case(!knows(c, "a.jpg", &h), "a FIFO (not waited on)");
	photo_cache_free(c);
	/* Back as written: used again (the vacuity guard of the cases above). */
	put_bytes(path_of("out/" PHOTO_CACHE_NAME), good.data, good.len);
	c = reopen(0);
	test_case(knows(c, "a.jpg", &h), "the good file again");
	photo_cache_free(c);
	read_on_a_thread();
	next_entry_guess();
	kept_when_unchanged(&good);
	by_record();
	/* a.jpg touched: another identity, not known. */
	{
		struct timespec t[2] = { { 0, 123456789 }, { 1000000000, 5 } };

		CHECK_INT(utimensat(AT_FDCWD, path_of("a.jpg"), t, 0), 0);
		c = reopen(0);
		test_case(!knows(c, "a.jpg", &h), "a.jpg touched");
		photo_cache_free(c);
	}
	before_1970();
	{
		char cmd[300];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
		CHECK_INT(system(cmd), 0);
	}
	buf_free(&good);
	return test_done();
}
