/* Front matter read without libyaml (load/front_simple.c) gives what
 * libyaml's reading gives: the page and every diagnostic, on thousands of
 * texts built from keys, separators and values just inside and just
 * outside the rules of the shortcut.  Also checks that the shortcut is
 * taken where it should be, so that the comparison is not of libyaml
 * with itself. */
#include <stdio.h>
#include <string.h>

#include "load/front_matter.h"
#include "test.h"
#include "util/buf.h"

static const char *const keys[] = {
	"title", "summary", "date", "Title", "titl", "communities", "x", "title ", "",
};

static const char *const seps[] = { ": ", ":  ", ":", ": \t", ":\t", " : " };

static const char *const values[] = {
	"abc", "榆树新村改造方案", "a b", "a  b", "2022-05-01", "2022-02-30",
	"2022年5月1日", "2022/4/1", "1", "0x", "a: b", "a:b", "a :b", "a:",
	"a #b", "a#b", "#a", "-a", "- a", "?a", ":a", "[a", "a[b]", "{a", "a}",
	"a,b", ",a", "'a'", "\"a\"", "a'b", "a\"b", "a ", " a", "~", "null", "&a",
	"*a", "!a", "|", ">", "%a", "@a", "`a", "a!", "a&b", "a\tb", "\xC2\x85x",
	"a\xC2\x85", "a\xE2\x80\xA8" "b", "a\xE2\x80\xA9", "\xEF\xBB\xBF" "a",
	"a\xEF\xBB\xBF", "a\xEF\xBF\xBE", "a\xEF\xBF\xBD", "a\x7F", "a\x01" "b",
	"\xC2\xA0" "a", "a\xC2\xA0", "\xF0\x9F\x98\x80", "a\xF0\xA0\xAE\xB7",
	"\xC3\xA9t\xC3\xA9", "a...b", "...", "---x", "a---", "a\\nb", "a%b",
	"a@b", "a`b", "a|b", "a>b", "a=b", "<<", "a?b", "a-b", "a  ", "",
	"\xE5\xB9\xB4\xE6\x9C\x88", "2022-05-01 ", "2022 05 01",
	"012345678901234567890123456789012345678901234567890123456789012345678",
	"很长的标题很长的标题很长的标题很长的标题很长的标题很长的标题很长的标题很长的标题",
};

enum { NKEYS = sizeof(keys) / sizeof(keys[0]), NSEPS = sizeof(seps) / sizeof(seps[0]),
       NVALUES = sizeof(values) / sizeof(values[0]) };

static int simple_count, total_count;

static int same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static int same_pages(const struct page *a, const struct page *b)
{
	int same = same_str(a->title, b->title) && same_str(a->summary, b->summary) &&
		   a->date.year == b->date.year && a->date.month == b->date.month &&
		   a->date.day == b->date.day && same_str(a->body_md, b->body_md) &&
		   a->body_line == b->body_line && a->ncommunities == b->ncommunities;

	for (size_t i = 0; same && i < a->ncommunities; i++)
		same = same_str(a->communities[i], b->communities[i]);
	return same;
}

static int same_diags(const diags *a, const diags *b)
{
	int same = a->n == b->n && a->errors == b->errors && a->warnings == b->warnings;

	for (size_t i = 0; same && i < a->n; i++)
		same = a->v[i].severity == b->v[i].severity && same_str(a->v[i].file, b->v[i].file) &&
		       a->v[i].line == b->v[i].line && a->v[i].col == b->v[i].col &&
		       same_str(a->v[i].message, b->v[i].message) &&
		       same_str(a->v[i].value, b->v[i].value);
	return same;
}

static void show(const char *what, const char *text, const diags *d)
{
	printf("  %s for [%s]:\n", what, text);
	for (size_t i = 0; i < d->n; i++) {
		printf("    ");
		diag_format(&d->v[i], stdout);
	}
}

/* Both readings of the page `text`. */
static void compare(const char *text)
{
	arena *a = arena_new();
	diags d1 = DIAGS_INIT, d2 = DIAGS_INIT;
	struct page p1, p2;
	int same;

	memset(&p1, 0, sizeof(p1));
	memset(&p2, 0, sizeof(p2));
	front_matter_parse(&p1, text, strlen(text), "content/t.md", a, &d1);
	front_matter_parse_yaml(&p2, text, "content/t.md", a, &d2);
	same = same_pages(&p1, &p2) && same_diags(&d1, &d2);
	test_case(same, text);
	if (!same) {
		printf("  title [%s] / [%s], summary [%s] / [%s]\n", p1.title, p2.title,
		       p1.summary, p2.summary);
		show("shortcut", text, &d1);
		show("libyaml", text, &d2);
	}
	simple_count += front_matter_is_simple(text);
	total_count++;
	diags_free(&d1);
	diags_free(&d2);
	arena_free(a);
}

/* A page whose front matter is `lines`, with `eol` line ends. */
static void page_of(buf *b, const char *lines, const char *eol)
{
	buf_reset(b);
	buf_printf(b, "---%s%s---%s\n正文\n", eol, lines, eol);
}

static void test_single_lines(void)
{
	static const char *const eols[] = { "\n", "\r\n" };
	buf line = BUF_INIT, page = BUF_INIT;

	for (size_t e = 0; e < 2; e++) {
		for (size_t k = 0; k < NKEYS; k++) {
			for (size_t s = 0; s < NSEPS; s++) {
				for (size_t v = 0; v < NVALUES; v++) {
					buf_reset(&line);
					buf_printf(&line, "%s%s%s%s", keys[k], seps[s], values[v], eols[e]);
					page_of(&page, line.data, eols[e]);
					compare(page.data);
				}
			}
		}
	}
	buf_free(&line);
	buf_free(&page);
}

/* Two and three lines: repeats, order, a bad line after good ones. */
static void test_several_lines(void)
{
	buf lines = BUF_INIT, page = BUF_INIT;

	for (size_t k1 = 0; k1 < 3; k1++) {
		for (size_t k2 = 0; k2 < NKEYS; k2++) {
			for (size_t v = 0; v < NVALUES; v += 3) {
				buf_reset(&lines);
				buf_printf(&lines, "%s: %s\n%s: %s\n", keys[k1], values[(v * 7) % NVALUES],
					   keys[k2], values[v]);
				page_of(&page, lines.data, "\n");
				compare(page.data);
				buf_printf(&lines, "date: 2022-0%zu-3%zu\n", v % 10, v % 3);
				page_of(&page, lines.data, "\n");
				compare(page.data);
				buf_puts(&lines, "summary: 再来一行\n");
				page_of(&page, lines.data, "\n");
				compare(page.data);
			}
		}
	}
	buf_free(&lines);
	buf_free(&page);
}

/* Texts around the edges: empty front matter, blank and comment lines,
 * no front matter at all, an unclosed one. */
static void test_edges(void)
{
	static const char *const pages[] = {
		"---\n---\n正文\n",
		"---\n\n---\n",
		"---\ntitle: 甲\n\n---\n",
		"---\n\ntitle: 甲\n---\n",
		"---\n# 注释\ntitle: 甲\n---\n",
		"---\ntitle: 甲 # 注释\n---\n",
		"---\ntitle: 甲\n  乙\n---\n",
		"---\ntitle: 甲\n...\n正文",
		"---\ntitle: 甲\n",
		"title: 甲\n",
		"",
		"---\ntitle: 甲\n---",
		"---\ntitle: 甲\ndate: 2022-02-30\ndate: 2022-02-31\nsummary: 乙\n---\n",
		"---\r\ntitle: 甲\n---\n",
		"---\ntitle: 甲\r\n---\n",
	};

	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++)
		compare(pages[i]);
}

/* The pages the generated sites have take the shortcut. */
static void test_taken(void)
{
	CHECK(front_matter_is_simple("---\ntitle: 酒厂花园改造方案\n---\n\n正文\n"));
	CHECK(front_matter_is_simple("---\ntitle: 开工\ndate: 2022-05-09\nsummary: 全面开工\n---\n"));
	CHECK(front_matter_is_simple("---\n---\n"));
	CHECK(!front_matter_is_simple("---\ntitle: 开工\ncommunities: [a, b]\n---\n"));
	CHECK(!front_matter_is_simple("---\ntitle: \"开工\"\n---\n"));
}

int main(void)
{
	test_single_lines();
	test_several_lines();
	test_edges();
	test_taken();
	/* Some hundreds of the texts took the shortcut, most did not. */
	printf("%d of %d texts read without libyaml\n", simple_count, total_count);
	CHECK(simple_count > 200);
	CHECK(simple_count < total_count / 2);
	return test_done();
}
