/* Invisible characters in names (invisible.h says which and why). */
#include "util/invisible.h"

#include <string.h>

#include "util/utf8.h"

struct invisible {
	unsigned long cp;
	const char *name;
};

/* Sorted by code point. */
static const struct invisible table[] = {
	{ 0x00AD, "软连字符" },	    { 0x061C, "阿拉伯字母标记" },
	{ 0x180E, "蒙古文元音分隔符" }, { 0x200B, "零宽空格" },
	{ 0x200C, "零宽不连字" },	    { 0x200D, "零宽连字" },
	{ 0x200E, "从左到右标记" },	    { 0x200F, "从右到左标记" },
	{ 0x202A, "从左到右嵌入" },	    { 0x202B, "从右到左嵌入" },
	{ 0x202C, "方向格式结束" },	    { 0x202D, "从左到右覆盖" },
	{ 0x202E, "从右到左覆盖" },	    { 0x2060, "词连接符" },
	{ 0x2061, "不可见函数符" },	    { 0x2062, "不可见乘号" },
	{ 0x2063, "不可见分隔符" },	    { 0x2064, "不可见加号" },
	{ 0x2066, "从左到右隔离" },	    { 0x2067, "从右到左隔离" },
	{ 0x2068, "第一强方向隔离" },   { 0x2069, "方向隔离结束" },
	{ 0xFEFF, "零宽不换行空格" },
};

static const struct invisible *lookup(unsigned long cp)
{
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]) && table[i].cp <= cp; i++)
		if (table[i].cp == cp)
			return &table[i];
	return NULL;
}

/* The code point of the 2- or 3-byte sequence at `u` (lead byte C2, D8,
 * E1, E2 or EF: those of the set), its length in *n; 0 for others and
 * for an invalid sequence. */
static unsigned long decode(const unsigned char *u, size_t left, size_t *n)
{
	uint32_t cp;

	if (u[0] == 0xC2 || u[0] == 0xD8 || u[0] == 0xE1 || u[0] == 0xE2 || u[0] == 0xEF) {
		*n = utf8_decode((const char *)u, left, &cp);
		if (*n > 0)
			return cp;
	}
	*n = 1;
	return 0;
}

/* The lead bytes of the set (decode's). */
static const unsigned char lead_byte[256] = {
	[0xC2] = 1, [0xD8] = 1, [0xE1] = 1, [0xE2] = 1, [0xEF] = 1,
};

/* Names are mostly Chinese (lead bytes E4-E9) and ASCII: only the five
 * lead bytes of the set are decoded, each other byte passed by one look
 * in a table (every cell of every table is searched: 2.7 million at
 * 550,000 photos). */
unsigned long invisible_find(const char *s, size_t len, size_t *at)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n;

	for (size_t i = 0; i < len; i += n) {
		unsigned long cp;

		if (!lead_byte[u[i]]) {
			n = 1;
			continue;
		}
		cp = decode(u + i, len - i, &n);

		if (cp && lookup(cp)) {
			*at = i;
			return cp;
		}
	}
	return 0;
}

const char *invisible_name(unsigned long cp)
{
	const struct invisible *v = lookup(cp);

	return v ? v->name : "";
}

void invisible_show(buf *out, const char *s, size_t len)
{
	size_t at;
	unsigned long cp;

	while ((cp = invisible_find(s, len, &at)) != 0) {
		size_t n;

		decode((const unsigned char *)s + at, len - at, &n);
		buf_put(out, s, at);
		buf_printf(out, "<U+%04lX>", cp);
		s += at + n;
		len -= at + n;
	}
	buf_put(out, s, len);
	buf_cstr(out);
}

/* Appends `n` bytes of a name as file-name characters. */
static void put_file_chars(buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		buf_putc(out, c == '/' || c == '\\' || c < 0x20 || c == 0x7F ? '_' : s[i]);
	}
}

void invisible_file_name(buf *out, const char *name)
{
	size_t len = strlen(name), at, n;

	while (invisible_find(name, len, &at)) {
		put_file_chars(out, name, at);
		decode((const unsigned char *)name + at, len - at, &n);
		name += at + n;
		len -= at + n;
	}
	put_file_chars(out, name, len);
	buf_cstr(out);
}

int invisible_warn(diags *d, struct diag_at where, const char *s, size_t len,
		   const char *fix)
{
	size_t at;
	unsigned long cp = invisible_find(s, len, &at);
	buf shown = BUF_INIT;

	if (cp == 0)
		return 0;
	invisible_show(&shown, s, len);
	diag_warning(d, where.file, where.line, where.col, shown.data,
		     "“%s”里有看不见的字符 U+%04lX（%s），它会让文字显示得和实际不同，"
		     "或让两个看起来一样的名称互不相同；%s",
		     shown.data, cp, invisible_name(cp), fix);
	buf_free(&shown);
	return 1;
}
