/* The compact list of an output's files (write/listing.h): every path
 * found again after the table and the arrays grew, in the order added,
 * once; keys in binary read and written as hash_hex's text. */
#include <stdio.h>
#include <string.h>

#include "test.h"
#include "write/listing.h"

/* The `i`-th of many paths, some the prefix of another. */
static void path_of(size_t i, char *out, size_t n)
{
	if (i % 3)
		snprintf(out, n, "communities/c%zu/photos/p%zu-64.jpg", i / 10, i);
	else
		snprintf(out, n, "communities/c%zu", i);
}

static void fill(struct listing *l, size_t n)
{
	char p[96];
	size_t bad = 0, from = listing_count(l);
	int added;

	for (size_t i = 0; i < n; i++) {
		path_of(i, p, sizeof(p));
		bad += listing_add(l, p, strlen(p), &added) != from + i || !added;
	}
	CHECK_INT(bad, 0);
}

/* Every path at its number, in order; none twice; absent ones absent. */
static void check_all(const struct listing *l, size_t n)
{
	char p[96];
	size_t bad = 0;

	CHECK_INT(listing_count(l), n);
	for (size_t i = 0; i < n; i++) {
		path_of(i, p, sizeof(p));
		bad += listing_find(l, p) != i || strcmp(listing_path(l, i), p) != 0;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(listing_find(l, "communities/c1/photos/p1-64.jpgx"), LISTING_NONE);
	CHECK_INT(listing_find(l, "communities/c"), LISTING_NONE);
	CHECK_INT(listing_find(l, ""), LISTING_NONE);
}

static void test_grow(void)
{
	struct listing l = LISTING_INIT, r = LISTING_INIT;
	char p[96];
	int added = 1;

	CHECK_INT(listing_find(&l, "a"), LISTING_NONE);
	fill(&l, 20000); /* grown step by step, rehashed many times */
	check_all(&l, 20000);
	/* A path added again: the same record, nothing new. */
	path_of(777, p, sizeof(p));
	CHECK_INT(listing_add(&l, p, strlen(p), &added), 777);
	CHECK_INT(added, 0);
	CHECK_INT(listing_count(&l), 20000);
	/* Sized ahead from another list: exactly. */
	listing_reserve(&r, listing_count(&l), listing_path_bytes(&l));
	fill(&r, 20000);
	CHECK_INT(r.cap, 20000);
	CHECK_INT(r.textcap, l.len);
	check_all(&r, 20000);
	/* Only the first `len` bytes are the path. */
	CHECK_INT(listing_add(&r, "index.htmlXYZ", 10, &added), 20000);
	CHECK_STR(listing_path(&r, 20000), "index.html");
	CHECK_INT(listing_find(&r, "index.html"), 20000);
	listing_free(&l);
	listing_free(&r);
	listing_free(&r); /* twice: empty */
}

static void test_keys(void)
{
	struct listing l = LISTING_INIT;
	struct hash_value k = { 0x0123456789abcdefULL, 0xfedcba9876543210ULL }, got;
	char hex[33], dashes[33];
	int added;
	size_t i = listing_add(&l, "a/b.html", 8, &added);

	memset(dashes, '-', 32);
	dashes[32] = '\0';
	CHECK_INT(listing_flags(&l, i), 0);
	CHECK(!listing_key_is(&l, i, (struct hash_value){ 0, 0 }));
	listing_key_hex(&l, i, hex);
	CHECK_STR(hex, dashes);
	listing_set_key(&l, i, k);
	listing_mark(&l, i, LISTING_MADE);
	CHECK_INT(listing_flags(&l, i), LISTING_KEYED | LISTING_MADE);
	CHECK(listing_key_is(&l, i, k));
	CHECK(!listing_key_is(&l, i, (struct hash_value){ k.hi, k.lo ^ 1 }));
	listing_key_hex(&l, i, hex);
	CHECK_STR(hex, "0123456789abcdeffedcba9876543210");
	/* The manifest reads a line's key back with util/hash's parser. */
	CHECK_INT(hash_parse_hex(hex, &got), 0);
	CHECK(got.hi == k.hi && got.lo == k.lo);
	/* Only what hash_hex writes is a key. */
	CHECK_INT(hash_parse_hex(dashes, &got), -1);
	CHECK_INT(hash_parse_hex("0123456789ABCDEFfedcba9876543210", &got), -1);
	CHECK_INT(hash_parse_hex("0123456789abcdef\0edcba9876543210", &got), -1);
	/* The flags stay the record's when the table grows. */
	fill(&l, 5000);
	CHECK_INT(listing_count(&l), 5001);
	CHECK_INT(listing_flags(&l, i), LISTING_KEYED | LISTING_MADE);
	CHECK(listing_key_is(&l, i, k));
	CHECK_INT(listing_find(&l, "a/b.html"), i);
	listing_free(&l);
}

/* The bytes of the paths `from` .. `to - 1`. */
static size_t bytes_of(size_t from, size_t to)
{
	char p[96];
	size_t bytes = 0;

	for (size_t i = from; i < to; i++) {
		path_of(i, p, sizeof(p));
		bytes += strlen(p);
	}
	return bytes;
}

/* A list sharing the paths of another: the same answers, and only the
 * paths the base lacks are copied. */
static void test_share(void)
{
	struct listing base = LISTING_INIT, l = LISTING_INIT, third = LISTING_INIT;
	char p[96];
	size_t bad = 0;
	int added;

	fill(&base, 3000);
	listing_share(&l, &base);
	CHECK_INT(listing_add(&l, "only/here.html", 14, &added), 0);
	fill(&l, 6000); /* half of them in the base */
	CHECK_INT(listing_count(&l), 6001);
	CHECK_INT(l.own, 1 + 3000);
	CHECK_INT(listing_path_bytes(&l), 14 + bytes_of(3000, 6000));
	CHECK_STR(listing_path(&l, 0), "only/here.html");
	CHECK_INT(listing_find(&l, "only/here.html"), 0);
	CHECK_INT(listing_find(&base, "only/here.html"), LISTING_NONE);
	/* Every path found, whichever text holds it, after rehashing. */
	for (size_t i = 0; i < 6000; i++) {
		path_of(i, p, sizeof(p));
		bad += listing_find(&l, p) != i + 1 || strcmp(listing_path(&l, i + 1), p) != 0;
	}
	CHECK_INT(bad, 0);
	/* A base's shared path is not shared on: copied. */
	listing_share(&third, &l);
	fill(&third, 10);
	CHECK_INT(third.own, 10);
	CHECK_STR(listing_path(&third, 3), listing_path(&l, 4));
	listing_free(&third);
	listing_free(&l);
	/* Filled in the base's order, every other path skipped, then
	 * backwards (the base's next record is looked at first, and a path
	 * that is only its prefix, "communities/c0" before
	 * "communities/c0/photos/...", is not taken for it): every path is
	 * the base's, none copied. */
	listing_share(&l, &base);
	listing_reserve(&l, 3000, 0);
	for (size_t i = 0; i < 3000; i += 2) {
		path_of(i, p, sizeof(p));
		listing_add(&l, p, strlen(p), &added);
	}
	for (size_t i = 3000; i-- > 0;) {
		path_of(i, p, sizeof(p));
		listing_add(&l, p, strlen(p), &added);
	}
	CHECK_INT(l.own, 0);
	CHECK_INT(listing_count(&l), 3000);
	/* ... and found through the base's table: no table of its own. */
	CHECK_INT(l.nslots, 0);
	listing_mark(&l, 7, LISTING_MADE);
	CHECK_INT(listing_flags(&l, 7), LISTING_MADE);
	bad = 0;
	for (size_t i = 0; i < 3000; i++) {
		size_t k = i % 2 ? 1500 + (2999 - i) / 2 : i / 2;

		path_of(i, p, sizeof(p));
		bad += listing_find(&l, p) != k || strcmp(listing_path(&l, k), p) != 0;
	}
	CHECK_INT(bad, 0);
	listing_free(&l);
	listing_free(&base);
}

int main(void)
{
	test_grow();
	test_keys();
	test_share();
	return test_done();
}
