/* The plan's own tables: renovation items, phases, duties, the leading
 * group.  See units.c for why rows with errors still become records. */
#include <string.h>

#include "model/loader.h"
#include "model/values.h"

static const char *const categories[] = { "基础类", "完善类", "提升类" };

void plan_read_items(struct loader *l, const struct binding *b)
{
	const struct csv_table *t = b->table;
	struct site *s = l->site;
	unsigned *lines = arena_array(l->a, t->nrows, sizeof(*lines));
	const struct units_key key = { &s->index->items, lines, "改造内容编号" };

	s->items = arena_array(l->a, t->nrows, sizeof(*s->items));
	for (size_t r = 1; r < t->nrows; r++) {
		const struct csv_row *row = &t->rows[r];
		struct item *it = &s->items[s->nitems];
		const struct csv_field *code, *cat;

		if (schema_check_row(b, row, l->d) < 0)
			continue;
		lines[s->nitems] = row->line;
		it->pos = (struct srcpos){ t->path, row->line };
		it->code = schema_text(b, row, IC_CODE);
		it->title = schema_text(b, row, IC_TITLE);
		it->description = schema_text(b, row, IC_DESCRIPTION);
		it->category = schema_text(b, row, IC_CATEGORY);
		if ((code = schema_field(b, row, IC_CODE, l->d))) {
			value_slug(code, t->path, "改造内容编号", l->d);
			units_register_key(l, &key, code, t->path, s->nitems);
		}
		schema_field(b, row, IC_TITLE, l->d);
		schema_field(b, row, IC_DESCRIPTION, l->d);
		cat = schema_field(b, row, IC_CATEGORY, l->d);
		if (cat && cat->len && strcmp(cat->text, categories[0]) &&
		    strcmp(cat->text, categories[1]) && strcmp(cat->text, categories[2]))
			diag_error(l->d, t->path, cat->line, cat->col, cat->text,
				   "类别“%s”无效：应为基础类、完善类或提升类，或者留空",
				   cat->text);
		s->nitems++;
	}
}

void plan_read_phases(struct loader *l, const struct binding *b)
{
	const struct csv_table *t = b->table;
	struct site *s = l->site;
	unsigned *lines = arena_array(l->a, t->nrows, sizeof(*lines));
	const struct units_key key = { &s->index->phases, lines, "阶段编号" };

	s->phases = arena_array(l->a, t->nrows, sizeof(*s->phases));
	for (size_t r = 1; r < t->nrows; r++) {
		const struct csv_row *row = &t->rows[r];
		struct phase *p = &s->phases[s->nphases];
		const struct csv_field *id, *start, *end;
		int dates_ok = 1;

		if (schema_check_row(b, row, l->d) < 0)
			continue;
		lines[s->nphases] = row->line;
		p->pos = (struct srcpos){ t->path, row->line };
		p->id = schema_text(b, row, PC_ID);
		p->name = schema_text(b, row, PC_NAME);
		p->description = schema_text(b, row, PC_DESCRIPTION);
		if ((id = schema_field(b, row, PC_ID, l->d))) {
			value_slug(id, t->path, "阶段编号", l->d);
			units_register_key(l, &key, id, t->path, s->nphases);
		}
		schema_field(b, row, PC_NAME, l->d);
		start = schema_field(b, row, PC_START, l->d);
		end = schema_field(b, row, PC_END, l->d);
		if (!start || value_date(start, t->path, &p->start, l->d) < 0)
			dates_ok = 0;
		if (!end || value_date(end, t->path, &p->end, l->d) < 0)
			dates_ok = 0;
		if (dates_ok && date_cmp(p->end, p->start) < 0)
			diag_error(l->d, t->path, end->line, end->col, end->text,
				   "结束日期“%s”早于开始日期“%s”", end->text, start->text);
		s->nphases++;
	}
}

/* Splits a list of unit references and resolves each. */
static size_t resolve_units(struct loader *l, const char *file,
			    const struct csv_field *f, size_t **out)
{
	const char **parts;
	size_t n = value_split(f->text, l->a, &parts), k = 0;
	size_t *units = arena_array(l->a, n + 1, sizeof(*units));

	for (size_t i = 0; i < n; i++) {
		size_t u = units_resolve(l, file, f->line, f->col, parts[i], "责任单位");
		if (u != NO_INDEX)
			units[k++] = u;
	}
	*out = units;
	return k;
}

void plan_read_duties(struct loader *l, const struct binding *b)
{
	const struct csv_table *t = b->table;
	struct site *s = l->site;

	s->duties = arena_array(l->a, t->nrows, sizeof(*s->duties));
	for (size_t r = 1; r < t->nrows; r++) {
		const struct csv_row *row = &t->rows[r];
		struct duty *du = &s->duties[s->nduties];
		const struct csv_field *seq, *units;

		if (schema_check_row(b, row, l->d) < 0)
			continue;
		du->pos = (struct srcpos){ t->path, row->line };
		du->duty_md = schema_text(b, row, DC_DUTY);
		if ((seq = schema_field(b, row, DC_SEQ, l->d)))
			value_long(seq, t->path, "序号", (struct value_range){ 0, 1000000 }, &du->seq,
				   l->d);
		if ((units = schema_field(b, row, DC_UNITS, l->d)))
			du->nunits = resolve_units(l, t->path, units, &du->units);
		schema_field(b, row, DC_DUTY, l->d);
		s->nduties++;
	}
}

void plan_read_group(struct loader *l, const struct binding *b)
{
	const struct csv_table *t = b->table;
	struct site *s = l->site;

	s->members = arena_array(l->a, t->nrows, sizeof(*s->members));
	for (size_t r = 1; r < t->nrows; r++) {
		const struct csv_row *row = &t->rows[r];
		struct member *m = &s->members[s->nmembers];
		const struct csv_field *unit;

		if (schema_check_row(b, row, l->d) < 0)
			continue;
		m->pos = (struct srcpos){ t->path, row->line };
		m->name = schema_text(b, row, GC_NAME);
		m->role = schema_text(b, row, GC_ROLE);
		m->position = schema_text(b, row, GC_POSITION);
		m->unit = NO_INDEX;
		schema_field(b, row, GC_NAME, l->d);
		schema_field(b, row, GC_ROLE, l->d);
		unit = schema_field(b, row, GC_UNIT, l->d);
		if (unit && unit->len)
			m->unit = units_resolve(l, t->path, unit->line, unit->col,
						unit->text, "单位");
		s->nmembers++;
	}
}
