#include "load/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int date_days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

static int date_valid(struct date d)
{
	return d.year >= 1900 && d.year <= 2999 && d.month >= 1 &&
	       d.month <= 12 && d.day >= 1 && d.day <= date_days_in_month(d.year, d.month);
}

/* Reads 1–4 ASCII digits; returns the count consumed or 0. */
static int read_number(const char *s, int max_digits, int *out)
{
	int n = 0, v = 0;

	while (n < max_digits && s[n] >= '0' && s[n] <= '9')
		v = v * 10 + (s[n++] - '0');
	*out = v;
	return n;
}

/* Skips one separator: - / . or the given UTF-8 word (年, 月). */
static int skip_sep(const char *s, const char *word, int *style)
{
	size_t wl = strlen(word);

	if (*s == '-' || *s == '/' || *s == '.') {
		if (*style && *style != *s)
			return 0;
		*style = *s;
		return 1;
	}
	if (strncmp(s, word, wl) == 0) {
		if (*style && *style != 'C')
			return 0;
		*style = 'C';
		return (int)wl;
	}
	return 0;
}

int date_parse_fields(const char *s, struct date *out)
{
	struct date d = { 0, 0, 0 };
	int n, style = 0;

	if ((n = read_number(s, 4, &d.year)) != 4)
		return -1;
	s += n;
	if ((n = skip_sep(s, "年", &style)) == 0)
		return -1;
	s += n;
	if ((n = read_number(s, 2, &d.month)) == 0)
		return -1;
	s += n;
	if ((n = skip_sep(s, "月", &style)) == 0)
		return -1;
	s += n;
	if ((n = read_number(s, 2, &d.day)) == 0)
		return -1;
	s += n;
	if (style == 'C' && strncmp(s, "日", strlen("日")) == 0)
		s += strlen("日");
	if (*s != '\0')
		return -1;
	*out = d;
	return 0;
}

int date_parse(const char *s, struct date *out)
{
	struct date d;

	if (date_parse_fields(s, &d) < 0 || !date_valid(d))
		return -1;
	*out = d;
	return 0;
}

/* Excel's serial 1 is 1900-01-01 and it counts a 1900-02-29 that never
 * was (Lotus 1-2-3's leap-year bug, kept for compatibility), so from
 * serial 61 (1900-03-01) on, day 0 is 1899-12-30. */
int date_from_excel_serial(long serial, struct date *out)
{
	if (serial < 61 || serial > 401768) /* 1900-03-01 .. 2999-12-31 */
		return -1;
	*out = date_from_days(date_to_days((struct date){ 1899, 12, 30 }) + serial);
	return 0;
}

/* Howard Hinnant's days-from-civil algorithm, proleptic Gregorian. */
long date_to_days(struct date d)
{
	long y = d.year - (d.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d.month + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d.day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct date date_from_days(long z)
{
	struct date d;
	long era, doe, yoe, doy, mp, y;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(y + (d.month <= 2));
	return d;
}

int date_cmp(struct date a, struct date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (a.day != b.day)
		return a.day < b.day ? -1 : 1;
	return 0;
}

/* Writes `v` (0 to 9999) in decimal, at least `width` digits; the end. */
static char *put_number(char *p, int v, int width)
{
	char digits[4];
	int n = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v && n < 4);
	while (n < width)
		digits[n++] = '0';
	while (n)
		*p++ = digits[--n];
	return p;
}

/* Dates are written for every page that shows one (a community's page
 * shows a dozen): by hand, as snprintf's parsing of the format was the
 * larger part of making a page's context.  Outside what a date read from
 * a table can be, snprintf says it as before. */
static int plain_date(struct date d)
{
	return d.year >= 0 && d.year <= 9999 && d.month >= 0 && d.month <= 99 &&
	       d.day >= 0 && d.day <= 99;
}

void date_iso(struct date d, char *out)
{
	char *p = out;

	if (!plain_date(d)) {
		snprintf(out, 32, "%04d-%02d-%02d", d.year, d.month, d.day);
		return;
	}
	p = put_number(p, d.year, 4);
	*p++ = '-';
	p = put_number(p, d.month, 2);
	*p++ = '-';
	p = put_number(p, d.day, 2);
	*p = '\0';
}

void date_chinese(struct date d, char *out)
{
	char *p = out;

	if (!plain_date(d)) {
		snprintf(out, 32, "%d年%d月%d日", d.year, d.month, d.day);
		return;
	}
	p = put_number(p, d.year, 1);
	memcpy(p, "年", 3), p += 3;
	p = put_number(p, d.month, 1);
	memcpy(p, "月", 3), p += 3;
	p = put_number(p, d.day, 1);
	memcpy(p, "日", 4);
}

struct date date_today(void)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	time_t now;

	if (epoch && *epoch) {
		char *end;
		long long v = strtoll(epoch, &end, 10);
		if (*end == '\0' && v >= 0)
			return date_from_days((long)((v + 8 * 3600) / 86400));
	}
	now = time(NULL);
	return date_from_days((long)((now + 8 * 3600) / 86400));
}
