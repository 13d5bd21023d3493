/* The optional progress columns of data/communities.csv (issue 19): the
 * planned and actual dates, the planned investment, the parties, and the
 * checks one row allows: dates in order, nothing "actual" in the future,
 * and the old 进度 column against the dates.  (Overdue is a warning of
 * validate.c, once every table is read.)
 *
 * The 进度 (phase id) column stays (older sites and the notices use it),
 * but residents' status words come from the dates (model/progress.h).
 * When the row gives any date of the works, 进度 must agree with them:
 * the last phase (检查验收) means completed; with three phases or more, the
 * first (宣传发动) means not started and any other means started.  A
 * disagreement is a warning naming both and the phase id to write. */
#include <stdio.h>

#include "model/loader.h"
#include "model/phones.h"
#include "model/progress.h"
#include "model/values.h"

/* Where a row's date fields are, to point messages at them. */
struct row_dates {
	const struct csv_field *plan_start, *plan_end, *started, *completed, *accepted;
	int no_started, no_completed; /* the cell is empty (not merely bad) */
};

static const struct csv_field *read_date(struct loader *l, const struct binding *b,
					 const struct csv_row *row, size_t col,
					 struct date *out)
{
	const struct csv_field *f = schema_field(b, row, col, l->d);

	if (f == NULL || f->len == 0 || value_date(f, b->path, out, l->d) < 0) {
		*out = (struct date){ 0 };
		return NULL;
	}
	return f;
}

/* A date cell: the field (NULL when empty), its column's name, its date. */
struct dated {
	const struct csv_field *f;
	const char *name;
	struct date d;
};

/* `later` before `earlier` is an error at `later`. */
static void check_order(struct loader *l, const char *file, struct dated earlier,
			struct dated later)
{
	if (earlier.f == NULL || later.f == NULL || date_cmp(earlier.d, later.d) <= 0)
		return;
	diag_error(l->d, file, later.f->line, later.f->col, later.f->text,
		   "%s“%s”早于%s“%s”：请在 Excel/WPS 中核对这两格，%s不能早于%s",
		   later.name, later.f->text, earlier.name, earlier.f->text, later.name,
		   earlier.name);
}

/* An actual date must have happened. */
static void check_past(struct loader *l, const char *file, const struct csv_field *f,
		       const char *what, struct date d, struct date today)
{
	char iso[32];

	if (f == NULL || date_cmp(d, today) <= 0)
		return;
	date_iso(today, iso);
	diag_error(l->d, file, f->line, f->col, f->text,
		   "%s“%s”晚于今天（%s）：这一列只填已经发生的日期；还没到的日子请填在“计划开工”“计划竣工”列",
		   what, f->text, iso);
}

static void check_dates(struct loader *l, const char *file, const struct row_dates *r,
			const struct community *c)
{
	struct date today = site_today(l->site);

	if (r->completed && r->no_started)
		diag_error(l->d, file, r->completed->line, r->completed->col, r->completed->text,
			   "有实际竣工日期“%s”，却没有实际开工日期：请在 Excel/WPS 中补填这个小区的"
			   "“实际开工”，或者删去“实际竣工”", r->completed->text);
	if (r->accepted && r->no_completed)
		diag_error(l->d, file, r->accepted->line, r->accepted->col, r->accepted->text,
			   "有验收日期“%s”，却没有实际竣工日期：请在 Excel/WPS 中补填这个小区的"
			   "“实际竣工”，或者删去“验收日期”", r->accepted->text);
	check_order(l, file, (struct dated){ r->plan_start, "计划开工", c->plan_start },
		    (struct dated){ r->plan_end, "计划竣工", c->plan_end });
	check_order(l, file, (struct dated){ r->started, "实际开工", c->started },
		    (struct dated){ r->completed, "实际竣工", c->completed });
	check_order(l, file, (struct dated){ r->completed, "实际竣工", c->completed },
		    (struct dated){ r->accepted, "验收日期", c->accepted });
	check_past(l, file, r->started, "实际开工", c->started, today);
	check_past(l, file, r->completed, "实际竣工", c->completed, today);
	check_past(l, file, r->accepted, "验收日期", c->accepted, today);
	if (r->plan_end)
		l->site->index->plan_end_col[c - l->site->communities] = r->plan_end->col;
}

/* The works phase to suggest: the plan's phase on `today` when it is
 * one between the first and the last, else the second. */
static size_t works_phase(const struct site *s, struct date today)
{
	size_t now = site_phase_at(s, today);

	return now > 0 && now + 1 < s->nphases ? now : 1;
}

/* The phase 进度 should hold by the dates, given the one it holds:
 * NO_INDEX when they agree (see the top of the file). */
static size_t expected_phase(const struct site *s, size_t status, enum progress_status st,
			     struct date today)
{
	size_t last = s->nphases - 1;

	if (s->nphases < 2)
		return NO_INDEX;
	if (st >= STATUS_COMPLETED)
		return status == last ? NO_INDEX : last;
	if (s->nphases == 2) /* no phase before the works to tell apart */
		return status == last ? 0 : NO_INDEX;
	if (st == STATUS_NOT_STARTED)
		return status == 0 ? NO_INDEX : 0;
	return status == 0 || status == last ? works_phase(s, today) : NO_INDEX;
}

static const char *status_reason(const struct community *c, enum progress_status st, char *tmp)
{
	char a[32], b[32];

	switch (st) {
	case STATUS_ACCEPTED:
		date_iso(c->accepted, a);
		snprintf(tmp, 128, "验收日期是 %s", a);
		break;
	case STATUS_COMPLETED:
		date_iso(c->completed, a);
		snprintf(tmp, 128, "实际竣工是 %s", a);
		break;
	case STATUS_STARTED:
		date_iso(c->started, b);
		snprintf(tmp, 128, "实际开工是 %s、还没有实际竣工", b);
		break;
	case STATUS_NOT_STARTED:
		snprintf(tmp, 128, "还没有实际开工日期");
		break;
	}
	return tmp;
}

/* 1 when the row gives any date of the works: a community whose dates
 * are all empty is not known to be unstarted (a site that has the
 * columns, e.g. from gongshi init, but keeps no dates yet). */
static int has_dates(const struct binding *b, const struct csv_row *row)
{
	static const size_t cols[] = { CC_PLAN_START, CC_PLAN_END, CC_STARTED, CC_COMPLETED,
				       CC_ACCEPTED };

	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		if (*schema_text(b, row, cols[i]))
			return 1;
	return 0;
}

/* The old 进度 column against the dates: a warning naming both. */
static void check_status_column(struct loader *l, const struct binding *b,
				const struct csv_row *row, const struct community *c)
{
	const struct site *s = l->site;
	const struct csv_field *f = schema_field(b, row, CC_STATUS, l->d);
	struct date today = site_today(s);
	enum progress_status st = progress_status(c, today);
	char why[128];
	size_t want;

	if (f == NULL || !has_dates(b, row) || c->status >= s->nphases)
		return;
	want = expected_phase(s, c->status, st, today);
	if (want == NO_INDEX)
		return;
	diag_warning(l->d, b->path, f->line, f->col, f->text,
		     "进度“%s”（%s）与日期不符：%s，按日期是“%s”。网站上的状态以日期为准；"
		     "请在 Excel/WPS 中把进度改为“%s”（%s），或者核对日期",
		     f->text, s->phases[c->status].name, status_reason(c, st, why),
		     progress_status_name(st), s->phases[want].id, s->phases[want].name);
}

void communities_read_progress(struct loader *l, const struct binding *b,
			       const struct csv_row *row, struct community *c)
{
	const char *file = b->path;
	const struct csv_field *f;
	struct row_dates r;

	r.plan_start = read_date(l, b, row, CC_PLAN_START, &c->plan_start);
	r.plan_end = read_date(l, b, row, CC_PLAN_END, &c->plan_end);
	r.started = read_date(l, b, row, CC_STARTED, &c->started);
	r.completed = read_date(l, b, row, CC_COMPLETED, &c->completed);
	r.accepted = read_date(l, b, row, CC_ACCEPTED, &c->accepted);
	r.no_started = *schema_text(b, row, CC_STARTED) == '\0';
	r.no_completed = *schema_text(b, row, CC_COMPLETED) == '\0';
	check_dates(l, file, &r, c);
	if ((f = schema_field(b, row, CC_INVESTMENT, l->d)))
		value_money(f, file, "计划投资", &c->investment, l->d);
	if ((f = schema_field(b, row, CC_DESIGNER, l->d)) && f->len)
		c->designer = units_resolve(l, file, f->line, f->col, f->text, "设计单位");
	if ((f = schema_field(b, row, CC_SUPERVISOR, l->d)) && f->len)
		c->supervisor = units_resolve(l, file, f->line, f->col, f->text, "监理单位");
	c->manager = communities_keep(l, schema_text(b, row, CC_MANAGER));
	if ((f = schema_field(b, row, CC_MANAGER_PHONE, l->d)))
		c->manager_phone = communities_keep_phone(l, f, file, "负责人电话");
	if ((f = schema_field(b, row, CC_HOTLINE, l->d)))
		c->hotline = communities_keep_phone(l, f, file, "监督电话");
	check_status_column(l, b, row, c);
}
