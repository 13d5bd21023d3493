#include "model/validate.h"

#include <string.h>

#include "model/index.h"
#include "model/progress.h"
#include "model/totals.h"

/* content/communities/ID.md belongs to community ID. */
static void attach_community_pages(struct site *s, diags *d)
{
	for (size_t i = 0; i < s->npages; i++) {
		const struct page *p = &s->pages[i];
		size_t c;

		if (strncmp(p->path, "communities/", 12) != 0 || s->index->communities_failed)
			continue;
		c = site_community_index(s, p->slug);
		if (c == NO_INDEX)
			diag_error(d, p->pos.file, 0, 0, p->slug,
				   "没有编号为“%s”的小区：文件名应为 data/communities.csv 中的小区编号",
				   p->slug);
		else
			s->communities[c].page = p;
	}
}

static void check_page_references(const struct site *s, diags *d)
{
	for (size_t i = 0; i < s->npages; i++) {
		const struct page *p = &s->pages[i];
		for (size_t k = 0; k < p->ncommunities && !s->index->communities_failed; k++)
			if (site_community_index(s, p->communities[k]) == NO_INDEX)
				diag_error(d, p->pos.file, 0, 0, p->communities[k],
					   "前置信息 communities 中的小区“%s”不存在",
					   p->communities[k]);
		if (strncmp(p->path, "news/", 5) == 0 && p->date.year == 0)
			diag_error(d, p->pos.file, 0, 0, NULL,
				   "动态缺少日期：请在前置信息中写 date: 2022-05-01");
	}
}

/* 计划投资 in 万元 against targets.investment_wan. */
static void check_investment(const struct site *s, long long got, const char *file, diags *d)
{
	buf g = BUF_INIT, w = BUF_INIT;

	progress_money_text(&g, got);
	progress_money_text(&w, s->config.targets.investment);
	diag_warning(d, file, 0, 0, NULL,
		     "数据中计划投资共 %s 万元，实施方案（site.yaml targets.investment_wan）为 %s 万元",
		     g.data, w.data);
	buf_free(&g);
	buf_free(&w);
}

static void check_totals(const struct site *s, diags *d, arena *a)
{
	struct totals t;
	const char *file = arena_printf(a, "%sdata/communities.csv", s->prefix);
	char got[32], want[32];

	totals_make(&t, s);
	if (s->config.targets.communities >= 0 && t.all.communities != s->config.targets.communities)
		diag_warning(d, file, 0, 0, NULL,
			     "数据中有 %ld 个小区，实施方案（site.yaml targets.communities）为 %ld 个",
			     t.all.communities, s->config.targets.communities);
	if (s->config.targets.households >= 0 && t.all.households != s->config.targets.households)
		diag_warning(d, file, 0, 0, NULL,
			     "数据中共 %ld 户，实施方案（site.yaml targets.households）为 %ld 户",
			     t.all.households, s->config.targets.households);
	if (s->config.targets.floor_area_cm2 >= 0 &&
	    t.all.cm2 != s->config.targets.floor_area_cm2) {
		format_area_m2(t.all.cm2, got);
		format_area_m2(s->config.targets.floor_area_cm2, want);
		diag_warning(d, file, 0, 0, NULL,
			     "数据中建筑面积共 %s 平方米，实施方案（site.yaml targets.floor_area_m2）为 %s 平方米",
			     got, want);
	}
	if (s->config.targets.investment >= 0 && t.investment != s->config.targets.investment)
		check_investment(s, t.investment, file, d);
	totals_free(&t);
}

/* Late is a fact to publish, not a broken input: one warning per
 * community past its 计划竣工 without 实际竣工, listing it as overdue. */
static void check_overdue(const struct site *s, diags *d)
{
	struct date today = site_today(s);
	char now[32], end[32];

	date_iso(today, now);
	for (size_t i = 0; i < s->ncommunities; i++) {
		const struct community *c = &s->communities[i];

		if (!progress_overdue(c, today))
			continue;
		date_iso(c->plan_end, end);
		diag_warning(d, c->pos.file, c->pos.line,
			     s->index->plan_end_col ? s->index->plan_end_col[i] : 0, end,
			     "小区“%s”逾期：计划竣工“%s”已过（今天是 %s），还没有实际竣工日期。"
			     "网站和进度通报会把它列为逾期；竣工后请在 Excel/WPS 中把日期填在“实际竣工”列",
			     c->name, end, now);
	}
}

/* lead_unit from site.yaml, else the first unit of the duty that says it
 * 负责牵头 ("is responsible for leading"). */
static void find_lead_unit(struct site *s, diags *d)
{
	const char *ref = s->config.lead_unit.ref;

	s->lead_unit = NO_INDEX;
	if (ref && *ref) {
		s->lead_unit = site_unit_index(s, ref);
		if (s->lead_unit == NO_INDEX && !s->index->units_failed)
			diag_error(d, arena_printf(s->arena, "%ssite.yaml", s->prefix),
				   s->config.lead_unit.line, s->config.lead_unit.col, ref,
				   "找不到牵头单位“%s”：data/units.csv 中没有这个编号或名称的单位", ref);
		return;
	}
	for (size_t i = 0; i < s->nduties; i++) {
		if (s->duties[i].nunits && strstr(s->duties[i].duty_md, "负责牵头")) {
			s->lead_unit = s->duties[i].units[0];
			return;
		}
	}
}

void validate_site(struct site *s, diags *d)
{
	find_lead_unit(s, d);
	attach_community_pages(s, d);
	check_page_references(s, d);
	/* Totals are only worth comparing once every row is right: a bad
	 * row would also show up as a wrong total, and "today" may be the
	 * clock's when site.yaml could not be read. */
	if (d->errors == 0) {
		check_totals(s, d, s->arena);
		check_overdue(s, d);
	}
}
