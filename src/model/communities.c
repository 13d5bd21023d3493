/* data/communities.csv: one record per community.  See units.c for why
 * rows with errors still become records. */
#include <stdlib.h>
#include <string.h>

#include "model/loader.h"
#include "model/phones.h"
#include "model/values.h"
#include "util/xalloc.h"

const char *communities_keep(struct loader *l, const char *text)
{
	return text_pool_keep(l->texts, text);
}

const char *communities_keep_phone(struct loader *l, const struct csv_field *f,
				   const char *file, const char *what)
{
	const char *v = phones_value(f, file, what, l->a, l->d);

	return v == f->text ? communities_keep(l, v) : v;
}

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
	const char *file = b->path;
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
		c->phone = communities_keep_phone(l, f, file, "联系电话");
}

static void read_references(struct loader *l, const struct binding *b,
			    const struct csv_row *row, struct community *c,
			    struct value_parts *split)
{
	const char *file = b->path;
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

/* The table being read (communities_rows). */
struct reading {
	struct loader *l;
	const struct binding *b;
	size_t nrows;
	unsigned *lines; /* each record's line, for the key's messages */
	struct units_key key;
	struct value_parts split;
	size_t errors; /* before the table */
};

static void *begin(struct loader *l, const struct binding *b, size_t nrows)
{
	struct reading *g = xcalloc(1, sizeof(*g));
	struct site *s = l->site;
	unsigned *lines = arena_array(l->a, nrows, sizeof(*lines));

	*g = (struct reading){ l, b, nrows, lines, { &s->index->communities, lines, "小区编号" },
			       VALUE_PARTS_INIT, l->d->errors };
	s->index->plan_end_col = arena_array(l->a, nrows, sizeof(unsigned));
	s->communities = arena_array(l->a, nrows, sizeof(*s->communities));
	return g;
}

/* One row into the next record; its texts are copied (the row is
 * scratch). */
static void row(void *state, const struct csv_row *row)
{
	struct reading *g = state;
	struct loader *l = g->l;
	const struct binding *b = g->b;
	struct site *s = l->site;
	struct community *c = &s->communities[s->ncommunities];
	const struct csv_field *id;
	struct csv_field kept;

	g->lines[s->ncommunities] = row->line;
	c->pos = (struct srcpos){ b->path, row->line };
	c->id = communities_keep(l, schema_text(b, row, CC_ID));
	c->name = communities_keep(l, schema_text(b, row, CC_NAME));
	c->area = communities_keep(l, schema_text(b, row, CC_AREA));
	c->address = communities_keep(l, schema_text(b, row, CC_ADDRESS));
	c->contact = communities_keep(l, schema_text(b, row, CC_CONTACT));
	c->phone = "";
	c->subdistrict = c->contractor = c->status = c->consent = NO_INDEX;
	c->elevator = -1;
	c->investment = -1;
	c->designer = c->supervisor = NO_INDEX;
	c->manager = c->manager_phone = c->hotline = "";
	if ((id = schema_field(b, row, CC_ID, l->d))) {
		value_slug(id, b->path, "小区编号", l->d);
		/* The index keeps the key: the record's copy, not the row's. */
		kept = *id;
		kept.text = c->id;
		units_register_key(l, &g->key, &kept, b->path, s->ncommunities);
	}
	schema_field(b, row, CC_NAME, l->d);
	schema_field(b, row, CC_AREA, l->d);
	read_numbers(l, b, row, c);
	read_references(l, b, row, c, &g->split);
	communities_read_progress(l, b, row, c);
	s->ncommunities++;
}

static void end(void *state)
{
	struct reading *g = state;
	struct site *s = g->l->site;

	value_parts_free(&g->split);
	/* A row not read (of the wrong width, or a 合计 row) or one with an
	 * error: references to communities are not checked one by one. */
	if (s->ncommunities + 1 < g->nrows || g->l->d->errors > g->errors)
		s->index->communities_bad = 1;
	free(g);
}

const struct row_reader communities_rows = { begin, row, end };
