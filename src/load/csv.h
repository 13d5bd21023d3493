/* Reading the CSV tables in data/ that staff export from Excel or WPS.
 *
 * The bytes are first made UTF-8 (load/encoding.h: UTF-8 with or without
 * BOM, or GBK/GB18030), then split into rows and fields by libcsv.
 * Accepted as Excel writes or reads them:
 *   - line ends LF, CRLF, or a lone CR (old Mac Excel), mixed freely;
 *   - quoted fields holding commas, "" for a quote, and line breaks
 *     (kept as they are in the file);
 *   - a stray quote inside an unquoted field is an ordinary character;
 *   - rows whose every field is empty (blank lines, the ",,," lines Excel
 *     leaves below a table) are dropped;
 *   - ASCII spaces, tabs and full-width spaces (U+3000) are trimmed from
 *     both ends of every field, quoted or not: staff type stray spaces and
 *     no field in our tables means anything by them.
 * A quoted field that never closes is an error, reported where it starts.
 *
 * Lines are physical lines of the file (LF, CRLF or a lone CR each end
 * one), so a field or row after a multi-line quoted field still carries
 * the line a text editor shows.
 *
 * Limits (docs/data-format.md, "限制"): a row of more than CSV_MAX_FIELDS
 * fields, or with a field longer than CSV_MAX_FIELD bytes, is one error
 * and is skipped; when it is the header row the table cannot be read.
 * A file over FILE_MAX_CSV (load/file.h) is refused unread.
 *
 * Ownership: a csv_table lives in the caller's arena; a csv_file owns the
 * file's bytes until csv_close; a row handed to a csv_row_fn is the
 * parser's scratch, valid during the call only.  csv.c parses row by row,
 * csv_table.c keeps whole tables for the small tables that want one. */
#ifndef GONGSHI_LOAD_CSV_H
#define GONGSHI_LOAD_CSV_H

#include <stddef.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/diag.h"

/* Our widest table has 15 columns; Excel 2003 stopped at 256. */
#define CSV_MAX_FIELDS 1024
/* 21,000 Chinese characters; longer texts belong in content/ Markdown. */
#define CSV_MAX_FIELD (64UL * 1024)

struct csv_field {
	const char *text; /* UTF-8, NUL-terminated, in the arena */
	size_t len;
	unsigned line; /* physical 1-based line where the field starts */
	unsigned col;  /* 1-based position in its row (spreadsheet column: 1 = A) */
};

struct csv_row {
	struct csv_field *fields;
	size_t nfields;
	unsigned line; /* line where the row starts */
};

struct csv_table {
	const char *path;     /* display path given by the caller */
	const char *encoding; /* "UTF-8", "UTF-8 BOM", "GB18030" */
	struct csv_row *rows; /* rows[0] is the header row when nrows > 0 */
	size_t nrows;
};

/* How a table's bytes are read: the name diagnostics give the file
 * (relative to the site) and its encoding, as encoding_as_utf8's `force`
 * (NULL = detect). */
struct csv_source {
	const char *display_path;
	const char *force_encoding;
};

/* A table read row by row (csv_each_row), for the tables of hundreds of
 * thousands of rows whose cells need not all stay in memory: its bytes,
 * made UTF-8, are held from csv_open_* to csv_close, and each row lives
 * only while it is handed on. */
struct csv_file {
	const char *path;     /* display path given by the caller */
	const char *encoding; /* "UTF-8", "UTF-8 BOM", "GB18030" */
	const char *text;     /* the whole file as UTF-8 */
	size_t len;
	arena *bytes;	      /* private: the file's bytes */
	buf scratch;	      /* private: the text when it had to be converted */
};

/* Called for each row kept (blank rows and rows over the limits are not),
 * header first; `index` counts the rows handed on (0: the header).  The
 * row, its fields and their text are scratch space, reused for the next
 * row: copy what must outlive the call. */
typedef void (*csv_row_fn)(void *ctx, size_t index, const struct csv_row *row);

/* Reads the file at `path` (as csv_read_file_within does) and makes it
 * UTF-8; or takes `len` bytes already read.  0, or -1 with diagnostics
 * (nothing to close then). */
int csv_open_within(const char *site_dir, const char *path, struct csv_source src,
		    diags *d, struct csv_file *out);
int csv_open_bytes(const char *data, size_t len, struct csv_source src, diags *d,
		   struct csv_file *out);
void csv_close(struct csv_file *f);

/* Parses `f` once, calling fn(ctx, index, row) for every row kept.
 * Diagnostics about the text (limits, invisible characters, an unclosed
 * quote) go to `d`; with `d` NULL there are none: a second pass over a
 * file the first has reported on.  Returns 0, or -1 when the table cannot
 * be used (an unclosed quote, a header over the limits); the rows before
 * the problem have been handed on by then. */
int csv_each_row(const struct csv_file *f, csv_row_fn fn, void *ctx, diags *d);

/* Parses `len` bytes of CSV into a table of every row.  Returns 0, or -1
 * with diagnostics when the file cannot be used; on an unclosed quote
 * *out still holds the rows before it.  All memory, including *out's, is
 * in `a`.  (Built on csv_each_row.  Not called csv_parse: libcsv already
 * exports that symbol.) */
int csv_parse_bytes(const char *data, size_t len, struct csv_source src,
		    arena *a, diags *d, struct csv_table *out);

/* Reads the file at `path` and parses it; diagnostics name it
 * src.display_path.  A missing or unreadable file gives
 * `PATH: error: 无法读取文件：…` and -1, as does a file that is a
 * symlink resolving outside the folder `site_dir` (load/file.h).  All
 * memory is in `a`. */
int csv_read_file_within(const char *site_dir, const char *path,
			 struct csv_source src, arena *a, diags *d,
			 struct csv_table *out);
/* The same without the containment check (tests, fuzzing). */
int csv_read_file(const char *path, struct csv_source src, arena *a, diags *d,
		  struct csv_table *out);

#endif
