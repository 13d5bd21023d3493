#include "plan/hash_site.h"

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
	hash_str(h, c->id), hash_str(h, c->name), hash_str(h, c->area);
	hash_str(h, c->address), hash_str(h, c->contact), hash_str(h, c->phone);
	hash_num(h, (long long)c->subdistrict), hash_num(h, (long long)c->contractor);
	hash_num(h, c->households), hash_num(h, c->floor_area_cm2);
	hash_num(h, c->buildings), hash_num(h, c->built_year);
	hash_num(h, (long long)c->status), hash_num(h, c->elevator);
	hash_num(h, (long long)c->nitems);
	for (size_t k = 0; k < c->nitems; k++)
		hash_num(h, (long long)c->items[k]);
	hash_site_page(h, c->page);
}
