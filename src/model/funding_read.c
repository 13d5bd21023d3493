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

#include "model/loader.h"
#include "model/progress.h"
#include "model/values.h"
#include "util/xalloc.h"

/* The index of source `name` in site.sources, added when new.  Few
 * sources (a handful per district), so a scan is enough. */
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
	(*cap_list)[s->nsources] = name;
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

/* The sources of community `c` (its rows `f[0..n)`) against its 计划投资. */
static void check_sum(struct loader *l, const struct binding *b, const struct community *c,
		      const struct funding *f, size_t n)
{
	const struct csv_field *cell;
	long long sum = 0;
	buf got = BUF_INIT, want = BUF_INIT;

	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < i; k++) {
			if (f[k].source != f[i].source)
				continue;
			cell = progress_cell(b, f[i].pos.line, FC_SOURCE);
			diag_error(l->d, f[i].pos.file, cell->line, cell->col, cell->text,
				   "小区“%s”的资金来源“%s”重复（第 %u 行已有）：同一来源只填一行，"
				   "请在 Excel/WPS 中把金额合在一起", c->name,
				   l->site->sources[f[i].source], f[k].pos.line);
		}
		sum += f[i].amount;
	}
	progress_money_text(&got, sum);
	progress_money_text(&want, c->investment);
	cell = progress_cell(b, f[0].pos.line, FC_COMMUNITY);
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
static void group_funding(struct loader *l, const struct binding *b)
{
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
			check_sum(l, b, c, &s->funding[i], j - i);
	}
}

void funding_read(struct loader *l, const struct binding *b)
{
	const struct csv_table *t = b->table;
	struct site *s = l->site;
	const char **sources = NULL;
	size_t cap = 0;

	s->funding = arena_array(l->a, t->nrows + 1, sizeof(*s->funding));
	for (size_t r = 1; r < t->nrows; r++) {
		const struct csv_row *row = &t->rows[r];
		struct funding *fu = &s->funding[s->nfunding];
		const struct csv_field *f, *src, *amount;
		int ok = 1;

		if (schema_check_row(b, row, l->d) < 0)
			continue;
		fu->pos = (struct srcpos){ t->path, row->line };
		fu->community = NO_INDEX;
		if ((f = schema_field(b, row, FC_COMMUNITY, l->d)))
			fu->community = progress_community(l, t->path, f);
		src = schema_field(b, row, FC_SOURCE, l->d);
		amount = schema_field(b, row, FC_AMOUNT, l->d);
		if (amount == NULL || value_money(amount, t->path, "金额", &fu->amount, l->d) < 0)
			ok = 0;
		if (src == NULL || fu->community == NO_INDEX || !ok)
			continue;
		fu->source = intern_source(l, src->text, &sources, &cap);
		s->nfunding++;
	}
	/* The list moves into the arena: the site owns everything it holds. */
	if (s->nsources) {
		s->sources = arena_array(l->a, s->nsources, sizeof(*s->sources));
		memcpy(s->sources, sources, s->nsources * sizeof(*s->sources));
	}
	free(sources);
	group_funding(l, b);
}
