#include "model/values.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "load/date.h"
#include "model/halfwidth.h"
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

/* The text of a number or date field to parse: `f->text`, or its half
 * width form in `half` with a warning (the value is unambiguous, only
 * the input method was in 全角 mode).  NULL, with an error, when a space
 * is left inside: 1 234 may be a thousands separator or two numbers. */
const char *value_number_text(const struct csv_field *f, const char *file,
			      const char *what, buf *half, diags *d)
{
	const char *text = f->text;

	if (halfwidth_fold(f->text, half) > 0) {
		text = half->data;
		diag_warning(d, file, f->line, f->col, f->text,
			     "%s“%s”中有全角数字或符号，已按“%s”读取："
			     "请把输入法切换到半角（Shift+空格）后重新输入",
			     what, f->text, text);
	}
	if (strchr(text, ' ')) {
		diag_error(d, file, f->line, f->col, f->text,
			   "%s“%s”中间有空格：请删掉空格，数字要连着写（千位可以用逗号，如 1,024）",
			   what, f->text);
		return NULL;
	}
	return text;
}

int value_long(const struct csv_field *f, const char *file, const char *what,
	       struct value_range r, long *out, diags *d)
{
	buf b = BUF_INIT, half = BUF_INIT;
	const char *text = value_number_text(f, file, what, &half, d);
	char *end;
	long v;
	int ok;

	if (text == NULL)
		return buf_free(&half), -1;
	strip_commas(text, &b);
	errno = 0;
	v = strtol(b.data, &end, 10);
	ok = b.len && *end == '\0' && errno == 0 && b.data[0] != '+' &&
	     b.data[0] != ' ';
	buf_free(&b);
	buf_free(&half);
	if (!ok) {
		diag_error(d, file, f->line, f->col, f->text, "%s“%s”不是整数", what, f->text);
		return -1;
	}
	if (v < r.min || v > r.max) {
		diag_error(d, file, f->line, f->col, f->text,
			   "%s“%s”超出范围：应在 %ld 到 %ld 之间", what, f->text, r.min, r.max);
		return -1;
	}
	*out = v;
	return 0;
}

int value_area(const struct csv_field *f, const char *file, const char *what,
	       long long *out, diags *d)
{
	buf b = BUF_INIT, half = BUF_INIT;
	const char *p, *text = value_number_text(f, file, what, &half, d);
	long long whole = 0, frac = 0;
	int digits = 0, fdigits = 0, ok = 1;

	if (text == NULL)
		return buf_free(&half), -1;
	/* Decimal parsed by hand into hundredths: strtod would round
	 * 0.1 + 0.2 into totals that no longer add up. */
	strip_commas(text, &b);
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
	buf_free(&half);
	if (!ok) {
		diag_error(d, file, f->line, f->col, f->text,
			   "%s“%s”不是有效的数字（平方米，最多两位小数）", what, f->text);
		return -1;
	}
	*out = whole * 100 + frac;
	return 0;
}

/* Says why `text` (f's text in half width) is no date: an Excel serial
 * number, a day the calendar lacks, or a shape not understood. */
static void date_problem(const struct csv_field *f, const char *file,
			 const char *text, diags *d)
{
	struct date t;
	char iso[32];
	size_t n = strspn(text, "0123456789");

	if (n == 5 && text[n] == '\0' &&
	    date_from_excel_serial(strtol(text, NULL, 10), &t) == 0) {
		date_iso(t, iso);
		diag_error(d, file, f->line, f->col, f->text,
			   "日期“%s”是 Excel 的日期序列号（%s？）：这一列被设成了“常规”或“数值”格式。"
			   "请在 Excel/WPS 中选中这一列，右键“设置单元格格式”→“日期”，"
			   "核对日期后再另存为 CSV；也可以直接写成 %s", f->text, iso, iso);
	} else if (date_parse_fields(text, &t) < 0) {
		diag_error(d, file, f->line, f->col, f->text,
			   "日期“%s”无效：应写作 2022-04-01、2022/4/1 或 2022年4月1日", f->text);
	} else if (t.year < 1900 || t.year > 2999) {
		diag_error(d, file, f->line, f->col, f->text,
			   "日期“%s”无效：年份应在 1900 到 2999 之间", f->text);
	} else if (t.month < 1 || t.month > 12) {
		diag_error(d, file, f->line, f->col, f->text,
			   "日期“%s”不存在：没有%d月，请核对后改正", f->text, t.month);
	} else if (t.month == 2 && t.day == 29) {
		diag_error(d, file, f->line, f->col, f->text,
			   "日期“%s”不存在：%d年不是闰年，2月只有28日，请核对后改正",
			   f->text, t.year);
	} else if (t.day == 0) {
		diag_error(d, file, f->line, f->col, f->text,
			   "日期“%s”不存在：没有0日，请核对后改正", f->text);
	} else {
		diag_error(d, file, f->line, f->col, f->text,
			   "日期“%s”不存在：%d月没有%d日（只有%d日），请核对后改正",
			   f->text, t.month, t.day, date_days_in_month(t.year, t.month));
	}
}

int value_date(const struct csv_field *f, const char *file, struct date *out,
	       diags *d)
{
	buf half = BUF_INIT;
	const char *text = value_number_text(f, file, "日期", &half, d);
	int rc = -1;

	if (text && date_parse(text, out) == 0)
		rc = 0;
	else if (text)
		date_problem(f, file, text, d);
	buf_free(&half);
	return rc;
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

int value_slug_valid(const char *s)
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
	buf half = BUF_INIT;

	if (value_slug_valid(f->text))
		return 0;
	/* An id typed in 全角 mode would not match the same id typed
	 * elsewhere in half width: not fixed silently, since every place that
	 * refers to it must change too. */
	if (halfwidth_fold(f->text, &half) > 0 && value_slug_valid(half.data)) {
		diag_error(d, file, f->line, f->col, f->text,
			   "%s“%s”中有全角字符：应写作“%s”。请把输入法切换到半角（Shift+空格）后重新输入",
			   what, f->text, half.data);
		buf_free(&half);
		return -1;
	}
	buf_free(&half);
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
