/* The row API of load/csv.h (csv_each_row), the two-pass binding of a
 * table read row by row (load/schema.h: schema_scan, schema_bind_outline,
 * schema_row_usable) and the cells kept for later messages
 * (model/kept_cells.h). */
#include <stdlib.h>
#include <string.h>

#include "load/csv.h"
#include "load/schema.h"
#include "model/kept_cells.h"
#include "model/text_pool.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "test.h"

/* What a callback saw: each row as "line|col:text|col:text", copied. */
struct seen {
	buf rows;
	size_t n;
	size_t last_index;
	int indexes_ok; /* 0, 1, 2, … in order */
	const struct csv_field *first_fields; /* scratch pointer of row 0 */
	int scratch_reused;
};

static void see(void *ctx, size_t index, const struct csv_row *row)
{
	struct seen *s = ctx;

	if (index != s->n)
		s->indexes_ok = 0;
	if (index == 0)
		s->first_fields = row->fields;
	else if (row->fields == s->first_fields)
		s->scratch_reused = 1;
	buf_printf(&s->rows, "%u", row->line);
	for (size_t i = 0; i < row->nfields; i++)
		buf_printf(&s->rows, "|%u:%u:%s", row->fields[i].line, row->fields[i].col,
			   row->fields[i].text);
	buf_putc(&s->rows, '\n');
	s->n++;
	s->last_index = index;
}

/* Parses `text` row by row; *d gets the diagnostics (NULL: none). */
static int each(const char *text, struct seen *s, diags *d)
{
	struct csv_file f;
	int rc;

	memset(s, 0, sizeof(*s));
	s->indexes_ok = 1;
	if (csv_open_bytes(text, strlen(text), (struct csv_source){ "data/t.csv", NULL },
			   d ? d : &(diags)DIAGS_INIT, &f) < 0)
		return -2;
	rc = csv_each_row(&f, see, s, d);
	csv_close(&f);
	return rc;
}

static char *diag_text(const struct diag *g)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	diag_format(g, f);
	fclose(f);
	return s;
}

/* A row in the middle with a field over CSV_MAX_FIELD: one error at its
 * line and column, the row skipped, and every row after it still handed
 * on with its own line (after a multi-line field too). */
static void test_bad_row_in_middle(void)
{
	buf in = BUF_INIT;
	diags d = DIAGS_INIT;
	struct seen s;
	char *msg;

	buf_puts(&in, "编号,名称,说明\na,甲,一\nb,乙,\"两\n行\"\nc,丙,");
	for (size_t i = 0; i <= CSV_MAX_FIELD; i++)
		buf_putc(&in, 'x');
	buf_puts(&in, "\nd,丁,四\n\n,,\ne,戊,五");
	CHECK_INT(each(in.data, &s, &d), 0);
	CHECK_INT(s.n, 5);
	CHECK(s.indexes_ok);
	CHECK(s.scratch_reused);
	CHECK_STR(s.rows.data, "1|1:1:编号|1:2:名称|1:3:说明\n"
			       "2|2:1:a|2:2:甲|2:3:一\n"
			       "3|3:1:b|3:2:乙|3:3:两\n行\n"
			       "6|6:1:d|6:2:丁|6:3:四\n"
			       "9|9:1:e|9:2:戊|9:3:五\n");
	CHECK_INT(d.n, 1);
	if (d.n) {
		msg = diag_text(&d.v[0]);
		CHECK(strncmp(msg, "data/t.csv:5:3: error: 字段过长：“xxxxxxxxxxxxxxxxxxxx…”共 ", 69) == 0);
		free(msg);
	}
	diags_free(&d);
	/* The same rows with nothing said: the second pass. */
	buf_reset(&s.rows);
	free(s.rows.data);
	CHECK_INT(each(in.data, &s, NULL), 0);
	CHECK_INT(s.n, 5);
	buf_free(&s.rows);
	buf_free(&in);
}

/* An unclosed quote: the rows before it are handed on, -1, the error
 * where the field starts. */
static void test_unclosed(void)
{
	diags d = DIAGS_INIT;
	struct seen s;
	char *msg;

	CHECK_INT(each("a,b\n1,2\n3,\"open\n4,5\n", &s, &d), -1);
	CHECK_STR(s.rows.data, "1|1:1:a|1:2:b\n2|2:1:1|2:2:2\n");
	CHECK_INT(d.n, 1);
	if (d.n) {
		msg = diag_text(&d.v[0]);
		CHECK_STR(msg, "data/t.csv:3:2: error: 引号没有闭合：从这里开始的字段一直到文件末尾\n");
		free(msg);
	}
	diags_free(&d);
	buf_free(&s.rows);
}

/* Every diagnostic of `d` as printed, in order. */
static char *all_diags(diags *d)
{
	buf b = BUF_INIT;

	diags_sort(d);
	for (size_t i = 0; i < d->n; i++) {
		char *m = diag_text(&d->v[i]);

		buf_puts(&b, m);
		free(m);
	}
	return buf_detach(&b);
}

struct usable {
	const struct binding *b;
	buf lines;
};

static void note_usable(void *ctx, size_t index, const struct csv_row *row)
{
	struct usable *u = ctx;

	if (schema_row_usable(u->b, index, row))
		buf_printf(&u->lines, "%u ", row->line);
}

/* Binding from the outline of a first pass says what binding the whole
 * table says, and schema_row_usable leaves out the rows schema_check_row
 * does: wrong widths, the 合计 block at the bottom (a 小计 row between
 * data rows is data). */
static void test_outline_as_table(void)
{
	static const char text[] =
		"小区编号,资金来源,金额,备注\n"
		"a,区财政,1\n"			/* short */
		"b,专项债,2,,x\n"		/* long */
		"小计,专项债,3,\n"		/* a subtotal among the data */
		"c,区财政,4,\n"
		"合 计,,10,\n"
		"总计：,,10\n";			/* short, but in the block */
	arena *a = arena_new();
	diags d1 = DIAGS_INIT, d2 = DIAGS_INIT;
	struct csv_table t;
	struct csv_file f;
	struct schema_outline o;
	struct binding b1, b2;
	struct usable u = { &b2, BUF_INIT };
	buf whole = BUF_INIT;
	char *x, *y;

	CHECK_INT(csv_parse_bytes(text, sizeof(text) - 1, (struct csv_source){ "data/funding.csv", NULL },
				  a, &d1, &t), 0);
	CHECK_INT(schema_bind(&b1, &schema_funding, &t, &d1), 0);
	for (size_t i = 0; i < t.nrows; i++)
		if (i > 0 && schema_check_row(&b1, &t.rows[i], &d1) == 0)
			buf_printf(&whole, "%u ", t.rows[i].line);
	CHECK_INT(csv_open_bytes(text, sizeof(text) - 1, (struct csv_source){ "data/funding.csv", NULL },
				 &d2, &f), 0);
	CHECK_INT(schema_scan(&o, &f, a, &d2), 0);
	CHECK_INT(schema_bind_outline(&b2, &schema_funding, &o, &d2), 0);
	CHECK_INT(csv_each_row(&f, note_usable, &u, NULL), 0);
	CHECK_INT(b2.end, b1.end);
	CHECK_INT(b2.end, 5);
	CHECK_STR(u.lines.data, "4 5 ");
	CHECK_STR(u.lines.data, whole.data);
	x = all_diags(&d1);
	y = all_diags(&d2);
	CHECK_STR(y, x);
	CHECK(strstr(x, "data/funding.csv:6:1: warning: 从“合 计”这一行起的 2 行是合计行") != NULL);
	CHECK(strstr(x, "data/funding.csv:2:4: error: 这一行只有 3 个字段，比表头的 4 列少") != NULL);
	free(x);
	free(y);
	schema_outline_free(&o);
	csv_close(&f);
	buf_free(&u.lines);
	buf_free(&whole);
	diags_free(&d1);
	diags_free(&d2);
	arena_free(a);
}

/* Cells are kept only when they cannot be rebuilt, and found again as
 * they were. */
static void test_kept_cells(void)
{
	arena *a = arena_new();
	struct kept_cells k = { NULL, 0, 0 };
	struct csv_field f, out;
	const struct csv_field *got;

	f = (struct csv_field){ "2022-04-25", 10, 2, 2 };
	kept_cell_note(&k, a, 2, &f, "2022-04-25");
	CHECK_INT(k.n, 0);
	f = (struct csv_field){ "2022/4/25", 9, 3, 2 };
	kept_cell_note(&k, a, 3, &f, "2022-04-25");
	f = (struct csv_field){ "85", 2, 6, 3 }; /* after a field of 3 lines */
	kept_cell_note(&k, a, 4, &f, "85");
	CHECK_INT(k.n, 2);
	got = kept_cell_find(&k, 2, 2, "2022-04-25", &out);
	CHECK(got->text && strcmp(got->text, "2022-04-25") == 0 && got->line == 2 && got->col == 2);
	got = kept_cell_find(&k, 3, 2, "2022-04-25", &out);
	CHECK_STR(got->text, "2022/4/25");
	CHECK_INT(got->line, 3);
	got = kept_cell_find(&k, 3, 3, "40", &out); /* another column of that row */
	CHECK_STR(got->text, "40");
	got = kept_cell_find(&k, 4, 3, "85", &out);
	CHECK_STR(got->text, "85");
	CHECK_INT(got->line, 6);
	got = kept_cell_find(&k, 9, 1, "x", &out);
	CHECK(got->line == 9 && got->col == 1 && got->len == 1);
	kept_cells_free(&k);
	arena_free(a);
}

/* Texts kept from scratch rows: equal texts shared, packed end to end,
 * and still kept right once the pool has stopped remembering texts. */
static void test_text_pool(void)
{
	arena *a = arena_new();
	struct text_pool *p = text_pool_new(a);
	char scratch[64];
	const char *x, *y, *z, *big;
	int ok = 1;
	buf longer = BUF_INIT;

	strcpy(scratch, "按计划施工");
	x = text_pool_keep(p, scratch);
	strcpy(scratch, "主体完工");
	y = text_pool_keep(p, scratch);
	strcpy(scratch, "按计划施工");
	z = text_pool_keep(p, scratch);
	CHECK(x == z);
	CHECK(x != scratch);
	CHECK_STR(x, "按计划施工");
	CHECK_STR(y, "主体完工");
	CHECK(y == x + strlen("按计划施工") + 1); /* packed, not rounded up to 16 */
	CHECK_STR(text_pool_keep(p, ""), "");
	for (int i = 0; i < TEXT_POOL_SLOTS; i++) {
		snprintf(scratch, sizeof(scratch), "第%d次报告", i);
		big = text_pool_keep(p, scratch);
		ok = ok && strcmp(big, scratch) == 0;
	}
	CHECK(ok);
	for (int i = 0; i < 2000; i++)
		buf_puts(&longer, "很长的完成内容");
	big = text_pool_keep(p, longer.data);
	CHECK(strcmp(big, longer.data) == 0);
	CHECK(text_pool_keep(p, "按计划施工") == x);
	text_pool_free(p);
	buf_free(&longer);
	arena_free(a);
}

int main(void)
{
	test_text_pool();
	test_bad_row_in_middle();
	test_unclosed();
	test_outline_as_table();
	test_kept_cells();
	return test_done();
}
