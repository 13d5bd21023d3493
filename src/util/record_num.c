/* Numbers in gongshi's record files (record_num.h). */
#include "util/record_num.h"

int record_take_num(const char **p, const char *end, char stop, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;

	for (; s < end && *s >= '0' && *s <= '9'; s++) {
		unsigned d = (unsigned)(*s - '0');

		if ((s > *p && v == 0) || v > (UINT64_MAX - d) / 10)
			return -1; /* a leading zero, or over 2^64 - 1 */
		v = v * 10 + d;
	}
	if (s == *p || s == end || *s != stop)
		return -1;
	*out = v;
	*p = s + 1;
	return 0;
}

int record_take_time(const char **p, const char *end, uint64_t *sec, uint32_t *nsec)
{
	uint32_t v = 0;

	if (record_take_num(p, end, '.', sec) < 0 || end - *p < 10 || (*p)[9] != ' ')
		return -1;
	for (int i = 0; i < 9; i++) {
		char ch = (*p)[i];

		if (ch < '0' || ch > '9')
			return -1;
		v = v * 10 + (uint32_t)(ch - '0');
	}
	*nsec = v;
	*p += 10;
	return 0;
}

void record_put_time(buf *b, uint64_t sec, uint32_t nsec)
{
	char digits[9];

	buf_put_uint(b, sec);
	buf_putc(b, '.');
	for (int i = 8; i >= 0; i--, nsec /= 10)
		digits[i] = (char)('0' + nsec % 10);
	buf_put(b, digits, sizeof(digits));
}
