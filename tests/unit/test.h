/* A tiny unit-test harness: CHECK-style assertions that record and go on,
 * so one run reports every failure.  Each test program ends with
 * `return test_done();`, which prints the `N passed, N failed` line that
 * tests/run.sh adds up. */
#ifndef GONGSHI_TEST_H
#define GONGSHI_TEST_H

#include <stdio.h>
#include <string.h>

#include "util/diag.h"

static int test_passed_count, test_failed_count;

static void test_record(int ok, const char *file, int line, const char *what)
{
	if (ok) {
		test_passed_count++;
	} else {
		test_failed_count++;
		printf("FAIL %s:%d: %s\n", file, line, what);
	}
}

#define CHECK(cond) test_record(!!(cond), __FILE__, __LINE__, #cond)

#define CHECK_STR(got, want)                                                   \
	do {                                                                   \
		const char *g_ = (got), *w_ = (want);                          \
		int ok_ = g_ && w_ ? strcmp(g_, w_) == 0 : g_ == w_;           \
		test_record(ok_, __FILE__, __LINE__, #got " == " #want);       \
		if (!ok_)                                                      \
			printf("  got:  [%s]\n  want: [%s]\n",                 \
			       g_ ? g_ : "(null)", w_ ? w_ : "(null)");        \
	} while (0)

#define CHECK_INT(got, want)                                                   \
	do {                                                                   \
		long long g_ = (long long)(got), w_ = (long long)(want);       \
		test_record(g_ == w_, __FILE__, __LINE__, #got " == " #want);  \
		if (g_ != w_)                                                  \
			printf("  got:  %lld\n  want: %lld\n", g_, w_);        \
	} while (0)

/* For a named case in a data-driven test (conformance suites). */
static inline void test_case(int ok, const char *name)
{
	test_record(ok, "case", 0, name);
}

/* The first diagnostic of `d` as gongshi prints it ("" when there is
 * none), for comparing a message exactly; the caller frees it. */
static inline char *first_diag(const diags *d)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	if (d->n)
		diag_format(&d->v[0], f);
	fclose(f);
	return s;
}

/* Every diagnostic of `d`, one per line, as printed; the caller frees
 * it. */
static inline char *printed(const diags *d)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	diags_print(d, f);
	fclose(f);
	return s;
}

static inline int test_done(void)
{
	printf("%d passed, %d failed\n", test_passed_count, test_failed_count);
	return test_failed_count != 0;
}

#endif
