/* Markdown to HTML: raw HTML and dangerous links dropped in safe mode and
 * kept with unsafe_html; headings moved under the page's own; inline
 * snippets unwrapped; plain text and excerpts for indexes. */
#include <string.h>

#include "html/markdown.h"
#include "test.h"
#include "util/buf.h"

static const char *html(buf *b, const char *md, int unsafe, int top)
{
	buf_reset(b);
	markdown_html(b, md, unsafe, top);
	return buf_cstr(b);
}

/* Safe: raw blocks and inline HTML are dropped, text is escaped. */
static void test_safe_mode(buf *b)
{
	const char *s;

	s = html(b, "<script>alert(1)</script>\n\n正文 <b onclick=\"x()\">粗</b> \"'&\n", 0, 2);
	CHECK(strstr(s, "<script") == NULL);
	CHECK(strstr(s, "onclick") == NULL);
	CHECK(strstr(s, "<b") == NULL);
	CHECK(strstr(s, "&quot;'&amp;") != NULL);
	CHECK(strstr(s, "raw HTML omitted") != NULL);
	s = html(b, "[点](javascript:alert(1)) ![图](vbscript:x) [好](../plan/index.html)\n", 0, 2);
	CHECK(strstr(s, "javascript:") == NULL);
	CHECK(strstr(s, "vbscript:") == NULL);
	CHECK(strstr(s, "href=\"../plan/index.html\"") != NULL);
	s = html(b, "[x](\"onmouseover=alert(1))\n", 0, 2);
	CHECK(strstr(s, "\"onmouseover") == NULL);
}

/* Phone numbers in prose become tel: links; not in links or code,
 * not inside longer numbers, codes or words. */
static void test_phone_links(buf *b)
{
	const char *s;

	s = html(b, "电话0632-4411234，手机13812345678或138-1234-5678转2。\n", 0, 2);
	CHECK_STR(s, "<p>电话<a href=\"tel:0632-4411234\">0632-4411234</a>，"
		     "手机<a href=\"tel:13812345678\">13812345678</a>或"
		     "<a href=\"tel:138-1234-5678\">138-1234-5678</a>转2。</p>\n");
	s = html(b, "0632-4411234\n", 0, 2);
	CHECK_STR(s, "<p><a href=\"tel:0632-4411234\">0632-4411234</a></p>\n");
	s = html(b, "[区住建局 0632-4411234](../units/a.html) `0632-4411234` "
		     "**010-12345678**\n", 0, 2);
	CHECK_STR(s, "<p><a href=\"../units/a.html\">区住建局 0632-4411234</a> "
		     "<code>0632-4411234</code> <strong><a href=\"tel:010-12345678\">"
		     "010-12345678</a></strong></p>\n");
	s = html(b, "编号20220632-4411234、0632-441123456、0632-4411234-5、"
		     "x13812345678、138123456789、23812345678、12812345678、0632-441123、"
		     "1.13812345678、06324411234\n", 0, 2);
	CHECK(strstr(s, "<a") == NULL);
	buf_reset(b);
	markdown_inline_html(b, "值班电话 13912345678", 0);
	CHECK_STR(buf_cstr(b), "值班电话 <a href=\"tel:13912345678\">13912345678</a>");
}

/* Unsafe: the site asked for raw HTML. */
static void test_unsafe_mode(buf *b)
{
	const char *s;

	s = html(b, "<div class=\"keep\">块</div>\n\n<b>粗</b>\n", 1, 2);
	CHECK(strstr(s, "<div class=\"keep\">块</div>") != NULL);
	CHECK(strstr(s, "<b>粗</b>") != NULL);
}

/* Headings: the shallowest becomes <h2>, gaps are kept. */
static void test_headings(buf *b)
{
	const char *s;

	s = html(b, "# 一\n\n## 二\n\n### 三\n", 0, 2);
	CHECK_STR(s, "<h2>一</h2>\n<h3>二</h3>\n<h4>三</h4>\n");
	s = html(b, "### 三\n\n#### 四\n", 0, 2);
	CHECK_STR(s, "<h2>三</h2>\n<h3>四</h3>\n");
	s = html(b, "# 一\n\n###### 六\n", 0, 3);
	CHECK_STR(s, "<h3>一</h3>\n<h6>六</h6>\n"); /* capped at 6 */
	s = html(b, "无标题\n", 0, 2);
	CHECK_STR(s, "<p>无标题</p>\n");
}

/* HTML5 void elements, no XHTML slash (the Nu checker reports one),
 * in safe and unsafe mode, in blocks and inline. */
static void test_void_elements(buf *b)
{
	const char *s;

	s = html(b, "落款\\\n日期  \n止\n\n---\n\n***\n", 0, 2);
	CHECK_STR(s, "<p>落款<br>\n日期<br>\n止</p>\n<hr>\n<hr>\n");
	s = html(b, "甲\\\n乙\n\n---\n", 1, 2);
	CHECK_STR(s, "<p>甲<br>\n乙</p>\n<hr>\n");
	buf_reset(b);
	markdown_inline_html(b, "一\\\n二", 0);
	CHECK_STR(buf_cstr(b), "一<br>\n二");
}

/* Inline: one paragraph loses its <p>, anything else keeps blocks. */
static void test_inline(buf *b)
{
	buf_reset(b);
	markdown_inline_html(b, "区住建局负责**牵头**<i>x</i>", 0);
	CHECK(strstr(buf_cstr(b), "区住建局负责<strong>牵头</strong>") == buf_cstr(b));
	CHECK(strstr(buf_cstr(b), "<p>") == NULL);
	CHECK(strstr(buf_cstr(b), "<i>") == NULL);
	buf_reset(b);
	markdown_inline_html(b, "一\n\n二", 0);
	CHECK_STR(buf_cstr(b), "<p>一</p>\n<p>二</p>\n");
}

/* Plain text: no markup, blocks on lines. */
static void test_plain_text(buf *b)
{
	buf_reset(b);
	markdown_text(b, "## 标题\n\n- **甲**\n- 乙<script>x</script>\n\n`码`\n");
	CHECK_STR(buf_cstr(b), "标题\n甲\n乙x\n码\n");
}

/* Excerpts count characters, not bytes, and fold white space. */
static void test_excerpts(buf *b)
{
	buf_reset(b);
	markdown_excerpt(b, "  一二\n\n三四五  ", 10);
	CHECK_STR(buf_cstr(b), "一二三四五");
	/* Chinese paragraphs join without a space; spaced words keep one. */
	buf_reset(b);
	markdown_excerpt(b, "公示期7天。\n公示内容包括： word  and\n\nmore （全角）\nＡ 𠀀 b", 100);
	CHECK_STR(buf_cstr(b), "公示期7天。公示内容包括：word and more（全角）Ａ𠀀b");
	buf_reset(b);
	markdown_excerpt(b, "ab  cd", 3);
	CHECK_STR(buf_cstr(b), "ab…");
	buf_reset(b);
	markdown_excerpt(b, "一二三四五", 3);
	CHECK_STR(buf_cstr(b), "一二三…");
	buf_reset(b);
	markdown_excerpt(b, "一二三", 3);
	CHECK_STR(buf_cstr(b), "一二三");
}

/* One buffer for every case: each resets it first. */
int main(void)
{
	buf b = BUF_INIT;

	test_safe_mode(&b);
	test_phone_links(&b);
	test_unsafe_mode(&b);
	test_headings(&b);
	test_void_elements(&b);
	test_inline(&b);
	test_plain_text(&b);
	test_excerpts(&b);
	buf_free(&b);
	return test_done();
}
