/* What a page is made from, as a hash for the manifest (write/manifest.h).
 *
 * The general way is to build the page's context and hash it
 * (page_keys_hash_cjson): always right, since the context is all a template
 * sees, but on a big site building every context only to find it
 * unchanged was half of a one-row rebuild (docs/performance.md).  So a community's page, the
 * one page kind there are tens of thousands of, is keyed straight from
 * the model instead: everything page_community() reads, and nothing of
 * the other communities.  test_html_keys changes the model field by
 * field and fails when a context changes and its key does not: a field
 * added to the page must be added here (or to plan/hash_site.c) too. */
#include "plan/hash_site.h"
#include "html/community_progress.h"
#include "html/pages.h"

void page_keys_hash_cjson(struct hash *h, const cJSON *x)
{
	for (; x; x = x->next) {
		hash_num(h, x->type & 0xFF);
		hash_str(h, x->string);
		if (cJSON_IsString(x) || cJSON_IsRaw(x))
			hash_str(h, x->valuestring);
		else if (cJSON_IsNumber(x))
			hash_bytes(h, &x->valuedouble, sizeof(x->valuedouble));
		else if (cJSON_IsArray(x) || cJSON_IsObject(x))
			page_keys_hash_cjson(h, x->child);
		/* Where the children end, so that [[a],b] and [[a,b]] differ. */
		hash_num(h, -1);
	}
}

struct hash_value page_keys_community_common(const struct html_site *h, int no_pdf)
{
	struct hash x;

	hash_init(&x);
	hash_str(&x, "community-page-common");
	hash_site_common(&x, h->s, h->today);
	hash_num(&x, no_pdf);
	return hash_final(&x);
}

struct hash_value page_keys_community(const struct html_site *h, struct hash_value common,
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
	hash_site_community(&x, m);
	hash_site_postings(&x, h->s, j->index);
	hash_site_answer_counts(&x, h->s, j->index);
	hash_site_photos(&x, h->s, j->index);
	community_progress_hash(&x, h, j->index);
	/* The list's filter key: it depends on the order of all areas. */
	hash_str(&x, h->area_of[j->index] ? h->area_of[j->index]->key : "");
	hash_num(&x, (long long)(h->news_at[j->index + 1] - h->news_at[j->index]));
	for (size_t k = h->news_at[j->index]; k < h->news_at[j->index + 1]; k++)
		hash_site_page(&x, h->s->news[h->news_of[k]]);
	return hash_final(&x);
}
