/* A community page's manifest key is hashed from the model, not from its
 * context (html/page_keys.c).  That is only right while the key covers
 * everything the context shows: so each case below changes one thing of
 * the example site's model and checks, for every community page, that a
 * page whose context changed also has a new key.  A field that the page
 * shows and the key leaves out fails here.  The cases that change one
 * community also check that no other community's key moved: an edited
 * row must not rebuild every page.  A field the page does not show (an
 * opinion's text, which only the result page and notice show) must move
 * neither its context nor its key: a key that moves remakes the page
 * for nothing.  html_key_changes.h holds the changes of the optional
 * tables (progress, cycle, photos). */
#include <stdlib.h>
#include <string.h>

#include "html/pages.h"
#include "test.h"

static const struct date today = { 2022, 6, 1 };
/* The community each case changes: one with its own page, not the
 * first, so that a change that shifts positions would show. */
static const char *const changed_id = "yushu-xincun";

struct page_hashes {
	struct hash_value *key, *ctx;
	size_t n;
};

static int same(struct hash_value a, struct hash_value b)
{
	return a.hi == b.hi && a.lo == b.lo;
}

/* Every community page's key and context hash, in page order. */
static void hash_pages(const struct site *s, struct date day, struct page_hashes *p)
{
	struct plan_pages pp;
	struct html_site h;
	struct hash_value theme = { 1, 2 }, common;

	plan_pages_make(&pp, s, day);
	html_site_init(&h, &pp);
	common = plan_page_keys_common(&pp, 0);
	p->key = calloc(h.pages->n + 1, sizeof(*p->key));
	p->ctx = calloc(h.pages->n + 1, sizeof(*p->ctx));
	p->n = 0;
	for (size_t i = 0; i < h.pages->n; i++) {
		const struct page_job *j = &h.pages->v[i];
		cJSON *ctx;
		struct hash x;

		if (j->kind != PAGE_COMMUNITY)
			continue;
		ctx = page_context(&h, j);
		hash_init(&x);
		hash_str(&x, j->path);
		page_keys_hash_cjson(&x, ctx);
		cJSON_Delete(ctx);
		p->ctx[p->n] = hash_final(&x);
		p->key[p->n++] = plan_page_keys_community(&pp, common, theme, j);
	}
	plan_pages_free(&pp);
}

static void free_hashes(struct page_hashes *p)
{
	free(p->key);
	free(p->ctx);
}

/* The first news item that names a community, and that community. */
static struct page *news_naming(struct site *s, size_t *community)
{
	for (size_t i = 0; i < s->nnews; i++) {
		const struct page *p = s->news[i];

		for (size_t k = 0; k < p->ncommunities; k++) {
			*community = site_community_index(s, p->communities[k]);
			if (*community != NO_INDEX)
				return (struct page *)p;
		}
	}
	return NULL;
}

/* Each change gets the site, the community `c` to change and the day
 * the pages are made on. */
typedef void (*change_fn)(struct site *s, size_t c, struct date *day);

static void name(struct site *s, size_t c, struct date *d)
{
	(void)d;
	s->communities[c].name = "改了的名字";
}

static void area(struct site *s, size_t c, struct date *d)
{
	(void)d;
	s->communities[c].area = "新片区";
}

static void address(struct site *s, size_t c, struct date *d)
{
	(void)d;
	s->communities[c].address = "新地址1号";
}

static void contact(struct site *s, size_t c, struct date *d)
{
	(void)d;
	s->communities[c].contact = "王五";
}

static void phone(struct site *s, size_t c, struct date *d)
{
	(void)d;
	s->communities[c].phone = "0632-0000000";
}

static void numbers(struct site *s, size_t c, struct date *d, int which)
{
	struct community *m = &s->communities[c];

	(void)d;
	switch (which) {
	case 0: m->households++; break;
	case 1: m->floor_area_cm2++; break;
	case 2: m->buildings++; break;
	case 3: m->built_year--; break;
	case 4: m->elevator = !m->elevator; break;
	case 5: m->nitems--; break;
	case 6: m->status = (m->status + 1) % s->nphases; break;
	default: m->contractor = NO_INDEX; break;
	}
}

static void households(struct site *s, size_t c, struct date *d) { numbers(s, c, d, 0); }
static void floor_area(struct site *s, size_t c, struct date *d) { numbers(s, c, d, 1); }
static void buildings(struct site *s, size_t c, struct date *d) { numbers(s, c, d, 2); }
static void built_year(struct site *s, size_t c, struct date *d) { numbers(s, c, d, 3); }
static void elevator(struct site *s, size_t c, struct date *d) { numbers(s, c, d, 4); }
static void one_item_less(struct site *s, size_t c, struct date *d) { numbers(s, c, d, 5); }
static void status(struct site *s, size_t c, struct date *d) { numbers(s, c, d, 6); }
static void no_contractor(struct site *s, size_t c, struct date *d) { numbers(s, c, d, 7); }

static void other_subdistrict(struct site *s, size_t c, struct date *d)
{
	(void)d;
	for (size_t u = 0; u < s->nunits; u++)
		if (s->units[u].kind == UNIT_SUBDISTRICT && u != s->communities[c].subdistrict) {
			s->communities[c].subdistrict = u;
			return;
		}
}

static void no_page(struct site *s, size_t c, struct date *d)
{
	(void)d;
	s->communities[c].page = NULL;
}

static void page_body(struct site *s, size_t c, struct date *d)
{
	(void)d;
	((struct page *)s->communities[c].page)->body_md = "只有一句话。";
}

static void page_title(struct site *s, size_t c, struct date *d)
{
	(void)d;
	((struct page *)s->communities[c].page)->title = "新标题";
}

static void news(struct site *s, int which)
{
	size_t named;
	struct page *p = news_naming(s, &named);

	if (p == NULL)
		return;
	if (which == 0) {
		p->title = "新的动态标题";
	} else if (which == 1) {
		p->summary = "";
		p->body_md = "动态正文改了。";
	} else {
		p->date.day++;
	}
}

static void news_title(struct site *s, size_t c, struct date *d) { (void)c, (void)d; news(s, 0); }
static void news_body(struct site *s, size_t c, struct date *d) { (void)c, (void)d; news(s, 1); }
static void news_date(struct site *s, size_t c, struct date *d) { (void)c, (void)d; news(s, 2); }

static void unit_name(struct site *s, size_t c, struct date *d)
{
	(void)d;
	s->units[s->communities[c].subdistrict].name = "新街道";
}

static void unit_phone(struct site *s, size_t c, struct date *d)
{
	(void)d;
	s->units[s->communities[c].subdistrict].phone = "0632-1111111";
}

static void utility_kind(struct site *s, size_t c, struct date *d)
{
	(void)c, (void)d;
	for (size_t u = 0; u < s->nunits; u++)
		if (s->units[u].kind == UNIT_UTILITY) {
			s->units[u].kind = UNIT_ENTERPRISE;
			return;
		}
}

static void item(struct site *s, size_t c, int which)
{
	struct item *it = &s->items[s->communities[c].items[0]];

	if (which == 0)
		it->title = "新内容";
	else if (which == 1)
		it->description = "新说明";
	else
		it->category = "新类别";
}

static void item_title(struct site *s, size_t c, struct date *d) { (void)d; item(s, c, 0); }
static void item_text(struct site *s, size_t c, struct date *d) { (void)d; item(s, c, 1); }
static void item_category(struct site *s, size_t c, struct date *d) { (void)d; item(s, c, 2); }

static void phase_name(struct site *s, size_t c, struct date *d)
{
	(void)c, (void)d;
	s->phases[0].name = "新阶段";
}

static void phase_end(struct site *s, size_t c, struct date *d)
{
	(void)c, (void)d;
	s->phases[0].end.day++;
}

static void tomorrow(struct site *s, size_t c, struct date *d)
{
	(void)s, (void)c;
	d->day++;
}

/* The site without its progress facts (issue 19): only there do pages
 * show the 进度 phase id (with them, the status comes from the facts). */
static void without_progress(struct site *s)
{
	for (size_t i = 0; i < s->ncommunities; i++) {
		struct community *m = &s->communities[i];

		m->plan_start = m->plan_end = (struct date){ 0, 0, 0 };
		m->started = m->completed = m->accepted = (struct date){ 0, 0, 0 };
		m->investment = -1;
		m->nreports = m->nfunding = 0;
	}
	s->nreports = s->nfunding = 0;
}

#include "html_key_changes.h"

static const struct {
	const char *what;
	change_fn change;
	int one_community; /* only community C's page may change */
	/* The community C changed, when not changed_id: one that has what
	 * the case changes. */
	const char *id;
	/* 1: the page does not show it: its context must not change, and
	 * its key need not (a key that moves remakes the page for nothing). */
	int unseen;
} changes[] = {
	{ "name", name, 1, NULL, 0 },
	{ "area", area, 0, NULL, 0 },
	{ "address", address, 1, NULL, 0 },
	{ "contact", contact, 1, NULL, 0 },
	{ "phone", phone, 1, NULL, 0 },
	{ "households", households, 1, NULL, 0 },
	{ "floor area", floor_area, 1, NULL, 0 },
	{ "buildings", buildings, 1, NULL, 0 },
	{ "built year", built_year, 1, NULL, 0 },
	{ "elevator", elevator, 1, NULL, 0 },
	{ "items", one_item_less, 1, NULL, 0 },
	{ "status", status, 1, NULL, 0 },
	{ "subdistrict", other_subdistrict, 0, NULL, 0 },
	{ "contractor", no_contractor, 1, NULL, 0 },
	{ "no page", no_page, 1, NULL, 0 },
	{ "page body", page_body, 1, NULL, 0 },
	{ "page title", page_title, 1, NULL, 0 },
	{ "news title", news_title, 0, NULL, 0 },
	{ "news body", news_body, 0, NULL, 0 },
	{ "news date", news_date, 0, NULL, 0 },
	{ "unit name", unit_name, 0, NULL, 0 },
	{ "unit phone", unit_phone, 0, NULL, 0 },
	{ "utility kind", utility_kind, 0, NULL, 0 },
	{ "item title", item_title, 0, NULL, 0 },
	{ "item description", item_text, 0, NULL, 0 },
	{ "item category", item_category, 0, NULL, 0 },
	{ "phase name", phase_name, 0, NULL, 0 },
	{ "phase end", phase_end, 0, NULL, 0 },
	{ "today", tomorrow, 0, NULL, 0 },
	{ "plan start", plan_start, 1, NULL, 0 },
	{ "plan end", plan_end, 1, NULL, 0 },
	{ "started", started, 1, NULL, 0 },
	{ "completed", completed, 1, NULL, 0 },
	{ "accepted", accepted, 1, NULL, 0 },
	{ "investment", investment, 1, NULL, 0 },
	{ "designer", designer, 1, NULL, 0 },
	{ "supervisor", supervisor, 1, NULL, 0 },
	{ "manager", manager, 1, NULL, 0 },
	{ "manager phone", manager_phone, 1, NULL, 0 },
	{ "hotline", hotline, 1, NULL, 0 },
	{ "report percent", report_percent, 1, NULL, 0 },
	{ "report done", report_done, 1, NULL, 0 },
	{ "report invested", report_invested, 1, NULL, 0 },
	{ "report date", report_date, 1, NULL, 0 },
	{ "one report less", one_report_less, 1, NULL, 0 },
	{ "report_at", report_at, 1, NULL, 0 },
	{ "funding amount", funding_amount, 1, NULL, 0 },
	{ "funding source", funding_source, 1, NULL, 0 },
	{ "one source less", one_source_less, 1, NULL, 0 },
	{ "posting issuer", posting_issuer, 1, NULL, 0 },
	{ "posting deadline", posting_deadline, 1, NULL, 0 },
	{ "posting date", posting_date, 1, NULL, 0 },
	{ "posting days", posting_days, 1, NULL, 0 },
	{ "posting issuer (再公示)", posting_issuer, 1, "huaihe-xincun", 0 },
	{ "posting items (再公示)", posting_items, 1, "huaihe-xincun", 0 },
	{ "posting note (再公示)", posting_note, 1, "huaihe-xincun", 0 },
	{ "posting added (再公示)", posting_added, 1, "huaihe-xincun", 0 },
	{ "one posting less", one_posting_less, 1, "huaihe-xincun", 0 },
	{ "opinion answer", opinion_answer, 1, NULL, 1 },
	{ "opinion summary", opinion_summary, 1, NULL, 1 },
	{ "opinion channel", opinion_channel, 1, NULL, 1 },
	{ "opinion date", opinion_date, 1, NULL, 1 },
	{ "opinion result", opinion_result, 1, NULL, 0 },
	{ "one opinion less", one_opinion_less, 1, NULL, 0 },
	{ "site has no opinions", no_opinions, 0, NULL, 0 },
	{ "consent asked", consent_asked, 1, NULL, 0 },
	{ "consent agreed", consent_agreed, 1, NULL, 0 },
	{ "consent disagreed", consent_disagreed, 1, NULL, 0 },
	{ "consent no reply", consent_no_reply, 1, NULL, 0 },
	{ "consent date", consent_date, 1, NULL, 0 },
	{ "consent override", consent_override, 1, NULL, 1 },
	{ "no consent", no_consent, 1, NULL, 0 },
	{ "photo caption", photo_caption, 1, NULL, 0 },
	{ "photo date", photo_date, 1, NULL, 0 },
	{ "photo kind", photo_kind, 1, NULL, 0 },
	{ "photo name", photo_name, 1, NULL, 0 },
	{ "photo size", photo_size, 1, NULL, 0 },
	{ "photo path", photo_path, 1, NULL, 1 },
	{ "one photo less", one_photo_less, 1, NULL, 0 },
	{ "holiday", holiday, 0, NULL, 0 },
};

/* Changes the freshly loaded example site one way and compares. */
static void check_change(size_t k)
{
	diags d = DIAGS_INIT;
	struct site *s = model_load(".", &d);
	struct page_hashes before, after;
	struct date day = today;
	size_t changed = 0, rekeyed = 0, stale = 0, c;

	if (s == NULL || d.errors) {
		CHECK(!"the example site loads");
		site_free(s);
		diags_free(&d);
		return;
	}
	if (changes[k].change == status) /* the phase shows only there */
		without_progress(s);
	c = site_community_index(s, changes[k].id ? changes[k].id : changed_id);
	CHECK(c != NO_INDEX && c > 0 && (changes[k].id || s->communities[c].page != NULL));
	if (c == NO_INDEX)
		c = 1;
	hash_pages(s, day, &before);
	changes[k].change(s, c, &day);
	hash_pages(s, day, &after);
	CHECK_INT(after.n, before.n);
	for (size_t i = 0; i < before.n && i < after.n; i++) {
		int ctx_moved = !same(before.ctx[i], after.ctx[i]);
		int key_moved = !same(before.key[i], after.key[i]);

		changed += ctx_moved;
		rekeyed += key_moved;
		stale += ctx_moved && !key_moved;
	}
	if (stale || (changed == 0) != changes[k].unseen || (changes[k].unseen && rekeyed))
		printf("  change \"%s\": %zu pages changed, %zu rekeyed, %zu stale\n",
		       changes[k].what, changed, rekeyed, stale);
	CHECK_INT(stale, 0);
	if (changes[k].unseen) {
		/* Not shown: the key that moves would remake the page for
		 * nothing. */
		CHECK_INT(changed, 0);
		CHECK_INT(rekeyed, 0);
	} else if (changes[k].one_community) {
		CHECK(changed > 0); /* else the case tests nothing */
		CHECK_INT(rekeyed, 1);
		CHECK(!same(before.key[c], after.key[c]));
	} else {
		CHECK(changed > 0);
	}
	free_hashes(&before);
	free_hashes(&after);
	site_free(s);
	diags_free(&d);
}

/* The example site as it is: every page has its own key, and hashing
 * twice gives the same. */
static void check_stable(void)
{
	diags d = DIAGS_INIT;
	struct site *s = model_load(".", &d);
	struct page_hashes a, b;
	size_t dup = 0;

	CHECK(s != NULL && d.errors == 0);
	if (s == NULL) {
		diags_free(&d);
		return;
	}
	hash_pages(s, today, &a);
	hash_pages(s, today, &b);
	CHECK(a.n == s->ncommunities);
	for (size_t i = 0; i < a.n; i++) {
		CHECK(same(a.key[i], b.key[i]));
		for (size_t k = 0; k < i; k++)
			dup += same(a.key[i], a.key[k]);
	}
	CHECK_INT(dup, 0);
	free_hashes(&a);
	free_hashes(&b);
	site_free(s);
	diags_free(&d);
}

int main(void)
{
	check_stable();
	for (size_t k = 0; k < sizeof(changes) / sizeof(changes[0]); k++)
		check_change(k);
	return test_done();
}
