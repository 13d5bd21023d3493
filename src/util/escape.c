#include "util/escape.h"

#include <string.h>

/* Each escaper copies runs of bytes that need no change with one
 * buf_put and only stops at the bytes that do: most text is plain. */

/* RFC 3986 asks for upper-case percent escapes; JSON is conventionally
 * written with lower-case \u escapes (as JSON.stringify does). */
static const char hexdig[] = "0123456789ABCDEF";
static const char hexlow[] = "0123456789abcdef";

static const char *html_entity(unsigned char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	default: return NULL;
	}
}

void escape_html(buf *out, const char *s, size_t n)
{
	size_t run = 0;

	for (size_t i = 0; i < n; i++) {
		const char *e = html_entity((unsigned char)s[i]);

		if (!e)
			continue;
		buf_put(out, s + run, i - run);
		buf_puts(out, e);
		run = i + 1;
	}
	buf_put(out, s + run, n - run);
}

static int url_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	       c == '~' || c == '/';
}

void escape_url_path(buf *out, const char *s, size_t n)
{
	size_t run = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char pct[3];

		if (url_unreserved(c))
			continue;
		buf_put(out, s + run, i - run);
		pct[0] = '%';
		pct[1] = hexdig[c >> 4];
		pct[2] = hexdig[c & 15];
		buf_put(out, pct, 3);
		run = i + 1;
	}
	buf_put(out, s + run, n - run);
}

static void json_u(buf *out, unsigned code)
{
	char u[6] = { '\\', 'u', hexlow[(code >> 12) & 15],
		      hexlow[(code >> 8) & 15], hexlow[(code >> 4) & 15],
		      hexlow[code & 15] };

	buf_put(out, u, sizeof(u));
}

/* U+2028 and U+2029 are E2 80 A8 / E2 80 A9 in UTF-8; JavaScript before
 * ES2019 ends a string literal at them. */
static int json_line_sep(const char *s, size_t i, size_t n)
{
	return i + 2 < n && (unsigned char)s[i] == 0xE2 &&
	       (unsigned char)s[i + 1] == 0x80 &&
	       ((unsigned char)s[i + 2] == 0xA8 ||
		(unsigned char)s[i + 2] == 0xA9);
}

/* How many input bytes at s[i] need an escape (0 = none). */
static size_t json_special(const char *s, size_t i, size_t n)
{
	unsigned char c = (unsigned char)s[i];

	if (c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' ||
	    c == '&')
		return 1;
	return json_line_sep(s, i, n) ? 3 : 0;
}

static void json_emit(buf *out, const char *s, size_t i)
{
	unsigned char c = (unsigned char)s[i];

	switch (c) {
	case '"': buf_puts(out, "\\\""); break;
	case '\\': buf_puts(out, "\\\\"); break;
	case '\n': buf_puts(out, "\\n"); break;
	case '\r': buf_puts(out, "\\r"); break;
	case '\t': buf_puts(out, "\\t"); break;
	case '\b': buf_puts(out, "\\b"); break;
	case '\f': buf_puts(out, "\\f"); break;
	case 0xE2: /* only reached for U+2028 / U+2029 */
		json_u(out, (unsigned char)s[i + 2] == 0xA8 ? 0x2028 : 0x2029);
		break;
	default: json_u(out, c); break;
	}
}

void escape_json_string(buf *out, const char *s, size_t n)
{
	size_t run = 0, i = 0;

	while (i < n) {
		size_t used = json_special(s, i, n);

		if (!used) {
			i++;
			continue;
		}
		buf_put(out, s + run, i - run);
		json_emit(out, s, i);
		i += used;
		run = i;
	}
	buf_put(out, s + run, n - run);
}

/* Bytes XML 1.0 cannot carry at all, as the length of the sequence to
 * drop (0 = keep). */
static size_t xml_forbidden(const char *s, size_t i, size_t n)
{
	unsigned char c = (unsigned char)s[i];

	if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
		return 1;
	if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
	    ((unsigned char)s[i + 2] & 0xFE) == 0xBE)
		return 3; /* U+FFFE, U+FFFF */
	return 0;
}

static const char *xml_entity(unsigned char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&apos;";
	default: return NULL;
	}
}

void escape_xml(buf *out, const char *s, size_t n)
{
	size_t run = 0, i = 0;

	while (i < n) {
		const char *e = xml_entity((unsigned char)s[i]);
		size_t drop = e ? 0 : xml_forbidden(s, i, n);

		if (!e && !drop) {
			i++;
			continue;
		}
		buf_put(out, s + run, i - run);
		if (e)
			buf_puts(out, e);
		i += e ? 1 : drop;
		run = i;
	}
	buf_put(out, s + run, n - run);
}

int escape_hex_digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
