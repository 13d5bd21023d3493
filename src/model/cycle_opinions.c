/* data/opinions.csv: the opinions received on each community's plan
 * and their public answers (model/cycle.h).  Summaries and answers are
 * published, so personal data in them is an error (model/personal.h). */
#include <stdlib.h>
#include <string.h>

#include "model/cycle_loader.h"
#include "model/personal.h"
#include "model/values.h"
#include "util/buf.h"

static const struct {
	const char *word;
	enum opinion_result result;
} results[] = {
	{ "采纳", OPINION_ADOPTED },
	{ "部分采纳", OPINION_PARTLY },
	{ "不采纳", OPINION_NOT_ADOPTED },
	{ "adopted", OPINION_ADOPTED },
	{ "partly", OPINION_PARTLY },
	{ "not_adopted", OPINION_NOT_ADOPTED },
};

static int read_result(struct loader *l, const char *file, const struct csv_field *f,
		       struct opinion *o)
{
	for (size_t i = 0; i < sizeof(results) / sizeof(results[0]); i++)
		if (strcmp(f->text, results[i].word) == 0)
			return o->result = results[i].result, 0;
	diag_error(l->d, file, f->line, f->col, f->text,
		   "采纳情况“%s”无效：应为“采纳”“部分采纳”或“不采纳”", f->text);
	return -1;
}

/* The public phones (units', communities' and the feedback phone) may
 * appear in an answer: 请拨打 0632-4411234. */
static const char **public_phones(struct loader *l, size_t *n)
{
	const struct site *s = l->site;
	const char **v = arena_array(l->a, s->nunits + s->ncommunities + 2, sizeof(*v));

	*n = 0;
	for (size_t i = 0; i < s->nunits; i++)
		if (*s->units[i].phone)
			v[(*n)++] = s->units[i].phone;
	for (size_t i = 0; i < s->ncommunities; i++)
		if (*s->communities[i].phone)
			v[(*n)++] = s->communities[i].phone;
	if (s->config.feedback.phone && *s->config.feedback.phone)
		v[(*n)++] = s->config.feedback.phone;
	return v;
}

static void check_personal(struct loader *l, const char *file, const struct csv_field *f,
			   const char *what, const char *const *allow, size_t nallow)
{
	struct personal_hit h;

	if (personal_find(f->text, allow, nallow, &h) == PERSONAL_NONE)
		return;
	diag_error(l->d, file, f->line, f->col, NULL,
		   "%s中有居民的%s（%s）：这一列会公开在网站和公告上，不能写居民的个人信息；"
		   "请删去它，人名写作“某居民”，门牌只写到楼栋（如“3号楼居民”）",
		   what, personal_kind_name(h.kind), h.masked);
}

static void read_texts(struct loader *l, const struct binding *b, const struct csv_row *row,
		       struct opinion *o, const char *const *allow, size_t nallow)
{
	const char *file = b->table->path;
	const struct csv_field *f;

	if ((f = schema_field(b, row, OC_CHANNEL, l->d)) && f->len)
		check_personal(l, file, f, "渠道", allow, nallow);
	if ((f = schema_field(b, row, OC_SUMMARY, l->d)))
		check_personal(l, file, f, "意见摘要", allow, nallow);
	if ((f = schema_field(b, row, OC_ANSWER, l->d)) && f->len)
		check_personal(l, file, f, "答复", allow, nallow);
	if ((f = schema_field(b, row, OC_RESULT, l->d)) && read_result(l, file, f, o) == 0 &&
	    *o->answer == '\0') {
		if (o->result == OPINION_ADOPTED)
			diag_warning(l->d, file, row->line, 0, NULL,
				     "意见已采纳，但“答复”为空：请写明怎样采纳（如“已将……列入改造内容”），"
				     "结果公告会逐条公开答复");
		else
			diag_error(l->d, file, row->line, 0, NULL,
				   "意见%s，但“答复”为空：请写明%s的理由，结果公告会逐条公开答复",
				   cycle_opinion_result_name(o->result),
				   o->result == OPINION_PARTLY ? "部分采纳" : "不采纳");
	}
}

static int by_community_date(const void *x, const void *y)
{
	const struct opinion *a = x, *b = y;
	int c = (a->community > b->community) - (a->community < b->community);

	if (c == 0)
		c = date_cmp(a->date, b->date);
	return c ? c : (a->pos.line > b->pos.line) - (a->pos.line < b->pos.line);
}

void cycle_read_opinions(struct loader *l, const struct binding *b)
{
	const struct csv_table *t = b->table;
	struct site *s = l->site;
	size_t nallow;
	const char **allow = public_phones(l, &nallow);

	s->opinions = arena_array(l->a, t->nrows, sizeof(*s->opinions));
	for (size_t r = 1; r < t->nrows; r++) {
		const struct csv_row *row = &t->rows[r];
		struct opinion *o = &s->opinions[s->nopinions];
		const struct csv_field *f;

		if (schema_check_row(b, row, l->d) < 0)
			continue;
		o->pos = (struct srcpos){ t->path, row->line };
		o->channel = schema_text(b, row, OC_CHANNEL);
		o->summary = schema_text(b, row, OC_SUMMARY);
		o->answer = schema_text(b, row, OC_ANSWER);
		o->community = NO_INDEX;
		if ((f = schema_field(b, row, OC_COMMUNITY, l->d)))
			o->community = cycle_resolve_community(l, t->path, f);
		if ((f = schema_field(b, row, OC_DATE, l->d)))
			value_date(f, t->path, &o->date, l->d);
		read_texts(l, b, row, o, allow, nallow);
		if (o->community != NO_INDEX)
			s->nopinions++;
	}
	if (s->nopinions > 1)
		qsort(s->opinions, s->nopinions, sizeof(*s->opinions), by_community_date);
}

/* An opinion must come in while one of its community's postings is up:
 * one dated outside every period is probably mistyped. */
static void check_period(struct loader *l, const struct opinion *o)
{
	const struct site *s = l->site;
	const struct community *c = &s->communities[o->community];
	const struct posting *p = cycle_postings(s, c);
	char iso[32];
	buf period = BUF_INIT;

	if (p == NULL || o->date.year == 0 || cycle_undated(s, p))
		return;
	for (size_t i = 0; i < c->npostings; i++)
		if (date_cmp(o->date, p[i].posted) >= 0 &&
		    (p[i].deadline.year == 0 || date_cmp(o->date, p[i].deadline) <= 0))
			return;
	p = cycle_posting_at(s, c, o->date);
	date_iso(o->date, iso);
	cycle_period_text(&period, p);
	diag_warning(l->d, o->pos.file, o->pos.line, 0, NULL,
		     "意见日期 %s 不在%s的公示期%s内：请核对日期",
		     iso, c->name, buf_cstr(&period));
	buf_free(&period);
}

void cycle_check_opinions(struct loader *l)
{
	struct site *s = l->site;

	for (size_t i = 0; i < s->nopinions; i++) {
		struct community *c = &s->communities[s->opinions[i].community];

		if (c->nopinions++ == 0)
			c->opinion_at = i;
		check_period(l, &s->opinions[i]);
	}
}
