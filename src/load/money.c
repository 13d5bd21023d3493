/* money_parse_wan: 万元 text to whole 元, by hand (see money.h). */
#include "load/money.h"

int money_parse_wan(const char *s, long long *yuan)
{
	long long whole = 0, frac = 0;
	int digits = 0, fdigits = 0, group = -1;

	for (; (*s >= '0' && *s <= '9') || *s == ','; s++) {
		if (*s == ',') {
			/* 1,234: a comma after 1 to 3 digits, then groups of 3 */
			if (digits == 0 || (group >= 0 && group != 3) || (group < 0 && digits > 3))
				return -1;
			group = 0;
			continue;
		}
		if (whole > MONEY_MAX_YUAN / 10000)
			return -1;
		whole = whole * 10 + (*s - '0');
		digits++;
		if (group >= 0)
			group++;
	}
	if (digits == 0 || (group >= 0 && group != 3))
		return -1;
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, fdigits++) {
			if (fdigits >= 4)
				return -1; /* finer than 1 元 */
			frac = frac * 10 + (*s - '0');
		}
		if (fdigits == 0)
			return -1;
	}
	if (*s != '\0')
		return -1;
	for (; fdigits < 4; fdigits++)
		frac *= 10;
	if (whole * 10000 + frac > MONEY_MAX_YUAN)
		return -1;
	*yuan = whole * 10000 + frac;
	return 0;
}
