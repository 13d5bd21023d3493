/* data/funding.csv: where each community's planned investment comes from
 * (the plan's 五、整治费用: 中央和省市补助, 专项债, 专营单位出资, 社会资本 …),
 * one row per community and source.  Sources are a column, not fixed
 * headers, so another district's sources fit; site.sources lists them in
 * order of first appearance.  Into site.funding sorted by community (then
 * row), with each community's range.  Checks: the community exists, the
 * amount is a number of 万元, a source once per community, and the sources
 * add up to the community's 计划投资. */
#include <stdlib.h>
#include <string.h>

#include "model/kept_cells.h"
#include "model/loader.h"
#include "model/progress.h"
#include "model/values.h"
#include "util/xalloc.h"

/* The table being read (funding_rows); its rows are gone by the time
 * the sums are checked, their cells in `kept` or rebuilt. */
struct reading {
	struct loader *l;
	const struct binding *b;
	struct kept_cells kept;
	const char **sources; /* site.sources while it grows */
	size_t cap;
};

/* The index of source `name` in site.sources, added when new (copied: the
 * row is scratch).  Few sources (a handful per district), so a scan is
 * enough. */
static size_t intern_source(struct loader *l, const char *name, const char ***cap_list,
			    size_t *cap)
{
	struct site *s = l->site;

	for (size_t i = 0; i < s->nsources; i++)
		if (strcmp(s->sources[i], name) == 0)
			return i;
	if (s->nsources == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*cap_list = xrealloc(*cap_list, *cap * sizeof(**cap_list));
	}
	(*cap_list)[s->nsources] = text_pool_keep(l->texts, name);
	s->sources = *cap_list;
	return s->nsources++;
}

static int by_community(const void *x, const void *y)
{
	const struct funding *a = x, *b = y;

	if (a->community != b->community)
		return a->community < b->community ? -1 : 1;
	return a->pos.line < b->pos.line ? -1 : a->pos.line > b->pos.line;
}

/* Cell `col` of row `f`, as it was in the file: a source's text is its
 * name, a community's its id. */
static const struct csv_field *funding_cell(const struct reading *g, const struct funding *f,
					    size_t col, struct csv_field *out)
{
	const struct site *s = g->l->site;
	const char *rebuilt = col == FC_SOURCE ? s->sources[f->source] : s->communities[f->community].id;

	return kept_cell_find(&g->kept, f->pos.line, (unsigned)g->b->field[col] + 1, rebuilt, out);
}

/* The sources of community `c` (its rows `f[0..n)`) against its 计划投资. */
static void check_sum(const struct reading *g, const struct community *c,
		      const struct funding *f, size_t n)
{
	struct loader *l = g->l;
	struct csv_field buf_cell;
	const struct csv_field *cell;
	long long sum = 0;
	buf got = BUF_INIT, want = BUF_INIT;

	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < i; k++) {
			if (f[k].source != f[i].source)
				continue;
			cell = funding_cell(g, &f[i], FC_SOURCE, &buf_cell);
			diag_error(l->d, f[i].pos.file, cell->line, cell->col, cell->text,
				   "小区“%s”的资金来源“%s”重复（第 %u 行已有）：同一来源只填一行，"
				   "请在 Excel/WPS 中把金额合在一起", c->name,
				   l->site->sources[f[i].source], f[k].pos.line);
		}
		sum += f[i].amount;
	}
	progress_money_text(&got, sum);
	progress_money_text(&want, c->investment);
	cell = funding_cell(g, &f[0], FC_COMMUNITY, &buf_cell);
	if (c->investment < 0)
		diag_error(l->d, f[0].pos.file, cell->line, cell->col, cell->text,
			   "小区“%s”有资金来源（合计 %s 万元），但 data/communities.csv 第 %u 行没有填"
			   "计划投资：请在“计划投资”列填上各来源之和（万元）", c->name, got.data,
			   c->pos.line);
	else if (sum != c->investment)
		diag_error(l->d, f[0].pos.file, cell->line, cell->col, cell->text,
			   "小区“%s”的资金来源合计 %s 万元，与计划投资 %s 万元"
			   "（data/communities.csv 第 %u 行）不符：请在 Excel/WPS 中核对各来源的金额和计划投资",
			   c->name, got.data, want.data, c->pos.line);
	buf_free(&got);
	buf_free(&want);
}

/* Sorts the rows and gives each community its range, checking its sum
 * when every row so far was right (a bad row would show up again as a
 * wrong sum). */
static void group_funding(const struct reading *g)
{
	struct loader *l = g->l;
	struct site *s = l->site;
	int sums = l->d->errors == 0;

	if (s->nfunding > 1)
		qsort(s->funding, s->nfunding, sizeof(*s->funding), by_community);
	for (size_t i = 0, j; i < s->nfunding; i = j) {
		struct community *c = &s->communities[s->funding[i].community];

		for (j = i; j < s->nfunding && s->funding[j].community == s->funding[i].community; j++)
			;
		c->funding_at = i;
		c->nfunding = j - i;
		if (sums)
			check_sum(g, c, &s->funding[i], j - i);
	}
}

static void *begin(struct loader *l, const struct binding *b, size_t nrows)
{
	struct reading *g = xcalloc(1, sizeof(*g));

	g->l = l;
	g->b = b;
	l->site->funding = arena_array(l->a, nrows + 1, sizeof(*l->site->funding));
	return g;
}

static void row(void *state, const struct csv_row *row)
{
	struct reading *g = state;
	struct loader *l = g->l;
	const struct binding *b = g->b;
	struct site *s = l->site;
	struct funding *fu = &s->funding[s->nfunding];
	const struct csv_field *f, *src, *amount;
	int ok = 1;

	fu->pos = (struct srcpos){ b->path, row->line };
	fu->community = NO_INDEX;
	if ((f = schema_field(b, row, FC_COMMUNITY, l->d)))
		fu->community = progress_community(l, b->path, f);
	src = schema_field(b, row, FC_SOURCE, l->d);
	amount = schema_field(b, row, FC_AMOUNT, l->d);
	if (amount == NULL || value_money(amount, b->path, "金额", &fu->amount, l->d) < 0)
		ok = 0;
	if (src == NULL || fu->community == NO_INDEX || !ok)
		return;
	fu->source = intern_source(l, src->text, &g->sources, &g->cap);
	kept_cell_note(&g->kept, l->a, row->line, f, s->communities[fu->community].id);
	kept_cell_note(&g->kept, l->a, row->line, src, s->sources[fu->source]);
	s->nfunding++;
}

static void end(void *state)
{
	struct reading *g = state;
	struct loader *l = g->l;
	struct site *s = l->site;

	/* The list moves into the arena: the site owns everything it holds. */
	if (s->nsources) {
		s->sources = arena_array(l->a, s->nsources, sizeof(*s->sources));
		memcpy(s->sources, g->sources, s->nsources * sizeof(*s->sources));
	}
	free(g->sources);
	group_funding(g);
	kept_cells_free(&g->kept);
	free(g);
}

const struct row_reader funding_rows = { begin, row, end };
