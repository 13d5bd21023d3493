#include "load/csv.h"

#include <csv.h> /* libcsv */
#include <errno.h>
#include <fcntl.h> /* AT_FDCWD */
#include <stdlib.h>
#include <string.h>

#include "load/encoding.h"
#include "load/file.h"
#include "util/errtext.h"
#include "util/invisible.h"
#include "util/xalloc.h"

/* libcsv grows its field buffer by this much at a time; its default of
 * 128 bytes means a realloc every few Chinese sentences. */
enum { CSV_BLOCK = 4096 };
/* Characters of an over-long field shown in its error. */
enum { EXCERPT_CHARS = 20 };

/* What the libcsv callbacks need.  The current row's fields and text
 * grow in malloc'd scratch space, handed to the caller's csv_row_fn when
 * the row ends and then reused: a table of any length costs the memory of
 * its longest row.  While a row is read its fields hold offsets into the
 * text (which may move as it grows); their pointers are set at its end. */
struct reader {
	struct csv_field *fields; /* the row being read */
	size_t *offs;		  /* where each field's text starts in `text` */
	size_t nfields, fields_cap, offs_cap;
	char *text;		  /* the row's text, each field NUL-terminated */
	size_t text_len, text_cap;
	size_t nrows;	     /* rows handed on */
	unsigned line;	     /* line of the piece being fed to libcsv */
	unsigned field_line; /* line where the field being read starts */
	unsigned row_line;   /* line where the row being read starts */
	int at_row_start;    /* no field of the next row seen yet */
	size_t extra;	     /* fields of this row past CSV_MAX_FIELDS */
	int extra_text;	     /* and whether any of them held text */
	int bad_row;	     /* this row broke a limit: reported, not kept */
	int bad_header;	     /* the header did: the table is unusable */
	const char *path;    /* for diagnostics */
	diags *d;	     /* NULL: a pass that reports nothing */
	csv_row_fn fn;
	void *ctx;
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

/* The first EXCERPT_CHARS characters of `s`, then "…", for showing a
 * huge value in a message.  `out` is reset first. */
static const char *excerpt(buf *out, const unsigned char *s, size_t len)
{
	size_t i = 0, chars = 0;

	buf_reset(out);
	while (i < len && chars < EXCERPT_CHARS) {
		i++;
		while (i < len && (s[i] & 0xC0) == 0x80)
			i++;
		chars++;
	}
	buf_put(out, s, i);
	if (i < len)
		buf_puts(out, "…");
	return buf_cstr(out);
}

static void field_too_long(struct reader *r, const unsigned char *p, size_t len)
{
	buf shown = BUF_INIT;
	char size[32], max[32];

	r->bad_row = 1;
	if (r->d == NULL)
		return;
	excerpt(&shown, p, len);
	diag_error(r->d, r->path, r->field_line, (unsigned)(r->nfields + r->extra + 1),
		   shown.data, "字段过长：“%s”共 %s，超过 %s 的上限"
		   "（长篇说明请写进 content/ 下的 Markdown 文件），这一行已跳过",
		   shown.data, file_size_text(len, size, sizeof(size)),
		   file_size_text(CSV_MAX_FIELD, max, sizeof(max)));
	buf_free(&shown);
}

/* `len` bytes and a NUL at the end of the row's text: their offset. */
static size_t keep_text(struct reader *r, const unsigned char *p, size_t len)
{
	size_t at = r->text_len;

	r->text = xgrow(r->text, &r->text_cap, at + len + 1, 1);
	memcpy(r->text + at, p, len);
	r->text[at + len] = '\0';
	r->text_len = at + len + 1;
	return at;
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	const unsigned char *p = s;
	struct csv_field *f;

	trim(&p, &len);
	if (len > CSV_MAX_FIELD && !r->bad_row)
		field_too_long(r, p, len);
	if (r->nfields >= CSV_MAX_FIELDS || r->bad_row) {
		/* Counted, not kept: a row of a million commas costs no
		 * more memory than one of CSV_MAX_FIELDS. */
		r->extra++;
		r->extra_text |= len > 0;
	} else {
		r->fields = xgrow(r->fields, &r->fields_cap, r->nfields + 1,
				  sizeof(*r->fields));
		r->offs = xgrow(r->offs, &r->offs_cap, r->nfields + 1, sizeof(*r->offs));
		r->offs[r->nfields] = keep_text(r, p, len);
		f = &r->fields[r->nfields++];
		f->text = NULL;
		f->len = len;
		f->line = r->field_line;
		f->col = (unsigned)r->nfields;
		if (r->d)
			invisible_warn(r->d, (struct diag_at){ r->path, f->line, f->col },
				       r->text + r->offs[r->nfields - 1], len,
				       "请在 Excel 或 WPS 中重新输入这一格");
	}
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

/* Hands the row on to the caller. */
static void hand_on(struct reader *r)
{
	struct csv_row row;

	for (size_t i = 0; i < r->nfields; i++)
		r->fields[i].text = r->text + r->offs[i];
	row.fields = r->fields;
	row.nfields = r->nfields;
	row.line = r->fields[0].line;
	r->fn(r->ctx, r->nrows++, &row);
}

/* A row over CSV_MAX_FIELDS: one error, however many fields it has. */
static void too_many_fields(struct reader *r, unsigned line)
{
	size_t n = r->nfields + r->extra;

	if (r->d == NULL)
		return;
	if (r->nrows == 0)
		diag_error(r->d, r->path, line, CSV_MAX_FIELDS + 1, NULL,
			   "表头有 %zu 列，超过 %d 列的上限，这个表格无法读取",
			   n, CSV_MAX_FIELDS);
	else
		diag_error(r->d, r->path, line, CSV_MAX_FIELDS + 1, NULL,
			   "这一行有 %zu 个字段，超过 %d 个的上限，已跳过",
			   n, CSV_MAX_FIELDS);
}

static void on_row(int c, void *data)
{
	struct reader *r = data;
	unsigned line = r->row_line;
	int empty = row_is_empty(r) && !r->extra_text;

	(void)c;
	if (r->bad_header || empty) {
		/* nothing more to say */
	} else if (r->extra || r->bad_row) {
		if (!r->bad_row)
			too_many_fields(r, line);
		/* Without its header a table cannot be read: the next row
		 * must not take the header's place. */
		if (r->nrows == 0)
			r->bad_header = 1;
	} else {
		hand_on(r);
	}
	r->text_len = 0;
	r->nfields = 0;
	r->extra = 0;
	r->extra_text = 0;
	r->bad_row = 0;
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
		      size_t n)
{
	const char *path = r->path;
	diags *d = r->d;

	size_t i = 0;

	while (i < n) {
		size_t k = line_len(s + i, n - i);

		if (r->at_row_start && starts_row(s + i, k)) {
			r->field_line = r->row_line = r->line;
			r->at_row_start = 0;
		}
		if (csv_parse(p, s + i, k, on_field, on_row, r) != k) {
			if (d)
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
		if (d)
			diag_error(d, path, r->field_line, (unsigned)r->nfields + 1, NULL,
				   "引号没有闭合：从这里开始的字段一直到文件末尾");
		return -1;
	}
	return 0;
}

int csv_each_row(const struct csv_file *f, csv_row_fn fn, void *ctx, diags *d)
{
	struct reader r = { .line = 1, .field_line = 1, .row_line = 1, .at_row_start = 1,
			    .path = f->path, .d = d, .fn = fn, .ctx = ctx };
	struct csv_parser p;
	int rc;

	csv_init(&p, 0);
	csv_set_blk_size(&p, CSV_BLOCK);
	csv_set_realloc_func(&p, xrealloc);
	rc = feed_lines(&p, &r, f->text, f->len);
	if (r.bad_header)
		rc = -1;
	csv_free(&p);
	free(r.fields);
	free(r.offs);
	free(r.text);
	return rc;
}

int csv_open_bytes(const char *data, size_t len, struct csv_source src, diags *d,
		   struct csv_file *out)
{
	struct decoded dec;

	memset(out, 0, sizeof(*out));
	out->path = src.display_path;
	dec = (struct decoded){ &out->scratch, NULL, 0, NULL };
	if (encoding_as_utf8(data, len, src.force_encoding, src.display_path, d, &dec) < 0) {
		buf_free(&out->scratch);
		return -1;
	}
	out->text = dec.text;
	out->len = dec.len;
	out->encoding = dec.encoding;
	return 0;
}

int csv_open_within(const char *site_dir, const char *path, struct csv_source src,
		    diags *d, struct csv_file *out)
{
	const char *display_path = src.display_path;
	struct file_root root;
	struct file_spec f = { NULL, AT_FDCWD, path, display_path, FILE_MAX_CSV };
	/* An arena rather than malloc: a big file then goes on huge pages
	 * (util/arena.c). */
	arena *bytes;
	char *data;
	size_t len;
	int rc;

	memset(out, 0, sizeof(*out));
	if (site_dir && file_root_init(&root, site_dir, "网站目录") < 0) {
		diag_error(d, display_path, 0, 0, NULL, "无法读取网站目录：%s",
			   errtext_of(errno));
		return -1;
	}
	bytes = arena_new();
	f.root = site_dir ? &root : NULL;
	rc = file_read_spec(&f, bytes, d, &data, &len);
	if (site_dir)
		file_root_free(&root);
	if (rc == 0)
		rc = csv_open_bytes(data, len, src, d, out);
	if (rc < 0) {
		arena_free(bytes);
		return -1;
	}
	out->bytes = bytes;
	return 0;
}

void csv_close(struct csv_file *f)
{
	buf_free(&f->scratch);
	arena_free(f->bytes);
	memset(f, 0, sizeof(*f));
}
