/* The CSV loader with encoding detection: bytes as staff export them
 * from Excel or WPS, UTF-8 with or without BOM, GBK, any line ends.
 *
 * A first byte 0x01-0x07 (never the start of a real table) is not part of
 * the table: it chooses a forced encoding, as site.yaml's `encoding:`
 * would; any other input is read with detection, so raw CSV files serve
 * as seeds unchanged. */
#include "fuzz.h"

#include "load/csv.h"
#include "load/encoding.h"
#include "util/utf8.h"

static const char *const forced[] = {
	"auto", "utf-8", "gb18030", "gbk", "UTF8", "GB2312", "latin1",
};

/* What csv.h promises of every field, checked so that a wrong line or
 * column, or a field that is not UTF-8, counts as a finding too. */
static void check_table(const struct csv_table *t)
{
	for (size_t r = 0; r < t->nrows; r++) {
		const struct csv_row *row = &t->rows[r];

		FUZZ_ASSERT(row->nfields > 0);
		FUZZ_ASSERT(row->line >= 1);
		for (size_t i = 0; i < row->nfields; i++) {
			const struct csv_field *f = &row->fields[i];

			FUZZ_ASSERT(f->text != NULL);
			FUZZ_ASSERT(f->text[f->len] == '\0');
			FUZZ_ASSERT(utf8_valid_prefix(f->text, f->len) == f->len);
			FUZZ_ASSERT(f->col == i + 1);
			FUZZ_ASSERT(f->line >= row->line);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *force = NULL;
	arena *a = arena_new();
	diags d = DIAGS_INIT;
	struct csv_table t;
	int rc;

	if (size > 0 && data[0] >= 1 && data[0] <= 7) {
		force = forced[data[0] - 1];
		data++;
		size--;
	}
	memset(&t, 0, sizeof(t));
	rc = csv_parse_bytes((const char *)data, size,
			     (struct csv_source){ "data/fuzz.csv", force }, a, &d, &t);
	FUZZ_ASSERT(rc == 0 || d.errors > 0);
	check_table(&t);
	diags_sort(&d);
	arena_free(a);
	diags_free(&d);
	return 0;
}
