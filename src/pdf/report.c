/* The leading group's progress report (进度通报): a dated 通报 without a
 * 文号, in the notices' house style, for the output
 * `notices/progress-YYYY-MM-DD.pdf` (the date is `as_of`).
 *
 * Its order: red header with the issuer (site.yaml progress.issuer, else
 * notice.issuer, else organiser), title (progress.title, else 关于全区老
 * 旧小区整治改造工作进展情况的通报), addressees, an opening that cites
 * the plan, then numbered sections: the totals with 开工率 and 竣工率 and
 * a table by subdistrict; the changes since the previous report
 * (communities started or completed after it, up to `as_of`); the overdue
 * communities with their subdistrict and contractor; the investment by
 * source in 万元.  Issuer and date close it.  A section whose data the
 * site does not have (no planned completions, no money) is left out
 * rather than printed empty.
 *
 * "The previous report" is the latest date of site.yaml's
 * progress.reports before `as_of`, else `as_of` a month back (the same
 * day, or the month's last).  Everything comes from the model and
 * `as_of`: the same data and date give the same bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/progress.h"
#include "pdf/report.h"
#include "pdf/table.h"
#include "util/utf8.h"
#include "util/xalloc.h"

struct date pdf_report_previous(const struct site *s, struct date as_of)
{
	const struct config *cf = &s->config;
	struct date best = { 0, 0, 0 };
	int dim;

	for (size_t i = 0; i < cf->progress.nreports; i++)
		if (date_cmp(cf->progress.reports[i], as_of) < 0 &&
		    (best.year == 0 || date_cmp(cf->progress.reports[i], best) > 0))
			best = cf->progress.reports[i];
	if (best.year)
		return best;
	best = as_of;
	if (--best.month == 0)
		best.month = 12, best.year--;
	dim = date_days_in_month(best.year, best.month);
	if (best.day > dim)
		best.day = dim;
	return best;
}

const char *pdf_report_issuer(const struct site *s)
{
	const char *i = s->config.progress.issuer;

	return i && *i ? i : pdf_issuer(s);
}

struct lay_para *report_emit(struct rctx *x, enum role role, const struct srcpos *pos)
{
	struct lay_para *p = ndoc_add(x->nd, x->st, role, pos->file, pos->line);

	ndoc_puts(x->st, p, buf_cstr(&x->b));
	buf_reset(&x->b);
	return p;
}

void report_heading(struct rctx *x, const char *text)
{
	buf_printf(&x->b, "%s、%s", pdf_numeral(x->section++), text);
	report_emit(x, R_HEADING, &x->pos);
}

void report_caption(struct rctx *x, const char *text)
{
	struct lay_para *p;

	buf_printf(&x->b, "表%zu %s", ++x->tables, text);
	p = report_emit(x, R_BODY, &x->pos);
	p->align = LAY_CENTER;
	p->indent_first = 0;
	p->keep_with_next = 1;
}

void report_ratio(buf *b, size_t k, size_t n)
{
	unsigned long long h;

	if (n == 0) {
		buf_puts(b, "—");
		return;
	}
	h = ((unsigned long long)k * 20000 + n) / (2 * (unsigned long long)n);
	buf_printf(b, "%llu.%02llu%%", h / 100, h % 100);
}

void report_day(const struct rctx *x, struct date d, char *out)
{
	if (d.year == x->as_of.year)
		snprintf(out, 32, "%d月%d日", d.month, d.day);
	else
		date_chinese(d, out);
}

const char *report_unit_name(const struct site *s, size_t u)
{
	return u < s->nunits ? s->units[u].name : "";
}

static void opening(struct rctx *x)
{
	const struct config *cf = &x->s->config;
	char d[32];

	buf_puts(&x->b, "各街道，区直有关部门，各有关单位：");
	report_emit(x, R_SALUTATION, &x->pos);
	if (cf->notice.plan_title && *cf->notice.plan_title) {
		buf_printf(&x->b, "根据《%s》", cf->notice.plan_title);
		if (cf->notice.number && *cf->notice.number)
			buf_printf(&x->b, "（%s）", cf->notice.number);
		buf_puts(&x->b, "要求，");
	}
	date_chinese(x->as_of, d);
	buf_printf(&x->b, "现将截至%s全区老旧小区整治改造工作进展情况通报如下。", d);
	report_emit(x, R_BODY, &x->pos);
}

/* One row of the table by subdistrict: name, then the figures of `t`. */
static void totals_row(struct rctx *x, const char *name, const struct progress_totals *t,
		       const struct srcpos *pos)
{
	char n[5][24];
	buf a = BUF_INIT, c = BUF_INIT;
	const char *cells[7];

	snprintf(n[0], sizeof(n[0]), "%zu", t->communities);
	snprintf(n[1], sizeof(n[1]), "%zu", t->started);
	snprintf(n[2], sizeof(n[2]), "%zu", t->completed);
	snprintf(n[3], sizeof(n[3]), "%zu", t->overdue);
	report_ratio(&a, t->started, t->communities);
	report_ratio(&c, t->completed, t->communities);
	cells[0] = name, cells[1] = n[0], cells[2] = n[1], cells[3] = buf_cstr(&a);
	cells[4] = n[2], cells[5] = buf_cstr(&c), cells[6] = n[3];
	table_row(x->nd, x->st, cells, pos->file, pos->line);
	buf_free(&a);
	buf_free(&c);
}

static void overall(struct rctx *x)
{
	static const char *const head[] = { "街道", "小区数", "已开工", "开工率",
					    "已竣工", "竣工率", "逾期" };
	static const unsigned char left[7] = { 1 };
	const struct site *s = x->s;
	struct progress_totals t;
	char d[32], area[32];

	progress_totals(s, x->as_of, NO_INDEX, &t);
	report_heading(x, "总体进展");
	format_area_wan(t.cm2, area);
	date_chinese(x->as_of, d);
	buf_printf(&x->b, "全区计划改造老旧小区%zu个，涉及住户%ld户、建筑面积%s万平方米。截至%s，"
		   "已开工%zu个，开工率", t.communities, t.households, area, d, t.started);
	report_ratio(&x->b, t.started, t.communities);
	buf_printf(&x->b, "；已竣工%zu个，竣工率", t.completed);
	report_ratio(&x->b, t.completed, t.communities);
	if (t.accepted)
		buf_printf(&x->b, "，其中已验收%zu个", t.accepted);
	if (t.overdue)
		buf_printf(&x->b, "；逾期未竣工%zu个", t.overdue);
	buf_printf(&x->b, "。各街道进展情况见表%zu。", x->tables + 1);
	report_emit(x, R_BODY, &x->pos);
	report_caption(x, "各街道整治改造进展情况");
	table_begin(x->nd, 7, left);
	table_row(x->nd, x->st, head, x->pos.file, x->pos.line);
	for (size_t u = 0; u < s->nunits; u++) {
		struct progress_totals ut;

		if (s->units[u].kind != UNIT_SUBDISTRICT)
			continue;
		progress_totals(s, x->as_of, u, &ut);
		if (ut.communities > 0)
			totals_row(x, s->units[u].name, &ut, &s->units[u].pos);
	}
	totals_row(x, "合计", &t, &x->pos);
}

/* 1 when `d` falls after the previous report, up to as_of. */
static int in_period(const struct rctx *x, struct date d)
{
	return d.year && date_cmp(d, x->prev) > 0 && date_cmp(d, x->as_of) <= 0;
}

/* One row of the table of changes: community `ci`, what happened, when. */
static void change_row(struct rctx *x, size_t n, size_t ci, const char *what,
		       struct date when)
{
	const struct community *c = &x->s->communities[ci];
	char no[24], d[32];
	const char *cells[5];

	snprintf(no, sizeof(no), "%zu", n);
	report_day(x, when, d);
	cells[0] = no, cells[1] = c->name, cells[2] = report_unit_name(x->s, c->subdistrict);
	cells[3] = what, cells[4] = d;
	table_row(x->nd, x->st, cells, c->pos.file, c->pos.line);
}

/* A change: the day, then the community's row, so that a sort is total. */
struct change {
	struct date day;
	size_t ci;
};

static int change_cmp(const void *a, const void *b)
{
	const struct change *x = a, *y = b;
	int c = date_cmp(x->day, y->day);

	return c ? c : (x->ci > y->ci) - (x->ci < y->ci);
}

/* The rows of the communities whose date `completed` (0: started) falls
 * in the period, by date, numbered on from `*n`. */
static void change_rows(struct rctx *x, size_t *n, int completed)
{
	const struct site *s = x->s;
	struct change *ch = xcalloc(s->ncommunities + 1, sizeof(*ch));
	size_t k = 0;

	for (size_t i = 0; i < s->ncommunities; i++) {
		struct date d = completed ? s->communities[i].completed : s->communities[i].started;

		if (in_period(x, d))
			ch[k].day = d, ch[k++].ci = i;
	}
	if (k > 1)
		qsort(ch, k, sizeof(*ch), change_cmp);
	for (size_t i = 0; i < k; i++)
		change_row(x, ++*n, ch[i].ci, completed ? "新竣工" : "新开工", ch[i].day);
	free(ch);
}

static void changes(struct rctx *x)
{
	static const char *const head[] = { "序号", "小区名称", "所属街道", "进展", "日期" };
	static const unsigned char left[5] = { 0, 1, 0, 0, 0 };
	const struct site *s = x->s;
	size_t started = 0, completed = 0, n = 0;
	char p[32], d[32];

	for (size_t i = 0; i < s->ncommunities; i++) {
		started += in_period(x, s->communities[i].started);
		completed += in_period(x, s->communities[i].completed);
	}
	report_heading(x, "本期进展");
	date_chinese(x->prev, p);
	date_chinese(x->as_of, d);
	buf_printf(&x->b, "自上次通报（%s）以来至%s，", p, d);
	if (started + completed == 0) {
		buf_puts(&x->b, "无新开工或新竣工的小区。");
		report_emit(x, R_BODY, &x->pos);
		return;
	}
	buf_printf(&x->b, "新开工小区%zu个，新竣工小区%zu个，见表%zu。", started, completed,
		   x->tables + 1);
	report_emit(x, R_BODY, &x->pos);
	report_caption(x, "上次通报以来新开工、新竣工小区");
	table_begin(x->nd, 5, left);
	table_row(x->nd, x->st, head, x->pos.file, x->pos.line);
	change_rows(x, &n, 0);
	change_rows(x, &n, 1);
}


/* The report as of `as_of` worded into `nd`, not laid out yet. */
static void report_words(const struct pdf_renderer *r, struct date as_of, struct ndoc *nd)
{
	const struct site *s = r->site;
	const char *title = s->config.progress.title;
	struct rctx x;

	memset(nd, 0, sizeof(*nd));
	memset(&x, 0, sizeof(x));
	x.s = s;
	x.st = &r->style;
	x.nd = nd;
	x.as_of = as_of;
	x.prev = pdf_report_previous(s, as_of);
	x.pos.file = r->site_yaml;
	/* No QR code: the report goes to the units, not on a notice board. */
	nd->url = xstrdup("");
	/* The default title in two lines broken where the meaning allows
	 * (GB/T 9704 7.3.3), not wherever the line is full. */
	nd->title = xstrdup(title && *title ? title : "关于全区老旧小区整治改造工作进展情况的通报");
	pdf_frame_head(nd, x.st, &x.pos, pdf_report_issuer(s),
		       title && *title ? 0 : strlen("关于全区老旧小区整治改造工作"));
	opening(&x);
	overall(&x);
	changes(&x);
	report_overdue(&x);
	report_funding(&x);
	pdf_frame_sign(nd, x.st, &x.pos, pdf_report_issuer(s), as_of, "");
	buf_free(&x.b);
}

/* Builds and lays out the report; warnings into `d`. */
static void report_build(const struct pdf_renderer *r, struct date as_of, struct ndoc *nd,
			 diags *d)
{
	report_words(r, as_of, nd);
	ndoc_finish(nd, r, d);
}

/* One try at the file, its font subsets padded with `spare` unused
 * characters (see font_doc_pad).  Its problems are site.yaml's, which
 * names the report's date. */
static int report_attempt(struct pdf_renderer *r, const struct ndoc *nd, struct date as_of,
			  unsigned spare, buf *out, diags *d)
{
	const struct srcpos pos = { r->site_yaml, 0 };
	/* The document's dates are the report's, at midnight in China. */
	HPDF_Date when = { as_of.year, as_of.month, as_of.day, 0, 0, 0, '+', 8, 0 };
	const char *issuer = pdf_report_issuer(r->site);
	struct pdfdoc pd;
	struct font_doc fd;
	int rc;

	if (pdfdoc_begin(&pd, r, nd->title, &pos, d) < 0)
		return -1;
	pd.may_retry = spare < PDFDOC_MAX_SPARE;
	HPDF_SetInfoDateAttr(pd.doc, HPDF_INFO_CREATION_DATE, when);
	HPDF_SetInfoDateAttr(pd.doc, HPDF_INFO_MOD_DATE, when);
	if (*issuer)
		HPDF_SetInfoAttr(pd.doc, HPDF_INFO_AUTHOR, issuer);
	font_doc_init(&fd, &r->fonts);
	draw_collect(nd, &fd);
	font_doc_pad(&fd, &r->fonts, spare);
	if (pdfdoc_fonts(&pd, r, &fd, d) == 0)
		draw_ndoc(r, nd, pd.doc, &fd, &pd.tags);
	rc = pdfdoc_finish(&pd, out, d);
	font_doc_free(&fd);
	return rc;
}

int pdf_render_progress_report(struct pdf_renderer *r, struct date as_of, buf *out, diags *d)
{
	struct ndoc nd;
	int rc = PDFDOC_RETRY;

	if (as_of.year == 0) {
		diag_error(d, NULL, 0, 0, NULL, "进度通报缺少日期");
		return -1;
	}
	report_build(r, as_of, &nd, d);
	for (unsigned spare = 0; rc == PDFDOC_RETRY; spare++)
		rc = report_attempt(r, &nd, as_of, spare, out, d);
	ndoc_free(&nd);
	return rc;
}

void pdf_report_check(const struct pdf_renderer *r, struct date as_of, diags *d)
{
	struct ndoc nd;

	report_build(r, as_of, &nd, d);
	ndoc_free(&nd);
}

void pdf_report_text(const struct pdf_renderer *r, struct date as_of, buf *out)
{
	struct ndoc nd;
	char u[4];

	report_words(r, as_of, &nd);
	for (size_t i = 0; i < nd.n; i++) {
		/* The role too: the same words as a heading or a cell differ. */
		buf_printf(out, "%d:", nd.p[i].role);
		for (size_t k = 0; k < nd.p[i].nchars; k++)
			buf_put(out, u, utf8_encode(nd.p[i].chars[k].cp, u));
		buf_putc(out, '\n');
	}
	ndoc_free(&nd);
}
