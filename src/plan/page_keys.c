/* A community page's key, for the manifest (write/manifest.h), hashed
 * from the model without building its context (plan/pages.h).
 *
 * Any other page is keyed by its renderer, from the context it builds
 * (html/page_keys.c): always right, since the context is all a template
 * sees, but on a big site building every context only to find it
 * unchanged was half of a one-row rebuild (docs/performance.md).  So the
 * community's page, the one page kind there are tens of thousands of, is
 * keyed here instead: everything html/'s page_community() reads, and
 * nothing of the other communities.  test_html_keys changes the model
 * field by field and fails when a context changes and its key does not:
 * a field added to the page must be added here (or to plan/hash_site.c)
 * too. */
#include "plan/hash_site.h"
#include "plan/pages.h"

struct hash_value plan_page_keys_common(const struct plan_pages *pp, int no_pdf)
{
	struct hash x;

	hash_init(&x);
	hash_str(&x, "community-page-common");
	hash_site_common(&x, pp->s, pp->today);
	hash_num(&x, no_pdf);
	return hash_final(&x);
}

struct hash_value plan_page_keys_community(const struct plan_pages *pp, struct hash_value common,
					   struct hash_value theme, const struct page_job *j)
{
	const struct site *s = pp->s;
	size_t c = j->index;
	struct hash x;

	hash_init(&x);
	hash_str(&x, "community-page");
	hash_value_add(&x, common);
	hash_value_add(&x, theme);
	hash_str(&x, j->path);
	hash_str(&x, j->template);
	hash_site_community(&x, &s->communities[c]);
	hash_site_postings(&x, s, c);
	hash_site_answer_counts(&x, s, c);
	hash_site_photos(&x, s, c);
	/* The page's progress section (html/community_progress.c). */
	hash_str(&x, "community-progress");
	hash_num(&x, pp->has_progress);
	if (pp->has_progress)
		hash_site_progress(&x, s, c);
	/* The list's filter key: it depends on the order of all areas. */
	hash_str(&x, pp->area_of[c] ? pp->area_of[c]->key : "");
	hash_num(&x, (long long)(pp->news_at[c + 1] - pp->news_at[c]));
	for (size_t k = pp->news_at[c]; k < pp->news_at[c + 1]; k++)
		hash_site_page(&x, s->news[pp->news_of[k]]);
	return hash_final(&x);
}
