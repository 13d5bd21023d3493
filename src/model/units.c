#include <string.h>

#include "model/halfwidth.h"
#include "model/loader.h"
#include "model/phones.h"
#include "model/values.h"

static const struct {
	const char *key, *chinese;
	enum unit_kind kind;
} unit_kinds[] = {
	{ "subdistrict", "街道", UNIT_SUBDISTRICT },
	{ "department", "部门", UNIT_DEPARTMENT },
	{ "enterprise", "企业", UNIT_ENTERPRISE },
	{ "utility", "专营单位", UNIT_UTILITY },
};

static int parse_kind(const char *s, enum unit_kind *out)
{
	for (size_t i = 0; i < sizeof(unit_kinds) / sizeof(unit_kinds[0]); i++) {
		if (strcmp(s, unit_kinds[i].key) == 0 || strcmp(s, unit_kinds[i].chinese) == 0) {
			*out = unit_kinds[i].kind;
			return 0;
		}
	}
	return -1;
}

int units_register_key(struct loader *l, const struct units_key *k, const struct csv_field *f,
		       const char *file, size_t i)
{
	buf half = BUF_INIT;
	size_t prev;

	/* An id typed full width is an error (value_slug) but is known by its
	 * half-width form, so the rows that refer to it do not each report it
	 * missing. */
	prev = strmap_put(k->map, halfwidth_fold(f->text, &half) ? arena_strdup(l->a, half.data) : f->text, i);
	buf_free(&half);

	if (prev == STRMAP_NONE)
		return 0;
	diag_error(l->d, file, f->line, f->col, f->text,
		   "%s“%s”重复：第 %u 行已经使用了这个%s", k->what, f->text,
		   k->lines[prev], k->what);
	return -1;
}

size_t units_lookup_halfwidth(struct loader *l, struct diag_at at, const char *ref,
			      const char *what, size_t (*find)(const struct site *, const char *))
{
	size_t i = find(l->site, ref);
	buf half = BUF_INIT;

	/* Tried second: a unit's name may hold full-width digits on purpose
	 * (第２中学), and then the reference matches as typed. */
	if (i == NO_INDEX && halfwidth_fold(ref, &half) > 0 &&
	    (i = find(l->site, half.data)) != NO_INDEX)
		diag_warning(l->d, at.file, at.line, at.col, ref,
			     "%s“%s”中有全角字符，已按“%s”读取：请把输入法切换到半角（Shift+空格）后重新输入",
			     what, ref, half.data);
	buf_free(&half);
	return i;
}

size_t units_resolve(struct loader *l, const char *file, unsigned line,
		     unsigned col, const char *ref, const char *what)
{
	size_t u = units_lookup_halfwidth(l, (struct diag_at){ file, line, col }, ref, what,
					  site_unit_index);

	if (u == NO_INDEX && !l->site->index->units_failed)
		diag_error(l->d, file, line, col, ref,
			   "找不到%s“%s”：data/units.csv 中没有这个编号或名称的单位",
			   what, ref);
	return u;
}

/* Rows with a wrong field count are skipped (their columns cannot be
 * trusted); every other row becomes a record, even with errors, so that
 * record i keeps its place and every problem of the file is reported. */
/* A subdistrict's booklets are notices/ID.pdf and notices/ID-K.pdf, the
 * progress reports notices/progress-YYYY-MM-DD.pdf (plan/pdfs.h): an id
 * of "progress-" and only digits and hyphens would, on some day or with
 * some number of volumes, be a report's file.  Refused whatever the
 * dates, so that no later day's build fails on it. */
static void check_booklet_name(struct loader *l, const char *file,
			       const struct csv_field *id, enum unit_kind kind)
{
	static const char prefix[] = "progress-";
	const char *rest = id->text + strlen(prefix);

	if (kind != UNIT_SUBDISTRICT || strncmp(id->text, prefix, strlen(prefix)) != 0 ||
	    rest[strspn(rest, "0123456789-")] != '\0')
		return;
	diag_error(l->d, file, id->line, id->col, id->text,
		   "街道编号“%s”会让它的公示汇编（notices/%s.pdf、notices/%s-分册号.pdf）"
		   "与进度通报 notices/progress-日期.pdf 同名：“progress-”加数字的文件名留给进度通报。"
		   "请在 Excel 或 WPS 中把这个编号改成街道名称的拼音（如 lincheng），"
		   "并把其他表格（如 duties.csv、group.csv）中的这个编号一并改掉",
		   id->text, id->text, id->text);
}

void units_read(struct loader *l, const struct binding *b)
{
	const struct csv_table *t = b->table;
	struct site *s = l->site;
	struct site_index *ix = s->index;
	unsigned *lines = arena_array(l->a, t->nrows, sizeof(*lines));
	const struct units_key ids = { &ix->unit_ids, lines, "单位编号" };
	const struct units_key names = { &ix->unit_names, lines, "单位名称" };

	s->units = arena_array(l->a, t->nrows, sizeof(*s->units));
	for (size_t r = 1; r < t->nrows; r++) {
		const struct csv_row *row = &t->rows[r];
		struct unit *u = &s->units[s->nunits];
		const struct csv_field *id, *name, *kind, *phone;

		if (schema_check_row(b, row, l->d) < 0)
			continue;
		lines[s->nunits] = row->line;
		u->pos = (struct srcpos){ t->path, row->line };
		u->id = schema_text(b, row, UC_ID);
		u->name = schema_text(b, row, UC_NAME);
		u->phone = "";
		if ((phone = schema_field(b, row, UC_PHONE, l->d)))
			u->phone = phones_value(phone, t->path, "联系电话", l->a, l->d);
		if ((id = schema_field(b, row, UC_ID, l->d))) {
			value_slug(id, t->path, "单位编号", l->d);
			units_register_key(l, &ids, id, t->path, s->nunits);
		}
		if ((name = schema_field(b, row, UC_NAME, l->d)))
			units_register_key(l, &names, name, t->path, s->nunits);
		if ((kind = schema_field(b, row, UC_KIND, l->d)) &&
		    parse_kind(kind->text, &u->kind) < 0)
			diag_error(l->d, t->path, kind->line, kind->col, kind->text,
				   "单位类型“%s”无效：应为 subdistrict（街道）、"
				   "department（部门）、enterprise（企业）或 utility（专营单位）",
				   kind->text);
		else if (id && kind)
			check_booklet_name(l, t->path, id, u->kind);
		s->nunits++;
	}
}
