/* data/holidays.csv and data/consent.csv into the site (model/cycle.h).
 * Both optional; see units.c for why rows with errors still become
 * records. */
#include <stdlib.h>
#include <string.h>

#include "model/cycle_loader.h"
#include "model/values.h"

size_t cycle_resolve_community(struct loader *l, const char *file,
			       const struct csv_field *f)
{
	size_t c = units_lookup_halfwidth(l, (struct diag_at){ file, f->line, f->col },
					  f->text, "小区编号", site_community_index);

	if (c == NO_INDEX && !l->site->index->communities_failed)
		diag_error(l->d, file, f->line, f->col, f->text,
			   "找不到小区“%s”：data/communities.csv 中没有这个小区编号",
			   f->text);
	return c;
}

static int by_date(const void *x, const void *y)
{
	const struct holiday *a = x, *b = y;
	int c = date_cmp(a->date, b->date);

	return c ? c : (a->pos.line > b->pos.line) - (a->pos.line < b->pos.line);
}

static const char *const weekday_names[] = { "星期日", "星期一", "星期二", "星期三",
					     "星期四", "星期五", "星期六" };

/* 休 or 班 (off, work): 0 or 1; -1 with an error. */
static int read_kind(struct loader *l, const char *file, const struct csv_field *f)
{
	if (strcmp(f->text, "休") == 0 || strcmp(f->text, "off") == 0)
		return 0;
	if (strcmp(f->text, "班") == 0 || strcmp(f->text, "work") == 0)
		return 1;
	diag_error(l->d, file, f->line, f->col, f->text,
		   "类型“%s”无效：应为“休”（放假）或“班”（调休上班），按国务院办公厅当年的节假日安排通知填写",
		   f->text);
	return -1;
}

/* A 班 row on a weekday changes nothing: probably the wrong date. */
static void check_kind(struct loader *l, const char *file, const struct csv_field *f,
		       const struct holiday *h)
{
	long w = (date_to_days(h->date) + 4) % 7;
	char iso[32];

	if (w < 0)
		w += 7;
	date_iso(h->date, iso);
	if (h->workday && w != 0 && w != 6)
		diag_warning(l->d, file, f->line, f->col, f->text,
			     "%s 是%s，本来就上班：“班”只用于调休上班的星期六、星期日，请核对日期",
			     iso, weekday_names[w]);
}

/* Reports a date listed twice (after sorting, neighbours). */
static void check_repeats(struct loader *l)
{
	const struct site *s = l->site;

	for (size_t i = 1; i < s->nholidays; i++) {
		const struct holiday *a = &s->holidays[i - 1], *b = &s->holidays[i];
		char iso[32];

		if (date_cmp(a->date, b->date) != 0 || a->date.year == 0)
			continue;
		date_iso(b->date, iso);
		diag_error(l->d, b->pos.file, b->pos.line, 0, NULL,
			   "日期 %s 重复：第 %u 行已经写了这一天，请删去其中一行", iso,
			   a->pos.line);
	}
}

void cycle_read_holidays(struct loader *l, const struct binding *b)
{
	const struct csv_table *t = b->table;
	struct site *s = l->site;

	s->holidays = arena_array(l->a, t->nrows, sizeof(*s->holidays));
	for (size_t r = 1; r < t->nrows; r++) {
		const struct csv_row *row = &t->rows[r];
		struct holiday *h = &s->holidays[s->nholidays];
		const struct csv_field *date, *kind;
		int k = -1;

		if (schema_check_row(b, row, l->d) < 0)
			continue;
		h->pos = (struct srcpos){ t->path, row->line };
		h->note = schema_text(b, row, HC_NOTE);
		if ((date = schema_field(b, row, HC_DATE, l->d)) == NULL ||
		    value_date(date, t->path, &h->date, l->d) < 0)
			continue;
		if ((kind = schema_field(b, row, HC_KIND, l->d)) == NULL ||
		    (k = read_kind(l, t->path, kind)) < 0)
			continue;
		h->workday = k;
		check_kind(l, t->path, kind, h);
		s->nholidays++;
	}
	if (s->nholidays > 1)
		qsort(s->holidays, s->nholidays, sizeof(*s->holidays), by_date);
	check_repeats(l);
}

static void read_counts(struct loader *l, const struct binding *b,
			const struct csv_row *row, struct consent *k)
{
	static const struct {
		int col;
		const char *what;
		size_t off;
	} counts[] = {
		{ KC_ASKED, "征询户数", offsetof(struct consent, asked) },
		{ KC_AGREED, "同意户数", offsetof(struct consent, agreed) },
		{ KC_DISAGREED, "不同意户数", offsetof(struct consent, disagreed) },
		{ KC_NO_REPLY, "未反馈户数", offsetof(struct consent, no_reply) },
	};
	const struct csv_field *f;
	int ok = 1;

	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		long *v = (long *)((char *)k + counts[i].off);

		*v = -1;
		if ((f = schema_field(b, row, (size_t)counts[i].col, l->d)) == NULL ||
		    value_long(f, b->table->path, counts[i].what,
			       (struct value_range){ 0, 100000000 }, v, l->d) < 0)
			ok = 0;
	}
	if (ok && k->agreed + k->disagreed + k->no_reply != k->asked)
		diag_error(l->d, b->table->path, row->line, 0, NULL,
			   "同意 %ld 户 + 不同意 %ld 户 + 未反馈 %ld 户 = %ld 户，与征询户数 %ld 户不符："
			   "请核对这四个数（每户只算一次）",
			   k->agreed, k->disagreed, k->no_reply,
			   k->agreed + k->disagreed + k->no_reply, k->asked);
}

/* site.yaml consent.threshold as written: 2/3, 67%, 0.6667. */
static const char *threshold_text(struct loader *l)
{
	long num = l->site->config.consent.num, den = l->site->config.consent.den;
	long p = 1;
	int digits = 0;

	if (den == 100)
		return arena_printf(l->a, "%ld%%", num);
	while (p < den && digits < 7)
		p *= 10, digits++;
	if (p == den)
		return arena_printf(l->a, "%ld.%0*ld", num / den, digits, num % den);
	return arena_printf(l->a, "%ld/%ld", num, den);
}

/* A community under way must have reached the threshold: an error, or a
 * warning when the office recorded why it went ahead (例外说明). */
static void check_threshold(struct loader *l, const struct consent *k)
{
	const struct site *s = l->site;
	const struct community *c = &s->communities[k->community];
	char rate[16], how[48];

	if (k->asked < 0 || k->agreed < 0 || cycle_consent_reached(s, k) ||
	    !cycle_community_started(s, c, site_today(s)))
		return;
	cycle_consent_rate(k, rate);
	if (*k->override)
		diag_warning(l->d, k->pos.file, k->pos.line, 0, NULL,
			     "%s已开工（%s），同意 %ld 户，占征询户数 %ld 户的 %s，未达到 site.yaml "
			     "consent.threshold 的 %s；已按例外说明“%s”放行",
			     c->name, cycle_started_text(s, c, site_today(s), how), k->agreed, k->asked, rate,
			     threshold_text(l), k->override);
	else
		diag_error(l->d, k->pos.file, k->pos.line, 0, NULL,
			   "%s已开工（%s），但同意 %ld 户，只占征询户数 %ld 户的 %s，未达到 site.yaml "
			   "consent.threshold 的 %s：请核对户数；确需先行开工的，在“例外说明”列写明原因",
			   c->name, cycle_started_text(s, c, site_today(s), how), k->agreed, k->asked, rate,
			   threshold_text(l));
}

/* With a consent table, a community under way without a row in it. */
static void check_missing(struct loader *l, const char *file)
{
	const struct site *s = l->site;

	for (size_t i = 0; i < s->ncommunities; i++) {
		const struct community *c = &s->communities[i];

		if (c->consent == NO_INDEX && cycle_community_started(s, c, site_today(s)))
			diag_warning(l->d, file, 0, 0, NULL,
				     "%s已开工（data/communities.csv 第 %u 行），但这里没有它的意愿征询："
				     "请补上一行，写明征询户数和同意、不同意、未反馈的户数",
				     c->name, c->pos.line);
	}
}

void cycle_read_consent(struct loader *l, const struct binding *b)
{
	const struct csv_table *t = b->table;
	struct site *s = l->site;

	s->consents = arena_array(l->a, t->nrows, sizeof(*s->consents));
	for (size_t r = 1; r < t->nrows; r++) {
		const struct csv_row *row = &t->rows[r];
		struct consent *k = &s->consents[s->nconsents];
		const struct csv_field *f;
		struct community *c;

		if (schema_check_row(b, row, l->d) < 0)
			continue;
		k->pos = (struct srcpos){ t->path, row->line };
		k->override = schema_text(b, row, KC_OVERRIDE);
		k->community = NO_INDEX;
		if ((f = schema_field(b, row, KC_COMMUNITY, l->d)))
			k->community = cycle_resolve_community(l, t->path, f);
		read_counts(l, b, row, k);
		if ((f = schema_field(b, row, KC_DATE, l->d)) && f->len)
			value_date(f, t->path, &k->date, l->d);
		if (k->community == NO_INDEX)
			continue;
		c = &s->communities[k->community];
		if (c->consent != NO_INDEX) {
			diag_error(l->d, t->path, row->line, 0, NULL,
				   "小区“%s”的意愿征询重复：第 %u 行已经有它的一行，请合并为一行",
				   c->id, s->consents[c->consent].pos.line);
			continue;
		}
		if (k->asked > c->households && c->households > 0)
			diag_warning(l->d, t->path, row->line, 0, NULL,
				     "征询户数 %ld 户多于 data/communities.csv 第 %u 行%s的户数 %ld 户：请核对",
				     k->asked, c->pos.line, c->name, c->households);
		c->consent = s->nconsents++;
		check_threshold(l, k);
	}
	check_missing(l, t->path);
}
