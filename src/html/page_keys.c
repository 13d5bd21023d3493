/* What a page is made from, as a hash for the manifest (build/manifest.h).
 *
 * The general way is to build the page's context and hash it
 * (hash_cjson): always right, since the context is all a template
 * sees, but at 55,000 communities building every context only to find it
 * unchanged was half of a one-row rebuild.  So a community's page, the
 * one page kind there are tens of thousands of, is keyed straight from
 * the model instead: everything page_community() reads, and nothing of
 * the other communities.  test_html_site's key test changes the model
 * field by field and fails when a context changes and its key does not:
 * a field added to the page must be added here too. */
#include <string.h>

#include "html/pages.h"

void hash_cjson(struct hash *h, const cJSON *x)
{
	for (; x; x = x->next) {
		hash_num(h, x->type & 0xFF);
		hash_str(h, x->string);
		if (cJSON_IsString(x) || cJSON_IsRaw(x))
			hash_str(h, x->valuestring);
		else if (cJSON_IsNumber(x))
			hash_bytes(h, &x->valuedouble, sizeof(x->valuedouble));
		else if (cJSON_IsArray(x) || cJSON_IsObject(x))
			hash_cjson(h, x->child);
		/* Where the children end, so that [[a],b] and [[a,b]] differ. */
		hash_num(h, -1);
	}
}

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

/* The settings are hashed as site.yaml's bytes, not field by field: a
 * setting added later is then covered without anyone remembering it. */
struct hash_value community_pages_common(const struct html_site *h, int no_pdf)
{
	const struct site *s = h->s;
	struct hash x;
	buf path = BUF_INIT;

	hash_init(&x);
	hash_str(&x, "community-page-common");
	buf_printf(&path, "%ssite.yaml", s->prefix ? s->prefix : "");
	hash_file(&x, path.data);
	buf_free(&path);
	hash_num(&x, no_pdf);
	hash_date(&x, h->today);
	hash_date(&x, site_notice_date(s));
	hash_date(&x, site_publicity_end(s));
	hash_num(&x, (long long)h->housing);
	hash_units(&x, s);
	hash_items(&x, s);
	hash_phases(&x, s);
	return hash_final(&x);
}

static void hash_page(struct hash *h, const struct page *p)
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

struct hash_value community_page_key(const struct html_site *h, struct hash_value common,
				     struct hash_value theme, const struct page_job *j)
{
	const struct community *m = &h->s->communities[j->index];
	struct hash x;

	hash_init(&x);
	hash_str(&x, "community-page");
	hash_value_add(&x, common);
	hash_value_add(&x, theme);
	hash_str(&x, j->path);
	hash_str(&x, j->template);
	hash_str(&x, m->id), hash_str(&x, m->name), hash_str(&x, m->area);
	hash_str(&x, m->address), hash_str(&x, m->contact), hash_str(&x, m->phone);
	hash_num(&x, (long long)m->subdistrict), hash_num(&x, (long long)m->contractor);
	hash_num(&x, m->households), hash_num(&x, m->floor_area_cm2);
	hash_num(&x, m->buildings), hash_num(&x, m->built_year);
	hash_num(&x, (long long)m->status), hash_num(&x, m->elevator);
	hash_num(&x, (long long)m->nitems);
	for (size_t k = 0; k < m->nitems; k++)
		hash_num(&x, (long long)m->items[k]);
	/* The list's filter key: it depends on the order of all areas. */
	hash_str(&x, h->area_of[j->index] ? h->area_of[j->index]->key : "");
	hash_page(&x, m->page);
	hash_num(&x, (long long)(h->news_at[j->index + 1] - h->news_at[j->index]));
	for (size_t k = h->news_at[j->index]; k < h->news_at[j->index + 1]; k++)
		hash_page(&x, h->s->news[h->news_of[k]]);
	return hash_final(&x);
}
