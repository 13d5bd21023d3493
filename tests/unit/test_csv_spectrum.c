/* The CSV reader (load/csv.h) against csv-spectrum, a conformance suite
 * written outside this project: each csvs/NAME.csv must parse to the
 * rows of json/NAME.json.  The suite is read from
 * $GONGSHI_CONFORMANCE/csv-spectrum (../shared/conformance by default,
 * see its README), never copied into the repository; without it the
 * program says "skipped" and why.  Apart from test_csv.c, which holds
 * the reader's own cases, so that each file stays short. */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/csv.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "test.h"

static int read_all(const char *path, buf *out)
{
	FILE *f = fopen(path, "rb");
	char chunk[4096];
	size_t n;

	if (f == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(out, chunk, n);
	fclose(f);
	buf_cstr(out);
	return 0;
}

/* Caller frees. */
static char *join(const char *a, const char *b, const char *c)
{
	buf p = BUF_INIT;

	buf_printf(&p, "%s%s%s", a, b, c);
	return buf_detach(&p);
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && strcmp(s + n - m, tail) == 0;
}

/* This copy of the suite has lost the CRs of its *_crlf files (the JSON
 * still expects them): put them back so the files test what they are
 * named for. */
static void restore_crlf(const char *name, buf *csv)
{
	buf fixed = BUF_INIT;

	if (!ends_with(name, "_crlf") || memchr(csv->data, '\r', csv->len))
		return;
	printf("note: csv-spectrum %s.csv has no CR; testing it with LF turned into CRLF\n",
	       name);
	for (size_t i = 0; i < csv->len; i++) {
		if (csv->data[i] == '\n')
			buf_putc(&fixed, '\r');
		buf_putc(&fixed, csv->data[i]);
	}
	buf_free(csv);
	*csv = fixed;
}

/* Upstream's location_coordinates.json has a phone number that is not the
 * one in its .csv; the .csv is the input, so it wins. */
static void apply_errata(const char *name, cJSON *rows)
{
	cJSON *row = cJSON_GetArrayItem(rows, 0);

	if (strcmp(name, "location_coordinates") != 0 || row == NULL)
		return;
	printf("note: csv-spectrum erratum: location_coordinates.json \"Contact Phone Number\" taken as in the .csv (2095257564)\n");
	cJSON_ReplaceItemInObjectCaseSensitive(row, "Contact Phone Number",
					       cJSON_CreateString("2095257564"));
}

/* 1 if the parsed table is the expected array of header-keyed objects. */
static int same_as_json(const struct csv_table *t, const cJSON *rows,
			const char *name)
{
	int n = cJSON_GetArraySize(rows);

	if (t->nrows != (size_t)n + 1) {
		printf("  %s: %zu data rows, expected %d\n", name,
		       t->nrows ? t->nrows - 1 : 0, n);
		return 0;
	}
	for (int i = 0; i < n; i++) {
		const cJSON *obj = cJSON_GetArrayItem(rows, i);
		const struct csv_row *row = &t->rows[i + 1];

		if (!cJSON_IsObject(obj) || row->nfields != t->rows[0].nfields ||
		    cJSON_GetArraySize(obj) != (int)row->nfields) {
			printf("  %s: row %d has %zu fields\n", name, i + 1, row->nfields);
			return 0;
		}
		for (size_t j = 0; j < row->nfields; j++) {
			const char *key = t->rows[0].fields[j].text;
			const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

			if (!cJSON_IsString(v) || strcmp(v->valuestring, row->fields[j].text) != 0 ||
			    strlen(v->valuestring) != row->fields[j].len) {
				printf("  %s: row %d \"%s\": got [%s], expected [%s]\n",
				       name, i + 1, key, row->fields[j].text,
				       cJSON_IsString(v) ? v->valuestring : "(none)");
				return 0;
			}
		}
	}
	return 1;
}

static void spectrum_case(const char *dir, const char *name)
{
	buf csv_file = BUF_INIT, json_file = BUF_INIT;
	buf csv = BUF_INIT, json = BUF_INIT;
	cJSON *rows = NULL;
	arena *a = arena_new();
	diags d = DIAGS_INIT;
	struct csv_table t;
	int ok = 0;

	buf_printf(&csv_file, "%s/csvs/%s.csv", dir, name);
	buf_printf(&json_file, "%s/json/%s.json", dir, name);
	if (read_all(csv_file.data, &csv) < 0 || read_all(json_file.data, &json) < 0) {
		printf("  %s: cannot read its .csv or .json\n", name);
		goto out;
	}
	rows = cJSON_Parse(json.data);
	if (cJSON_IsObject(rows)) {
		/* One file holds a bare object instead of an array of one. */
		cJSON *arr = cJSON_CreateArray();

		cJSON_AddItemToArray(arr, rows);
		rows = arr;
	}
	if (!cJSON_IsArray(rows)) {
		printf("  %s: bad JSON\n", name);
		goto out;
	}
	apply_errata(name, rows);
	restore_crlf(name, &csv);
	ok = csv_parse_bytes(csv.data, csv.len, (struct csv_source){ "data/t.csv", NULL },
			     a, &d, &t) == 0 &&
	     d.n == 0 && same_as_json(&t, rows, name);
out:
	test_case(ok, name);
	diags_free(&d);
	arena_free(a);
	cJSON_Delete(rows);
	buf_free(&csv);
	buf_free(&json);
	buf_free(&csv_file);
	buf_free(&json_file);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Returns 1 if the suite was skipped. */
static int test_spectrum(void)
{
	const char *root = getenv("GONGSHI_CONFORMANCE");
	char *dir, *csvs;
	char **names = NULL;
	size_t n = 0, cap = 0;
	DIR *dh;
	struct dirent *e;

	if (root == NULL || *root == '\0')
		root = "../shared/conformance";
	dir = join(root, "/csv-spectrum", "");
	csvs = join(dir, "/csvs", "");
	dh = opendir(csvs);
	if (dh == NULL) {
		printf("skipped: %s not found\n", dir);
		free(dir);
		free(csvs);
		return 1;
	}
	while ((e = readdir(dh)) != NULL) {
		if (!ends_with(e->d_name, ".csv"))
			continue;
		names = xgrow(names, &cap, n + 1, sizeof(*names));
		names[n++] = xstrndup(e->d_name, strlen(e->d_name) - 4);
	}
	closedir(dh);
	qsort(names, n, sizeof(*names), cmp_str);
	CHECK(n >= 12); /* the suite is all there */
	for (size_t i = 0; i < n; i++) {
		spectrum_case(dir, names[i]);
		free(names[i]);
	}
	free(names);
	free(dir);
	free(csvs);
	return 0;
}

int main(void)
{
	if (test_spectrum()) {
		printf("%d passed, %d failed, 1 skipped\n", test_passed_count,
		       test_failed_count);
		return test_failed_count != 0;
	}
	return test_done();
}
