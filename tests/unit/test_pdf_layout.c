/* Line breaking and pagination of src/pdf/layout.c, with made-up widths:
 * a CJK character is 1 em, an ASCII character half an em, so a line 10
 * ems wide holds 10 Han characters or 20 digits. */
#include <stdlib.h>
#include <string.h>

#include "pdf/layout.h"
#include "test.h"
#include "util/buf.h"
#include "util/utf8.h"

static double measure(void *ctx, const struct lay_char *c)
{
	(void)ctx;
	return c->cp < 0x80 ? 0.5 : 1.0;
}

static const struct lay_measure M = { measure, NULL };

/* The lines of `text` broken at `ems` ems (size 1), joined with '|'. */
static char *lines_of(const char *text, double ems, double indent_first)
{
	struct lay_para p = { 0 };
	struct lay_result r = LAY_RESULT_INIT;
	buf out = BUF_INIT;
	char u[4];

	p.size = 1;
	p.leading = 1;
	p.indent_first = indent_first;
	p.align = LAY_JUSTIFY;
	lay_para_add(&p, text, 0, 0);
	lay_break(&p, 0, ems, &M, &r);
	for (size_t i = 0; i < r.nlines; i++) {
		if (i)
			buf_putc(&out, '|');
		for (size_t k = r.lines[i].start; k < r.lines[i].end; k++)
			buf_put(&out, u, utf8_encode(p.chars[k].cp, u));
	}
	lay_result_free(&r);
	lay_para_free(&p);
	buf_cstr(&out);
	return buf_detach(&out);
}

#define CHECK_LINES(text, ems, want)                                           \
	do {                                                                   \
		char *got_ = lines_of(text, ems, 0);                           \
		CHECK_STR(got_, want);                                         \
		free(got_);                                                    \
	} while (0)

static void test_breaking(void)
{
	/* Any two Han characters may be split. */
	CHECK_LINES("一二三四五六七八九十甲乙丙", 10, "一二三四五六七八九十|甲乙丙");
	/* 避头: the comma may not begin a line, so 十 goes down with it. */
	CHECK_LINES("一二三四五六七八九十，乙丙", 10, "一二三四五六七八九|十，乙丙");
	CHECK_LINES("一二三四五六七八九十。", 10, "一二三四五六七八九|十。");
	CHECK_LINES("一二三四五六七八九十）乙", 10, "一二三四五六七八九|十）乙");
	CHECK_LINES("一二三四五六七八九十」乙", 10, "一二三四五六七八九|十」乙");
	CHECK_LINES("一二三四五六七八九十、乙", 10, "一二三四五六七八九|十、乙");
	CHECK_LINES("一二三四五六七八九十；乙", 10, "一二三四五六七八九|十；乙");
	CHECK_LINES("一二三四五六七八九十！乙", 10, "一二三四五六七八九|十！乙");
	CHECK_LINES("一二三四五六七八九十》乙", 10, "一二三四五六七八九|十》乙");
	/* 避尾: an opening bracket may not end a line. */
	CHECK_LINES("一二三四五六七八九（十乙", 10, "一二三四五六七八九|（十乙");
	CHECK_LINES("一二三四五六七八九《十乙", 10, "一二三四五六七八九|《十乙");
	CHECK_LINES("一二三四五六七八九「十乙", 10, "一二三四五六七八九|「十乙");
	CHECK_LINES("一二三四五六七八九“十乙", 10, "一二三四五六七八九|“十乙");
	/* Both at once: 。」 stay together with the character before. */
	CHECK_LINES("一二三四五六七八九十。」", 10, "一二三四五六七八九|十。」");
	/* A phone number is never split: 12 half-width characters = 6 ems. */
	CHECK_LINES("电话一二三四0632-4411234", 10, "电话一二三四|0632-4411234");
	CHECK_LINES("一二三四五六七八九2022年", 10, "一二三四五六七八九|2022年");
	CHECK_LINES("面积23943.7平方米", 6, "面积23943.7|平方米");
	CHECK_LINES("面积为23943.7平方米", 6, "面积为|23943.7平方|米");
	/* Latin words break at spaces, and the space is dropped. */
	CHECK_LINES("hello world again", 5, "hello|world|again");
	CHECK_LINES("用SBS材料", 3, "用SBS|材料");
	CHECK_LINES("用SBS材料", 2, "用|SBS|材料");
	/* A word longer than a line is split anyway, nothing is lost. */
	CHECK_LINES("abcdefghijklmnopqrstuvwxyz", 5,
		    "abcdefghij|klmnopqrst|uvwxyz");
	/* —— is never split in two. */
	CHECK_LINES("一二三四五六七八九——十", 10, "一二三四五六七八九|——十");
	/* A hard line break. */
	CHECK_LINES("一二\n三四", 10, "一二|三四");
	CHECK_LINES("", 10, "");

	{ /* First-line indent of two characters. */
		char *got = lines_of("一二三四五六七八九十甲乙", 10, 2);
		CHECK_STR(got, "一二三四五六七八|九十甲乙");
		free(got);
	}
	CHECK(lay_can_break(0x4E00, 0x4E8C));	/* 一二 */
	CHECK(!lay_can_break(0x4E00, 0xFF0C));	/* 一， */
	CHECK(!lay_can_break(0xFF08, 0x4E00));	/* （一 */
	CHECK(!lay_can_break('0', '6'));
	CHECK(lay_can_break(0xFF0C, 0x4E00));	/* ，一 */
	CHECK(lay_can_break('4', 0x5E74));	/* 4年 */
}

static void test_justify(void)
{
	struct lay_para p = { 0 };
	struct lay_result r = LAY_RESULT_INIT;

	p.size = 10;
	p.leading = 12;
	p.align = LAY_JUSTIFY;
	lay_para_add(&p, "一二三四五六七八九十，乙", 0, 0);
	lay_break(&p, 0, 100, &M, &r);
	CHECK_INT(r.nlines, 2);
	/* 9 glyphs spread over 100 pt: 8 gaps of 10/8 pt. */
	CHECK(r.lines[0].spacing > 1.24 && r.lines[0].spacing < 1.26);
	CHECK(r.lines[0].width > 99.9 && r.lines[0].width < 100.1);
	/* The last line is not spread. */
	CHECK(r.lines[1].spacing == 0);
	CHECK(r.lines[1].width > 29.9 && r.lines[1].width < 30.1);
	lay_result_free(&r);

	/* Tracking that packs 28 characters of 16 pt into 442 pt. */
	lay_para_free(&p);
	p.size = 16;
	p.tracking = (442.2 - 28 * 16) / 27;
	for (int i = 0; i < 56; i++)
		lay_para_add(&p, "国", 0, 0);
	lay_break(&p, 0, 442.2, &M, &r);
	CHECK_INT(r.nlines, 2);
	CHECK_INT(r.lines[0].end - r.lines[0].start, 28);
	CHECK(r.lines[0].x + r.lines[0].width <= 442.2 + 0.01);
	lay_result_free(&r);

	/* Centred. */
	lay_para_free(&p);
	p.size = 10;
	p.tracking = 0;
	p.align = LAY_CENTER;
	lay_para_add(&p, "一二", 0, 0);
	lay_break(&p, 0, 100, &M, &r);
	CHECK(r.lines[0].x > 39.9 && r.lines[0].x < 40.1);
	lay_result_free(&r);
	lay_para_free(&p);
}

/* Counts the characters placed, to check that nothing is lost. */
static size_t placed_chars(const struct lay_result *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nplaces; i++)
		if (r->places[i].line != LAY_NO_LINE)
			n += r->lines[r->places[i].line].end -
			     r->lines[r->places[i].line].start;
	return n;
}

static void test_pages(void)
{
	struct lay_para ps[4];
	struct lay_result r = LAY_RESULT_INIT;
	size_t total = 0;
	int inside = 1, ordered = 1;

	memset(ps, 0, sizeof(ps));
	/* 10 lines of 10 a page (100 x 100 pt, 10 pt characters). */
	for (int i = 0; i < 4; i++) {
		ps[i].size = 10;
		ps[i].leading = 10;
		ps[i].align = LAY_JUSTIFY;
	}
	/* 35 lines, then a heading, a 3-line paragraph and a box. */
	for (int i = 0; i < 350; i++)
		lay_para_add(&ps[0], "字", 0, 0);
	lay_para_add(&ps[1], "标题", 0, 0);
	ps[1].keep_with_next = 1;
	for (int i = 0; i < 30; i++)
		lay_para_add(&ps[2], "文", 0, 0);
	ps[3].box_height = 45;
	lay_run(ps, 4, 100, 100, &M, &r);
	for (int i = 0; i < 4; i++)
		total += ps[i].nchars;
	CHECK_INT(placed_chars(&r), total);
	/* 35 lines: pages 1-3 full, page 4 has 5; the heading would be
	 * line 6 of page 4 followed by 2 lines: fits (8 <= 10), then 1 more
	 * line, then the 45 pt box does not fit in 1 line: page 5. */
	CHECK_INT(r.npages, 5);
	for (size_t i = 0; i < r.nplaces; i++) {
		if (r.places[i].y < 0 ||
		    r.places[i].y + r.places[i].height > 100.01)
			inside = 0;
		if (i && r.places[i].page < r.places[i - 1].page)
			ordered = 0;
	}
	CHECK(inside);
	CHECK(ordered);
	CHECK_INT(r.places[r.nplaces - 1].line, LAY_NO_LINE);
	CHECK_INT(r.places[r.nplaces - 1].page, 4);
	CHECK(r.places[r.nplaces - 1].y == 0);
	lay_result_free(&r);

	/* Keep with next: a heading that would sit on the last line of a
	 * page moves over with its paragraph. */
	lay_para_free(&ps[0]);
	for (int i = 0; i < 90; i++)
		lay_para_add(&ps[0], "字", 0, 0);
	lay_run(ps, 3, 100, 100, &M, &r);
	CHECK_INT(r.npages, 2);
	CHECK_INT(r.places[9].para, 1);
	CHECK_INT(r.places[9].page, 1);
	CHECK(r.places[9].y == 0);
	lay_result_free(&r);

	for (int i = 0; i < 4; i++)
		lay_para_free(&ps[i]);

	{ /* Widows: an 11-line paragraph on 10-line pages goes 9 + 2, not
	   * 10 + 1 with a lone last line at the head of page 2. */
		struct lay_para q = { 0 };

		q.size = 10;
		q.leading = 10;
		for (int i = 0; i < 110; i++)
			lay_para_add(&q, "字", 0, 0);
		lay_run(&q, 1, 100, 100, &M, &r);
		CHECK_INT(r.npages, 2);
		CHECK_INT(r.places[9].page, 1);
		CHECK_INT(r.places[8].page, 0);
		CHECK_INT(placed_chars(&r), 110);
		lay_result_free(&r);
		lay_para_free(&q);
	}
}

/* Lays out paragraphs of `lines[i]` lines (10 a page, 100 x 100 pt)
 * then a box of `box` pt, one line's space above it, kept with what
 * comes before it or not. */
static void run_box(struct lay_result *r, const int *lines, size_t n,
		    double box, int keep)
{
	struct lay_para ps[4];

	memset(ps, 0, sizeof(ps));
	for (size_t i = 0; i <= n; i++) {
		ps[i].size = 10;
		ps[i].leading = 10;
		for (int k = 0; i < n && k < lines[i] * 10; k++)
			lay_para_add(&ps[i], "字", 0, 0);
	}
	ps[n].box_height = box;
	ps[n].space_before = 10;
	ps[n].keep_with_prev = keep;
	lay_run(ps, n + 1, 100, 100, &M, r);
	for (size_t i = 0; i <= n; i++)
		lay_para_free(&ps[i]);
}

/* The signature box is never alone on a page (GB/T 9704): it takes the
 * last two lines along, or three when one would stay behind. */
static void test_keep_with_prev(void)
{
	struct lay_result r = LAY_RESULT_INIT;
	const int nine[] = { 9 }, six_three[] = { 6, 3 };
	const struct lay_place *box;

	run_box(&r, nine, 1, 45, 0); /* the old way: the box alone */
	CHECK_INT(r.nplaces, 10);
	CHECK_INT(r.places[8].page, 0);
	CHECK_INT(r.places[9].page, 1);
	CHECK(r.places[9].y == 0);
	lay_result_free(&r);

	run_box(&r, nine, 1, 45, 1);
	CHECK_INT(r.npages, 2);
	CHECK_INT(r.places[6].page, 0);
	CHECK_INT(r.places[7].page, 1);
	CHECK(r.places[7].y == 0);
	CHECK_INT(r.places[8].page, 1);
	CHECK(r.places[8].y == 10);
	box = &r.places[r.nplaces - 1];
	CHECK_INT(box->line, LAY_NO_LINE);
	CHECK_INT(box->page, 1);
	CHECK(box->y == 30);
	lay_result_free(&r);

	/* 6 + 3 lines: all three go, not two leaving a lone first line. */
	run_box(&r, six_three, 2, 45, 1);
	CHECK_INT(r.places[5].page, 0);
	CHECK_INT(r.places[6].para, 1);
	CHECK_INT(r.places[6].page, 1);
	CHECK(r.places[6].y == 0);
	CHECK(r.places[r.nplaces - 1].y == 40);
	lay_result_free(&r);
}

/* Lines that would leave their page empty stay: the whole page, or the
 * last two of a paragraph that went over 10 + 2.  (Boxes of 85 pt: one
 * of 75 would fit beside the two lines once its space above is given up,
 * test_keep_squeezes_space.)  A box too tall to share its page with two
 * lines goes alone. */
static void test_keep_leaves_no_empty_page(void)
{
	struct lay_result r = LAY_RESULT_INIT;
	const int two[] = { 2 }, five_two[] = { 5, 2 }, twelve[] = { 12 };

	run_box(&r, two, 1, 85, 1);
	CHECK_INT(r.places[1].page, 0);
	CHECK_INT(r.places[2].page, 1);
	CHECK(r.places[2].y == 0);
	lay_result_free(&r);
	run_box(&r, twelve, 1, 85, 1);
	CHECK_INT(r.places[11].page, 1);
	CHECK(r.places[10].y == 0);
	CHECK_INT(r.places[12].page, 2);
	CHECK(r.places[12].y == 0);
	lay_result_free(&r);

	/* A box too tall to share its page with two lines: alone. */
	run_box(&r, five_two, 2, 85, 1);
	CHECK_INT(r.places[6].page, 0);
	CHECK_INT(r.places[7].page, 1);
	CHECK(r.places[7].y == 0);
	lay_result_free(&r);
}

/* GB/T 9704 practice: the spacing gives first.  Two lines and a 75 pt
 * box fit in 100 pt without the line of space above it: the box stays
 * on the page, right under the text. */
static void test_keep_squeezes_space(void)
{
	struct lay_result r = LAY_RESULT_INIT;
	const int two[] = { 2 }, five_two[] = { 5, 2 };

	run_box(&r, two, 1, 75, 1);
	CHECK_INT(r.npages, 1);
	CHECK_INT(r.places[2].page, 0);
	CHECK(r.places[2].y == 20);
	lay_result_free(&r);
	run_box(&r, two, 1, 75, 0); /* a box not kept: no squeezing */
	CHECK_INT(r.places[2].page, 1);
	lay_result_free(&r);
	/* 5 + 2 lines and 75 pt: the two lines go, the box under them
	 * without its space (20 + 75 <= 100). */
	run_box(&r, five_two, 2, 75, 1);
	CHECK_INT(r.places[4].page, 0);
	CHECK_INT(r.places[5].page, 1);
	CHECK(r.places[5].y == 0);
	CHECK_INT(r.places[7].page, 1);
	CHECK(r.places[7].y == 20);
	lay_result_free(&r);
}

/* A heading the carried lines would leave at the foot of the page goes
 * along: 7 lines, a heading, 2 lines, the box. */
static void test_keep_carries_heading(void)
{
	struct lay_result r = LAY_RESULT_INIT;
	struct lay_para ps[4];

	memset(ps, 0, sizeof(ps));
	for (int i = 0; i < 4; i++)
		ps[i].size = 10, ps[i].leading = 10;
	for (int k = 0; k < 70; k++)
		lay_para_add(&ps[0], "字", 0, 0);
	lay_para_add(&ps[1], "标题", 0, 0);
	ps[1].keep_with_next = 1;
	for (int k = 0; k < 20; k++)
		lay_para_add(&ps[2], "文", 0, 0);
	ps[3].box_height = 45;
	ps[3].space_before = 10;
	ps[3].keep_with_prev = 1;
	lay_run(ps, 4, 100, 100, &M, &r);
	CHECK_INT(r.nplaces, 11);
	CHECK_INT(r.places[6].page, 0);
	CHECK_INT(r.places[7].para, 1);
	CHECK_INT(r.places[7].page, 1);
	CHECK(r.places[7].y == 0);
	CHECK(r.places[10].y == 40);
	lay_result_free(&r);
	for (int i = 0; i < 4; i++)
		lay_para_free(&ps[i]);
}

/* 孤字: a paragraph's last line gets min_last_chars characters from the
 * line before; the line before is then spread, within max_stretch. */
static void test_runts(void)
{
	struct lay_para p = { 0 };
	struct lay_result r = LAY_RESULT_INIT;
	char *got;

	/* Without a minimum, as before. */
	got = lines_of("一二三四五六七八九十。", 10, 0);
	CHECK_STR(got, "一二三四五六七八九|十。");
	free(got);

	p.size = 1;
	p.leading = 1;
	p.align = LAY_JUSTIFY;
	p.min_last_chars = 3;
	lay_para_add(&p, "一二三四五六七八九十。", 0, 0);
	lay_break(&p, 0, 10, &M, &r);
	CHECK_INT(r.nlines, 2);
	CHECK_INT(r.lines[0].end, 8);	 /* 一…八 */
	CHECK_INT(r.lines[1].start, 8); /* 九十。 */
	/* 2 ems over 7 gaps is more than the default quarter em: the
	 * first line stays ragged... */
	CHECK(r.lines[0].width > 7.99 && r.lines[0].width < 8.01);
	lay_result_free(&r);
	/* ...and within a bound of a third, it is spread to 10 ems. */
	p.max_stretch = 1.0 / 3;
	lay_break(&p, 0, 10, &M, &r);
	CHECK(r.lines[0].width > 9.99 && r.lines[0].width < 10.01);
	p.max_stretch = 0;
	lay_result_free(&r);

	/* A one-character last line: two come down. */
	lay_para_free(&p);
	lay_para_add(&p, "一二三四五六七八九十墙", 0, 0);
	lay_break(&p, 0, 10, &M, &r);
	CHECK_INT(r.nlines, 2);
	CHECK_INT(r.lines[1].end - r.lines[1].start, 3);
	lay_result_free(&r);

	/* 避头尾 still holds: 。」 cannot begin the line, so the break
	 * moves to before 八. */
	lay_para_free(&p);
	lay_para_add(&p, "一二三四五六七八九十。」", 0, 0);
	lay_break(&p, 0, 10, &M, &r);
	CHECK_INT(r.nlines, 2);
	CHECK_INT(r.lines[1].end - r.lines[1].start, 3); /* 十。」 stays 3 */
	lay_result_free(&r);

	/* A line that would be spread beyond max_stretch stays ragged: a
	 * 4.5-em number after 6 Han characters leaves 4 ems over 5 gaps,
	 * more than an eighth of an em. */
	lay_para_free(&p);
	p.max_stretch = 0.125;
	lay_para_add(&p, "一二三四五六0632-4411", 0, 0);
	lay_break(&p, 0, 10, &M, &r);
	CHECK_INT(r.nlines, 2);
	CHECK(r.lines[0].spacing == 0);
	CHECK(r.lines[0].width > 5.99 && r.lines[0].width < 6.01);
	lay_result_free(&r);
	/* ...while with the default (a quarter em) a small gap is closed. */
	lay_para_free(&p);
	p.max_stretch = 0;
	lay_para_add(&p, "一二三四五六七八九0632", 0, 0);
	lay_break(&p, 0, 10, &M, &r);
	CHECK_INT(r.nlines, 2);
	CHECK(r.lines[0].spacing > 0.124 && r.lines[0].spacing < 0.126);
	lay_result_free(&r);
	lay_para_free(&p);
}

static void test_utf8(void)
{
	uint32_t cp;
	char u[4];

	CHECK_INT(utf8_decode("\xF0\xA0\xAE\xB7", 4, &cp), 4);
	CHECK_INT(cp, 0x20BB7);
	CHECK_INT(utf8_decode("\xE4\xB6\xAE", 3, &cp), 3);
	CHECK_INT(cp, 0x4DAE);
	CHECK_INT(utf8_decode("\xE4\xB6", 2, &cp), 0); /* cut short */
	CHECK_INT(cp, 0xFFFD);
	CHECK_INT(utf8_decode("\xC0\x80", 2, &cp), 0); /* overlong */
	CHECK_INT(cp, 0xFFFD);
	CHECK_INT(utf8_encode(0x20BB7, u), 4);
	CHECK(memcmp(u, "\xF0\xA0\xAE\xB7", 4) == 0);
}

/* The places of `r` as "page:para", a repeated box marked '*'. */
static char *places_of(const struct lay_result *r)
{
	buf out = BUF_INIT;

	for (size_t i = 0; i < r->nplaces; i++)
		buf_printf(&out, "%s%zu:%zu%s", i ? " " : "", r->places[i].page,
			   r->places[i].para, r->places[i].repeat ? "*" : "");
	buf_cstr(&out);
	return buf_detach(&out);
}

/* A table's rows (pdf/table.c): boxes 10 high, the first the header row
 * drawn again above a row that starts a page (repeat_head); a short
 * table's rows (keep_with_next) go over to the next page together, with
 * the text's last line only when they fit a page at all. */
static void test_table_boxes(void)
{
	struct lay_para ps[12];
	struct lay_result r = LAY_RESULT_INIT;
	char *got;

	memset(ps, 0, sizeof(ps));
	for (size_t i = 0; i < 10; i++) {
		ps[i].box_height = 10;
		ps[i].repeat_head = i ? 1 : 0;
	}
	ps[0].keep_with_next = 1;
	lay_run(ps, 10, 10, 45, &M, &r);
	got = places_of(&r);
	CHECK_STR(got, "0:0 0:1 0:2 0:3 1:0* 1:4 1:5 1:6 2:0* 2:7 2:8 2:9");
	free(got);
	lay_result_free(&r);
	/* Three lines of text (30 of 45), then a table of 3 rows kept
	 * together: the whole table goes to page 2. */
	memset(ps, 0, sizeof(ps));
	ps[0].size = 1, ps[0].leading = 10;
	lay_para_add(&ps[0], "一二三四五六七八九十一二三四五六七八九十一二三", 0, 0);
	for (size_t i = 1; i < 4; i++) {
		ps[i].box_height = 10;
		ps[i].repeat_head = i > 1 ? 2 : 0;
		ps[i].keep_with_next = i < 3;
	}
	lay_run(ps, 4, 10, 45, &M, &r);
	got = places_of(&r);
	CHECK_STR(got, "0:0 0:0 0:0 1:1 1:2 1:3");
	free(got);
	lay_result_free(&r);
	/* Kept together but longer than a page: split, header repeated. */
	for (size_t i = 1; i < 4; i++)
		ps[i].box_height = 20, ps[i].keep_with_next = 1;
	lay_run(ps, 4, 10, 45, &M, &r);
	got = places_of(&r);
	CHECK_STR(got, "0:0 0:0 0:0 1:1 1:2 2:1* 2:3");
	free(got);
	lay_result_free(&r);
	lay_para_free(&ps[0]);
}

int main(void)
{
	test_table_boxes();
	test_breaking();
	test_justify();
	test_pages();
	test_keep_with_prev();
	test_keep_leaves_no_empty_page();
	test_keep_squeezes_space();
	test_keep_carries_heading();
	test_runts();
	test_utf8();
	return test_done();
}
