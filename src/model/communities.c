/* data/communities.csv: one record per community.  See units.c for why
 * rows with errors still become records. */
#include <string.h>

#include "model/loader.h"
#include "model/phones.h"
#include "model/values.h"

static void read_subdistrict(struct loader *l, const char *file,
			     const struct csv_field *f, struct community *c)
{
	const struct unit *u;

	c->subdistrict = units_resolve(l, file, f->line, f->col, f->text, "街道");
	if (c->subdistrict == NO_INDEX)
		return;
	u = &l->site->units[c->subdistrict];
	if (u->kind != UNIT_SUBDISTRICT) {
		diag_error(l->d, file, f->line, f->col, f->text,
			   "“%s”不是街道：data/units.csv 第 %u 行中它的类型不是 subdistrict（街道）",
			   f->text, u->pos.line);
		c->subdistrict = NO_INDEX;
	}
}

static void read_items_list(struct loader *l, const char *file,
			    const struct csv_field *f, struct community *c,
			    struct value_parts *split)
{
	size_t n = value_parts_split(split, f->text);
	const char **codes = split->part;

	c->items = arena_array(l->a, n + 1, sizeof(*c->items));
	for (size_t i = 0; i < n; i++) {
		size_t it = units_lookup_halfwidth(l, (struct diag_at){ file, f->line, f->col },
						   codes[i], "改造内容", site_item_index);
		if (it == NO_INDEX) {
			if (l->site->index->items_failed)
				continue;
			diag_error(l->d, file, f->line, f->col, codes[i],
				   "找不到改造内容“%s”：data/items.csv 中没有这个编号", codes[i]);
			continue;
		}
		c->items[c->nitems++] = it;
	}
	if (n == 0)
		diag_error(l->d, file, f->line, f->col, f->text,
			   "改造内容“%s”中没有任何编号", f->text);
}

static void read_status(struct loader *l, const char *file,
			const struct csv_field *f, struct community *c)
{
	c->status = units_lookup_halfwidth(l, (struct diag_at){ file, f->line, f->col },
					   f->text, "进度", site_phase_index);
	if (c->status == NO_INDEX && !l->site->index->phases_failed)
		diag_error(l->d, file, f->line, f->col, f->text,
			   "找不到进度阶段“%s”：data/phases.csv 中没有这个编号", f->text);
}

static void read_numbers(struct loader *l, const struct binding *b,
			 const struct csv_row *row, struct community *c)
{
	const char *file = b->table->path;
	const struct csv_field *f;
	long v;

	if ((f = schema_field(b, row, CC_HOUSEHOLDS, l->d)))
		value_long(f, file, "户数", (struct value_range){ 0, 100000000 }, &c->households,
			   l->d);
	if ((f = schema_field(b, row, CC_FLOOR_AREA, l->d)))
		value_area(f, file, "建筑面积", &c->floor_area_cm2, l->d);
	if ((f = schema_field(b, row, CC_BUILDINGS, l->d)) && f->len &&
	    value_long(f, file, "楼栋数", (struct value_range){ 0, 100000 }, &v, l->d) == 0)
		c->buildings = (int)v;
	if ((f = schema_field(b, row, CC_BUILT_YEAR, l->d)) && f->len &&
	    value_long(f, file, "建成年份", (struct value_range){ 1800, 2999 }, &v, l->d) == 0)
		c->built_year = (int)v;
	if ((f = schema_field(b, row, CC_ELEVATOR, l->d)))
		value_yes_no(f, file, &c->elevator, l->d);
	if ((f = schema_field(b, row, CC_PHONE, l->d)))
		c->phone = phones_value(f, file, "联系电话", l->a, l->d);
}

static void read_references(struct loader *l, const struct binding *b,
			    const struct csv_row *row, struct community *c,
			    struct value_parts *split)
{
	const char *file = b->table->path;
	const struct csv_field *f;

	if ((f = schema_field(b, row, CC_SUBDISTRICT, l->d)))
		read_subdistrict(l, file, f, c);
	if ((f = schema_field(b, row, CC_ITEMS, l->d)))
		read_items_list(l, file, f, c, split);
	if ((f = schema_field(b, row, CC_STATUS, l->d)))
		read_status(l, file, f, c);
	if ((f = schema_field(b, row, CC_CONTRACTOR, l->d)) && f->len)
		c->contractor = units_resolve(l, file, f->line, f->col, f->text, "施工单位");
}

void communities_read(struct loader *l, const struct binding *b)
{
	const struct csv_table *t = b->table;
	struct site *s = l->site;
	unsigned *lines = arena_array(l->a, t->nrows, sizeof(*lines));
	const struct units_key key = { &s->index->communities, lines, "小区编号" };
	struct value_parts split = VALUE_PARTS_INIT;
	size_t errors = l->d->errors;

	s->index->plan_end_col = arena_array(l->a, t->nrows, sizeof(unsigned));
	s->communities = arena_array(l->a, t->nrows, sizeof(*s->communities));
	for (size_t r = 1; r < t->nrows; r++) {
		const struct csv_row *row = &t->rows[r];
		struct community *c = &s->communities[s->ncommunities];
		const struct csv_field *id;

		if (schema_check_row(b, row, l->d) < 0) {
			s->index->communities_bad = 1;
			continue;
		}
		lines[s->ncommunities] = row->line;
		c->pos = (struct srcpos){ t->path, row->line };
		c->id = schema_text(b, row, CC_ID);
		c->name = schema_text(b, row, CC_NAME);
		c->area = schema_text(b, row, CC_AREA);
		c->address = schema_text(b, row, CC_ADDRESS);
		c->contact = schema_text(b, row, CC_CONTACT);
		c->phone = "";
		c->subdistrict = c->contractor = c->status = c->consent = NO_INDEX;
		c->elevator = -1;
		c->investment = -1;
		c->designer = c->supervisor = NO_INDEX;
		c->manager = c->manager_phone = c->hotline = "";
		if ((id = schema_field(b, row, CC_ID, l->d))) {
			value_slug(id, t->path, "小区编号", l->d);
			units_register_key(l, &key, id, t->path, s->ncommunities);
		}
		schema_field(b, row, CC_NAME, l->d);
		schema_field(b, row, CC_AREA, l->d);
		read_numbers(l, b, row, c);
		read_references(l, b, row, c, &split);
		communities_read_progress(l, b, row, c);
		s->ncommunities++;
	}
	value_parts_free(&split);
	if (l->d->errors > errors)
		s->index->communities_bad = 1;
}
