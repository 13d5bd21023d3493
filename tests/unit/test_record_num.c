/* util/record_num.c: the numbers of gongshi's record files read back only
 * in exactly the form they are written (a leading zero, a number over
 * 2^64 - 1, nanoseconds in other than nine digits are refused), and a
 * time written then read back is the same. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "test.h"
#include "util/buf.h"
#include "util/record_num.h"

/* record_take_num over the whole of `text` (its last character the
 * stop): 0 and the value, or -1. */
static int num(const char *text, uint64_t *v)
{
	const char *p = text, *end = text + strlen(text);
	int rc = record_take_num(&p, end, end[-1], v);

	return rc == 0 && p == end ? 0 : -1;
}

static void test_num(void)
{
	uint64_t v = 7;

	CHECK_INT(num("0 ", &v), 0);
	CHECK(v == 0);
	CHECK_INT(num("18446744073709551615\n", &v), 0);
	CHECK(v == UINT64_MAX);
	CHECK_INT(num("18446744073709551616\n", &v), -1); /* 2^64 */
	CHECK_INT(num("07 ", &v), -1);			  /* a leading zero */
	CHECK_INT(num(" 7 ", &v), -1);
	CHECK_INT(num("7x ", &v), -1); /* not followed by the stop */
	CHECK_INT(num(" ", &v), -1);   /* no digit */
}

static void test_time(void)
{
	static const struct {
		uint64_t sec;
		uint32_t nsec;
		const char *text;
	} v[] = {
		{ 0, 0, "0.000000000 " },
		{ 1796691530, 950836642, "1796691530.950836642 " },
		{ 5, 7, "5.000000007 " },
		{ UINT64_MAX, 999999999, "18446744073709551615.999999999 " },
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		buf b = BUF_INIT;
		const char *p, *end;
		uint64_t sec = 1;
		uint32_t nsec = 1;

		record_put_time(&b, v[i].sec, v[i].nsec);
		buf_putc(&b, ' ');
		CHECK_STR(b.data, v[i].text);
		p = b.data, end = b.data + b.len;
		CHECK_INT(record_take_time(&p, end, &sec, &nsec), 0);
		CHECK(p == end && sec == v[i].sec && nsec == v[i].nsec);
		buf_free(&b);
	}
	static const char *const wrong[] = {
		"5.00000007 ",	 /* eight digits */
		"5.0000000070 ", /* ten */
		"5.00000000x ",	 "5 ", "05.000000000 ", "5.000000000",
	};
	for (size_t i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++) {
		const char *p = wrong[i];
		uint64_t sec;
		uint32_t nsec;

		CHECK_INT(record_take_time(&p, wrong[i] + strlen(wrong[i]), &sec, &nsec), -1);
	}
}

int main(void)
{
	test_num();
	test_time();
	return test_done();
}
