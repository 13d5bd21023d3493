/* The per-context escapers: exact output for the characters each context
 * cares about, and UTF-8 Chinese left alone where the context allows. */
#include <string.h>

#include "test.h"
#include "util/buf.h"
#include "util/escape.h"

typedef void (*escaper)(buf *out, const char *s, size_t n);

/* Runs `fn` on `n` bytes of `in` after some existing content, so a test
 * also sees that escapers append rather than overwrite, and compares the
 * whole result byte for byte (embedded NULs included). */
static void check_esc(escaper fn, const char *in, size_t n, const char *want,
		      size_t want_n, int line)
{
	buf b = BUF_INIT;
	int ok;

	buf_puts(&b, "[");
	fn(&b, in, n);
	buf_puts(&b, "]");
	ok = b.len == want_n && memcmp(b.data, want, want_n) == 0;
	test_record(ok, __FILE__, line, want);
	if (!ok)
		printf("  got:  [%s] (%zu bytes)\n  want: [%s] (%zu bytes)\n",
		       b.data, b.len, want, want_n);
	buf_free(&b);
}

#define ESC(fn, in, want)                                                      \
	check_esc(fn, in, sizeof(in) - 1, want, sizeof(want) - 1, __LINE__)

static void test_html(void)
{
	ESC(escape_html, "", "[]");
	ESC(escape_html, "plain", "[plain]");
	ESC(escape_html, "<script>alert('x&y')</script>",
	    "[&lt;script&gt;alert(&#39;x&amp;y&#39;)&lt;/script&gt;]");
	ESC(escape_html, "a=\"b\"", "[a=&quot;b&quot;]");
	ESC(escape_html, "老旧小区改造", "[老旧小区改造]");
	ESC(escape_html, "&amp;", "[&amp;amp;]");
	ESC(escape_html, "tab\there\nline", "[tab\there\nline]");
	/* Explicit lengths: an embedded NUL is data, the rest is kept. */
	ESC(escape_html, "a\0<", "[a\0&lt;]");
}

static void test_url(void)
{
	ESC(escape_url_path, "", "[]");
	ESC(escape_url_path, "communities/c-01/index.html",
	    "[communities/c-01/index.html]");
	ESC(escape_url_path, "A-Z_a.z~0", "[A-Z_a.z~0]");
	ESC(escape_url_path, "a b?c#d&e=f%", "[a%20b%3Fc%23d%26e%3Df%25]");
	ESC(escape_url_path, "公示", "[%E5%85%AC%E7%A4%BA]");
	ESC(escape_url_path, "<script>\"'", "[%3Cscript%3E%22%27]");
	ESC(escape_url_path, "\n\x7f", "[%0A%7F]");
}

static void test_json(void)
{
	ESC(escape_json_string, "", "[]");
	ESC(escape_json_string, "say \"hi\" \\ bye", "[say \\\"hi\\\" \\\\ bye]");
	ESC(escape_json_string, "</script><!--&",
	    "[\\u003c/script\\u003e\\u003c!--\\u0026]");
	ESC(escape_json_string, "a\nb\rc\td\be\ff",
	    "[a\\nb\\rc\\td\\be\\ff]");
	ESC(escape_json_string, "\x01\x1f\x7f", "[\\u0001\\u001f\x7f]");
	ESC(escape_json_string, "x\0y", "[x\\u0000y]");
	ESC(escape_json_string, "老旧小区", "[老旧小区]");
	ESC(escape_json_string, "a\xe2\x80\xa8" "b\xe2\x80\xa9" "c",
	    "[a\\u2028b\\u2029c]");
	/* Other characters in the same UTF-8 block stay as they are. */
	ESC(escape_json_string, "\xe2\x80\x94", "[\xe2\x80\x94]");
	/* A truncated sequence at the end is not read past. */
	ESC(escape_json_string, "\xe2\x80", "[\xe2\x80]");
	ESC(escape_json_string, "'/", "['/]");
}

static void test_xml(void)
{
	ESC(escape_xml, "", "[]");
	ESC(escape_xml, "<a href=\"x\">Tom & Jerry's</a>",
	    "[&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;]");
	ESC(escape_xml, "a\x01" "b\x08" "c\x0b" "d\x1f" "e", "[abcde]");
	ESC(escape_xml, "keep\ttab\nlf\rcr", "[keep\ttab\nlf\rcr]");
	ESC(escape_xml, "x\0y", "[xy]");
	ESC(escape_xml, "a\xef\xbf\xbe" "b\xef\xbf\xbf" "c\xef\xbf\xbd",
	    "[ab" "c\xef\xbf\xbd]");
	ESC(escape_xml, "城市更新", "[城市更新]");
}

static void test_hex(void)
{
	CHECK_INT(escape_hex_digit_value('0'), 0);
	CHECK_INT(escape_hex_digit_value('9'), 9);
	CHECK_INT(escape_hex_digit_value('a'), 10);
	CHECK_INT(escape_hex_digit_value('F'), 15);
	CHECK_INT(escape_hex_digit_value('g'), -1);
	CHECK_INT(escape_hex_digit_value('/'), -1);
	CHECK_INT(escape_hex_digit_value(':'), -1);
	CHECK_INT(escape_hex_digit_value('@'), -1);
	CHECK_INT(escape_hex_digit_value('G'), -1);
}

int main(void)
{
	test_html();
	test_url();
	test_json();
	test_xml();
	test_hex();
	return test_done();
}
