/* personal_find(): residents' phone numbers, ID numbers and names in a
 * text meant for a public page (model/personal.h). */
#include "model/personal.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/utf8.h"

/* The digit at `s` (ASCII or full width ０-９) into *v and its length in
 * bytes; 0 when there is none. */
static size_t digit_at(const char *s, int *v)
{
	if (*s >= '0' && *s <= '9')
		return *v = *s - '0', 1;
	if ((unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBC &&
	    (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99)
		return *v = (unsigned char)s[2] - 0x90, 3;
	return 0;
}

/* A separator inside a phone number: space, dash, a closing bracket
 * after the area code; its length, or 0. */
static size_t separator_at(const char *s)
{
	static const char *const seps[] = { " ", "-", "－", "—", ")", "）", "　" };

	for (size_t i = 0; i < sizeof(seps) / sizeof(seps[0]); i++)
		if (strncmp(s, seps[i], strlen(seps[i])) == 0)
			return strlen(seps[i]);
	return 0;
}

enum { MAX_GROUPS = 8, MAX_DIGITS = 40 };

/* A run of digits in groups split by single separators. */
struct run {
	char digits[MAX_DIGITS + 1];
	size_t ndigits;
	size_t group_start[MAX_GROUPS]; /* index into digits */
	size_t group_at[MAX_GROUPS], group_end[MAX_GROUPS]; /* bytes */
	size_t ngroups;
	int check_x; /* the last group is followed by X or x (ID numbers) */
};

static size_t read_run(const char *s, size_t at, struct run *r)
{
	size_t p = at;
	int v;

	memset(r, 0, sizeof(*r));
	for (;;) {
		size_t n = digit_at(s + p, &v), sep;

		if (n == 0)
			break;
		r->group_start[r->ngroups] = r->ndigits;
		r->group_at[r->ngroups] = p;
		while ((n = digit_at(s + p, &v)) > 0) {
			if (r->ndigits < MAX_DIGITS)
				r->digits[r->ndigits++] = (char)('0' + v);
			p += n;
		}
		r->group_end[r->ngroups++] = p;
		sep = separator_at(s + p);
		if (r->ngroups == MAX_GROUPS || sep == 0 || digit_at(s + p + sep, &v) == 0)
			break;
		p += sep;
	}
	r->check_x = s[p] == 'X' || s[p] == 'x';
	return p;
}

static int birth_date_ok(int y, int m, int d)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1];
}

static int num(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

int personal_id18_valid(const char *s)
{
	static const int weight[] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char check[] = "10X98765432";
	int sum = 0;

	for (size_t i = 0; i < 17; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		sum += (s[i] - '0') * weight[i];
	}
	if (!birth_date_ok(num(s + 6, 4), num(s + 10, 2), num(s + 12, 2)))
		return 0;
	return check[sum % 11] == (s[17] == 'x' ? 'X' : s[17]);
}

static int id15_valid(const char *s)
{
	return s[0] >= '1' && s[0] <= '8' &&
	       birth_date_ok(1900 + num(s + 6, 2), num(s + 8, 2), num(s + 10, 2));
}

static int allowed(const char *digits, size_t n, const char *const *allow,
		   size_t nallow)
{
	for (size_t i = 0; i < nallow; i++) {
		size_t k = 0;
		const char *a = allow[i];

		for (; *a; a++) {
			if (*a < '0' || *a > '9')
				continue;
			if (k >= n || digits[k] != *a)
				break;
			k++;
		}
		if (*a == '\0' && k == n)
			return 1;
	}
	return 0;
}

static void hit_set(struct personal_hit *h, enum personal_kind k, size_t at,
		    size_t end)
{
	h->kind = k;
	h->at = at;
	h->len = end - at;
}

/* Groups first..last of `r` as one number: a phone or an ID number. */
static enum personal_kind classify(const struct run *r, size_t first, size_t last,
				   const char *const *allow, size_t nallow,
				   struct personal_hit *h)
{
	const char *d = r->digits + r->group_start[first];
	size_t n = (last + 1 < r->ngroups ? r->group_start[last + 1] : r->ndigits) -
		   r->group_start[first];
	size_t at = r->group_at[first], end = r->group_end[last];

	if (first == last && last + 1 == r->ngroups && n == 17 && r->check_x) {
		char id[19];

		memcpy(id, d, 17);
		id[17] = 'X';
		id[18] = '\0';
		if (personal_id18_valid(id)) {
			hit_set(h, PERSONAL_ID, at, end + 1);
			snprintf(h->masked, sizeof(h->masked), "%.6s********%.3sX", d, d + 14);
			return PERSONAL_ID;
		}
	}
	if (first == last && ((n == 18 && personal_id18_valid(d)) || (n == 15 && id15_valid(d)))) {
		hit_set(h, PERSONAL_ID, at, end);
		snprintf(h->masked, sizeof(h->masked), "%.6s%s%.4s", d,
			 n == 18 ? "********" : "*****", d + n - 4);
		return PERSONAL_ID;
	}
	if (n == 13 && d[0] == '8' && d[1] == '6' && d[2] == '1')
		d += 2, n -= 2; /* +86 */
	if (n == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9' && !allowed(d, n, allow, nallow)) {
		hit_set(h, PERSONAL_MOBILE, at, end);
		snprintf(h->masked, sizeof(h->masked), "%.3s****%.4s", d, d + 7);
		return PERSONAL_MOBILE;
	}
	if (n >= 10 && n <= 12 && d[0] == '0' && d[1] != '0' && !allowed(d, n, allow, nallow)) {
		size_t area = first < last ? r->group_start[first + 1] - r->group_start[first] : 4;

		if (area < 3 || area > 4)
			area = 4;
		hit_set(h, PERSONAL_LANDLINE, at, end);
		snprintf(h->masked, sizeof(h->masked), "%.*s-***%.4s", (int)area, d, d + n - 4);
		return PERSONAL_LANDLINE;
	}
	return PERSONAL_NONE;
}

static enum personal_kind find_numbers(const char *text, const char *const *allow,
				       size_t nallow, struct personal_hit *h)
{
	int prev_digit = 0, v;

	for (size_t p = 0; text[p];) {
		size_t n = digit_at(text + p, &v);
		struct run r;

		if (n == 0) {
			prev_digit = 0;
			p++;
			continue;
		}
		if (prev_digit) {
			p += n;
			continue;
		}
		p = read_run(text, p, &r);
		prev_digit = 1;
		for (size_t i = 0; i < r.ngroups; i++)
			for (size_t j = r.ngroups; j-- > i;)
				if (classify(&r, i, j, allow, nallow, h) != PERSONAL_NONE)
					return h->kind;
	}
	return PERSONAL_NONE;
}

/* Chinese characters (the CJK Unified Ideographs block, 〇 excluded). */
static size_t han_at(const char *s, uint32_t *cp)
{
	size_t n = *s ? utf8_decode(s, strlen(s) < 4 ? strlen(s) : 4, cp) : 0;

	return n && *cp >= 0x4E00 && *cp <= 0x9FFF ? n : 0;
}

static size_t starts(const char *s, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strncmp(s, words[i], strlen(words[i])) == 0)
			return strlen(words[i]);
	return 0;
}

/* Words that stand in for a person or name a body, not a resident. */
static int stand_in(const char *s, size_t len)
{
	static const char *const words[] = {
		"某", "无", "匿名", "不详", "未留", "本人", "居民", "业主", "住户", "社区",
		"居委", "物业", "街道", "公司", "单位", "部门", "办", "网格", "楼长",
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		const char *w = strstr(s, words[i]);

		if (w && (size_t)(w - s) < len)
			return 1;
	}
	return 0;
}

/* Up to `max` Chinese characters at `s`: their byte length and count. */
static size_t han_span(const char *s, size_t max, size_t *count)
{
	uint32_t cp;
	size_t p = 0, n;

	*count = 0;
	while (*count < max && (n = han_at(s + p, &cp)) > 0) {
		p += n;
		(*count)++;
	}
	return p;
}

static void mask_name(struct personal_hit *h, const char *label, size_t llen,
		      const char *name, size_t count)
{
	size_t first = 0;
	uint32_t cp;

	first = han_at(name, &cp);
	snprintf(h->masked, sizeof(h->masked), "%.*s%.*s%s%s", (int)llen, label,
		 (int)first, name, count > 2 ? "**" : "*", "");
}

/* A label then a name: 姓名：张三, 联系人：李四, 联系人李四，… */
static enum personal_kind find_labelled(const char *text, struct personal_hit *h)
{
	static const char *const labels[] = { "姓名", "联系人", "户主", "反映人", "来电人",
					      "投诉人", "署名" };
	static const char *const colons[] = { "：", ":", "是", "为", " " };

	for (const char *p = text; *p; p++) {
		size_t l = starts(p, labels, sizeof(labels) / sizeof(labels[0]));
		size_t c, len, count;
		const char *name;
		uint32_t cp;

		if (l == 0)
			continue;
		c = starts(p + l, colons, sizeof(colons) / sizeof(colons[0]));
		name = p + l + c;
		len = han_span(name, c ? 4 : 3, &count);
		if (count < 2 || stand_in(name, len))
			continue;
		/* Without a colon the name must end there: 联系人李四， is a
		 * name, 联系人员上门 is not. */
		if (!c && han_at(name + len, &cp))
			continue;
		hit_set(h, PERSONAL_NAME, (size_t)(p - text), (size_t)(name + len - text));
		mask_name(h, p, (size_t)(name - p), name, count);
		return PERSONAL_NAME;
	}
	return PERSONAL_NONE;
}

/* 3号楼2单元501室 (or 501号, 501户): the byte length of a room number
 * with its 单元 or 号楼 at `s`, 0 when there is none. */
static size_t room_at(const char *s)
{
	static const char *const parts[] = { "号楼", "栋", "幢", "单元" };
	static const char *const room[] = { "室", "号", "户" };
	size_t p = 0, kinds = 0, k;
	int v;

	for (;;) {
		size_t d = 0, n;

		while ((n = digit_at(s + p + d, &v)) > 0)
			d += n;
		if (d == 0)
			return 0;
		if ((k = starts(s + p + d, parts, 4)) > 0) {
			p += d + k;
			kinds++;
			continue;
		}
		if (kinds && (k = starts(s + p + d, room, 3)) > 0)
			return p + d + k;
		return 0;
	}
}

/* A surname and an honorific (王先生, 李阿姨) at `s`: its length. */
static size_t honorific_at(const char *s)
{
	static const char *const titles[] = { "先生", "女士", "阿姨", "大爷", "大妈",
					      "奶奶", "爷爷", "师傅", "老师" };
	uint32_t cp;
	size_t n = han_at(s, &cp), t;

	if (n == 0 || strncmp(s, "某", n) == 0)
		return 0;
	t = starts(s + n, titles, sizeof(titles) / sizeof(titles[0]));
	return t ? n + t : 0;
}

/* A room number with a name: 501室王先生, 501室居民张伟, or a room
 * number and a 王先生 anywhere in the same text. */
static enum personal_kind find_room(const char *text, struct personal_hit *h)
{
	static const char *const roles[] = { "居民", "住户", "业主", "户主" };
	size_t room = 0, room_len = 0, name = 0, name_len = 0;
	int have_room = 0, have_name = 0;

	for (size_t p = 0; text[p]; p++) {
		size_t n, r, count, len;
		uint32_t cp;

		if (!have_room && (n = room_at(text + p)) > 0) {
			room = p, room_len = n, have_room = 1;
			r = starts(text + p + n, roles, 4);
			len = han_span(text + p + n + r, 3, &count);
			if (r && count >= 2 && !han_at(text + p + n + r + len, &cp) &&
			    !stand_in(text + p + n + r, len)) {
				name = p + n + r, name_len = len, have_name = 1;
				break;
			}
		}
		if (!have_name && (n = honorific_at(text + p)) > 0)
			name = p, name_len = n, have_name = 1;
	}
	if (!have_room || !have_name)
		return PERSONAL_NONE;
	hit_set(h, PERSONAL_ROOM, room < name ? room : name,
		room < name ? name + name_len : room + room_len);
	{
		uint32_t cp;
		size_t first = han_at(text + name, &cp);

		snprintf(h->masked, sizeof(h->masked), "%.*s、%.*s*", (int)room_len,
			 text + room, (int)first, text + name);
	}
	return PERSONAL_ROOM;
}

enum personal_kind personal_find(const char *text, const char *const *allow,
				 size_t nallow, struct personal_hit *hit)
{
	memset(hit, 0, sizeof(*hit));
	if (find_numbers(text, allow, nallow, hit) != PERSONAL_NONE ||
	    find_labelled(text, hit) != PERSONAL_NONE ||
	    find_room(text, hit) != PERSONAL_NONE)
		return hit->kind;
	return PERSONAL_NONE;
}

const char *personal_kind_name(enum personal_kind k)
{
	switch (k) {
	case PERSONAL_MOBILE:
		return "手机号码";
	case PERSONAL_LANDLINE:
		return "固定电话";
	case PERSONAL_ID:
		return "身份证号码";
	case PERSONAL_NAME:
		return "姓名";
	case PERSONAL_ROOM:
		return "门牌号和姓名";
	case PERSONAL_NONE:
		break;
	}
	return "";
}
