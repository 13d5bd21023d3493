/* Typos in headers and totals rows: see schema_hints.h. */
#include "load/schema_hints.h"

#include <string.h>

#include "util/utf8.h"

enum { HINT_MAX_CHARS = 32 };

/* Decodes up to `max` characters of UTF-8 into `out`, ASCII lowered;
 * returns the count, or max + 1 when `s` is longer.  Invalid bytes count
 * as one character each (csv.c has made the text valid UTF-8 already). */
static size_t decode(const char *s, unsigned *out, size_t max)
{
	size_t n = 0, left = strlen(s), k;
	uint32_t c;

	for (; left > 0; s += k, left -= k) {
		k = utf8_decode(s, left, &c);
		if (k == 0)
			c = (unsigned char)*s, k = 1;
		else if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (n == max)
			return max + 1;
		out[n++] = c;
	}
	return n;
}

size_t schema_hints_edit_distance(const char *a, const char *b, size_t limit)
{
	unsigned x[HINT_MAX_CHARS], y[HINT_MAX_CHARS];
	size_t rows[3][HINT_MAX_CHARS + 1];
	size_t n = decode(a, x, HINT_MAX_CHARS), m = decode(b, y, HINT_MAX_CHARS);
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2], *t;

	if (n > HINT_MAX_CHARS || m > HINT_MAX_CHARS)
		return limit + 1;
	if ((n > m ? n - m : m - n) > limit)
		return limit + 1;
	/* Levenshtein with a swap of two neighbours as one edit (cdoe for
	 * code), keeping the last two rows. */
	for (size_t j = 0; j <= m; j++)
		prev[j] = j;
	for (size_t i = 1; i <= n; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t best = prev[j - 1] + (x[i - 1] != y[j - 1]);

			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 && x[i - 1] == y[j - 2] &&
			    x[i - 2] == y[j - 1] && prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			cur[j] = best;
		}
		t = prev2, prev2 = prev, prev = cur, cur = t;
	}
	return prev[m] > limit ? limit + 1 : prev[m];
}

static int is_total_cell(const char *s)
{
	static const char *const words[] = { "合计", "总计", "小计", "共计" };
	char t[32];
	size_t n = 0;

	/* Every cell of every row comes here (a 合计 row may be anywhere
	 * below the data): a cell whose first character, after any spaces,
	 * is not one of the four words' lead byte (合 E5 90 88, 总 E6 80 BB,
	 * 小 E5 B0 8F, 共 E5 85 B1) is answered without copying it. */
	while (*s == ' ')
		s++;
	if ((unsigned char)*s != 0xE5 && (unsigned char)*s != 0xE6 &&
	    strncmp(s, "\xE3\x80\x80", 3) != 0)
		return 0;
	/* 合 计 and 合　计 are written to fill a wide cell */
	for (; *s && n + 1 < sizeof(t); s++) {
		if (*s == ' ')
			continue;
		if (strncmp(s, "\xE3\x80\x80", 3) == 0) {
			s += 2;
			continue;
		}
		t[n++] = *s;
	}
	if (*s)
		return 0;
	t[n] = '\0';
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t wl = strlen(words[i]);

		if (strncmp(t, words[i], wl) == 0 &&
		    (t[wl] == '\0' || strcmp(t + wl, ":") == 0 ||
		     strcmp(t + wl, "：") == 0))
			return 1;
	}
	return 0;
}

size_t schema_hints_total_cell(const struct csv_row *row)
{
	size_t f = 0;

	while (f < row->nfields && !is_total_cell(row->fields[f].text))
		f++;
	return f;
}

size_t schema_hints_totals_start(const struct csv_table *t, size_t *cell)
{
	size_t r = t->nrows;

	while (r > 1) {
		const struct csv_row *row = &t->rows[r - 1];
		size_t f = schema_hints_total_cell(row);

		if (f == row->nfields)
			break;
		*cell = f;
		r--;
	}
	return r;
}
