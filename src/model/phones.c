/* Phone numbers: what Excel and typing do to them, caught before they
 * reach a notice or a tel: link.  See phones.h. */
#include "model/phones.h"

#include <string.h>

#include "model/halfwidth.h"

/* The digits of one number and where its first group ends. */
struct number {
	char d[64];    /* its digits, NUL-terminated */
	int n;	       /* how many (more are counted but not kept) */
	int first;     /* digits in the first group (before - space ( ) ) */
	int groups;    /* groups of digits */
	int last;      /* digits in the last group */
	int plus;      /* written with a + */
};

static int is_number_char(char c)
{
	return (c >= '0' && c <= '9') || c == '-' || c == ' ' || c == '(' ||
	       c == ')' || c == '+';
}

static void read_number(const char *s, size_t len, struct number *x)
{
	int in_group = 0, g = 0;

	memset(x, 0, sizeof(*x));
	for (size_t i = 0; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (!in_group)
				x->groups++, g = 0;
			in_group = 1;
			g++;
			if (x->n < (int)sizeof(x->d) - 1)
				x->d[x->n] = s[i];
			x->n++;
			if (x->groups == 1)
				x->first = g;
			x->last = g;
		} else {
			x->plus |= s[i] == '+';
			in_group = 0;
		}
	}
	x->d[x->n < (int)sizeof(x->d) ? x->n : (int)sizeof(x->d) - 1] = '\0';
}

/* +86 / 0086 in front of a mobile number is the country code. */
static void drop_country_code(struct number *x)
{
	int k = 0;

	if (x->n == 13 && strncmp(x->d, "86", 2) == 0 && x->d[2] == '1')
		k = 2;
	else if (x->n == 15 && strncmp(x->d, "0086", 4) == 0 && x->d[4] == '1')
		k = 4;
	if (k == 0)
		return;
	memmove(x->d, x->d + k, (size_t)(x->n - k + 1));
	x->n -= k;
	x->first = x->groups == 1 ? x->n : x->first - k;
}

/* One number: the rules of Chinese numbering (GB/T 13154 style):
 * mobiles are 11 digits from 1; fixed lines are an area code 0XX or 0XXX
 * and 7 or 8 digits, perhaps an extension after a third group; local
 * numbers 7-8 digits from 2-9; service numbers (110, 12345, 95598)
 * 3-6 digits. */
static enum phone_verdict judge(const char *s, size_t len, buf *fix, int *digits)
{
	struct number x;
	int main_n;

	read_number(s, len, &x);
	drop_country_code(&x);
	*digits = x.n;
	if (x.n == 11 && x.d[0] == '1')
		return PHONE_OK;
	if (x.d[0] == '0') {
		/* 0632-4411234-801: the third group is an extension */
		main_n = x.groups >= 3 && x.last <= 5 ? x.n - x.last : x.n;
		return main_n >= 10 && main_n <= 12 ? PHONE_OK : PHONE_LENGTH;
	}
	if (x.groups >= 2 && x.first >= 2 && x.first <= 3 &&
	    x.n - x.first >= 7 && x.n - x.first <= 8 && !x.plus) {
		if (fix) {
			while (len && *s == ' ')
				s++, len--;
			while (len && s[len - 1] == ' ')
				len--;
			buf_reset(fix);
			buf_putc(fix, '0');
			buf_put(fix, s, len);
		}
		return PHONE_LOST_ZERO;
	}
	if (x.d[0] == '1')
		return x.n <= 5 ? PHONE_OK : PHONE_MOBILE_LENGTH;
	if (x.n <= 8)
		return PHONE_OK;
	if (x.n >= 10 && x.n <= 11 && x.groups == 1) {
		if (fix) {
			buf_reset(fix);
			buf_printf(fix, "0%s", x.d);
		}
		return PHONE_LOST_ZERO;
	}
	return PHONE_LENGTH;
}

/* 1.38E+10, 1.38123e10, 6E+10: what Excel writes for a long number in a
 * General cell once the column is too narrow or the CSV is saved. */
static int scientific(const char *s)
{
	const char *p = s;

	if (!(*p >= '0' && *p <= '9'))
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	}
	if (*p != 'E' && *p != 'e')
		return 0;
	p++;
	if (*p == '+')
		p++;
	if (!(*p >= '0' && *p <= '9'))
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	return *p == '\0';
}

/* Judges a run that holds spaces piece by piece too: two numbers side by
 * side (0632-4411234 13812345678) are not one long number, when each
 * piece is a whole number (7 digits or more).  A lost zero
 * is judged on the whole run, where 632 4411234 shows it. */
static enum phone_verdict judge_run(const char *s, size_t len, buf *fix,
				    int *digits)
{
	enum phone_verdict v = judge(s, len, fix, digits);
	size_t i = 0;

	if (v != PHONE_LENGTH && v != PHONE_MOBILE_LENGTH)
		return v;
	if (memchr(s, ' ', len) == NULL)
		return v;
	while (i < len) {
		size_t j = i, k;
		int n;

		while (j < len && s[j] != ' ')
			j++;
		for (k = i; k < j && !(s[k] >= '0' && s[k] <= '9'); k++)
			;
		/* a piece too short to be a number of its own is a group
		 * of this one: 138 1234 56789 is one number, too long */
		if (k < j && (judge(s + i, j - i, NULL, &n) != PHONE_OK || n < 7))
			return v;
		i = j + 1;
	}
	return PHONE_OK;
}

enum phone_verdict phones_check(const char *s, buf *fix, int *digits)
{
	int n = 0;

	if (digits)
		*digits = 0;
	if (scientific(s))
		return PHONE_SCIENTIFIC;
	for (const char *p = s; *p;) {
		size_t len = 0, ndig = 0;
		enum phone_verdict v;

		while (p[len] && is_number_char(p[len]))
			ndig += p[len] >= '0' && p[len] <= '9', len++;
		/* fewer than 3 digits: a count or a house number, not a phone */
		if (ndig >= 3 && (v = judge_run(p, len, fix, &n)) != PHONE_OK) {
			if (digits)
				*digits = n;
			return v;
		}
		p += len ? len : 1;
	}
	return PHONE_OK;
}

/* How to stop Excel doing it again, said once for every damaged phone. */
#define PHONE_TEXT_FORMAT \
	"请在 Excel/WPS 中选中这一列，右键“设置单元格格式”→“文本”，" \
	"重新输入完整的号码，再另存为 CSV"

/* What phones_check said of a number: its verdict, the number with its
 * 0 back (PHONE_LOST_ZERO), the count of its digits. */
struct phone_result {
	enum phone_verdict v;
	const char *fix;
	int digits;
};

/* Reports the bad number in field `f` of `file` (`what` names the
 * column). */
static void report(const struct phone_result *r, const struct csv_field *f,
		   const char *file, const char *what, diags *d)
{
	const char *shown = f->text, *fix = r->fix;
	int digits = r->digits;

	switch (r->v) {
	case PHONE_SCIENTIFIC:
		diag_error(d, file, f->line, f->col, f->text,
			   "%s“%s”是科学计数法：Excel 把电话号码当成了数字，"
			   "只留下了前几位，后面的数字已经丢失、无法还原。"
			   PHONE_TEXT_FORMAT, what, shown);
		break;
	case PHONE_LOST_ZERO:
		diag_error(d, file, f->line, f->col, f->text,
			   "%s“%s”丢了区号开头的 0（应为“%s”？）：Excel 把它当成了数字，"
			   "去掉了开头的 0。" PHONE_TEXT_FORMAT, what, shown, fix);
		break;
	case PHONE_MOBILE_LENGTH:
		diag_error(d, file, f->line, f->col, f->text,
			   "%s“%s”有 %d 位数字：手机号码应为 11 位，请核对后重新输入",
			   what, shown, digits);
		break;
	case PHONE_LENGTH:
		diag_error(d, file, f->line, f->col, f->text,
			   "%s“%s”的位数不对（%d 位数字）：固定电话应为区号加 7 或 8 位号码"
			   "（如 0632-4411234），手机号码为 11 位", what, shown, digits);
		break;
	case PHONE_OK:
		break;
	}
}

const char *phones_value(const struct csv_field *f, const char *file,
			 const char *what, arena *a, diags *d)
{
	buf half = BUF_INIT, fix = BUF_INIT;
	const char *out = f->text;
	struct phone_result r;

	if (f->len == 0)
		return f->text;
	if (halfwidth_fold(f->text, &half) > 0) {
		out = arena_strdup(a, half.data);
		diag_warning(d, file, f->line, f->col, f->text,
			     "%s“%s”中有全角数字或符号，已按“%s”读取："
			     "请把输入法切换到半角（Shift+空格）后重新输入",
			     what, f->text, out);
	}
	r.v = phones_check(out, &fix, &r.digits);
	if (r.v != PHONE_OK) {
		r.fix = buf_cstr(&fix);
		report(&r, f, file, what, d);
		out = "";
	}
	buf_free(&half);
	buf_free(&fix);
	return out;
}
