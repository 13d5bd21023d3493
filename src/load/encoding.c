#include "load/encoding.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

#include "load/srcpos.h"
#include "util/utf8.h"

enum enc { ENC_AUTO, ENC_UTF8, ENC_GB18030 };

enum { SHOW_BYTES = 4 };

static const char utf8_bom[] = "\xEF\xBB\xBF";

static int parse_force(const char *force, enum enc *out)
{
	if (force == NULL || strcasecmp(force, "auto") == 0)
		*out = ENC_AUTO;
	else if (strcasecmp(force, "utf-8") == 0 || strcasecmp(force, "utf8") == 0)
		*out = ENC_UTF8;
	else if (strcasecmp(force, "gb18030") == 0 || strcasecmp(force, "gbk") == 0 ||
		 strcasecmp(force, "gb2312") == 0)
		*out = ENC_GB18030;
	else
		return -1;
	return 0;
}

/* Line and byte column of `off`, with the CSV reader's idea of a line end
 * so both speak of the same lines. */
static void locate(const char *data, size_t len, size_t off, unsigned *line,
		   unsigned *col)
{
	size_t start = 0;
	unsigned n = 1;

	for (size_t i = 0; i < off && i < len; i++) {
		if (data[i] == '\n' ||
		    (data[i] == '\r' && (i + 1 >= len || data[i + 1] != '\n'))) {
			n++;
			start = i + 1;
		}
	}
	*line = n;
	*col = (unsigned)(off - start + 1);
}

/* The bad bytes as \xNN, stopping at the first ASCII byte: the ASCII that
 * follows is readable in the message's position anyway and a newline
 * would only confuse.  Caller frees `out`. */
static void show_bytes(const char *data, size_t len, size_t off, buf *out)
{
	for (size_t i = off; i < len && i < off + SHOW_BYTES; i++) {
		unsigned char c = (unsigned char)data[i];

		if (i > off && c < 0x80)
			break;
		buf_printf(out, "\\x%02X", c);
	}
	buf_cstr(out);
}

static void report_bad(const char *data, size_t len, size_t off, enum enc enc,
		       const char *path, diags *d)
{
	buf shown = BUF_INIT;
	unsigned line, col;

	locate(data, len, off, &line, &col);
	show_bytes(data, len, off, &shown);
	if (enc == ENC_UTF8)
		diag_error(d, path, line, col, shown.data,
			   "文件不是有效的 UTF-8：第 %zu 字节处的“%s”", off,
			   shown.data);
	else if (enc == ENC_GB18030)
		diag_error(d, path, line, col, shown.data,
			   "文件不是有效的 GB18030：第 %zu 字节处的“%s”", off,
			   shown.data);
	else
		diag_error(d, path, line, col, shown.data,
			   "无法识别的文件编码：第 %zu 字节处的“%s”既不是 UTF-8 也不是 GB18030",
			   off, shown.data);
	buf_free(&shown);
}

/* Appends the GB18030 text to `out`.  Returns 0, or -1 with *bad set to
 * the offset of the first sequence iconv rejects (or that the end cuts
 * short), or -2 when the C library has no GB18030 (errno kept). */
static int gb18030_decode(const char *data, size_t len, buf *out, size_t *bad)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	char *in = (char *)data; /* iconv's prototype is not const-correct */
	size_t inleft = len;
	size_t start = out->len;
	int rc = 0;

	if (cd == (iconv_t)-1)
		return -2;
	/* Two bytes of GBK become three of UTF-8, four stay four. */
	buf_reserve(out, len + len / 2 + 16);
	for (;;) {
		char *at = buf_reserve(out, 0), *o = at;
		size_t oleft = buf_room(out);
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);

		buf_commit(out, (size_t)(o - at));
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG) {
			buf_reserve(out, inleft * 2 + 16);
			continue;
		}
		*bad = (size_t)(in - data);
		rc = -1;
		break;
	}
	iconv_close(cd);
	if (rc) {
		buf_truncate(out, start);
		return rc;
	}
	/* A GB18030 BOM decodes to U+FEFF; it is not text either. */
	if (out->len - start >= 3 && memcmp(out->data + start, utf8_bom, 3) == 0) {
		memmove(out->data + start, out->data + start + 3, out->len - start - 3);
		buf_truncate(out, out->len - 3);
	}
	return 0;
}

/* gb18030_decode, reporting the missing-converter case itself (-2). */
static int decode_gb(const char *data, size_t len, const char *path, diags *d,
		     buf *out, size_t *bad)
{
	int rc = gb18030_decode(data, len, out, bad);

	if (rc == -2)
		diag_error(d, path, 0, 0, NULL, "无法转换 GB18030 编码：%s",
			   strerror(errno));
	return rc;
}

/* How to make a CSV of a file that is not one. */
#define SAVE_AS_CSV \
	"请用 Excel 或 WPS 打开它，点“文件 → 另存为”，保存类型选" \
	"“CSV UTF-8（逗号分隔）”（WPS 选“CSV（逗号分隔）”），文件名不变"

/* 1 when the first bytes say UTF-16 with byte `zero_at` (0 big-endian,
 * 1 little-endian) of each pair being the NUL high byte of ASCII: no BOM,
 * but every comma and line end of a table is ASCII, and no text in UTF-8
 * or GB18030 has NULs on one side only. */
static int utf16_without_bom(const unsigned char *u, size_t len, int zero_at)
{
	size_t pairs = (len < 512 ? len : 512) / 2, here = 0, there = 0;

	for (size_t i = 0; i < pairs; i++) {
		here += u[2 * i + zero_at] == 0;
		there += u[2 * i + !zero_at] == 0;
	}
	return pairs >= 2 && here >= 2 && here * 8 >= pairs && there == 0;
}

/* Files Excel writes that are not text a CSV reader can take: "Unicode
 * 文本" (UTF-16, with or without BOM, tab separated) and a workbook
 * renamed to .csv.  An error naming the Save As choice that makes a
 * CSV; 0 when the bytes are none of these. */
static int not_csv(const char *data, size_t len, const char *path, diags *d)
{
	const unsigned char *u = (const unsigned char *)data;
	size_t pl = strlen(path);
	int csv = pl >= 4 && strcasecmp(path + pl - 4, ".csv") == 0;

	if (csv && len >= 4 && memcmp(u, "PK\x03\x04", 4) == 0)
		diag_error(d, path, 0, 0, NULL,
			   "文件是 Excel/WPS 工作簿（.xlsx），只是名字叫 .csv：" SAVE_AS_CSV);
	else if (csv && len >= 8 && memcmp(u, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		diag_error(d, path, 0, 0, NULL,
			   "文件是 Excel/WPS 工作簿（.xls 或 .et），只是名字叫 .csv：" SAVE_AS_CSV);
	else if ((len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) ||
		 utf16_without_bom(u, len, 1) || utf16_without_bom(u, len, 0)) {
		if (csv)
			diag_error(d, path, 0, 0, NULL,
				   "文件是 UTF-16 编码（Excel“另存为 → Unicode 文本”保存的格式），"
				   "不是 CSV：" SAVE_AS_CSV);
		else
			diag_error(d, path, 0, 0, NULL,
				   "文件是 UTF-16 编码（记事本里叫“Unicode”）：请用记事本打开它，"
				   "点“文件 → 另存为”，编码选“UTF-8”后保存");
	} else {
		return 0;
	}
	return 1;
}

/* How much of the line around a NUL the message quotes, in characters
 * either side: enough to find the place in an editor. */
enum { NUL_CONTEXT = 8 };

/* Start of the character before `p` (not before `start`). */
static const char *char_back(const char *start, const char *p)
{
	while (p > start && ((unsigned char)*--p & 0xC0) == 0x80)
		continue;
	return p;
}

/* The text around the NUL at `z` on its line, NULs shown as \x00. */
static void show_nul(const char *line, const char *end, const char *z, buf *out)
{
	const char *from = z, *to = z + 1;

	for (int i = 0; i < NUL_CONTEXT && from > line; i++)
		from = char_back(line, from);
	for (int i = 0; i < NUL_CONTEXT && to < end && *to != '\n' && *to != '\r'; i++)
		for (to++; to < end && ((unsigned char)*to & 0xC0) == 0x80; to++)
			continue;
	for (const char *p = from; p < to; p++) {
		if (*p == '\0')
			buf_puts(out, "\\x00");
		else
			buf_putc(out, *p);
	}
	buf_cstr(out);
}

/* The NUL at `z` of `text` (`len` bytes), on the line starting at `line`
 * (`at`: its file and line number). */
static void report_nul(const char *text, size_t len, const char *line,
		       const char *z, struct srcpos at, diags *d)
{
	const char *display_path = at.file;
	size_t dot = strlen(display_path);
	unsigned col = 1;
	buf shown = BUF_INIT;

	for (const char *p = line; p < z; p++)
		col += ((unsigned char)*p & 0xC0) != 0x80;
	show_nul(line, text + len, z, &shown);
	diag_error(d, display_path, at.line, col, shown.data,
		   "有一个看不见的空字符（\\x00）：“%s”。它多半是保存文件的程序误写入的，"
		   "会让后面的文字丢失；%s", shown.data,
		   dot >= 4 && strcasecmp(display_path + dot - 4, ".csv") == 0
			   ? "请用文本编辑器（如记事本）删去它后保存，或在 Excel、WPS 中重新输入这一格，再另存为 CSV 文件"
			   : "请用文本编辑器（如记事本）打开，删去它后保存");
	buf_free(&shown);
}

/* Every NUL is reported (diag keeps the first hundred of a file), one
 * per line: a line's later NULs are in the first one's quote or not far. */
int encoding_refuse_nul(const char *text, size_t len, const char *display_path,
			unsigned line_base, diags *d)
{
	const char *end = text + len, *z = memchr(text, '\0', len), *line = text, *p = text;
	unsigned n = line_base + 1, reported = 0;

	for (; z != NULL; z = memchr(z + 1, '\0', (size_t)(end - z - 1))) {
		unsigned at = n;

		for (; p < z; p++) {
			if (*p == '\n' || (*p == '\r' && p[1] != '\n')) {
				n++;
				line = p + 1;
			}
		}
		if (reported == 0 || n != at)
			report_nul(text, len, line, z,
				   (struct srcpos){ display_path, n }, d);
		reported++;
	}
	return reported ? -1 : 0;
}

int encoding_as_utf8(const char *data, size_t len, const char *force,
		     const char *display_path, diags *d, struct decoded *out)
{
	buf *scratch = out->scratch;
	enum enc enc;
	size_t skip = 0, good, bad = 0;
	int rc;

	buf_reset(scratch);
	if (data == NULL)
		data = ""; /* (NULL, 0) is an empty file too */
	if (parse_force(force, &enc) < 0) {
		diag_error(d, display_path, 0, 0, force,
			   "不支持的编码“%s”：可选 auto、utf-8、gb18030、gbk", force);
		return -1;
	}
	if (not_csv(data, len, display_path, d))
		return -1;
	if (enc != ENC_GB18030 && len >= 3 && memcmp(data, utf8_bom, 3) == 0) {
		/* The BOM says UTF-8 louder than any guess could. */
		skip = 3;
		enc = ENC_UTF8;
	}
	if (enc == ENC_GB18030) {
		rc = decode_gb(data, len, display_path, d, scratch, &bad);
		if (rc == 0)
			goto converted;
		if (rc == -1)
			report_bad(data, len, bad, ENC_GB18030, display_path, d);
		return -1;
	}
	good = skip + utf8_valid_prefix(data + skip, len - skip);
	if (good == len) {
		out->text = data + skip;
		out->len = len - skip;
		out->encoding = skip ? "UTF-8 BOM" : "UTF-8";
		return encoding_refuse_nul(out->text, out->len, display_path, 0, d);
	}
	if (enc == ENC_UTF8) {
		report_bad(data, len, good, ENC_UTF8, display_path, d);
		return -1;
	}
	rc = decode_gb(data, len, display_path, d, scratch, &bad);
	if (rc == -1) {
		/* Whichever reading got further is the likelier intent: a
		 * UTF-8 file with one damaged byte fails GB18030 early, and
		 * the other way round. */
		report_bad(data, len, good > bad ? good : bad, ENC_AUTO,
			   display_path, d);
	}
	if (rc)
		return -1;
converted:
	out->text = scratch->data;
	out->len = scratch->len;
	out->encoding = "GB18030";
	return encoding_refuse_nul(out->text, out->len, display_path, 0, d);
}

