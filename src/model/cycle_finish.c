/* cycle_finish(): each community's postings in round order, with the
 * defaults a row of data/notices.csv leaves out filled in, their
 * deadlines and what each 再公示 changed (model/cycle.h). */
#include <stdlib.h>
#include <string.h>

#include "model/cycle_loader.h"
#include "util/buf.h"

static int by_community_date(const void *x, const void *y)
{
	const struct posting *a = x, *b = y;
	int c = (a->community > b->community) - (a->community < b->community);

	if (c == 0)
		c = date_cmp(a->posted, b->posted);
	return c ? c : (a->pos.line > b->pos.line) - (a->pos.line < b->pos.line);
}

static int ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), e = strlen(end);

	return n >= e && strcmp(s + n - e, end) == 0;
}

/* The office of community `c`'s subdistrict, which posts its plan:
 * 临城街道 → 临城街道办事处, 陶庄镇 → 陶庄镇人民政府; a name that is an
 * office already stays.  Without a subdistrict, site.yaml's issuer. */
static const char *default_issuer(struct loader *l, const struct community *c)
{
	const struct config *cf = &l->site->config;
	const char *name;

	if (c->subdistrict >= l->site->nunits)
		return *cf->notice.issuer ? cf->notice.issuer : cf->organiser;
	name = l->site->units[c->subdistrict].name;
	if (ends_with(name, "办事处") || ends_with(name, "人民政府") || ends_with(name, "办公室"))
		return name;
	if (ends_with(name, "镇") || ends_with(name, "乡"))
		return arena_printf(l->a, "%s人民政府", name);
	return arena_printf(l->a, "%s办事处", name);
}

static int has(const size_t *v, size_t n, size_t x)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == x)
			return 1;
	return 0;
}

static int by_index(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;

	return (a > b) - (a < b);
}

/* What `p` adds to and drops from `prev`, in site.items order. */
static void changes(struct loader *l, struct posting *p, const struct posting *prev)
{
	p->added = arena_array(l->a, p->nitems + 1, sizeof(*p->added));
	p->removed = arena_array(l->a, prev->nitems + 1, sizeof(*p->removed));
	for (size_t i = 0; i < p->nitems; i++)
		if (!has(prev->items, prev->nitems, p->items[i]) &&
		    !has(p->added, p->nadded, p->items[i]))
			p->added[p->nadded++] = p->items[i];
	for (size_t i = 0; i < prev->nitems; i++)
		if (!has(p->items, p->nitems, prev->items[i]) &&
		    !has(p->removed, p->nremoved, prev->items[i]))
			p->removed[p->nremoved++] = prev->items[i];
	if (p->nadded > 1)
		qsort(p->added, p->nadded, sizeof(*p->added), by_index);
	if (p->nremoved > 1)
		qsort(p->removed, p->nremoved, sizeof(*p->removed), by_index);
	/* Without items.csv every list is empty: no sign of a repeat. */
	if (p->nadded == 0 && p->nremoved == 0 && !l->site->index->items_failed) {
		char d[32];

		date_chinese(prev->posted, d);
		diag_warning(l->d, p->pos.file, p->pos.line, 0, NULL,
			     "小区“%s”第 %d 次公示的改造内容与上一次（%s，第 %u 行）相同：再公示是为公布改动后的方案，"
			     "请在“改造内容”列写上改动后的编号；方案没有改动就删去这一行",
			     l->site->communities[p->community].name, p->round, d, prev->pos.line);
	}
}

/* Fills in posting `p`, round `round` of community `ci`, from the
 * defaults; `prev` is the round before or NULL. */
static void complete(struct loader *l, struct posting *p, size_t ci, int round,
		     const struct posting *prev)
{
	const struct config *cf = &l->site->config;
	const struct community *c = &l->site->communities[ci];

	p->community = ci;
	p->round = round;
	if (p->days < 0)
		p->days = cf->notice.publicity_days;
	if (p->working < 0)
		p->working = cf->notice.publicity_working;
	if (p->issuer == NULL || *p->issuer == '\0')
		p->issuer = default_issuer(l, c);
	if (p->note == NULL)
		p->note = "";
	if (p->items == NULL) {
		p->items = c->items;
		p->nitems = c->nitems;
	}
	p->deadline = cycle_deadline(l->site, p->posted, p->days, p->working);
	if (prev)
		changes(l, p, prev);
}

/* Round 1 from site.yaml for a community data/notices.csv leaves out. */
static void from_config(struct loader *l, struct posting *p, size_t ci)
{
	memset(p, 0, sizeof(*p));
	p->pos = l->site->communities[ci].pos;
	p->posted = site_notice_date(l->site);
	p->days = p->working = -1;
	complete(l, p, ci, 1, NULL);
}

static void check_same_day(struct loader *l, const struct posting *p,
			   const struct posting *prev)
{
	char iso[32];

	date_iso(p->posted, iso);
	diag_error(l->d, p->pos.file, p->pos.line, 0, NULL,
		   "小区“%s”在 %s 有两次公示（第 %u 行和第 %u 行）：同一天只能张贴一次，请删去一行或改正日期",
		   l->site->communities[p->community].name, iso, prev->pos.line, p->pos.line);
}

static void build_postings(struct loader *l)
{
	struct site *s = l->site;
	struct posting *rows = s->postings, *out;
	size_t nrows = s->npostings, k = 0, n = 0;

	if (nrows > 1)
		qsort(rows, nrows, sizeof(*rows), by_community_date);
	out = arena_array(l->a, s->ncommunities + nrows + 1, sizeof(*out));
	for (size_t ci = 0; ci < s->ncommunities; ci++) {
		struct community *c = &s->communities[ci];

		c->posting_at = n;
		if (k == nrows || rows[k].community != ci)
			from_config(l, &out[n++], ci);
		for (int round = 1; k < nrows && rows[k].community == ci; k++) {
			if (n > c->posting_at && date_cmp(rows[k].posted, out[n - 1].posted) == 0) {
				check_same_day(l, &rows[k], &out[n - 1]);
				continue;
			}
			out[n] = rows[k];
			complete(l, &out[n], ci, round, round > 1 ? &out[n - 1] : NULL);
			round++;
			n++;
		}
		c->npostings = n - c->posting_at;
	}
	s->postings = out;
	s->npostings = n;
}

int cycle_undated(const struct site *s, const struct posting *p)
{
	const struct community *c = &s->communities[p->community];

	return s->config.notice.date.year == 0 && p->pos.file == c->pos.file &&
	       p->pos.line == c->pos.line;
}

/* One warning per year a working-day period reaches without a row in
 * data/holidays.csv: its deadline may be wrong. */
static void check_years(struct loader *l)
{
	struct site *s = l->site;
	int warned[8] = { 0 };
	size_t nwarned = 0;
	const char *file = arena_printf(l->a, "%sdata/holidays.csv", s->prefix);
	buf period = BUF_INIT;

	for (size_t i = 0; i < s->npostings; i++) {
		const struct posting *p = &s->postings[i];

		if (!p->working || p->deadline.year == 0 || cycle_undated(s, p))
			continue;
		for (int y = p->posted.year; y <= p->deadline.year; y++) {
			size_t w = 0;

			while (w < nwarned && warned[w] != y)
				w++;
			if (w < nwarned || cycle_has_year(s, y) || nwarned == 8)
				continue;
			warned[nwarned++] = y;
			buf_reset(&period);
			cycle_period_text(&period, p);
			diag_warning(l->d, file, 0, 0, NULL,
				     "没有 %d 年的节假日安排，小区“%s”的公示期%s暂按星期一至星期五算工作日，"
				     "截止日期可能不对：请按国务院办公厅关于 %d 年部分节假日安排的通知，"
				     "在 data/holidays.csv 中补上这一年的放假（休）和调休上班（班）日期",
				     y, s->communities[p->community].name, buf_cstr(&period), y);
		}
	}
	buf_free(&period);
}

void cycle_finish(struct loader *l)
{
	build_postings(l);
	check_years(l);
	cycle_check_opinions(l);
}
