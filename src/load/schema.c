#include "load/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "load/schema_hints.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* Suggesting the header a typo meant: schema_nearest_header(). */

static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* How far `h` is from `name`, or SIZE_MAX when too far to suggest.  A
 * wrong character in a two-character header leaves one right: 户树 for
 * 户数 is a typo, 地址 for 片区 is another word. */
static size_t distance(const char *h, const char *name)
{
	size_t len = chars(name), limit = len <= 4 ? 1 : 2, dist;

	if (len < 2)
		return (size_t)-1;
	dist = schema_hints_edit_distance(h, name, limit);
	return dist <= limit && dist < len ? dist : (size_t)-1;
}

static int is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

const char *schema_nearest_header(const struct table_schema *s,
				  const struct binding *b, const char *h)
{
	const char *best = NULL;
	size_t best_dist = (size_t)-1;
	int ascii = is_ascii(h);

	for (size_t c = 0; c < s->ncolumns; c++) {
		const struct column *col = &s->columns[c];
		const char *names[] = { col->key, col->chinese, col->alias };

		if (b->field[c] != NO_FIELD)
			continue;
		for (size_t k = 0; k < 3; k++) {
			size_t dist = names[k] ? distance(h, names[k]) : (size_t)-1;

			if (dist < best_dist) {
				best_dist = dist;
				best = ascii ? col->key : col->chinese;
				if (!ascii && k == 2)
					best = col->alias;
			}
		}
	}
	return best;
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Column order here is the order of the enums in schema.h. */
static const struct column communities_cols[] = {
	{ "id", "编号", "小区编号", 1 },
	{ "name", "小区名称", "名称", 1 },
	{ "subdistrict", "街道", "所属街道", 1 },
	{ "area", "片区", NULL, 1 },
	{ "address", "地址", NULL, 0 },
	{ "households", "户数", NULL, 1 },
	{ "floor_area_m2", "建筑面积", "建筑面积（平方米）", 1 },
	{ "buildings", "楼栋数", NULL, 0 },
	{ "built_year", "建成年份", NULL, 0 },
	{ "items", "改造内容", NULL, 1 },
	{ "status", "进度", NULL, 1 },
	{ "contractor", "施工单位", NULL, 0 },
	{ "contact", "联系人", NULL, 0 },
	{ "phone", "联系电话", NULL, 0 },
	{ "elevator", "加装电梯", NULL, 0 },
	{ "plan_start", "计划开工", "计划开工日期", 0 },
	{ "plan_end", "计划竣工", "计划竣工日期", 0 },
	{ "started", "实际开工", "实际开工日期", 0 },
	{ "completed", "实际竣工", "实际竣工日期", 0 },
	{ "accepted", "验收日期", NULL, 0 },
	{ "investment", "计划投资", "计划投资（万元）", 0 },
	{ "designer", "设计单位", NULL, 0 },
	{ "supervisor", "监理单位", NULL, 0 },
	{ "manager", "项目负责人", NULL, 0 },
	{ "manager_phone", "负责人电话", NULL, 0 },
	{ "hotline", "监督电话", NULL, 0 },
};

static const struct column units_cols[] = {
	{ "id", "编号", NULL, 1 },
	{ "name", "单位名称", "名称", 1 },
	{ "kind", "类型", NULL, 1 },
	{ "phone", "联系电话", NULL, 0 },
};

static const struct column duties_cols[] = {
	{ "seq", "序号", NULL, 1 },
	{ "units", "责任单位", NULL, 1 },
	{ "duty", "职责", NULL, 1 },
};

static const struct column items_cols[] = {
	{ "code", "编号", NULL, 1 },
	{ "title", "名称", NULL, 1 },
	{ "description", "内容", NULL, 1 },
	{ "category", "类别", NULL, 0 },
};

static const struct column phases_cols[] = {
	{ "id", "编号", NULL, 1 },
	{ "name", "阶段", NULL, 1 },
	{ "start", "开始日期", NULL, 1 },
	{ "end", "结束日期", NULL, 1 },
	{ "description", "内容", NULL, 0 },
};

static const struct column group_cols[] = {
	{ "name", "姓名", NULL, 1 },
	{ "role", "组内职务", NULL, 1 },
	{ "position", "现任职务", NULL, 0 },
	{ "unit", "单位", NULL, 0 },
};

static const struct column progress_cols[] = {
	{ "community", "小区编号", NULL, 1 },
	{ "date", "日期", NULL, 1 },
	{ "percent", "完成比例", NULL, 1 },
	{ "done", "完成内容", NULL, 0 },
	{ "invested", "累计投资", "累计投资（万元）", 0 },
};

static const struct column funding_cols[] = {
	{ "community", "小区编号", NULL, 1 },
	{ "source", "资金来源", NULL, 1 },
	{ "amount", "金额", "金额（万元）", 1 },
};

/* The notice cycle's tables (issue 20), all optional. */
static const struct column holidays_cols[] = {
	{ "date", "日期", NULL, 1 },
	{ "kind", "类型", NULL, 1 },
	{ "note", "说明", NULL, 0 },
};

static const struct column notices_cols[] = {
	{ "community", "小区编号", "小区", 1 },
	{ "posted", "公示日期", NULL, 1 },
	{ "days", "公示期", NULL, 0 },
	{ "unit", "期限单位", NULL, 0 },
	{ "issuer", "发布单位", NULL, 0 },
	{ "items", "改造内容", NULL, 0 },
	{ "note", "说明", NULL, 0 },
};

static const struct column consent_cols[] = {
	{ "community", "小区编号", "小区", 1 },
	{ "asked", "征询户数", NULL, 1 },
	{ "agreed", "同意", NULL, 1 },
	{ "disagreed", "不同意", NULL, 1 },
	{ "no_reply", "未反馈", NULL, 1 },
	{ "date", "日期", NULL, 0 },
	{ "override", "例外说明", NULL, 0 },
};

static const struct column opinions_cols[] = {
	{ "community", "小区编号", "小区", 1 },
	{ "date", "日期", NULL, 1 },
	{ "channel", "渠道", NULL, 0 },
	{ "summary", "意见摘要", NULL, 1 },
	{ "result", "采纳情况", NULL, 1 },
	{ "answer", "答复", NULL, 0 },
};

const struct table_schema schema_holidays = { "data/holidays.csv", holidays_cols, N(holidays_cols) };
const struct table_schema schema_notices = { "data/notices.csv", notices_cols, N(notices_cols) };
const struct table_schema schema_consent = { "data/consent.csv", consent_cols, N(consent_cols) };
const struct table_schema schema_opinions = { "data/opinions.csv", opinions_cols, N(opinions_cols) };

static const struct column photos_cols[] = {
	{ "community", "小区编号", "编号", 1 },
	{ "file", "文件", "文件名", 1 },
	{ "caption", "说明", "照片说明", 1 },
	{ "date", "日期", "拍摄日期", 1 },
	{ "kind", "类型", NULL, 1 },
};

const struct table_schema schema_communities = { "data/communities.csv", communities_cols, N(communities_cols) };
const struct table_schema schema_units = { "data/units.csv", units_cols, N(units_cols) };
const struct table_schema schema_duties = { "data/duties.csv", duties_cols, N(duties_cols) };
const struct table_schema schema_items = { "data/items.csv", items_cols, N(items_cols) };
const struct table_schema schema_phases = { "data/phases.csv", phases_cols, N(phases_cols) };
const struct table_schema schema_group = { "data/group.csv", group_cols, N(group_cols) };
const struct table_schema schema_progress = { "data/progress.csv", progress_cols, N(progress_cols) };
const struct table_schema schema_funding = { "data/funding.csv", funding_cols, N(funding_cols) };
const struct table_schema schema_photos = { "data/photos.csv", photos_cols, N(photos_cols) };

/* "户数（households）", for messages. */
static const char *schema_column_label(const struct table_schema *s, size_t col,
				       char *tmp, size_t tmplen)
{
	snprintf(tmp, tmplen, "%s（%s）", s->columns[col].chinese, s->columns[col].key);
	return tmp;
}

/* Header cells match case-insensitively for the English key. */
static size_t match_column(const struct table_schema *s, const char *h)
{
	for (size_t c = 0; c < s->ncolumns; c++) {
		const struct column *col = &s->columns[c];
		if (strcasecmp(h, col->key) == 0 || strcmp(h, col->chinese) == 0 ||
		    (col->alias && strcmp(h, col->alias) == 0))
			return c;
	}
	return NO_FIELD;
}

/* Unknown columns shown one warning each up to this many; beyond, one
 * warning for them all (a sheet exported with 500 stray columns). */
enum { UNKNOWN_LISTED = 5 };
/* Beyond this many rows of the wrong width, an error names the likely
 * cause first (a table saved with the wrong delimiter is wrong on every
 * row). */
enum { WIDTH_HINT_AFTER = 10 };

static void unknown_columns(const struct binding *b, const struct csv_row *header,
			    const size_t *unknown, size_t n, diags *d)
{
	const char *path = b->path;
	const struct csv_field *first;
	buf names = BUF_INIT;

	if (n <= UNKNOWN_LISTED) {
		for (size_t i = 0; i < n; i++) {
			const struct csv_field *h = &header->fields[unknown[i]];
			const char *near = schema_nearest_header(b->schema, b, h->text);

			if (near)
				diag_warning(d, path, h->line, h->col, h->text,
					     "未知的列“%s”，已忽略：您是不是要写“%s”？",
					     h->text, near);
			else
				diag_warning(d, path, h->line, h->col, h->text,
					     "未知的列“%s”，已忽略", h->text);
		}
		return;
	}
	first = &header->fields[unknown[0]];
	for (size_t i = 0; i < 3; i++)
		buf_printf(&names, "“%s”", header->fields[unknown[i]].text);
	diag_warning(d, path, first->line, first->col, first->text,
		     "未知的列%s等共 %zu 列，已忽略", names.data, n);
	buf_free(&names);
}

static int width_ok(const struct binding *b, const struct csv_row *row)
{
	return row->nfields == b->width;
}

/* One error per row whose width differs from the header's (diag.h keeps
 * the first hundred of a file's); when many rows do, one error first
 * naming the likely cause, since a wrong separator or encoding makes
 * every row wrong at once. */
static void check_widths(const struct binding *b, const struct schema_outline *o, diags *d)
{
	if (o->nbad > WIDTH_HINT_AFTER)
		diag_error(d, b->path, o->bad[0].line, 0, NULL,
			   "共有 %zu 行的字段数与表头的 %zu 列不同（分隔符或编码是否有误？）",
			   o->nbad, b->width);
	for (size_t i = 0; i < o->nbad; i++) {
		const struct schema_bad_width *row = &o->bad[i];

		if (row->nfields > b->width)
			diag_error(d, b->path, row->line, (unsigned)b->width + 1, NULL,
				   "这一行有 %zu 个字段，比表头的 %zu 列多", row->nfields, b->width);
		else
			diag_error(d, b->path, row->line, (unsigned)row->nfields + 1, NULL,
				   "这一行只有 %zu 个字段，比表头的 %zu 列少", row->nfields, b->width);
	}
}

/* A 合计 row would otherwise be read as a community with no id, no name
 * and so on: six errors for one row.  It is one warning, and skipped:
 * gongshi adds up the rows itself. */
static void find_totals(struct binding *b, const struct schema_outline *o, diags *d)
{
	const struct csv_field *f = &o->totals_cell;

	b->end = o->totals_at;
	if (b->end == o->nrows)
		return;
	if (o->nrows - b->end == 1)
		diag_warning(d, b->path, f->line, f->col, f->text,
			     "“%s”这一行是合计行，已忽略：gongshi 会自己计算合计。"
			     "请在 Excel/WPS 中删掉表格底部的合计行，再另存为 CSV", f->text);
	else
		diag_warning(d, b->path, f->line, f->col, f->text,
			     "从“%s”这一行起的 %zu 行是合计行，已忽略：gongshi 会自己计算合计。"
			     "请在 Excel/WPS 中删掉表格底部的合计行，再另存为 CSV",
			     f->text, o->nrows - b->end);
}

/* Matches the header's cells to the schema's columns. */
static void bind_header(struct binding *b, const struct csv_row *header, diags *d)
{
	const struct table_schema *s = b->schema;
	char label[128];
	size_t *unknown, nunknown = 0;

	b->width = header->nfields;
	unknown = xcalloc(header->nfields + 1, sizeof(*unknown));
	for (size_t f = 0; f < header->nfields; f++) {
		const struct csv_field *h = &header->fields[f];
		size_t c = match_column(s, h->text);
		if (c == NO_FIELD) {
			unknown[nunknown++] = f;
		} else if (b->field[c] != NO_FIELD) {
			diag_error(d, b->path, h->line, h->col, h->text,
				   "列“%s”重复：第 %zu 列已经是%s", h->text,
				   b->field[c] + 1, schema_column_label(s, c, label, sizeof(label)));
		} else {
			b->field[c] = f;
		}
	}
	unknown_columns(b, header, unknown, nunknown, d);
	free(unknown);
}

int schema_bind_outline(struct binding *b, const struct table_schema *s,
			const struct schema_outline *o, diags *d)
{
	const struct csv_row *header = o->header;
	int ok = 0;

	memset(b, 0, sizeof(*b));
	b->schema = s;
	b->path = o->path;
	for (size_t c = 0; c < SCHEMA_MAX_COLUMNS; c++)
		b->field[c] = NO_FIELD;
	if (header == NULL) {
		diag_error(d, o->path, 0, 0, NULL, "文件是空的：缺少表头行");
		return -1;
	}
	bind_header(b, header, d);
	find_totals(b, o, d);
	for (size_t c = 0; c < s->ncolumns; c++) {
		if (s->columns[c].required && b->field[c] == NO_FIELD) {
			diag_error(d, o->path, header->line, 0, NULL,
				   "缺少必需的列“%s”（%s）", s->columns[c].chinese,
				   s->columns[c].key);
			ok = -1;
		}
	}
	if (ok == 0)
		check_widths(b, o, d);
	return ok;
}

int schema_bind(struct binding *b, const struct table_schema *s,
		const struct csv_table *t, diags *d)
{
	struct schema_outline o = { .path = t->path, .nrows = t->nrows };
	size_t cell = 0;
	int rc;

	if (t->nrows) {
		o.header = &t->rows[0];
		o.totals_at = schema_hints_totals_start(t, &cell);
		if (o.totals_at < t->nrows)
			o.totals_cell = t->rows[o.totals_at].fields[cell];
		for (size_t i = 1; i < o.totals_at; i++)
			if (t->rows[i].nfields != o.header->nfields)
				schema_outline_bad_width(&o, i, &t->rows[i]);
	}
	rc = schema_bind_outline(b, s, &o, d);
	b->table = t;
	schema_outline_free(&o);
	return rc;
}

int schema_row_usable(const struct binding *b, size_t index, const struct csv_row *row)
{
	return index > 0 && index < b->end && width_ok(b, row);
}

int schema_check_row(const struct binding *b, const struct csv_row *row,
		     diags *d)
{
	(void)d; /* schema_bind has reported it */
	if ((size_t)(row - b->table->rows) >= b->end)
		return -1;
	return width_ok(b, row) ? 0 : -1;
}

const struct csv_field *schema_field(const struct binding *b,
				     const struct csv_row *row, size_t col,
				     diags *d)
{
	size_t f = b->field[col];
	const struct csv_field *fl;
	char label[128];

	if (f == NO_FIELD || f >= row->nfields)
		return NULL;
	fl = &row->fields[f];
	if (fl->len == 0 && b->schema->columns[col].required) {
		diag_error(d, b->path, fl->line, fl->col, NULL,
			   "必填字段%s为空",
			   schema_column_label(b->schema, col, label, sizeof(label)));
		return NULL;
	}
	return fl;
}

const char *schema_text(const struct binding *b, const struct csv_row *row,
			size_t col)
{
	size_t f = b->field[col];

	return f == NO_FIELD || f >= row->nfields ? "" : row->fields[f].text;
}
