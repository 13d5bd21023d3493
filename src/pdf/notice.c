/* The wording of one community's notice, from the site model.
 *
 * The order follows an official 公示: red header, title, addressee, an
 * opening that cites the plan, numbered sections (facts, items, the
 * community's own text, schedule, responsible units, publicity period and
 * how to comment), then issuer and date with the QR code.  Missing facts
 * are left out of the sentences rather than printed as blanks.
 *
 * The notice is the community's first posting (model/cycle.h): its own
 * issuer (the subdistrict's office unless data/notices.csv says), date,
 * period and plan; a 再公示 is another renderer's. */
#include <stdlib.h>
#include <string.h>

#include "load/date.h"
#include "model/cycle.h"
#include "pdf/render.h"
#include "util/xalloc.h"

static const char *numeral(size_t i)
{
	return pdf_numeral(i);
}

struct ctx {
	const struct pdf_renderer *r;
	const struct site *s;
	const struct pdf_style *st;
	const struct community *c;
	const struct posting *p; /* round 1 */
	struct ndoc *nd;
	size_t section; /* sections written so far */
	buf b;		/* scratch */
};

/* A paragraph holding the scratch text. */
static void emit(struct ctx *x, enum role role, const struct srcpos *pos)
{
	ndoc_emit(x->nd, x->st, role, pos, &x->b);
}

static void heading(struct ctx *x, const char *text)
{
	ndoc_heading(x->nd, x->st, &x->section, text, &x->c->pos);
}

static void opening(struct ctx *x)
{
	const struct config *cf = &x->s->config;
	const char *plan = cf->notice.plan_title, *num = cf->notice.number;

	buf_printf(&x->b, "%s全体居民：", x->c->name);
	emit(x, R_SALUTATION, &x->c->pos);
	if (plan && *plan) {
		buf_printf(&x->b, "根据《%s》", plan);
		if (num && *num)
			buf_printf(&x->b, "（%s）", num);
		buf_puts(&x->b, "，");
	} else {
		buf_puts(&x->b, "根据老旧小区整治改造工作安排，");
	}
	buf_puts(&x->b, "现将");
	format_plan_subject(&x->b, x->c->name);
	buf_puts(&x->b, "予以公示，请广大居民监督并提出意见和建议。");
	emit(x, R_BODY, &x->c->pos);
}

static const char *unit_name(const struct site *s, size_t u)
{
	return u < s->nunits ? s->units[u].name : "";
}

static void facts(struct ctx *x)
{
	const struct community *c = x->c;
	const char *sub = unit_name(x->s, c->subdistrict);
	int any = 0;

	heading(x, "小区基本情况");
	buf_puts(&x->b, c->name);
	if (*c->address)
		buf_printf(&x->b, "位于%s，属%s%s", c->address, sub, c->area);
	else
		buf_printf(&x->b, "属%s%s", sub, c->area);
	if (c->built_year)
		buf_printf(&x->b, "，建成于%d年", c->built_year);
	if (c->buildings || c->households > 0)
		buf_puts(&x->b, "，共有");
	if (c->buildings) {
		buf_printf(&x->b, "住宅楼%d栋", c->buildings);
		any = 1;
	}
	if (c->households > 0)
		buf_printf(&x->b, "%s住户%ld户", any ? "、" : "", c->households);
	if (c->floor_area_cm2 > 0) {
		char area[32];

		format_area_m2(c->floor_area_cm2, area);
		buf_printf(&x->b, "，建筑面积%s平方米", area);
	}
	buf_puts(&x->b, "。");
	emit(x, R_BODY, &c->pos);
}

static void items(struct ctx *x)
{
	const struct community *c = x->c;
	const struct posting *p = x->p;

	heading(x, "改造内容");
	if (p->nitems == 0) {
		buf_puts(&x->b, "改造内容确定后另行公示。");
		emit(x, R_BODY, &c->pos);
		return;
	}
	buf_printf(&x->b, "本次改造共%zu项：", p->nitems);
	emit(x, R_BODY, &c->pos);
	for (size_t i = 0; i < p->nitems; i++) {
		const struct item *it = &x->s->items[p->items[i]];

		buf_printf(&x->b, "%zu.", i + 1);
		if (*it->title)
			buf_printf(&x->b, "%s：", it->title);
		buf_puts(&x->b, it->description);
		emit(x, R_ITEM, &it->pos);
	}
}

static void own_text(struct ctx *x)
{
	const struct page *pg = x->c->page;

	if (pg == NULL || pg->body_md == NULL || !*pg->body_md)
		return;
	heading(x, "具体改造方案");
	pdf_markdown_append(x->nd, x->st, pg->body_md, pg->pos.file, pg->body_line);
}

/* "2022年4月16日至10月15日": the year once when both dates share it. */
void pdf_date_range(buf *b, struct date a, struct date z)
{
	char s[32];

	date_chinese(a, s);
	buf_puts(b, s);
	if (a.year == z.year)
		buf_printf(b, "至%d月%d日", z.month, z.day);
	else
		date_chinese(z, s), buf_printf(b, "至%s", s);
}

static void schedule(struct ctx *x)
{
	const struct site *s = x->s;
	size_t at;

	if (s->nphases == 0)
		return;
	heading(x, "实施安排");
	for (size_t i = 0; i < s->nphases; i++) {
		const struct phase *ph = &s->phases[i];

		buf_printf(&x->b, "（%s）%s", numeral(i), ph->name);
		if (ph->start.year && ph->end.year) {
			buf_puts(&x->b, "：");
			pdf_date_range(&x->b, ph->start, ph->end);
		}
		buf_puts(&x->b, "。");
		emit(x, R_ITEM, &ph->pos);
	}
	/* The notice speaks on its date, so the status is that day's. */
	at = site_status_at(s, x->c, x->p->posted);
	if (at < s->nphases) {
		char d[32];

		date_chinese(x->p->posted, d);
		buf_printf(&x->b, "截至%s，本小区处于%s。", d, s->phases[at].name);
		emit(x, R_BODY, &x->c->pos);
	}
}

/* One line of the responsible units: "（一）属地街道：临城街道，电话：…。" */
static void unit_line(struct ctx *x, size_t *n, const char *what, size_t u)
{
	const struct unit *un;

	if (u >= x->s->nunits)
		return;
	un = &x->s->units[u];
	buf_printf(&x->b, "（%s）%s：%s", numeral((*n)++), what, un->name);
	if (*un->phone)
		buf_printf(&x->b, "，电话：%s", un->phone);
	buf_puts(&x->b, "。");
	emit(x, R_ITEM, &un->pos);
}

static void units(struct ctx *x)
{
	const struct community *c = x->c;
	size_t n = 0;

	heading(x, "责任单位及联系方式");
	unit_line(x, &n, "属地街道", c->subdistrict);
	unit_line(x, &n, "牵头部门", site_lead_unit(x->s));
	unit_line(x, &n, "施工单位", c->contractor);
	if (*c->contact || *c->phone) {
		buf_printf(&x->b, "（%s）小区联系人：%s", numeral(n++),
			   *c->contact ? c->contact : "社区居委会");
		if (*c->phone)
			buf_printf(&x->b, "，电话：%s", c->phone);
		buf_puts(&x->b, "。");
		emit(x, R_ITEM, &c->pos);
	}
}

static void publicity(struct ctx *x)
{
	heading(x, "公示期限及意见反馈");
	if (x->p->days > 0 && x->p->deadline.year) {
		buf_puts(&x->b, "公示期为");
		cycle_period_text(&x->b, x->p);
		buf_puts(&x->b, "。");
	}
	buf_puts(&x->b, "公示期间，居民对改造方案如有意见或建议，");
	pdf_feedback_ways(&x->b, x->s, x->c, "可");
	emit(x, R_BODY, &x->c->pos);
}

void pdf_feedback_ways(buf *b, const struct site *s, const struct community *c,
		       const char *may)
{
	const struct config *cf = &s->config;
	const char *phone = cf->feedback.phone, *addr = cf->feedback.address;

	if (phone && *phone && addr && *addr)
		buf_printf(b, "%s拨打电话%s，或到%s反映。", may, phone, addr);
	else if (phone && *phone)
		buf_printf(b, "%s拨打电话%s反映。", may, phone);
	else if (addr && *addr)
		buf_printf(b, "%s到%s反映。", may, addr);
	else
		buf_printf(b, "%s向%s反映。", may, unit_name(s, c->subdistrict));
	if (cf->notice.no_objection_clause)
		buf_puts(b, "逾期视为无异议。");
}

const char *pdf_issuer(const struct site *s)
{
	const char *i = s->config.notice.issuer;

	if (i && *i)
		return i;
	return s->config.organiser ? s->config.organiser : "";
}

/* site.yaml's notice.image: the community's design image or before
 * photo under its caption (kept together: the layout keeps a paragraph
 * with the box after it, not a box with what follows), as wide as the
 * text block, at most a third of its height (then narrower). */
static void picture(struct ctx *x)
{
	const struct photo *ph = photo_for_notice(x->s, x->c);
	struct lay_para *p;
	char d[32];

	if (ph == NULL)
		return;
	x->nd->photo = ph;
	date_chinese(ph->date, d);
	buf_printf(&x->b, "图：%s（%s，%s）", ph->caption, photo_kind_name(ph->kind), d);
	p = ndoc_add(x->nd, x->st, R_BODY, x->s->photos_csv, ph->line);
	ndoc_puts(x->st, p, buf_cstr(&x->b));
	p->align = LAY_CENTER;
	p->indent_first = p->indent_rest = 0;
	p->keep_with_next = 1;
	buf_reset(&x->b);
	p = ndoc_add(x->nd, x->st, R_PHOTO, x->s->photos_csv, ph->line);
	p->box_height = x->st->width * ph->height / ph->width;
	if (p->box_height > x->st->height / 3)
		p->box_height = x->st->height / 3;
}

static void signature(struct ctx *x)
{
	pdf_frame_sign(x->nd, x->st, &x->c->pos, x->p->issuer, x->p->posted,
		       "扫码打开本小区网页\n查看改造详情和进度");
}

const struct posting *pdf_posting(const struct site *s, const struct community *c)
{
	static _Thread_local struct posting own;
	const struct posting *p = cycle_postings(s, c);

	if (p)
		return p;
	memset(&own, 0, sizeof(own));
	own.posted = site_notice_date(s);
	own.days = s->config.notice.publicity_days;
	own.working = s->config.notice.publicity_working;
	own.deadline = cycle_deadline(s, own.posted, own.days, own.working);
	own.issuer = pdf_issuer(s);
	own.items = c->items;
	own.nitems = c->nitems;
	own.note = "";
	return &own;
}

char *pdf_community_url(const struct site *s, const struct community *c)
{
	const char *base = s->config.base_url ? s->config.base_url : "";
	size_t n = strlen(base);
	buf b = BUF_INIT;

	if (n == 0)
		return xstrdup("");
	buf_printf(&b, "%s%scommunities/%s/", base,
		   base[n - 1] == '/' ? "" : "/", c->id);
	return buf_detach(&b);
}

void notice_build(const struct pdf_renderer *r, size_t ci, struct ndoc *nd,
		  diags *d)
{
	struct ctx x;

	memset(nd, 0, sizeof(*nd));
	memset(&x, 0, sizeof(x));
	x.r = r;
	x.s = r->site;
	x.st = &r->style;
	x.c = &r->site->communities[ci];
	x.nd = nd;
	x.p = pdf_posting(x.s, x.c);
	nd->c = x.c;
	nd->url = pdf_community_url(x.s, x.c);
	pdf_notice_title(&x.b, x.c->name, "的公示");
	nd->title = xstrdup(buf_cstr(&x.b));
	buf_reset(&x.b);
	pdf_frame_head(nd, x.st, &x.c->pos, x.p->issuer, 0);
	opening(&x);
	facts(&x);
	picture(&x);
	items(&x);
	own_text(&x);
	schedule(&x);
	units(&x);
	publicity(&x);
	signature(&x);
	buf_free(&x.b);
	ndoc_finish(nd, r, d);
}
