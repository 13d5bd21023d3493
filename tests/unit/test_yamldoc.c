/* yamldoc_parse on hostile and mistaken YAML: the limits before libyaml
 * (yamlguard), the rules after it (repeated keys, a second document, a
 * NUL), and libyaml's errors explained in Chinese at the line that is
 * wrong (yamlerr).  Each mistake is checked by its exact first message;
 * a sweep of broken site.yaml texts checks that no English from libyaml
 * is ever shown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/encoding.h"
#include "load/yamldoc.h"
#include "load/yamlguard.h"
#include "test.h"
#include "util/buf.h"

/* Parses `text` as site.yaml (line_base 0) and returns what it printed
 * (caller frees); *rc the result. */
static char *parse(const char *text, size_t len, unsigned line_base, int *rc)
{
	struct yamldoc y;
	diags d = DIAGS_INIT;
	char *out;

	*rc = yamldoc_parse(&y, text, len, line_base ? "content/a.md" : "site.yaml",
			    line_base, &d);
	yamldoc_free(&y);
	out = printed(&d);
	diags_free(&d);
	return out;
}

static void expect(const char *text, const char *want)
{
	int rc;
	char *got = parse(text, strlen(text), 0, &rc);

	CHECK_INT(rc, want ? -1 : 0);
	CHECK_STR(got, want ? want : "");
	free(got);
}

#define E(x) "site.yaml:" x "\n"

static void test_mistakes(void)
{
	expect("title: a\nlanguage:zh\ntheme: d\n",
	       E("2:9: error: YAML 格式错误：冒号后面要空一格：“language:zh”应写作“language: zh”"));
	expect("title:a\nlanguage: zh\n",
	       E("1:6: error: YAML 格式错误：冒号后面要空一格：“title:a”应写作“title: a”"));
	/* Lines end at CR LF or a lone CR too, as libyaml counts them. */
	expect("title: a\rlanguage:zh\rtheme: d\r",
	       E("2:9: error: YAML 格式错误：冒号后面要空一格：“language:zh”应写作“language: zh”"));
	expect("title: a\r\nlanguage:zh\r\ntheme: d\r\n",
	       E("2:9: error: YAML 格式错误：冒号后面要空一格：“language:zh”应写作“language: zh”"));
	expect("a:\r\r  \r\r\r!x\nb: 1\n  - c\n",
	       E("6:1: error: YAML 格式错误：这一行缺少冒号：“!x”应写作“名称: 值”（英文冒号，后面空一格）"));
	expect("title:a\n",
	       E("1:6: error: YAML 格式错误：冒号后面要空一格：“title:a”应写作“title: a”"));
	expect("notice:\n  issuer:abc\n  number: 1\n",
	       E("2:9: error: YAML 格式错误：冒号后面要空一格：“issuer:abc”应写作“issuer: abc”"));
	expect("title：公示\nx: 1\n",
	       E("1:6: error: YAML 格式错误：冒号要用英文的“:”：“title：公示”里的“：”是中文冒号，请在文本编辑器中改成英文冒号，后面空一格"));
	/* A Chinese colon inside a value is text. */
	expect("title: 公示：第一批\n", NULL);
	expect("title\nx: 1\n",
	       E("1:1: error: YAML 格式错误：这一行缺少冒号：“title”应写作“名称: 值”（英文冒号，后面空一格）"));
	expect("a: 1\nnotice:\n\tissuer: b\n",
	       E("3:1: error: YAML 格式错误：不要用 Tab 键缩进：这一行有 Tab 字符，YAML 只认空格；请在文本编辑器中把它换成空格（同一级的设置左边对齐，下一级比上一级多空两格）"));
	expect("notice:\n  issuer: a\n number: b\n",
	       E("3:1: error: YAML 格式错误：缩进不对：这一行空了 1 格，和上面同一级的设置对不齐；同一级的设置要左边对齐，下一级比上一级多空两格（只用空格）"));
	expect("title: a\n  language: zh\n",
	       E("2:1: error: YAML 格式错误：缩进不对：这一行比上一行多空了 2 格；同一级的设置要左边对齐，只有上一行以冒号结尾（没有值）时，下一行才多空两格"));
	expect("title: \"abc\nx: 1\n",
	       E("1:8: error: YAML 格式错误：引号没有配对：从这里的“\"”开始的值缺少结尾的“\"”；请在值的末尾补上，值里本身要用的引号改用中文引号“”"));
	expect("a: 'x\nb: 1\nc: ''\n",
	       E("1:4: error: YAML 格式错误：引号没有配对：从这里的“'”开始的值缺少结尾的“'”；请在值的末尾补上，值里本身要用的引号改用中文引号“”"));
	expect("title: \"ab\" c\n",
	       E("1:13: error: YAML 格式错误：引号后面不能再有文字：整个值要放在一对引号里；值里本身要用的引号改用中文引号“”"));
	expect("title: a: b\n",
	       E("1:9: error: YAML 格式错误：值里有“冒号加空格”，YAML 会把它当成下一级设置：“title: a: b”应写作“title: \"a: b\"”（用英文双引号把整个值括起来）"));
	expect("title: [a, b\nx: 1\n",
	       E("1:8: error: YAML 格式错误：“[”没有对应的“]”：列表要在同一行以“]”结束；若值本来就以“[”开头，请用英文双引号把整个值括起来"));
	expect("title: @abc\n",
	       E("1:8: error: YAML 格式错误：值不能以“@”开头（它在 YAML 里有特殊用途）：请用英文双引号把整个值括起来，如 \"@…\""));
	expect("title: *abc\n",
	       E("1:8: error: YAML 格式错误：值不能以“*”开头（它在 YAML 里有特殊用途）：请用英文双引号把整个值括起来，如 \"*…\""));
	expect("a: 1\n- b\n",
	       E("2:1: error: YAML 格式错误：这里应为“名称: 值”，不能是列表项“- ……”：列表项要写在设置名称的下一行，并比它多空两格"));
	expect("a: \"C:\\q\"\n",
	       E("1:7: error: YAML 格式错误：双引号里的“\\”后面不是有效的转义：请改用单引号把整个值括起来，或把“\\”写成两个“\\\\”"));
	expect("a: b\x01\n",
	       E("1:5: error: YAML 格式错误：有一个看不见的控制字符（U+0001）：请在文本编辑器中删去它"));
	expect("a: b\xFF\n",
	       E("1:5: error: YAML 格式错误：文件不是 UTF-8 编码：请在文本编辑器（如记事本）中“另存为”，编码选“UTF-8”"));
}

/* Front matter: lines counted from the file's second. */
static void test_front_matter_lines(void)
{
	static const char fm[] = "title: 开工\nsummary:全面开工\ndate: 2022-05-09\n";
	int rc;
	char *got = parse(fm, sizeof(fm) - 1, 1, &rc);

	CHECK_INT(rc, -1);
	CHECK_STR(got, "content/a.md:3:8: error: YAML 格式错误：冒号后面要空一格：“summary:全面开工”应写作“summary: 全面开工”\n");
	free(got);
}

static void test_documents_and_keys(void)
{
	expect("title: a\n---\ntitle: b\n",
	       E("2:1: error: YAML 格式错误：这里开始了第二个 YAML 文档（上面有一行“---”或“...”），而这个文件只能有一个：请在文本编辑器中删去那一行，把下面的内容并入上面"));
	expect("---\ntitle: a\n", NULL);
	expect("title: a\n...\n", NULL);
	expect("", NULL);
	expect("title: a\nx: 1\ntitle: b\n",
	       E("3:1: error: “title”写了两次（第 1 行已有）：只能保留一个，请在文本编辑器中删去不要的那一行"));
	expect("notice:\n  a: 1\n  a: 2\nx: {b: 1, b: 2}\n",
	       E("3:3: error: “a”写了两次（第 2 行已有）：只能保留一个，请在文本编辑器中删去不要的那一行")
	       E("4:11: error: “b”写了两次（第 4 行已有）：只能保留一个，请在文本编辑器中删去不要的那一行"));
	expect("title: \"a\\0b\"\n",
	       E("1:8: error: 值里有空字符（“\\0”）：它会截断后面的文字，请在文本编辑器中删去它"));
}

/* A mapping past the pairwise limit is checked through the hash map. */
static void test_many_keys(void)
{
	buf b = BUF_INIT;
	int rc;
	char *got;

	for (int i = 0; i < 40; i++)
		buf_printf(&b, "k%d: %d\n", i, i);
	got = parse(b.data, b.len, 0, &rc);
	CHECK_INT(rc, 0);
	free(got);
	buf_puts(&b, "k7: again\n");
	got = parse(b.data, b.len, 0, &rc);
	CHECK_INT(rc, -1);
	CHECK_STR(got, E("41:1: error: “k7”写了两次（第 8 行已有）：只能保留一个，请在文本编辑器中删去不要的那一行"));
	free(got);
	buf_free(&b);
}

/* `n` anchors, then `m` aliases, in a flow list. */
static void anchors(buf *b, int n, int m)
{
	buf_reset(b);
	buf_puts(b, "title: x\nlist: [");
	for (int i = 0; i < n; i++)
		buf_printf(b, "&a%d x, ", i);
	for (int i = 0; i < m; i++)
		buf_puts(b, "*a0, ");
	buf_puts(b, "y]\n");
}

static void test_anchor_limit(void)
{
	buf b = BUF_INIT;
	int rc;
	char *got;

	anchors(&b, YAMLGUARD_MAX_ANCHORS, 0);
	free(parse(b.data, b.len, 0, &rc));
	CHECK_INT(rc, 0);
	anchors(&b, 1, YAMLGUARD_MAX_ANCHORS - 1);
	free(parse(b.data, b.len, 0, &rc));
	CHECK_INT(rc, 0);
	anchors(&b, 1, YAMLGUARD_MAX_ANCHORS);
	got = parse(b.data, b.len, 0, &rc);
	CHECK_INT(rc, -1);
	CHECK_STR(got, E("2:510: error: YAML 的锚点（&）和引用（*）超过 100 个，已拒绝读取：gongshi 的设置用不到它们；若值本身以“&”或“*”开头，请用英文双引号把整个值括起来"));
	free(got);
	/* 100,000 anchors: refused at the 101st (and at once). */
	anchors(&b, 100000, 0);
	got = parse(b.data, b.len, 0, &rc);
	CHECK_INT(rc, -1);
	CHECK(strstr(got, "site.yaml:2:") == got && strstr(got, "超过 100 个"));
	free(got);
	/* & and * in text are not anchors: only the scanner's count counts. */
	buf_reset(&b);
	buf_puts(&b, "title: \"");
	for (int i = 0; i < 300; i++)
		buf_puts(&b, "&*");
	buf_puts(&b, "\"\nsummary: a & b * c\n");
	free(parse(b.data, b.len, 0, &rc));
	CHECK_INT(rc, 0);
	buf_free(&b);
}

static void test_nul(void)
{
	static const char t[] = "title: a\nlanguage: zh\0-CN\n";
	int rc;
	char *got = parse(t, sizeof(t) - 1, 0, &rc);

	CHECK_INT(rc, -1);
	CHECK_STR(got, E("2:13: error: 有一个看不见的空字符（\\x00）：“uage: zh\\x00-CN”。它多半是保存文件的程序误写入的，会让后面的文字丢失；请用文本编辑器（如记事本）打开，删去它后保存"));
	free(got);
}

/* libyaml's problems, which are English, must never be shown: every
 * text made by breaking one line of a small site.yaml in one of a few
 * ways is parsed, and its messages searched for English words. */
static void test_no_english(void)
{
	static const char *const lines[] = {
		"title: 公示", "base_url: https://example.gov.cn/x/", "notice:",
		"  issuer: 区政府", "  number: \"〔2022〕4号\"", "pdf:", "  fonts:",
		"    fallback:", "      - /usr/share/fonts/a.ttc#1", "targets: {communities: 56}",
	};
	static const char *const breaks[] = {
		"\t", ":", " ", "\"", "'", "[", "{", "]", "}", "- ", "&", "*", "!", "|", ">",
		"@", "`", "%", "#", ",", "?", "：", "\\", "---\n", "...\n", "\x01", "\xC3",
	};
	static const char *const english[] = { "found", "expected", "while", "allowed",
						"character", "scalar", "mapping" };
	enum { NL = sizeof(lines) / sizeof(lines[0]) };
	buf b = BUF_INIT;
	int failed = 0, shown = 0, rc;

	for (size_t l = 0; l < NL; l++) {
		for (size_t k = 0; k < sizeof(breaks) / sizeof(breaks[0]); k++) {
			for (size_t at = 0; at <= strlen(lines[l]); at += 3) {
				char *got;

				buf_reset(&b);
				for (size_t i = 0; i < NL; i++) {
					if (i == l)
						buf_printf(&b, "%.*s%s%s\n", (int)at, lines[i],
							   breaks[k], lines[i] + at);
					else
						buf_printf(&b, "%s\n", lines[i]);
				}
				got = parse(b.data, b.len, 0, &rc);
				failed += rc < 0;
				for (size_t e = 0; e < sizeof(english) / sizeof(english[0]); e++) {
					if (strstr(got, english[e]) && shown++ < 5)
						printf("  English in [%s]:\n%s", b.data, got);
				}
				free(got);
			}
		}
	}
	CHECK_INT(shown, 0);
	/* Vacuity guard: most of these texts are broken. */
	CHECK(failed > 300);
	buf_free(&b);
}

int main(void)
{
	test_mistakes();
	test_front_matter_lines();
	test_documents_and_keys();
	test_many_keys();
	test_anchor_limit();
	test_nul();
	test_no_english();
	return test_done();
}
