/* A community page's manifest key is hashed from the model, not from its
 * context (html/page_keys.c).  That is only right while the key covers
 * everything the context shows: so each case below changes one thing of
 * the example site's model and checks, for every community page, that a
 * page whose context changed also has a new key.  A field that the page
 * shows and the key leaves out fails here.  The cases that change one
 * community also check that no other community's key moved: an edited
 * row must not rebuild every page. */
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
	p->key = calloc(h.njobs + 1, sizeof(*p->key));
	p->ctx = calloc(h.njobs + 1, sizeof(*p->ctx));
	p->n = 0;
	for (size_t i = 0; i < h.njobs; i++) {
		const struct page_job *j = &h.jobs[i];
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

static const struct {
	const char *what;
	change_fn change;
	int one_community; /* only community C's page may change */
} changes[] = {
	{ "name", name, 1 },
	{ "area", area, 0 },
	{ "address", address, 1 },
	{ "contact", contact, 1 },
	{ "phone", phone, 1 },
	{ "households", households, 1 },
	{ "floor area", floor_area, 1 },
	{ "buildings", buildings, 1 },
	{ "built year", built_year, 1 },
	{ "elevator", elevator, 1 },
	{ "items", one_item_less, 1 },
	{ "status", status, 1 },
	{ "subdistrict", other_subdistrict, 0 },
	{ "contractor", no_contractor, 1 },
	{ "no page", no_page, 1 },
	{ "page body", page_body, 1 },
	{ "page title", page_title, 1 },
	{ "news title", news_title, 0 },
	{ "news body", news_body, 0 },
	{ "news date", news_date, 0 },
	{ "unit name", unit_name, 0 },
	{ "unit phone", unit_phone, 0 },
	{ "utility kind", utility_kind, 0 },
	{ "item title", item_title, 0 },
	{ "item description", item_text, 0 },
	{ "item category", item_category, 0 },
	{ "phase name", phase_name, 0 },
	{ "phase end", phase_end, 0 },
	{ "today", tomorrow, 0 },
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
	c = site_community_index(s, changed_id);
	CHECK(c != NO_INDEX && c > 0 && s->communities[c].page != NULL);
	if (c == NO_INDEX || s->communities[c].page == NULL)
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
	if (stale || changed == 0)
		printf("  change \"%s\": %zu pages changed, %zu rekeyed, %zu stale\n",
		       changes[k].what, changed, rekeyed, stale);
	CHECK(changed > 0); /* else the case tests nothing */
	CHECK_INT(stale, 0);
	if (changes[k].one_community) {
		CHECK_INT(rekeyed, 1);
		CHECK(!same(before.key[c], after.key[c]));
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
