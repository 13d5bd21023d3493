#include "plan/hash_site.h"

#include "model/cycle.h"
#include "model/photo.h"
#include "model/progress.h"
#include "model/result.h"
#include "util/buf.h"

static void hash_date(struct hash *h, struct date d)
{
	hash_num(h, d.year);
	hash_num(h, d.month);
	hash_num(h, d.day);
}

static void hash_units(struct hash *h, const struct site *s)
{
	hash_num(h, (long long)s->nunits);
	for (size_t u = 0; u < s->nunits; u++) {
		hash_str(h, s->units[u].id);
		hash_str(h, s->units[u].name);
		hash_str(h, s->units[u].phone);
		hash_num(h, s->units[u].kind);
	}
}

static void hash_items(struct hash *h, const struct site *s)
{
	hash_num(h, (long long)s->nitems);
	for (size_t i = 0; i < s->nitems; i++) {
		hash_str(h, s->items[i].code);
		hash_str(h, s->items[i].title);
		hash_str(h, s->items[i].description);
		hash_str(h, s->items[i].category);
	}
}

static void hash_phases(struct hash *h, const struct site *s)
{
	hash_num(h, (long long)s->nphases);
	for (size_t i = 0; i < s->nphases; i++) {
		hash_str(h, s->phases[i].id);
		hash_str(h, s->phases[i].name);
		hash_str(h, s->phases[i].description);
		hash_date(h, s->phases[i].start);
		hash_date(h, s->phases[i].end);
	}
}

void hash_site_common(struct hash *h, const struct site *s, struct date today)
{
	buf path = BUF_INIT;

	buf_printf(&path, "%ssite.yaml", s->prefix ? s->prefix : "");
	hash_file(h, path.data);
	buf_free(&path);
	hash_units(h, s);
	hash_items(h, s);
	hash_phases(h, s);
	hash_num(h, (long long)site_lead_unit(s));
	hash_date(h, site_notice_date(s));
	hash_date(h, site_publicity_end(s));
	hash_date(h, today);
	/* Every posting's deadline and a result notice's date count working
	 * days through them. */
	hash_site_holidays(h, s);
}

void hash_site_page(struct hash *h, const struct page *p)
{
	hash_num(h, p != NULL);
	if (p == NULL)
		return;
	hash_str(h, p->slug);
	hash_str(h, p->title);
	hash_str(h, p->summary);
	hash_date(h, p->date);
	hash_str(h, p->body_md);
}

void hash_site_community(struct hash *h, const struct community *c)
{
	hash_site_community_row(h, c);
	hash_site_page(h, c->page);
}

void hash_site_community_row(struct hash *h, const struct community *c)
{
	hash_str(h, c->id), hash_str(h, c->name), hash_str(h, c->area);
	hash_str(h, c->address), hash_str(h, c->contact), hash_str(h, c->phone);
	hash_num(h, (long long)c->subdistrict), hash_num(h, (long long)c->contractor);
	hash_num(h, c->households), hash_num(h, c->floor_area_cm2);
	hash_num(h, c->buildings), hash_num(h, c->built_year);
	hash_num(h, (long long)c->status), hash_num(h, c->elevator);
	hash_num(h, (long long)c->nitems);
	for (size_t k = 0; k < c->nitems; k++)
		hash_num(h, (long long)c->items[k]);
}

/* Issue 19's facts of community `ci`: its schedule, money and parties,
 * its dated reports and its funding sources. */
void hash_site_progress(struct hash *h, const struct site *s, size_t ci)
{
	const struct community *c = &s->communities[ci];

	hash_str(h, "progress");
	hash_date(h, c->plan_start), hash_date(h, c->plan_end);
	hash_date(h, c->started), hash_date(h, c->completed), hash_date(h, c->accepted);
	hash_num(h, c->investment);
	hash_num(h, (long long)c->designer), hash_num(h, (long long)c->supervisor);
	hash_str(h, c->manager), hash_str(h, c->manager_phone), hash_str(h, c->hotline);
	hash_num(h, (long long)c->nreports);
	for (size_t k = c->report_at; k < c->report_at + c->nreports && k < s->nreports; k++) {
		const struct progress_report *r = &s->reports[k];

		hash_date(h, r->date), hash_num(h, r->percent), hash_str(h, r->done);
		hash_num(h, r->invested);
	}
	hash_num(h, (long long)c->nfunding);
	for (size_t k = c->funding_at; k < c->funding_at + c->nfunding && k < s->nfunding; k++) {
		hash_str(h, s->sources[s->funding[k].source]);
		hash_num(h, s->funding[k].amount);
	}
}

void hash_site_postings(struct hash *h, const struct site *s, size_t ci)
{
	const struct community *c = &s->communities[ci];

	hash_str(h, "postings");
	hash_num(h, (long long)c->npostings);
	for (size_t k = c->posting_at; k < c->posting_at + c->npostings && k < s->npostings; k++) {
		const struct posting *p = &s->postings[k];

		hash_date(h, p->posted), hash_date(h, p->deadline);
		hash_num(h, p->days * 2 + p->working);
		hash_str(h, p->issuer), hash_str(h, p->note);
		hash_bytes(h, p->items, p->nitems * sizeof(*p->items));
		hash_bytes(h, p->added, p->nadded * sizeof(*p->added));
		hash_bytes(h, p->removed, p->nremoved * sizeof(*p->removed));
	}
}

/* Community `ci`'s consent survey: its figures and date (the 例外说明 is
 * shown nowhere: it only quiets a warning of gongshi check). */
static void hash_consent(struct hash *h, const struct site *s, size_t ci)
{
	const struct community *c = &s->communities[ci];

	hash_num(h, c->consent < s->nconsents);
	if (c->consent < s->nconsents) {
		const struct consent *k = &s->consents[c->consent];

		hash_num(h, k->asked), hash_num(h, k->agreed), hash_num(h, k->disagreed);
		hash_num(h, k->no_reply), hash_date(h, k->date);
	}
}

void hash_site_answers(struct hash *h, const struct site *s, size_t ci)
{
	const struct community *c = &s->communities[ci];

	hash_str(h, "answers");
	hash_num(h, (long long)c->nopinions);
	for (size_t k = c->opinion_at; k < c->opinion_at + c->nopinions && k < s->nopinions; k++) {
		const struct opinion *o = &s->opinions[k];

		hash_date(h, o->date), hash_num(h, o->result);
		hash_str(h, o->channel), hash_str(h, o->summary), hash_str(h, o->answer);
	}
	hash_consent(h, s, ci);
}

void hash_site_answer_counts(struct hash *h, const struct site *s, size_t ci)
{
	const struct community *c = &s->communities[ci];

	hash_str(h, "answer-counts");
	/* Whether any community has an opinion decides whether this one's
	 * result is out (model/result.h), whatever its own opinions. */
	hash_num(h, result_site_has(s));
	hash_num(h, (long long)c->nopinions);
	for (size_t k = c->opinion_at; k < c->opinion_at + c->nopinions && k < s->nopinions; k++)
		hash_num(h, s->opinions[k].result);
	hash_consent(h, s, ci);
}

void hash_site_photos(struct hash *h, const struct site *s, size_t ci)
{
	const struct community *c = &s->communities[ci];

	hash_str(h, "photos");
	hash_num(h, (long long)c->nphotos);
	for (size_t k = c->photo_at; k < c->photo_at + c->nphotos && k < s->nphotos; k++) {
		const struct photo *ph = &s->photos[k];

		/* Not its path: the gallery names the derivatives by `name`,
		 * and their bytes are keyed by the file's (plan/photos.c). */
		hash_str(h, ph->name), hash_str(h, ph->caption);
		hash_date(h, ph->date), hash_num(h, ph->kind);
		hash_num(h, ph->width), hash_num(h, ph->height);
	}
}

void hash_site_holidays(struct hash *h, const struct site *s)
{
	hash_num(h, (long long)s->nholidays);
	for (size_t k = 0; k < s->nholidays; k++)
		hash_date(h, s->holidays[k].date), hash_num(h, s->holidays[k].workday);
}
