/* data/notices.csv: each community's postings, the first 公示 and any
 * 再公示 (model/cycle.h), and the postings made from site.yaml for the
 * communities the table does not list.  The rows are read into
 * site.postings as they come; cycle_finish() orders them and fills in
 * what a row leaves to the defaults. */
#include <stdlib.h>
#include <string.h>

#include "model/cycle_loader.h"
#include "model/values.h"

static void read_period(struct loader *l, const struct binding *b,
			const struct csv_row *row, struct posting *p)
{
	const char *file = b->table->path;
	const struct csv_field *f;
	long v;

	p->days = -1;
	p->working = -1;
	if ((f = schema_field(b, row, NC_DAYS, l->d)) && f->len &&
	    value_long(f, file, "公示期", (struct value_range){ 1, 365 }, &v, l->d) == 0)
		p->days = (int)v;
	if ((f = schema_field(b, row, NC_UNIT, l->d)) && f->len) {
		if (strcmp(f->text, "工作日") == 0)
			p->working = 1;
		else if (strcmp(f->text, "自然日") == 0)
			p->working = 0;
		else
			diag_error(l->d, file, f->line, f->col, f->text,
				   "期限单位“%s”无效：应为“工作日”或“自然日”；"
				   "留空则按 site.yaml 的 notice.publicity_unit",
				   f->text);
	}
}

static void read_items(struct loader *l, const char *file, const struct csv_field *f,
		       struct posting *p, struct value_parts *split)
{
	size_t n = value_parts_split(split, f->text);

	p->items = arena_array(l->a, n + 1, sizeof(*p->items));
	for (size_t i = 0; i < n; i++) {
		size_t it = units_lookup_halfwidth(l, (struct diag_at){ file, f->line, f->col },
						   split->part[i], "改造内容", site_item_index);

		if (it == NO_INDEX) {
			if (!l->site->index->items_failed)
				diag_error(l->d, file, f->line, f->col, split->part[i],
					   "找不到改造内容“%s”：data/items.csv 中没有这个编号",
					   split->part[i]);
			continue;
		}
		p->items[p->nitems++] = it;
	}
}

void cycle_read_notices(struct loader *l, const struct binding *b)
{
	const struct csv_table *t = b->table;
	struct site *s = l->site;
	struct value_parts split = VALUE_PARTS_INIT;

	s->postings = arena_array(l->a, t->nrows, sizeof(*s->postings));
	for (size_t r = 1; r < t->nrows; r++) {
		const struct csv_row *row = &t->rows[r];
		struct posting *p = &s->postings[s->npostings];
		const struct csv_field *f;

		if (schema_check_row(b, row, l->d) < 0)
			continue;
		p->pos = (struct srcpos){ t->path, row->line };
		p->issuer = schema_text(b, row, NC_ISSUER);
		p->note = schema_text(b, row, NC_NOTE);
		p->community = NO_INDEX;
		if ((f = schema_field(b, row, NC_COMMUNITY, l->d)))
			p->community = cycle_resolve_community(l, t->path, f);
		if ((f = schema_field(b, row, NC_POSTED, l->d)))
			value_date(f, t->path, &p->posted, l->d);
		read_period(l, b, row, p);
		if ((f = schema_field(b, row, NC_ITEMS, l->d)) && f->len)
			read_items(l, t->path, f, p, &split);
		/* Without a community or a date it has no place among the
		 * rounds: reported above, left out. */
		if (p->community != NO_INDEX && p->posted.year)
			s->npostings++;
	}
	value_parts_free(&split);
}
