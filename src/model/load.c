/* model_load: site.yaml, data/ and content/ into one validated site. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "load/config.h"
#include "load/content.h"
#include "load/file.h"
#include "model/cycle_loader.h"
#include "model/loader.h"
#include "model/page_use.h"
#include "model/table_prefetch.h"
#include "model/validate.h"
#include "util/errtext.h"
#include "util/docs.h"
#include "util/xalloc.h"

typedef void (*table_reader)(struct loader *, const struct binding *);

/* How a table is read: whole (a csv_table), or row by row. */
struct table_reading {
	table_reader read;
	const struct row_reader *rows;
};

/* In dependency order: a table may refer only to tables above it.  The
 * tables of many rows (one per community, report, source or photo) are
 * read row by row. */
static const struct {
	const struct table_schema *schema;
	struct table_reading how;
	size_t failed; /* offset of its flag in site_index, or 0 */
	int optional;  /* 1: a site without it builds as before */
} tables[] = {
	{ &schema_units, { units_read, NULL }, offsetof(struct site_index, units_failed), 0 },
	{ &schema_items, { plan_read_items, NULL }, offsetof(struct site_index, items_failed), 0 },
	{ &schema_phases, { plan_read_phases, NULL }, offsetof(struct site_index, phases_failed), 0 },
	{ &schema_duties, { plan_read_duties, NULL }, 0, 0 },
	{ &schema_group, { plan_read_group, NULL }, 0, 0 },
	{ &schema_communities, { NULL, &communities_rows }, offsetof(struct site_index, communities_failed), 0 },
	{ &schema_progress, { NULL, &progress_rows }, 0, 1 },
	{ &schema_funding, { NULL, &funding_rows }, 0, 1 },
	{ &schema_holidays, { cycle_read_holidays, NULL }, 0, 1 },
	{ &schema_notices, { cycle_read_notices, NULL }, 0, 1 },
	{ &schema_consent, { cycle_read_consent, NULL }, 0, 1 },
	{ &schema_opinions, { cycle_read_opinions, NULL }, 0, 1 },
	{ &schema_photos, { NULL, &photos_rows }, 0, 1 },
};

/* A missing table that was saved in another format beside it: a workbook,
 * Excel's "Unicode 文本" (.txt), or NAME.csv.xlsx (Excel hides the
 * extension, and typing communities.csv as the name keeps .xlsx).
 * Reports it and returns 1, or returns 0 when there is none. */
static int saved_as_other(struct loader *l, const char *path,
			  const char *display)
{
	static const char *const other[] = { ".xlsx", ".xls", ".et", ".ods",
					     ".txt", ".csv.xlsx", ".csv.xls" };
	size_t stem = strlen(path) - strlen(".csv");
	const char *base = strrchr(display, '/');

	base = base ? base + 1 : display;
	for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
		const char *p = arena_printf(l->a, "%.*s%s", (int)stem, path, other[i]);

		if (!file_exists(p))
			continue;
		diag_error(l->d, display, 0, 0, NULL,
			   "缺少数据文件，但旁边有 %.*s%s：gongshi 只读 CSV。"
			   "请用 Excel 或 WPS 打开它，点“文件 → 另存为”，保存类型选"
			   "“CSV UTF-8（逗号分隔）”（WPS 选“CSV（逗号分隔）”），文件名写 %s",
			   (int)(strlen(display) - strlen(".csv")), display, other[i], base);
		return 1;
	}
	return 0;
}

/* A row of the second pass, to the table's row reader when it is data. */
struct second_pass {
	const struct row_reader *rows;
	const struct binding *b;
	void *state;
};

static void pass_row(void *ctx, size_t index, const struct csv_row *row)
{
	struct second_pass *p = ctx;

	if (schema_row_usable(p->b, index, row))
		p->rows->row(p->state, row);
}

/* The second pass over `f` (read_rows), after the first (`o`, which said
 * `rc`). */
static int read_second_pass(struct loader *l, const struct table_schema *schema,
			    const struct row_reader *rows, const struct csv_file *f,
			    struct schema_outline *o, int rc)
{
	struct binding b;
	struct second_pass p = { rows, &b, NULL };

	if (rc == 0)
		rc = schema_bind_outline(&b, schema, o, l->d);
	if (rc == 0) {
		p.state = rows->begin(l, &b, o->nrows);
		csv_each_row(f, pass_row, &p, NULL);
		rows->end(p.state);
	}
	schema_outline_free(o);
	return rc < 0 ? -1 : 0;
}

/* Reads the table in `f` with `rows`, in two passes over its text: the
 * first (schema_scan) says all there is to say about the text and the
 * header and finds the rows not to read, as a whole table would; the
 * second hands each row of data to the reader, saying nothing more about
 * the text.  So the messages are those of a table read whole, in the same
 * order, and a table that cannot be used (an unclosed quote) is not read
 * at all, while at most one row is in memory at a time.  The big tables'
 * first pass is usually made ahead (read_prefetched). */
static int read_rows(struct loader *l, const struct table_schema *schema,
		     const struct row_reader *rows, const struct csv_file *f)
{
	struct schema_outline o;
	int rc = schema_scan(&o, f, l->a, l->d);

	return read_second_pass(l, schema, rows, f, &o, rc);
}

/* A table whose first pass the prefetch thread made: 1 and *rc, or 0
 * when it did not (read it as before). */
static int read_prefetched(struct loader *l, const struct table_schema *schema,
			   const struct row_reader *rows, int *rc)
{
	struct table_first_pass t;

	if (!table_prefetch_take(l->prefetch, schema->file, &t))
		return 0;
	/* Said now, where the loader would have said it. */
	diags_move(l->d, &t.d);
	diags_free(&t.d);
	arena_adopt(l->a, t.a);
	if (t.open_rc < 0) {
		*rc = -1;
		return 1;
	}
	*rc = read_second_pass(l, schema, rows, &t.f, &t.o, t.scan_rc);
	csv_close(&t.f);
	return 1;
}

/* Reads one table with `how`: 0, or -1 when it could not be read at all
 * (missing, unreadable, undecodable, a required column missing: said
 * once), which marks it failed so that references into it are not
 * checked row by row.  An `optional` table that is missing is no
 * problem (unless saved in another format beside it). */
static int load_table(struct loader *l, const struct table_schema *schema,
		      struct table_reading how, int optional)
{
	struct site *s = l->site;
	const char *path = arena_printf(l->a, "%s/%s", s->root, schema->file);
	const char *display = arena_printf(l->a, "%s%s", s->prefix, schema->file);
	struct csv_source src = { display, s->config.encoding };
	struct csv_table t;
	struct csv_file f;
	struct binding b;
	int err = file_lookup_error(path), rc;

	if (err == ENOENT) {
		if (saved_as_other(l, path, display))
			return -1;
		if (optional)
			return 0;
		diag_error(l->d, display, 0, 0, NULL,
			   "缺少数据文件：请建立这个表格（可以只有表头），"
			   "各列的填法见" DOCS_TABLE_GUIDE);
		return -1;
	}
	/* There but not to be looked at (a folder on the way that may not be
	 * entered): unreadable, as the read itself would say, not missing. */
	if (err) {
		diag_error(l->d, display, 0, 0, NULL, "无法读取文件：%s", errtext_of(err));
		return -1;
	}
	if (how.rows) {
		if (read_prefetched(l, schema, how.rows, &rc))
			return rc;
		if (csv_open_within(s->root, path, src, l->d, &f) < 0)
			return -1;
		rc = read_rows(l, schema, how.rows, &f);
		csv_close(&f);
		return rc;
	}
	if (csv_read_file_within(s->root, path, src, l->a, l->d, &t) < 0)
		return -1;
	if (schema_bind(&b, schema, &t, l->d) < 0)
		return -1;
	how.read(l, &b);
	return 0;
}

/* 0 when data/ can be listed or is missing (each table then says it is
 * missing); -1 after `data: error: 无法读取目录：…` when it is there but
 * cannot be read, so that its six tables are not each called missing. */
static int check_data_folder(struct loader *l)
{
	struct site *s = l->site;
	int err = file_folder_error(arena_printf(l->a, "%s/data", s->root));

	if (err == 0 || err == ENOENT)
		return 0;
	diag_error(l->d, arena_printf(l->a, "%sdata", s->prefix), 0, 0, NULL,
		   "无法读取目录：%s", errtext_of(err));
	return -1;
}

/* The first passes over the tables read row by row, on a thread of its
 * own while the tables before each load (table_prefetch.h). */
static struct table_prefetch *prefetch_start(const struct site *s)
{
	const char *files[sizeof(tables) / sizeof(tables[0])];
	size_t n = 0;

	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		if (tables[i].how.rows)
			files[n++] = tables[i].schema->file;
	return table_prefetch_start(s->root, s->prefix, s->config.encoding, files, n);
}

static int newer_first(const void *x, const void *y)
{
	const struct page *a = *(const struct page *const *)x;
	const struct page *b = *(const struct page *const *)y;
	int c = date_cmp(b->date, a->date);

	return c ? c : strcmp(a->path, b->path);
}

/* Finds the home text, the plan and the news among the pages. */
static void sort_pages(struct loader *l)
{
	struct site *s = l->site;

	page_use_place(s, l->d);
	s->news = arena_array(l->a, s->npages + 1, sizeof(*s->news));
	for (size_t i = 0; i < s->npages; i++) {
		const struct page *p = &s->pages[i];
		if (p->use == PAGE_USE_HOME)
			s->index_page = p;
		else if (p->use == PAGE_USE_PLAN)
			s->plan_page = p;
		else if (p->use == PAGE_USE_NEWS)
			s->news[s->nnews++] = p;
	}
	qsort(s->news, s->nnews, sizeof(*s->news), newer_first);
}

static const char *display_prefix(const char *root, arena *a)
{
	size_t n = strlen(root);

	if (strcmp(root, ".") == 0 || strcmp(root, "./") == 0)
		return "";
	return arena_printf(a, "%s%s", root, n && root[n - 1] == '/' ? "" : "/");
}

struct site *model_load(const char *root, diags *d)
{
	struct model_load_options o = { 1, NULL, NULL };

	return model_load_with(root, &o, d);
}

struct site *model_load_with(const char *root, const struct model_load_options *o, diags *d)
{
	struct site *s = xcalloc(1, sizeof(*s));
	struct loader l = { s, NULL, d, NULL, NULL, o->photo_headers, o->jobs ? o->jobs : 1, 0 };
	const char *yaml_path, *yaml_display;
	struct content_load *content;
	int data_ok;

	s->arena = l.a = arena_new();
	s->root = arena_strdup(l.a, root);
	s->prefix = display_prefix(root, l.a);
	s->index = arena_alloc(l.a, sizeof(*s->index));
	yaml_path = arena_printf(l.a, "%s/site.yaml", root);
	yaml_display = arena_printf(l.a, "%ssite.yaml", s->prefix);
	/* Missing, not merely unreadable: the reading below says that. */
	if (file_lookup_error(yaml_path) == ENOENT) {
		diag_error(d, yaml_display, 0, 0, NULL,
			   "找不到 site.yaml：“%s”不是 gongshi 站点目录"
			   "（可用 gongshi init 新建一个）", root);
		return s;
	}
	config_load(&s->config, yaml_path, yaml_display, l.a, d);
	/* content/ is read by the other threads while this one reads the
	 * tables: neither needs the other. */
	content = content_begin(arena_printf(l.a, "%s/content", root),
				arena_printf(l.a, "%scontent", s->prefix),
				s->config.encoding, o->jobs, l.a, o->content_folders);
	data_ok = check_data_folder(&l) == 0;
	if (data_ok && o->jobs > 1)
		l.prefetch = prefetch_start(s);
	l.texts = text_pool_new(l.a);
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		if ((!data_ok || load_table(&l, tables[i].schema, tables[i].how,
						  tables[i].optional) < 0) &&
		    tables[i].failed)
			*(int *)((char *)s->index + tables[i].failed) = 1;
	table_prefetch_end(l.prefetch);
	cycle_finish(&l);
	text_pool_free(l.texts);
	s->npages = content_end(content, d, &s->pages, &s->quiet_folders);
	sort_pages(&l);
	validate_site(s, d);
	return s;
}

void site_free(struct site *s)
{
	if (s == NULL)
		return;
	if (s->index) {
		strmap_free(&s->index->unit_ids);
		strmap_free(&s->index->unit_names);
		strmap_free(&s->index->items);
		strmap_free(&s->index->phases);
		strmap_free(&s->index->communities);
	}
	free(s->quiet_folders.v);
	arena_free(s->arena);
	free(s);
}
