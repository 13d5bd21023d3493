/* Front matter of the simplest kind: every line is
 *
 *	KEY: VALUE\n
 *
 * with KEY one of title, summary, date at the start of the line, one or
 * more spaces after the colon, and a VALUE that
 *  - starts with an ASCII letter or digit or a non-ASCII character, so
 *    with no YAML indicator (- ? : , [ ] { } # & * ! | > ' " % @ `);
 *  - holds no : # , [ ] { } (which could end a plain scalar or start a
 *    comment), no tab, CR or other control character, and no character
 *    libyaml refuses in its input or takes for a line break: only
 *    U+0020-U+007E, U+00A0-U+D7FF and U+E000-U+FFFD without U+2028 and
 *    U+2029, and U+10000-U+10FFFF; nor, to be safe, U+FEFF, which
 *    libyaml skips at the start of a line;
 *  - does not end in a space (a plain scalar drops trailing blanks);
 *  - is valid UTF-8, and has no invisible character (util/invisible.h),
 *    which yamldoc warns of.
 * libyaml reads such a text as a block mapping at column 0 whose keys are
 * the KEYs, in order, each at column 1 of its line, and whose values are
 * single-line plain scalars: a plain scalar in block context ends only
 * at ": ", " #" or a line break, and the next line, at column 0, is left
 * of its indentation, so each value is exactly VALUE, starting at the
 * column after the spaces (the KEY and spaces are ASCII: columns are
 * bytes).  A text with a KEY twice is not of this kind: yamldoc
 * reports the repeat.  An empty text has no lines and gives libyaml no
 * document.  content.c reads that
 * mapping into the page the same way; test_front_matter.c compares the
 * two on many texts just inside and just outside these rules. */
#include "load/front_simple.h"

#include <string.h>

#include "load/date.h"
#include "util/invisible.h"
#include "util/utf8.h"

/* Lines in the simplest front matter: each of the three keys at most
 * once (a repeat is an error, left to libyaml's reading to report). */
enum { MAX_LINES = 3, MAX_DATE = 64 };

struct line {
	const char *key;   /* "title", "summary" or "date"; static */
	const char *value; /* in the text: not NUL-terminated */
	size_t len;
	unsigned col; /* of the value, 1-based */
};

static int ascii_alnum(unsigned c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int plain_char(unsigned long cp)
{
	if (cp < 0x80)
		return cp >= 0x20 && cp != 0x7F && strchr(":#,[]{}", (int)cp) == NULL;
	return cp >= 0xA0 && cp != 0x2028 && cp != 0x2029 && cp != 0xFEFF &&
	       cp != 0xFFFE && cp != 0xFFFF;
}

/* A value with an invisible character goes to libyaml's reading, after
 * which yamlguard warns of it. */
static int has_invisible(const unsigned char *v, size_t n)
{
	size_t at;

	return invisible_find((const char *)v, n, &at) != 0;
}

/* 1 when the `n` bytes at `v` are a VALUE as above. */
static int plain_value(const unsigned char *v, size_t n)
{
	size_t k;
	uint32_t cp;

	if (n == 0 || !(ascii_alnum(v[0]) || v[0] >= 0x80) || v[n - 1] == ' ' ||
	    utf8_valid_prefix((const char *)v, n) != n || has_invisible(v, n))
		return 0;
	for (size_t i = 0; i < n; i += k) {
		k = utf8_decode((const char *)v + i, n - i, &cp); /* valid: > 0 */
		if (!plain_char(cp))
			return 0;
	}
	return 1;
}

/* The length of the line at `s` up to its \n, when it is a KEY: VALUE
 * line, with *out set; 0 when it is not. */
static size_t simple_line(const char *s, const char *end, struct line *out)
{
	static const char *const keys[] = { "title", "summary", "date" };
	const char *eol = memchr(s, '\n', (size_t)(end - s)), *v;
	size_t n;

	if (eol == NULL)
		return 0;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		n = strlen(keys[i]);
		if ((size_t)(eol - s) > n + 1 && memcmp(s, keys[i], n) == 0 &&
		    s[n] == ':' && s[n + 1] == ' ')
			break;
		n = 0;
	}
	if (n == 0)
		return 0;
	for (v = s + n + 1; v < eol && *v == ' '; v++)
		continue;
	if (!plain_value((const unsigned char *)v, (size_t)(eol - v)))
		return 0;
	*out = (struct line){ s[0] == 't' ? "title" : s[0] == 's' ? "summary" : "date",
			      v, (size_t)(eol - v), (unsigned)(v - s) + 1 };
	return (size_t)(eol - s);
}

void front_simple_set_date(struct page *p, const char *s, const char *display,
			   unsigned line, unsigned col, diags *d)
{
	if (date_parse(s, &p->date) < 0)
		diag_error(d, display, line, col, s,
			   "日期“%s”无效：应写作 2022-04-01、2022/4/1 或 2022年4月1日", s);
}

/* As content.c's read_front_matter does with the value of `l`, on line
 * `lineno` of the file. */
static void apply(struct page *p, const struct line *l, unsigned lineno,
		  const char *display, arena *a, diags *d)
{
	char date[MAX_DATE];

	if (l->key[0] == 't') {
		p->title = arena_strndup(a, l->value, l->len);
	} else if (l->key[0] == 's') {
		p->summary = arena_strndup(a, l->value, l->len);
	} else {
		memcpy(date, l->value, l->len);
		date[l->len] = '\0';
		front_simple_set_date(p, date, display, lineno, l->col, d);
	}
}

/* The lines of `fm` into `lines` (room for MAX_LINES): their count, or
 * -1 when `fm` is not of the simplest kind. */
static int simple_lines(const char *fm, size_t len, struct line *lines)
{
	const char *s = fm, *end = fm + len;
	int n = 0;
	size_t k;

	for (; s < end; s += k + 1, n++) {
		if (n == MAX_LINES || (k = simple_line(s, end, &lines[n])) == 0 ||
		    (lines[n].key[0] == 'd' && lines[n].len >= MAX_DATE))
			return -1;
		/* A repeated key is an error libyaml's reading reports. */
		for (int j = 0; j < n; j++)
			if (lines[j].key == lines[n].key)
				return -1;
	}
	return n;
}

int front_simple_is(const char *fm, size_t len)
{
	struct line lines[MAX_LINES];

	return simple_lines(fm, len, lines) >= 0;
}

int front_simple_read(struct page *p, const char *fm, size_t len,
		      const char *display, arena *a, diags *d)
{
	struct line lines[MAX_LINES];
	/* Every line is looked at before anything is read: a text that is
	 * not simple after all must reach libyaml untouched. */
	int n = simple_lines(fm, len, lines);

	/* The front matter's first line is the file's second. */
	for (int i = 0; i < n; i++)
		apply(p, &lines[i], (unsigned)i + 2, display, a, d);
	return n < 0 ? -1 : 0;
}
