/* The 再公示 and the result notice (src/pdf/result.c, model/result.c) on a
 * hand-built site: one community posted twice (the 再公示 adds 加装电梯 and
 * drops 平屋面防水), three opinions, a consent survey.  Checks what the
 * model counts and says, that each PDF comes out byte for byte the same
 * twice and carries the example mark's fonts, and the errors for a
 * round or community that is not there.
 *
 * `test_pdf_result --render OUT` writes OUT/result.pdf and
 * OUT/notice-2.pdf; tests/sh/result-pdf.sh reads their text back through
 * pdftotext and mutool against tests/sh/result-pdf/. */
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "load/file.h"
#include "model/result.h"
#include "pdf/pdf.h"
#include "pdf_fixture.h"
#include "test.h"
#include "util/arena.h"
#include "util/buf.h"

static size_t *indexes(arena *a, size_t n, const size_t *v)
{
	size_t *p = arena_array(a, n ? n : 1, sizeof(*p));

	memcpy(p, v, n * sizeof(*p));
	return p;
}

static void settings(struct config *c)
{
	c->title = "测试公示";
	c->base_url = "https://example.gov.cn/laojiu/";
	c->notice.issuer = "薛城区人民政府办公室";
	c->notice.plan_title = "薛城区老旧小区整治改造实施方案";
	c->notice.date = (struct date){ 2022, 5, 9 };
	c->notice.publicity_days = 7;
	c->notice.publicity_working = 1;
	c->feedback.phone = "0632-4411234";
	c->consent.num = 2;
	c->consent.den = 3;
	c->today = (struct date){ 2022, 6, 1 };
	c->example = 1;
	c->pdf.song.path = UMING;
	c->pdf.hei.path = ZENHEI;
}

static void postings(struct site *s, arena *a)
{
	static const size_t first[] = { 0, 1 }, second[] = { 0, 2 }, add[] = { 2 }, drop[] = { 1 };
	struct posting *p = arena_array(a, 2, sizeof(*p));

	memset(p, 0, 2 * sizeof(*p));
	p[0] = (struct posting){ .community = 0, .round = 1, .posted = { 2022, 5, 9 }, .days = 7,
				 .working = 1, .issuer = "临城街道办事处", .note = "",
				 .pos = pos("data/notices.csv", 2) };
	p[0].items = indexes(a, 2, first), p[0].nitems = 2;
	p[1] = (struct posting){ .community = 0, .round = 2, .posted = { 2022, 5, 23 }, .days = 5,
				 .working = 1, .issuer = "临城街道办事处",
				 .note = "根据居民意见调整。", .pos = pos("data/notices.csv", 3) };
	p[1].items = indexes(a, 2, second), p[1].nitems = 2;
	p[1].added = indexes(a, 1, add), p[1].nadded = 1;
	p[1].removed = indexes(a, 1, drop), p[1].nremoved = 1;
	for (int i = 0; i < 2; i++)
		p[i].deadline = cycle_deadline(s, p[i].posted, p[i].days, 1);
	s->postings = p;
	s->npostings = 2;
}

static void opinions(struct site *s, arena *a)
{
	struct opinion *o = arena_array(a, 3, sizeof(*o));

	o[0] = (struct opinion){ 0, { 2022, 5, 10 }, "电话", "建议增加加装电梯，方便老年人上下楼。",
				 "已将加装电梯列入改造内容。", OPINION_ADOPTED,
				 pos("data/opinions.csv", 2) };
	o[1] = (struct opinion){ 0, { 2022, 5, 12 }, "意见箱",
				 "3号楼屋面2021年已做过防水，建议不再重复施工。",
				 "经核实，取消平屋面防水项目。", OPINION_ADOPTED,
				 pos("data/opinions.csv", 3) };
	o[2] = (struct opinion){ 0, { 2022, 5, 13 }, "来访", "建议小区内增设停车位。",
				 "小区内空间不足，暂不具备条件，将协调周边道路夜间停车。",
				 OPINION_NOT_ADOPTED, pos("data/opinions.csv", 4) };
	s->opinions = o;
	s->nopinions = 3;
	s->consents = arena_array(a, 1, sizeof(*s->consents));
	s->consents[0] = (struct consent){ 0, 212, 180, 12, 20, { 2022, 5, 20 }, "",
					   pos("data/consent.csv", 2) };
	s->nconsents = 1;
}

/* One subdistrict, one community posted twice. */
static struct site *hand_site(arena *a)
{
	struct site *s = arena_alloc(a, sizeof(*s));
	struct community *cm;

	memset(s, 0, sizeof(*s));
	s->arena = a;
	s->root = ".";
	s->prefix = "";
	settings(&s->config);
	s->nunits = 1;
	s->units = arena_array(a, 1, sizeof(*s->units));
	s->units[0] = (struct unit){ "lincheng", "临城街道", "0632-4479325", UNIT_SUBDISTRICT,
				     pos("data/units.csv", 2) };
	s->nitems = 3;
	s->items = arena_array(a, 3, sizeof(*s->items));
	s->items[0] = (struct item){ "1", "拆除违建", "清理、拆除各类违章建筑。", "基础类",
				     pos("data/items.csv", 2) };
	s->items[1] = (struct item){ "8", "平屋面防水", "对漏雨的平屋面进行修缮。", "基础类",
				     pos("data/items.csv", 9) };
	s->items[2] = (struct item){ "16", "加装电梯", "按照既有多层住宅增设电梯办法组织加装。",
				     "完善类", pos("data/items.csv", 17) };
	s->ncommunities = 1;
	s->communities = cm = arena_array(a, 1, sizeof(*cm));
	memset(cm, 0, sizeof(*cm));
	*cm = (struct community){ .id = "yushu-xincun", .name = "榆树新村", .area = "泰山路片区",
				  .address = "", .contact = "", .phone = "", .subdistrict = 0,
				  .contractor = NO_INDEX, .households = 212, .status = 0,
				  .elevator = -1, .pos = pos("data/communities.csv", 2) };
	cm->items = indexes(a, 2, (const size_t[]){ 0, 2 });
	cm->nitems = 2;
	postings(s, a);
	opinions(s, a);
	cm->npostings = 2;
	cm->nopinions = 3;
	cm->consent = 0;
	return s;
}

static void test_model(void)
{
	arena *a = arena_new();
	struct site *s = hand_site(a);
	struct result r;
	buf b = BUF_INIT;

	CHECK(result_site_has(s));
	CHECK(result_of(s, &s->communities[0], (struct date){ 2022, 6, 1 }, &r));
	CHECK_INT(r.opinions, 3);
	CHECK_INT(r.adopted, 2);
	CHECK_INT(r.partly, 0);
	CHECK_INT(r.not_adopted, 1);
	/* Round 2 ends on Friday 27 May; the result is out on Monday. */
	CHECK_INT(r.last->deadline.day, 27);
	CHECK_INT(r.date.month * 100 + r.date.day, 530);
	result_summary(&b, &r);
	CHECK_STR(buf_cstr(&b), "征集到意见3条，采纳2条，不采纳1条");
	buf_reset(&b);
	/* Not out on the last day of the period, nor before. */
	CHECK(!result_of(s, &s->communities[0], (struct date){ 2022, 5, 27 }, &r));
	result_threshold_text(&b, s);
	CHECK_STR(buf_cstr(&b), "三分之二");
	buf_reset(&b);
	s->config.consent.num = 6667, s->config.consent.den = 10000;
	result_threshold_text(&b, s);
	CHECK_STR(buf_cstr(&b), "66.67%");
	buf_reset(&b);
	s->config.consent.num = 60, s->config.consent.den = 100;
	result_threshold_text(&b, s);
	CHECK_STR(buf_cstr(&b), "60%");
	buf_reset(&b);
	/* No opinions recorded at all: no result, as before the table. */
	s->nopinions = 0;
	CHECK(!result_of(s, &s->communities[0], (struct date){ 2022, 6, 1 }, &r));
	s->nopinions = 3;
	s->communities[0].nopinions = 0;
	CHECK(result_count(s, &s->communities[0], &r));
	result_summary(&b, &r);
	CHECK_STR(buf_cstr(&b), "公示期间未收到意见");
	buf_free(&b);
	arena_free(a);
}

/* Renders both papers twice: the same bytes, a PDF each time. */
static void test_render(void)
{
	arena *a = arena_new();
	struct site *s = hand_site(a);
	diags d = DIAGS_INIT;
	struct pdf_renderer *r = renderer(s, &d);
	buf one = BUF_INIT, two = BUF_INIT;

	CHECK(r != NULL);
	if (r == NULL)
		goto out;
	CHECK_INT(pdf_render_result(r, 0, &one, &d), 0);
	CHECK_INT(pdf_render_result(r, 0, &two, &d), 0);
	CHECK(one.len > 1000 && one.len == two.len && memcmp(one.data, two.data, one.len) == 0);
	CHECK(one.len > 4 && memcmp(one.data, "%PDF", 4) == 0);
	buf_reset(&one), buf_reset(&two);
	CHECK_INT(pdf_render_repost(r, 0, 2, &one, &d), 0);
	CHECK_INT(pdf_render_repost(r, 0, 2, &two, &d), 0);
	CHECK(one.len > 1000 && one.len == two.len && memcmp(one.data, two.data, one.len) == 0);
	CHECK_INT(d.n, 0);
out:
	buf_free(&one);
	buf_free(&two);
	diags_free(&d);
	pdf_renderer_free(r);
	arena_free(a);
}

/* `in` deflated by zlib at `level` into `out` (deflateInit2_ takes the
 * level as given: it is not the entry point pdf/pdfdoc.c redefines). */
static void deflate_at(int level, const unsigned char *in, size_t n, buf *out)
{
	z_stream z;
	unsigned char chunk[4096];
	int rc;

	memset(&z, 0, sizeof(z));
	buf_reset(out);
	if (deflateInit2(&z, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return;
	z.next_in = (unsigned char *)in;
	z.avail_in = (uInt)n;
	do {
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		rc = deflate(&z, Z_FINISH);
		buf_put(out, chunk, sizeof(chunk) - z.avail_out);
	} while (rc == Z_OK);
	deflateEnd(&z);
}

/* The first compressed stream at or after `from` in `pdf`, inflated into
 * `plain`; *raw and *rawlen are its bytes in the file.  0 or -1. */
static int next_stream(const buf *pdf, size_t *from, buf *plain, const unsigned char **raw,
		       size_t *rawlen)
{
	static const char mark[] = ">>\nstream\r\n";
	unsigned char chunk[4096];
	z_stream z;
	int rc = Z_OK;
	size_t at = *from, n = sizeof(mark) - 1;

	while (at + n <= pdf->len && memcmp(pdf->data + at, mark, n) != 0)
		at++;
	if (at + n > pdf->len)
		return -1;
	at += n;
	memset(&z, 0, sizeof(z));
	buf_reset(plain);
	if (inflateInit(&z) != Z_OK)
		return -1;
	z.next_in = (unsigned char *)pdf->data + at;
	z.avail_in = (uInt)(pdf->len - at);
	while (rc == Z_OK) {
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		rc = inflate(&z, Z_NO_FLUSH);
		buf_put(plain, chunk, sizeof(chunk) - z.avail_out);
	}
	*raw = (const unsigned char *)pdf->data + at;
	*rawlen = z.total_in;
	*from = at + z.total_in;
	inflateEnd(&z);
	return rc == Z_STREAM_END ? 0 : -1;
}

/* libharu deflates at zlib's default level; pdf/pdfdoc.c makes that level
 * 3 (docs/performance.md).  Every stream of a result notice is exactly
 * zlib's level 3 of its content, and the big ones (the fonts) differ from
 * level 6, so this fails when the level is not the one chosen. */
static void test_deflate_level(void)
{
	arena *a = arena_new();
	struct site *s = hand_site(a);
	diags d = DIAGS_INIT;
	struct pdf_renderer *r = renderer(s, &d);
	buf pdf = BUF_INIT, plain = BUF_INIT, again = BUF_INIT;
	const unsigned char *raw;
	size_t from = 0, rawlen, streams = 0, differ = 0;

	if (r == NULL || pdf_render_result(r, 0, &pdf, &d) != 0) {
		CHECK(!"the result notice renders");
		goto out;
	}
	while (next_stream(&pdf, &from, &plain, &raw, &rawlen) == 0) {
		streams++;
		deflate_at(3, (const unsigned char *)plain.data, plain.len, &again);
		CHECK(again.len == rawlen && memcmp(again.data, raw, rawlen) == 0);
		deflate_at(6, (const unsigned char *)plain.data, plain.len, &again);
		differ += again.len != rawlen || memcmp(again.data, raw, rawlen) != 0;
	}
	CHECK(streams >= 5);
	CHECK(differ >= 1);
out:
	buf_free(&pdf);
	buf_free(&plain);
	buf_free(&again);
	diags_free(&d);
	pdf_renderer_free(r);
	arena_free(a);
}

static void test_errors(void)
{
	arena *a = arena_new();
	struct site *s = hand_site(a);
	diags d = DIAGS_INIT;
	struct pdf_renderer *r = renderer(s, &d);
	buf out = BUF_INIT;
	char *msg;

	if (r == NULL) {
		CHECK(r != NULL);
		goto out;
	}
	CHECK_INT(pdf_render_repost(r, 0, 3, &out, &d), -1);
	msg = first_diag(&d);
	CHECK_STR(msg, "data/communities.csv:2: error: 小区“榆树新村”没有第 3 次公示，无法生成再公示\n");
	free(msg);
	diags_free(&d);
	/* Round 1 is the notice itself, not a 再公示. */
	CHECK_INT(pdf_render_repost(r, 0, 1, &out, &d), -1);
	CHECK_INT(pdf_render_result(r, 5, &out, &d), -1);
	CHECK_INT(out.len, 0);
out:
	buf_free(&out);
	diags_free(&d);
	pdf_renderer_free(r);
	arena_free(a);
}

static int write_file(const char *dir, const char *name, const buf *b)
{
	buf path = BUF_INIT;
	FILE *f;
	int rc = -1;

	buf_printf(&path, "%s/%s", dir, name);
	f = fopen(buf_cstr(&path), "wb");
	if (f) {
		rc = fwrite(b->data, 1, b->len, f) == b->len ? 0 : -1;
		if (fclose(f) != 0)
			rc = -1;
	}
	buf_free(&path);
	return rc;
}

/* Writes DIR/result.pdf and DIR/notice-2.pdf for tests/sh/result-pdf.sh. */
static int render(const char *dir)
{
	arena *a = arena_new();
	struct site *s = hand_site(a);
	diags d = DIAGS_INIT;
	struct pdf_renderer *r = renderer(s, &d);
	buf one = BUF_INIT, two = BUF_INIT;
	int rc = r && pdf_render_result(r, 0, &one, &d) == 0 &&
			 pdf_render_repost(r, 0, 2, &two, &d) == 0 &&
			 write_file(dir, "result.pdf", &one) == 0 &&
			 write_file(dir, "notice-2.pdf", &two) == 0
		 ? 0
		 : 1;

	diags_print(&d, stderr);
	buf_free(&one);
	buf_free(&two);
	diags_free(&d);
	pdf_renderer_free(r);
	arena_free(a);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--render") == 0)
		return render(argv[2]);
	test_model();
	test_render();
	test_deflate_level();
	test_errors();
	return test_done();
}
