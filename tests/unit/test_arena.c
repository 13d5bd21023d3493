/* The arena: cleared and uncleared pieces that never overlap, and
 * adopting another arena's blocks (what the threads that read content/
 * hand back). */
#include <stdint.h>
#include <string.h>

#include "test.h"
#include "util/arena.h"

/* Sizes that cross the block size and its quarter, where big pieces get
 * a block of their own. */
static const size_t sizes[] = { 1, 15, 16, 17, 100, 4096, 16385, 65536, 70000, 3, 0, 40 };
enum { NSIZES = sizeof(sizes) / sizeof(sizes[0]) };

static int aligned(const void *p)
{
	return (uintptr_t)p % 16 == 0;
}

static void fill(unsigned char *p, size_t n, unsigned char v)
{
	memset(p, v, n);
}

/* 1 when all `n` bytes are `v`. */
static int all(const unsigned char *p, size_t n, unsigned char v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return 0;
	return 1;
}

/* Pieces, each filled as soon as it is had: none may overwrite another. */
static void alloc_pieces(arena *a, unsigned char **p, int raw, unsigned char base)
{
	for (size_t i = 0; i < NSIZES; i++) {
		p[i] = raw ? arena_alloc_raw(a, sizes[i]) : arena_alloc(a, sizes[i]);
		CHECK(p[i] != NULL);
		CHECK(aligned(p[i]));
		if (!raw)
			CHECK(all(p[i], sizes[i], 0));
		fill(p[i], sizes[i], (unsigned char)(base + i));
	}
}

static int pieces_intact(unsigned char **p, unsigned char base)
{
	for (size_t i = 0; i < NSIZES; i++)
		if (!all(p[i], sizes[i], (unsigned char)(base + i)))
			return 0;
	return 1;
}

static void test_alloc(void)
{
	arena *a = arena_new();
	unsigned char *raw[NSIZES], *zero[NSIZES];

	unsigned char *array;

	alloc_pieces(a, raw, 1, 0x10);
	array = arena_array_raw(a, 1000, 24);
	CHECK(aligned(array));
	fill(array, 24000, 0x77);
	alloc_pieces(a, zero, 0, 0x40);
	CHECK(pieces_intact(raw, 0x10));
	CHECK(pieces_intact(zero, 0x40));
	CHECK(all(array, 24000, 0x77));
	arena_free(a);
}

/* arena_alloc still clears memory that held something: the blocks of a
 * freed arena, dirtied through arena_alloc_raw, are what malloc hands
 * the next one (and ASan's malloc fills them with garbage anyway). */
static void test_cleared_after_reuse(void)
{
	arena *a = arena_new();
	int clean = 1;

	for (int i = 0; i < 64; i++)
		fill(arena_alloc_raw(a, 4000), 4000, 0xAB);
	arena_free(a);
	a = arena_new();
	for (int i = 0; i < 64; i++)
		clean &= all(arena_alloc(a, 4000), 4000, 0);
	CHECK(clean);
	CHECK(all(arena_array(a, 1000, 8), 8000, 0));
	arena_free(a);
}

static void test_strings(void)
{
	arena *a = arena_new();
	char *s = arena_strndup(a, "公示abc", 7);

	CHECK_STR(s, "公示a");
	CHECK_STR(arena_strdup(a, ""), "");
	CHECK_STR(arena_printf(a, "%s/%d", "content", 12), "content/12");
	CHECK_STR(s, "公示a");
	arena_free(a);
}

/* Everything of `from` survives the move and `into` goes on filling its
 * current block: the next small piece follows the last one. */
static void test_adopt(void)
{
	arena *into = arena_new(), *from = arena_new();
	unsigned char *mine[NSIZES], *theirs[NSIZES], *later[NSIZES];
	unsigned char *last, *next;

	alloc_pieces(into, mine, 1, 0x01);
	last = arena_alloc(into, 16);
	alloc_pieces(from, theirs, 1, 0x81);
	arena_adopt(into, from);
	next = arena_alloc(into, 16);
	CHECK(next == last + 16);
	alloc_pieces(into, later, 0, 0x31);
	CHECK(pieces_intact(mine, 0x01));
	CHECK(pieces_intact(theirs, 0x81));
	CHECK(pieces_intact(later, 0x31));
	arena_free(into);
}

/* Past the first blocks, as a site's model goes: blocks double up to
 * their largest size, and big ones sit on huge pages where there are
 * any.  Small pieces that fill many blocks, and big ones between them,
 * stay apart and aligned. */
static void test_many_blocks(void)
{
	arena *a = arena_new();
	unsigned char *first = arena_alloc_raw(a, 1000), *big = NULL;
	int ok = 1;

	fill(first, 1000, 0x21);
	for (size_t i = 0; i < 24 * 1024; i++) {
		unsigned char *p = arena_alloc_raw(a, 1000);

		ok &= aligned(p);
		fill(p, 1000, (unsigned char)i);
		if (i % 4096 == 0) {
			big = arena_alloc(a, 3 * 1024 * 1024);
			ok &= aligned(big) && all(big, 3 * 1024 * 1024, 0);
			fill(big, 3 * 1024 * 1024, 0x33);
		}
	}
	CHECK(ok);
	CHECK(all(first, 1000, 0x21));
	CHECK(all(big, 3 * 1024 * 1024, 0x33));
	arena_free(a);
}

/* An empty arena may adopt, and be adopted. */
static void test_adopt_empty(void)
{
	arena *into = arena_new(), *from = arena_new();
	unsigned char *theirs[NSIZES], *later[NSIZES];

	arena_adopt(into, arena_new());
	alloc_pieces(from, theirs, 1, 0x51);
	arena_adopt(into, from);
	CHECK(pieces_intact(theirs, 0x51));
	alloc_pieces(into, later, 1, 0x61);
	CHECK(pieces_intact(theirs, 0x51));
	CHECK(pieces_intact(later, 0x61));
	arena_adopt(into, arena_new());
	CHECK(pieces_intact(later, 0x61));
	arena_free(into);
}

int main(void)
{
	test_alloc();
	test_cleared_after_reuse();
	test_strings();
	test_adopt();
	test_adopt_empty();
	test_many_blocks();
	return test_done();
}
