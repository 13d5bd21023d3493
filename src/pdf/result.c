/* The two papers of the notice cycle after the first 公示 (issue 20),
 * framed like the notice (frame.c):
 *
 *   communities/ID/notice-N.pdf  the 再公示 of round N (2, 3, …): what
 *       changed against the round before (items added, items dropped),
 *       the plan as now posted, its period and how to comment;
 *   communities/ID/result.pdf    the 征求意见结果公告: the periods, how
 *       many opinions came in and how many were adopted, each opinion with
 *       its answer, what changed in the plan, the consent survey.
 *
 * Each is signed by the issuer of the community's posting (model/cycle.h)
 * and dated: the 再公示 on its posting day, the result on the first
 * working day after the last period (model/result.h).  The summaries and
 * answers were checked for personal data when read. */
#include <stdlib.h>
#include <string.h>

#include "model/cycle.h"
#include "model/result.h"
#include "pdf/render.h"
#include "util/xalloc.h"

/* One paper being written. */
struct words {
	const struct site *s;
	const struct pdf_style *st;
	const struct community *c;
	struct ndoc *nd;
	size_t section;
	buf b;
};

static void emit(struct words *w, enum role role, const struct srcpos *pos)
{
	ndoc_emit(w->nd, w->st, role, pos, &w->b);
}

static void heading(struct words *w, const char *text, const struct srcpos *pos)
{
	ndoc_heading(w->nd, w->st, &w->section, text, pos);
}

/* The title, the issuer over it and the salutation.  The caller sets the
 * paper's date and nd->url (owned by the ndoc), where the QR code leads. */
static void begin(struct words *w, const struct pdf_renderer *r, size_t ci, struct ndoc *nd,
		  const char *what, const char *issuer)
{
	size_t brk;

	memset(nd, 0, sizeof(*nd));
	memset(w, 0, sizeof(*w));
	w->s = r->site;
	w->st = &r->style;
	w->c = &r->site->communities[ci];
	w->nd = nd;
	nd->c = w->c;
	nd->issuer = issuer;
	pdf_notice_title(&w->b, w->c->name, what);
	nd->title = xstrdup(buf_cstr(&w->b));
	/* Too long for a line, it breaks before what the paper is. */
	brk = w->b.len - strlen(what);
	buf_reset(&w->b);
	pdf_frame_head(nd, w->st, &w->c->pos, issuer, brk);
	buf_printf(&w->b, "%s全体居民：", w->c->name);
	emit(w, R_SALUTATION, &w->c->pos);
}

/* "1.拆除违建：清理、拆除……" for the items `ix[0..n)`. */
static void item_list(struct words *w, const size_t *ix, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct item *it = &w->s->items[ix[i]];

		buf_printf(&w->b, "%zu.", i + 1);
		if (*it->title)
			buf_printf(&w->b, "%s：", it->title);
		buf_puts(&w->b, it->description);
		emit(w, R_ITEM, &it->pos);
	}
}

/* The item titles `ix[0..n)` in quotes: "“加装电梯”“增设停车位”". */
static void item_names(buf *b, const struct site *s, const size_t *ix, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct item *it = &s->items[ix[i]];

		buf_printf(b, "“%s”", *it->title ? it->title : it->description);
	}
}

/* What round `p` changed against the round before: "<lead>与5月9日公示
 *的方案相比，增加改造内容1项，取消改造内容1项：" and each item added or
 * dropped, or that nothing changed. */
static void changes(struct words *w, const struct posting *p, const char *lead)
{
	char d[32];

	date_chinese(p[-1].posted, d);
	buf_printf(&w->b, "%s与%s公示的方案相比，", lead, d);
	if (p->nadded == 0 && p->nremoved == 0) {
		buf_puts(&w->b, "改造内容未作调整。");
		emit(w, R_BODY, &p->pos);
		return;
	}
	if (p->nadded)
		buf_printf(&w->b, "增加改造内容%zu项", p->nadded);
	if (p->nremoved)
		buf_printf(&w->b, "%s取消改造内容%zu项", p->nadded ? "，" : "", p->nremoved);
	buf_puts(&w->b, "：");
	emit(w, R_BODY, &p->pos);
	for (size_t i = 0; i < p->nadded; i++) {
		const struct item *it = &w->s->items[p->added[i]];

		buf_puts(&w->b, "增加：");
		item_names(&w->b, w->s, &p->added[i], 1);
		buf_printf(&w->b, "，%s", it->description);
		emit(w, R_ITEM, &it->pos);
	}
	for (size_t i = 0; i < p->nremoved; i++) {
		buf_puts(&w->b, "取消：");
		item_names(&w->b, w->s, &p->removed[i], 1);
		buf_puts(&w->b, "。");
		emit(w, R_ITEM, &w->s->items[p->removed[i]].pos);
	}
}

/* "…公示期为5个工作日，自2022年5月23日起至2022年5月27日止。" */
static void period(buf *b, const struct posting *p)
{
	char a[32], z[32];

	if (p->days < 1 || p->deadline.year == 0)
		return;
	date_chinese(p->posted, a);
	date_chinese(p->deadline, z);
	buf_printf(b, "公示期为%d个%s，自%s起至%s止。", p->days,
		   p->working ? "工作日" : "自然日", a, z);
}

static void repost_build(const struct pdf_renderer *r, size_t ci, const struct posting *p,
			 struct ndoc *nd, diags *d)
{
	struct words w;
	char prev[32];

	begin(&w, r, ci, nd, "的再公示", p->issuer);
	nd->url = pdf_community_url(r->site, &r->site->communities[ci]);
	nd->date = p->posted;
	date_chinese(p[-1].posted, prev);
	buf_printf(&w.b, "%s，我单位对", prev);
	format_plan_subject(&w.b, w.c->name);
	buf_puts(&w.b, "进行了公示。根据公示期间居民提出的意见和建议，改造方案作了调整，"
		       "现将调整后的方案再次公示，请广大居民监督。");
	emit(&w, R_BODY, &p->pos);
	heading(&w, "方案调整内容", &p->pos);
	changes(&w, p, "");
	if (*p->note) {
		size_t n = strlen(p->note);

		buf_printf(&w.b, "调整说明：%s", p->note);
		/* A note typed without its full stop gets one. */
		if (n < 3 || (strcmp(p->note + n - 3, "。") && strcmp(p->note + n - 3, "！")))
			buf_puts(&w.b, "。");
		emit(&w, R_BODY, &p->pos);
	}
	heading(&w, "调整后的改造内容", &p->pos);
	buf_printf(&w.b, "调整后共%zu项：", p->nitems);
	emit(&w, R_BODY, &p->pos);
	item_list(&w, p->items, p->nitems);
	heading(&w, "公示期限及意见反馈", &p->pos);
	period(&w.b, p);
	buf_puts(&w.b, "公示期间，居民对调整后的方案如有意见或建议，");
	pdf_feedback_ways(&w.b, w.s, w.c, "可");
	emit(&w, R_BODY, &p->pos);
	pdf_frame_sign(nd, w.st, &p->pos, p->issuer, p->posted,
		       "扫码打开本小区网页\n查看改造详情和进度");
	buf_free(&w.b);
	ndoc_finish(nd, r, d);
}

/* The posting of round `round` of community `ci`, or NULL with an error. */
static const struct posting *round_of(const struct site *s, size_t ci, int round, diags *d)
{
	const struct community *c;
	const struct posting *p;

	if (ci >= s->ncommunities) {
		diag_error(d, NULL, 0, 0, NULL, "没有第 %zu 个小区", ci + 1);
		return NULL;
	}
	c = &s->communities[ci];
	p = cycle_postings(s, c);
	if (p == NULL || round < 2 || (size_t)round > c->npostings) {
		diag_error(d, c->pos.file, c->pos.line, 0, NULL,
			   "小区“%s”没有第 %d 次公示，无法生成再公示", c->name, round);
		return NULL;
	}
	return &p[round - 1];
}

int pdf_render_repost(struct pdf_renderer *r, size_t ci, int round, buf *out, diags *d)
{
	const struct posting *p = round_of(r->site, ci, round, d);
	struct ndoc nd;
	int rc;

	if (p == NULL)
		return -1;
	repost_build(r, ci, p, &nd, d);
	rc = pdf_ndoc_render(r, &nd, out, d);
	ndoc_free(&nd);
	return rc;
}

/* "2022年5月9日至5月17日，我单位对榆树新村老旧小区改造方案进行了公示
 * （7个工作日），2022年5月23日至5月27日对调整后的方案进行了再公示（5个
 * 工作日），广泛征求居民意见。" */
static void result_opening(struct words *w, const struct result *res)
{
	const struct posting *p = res->first;

	pdf_date_range(&w->b, p->posted, p->deadline);
	buf_puts(&w->b, "，我单位对");
	format_plan_subject(&w->b, w->c->name);
	buf_printf(&w->b, "进行了公示（%d个%s）", p->days, p->working ? "工作日" : "自然日");
	for (p++; p <= res->last; p++) {
		buf_puts(&w->b, "，");
		pdf_date_range(&w->b, p->posted, p->deadline);
		buf_printf(&w->b, "对调整后的方案进行了再公示（%d个%s）", p->days,
			   p->working ? "工作日" : "自然日");
	}
	buf_puts(&w->b, "，广泛征求居民意见。现将征求意见结果公告如下：");
	emit(w, R_BODY, &w->c->pos);
}

/* Each opinion, then its answer and whether it was adopted. */
static void answers(struct words *w)
{
	const struct opinion *o = &w->s->opinions[w->c->opinion_at];
	char d[32];

	heading(w, "意见及答复", &w->c->pos);
	for (size_t i = 0; i < w->c->nopinions; i++) {
		date_chinese(o[i].date, d);
		buf_printf(&w->b, "%zu.意见：%s（%s", i + 1, o[i].summary, d);
		if (*o[i].channel)
			buf_printf(&w->b, "，%s", o[i].channel);
		buf_puts(&w->b, "）");
		/* An opinion is not left at a page's foot without its answer. */
		ndoc_emit(w->nd, w->st, R_ITEM, &o[i].pos, &w->b)->keep_with_next = 1;
		buf_printf(&w->b, "答复（%s）：%s", cycle_opinion_result_name(o[i].result),
			   *o[i].answer ? o[i].answer : "—");
		emit(w, R_BODY, &o[i].pos);
	}
}

static void plan_changes(struct words *w, const struct result *res)
{
	char d[32];
	buf lead = BUF_INIT;

	heading(w, "方案调整情况", &w->c->pos);
	if (res->first == res->last) {
		buf_puts(&w->b, "根据征求意见情况，改造方案不作调整，按公示的方案组织实施。");
		emit(w, R_BODY, &w->c->pos);
		buf_free(&lead);
		return;
	}
	for (const struct posting *p = res->first + 1; p <= res->last; p++) {
		date_chinese(p->posted, d);
		buf_printf(&lead, "%s再公示的方案", d);
		changes(w, p, buf_cstr(&lead));
		buf_reset(&lead);
	}
	buf_free(&lead);
	buf_printf(&w->b, "调整后的改造内容共%zu项，以再公示的方案为准。", res->last->nitems);
	emit(w, R_BODY, &res->last->pos);
}

/* The consent survey (意愿征询) against site.yaml's threshold. */
static void consent(struct words *w)
{
	const struct consent *k = cycle_consent(w->s, w->c);
	char d[32], rate[16];

	if (k == NULL)
		return;
	heading(w, "居民意愿征询情况", &k->pos);
	if (k->date.year) {
		date_chinese(k->date, d);
		buf_printf(&w->b, "截至%s，", d);
	}
	cycle_consent_rate(k, rate);
	buf_printf(&w->b, "本小区征询%ld户，同意%ld户，不同意%ld户，未反馈%ld户，同意率%s，",
		   k->asked, k->agreed, k->disagreed, k->no_reply, rate);
	buf_puts(&w->b, cycle_consent_reached(w->s, k) ? "达到" : "未达到");
	result_threshold_text(&w->b, w->s);
	buf_puts(&w->b, "的要求。");
	emit(w, R_BODY, &k->pos);
}

/* Whom to ask about an answer: the feedback phone of site.yaml, else
 * the community's subdistrict (not pdf_feedback_ways: its 逾期视为无异议
 * speaks of a period, and this paper closes one). */
static void closing(struct words *w)
{
	const char *phone = w->s->config.feedback.phone;
	const struct unit *u = w->c->subdistrict < w->s->nunits
				       ? &w->s->units[w->c->subdistrict] : NULL;

	buf_puts(&w->b, "对答复仍有疑问的，");
	if (phone && *phone)
		buf_printf(&w->b, "可拨打电话%s咨询。", phone);
	else if (u && *u->phone)
		buf_printf(&w->b, "可向%s咨询，电话%s。", u->name, u->phone);
	else if (u)
		buf_printf(&w->b, "可向%s咨询。", u->name);
	else
		buf_puts(&w->b, "可向社区居委会咨询。");
	buf_puts(&w->b, "特此公告。");
	emit(w, R_BODY, &w->c->pos);
}

/* The result's page: the community's page's result/ folder. */
static char *result_url(const struct site *s, const struct community *c)
{
	char *url = pdf_community_url(s, c);
	buf b = BUF_INIT;

	if (*url)
		buf_printf(&b, "%sresult/", url);
	free(url);
	return b.len ? buf_detach(&b) : xstrdup("");
}

static void result_build(const struct pdf_renderer *r, size_t ci, const struct result *res,
			 struct ndoc *nd, diags *d)
{
	struct words w;

	begin(&w, r, ci, nd, "征求意见结果的公告", res->last->issuer);
	nd->url = result_url(r->site, &r->site->communities[ci]);
	nd->date = res->date;
	result_opening(&w, res);
	heading(&w, "意见征集情况", &w.c->pos);
	if (res->opinions)
		buf_puts(&w.b, "公示期间共");
	result_summary(&w.b, res);
	buf_puts(&w.b, "。");
	emit(&w, R_BODY, &w.c->pos);
	if (res->opinions)
		answers(&w);
	plan_changes(&w, res);
	consent(&w);
	closing(&w);
	pdf_frame_sign(nd, w.st, &w.c->pos, res->last->issuer, res->date,
		       "扫码查看意见答复\n和本小区改造进度");
	buf_free(&w.b);
	ndoc_finish(nd, r, d);
}

int pdf_render_result(struct pdf_renderer *r, size_t ci, buf *out, diags *d)
{
	struct result res;
	struct ndoc nd;
	int rc;

	if (ci >= r->site->ncommunities ||
	    !result_count(r->site, &r->site->communities[ci], &res)) {
		diag_error(d, NULL, 0, 0, NULL, "第 %zu 个小区没有公示，无法生成征求意见结果公告",
			   ci + 1);
		return -1;
	}
	result_build(r, ci, &res, &nd, d);
	rc = pdf_ndoc_render(r, &nd, out, d);
	ndoc_free(&nd);
	return rc;
}
