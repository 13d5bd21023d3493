#include "load/csv.h"

#include <csv.h> /* libcsv */
#include <stdlib.h>
#include <string.h>

#include "load/encoding.h"
#include "load/file.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* libcsv grows its field buffer by this much at a time; its default of
 * 128 bytes means a realloc every few Chinese sentences. */
enum { CSV_BLOCK = 4096 };

/* What the libcsv callbacks need.  The current row, its text and the row
 * list grow in malloc'd scratch space and are copied into the arena once
 * their size is known: one arena piece per row for all its fields' text
 * keeps a table of short fields from costing 16 bytes of padding each. */
struct reader {
	arena *a;
	struct csv_field *fields; /* the row being read; text not set yet */
	size_t nfields, fields_cap;
	buf text;		  /* its fields' bytes, each NUL-terminated */
	struct csv_row *rows;
	size_t nrows, rows_cap;
	unsigned line;	     /* line of the piece being fed to libcsv */
	unsigned field_line; /* line where the field being read starts */
	int at_row_start;    /* no field of the next row seen yet */
};

static int is_blank(unsigned char c)
{
	return c == ' ' || c == '\t';
}

static int is_ideo_space(const unsigned char *p)
{
	return p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80; /* U+3000 */
}

/* Narrows [*s, *s + *len) to drop blanks and U+3000 at both ends.  On
 * valid UTF-8, E3 80 80 at the end can only be a whole U+3000. */
static void trim(const unsigned char **s, size_t *len)
{
	const unsigned char *p = *s;
	size_t n = *len;

	for (;;) {
		if (n >= 1 && is_blank(p[0]))
			p++, n--;
		else if (n >= 3 && is_ideo_space(p))
			p += 3, n -= 3;
		else
			break;
	}
	for (;;) {
		if (n >= 1 && is_blank(p[n - 1]))
			n--;
		else if (n >= 3 && is_ideo_space(p + n - 3))
			n -= 3;
		else
			break;
	}
	*s = p;
	*len = n;
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	const unsigned char *p = s;
	struct csv_field *f;

	trim(&p, &len);
	r->fields = xgrow(r->fields, &r->fields_cap, r->nfields + 1,
			  sizeof(*r->fields));
	f = &r->fields[r->nfields++];
	buf_put(&r->text, p, len);
	buf_putc(&r->text, '\0');
	f->len = len;
	f->line = r->field_line;
	f->col = (unsigned)r->nfields;
	/* libcsv calls back at the comma or line end that closes a field,
	 * and the next field starts right after it: on the line being fed.
	 * A line end also ends the row; on_row handles that. */
	r->field_line = r->line;
}

static int row_is_empty(const struct reader *r)
{
	for (size_t i = 0; i < r->nfields; i++)
		if (r->fields[i].len)
			return 0;
	return 1;
}

/* Copies the row into the arena, pointing each field at its text. */
static void keep_row(struct reader *r)
{
	struct csv_row *row;
	char *text = arena_alloc(r->a, r->text.len);

	memcpy(text, r->text.data, r->text.len);
	r->rows = xgrow(r->rows, &r->rows_cap, r->nrows + 1, sizeof(*r->rows));
	row = &r->rows[r->nrows++];
	row->nfields = r->nfields;
	row->fields = arena_array(r->a, r->nfields, sizeof(*row->fields));
	for (size_t i = 0; i < r->nfields; i++) {
		row->fields[i] = r->fields[i];
		row->fields[i].text = text;
		text += r->fields[i].len + 1;
	}
	row->line = row->fields[0].line;
}

static void on_row(int c, void *data)
{
	struct reader *r = data;

	(void)c;
	if (!row_is_empty(r))
		keep_row(r);
	r->nfields = 0;
	buf_reset(&r->text);
	r->at_row_start = 1;
}

/* 1 if the piece holds something other than blanks and line ends: only
 * then does libcsv begin a row in it (it skips blank lines). */
static int starts_row(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_blank((unsigned char)s[i]) && s[i] != '\r' && s[i] != '\n')
			return 1;
	return 0;
}

/* Length of the physical line at `s`, with its line end (LF, CRLF or a
 * lone CR). */
static size_t line_len(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] != '\n' && s[i] != '\r')
		i++;
	if (i < n) {
		if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
			i++;
		i++;
	}
	return i;
}

/* libcsv does not say where in the input it is when it calls back, so it
 * is fed one physical line at a time and the line is known at each
 * callback.  Returns 0, or -1 if the input ends inside a quoted field. */
static int feed_lines(struct csv_parser *p, struct reader *r, const char *s,
		      size_t n, const char *path, diags *d)
{
	size_t i = 0;

	while (i < n) {
		size_t k = line_len(s + i, n - i);

		if (r->at_row_start && starts_row(s + i, k)) {
			r->field_line = r->line;
			r->at_row_start = 0;
		}
		if (csv_parse(p, s + i, k, on_field, on_row, r) != k) {
			diag_error(d, path, r->line, 0, NULL, "无法解析 CSV：%s",
				   csv_strerror(csv_error(p)));
			return -1;
		}
		i += k;
		r->line++;
	}
	/* Parsing stays lenient (a stray quote is text, as in Excel); only
	 * the end is checked strictly, which is exactly "a quoted field is
	 * still open". */
	csv_set_opts(p, CSV_STRICT | CSV_STRICT_FINI);
	if (csv_fini(p, on_field, on_row, r) != 0) {
		diag_error(d, path, r->field_line, (unsigned)r->nfields + 1, NULL,
			   "引号没有闭合：从这里开始的字段一直到文件末尾");
		return -1;
	}
	return 0;
}

static void table_finish(struct reader *r, struct csv_table *out)
{
	out->rows = arena_array(r->a, r->nrows, sizeof(*out->rows));
	if (r->nrows)
		memcpy(out->rows, r->rows, r->nrows * sizeof(*out->rows));
	out->nrows = r->nrows;
	free(r->rows);
	free(r->fields);
	buf_free(&r->text);
}

int csv_parse_bytes(const char *data, size_t len, const char *display_path,
		    const char *force_encoding, arena *a, diags *d,
		    struct csv_table *out)
{
	struct reader r = { .a = a, .line = 1, .field_line = 1, .at_row_start = 1 };
	struct csv_parser p;
	buf scratch = BUF_INIT;
	const char *text;
	size_t n;
	int rc;

	memset(out, 0, sizeof(*out));
	out->path = arena_strdup(a, display_path);
	if (text_as_utf8(data, len, force_encoding, display_path, d, &scratch,
			 &text, &n, &out->encoding) < 0) {
		buf_free(&scratch);
		return -1;
	}
	csv_init(&p, 0);
	csv_set_blk_size(&p, CSV_BLOCK);
	csv_set_realloc_func(&p, xrealloc);
	rc = feed_lines(&p, &r, text, n, display_path, d);
	csv_free(&p);
	buf_free(&scratch);
	table_finish(&r, out);
	return rc;
}

int csv_read_file(const char *path, const char *display_path,
		  const char *force_encoding, arena *a, diags *d,
		  struct csv_table *out)
{
	char *data;
	size_t len;

	memset(out, 0, sizeof(*out));
	if (file_read(path, display_path, a, d, &data, &len) < 0)
		return -1;
	return csv_parse_bytes(data, len, display_path, force_encoding, a, d,
			       out);
}
