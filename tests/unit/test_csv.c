/* The whole-table CSV reader (load/csv.h: csv_parse_bytes,
 * csv_read_file) on its own cases: fields, line ends, quotes, trimming,
 * the size limits, an unclosed quote, GBK, the line count after
 * multi-line fields, the packed text, reading a file.  The csv-spectrum
 * conformance suite is test_csv_spectrum.c; the row-by-row API is
 * test_csv_rows.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "load/csv.h"
#include "util/buf.h"
#include "test.h"

/* One parse with its own arena and diagnostics. */
struct run {
	arena *a;
	diags d;
	struct csv_table t;
	int rc;
};

static void run_parse(struct run *r, const char *data, size_t len,
		      const char *force)
{
	r->a = arena_new();
	memset(&r->d, 0, sizeof(r->d));
	r->rc = csv_parse_bytes(data, len, (struct csv_source){ "data/t.csv", force },
				r->a, &r->d, &r->t);
}

#define PARSE(r, lit, force) run_parse(r, lit, sizeof(lit) - 1, force)

static void run_free(struct run *r)
{
	diags_free(&r->d);
	arena_free(r->a);
}

/* The field at row i, column j (0-based), or NULL if there is none. */
static const char *cell(const struct run *r, size_t i, size_t j)
{
	if (i >= r->t.nrows || j >= r->t.rows[i].nfields)
		return NULL;
	return r->t.rows[i].fields[j].text;
}

static unsigned cell_line(const struct run *r, size_t i, size_t j)
{
	if (i >= r->t.nrows || j >= r->t.rows[i].nfields)
		return 0;
	return r->t.rows[i].fields[j].line;
}

static unsigned row_line(const struct run *r, size_t i)
{
	return i < r->t.nrows ? r->t.rows[i].line : 0;
}

static void expect_error(const char *data, size_t len, const char *force,
			 const char *want)
{
	struct run r;
	char *msg;

	run_parse(&r, data, len, force);
	CHECK_INT(r.rc, -1);
	CHECK_INT(r.d.errors, 1);
	msg = first_diag(&r.d);
	CHECK_STR(msg, want);
	free(msg);
	run_free(&r);
}

#define EXPECT_ERROR(lit, force, want) expect_error(lit, sizeof(lit) - 1, force, want)

static void test_simple(void)
{
	struct run r;

	PARSE(&r, "a,b,c\n1,2,3\n", NULL);
	CHECK_INT(r.rc, 0);
	CHECK_INT(r.d.n, 0);
	CHECK_STR(r.t.path, "data/t.csv");
	CHECK_STR(r.t.encoding, "UTF-8");
	CHECK_INT(r.t.nrows, 2);
	CHECK_INT(r.t.rows[0].nfields, 3);
	CHECK_INT(r.t.rows[1].nfields, 3);
	CHECK_STR(cell(&r, 0, 0), "a");
	CHECK_STR(cell(&r, 1, 2), "3");
	CHECK_INT(r.t.rows[1].fields[2].len, 1);
	CHECK_INT(r.t.rows[1].fields[0].col, 1);
	CHECK_INT(r.t.rows[1].fields[1].col, 2);
	CHECK_INT(r.t.rows[1].fields[2].col, 3);
	CHECK_INT(row_line(&r, 0), 1);
	CHECK_INT(row_line(&r, 1), 2);
	CHECK_INT(cell_line(&r, 1, 2), 2);
	run_free(&r);

	/* Empty fields inside a row are kept, with their columns. */
	PARSE(&r, "a,,c,\n", NULL);
	CHECK_INT(r.t.nrows, 1);
	CHECK_INT(r.t.rows[0].nfields, 4);
	CHECK_STR(cell(&r, 0, 1), "");
	CHECK_INT(r.t.rows[0].fields[1].len, 0);
	CHECK_STR(cell(&r, 0, 3), "");
	CHECK_INT(r.t.rows[0].fields[3].col, 4);
	run_free(&r);
}

static void test_line_ends(void)
{
	struct run r;

	PARSE(&r, "\xEF\xBB\xBF" "编号,名称\r\n1,榆树新村\r\n", NULL);
	CHECK_INT(r.rc, 0);
	CHECK_STR(r.t.encoding, "UTF-8 BOM");
	CHECK_INT(r.t.nrows, 2);
	CHECK_STR(cell(&r, 0, 0), "编号");
	CHECK_STR(cell(&r, 0, 1), "名称");
	CHECK_STR(cell(&r, 1, 1), "榆树新村");
	CHECK_INT(row_line(&r, 1), 2);
	run_free(&r);

	/* Old Mac Excel: lone CR; and no line end after the last row. */
	PARSE(&r, "a,b\r1,2\r3,4", NULL);
	CHECK_INT(r.t.nrows, 3);
	CHECK_STR(cell(&r, 1, 1), "2");
	CHECK_STR(cell(&r, 2, 1), "4");
	CHECK_INT(row_line(&r, 2), 3);
	run_free(&r);

	/* Mixed, with blank lines of every kind between rows. */
	PARSE(&r, "a,b\r\n\r\n1,2\n\n\r3,4\r\r\n5,6\n", NULL);
	CHECK_INT(r.t.nrows, 4);
	CHECK_INT(row_line(&r, 1), 3);
	CHECK_INT(row_line(&r, 2), 6);
	CHECK_INT(row_line(&r, 3), 8);
	CHECK_STR(cell(&r, 3, 0), "5");
	run_free(&r);
}

static void test_quoted(void)
{
	struct run r;

	PARSE(&r,
	      "id,note\n"
	      "1,\"a, b\"\n"
	      "2,\"say \"\"hi\"\"\"\n"
	      "3,\"line1\nline2\r\nline3\rline4\"\n"
	      "4,x\n",
	      NULL);
	CHECK_INT(r.rc, 0);
	CHECK_INT(r.t.nrows, 5);
	CHECK_STR(cell(&r, 1, 1), "a, b");
	CHECK_STR(cell(&r, 2, 1), "say \"hi\"");
	CHECK_STR(cell(&r, 3, 1), "line1\nline2\r\nline3\rline4");
	CHECK_INT(cell_line(&r, 3, 1), 4);
	/* The row after the four-line field is on line 8. */
	CHECK_INT(row_line(&r, 4), 8);
	CHECK_INT(cell_line(&r, 4, 1), 8);
	run_free(&r);

	/* A field after a multi-line one starts on the line its comma is on;
	 * a row can also start with a multi-line field. */
	PARSE(&r, "a,b,c\n1,\"x\ny\",z\n\"p\n\nq\",r,s\nt,u,v\n", NULL);
	CHECK_INT(r.t.nrows, 4);
	CHECK_INT(cell_line(&r, 1, 0), 2);
	CHECK_INT(cell_line(&r, 1, 1), 2);
	CHECK_INT(cell_line(&r, 1, 2), 3);
	CHECK_STR(cell(&r, 1, 2), "z");
	CHECK_INT(row_line(&r, 2), 4);
	CHECK_STR(cell(&r, 2, 0), "p\n\nq");
	CHECK_INT(cell_line(&r, 2, 1), 6);
	CHECK_INT(row_line(&r, 3), 7);
	run_free(&r);

	/* Lenient like Excel: a quote inside an unquoted field is text, and
	 * blanks around a quoted field do not matter. */
	PARSE(&r, "a,b,c\n5\"3,x\"y, \"q\" \n", NULL);
	CHECK_INT(r.rc, 0);
	CHECK_STR(cell(&r, 1, 0), "5\"3");
	CHECK_STR(cell(&r, 1, 1), "x\"y");
	CHECK_STR(cell(&r, 1, 2), "q");
	run_free(&r);
}

static void test_trim(void)
{
	struct run r;

	PARSE(&r, " a ,\t b\t,\xE3\x80\x80" "c\xE3\x80\x80, \" d \" ,\"\xE3\x80\x80 e\",x y\n", NULL);
	CHECK_INT(r.t.nrows, 1);
	CHECK_STR(cell(&r, 0, 0), "a");
	CHECK_STR(cell(&r, 0, 1), "b");
	CHECK_STR(cell(&r, 0, 2), "c");
	CHECK_INT(r.t.rows[0].fields[2].len, 1);
	CHECK_STR(cell(&r, 0, 3), "d");
	CHECK_STR(cell(&r, 0, 4), "e");
	CHECK_STR(cell(&r, 0, 5), "x y");
	run_free(&r);

	/* Only blanks: empty, so the row is dropped. */
	PARSE(&r, "a\n \xE3\x80\x80\t, \"  \"\n", NULL);
	CHECK_INT(r.t.nrows, 1);
	run_free(&r);
}

static void test_sizes(void)
{
	struct run r;

	PARSE(&r, "", NULL);
	CHECK_INT(r.rc, 0);
	CHECK_INT(r.d.n, 0);
	CHECK_INT(r.t.nrows, 0);
	CHECK_STR(r.t.encoding, "UTF-8");
	run_free(&r);

	run_parse(&r, NULL, 0, NULL);
	CHECK_INT(r.rc, 0);
	CHECK_INT(r.t.nrows, 0);
	run_free(&r);

	PARSE(&r, "\xEF\xBB\xBF", NULL);
	CHECK_INT(r.rc, 0);
	CHECK_INT(r.t.nrows, 0);
	CHECK_STR(r.t.encoding, "UTF-8 BOM");
	run_free(&r);

	PARSE(&r, "\n\r\n,,,\n", NULL);
	CHECK_INT(r.rc, 0);
	CHECK_INT(r.t.nrows, 0);
	run_free(&r);

	PARSE(&r, "编号,名称\n", NULL);
	CHECK_INT(r.t.nrows, 1);
	CHECK_INT(r.t.rows[0].nfields, 2);
	run_free(&r);

	PARSE(&r, "编号,名称", NULL);
	CHECK_INT(r.t.nrows, 1);
	CHECK_STR(cell(&r, 0, 1), "名称");
	run_free(&r);

	/* What Excel leaves below a table. */
	PARSE(&r, "a,b\n1,2\n\n\n,,\n , \n\r\n,\r\n", NULL);
	CHECK_INT(r.rc, 0);
	CHECK_INT(r.t.nrows, 2);
	run_free(&r);
}

static void test_unclosed(void)
{
	struct run r;
	char *msg;

	PARSE(&r, "a,b\n1,2\n3,\"open\n4,5\n", NULL);
	CHECK_INT(r.rc, -1);
	msg = first_diag(&r.d);
	CHECK_STR(msg, "data/t.csv:3:2: error: 引号没有闭合：从这里开始的字段一直到文件末尾\n");
	free(msg);
	/* The rows before it are kept. */
	CHECK_INT(r.t.nrows, 2);
	run_free(&r);

	/* After a multi-line field, at the start of a row. */
	EXPECT_ERROR("a\n\"x\ny\"\n\n\"never", NULL,
		     "data/t.csv:5:1: error: 引号没有闭合：从这里开始的字段一直到文件末尾\n");
	/* An escaped quote at the very end does not close a field. */
	EXPECT_ERROR("a,b\r\nx,\"y\"\"", NULL,
		     "data/t.csv:2:2: error: 引号没有闭合：从这里开始的字段一直到文件末尾\n");

	/* A field closed right at the end of the input is fine. */
	PARSE(&r, "a,b\n1,\"2\"", NULL);
	CHECK_INT(r.rc, 0);
	CHECK_STR(cell(&r, 1, 1), "2");
	run_free(&r);
}

/* "编号,小区名称\n1,榆树新村\n" in GBK, from iconv -t GB18030. */
static const char gbk_csv[] =
	"\xb1\xe0\xba\xc5\x2c\xd0\xa1\xc7\xf8\xc3\xfb\xb3\xc6\x0a"
	"\x31\x2c\xd3\xdc\xca\xf7\xd0\xc2\xb4\xe5\x0a";

static void test_encodings(void)
{
	struct run r;

	PARSE(&r, gbk_csv, NULL);
	CHECK_INT(r.rc, 0);
	CHECK_STR(r.t.encoding, "GB18030");
	CHECK_INT(r.t.nrows, 2);
	CHECK_STR(cell(&r, 0, 0), "编号");
	CHECK_STR(cell(&r, 0, 1), "小区名称");
	CHECK_STR(cell(&r, 1, 1), "榆树新村");
	CHECK_INT(r.t.rows[1].fields[1].len, strlen("榆树新村"));
	CHECK_INT(row_line(&r, 1), 2);
	run_free(&r);

	PARSE(&r, gbk_csv, "gbk");
	CHECK_INT(r.rc, 0);
	CHECK_STR(cell(&r, 1, 1), "榆树新村");
	run_free(&r);

	PARSE(&r, "a\n编号\n", "utf-8");
	CHECK_INT(r.rc, 0);
	CHECK_STR(r.t.encoding, "UTF-8");
	CHECK_STR(cell(&r, 1, 0), "编号");
	run_free(&r);

	EXPECT_ERROR("a,b\n1,\xff\xfe\xfd\n", NULL,
		     "data/t.csv:2:3: error: 无法识别的文件编码：第 6 字节处的“\\xFF\\xFE\\xFD”既不是 UTF-8 也不是 GB18030\n");
	EXPECT_ERROR(gbk_csv, "utf-8",
		     "data/t.csv:1:1: error: 文件不是有效的 UTF-8：第 0 字节处的“\\xB1\\xE0\\xBA\\xC5”\n");
	EXPECT_ERROR("a,b\r\n1,\x80\r\n", "gb18030",
		     "data/t.csv:2:3: error: 文件不是有效的 GB18030：第 7 字节处的“\\x80”\n");
}

/* Many rows, some with multi-line fields, to check that the line count
 * never drifts. */
static void test_many_rows(void)
{
	struct run r;
	buf b = BUF_INIT;
	unsigned line = 2;
	int ok = 1;

	buf_puts(&b, "id,text,n\n");
	for (int i = 0; i < 3000; i++) {
		if (i % 7 == 3)
			buf_printf(&b, "%d,\"one\r\ntwo\rthree\",%d\n", i, i);
		else
			buf_printf(&b, "%d,plain %d,%d\r\n", i, i, i);
		if (i % 11 == 0)
			buf_puts(&b, ",,\n");
	}
	run_parse(&r, b.data, b.len, NULL);
	CHECK_INT(r.rc, 0);
	CHECK_INT(r.t.nrows, 3001);
	for (int i = 0; i < 3000 && r.t.nrows == 3001; i++) {
		const struct csv_row *row = &r.t.rows[i + 1];
		unsigned span = i % 7 == 3 ? 2 : 0;

		ok = ok && row->line == line && row->nfields == 3 &&
		     row->fields[2].line == line + span &&
		     atoi(row->fields[0].text) == i;
		line += span + 1 + (i % 11 == 0);
	}
	CHECK(ok);
	run_free(&r);
	buf_free(&b);
}

/* The fields' text is packed into one piece as big as the table's text
 * (load/csv.c).  Rows that are dropped give their room back, so a kept
 * row after them must not be overwritten, nor one before them; fields
 * that shrink (quotes, "", trimmed spaces) or do not (the last, with no
 * line end after it) must all come out whole. */
static void test_packed_text(void)
{
	struct run r;
	buf b = BUF_INIT, want = BUF_INIT;
	int ok = 1;

	buf_puts(&b, "id,text,n\n");
	for (int i = 0; i < 400; i++) {
		if (i % 5 == 1) {
			buf_printf(&b, "%d,", i); /* a field over the limit: dropped */
			for (size_t k = 0; k <= CSV_MAX_FIELD; k++)
				buf_putc(&b, 'x');
			buf_puts(&b, ",1\n");
		} else if (i % 5 == 2) {
			buf_printf(&b, "%d", i); /* too many fields: dropped */
			for (int k = 0; k < CSV_MAX_FIELDS; k++)
				buf_puts(&b, ",y");
			buf_puts(&b, "\n");
		}
		buf_printf(&b, "%d,\"say \"\"%d\"\"\" , \u3000全角%d ", i, i, i);
		buf_puts(&b, i == 399 ? "" : "\r\n");
	}
	run_parse(&r, b.data, b.len, NULL);
	CHECK_INT(r.t.nrows, 401);
	CHECK_INT(r.d.errors, 160);
	for (int i = 0; ok && i < 400 && r.t.nrows == 401; i++) {
		buf_reset(&want);
		buf_printf(&want, "say \"%d\"", i);
		ok = atoi(cell(&r, i + 1, 0)) == i && strcmp(cell(&r, i + 1, 1), want.data) == 0;
		buf_reset(&want);
		buf_printf(&want, "全角%d", i);
		ok = ok && strcmp(cell(&r, i + 1, 2), want.data) == 0 &&
		     r.t.rows[i + 1].fields[2].len == want.len;
	}
	CHECK(ok);
	run_free(&r);
	buf_free(&b);
	buf_free(&want);
}

static void test_read_file(void)
{
	char path[] = "/tmp/gongshi-test-csv-XXXXXX";
	int fd = mkstemp(path);
	arena *a = arena_new();
	diags d = DIAGS_INIT;
	struct csv_table t;
	char *msg;

	CHECK(fd >= 0);
	if (fd >= 0) {
		CHECK_INT(write(fd, gbk_csv, sizeof(gbk_csv) - 1), sizeof(gbk_csv) - 1);
		close(fd);
		CHECK_INT(csv_read_file(path, (struct csv_source){ "data/x.csv", NULL },
					a, &d, &t), 0);
		CHECK_STR(t.path, "data/x.csv");
		CHECK_STR(t.encoding, "GB18030");
		CHECK_INT(t.nrows, 2);
		if (t.nrows == 2)
			CHECK_STR(t.rows[1].fields[1].text, "榆树新村");
		unlink(path);
	}
	CHECK_INT(csv_read_file("/nonexistent/gongshi/x.csv",
				(struct csv_source){ "data/none.csv", NULL }, a, &d, &t), -1);
	CHECK_INT(t.nrows, 0);
	CHECK_INT(d.n, 1);
	msg = d.n ? first_diag(&(diags){ .v = d.v, .n = 1 }) : NULL;
	CHECK(msg && strncmp(msg, "data/none.csv: error: 无法读取文件：",
			     strlen("data/none.csv: error: 无法读取文件：")) == 0);
	free(msg);
	diags_free(&d);
	arena_free(a);
}

int main(void)
{
	test_simple();
	test_line_ends();
	test_quoted();
	test_trim();
	test_sizes();
	test_unclosed();
	test_encodings();
	test_many_rows();
	test_packed_text();
	test_read_file();
	return test_done();
}
