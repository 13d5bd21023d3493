/* libyaml's errors in Chinese, at the line that is really wrong
 * (yamlerr.h says why).  The problem strings compared here are libyaml
 * 0.2.5's (scanner.c, parser.c, loader.c, reader.c); a problem not
 * recognised gets the general explanation, never libyaml's English. */
#include "load/yamlerr.h"

#include <stdarg.h>
#include <string.h>

#include "util/buf.h"

/* Characters of a line quoted in a message. */
enum { QUOTE_MAX = 40 };

struct where {
	const char *text;
	size_t len;
	const char *path;
	unsigned base;	   /* added to line numbers */
	unsigned col_base; /* added to columns: the text may start inside a line */
	diags *d;
};

struct line {
	const char *s; /* NULL past the end */
	size_t n;      /* without the line end */
};

enum colon { COLON_OK, COLON_FULLWIDTH, COLON_NOSPACE, COLON_NONE };

/* The end of the line starting at `s` (its first \r or \n). */
static const char *line_end(const char *s, const char *end)
{
	while (s < end && *s != '\n' && *s != '\r')
		s++;
	return s;
}

/* Past the line end at `s` (\n, \r\n or a lone \r, as libyaml counts). */
static const char *next_line(const char *s, const char *end)
{
	if (s < end && *s == '\r')
		return s + 1 < end && s[1] == '\n' ? s + 2 : s + 1;
	return s < end && *s == '\n' ? s + 1 : s;
}

/* Line `idx` (0-based) of the text, without its line end; l.s is NULL
 * past the last line. */
static struct line line_at(const struct where *w, size_t idx)
{
	const char *s = w->text, *end = w->text + w->len, *eol;
	struct line l = { NULL, 0 };

	for (; idx > 0; idx--) {
		eol = line_end(s, end);
		if (eol == end)
			return l;
		s = next_line(eol, end);
	}
	l.s = s;
	l.n = (size_t)(line_end(s, end) - s);
	return l;
}

static size_t indent_of(struct line l)
{
	size_t i = 0;

	while (i < l.n && l.s[i] == ' ')
		i++;
	return i;
}

/* 1 when the line holds nothing libyaml reads: blank or a comment. */
static int empty_line(struct line l)
{
	size_t i = indent_of(l);

	while (i < l.n && l.s[i] == '\t')
		i++;
	return i == l.n || l.s[i] == '#';
}

/* The byte offset of character `col` (0-based, as libyaml counts) in `l`. */
static size_t byte_of(struct line l, size_t col)
{
	size_t i = 0;

	while (i < l.n && col > 0) {
		for (i++; i < l.n && ((unsigned char)l.s[i] & 0xC0) == 0x80; i++)
			continue;
		col--;
	}
	return i;
}

/* The 1-based character column of byte `off` in `l`. */
static unsigned col_of(struct line l, size_t off)
{
	unsigned col = 1;

	for (size_t i = 0; i < off && i < l.n; i++)
		col += ((unsigned char)l.s[i] & 0xC0) != 0x80;
	return col;
}

/* Appends the line from byte `from`, cut at QUOTE_MAX characters. */
static void quote(buf *b, struct line l, size_t from)
{
	size_t end = byte_of(l, QUOTE_MAX + (size_t)col_of(l, from) - 1);

	buf_put(b, l.s + from, end - from);
	if (end < l.n)
		buf_puts(b, "…");
}

/* Adds "YAML 格式错误：…" at line `idx` (0-based) and `col` (1-based). */
static void emit(const struct where *w, size_t idx, unsigned col, const char *value,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void emit(const struct where *w, size_t idx, unsigned col, const char *value,
		 const char *fmt, ...)
{
	buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	diag_error(w->d, w->path, w->base + (unsigned)idx + 1, col + w->col_base, value,
		   "YAML 格式错误：%s", buf_cstr(&msg));
	buf_free(&msg);
}

/* The mistake in a `name: value` line's colon, its byte offset in *at:
 * a Chinese colon before any English one, an English colon with no space
 * after it, or no colon at all. */
static enum colon colon_mistake(struct line l, size_t *at)
{
	const char *c = memchr(l.s, ':', l.n);
	size_t key_end = c ? (size_t)(c - l.s) : l.n;

	for (size_t i = indent_of(l); i + 3 <= key_end; i++) {
		if (memcmp(l.s + i, "\xEF\xBC\x9A", 3) == 0) { /* U+FF1A ： */
			*at = i;
			return COLON_FULLWIDTH;
		}
	}
	if (c == NULL) {
		*at = indent_of(l);
		return COLON_NONE;
	}
	*at = key_end;
	if (key_end + 1 < l.n && l.s[key_end + 1] != ' ' && l.s[key_end + 1] != '\t')
		return COLON_NOSPACE;
	return COLON_OK;
}

/* Reports the colon mistake of line `idx`: 1, or 0 when it has none. */
static int report_colon(const struct where *w, size_t idx)
{
	struct line l = line_at(w, idx);
	size_t at = 0, from = indent_of(l);
	enum colon kind = l.s ? colon_mistake(l, &at) : COLON_OK;
	buf shown = BUF_INIT, fixed = BUF_INIT;

	if (kind == COLON_OK || empty_line(l))
		return 0;
	quote(&shown, l, from);
	if (kind == COLON_FULLWIDTH) {
		emit(w, idx, col_of(l, at), shown.data,
		     "冒号要用英文的“:”：“%s”里的“：”是中文冒号，请在文本编辑器中改成英文冒号，后面空一格",
		     shown.data);
	} else if (kind == COLON_NOSPACE) {
		buf_put(&fixed, l.s + from, at + 1 - from);
		buf_putc(&fixed, ' ');
		quote(&fixed, l, at + 1);
		emit(w, idx, col_of(l, at), shown.data,
		     "冒号后面要空一格：“%s”应写作“%s”", shown.data, fixed.data);
	} else {
		emit(w, idx, col_of(l, at), shown.data,
		     "这一行缺少冒号：“%s”应写作“名称: 值”（英文冒号，后面空一格）", shown.data);
	}
	buf_free(&shown);
	buf_free(&fixed);
	return 1;
}

/* Reports the colon mistakes of the lines from `first` down to the one
 * before `last`, which libyaml read as one text running on: the number
 * reported. */
static int report_colons(const struct where *w, size_t first, size_t last)
{
	int n = 0;

	for (size_t i = first; i < last; i++)
		n += report_colon(w, i);
	return n;
}

static void general(const struct where *w, size_t idx, unsigned col)
{
	emit(w, idx, col, NULL,
	     "这里的写法不对：请在文本编辑器中检查冒号后面是否空了一格、缩进是否只用空格并且对齐、"
	     "引号和括号是否成对");
}

/* The one character at `mark`, for quoting. */
static void char_at(const struct where *w, yaml_mark_t m, buf *out)
{
	struct line l = line_at(w, m.line);
	size_t i = l.s ? byte_of(l, m.column) : 0, k = i;

	if (l.s == NULL || i >= l.n)
		return;
	for (k++; k < l.n && ((unsigned char)l.s[k] & 0xC0) == 0x80; k++)
		continue;
	buf_put(out, l.s + i, k - i);
}

static void must_quote(const struct where *w, yaml_mark_t m)
{
	buf c = BUF_INIT;

	char_at(w, m, &c);
	emit(w, m.line, (unsigned)m.column + 1, buf_cstr(&c),
	     "值不能以“%s”开头（它在 YAML 里有特殊用途）：请用英文双引号把整个值括起来，如 \"%s…\"",
	     c.data, c.data);
	buf_free(&c);
}

/* A reader error: libyaml gives a byte offset, not a line. */
static void reader_error(const struct where *w, const yaml_parser_t *p)
{
	size_t off = p->problem_offset < w->len ? p->problem_offset : w->len, idx = 0, start = 0;
	const char *end = w->text + w->len, *eol;
	struct line l;

	for (const char *t = w->text; (eol = line_end(t, end)) < w->text + off; idx++) {
		t = next_line(eol, end);
		start = (size_t)(t - w->text);
	}
	l = line_at(w, idx);
	if (p->problem && strstr(p->problem, "control characters")) {
		emit(w, idx, col_of(l, off - start), NULL,
		     "有一个看不见的控制字符（U+%04X）：请在文本编辑器中删去它", (unsigned)p->problem_value);
	} else {
		emit(w, idx, col_of(l, off - start), NULL,
		     "文件不是 UTF-8 编码：请在文本编辑器（如记事本）中“另存为”，编码选“UTF-8”");
	}
}

/* A Tab, or a sign that cannot start a value. */
static void bad_start(const struct where *w, const yaml_parser_t *p)
{
	buf c = BUF_INIT;

	char_at(w, p->problem_mark, &c);
	if (strstr(p->problem, "tab") || strcmp(buf_cstr(&c), "\t") == 0)
		emit(w, p->problem_mark.line, (unsigned)p->problem_mark.column + 1, NULL,
		     "不要用 Tab 键缩进：这一行有 Tab 字符，YAML 只认空格；请在文本编辑器中把它换成空格"
		     "（同一级的设置左边对齐，下一级比上一级多空两格）");
	else
		must_quote(w, p->problem_mark);
	buf_free(&c);
}

static void quoted(const struct where *w, const yaml_parser_t *p)
{
	yaml_mark_t m = p->context_mark;
	buf q = BUF_INIT;

	if (strstr(p->problem, "escape") || strstr(p->problem, "hexdecimal")) {
		emit(w, p->problem_mark.line, (unsigned)p->problem_mark.column + 1, NULL,
		     "双引号里的“\\”后面不是有效的转义：请改用单引号把整个值括起来，"
		     "或把“\\”写成两个“\\\\”");
		return;
	}
	char_at(w, m, &q);
	emit(w, m.line, (unsigned)m.column + 1, NULL,
	     "引号没有配对：从这里的“%s”开始的值缺少结尾的“%s”；请在值的末尾补上，"
	     "值里本身要用的引号改用中文引号“”", buf_cstr(&q), q.data);
	buf_free(&q);
}

static void flow(const struct where *w, const yaml_parser_t *p)
{
	int seq = strstr(p->context, "sequence") != NULL;

	emit(w, p->context_mark.line, (unsigned)p->context_mark.column + 1, NULL,
	     "“%s”没有对应的“%s”：%s要在同一行以“%s”结束；若值本来就以“%s”开头，"
	     "请用英文双引号把整个值括起来", seq ? "[" : "{", seq ? "]" : "}",
	     seq ? "列表" : "映射", seq ? "]" : "}", seq ? "[" : "{");
}

/* "could not find expected ':'": a text that began at the context mark
 * ran on to a line where a colon was needed; the mistake is in the lines
 * it ran over. */
static void simple_key(const struct where *w, const yaml_parser_t *p)
{
	size_t first = p->context_mark.line;
	size_t last = p->problem_mark.line > first ? p->problem_mark.line : first + 1;

	if (report_colons(w, first, last) == 0)
		general(w, p->context_mark.line, (unsigned)p->context_mark.column + 1);
}

/* `name: a: b`: a value holding a colon and a space. */
static void colon_in_value(const struct where *w, yaml_mark_t m, struct line l, size_t sep)
{
	size_t v = sep + 1, end = l.n;
	buf shown = BUF_INIT, fixed = BUF_INIT;

	while (v < l.n && l.s[v] == ' ')
		v++;
	while (end > v && l.s[end - 1] == ' ')
		end--;
	quote(&shown, (struct line){ l.s, end }, indent_of(l));
	buf_put(&fixed, l.s + indent_of(l), v - indent_of(l));
	buf_putc(&fixed, '"');
	quote(&fixed, (struct line){ l.s, end }, v);
	buf_putc(&fixed, '"');
	emit(w, m.line, (unsigned)m.column + 1, shown.data,
	     "值里有“冒号加空格”，YAML 会把它当成下一级设置：“%s”应写作“%s”（用英文双引号把整个值括起来）",
	     shown.data, fixed.data);
	buf_free(&shown);
	buf_free(&fixed);
}

/* "mapping values are not allowed in this context", at a colon. */
static void mapping_value(const struct where *w, const yaml_parser_t *p)
{
	yaml_mark_t m = p->problem_mark;
	struct line l = line_at(w, m.line), above;
	size_t at = byte_of(l, m.column), ind = indent_of(l), i;
	int n = 0;

	for (i = ind; i + 1 < at; i++) {
		if (l.s[i] == ':' && (l.s[i + 1] == ' ' || l.s[i + 1] == '\t')) {
			colon_in_value(w, m, l, i);
			return;
		}
	}
	/* The name before this colon ended a text that began above: the
	 * lines above with a mistake in their colon, up to a good one. */
	for (i = m.line; i > 0; i--) {
		above = line_at(w, i - 1);
		if (!empty_line(above) && !report_colon(w, i - 1))
			break;
		n += !empty_line(above);
	}
	if (n > 0)
		return;
	above = i > 0 ? line_at(w, i - 1) : (struct line){ NULL, 0 };
	if (above.s && ind > indent_of(above))
		emit(w, m.line, 1, NULL,
		     "缩进不对：这一行比上一行多空了 %zu 格；同一级的设置要左边对齐，"
		     "只有上一行以冒号结尾（没有值）时，下一行才多空两格", ind - indent_of(above));
	else
		general(w, m.line, (unsigned)m.column + 1);
}

/* How many `q` the first `n` bytes of `l` hold; the offset of the last
 * in *last. */
static size_t count_of(struct line l, size_t n, char q, size_t *last)
{
	size_t k = 0;

	for (size_t i = 0; i < n && i < l.n; i++) {
		if (l.s[i] == q) {
			k++;
			*last = i;
		}
	}
	return k;
}

/* Text after a closing quote.  When the quote closed on this line was
 * opened on a line above (an odd number of that quote before the text),
 * the mistake is the quote left open there: a value in quotes may run
 * over lines, up to the next such quote. */
static void after_quote(const struct where *w, yaml_mark_t m, struct line l, size_t at)
{
	char q = '"';
	size_t last = 0;

	for (size_t i = 0; i < at; i++)
		if (l.s[i] == '"' || l.s[i] == '\'')
			q = l.s[i];
	for (size_t i = m.line; count_of(l, at, q, &last) % 2 == 1 && i > 0; i--) {
		struct line above = line_at(w, i - 1);

		if (count_of(above, above.n, q, &last) % 2 == 1) {
			emit(w, i - 1, col_of(above, last), NULL,
			     "引号没有配对：从这里的“%c”开始的值缺少结尾的“%c”；请在值的末尾补上，"
			     "值里本身要用的引号改用中文引号“”", q, q);
			return;
		}
	}
	emit(w, m.line, (unsigned)m.column + 1, NULL,
	     "引号后面不能再有文字：整个值要放在一对引号里；值里本身要用的引号改用中文引号“”");
}

/* "did not find expected key" in a block mapping. */
static void missing_key(const struct where *w, const yaml_parser_t *p)
{
	yaml_mark_t m = p->problem_mark;
	struct line l = line_at(w, m.line);
	size_t at = l.s ? byte_of(l, m.column) : 0, ind = l.s ? indent_of(l) : 0;

	if (l.s == NULL || at > ind) {
		if (l.s && (memchr(l.s, '"', at) || memchr(l.s, '\'', at)))
			after_quote(w, m, l, at);
		else
			general(w, m.line, (unsigned)m.column + 1);
	} else if (ind == l.n) {
		general(w, m.line, (unsigned)m.column + 1);
	} else if (l.s[ind] == '-') {
		emit(w, m.line, (unsigned)m.column + 1, NULL,
		     "这里应为“名称: 值”，不能是列表项“- ……”：列表项要写在设置名称的下一行，并比它多空两格");
	} else if (l.s[ind] == ':') {
		emit(w, m.line, (unsigned)m.column + 1, NULL, "冒号前面缺少设置的名称");
	} else {
		emit(w, m.line, 1, NULL,
		     "缩进不对：这一行空了 %zu 格，和上面同一级的设置对不齐；同一级的设置要左边对齐，"
		     "下一级比上一级多空两格（只用空格）", ind);
	}
}

static int has(const char *s, const char *what)
{
	return s && strstr(s, what);
}

void yamlerr_report(const yaml_parser_t *p, const char *text, size_t len,
		    const char *path, unsigned line_base, diags *d)
{
	struct where w = { text, len, path, line_base, 0, d };
	const char *problem = p->problem ? p->problem : "";

	if (p->error == YAML_READER_ERROR)
		reader_error(&w, p);
	else if (has(p->context, "quoted scalar"))
		quoted(&w, p);
	else if (has(p->context, "flow sequence") || has(p->context, "flow mapping"))
		flow(&w, p);
	else if (has(problem, "cannot start any token") || has(problem, "tab character"))
		bad_start(&w, p);
	else if (has(problem, "could not find expected ':'"))
		simple_key(&w, p);
	else if (has(problem, "mapping values are not allowed"))
		mapping_value(&w, p);
	else if (has(problem, "did not find expected key"))
		missing_key(&w, p);
	else if (has(problem, "expected '-' indicator"))
		emit(&w, p->problem_mark.line, (unsigned)p->problem_mark.column + 1, NULL,
		     "列表的每一项都要以“- ”开头，并和上面的项左边对齐");
	else if (has(p->context, "anchor") || has(p->context, "alias") || has(problem, "alias") ||
		 has(p->context, "block scalar") || has(problem, "node content"))
		must_quote(&w, has(p->context, "scanning") ? p->context_mark : p->problem_mark);
	else
		general(&w, p->problem_mark.line, (unsigned)p->problem_mark.column + 1);
}

int yamlerr_colon_in_scalar(const yaml_node_t *n, const char *path,
			    unsigned line_base, diags *d)
{
	struct line l;
	struct where w = { NULL, 0, path, line_base + (unsigned)n->start_mark.line,
			   (unsigned)n->start_mark.column, d };
	size_t at;
	enum colon kind;

	if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
	    n->start_mark.line != n->end_mark.line || n->data.scalar.length == 0)
		return 0;
	l = (struct line){ (const char *)n->data.scalar.value, n->data.scalar.length };
	w.text = l.s;
	w.len = l.n;
	kind = colon_mistake(l, &at);
	if (kind != COLON_FULLWIDTH && kind != COLON_NOSPACE)
		return 0;
	(void)at;
	return report_colon(&w, 0);
}
