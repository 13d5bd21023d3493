/* Whole tables (struct csv_table) for the small tables that want every
 * row at hand: each row csv_each_row hands on is copied into the arena. */
#include "load/csv.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* The rows so far.  Their fields' text goes to one arena piece as big as
 * the file's text: a field's text and its NUL take no more room than its
 * bytes and the comma or line end after it, so it all fits, packed,
 * without 16 bytes of padding per field. */
struct builder {
	arena *a;
	char *text, *text_end; /* the room left for the fields' text */
	struct csv_row *rows;
	size_t nrows, rows_cap;
};

/* `len` bytes and a NUL, in the table's text piece when they fit (they
 * always should), else in a piece of their own. */
static const char *keep_text(struct builder *b, const char *p, size_t len)
{
	char *t;

	if (len < (size_t)(b->text_end - b->text)) {
		t = b->text;
		b->text += len + 1;
	} else {
		t = arena_alloc_raw(b->a, len + 1);
	}
	memcpy(t, p, len);
	t[len] = '\0';
	return t;
}

static void keep_row(void *ctx, size_t index, const struct csv_row *in)
{
	struct builder *b = ctx;
	struct csv_row *row;

	(void)index;
	b->rows = xgrow(b->rows, &b->rows_cap, b->nrows + 1, sizeof(*b->rows));
	row = &b->rows[b->nrows++];
	*row = *in;
	/* Written whole: not cleared first (a big table is mostly these). */
	row->fields = arena_array_raw(b->a, in->nfields, sizeof(*row->fields));
	for (size_t i = 0; i < in->nfields; i++) {
		row->fields[i] = in->fields[i];
		row->fields[i].text = keep_text(b, in->fields[i].text, in->fields[i].len);
	}
}

/* Parses the open file `f` into `out`. */
static int build(const struct csv_file *f, arena *a, diags *d, struct csv_table *out)
{
	struct builder b = { .a = a };
	int rc;

	memset(out, 0, sizeof(*out));
	out->path = arena_strdup(a, f->path);
	out->encoding = f->encoding;
	b.text = arena_alloc_raw(a, f->len + 1);
	b.text_end = b.text + f->len + 1;
	rc = csv_each_row(f, keep_row, &b, d);
	out->rows = arena_array(a, b.nrows, sizeof(*out->rows));
	if (b.nrows)
		memcpy(out->rows, b.rows, b.nrows * sizeof(*out->rows));
	out->nrows = b.nrows;
	free(b.rows);
	return rc;
}

int csv_parse_bytes(const char *data, size_t len, struct csv_source src,
		    arena *a, diags *d, struct csv_table *out)
{
	struct csv_file f;
	int rc;

	memset(out, 0, sizeof(*out));
	out->path = arena_strdup(a, src.display_path);
	if (csv_open_bytes(data, len, src, d, &f) < 0)
		return -1;
	rc = build(&f, a, d, out);
	csv_close(&f);
	return rc;
}

int csv_read_file_within(const char *site_dir, const char *path,
			 struct csv_source src, arena *a, diags *d,
			 struct csv_table *out)
{
	struct csv_file f;
	int rc;

	/* The bytes are needed only while parsing: the fields are copied
	 * into `a`, so the file's own copy is freed at once and a table
	 * costs its fields, not its fields and the file. */
	memset(out, 0, sizeof(*out));
	if (csv_open_within(site_dir, path, src, d, &f) < 0)
		return -1;
	rc = build(&f, a, d, out);
	csv_close(&f);
	return rc;
}

int csv_read_file(const char *path, struct csv_source src, arena *a, diags *d,
		  struct csv_table *out)
{
	return csv_read_file_within(NULL, path, src, a, d, out);
}
