#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/encoding.h"
#include "util/utf8.h"
#include "test.h"

#define VALID(lit, want) CHECK_INT(utf8_valid_prefix(lit, sizeof(lit) - 1), want)

static void test_valid_prefix(void)
{
	VALID("", 0);
	VALID("abc", 3);
	VALID("a\0b", 3);		 /* NUL is a character */
	VALID("\xC2\x80", 2);		 /* U+0080, smallest 2-byte */
	VALID("\xDF\xBF", 2);		 /* U+07FF */
	VALID("\xE0\xA0\x80", 3);	 /* U+0800, smallest 3-byte */
	VALID("\xED\x9F\xBF", 3);	 /* U+D7FF, below the surrogates */
	VALID("\xEE\x80\x80", 3);	 /* U+E000, above them */
	VALID("\xEF\xBF\xBF", 3);	 /* U+FFFF */
	VALID("\xF0\x90\x80\x80", 4);	 /* U+10000, smallest 4-byte */
	VALID("\xF0\x9F\x98\x80", 4);	 /* an emoji */
	VALID("\xF4\x8F\xBF\xBF", 4);	 /* U+10FFFF, the last */
	VALID("编号", 6);
	/* Overlong forms. */
	VALID("\xC0\x80", 0);
	VALID("\xC1\xBF", 0);
	VALID("a\xE0\x80\x80", 1);
	VALID("ab\xE0\x9F\xBF", 2);
	VALID("\xF0\x8F\xBF\xBF", 0);
	/* Surrogates. */
	VALID("\xED\xA0\x80", 0);
	VALID("x\xED\xBF\xBF", 1);
	/* Beyond U+10FFFF, and bytes that never start anything. */
	VALID("\xF4\x90\x80\x80", 0);
	VALID("\xF5\x80\x80\x80", 0);
	VALID("\xFF", 0);
	VALID("\xFE\xFF", 0);
	VALID("abc\x80", 3); /* lone continuation byte */
	/* Truncated by the end, or by a non-continuation byte. */
	VALID("a\xE4\xB8", 1);
	VALID("a\xF0\x9F\x98", 1);
	VALID("\xC3", 0);
	VALID("\xE4\xB8" "a", 0);
	VALID("\xF0\x9F\x98" "a", 0);
	VALID("\xC3\xA9\xC3", 2);
	/* The length bounds the read: a valid sequence cut by len. */
	CHECK_INT(utf8_valid_prefix("\xE7\xBC\x96", 2), 0);
}

/* The validator by the letter of RFC 3629, one code point at a time,
 * for comparing the fast one with. */
static size_t reference_prefix(const unsigned char *u, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned long cp;
		size_t n = u[i] < 0x80 ? 1 : u[i] >= 0xC0 && u[i] < 0xE0 ? 2 :
			   u[i] >= 0xE0 && u[i] < 0xF0 ? 3 : u[i] >= 0xF0 && u[i] < 0xF8 ? 4 : 0;
		static const unsigned long least[] = { 0, 0, 0x80, 0x800, 0x10000 };

		if (n == 0 || len - i < n)
			return i;
		cp = n == 1 ? u[i] : u[i] & (0x7F >> n);
		for (size_t k = 1; k < n; k++) {
			if ((u[i + k] & 0xC0) != 0x80)
				return i;
			cp = cp << 6 | (u[i + k] & 0x3F);
		}
		if (cp < least[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n;
	}
	return i;
}

/* Every first and second byte, with third bytes on both sides of each
 * boundary, at the start, middle and end of ASCII and Chinese text
 * (around the eight-byte steps), cut at every length; then random
 * strings of bytes likely in UTF-8. */
static void test_valid_prefix_against_reference(void)
{
	static const unsigned char third[] = { 0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F,
					       0xA0, 0xBF, 0xC0, 0xC2, 0xE4, 0xF0, 0xFF };
	unsigned char b[64];
	unsigned long seed = 20220427;
	int bad = 0;

	for (unsigned long x = 0; x < (1UL << 16) * sizeof(third) && bad < 5; x++) {
		for (size_t pre = 0; pre < 12; pre += 5) {
			memcpy(b, "abcdefghij\xE7\xBC\x96", 13);
			b[pre] = (unsigned char)(x >> 8);
			b[pre + 1] = (unsigned char)x;
			b[pre + 2] = third[x >> 16];
			for (size_t len = pre; len <= pre + 3 && len <= 13; len++) {
				if (utf8_valid_prefix((const char *)b, len) != reference_prefix(b, len)) {
					printf("  bytes %02x %02x %02x at %zu, length %zu\n", b[pre],
					       b[pre + 1], b[pre + 2], pre, len);
					bad++;
				}
			}
		}
	}
	for (int t = 0; t < 200000 && bad < 5; t++) {
		static const unsigned char pool[] = { 'a', ' ', '\n', 0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F,
						      0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE4, 0xED, 0xEF,
						      0xF0, 0xF4, 0xF5, 0xFF };
		size_t len = (size_t)(t % 40);

		for (size_t i = 0; i < len; i++) {
			seed = (seed * 1103515245 + 12345) % 2147483648UL;
			b[i] = pool[(seed >> 16) % sizeof(pool)];
		}
		if (utf8_valid_prefix((const char *)b, len) != reference_prefix(b, len)) {
			printf("  random string %d differs\n", t);
			bad++;
		}
	}
	CHECK_INT(bad, 0);
}

/* Runs encoding_as_utf8 and checks what it gives (`in` is a literal: its
 * bytes are followed by a NUL, as a file read whole is). */
static void expect_ok(const char *in, size_t len, const char *force,
		      const char *want, size_t wantlen, const char *want_enc)
{
	diags d = DIAGS_INIT;
	buf scratch = BUF_INIT;
	struct decoded out = { &scratch, NULL, 0, NULL };
	int rc = encoding_as_utf8(in, len, force, "t.csv", &d, &out);

	CHECK_INT(rc, 0);
	CHECK_INT(d.n, 0);
	CHECK_STR(out.encoding, want_enc);
	CHECK_INT(out.len, wantlen);
	CHECK(out.text && memcmp(out.text, want, wantlen) == 0 &&
	      out.text[wantlen] == '\0');
	diags_free(&d);
	buf_free(&scratch);
}

#define OK(lit, force, want, enc) \
	expect_ok(lit, sizeof(lit) - 1, force, want, sizeof(want) - 1, enc)

/* Runs encoding_as_utf8 on bad input and checks the printed diagnostic and
 * the value kept beside it. */
static void expect_bad(const char *in, size_t len, const char *force,
		       const char *want_msg, const char *want_value)
{
	diags d = DIAGS_INIT;
	buf scratch = BUF_INIT;
	struct decoded out = { &scratch, NULL, 0, NULL };
	char *msg;

	CHECK_INT(encoding_as_utf8(in, len, force, "data/t.csv", &d, &out), -1);
	CHECK_INT(d.errors, 1);
	msg = first_diag(&d);
	CHECK_STR(msg, want_msg);
	if (d.n)
		CHECK_STR(d.v[0].value, want_value);
	free(msg);
	diags_free(&d);
	buf_free(&scratch);
}

#define BAD(lit, force, msg, value) expect_bad(lit, sizeof(lit) - 1, force, msg, value)

/* "编号,小区名称\n1,榆树新村\n" in GBK, from iconv -t GB18030. */
static const char gbk_text[] =
	"\xb1\xe0\xba\xc5\x2c\xd0\xa1\xc7\xf8\xc3\xfb\xb3\xc6\x0a"
	"\x31\x2c\xd3\xdc\xca\xf7\xd0\xc2\xb4\xe5\x0a";

static void test_detect(void)
{
	OK("", NULL, "", "UTF-8");
	OK("a,b\n", NULL, "a,b\n", "UTF-8");
	OK("a,b\n", "auto", "a,b\n", "UTF-8");
	OK("\xEF\xBB\xBF", NULL, "", "UTF-8 BOM");
	OK("\xEF\xBB\xBF编号\n", NULL, "编号\n", "UTF-8 BOM");
	OK("编号,小区名称\n", NULL, "编号,小区名称\n", "UTF-8");
	/* Only the leading BOM goes. */
	OK("a\xEF\xBB\xBF", NULL, "a\xEF\xBB\xBF", "UTF-8");
	expect_ok(gbk_text, sizeof(gbk_text) - 1, NULL,
		  "编号,小区名称\n1,榆树新村\n",
		  strlen("编号,小区名称\n1,榆树新村\n"), "GB18030");
	/* Four-byte GB18030 (an emoji), two-byte é and €. */
	OK("\x94\x39\xfc\x36\xa8\xa6\xa2\xe3", NULL, "😀é€", "GB18030");
	/* A GB18030 BOM is dropped like a UTF-8 one. */
	OK("\x84\x31\x95\x33\xb1\xe0", NULL, "编", "GB18030");
}

static void test_forced(void)
{
	OK("\xb1\xe0\xba\xc5", "gb18030", "编号", "GB18030");
	OK("\xb1\xe0\xba\xc5", "gbk", "编号", "GB18030");
	OK("\xb1\xe0\xba\xc5", "GBK", "编号", "GB18030");
	OK("abc", "gb18030", "abc", "GB18030");
	OK("编号", "utf-8", "编号", "UTF-8");
	OK("编号", "UTF8", "编号", "UTF-8");
	OK("\xEF\xBB\xBF编号", "utf-8", "编号", "UTF-8 BOM");
	/* "编号" in UTF-8 also happens to be valid GB18030: forcing wins. */
	OK("编号", "gb18030", "缂栧彿", "GB18030");
}

/* A Markdown page in UTF-16 is told about the editor, not Excel; a zip
 * header in it is no workbook of ours to name. */
static void test_utf16_page(void)
{
	diags d = DIAGS_INIT;
	buf scratch = BUF_INIT;
	struct decoded out = { &scratch, NULL, 0, NULL };
	char *msg;

	CHECK_INT(encoding_as_utf8("\xFF\xFE#\0 \0", 6, NULL, "content/index.md", &d,
				   &out), -1);
	msg = first_diag(&d);
	CHECK_STR(msg, "content/index.md: error: 文件是 UTF-16 编码（记事本里叫“Unicode”）："
		       "请用记事本打开它，点“文件 → 另存为”，编码选“UTF-8”后保存\n");
	free(msg);
	diags_free(&d);
	CHECK_INT(encoding_as_utf8("PK\x03\x04", 4, NULL, "content/index.md", &d,
				   &out), 0);
	CHECK_INT(d.n, 0);
	diags_free(&d);
	buf_free(&scratch);
}

static void test_bad(void)
{
	/* A UTF-16 file (Excel's "Unicode 文本"), with or without its BOM,
	 * and a workbook renamed to .csv: said what it is, how to save a CSV. */
	BAD("\xFF\xFE" "a\0,\0", NULL,
	    "data/t.csv: error: 文件是 UTF-16 编码（Excel“另存为 → Unicode 文本”保存的格式），不是 CSV："
	    "请用 Excel 或 WPS 打开它，点“文件 → 另存为”，保存类型选“CSV UTF-8（逗号分隔）”"
	    "（WPS 选“CSV（逗号分隔）”），文件名不变\n", NULL);
	BAD("\xFE\xFF" "\0a\0,", "utf-8",
	    "data/t.csv: error: 文件是 UTF-16 编码（Excel“另存为 → Unicode 文本”保存的格式），不是 CSV："
	    "请用 Excel 或 WPS 打开它，点“文件 → 另存为”，保存类型选“CSV UTF-8（逗号分隔）”"
	    "（WPS 选“CSV（逗号分隔）”），文件名不变\n", NULL);
	/* 编号,名称\n in UTF-16LE, no BOM: the comma and line end are ASCII */
	BAD("\x16\x7f\xf7\x53,\0\x0d\x54\xf0\x79\n\0", NULL,
	    "data/t.csv: error: 文件是 UTF-16 编码（Excel“另存为 → Unicode 文本”保存的格式），不是 CSV："
	    "请用 Excel 或 WPS 打开它，点“文件 → 另存为”，保存类型选“CSV UTF-8（逗号分隔）”"
	    "（WPS 选“CSV（逗号分隔）”），文件名不变\n", NULL);
	BAD("\0a\0,\0b\0\n", NULL,
	    "data/t.csv: error: 文件是 UTF-16 编码（Excel“另存为 → Unicode 文本”保存的格式），不是 CSV："
	    "请用 Excel 或 WPS 打开它，点“文件 → 另存为”，保存类型选“CSV UTF-8（逗号分隔）”"
	    "（WPS 选“CSV（逗号分隔）”），文件名不变\n", NULL);
	BAD("PK\x03\x04\x14\0\x06\0", NULL,
	    "data/t.csv: error: 文件是 Excel/WPS 工作簿（.xlsx），只是名字叫 .csv："
	    "请用 Excel 或 WPS 打开它，点“文件 → 另存为”，保存类型选“CSV UTF-8（逗号分隔）”"
	    "（WPS 选“CSV（逗号分隔）”），文件名不变\n", NULL);
	BAD("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", NULL,
	    "data/t.csv: error: 文件是 Excel/WPS 工作簿（.xls 或 .et），只是名字叫 .csv："
	    "请用 Excel 或 WPS 打开它，点“文件 → 另存为”，保存类型选“CSV UTF-8（逗号分隔）”"
	    "（WPS 选“CSV（逗号分隔）”），文件名不变\n", NULL);
	BAD("a,b\n1,\xff\xfe\xfd\n", NULL,
	    "data/t.csv:2:3: error: 无法识别的文件编码：第 6 字节处的“\\xFF\\xFE\\xFD”既不是 UTF-8 也不是 GB18030\n",
	    "\\xFF\\xFE\\xFD");
	/* At most four bytes are shown. */
	BAD("\xff\xff\xfe\xfd\xfc", NULL,
	    "data/t.csv:1:1: error: 无法识别的文件编码：第 0 字节处的“\\xFF\\xFF\\xFE\\xFD”既不是 UTF-8 也不是 GB18030\n",
	    "\\xFF\\xFF\\xFE\\xFD");
	/* GBK text with a damaged byte further on: UTF-8 fails at 0 but
	 * GB18030 only at 11, and that is the place to look.  CRLF counts
	 * as one line end, a lone CR as one too. */
	BAD("\xb1\xe0\r\n\xba\xc5\r" "ab\xff", NULL,
	    "data/t.csv:3:3: error: 无法识别的文件编码：第 9 字节处的“\\xFF”既不是 UTF-8 也不是 GB18030\n",
	    "\\xFF");
	/* UTF-8 text with a damaged byte: GB18030 fails earlier. */
	BAD("编号\n小区\x80名称", NULL,
	    "data/t.csv:2:7: error: 无法识别的文件编码：第 13 字节处的“\\x80\\xE5\\x90\\x8D”既不是 UTF-8 也不是 GB18030\n",
	    "\\x80\\xE5\\x90\\x8D");
	/* A GBK lead byte cut off by the end of the file. */
	BAD("ab\xb1", NULL,
	    "data/t.csv:1:3: error: 无法识别的文件编码：第 2 字节处的“\\xB1”既不是 UTF-8 也不是 GB18030\n",
	    "\\xB1");
	BAD("\xb1\xe0\xba\xc5", "utf-8",
	    "data/t.csv:1:1: error: 文件不是有效的 UTF-8：第 0 字节处的“\\xB1\\xE0\\xBA\\xC5”\n",
	    "\\xB1\\xE0\\xBA\\xC5");
	/* A BOM settles it: UTF-8, and the offset still counts the BOM. */
	BAD("\xEF\xBB\xBF" "a\n\xb1\xe0", NULL,
	    "data/t.csv:2:1: error: 文件不是有效的 UTF-8：第 5 字节处的“\\xB1\\xE0”\n",
	    "\\xB1\\xE0");
	BAD("ab\n\xFFx", "gb18030",
	    "data/t.csv:2:1: error: 文件不是有效的 GB18030：第 3 字节处的“\\xFF”\n",
	    "\\xFF");
	BAD("ab", "latin1",
	    "data/t.csv: error: 不支持的编码“latin1”：可选 auto、utf-8、gb18030、gbk\n",
	    "latin1");
}

/* UTF-8 is used where it lies; only converted text lands in scratch. */
static void test_as_utf8(void)
{
	static const char bom[] = "\xEF\xBB\xBF" "a,b\n";
	diags d = DIAGS_INIT;
	buf scratch = BUF_INIT;
	struct decoded out = { &scratch, NULL, 0, NULL };

	CHECK_INT(encoding_as_utf8(bom, sizeof(bom) - 1, NULL, "t.csv", &d, &out), 0);
	CHECK(out.text == bom + 3);
	CHECK_INT(out.len, 4);
	CHECK_STR(out.encoding, "UTF-8 BOM");
	CHECK_INT(scratch.len, 0);

	buf_puts(&scratch, "left over");
	CHECK_INT(encoding_as_utf8(gbk_text, sizeof(gbk_text) - 1, "auto", "t.csv", &d,
				   &out), 0);
	CHECK(out.text == scratch.data);
	CHECK_INT(out.len, strlen("编号,小区名称\n1,榆树新村\n"));
	CHECK_STR(out.text, "编号,小区名称\n1,榆树新村\n");
	CHECK_STR(out.encoding, "GB18030");
	CHECK_INT(d.n, 0);
	buf_free(&scratch);
	diags_free(&d);
}

/* utf8_decode (and utf8_decode_inline) agrees with the validator on every
 * sequence of two to four bytes that starts with each lead byte (one
 * valid sequence is its whole length, an invalid one 0), and utf8_encode round-trips every code
 * point. */
static void test_decode_encode(void)
{
	static const unsigned char tail[] = { 0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F,
					      0xA0, 0xBF, 0xC0, 0xFF };
	unsigned char b[4];
	char u[4];
	uint32_t cp, icp;
	int bad = 0;
	long checked = 0;

	for (unsigned x = 0; x < 256u * 256u * sizeof(tail) * sizeof(tail) && bad < 5; x++) {
		b[0] = (unsigned char)(x >> 8), b[1] = (unsigned char)x;
		b[2] = tail[(x >> 16) % sizeof(tail)], b[3] = tail[(x >> 16) / sizeof(tail)];
		for (size_t len = 1; len <= 4; len++) {
			size_t want = reference_prefix(b, len), got = utf8_decode((const char *)b, len, &cp);
			int seq = b[0] < 0x80 ? 1 : b[0] < 0xE0 ? 2 : b[0] < 0xF0 ? 3 : 4;

			/* The first code point is valid when the reference
			 * takes at least its bytes. */
			if (got != (want >= (size_t)seq ? (size_t)seq : 0) ||
			    (got == 0 && cp != UTF8_REPLACEMENT)) {
				printf("  decode %02x %02x %02x %02x length %zu: %zu\n", b[0], b[1],
				       b[2], b[3], len, got);
				bad++;
			}
			/* The inline form (the search tokenizer's) agrees. */
			if (utf8_decode_inline((const char *)b, len, &icp) != got || icp != cp) {
				printf("  inline decode %02x %02x %02x %02x length %zu\n", b[0],
				       b[1], b[2], b[3], len);
				bad++;
			}
			checked++;
		}
	}
	for (uint32_t c = 0; c <= 0x10FFFF && bad < 5; c++) {
		size_t n;

		if (c >= 0xD800 && c <= 0xDFFF)
			continue;
		n = utf8_encode(c, u);
		if (utf8_valid_prefix(u, n) != n || utf8_decode(u, n, &cp) != n || cp != c) {
			printf("  round trip of U+%04X\n", (unsigned)c);
			bad++;
		}
	}
	CHECK_INT(bad, 0);
	CHECK(checked > 1000000); /* vacuity guard */
	CHECK_INT(utf8_decode("\xF0\xA0\xAE\xB7", 4, &cp), 4);
	CHECK_INT(cp, 0x20BB7);
	CHECK_INT(utf8_decode("\xED\xA0\x80", 3, &cp), 0); /* a surrogate */
	CHECK_INT(cp, UTF8_REPLACEMENT);
}

int main(void)
{
	test_valid_prefix();
	test_valid_prefix_against_reference();
	test_decode_encode();
	test_detect();
	test_forced();
	test_bad();
	test_utf16_page();
	test_as_utf8();
	return test_done();
}
