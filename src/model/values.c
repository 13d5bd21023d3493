#include "model/values.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "model/date.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* Removes thousands separators (ASCII and full-width commas). */
static void strip_commas(const char *s, buf *out)
{
	for (; *s; s++) {
		if (*s == ',')
			continue;
		if (strncmp(s, "，", strlen("，")) == 0) {
			s += strlen("，") - 1;
			continue;
		}
		buf_putc(out, *s);
	}
	buf_cstr(out);
}

int value_long(const struct csv_field *f, const char *file, const char *what,
	       long min, long max, long *out, diags *d)
{
	buf b = BUF_INIT;
	char *end;
	long v;
	int ok;

	strip_commas(f->text, &b);
	errno = 0;
	v = strtol(b.data, &end, 10);
	ok = b.len && *end == '\0' && errno == 0 && b.data[0] != '+' &&
	     b.data[0] != ' ';
	buf_free(&b);
	if (!ok) {
		diag_error(d, file, f->line, f->col, f->text, "%s“%s”不是整数", what, f->text);
		return -1;
	}
	if (v < min || v > max) {
		diag_error(d, file, f->line, f->col, f->text,
			   "%s“%s”超出范围：应在 %ld 到 %ld 之间", what, f->text, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

int value_area(const struct csv_field *f, const char *file, const char *what,
	       long long *out, diags *d)
{
	buf b = BUF_INIT;
	const char *p;
	long long whole = 0, frac = 0;
	int digits = 0, fdigits = 0, ok = 1;

	/* Decimal parsed by hand into hundredths: strtod would round
	 * 0.1 + 0.2 into totals that no longer add up. */
	strip_commas(f->text, &b);
	for (p = b.data; *p >= '0' && *p <= '9' && digits < 13; p++, digits++)
		whole = whole * 10 + (*p - '0');
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++, fdigits++)
			if (fdigits < 2)
				frac = frac * 10 + (*p - '0');
			else if (*p != '0')
				ok = 0; /* finer than 0.01 m² is a typo */
		if (fdigits == 0)
			ok = 0;
	}
	if (fdigits == 1)
		frac *= 10;
	if (digits == 0 || *p != '\0')
		ok = 0;
	buf_free(&b);
	if (!ok) {
		diag_error(d, file, f->line, f->col, f->text,
			   "%s“%s”不是有效的数字（平方米，最多两位小数）", what, f->text);
		return -1;
	}
	*out = whole * 100 + frac;
	return 0;
}

int value_date(const struct csv_field *f, const char *file, struct date *out,
	       diags *d)
{
	if (date_parse(f->text, out) == 0)
		return 0;
	diag_error(d, file, f->line, f->col, f->text,
		   "日期“%s”无效：应写作 2022-04-01、2022/4/1 或 2022年4月1日", f->text);
	return -1;
}

int value_yes_no(const struct csv_field *f, const char *file, int *out,
		 diags *d)
{
	static const char *const yes[] = { "是", "有", "yes", "y", "true", "1", NULL };
	static const char *const no[] = { "否", "无", "no", "n", "false", "0", NULL };

	if (f->len == 0)
		return *out = -1, 0;
	for (size_t i = 0; yes[i]; i++) {
		if (strcmp(f->text, yes[i]) == 0)
			return *out = 1, 0;
		if (strcmp(f->text, no[i]) == 0)
			return *out = 0, 0;
	}
	diag_error(d, file, f->line, f->col, f->text, "“%s”应为“是”或“否”", f->text);
	return -1;
}

int slug_valid(const char *s)
{
	size_t n = 0;

	if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return 0;
	for (; s[n]; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') || s[n] == '-'))
			return 0;
	return n <= 64;
}

int value_slug(const struct csv_field *f, const char *file, const char *what,
	       diags *d)
{
	if (slug_valid(f->text))
		return 0;
	diag_error(d, file, f->line, f->col, f->text,
		   "%s“%s”不能用作网址：只能用小写字母、数字和连字符（-），"
		   "以字母或数字开头，最长 64 个字符", what, f->text);
	return -1;
}

/* Length of the separator at `s`, 0 if none: ; and , or, in UTF-8,
 * ；(EF BC 9B) ，(EF BC 8C) and 、(E3 80 81).  Byte by byte, each test
 * stopping at the first that differs, so nothing past the NUL is read:
 * this runs for every byte of every list in a table. */
static size_t separator_len(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] == ';' || u[0] == ',')
		return 1;
	if (u[0] == 0xEF && u[1] == 0xBC && (u[2] == 0x9B || u[2] == 0x8C))
		return 3;
	if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x81)
		return 3;
	return 0;
}

size_t value_parts_split(struct value_parts *v, const char *s)
{
	size_t len = strlen(s), cap = 1;
	char *p, *start;

	v->text = xgrow(v->text, &v->text_cap, len + 1, 1);
	memcpy(v->text, s, len + 1);
	for (p = v->text; *p; p++)
		if (separator_len(p))
			cap++;
	v->part = xgrow(v->part, &v->part_cap, cap, sizeof(*v->part));
	v->n = 0;
	for (p = start = v->text;; p++) {
		int end = *p == '\0';
		size_t sl = end ? 1 : separator_len(p);
		char *b = start, *e = p;

		if (sl == 0)
			continue;
		while (b < e && (*b == ' ' || *b == '\t'))
			b++;
		while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (e > b) {
			*e = '\0'; /* the separator or a blank: read already */
			v->part[v->n++] = b;
		}
		if (end)
			break;
		p += sl - 1;
		start = p + 1;
	}
	return v->n;
}

void value_parts_free(struct value_parts *v)
{
	free(v->text);
	free(v->part);
	*v = (struct value_parts)VALUE_PARTS_INIT;
}

size_t value_split(const char *s, arena *a, const char ***out)
{
	struct value_parts v = VALUE_PARTS_INIT;
	size_t n = value_parts_split(&v, s);
	const char **parts = arena_array(a, n + 1, sizeof(*parts));

	for (size_t i = 0; i < n; i++)
		parts[i] = arena_strdup(a, v.part[i]);
	value_parts_free(&v);
	*out = parts;
	return n;
}
