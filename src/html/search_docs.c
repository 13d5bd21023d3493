/* The site's search documents, indexed in parts on the page pool's
 * threads and joined in order as the parts finish (search_index_append):
 * the index of a large site took seconds on one thread, beside pages
 * that no longer need them. */
#include <pthread.h>
#include <stdlib.h>

#include "html/markdown.h"
#include "html/search_cache.h"
#include "html/search_docs.h"
#include "html/search_update.h"
#include "html/urls.h"
#include "model/progress.h"
#include "util/xalloc.h"

struct search_build {
	const struct html_site *h;
	/* The last build's index (search_cache.h), or NULL: then every
	 * document is indexed. */
	struct search_cache *cache;
	size_t per_part; /* communities */
	size_t nparts;
	pthread_mutex_t lock; /* guards what follows */
	struct search_index **done; /* finished parts not yet joined */
	struct search_index *whole; /* parts [0, joined) */
	/* With a cache, the words of the documents that changed, by part:
	 * `whole` then holds every document's entry but no words. */
	struct search_index **done_changed, *changed;
	size_t joined;
};

/* What one part makes: its documents, numbered from `first` in the
 * whole index (`id` is the next one's number); `x` numbers them from 0,
 * `changed` as in the whole.  The next document is made in `url`,
 * `snippet` and `text`. */
struct part {
	struct search_index *x, *changed;
	const struct search_cache *cache;
	size_t first, id;
	buf url, snippet, text;
};

/* Adds one document to the part, hashed to `key` (NULL: its five fields
 * are hashed), and empties the buffers for the next; the index copies
 * what it keeps.  With a cache, only a document that changed has its
 * words counted. */
static void add_keyed(struct part *p, const char *title, const char *kind,
		      const struct hash_value *key)
{
	struct search_doc doc = { title, p->url.data ? p->url.data : "", kind,
				  p->snippet.data ? p->snippet.data : "",
				  p->text.data ? p->text.data : "" };
	struct hash_value h = key ? *key : search_doc_hash(&doc);

	search_index_add_entry(p->x, &doc, h);
	if (p->cache == NULL)
		search_index_add_words(p->x, p->id - p->first, &doc);
	else if (!search_cache_same(p->cache, p->id, h))
		search_index_add_words(p->changed, p->id, &doc);
	p->id++;
	buf_reset(&p->url);
	buf_reset(&p->snippet);
	buf_reset(&p->text);
}

static void add_doc(struct part *p, const char *title, const char *kind)
{
	add_keyed(p, title, kind, NULL);
}

static void md_text(buf *out, const char *md)
{
	if (md)
		markdown_text(out, md);
	buf_putc(out, '\n');
}

/* A community's searchable text in the making: appended to `text`, or
 * only hashed into `h`, by the same calls.  With a cache, an unchanged
 * community costs a hash of what its text is made of instead of its text
 * (turning every body from Markdown into text was most of the time of
 * indexing the unchanged ones); going through the same calls, the hash
 * covers all of it and only it. */
struct doc_text {
	buf *text;
	struct hash *h;
};

static void put(struct doc_text *t, const char *s)
{
	if (t->text)
		buf_puts(t->text, s);
	else
		hash_str(t->h, s);
}

static void put_line(struct doc_text *t, const char *s)
{
	put(t, s);
	put(t, "\n");
}

static void put_markdown(struct doc_text *t, const char *md)
{
	if (t->text) {
		md_text(t->text, md);
	} else {
		hash_str(t->h, "\001markdown");
		hash_str(t->h, md);
	}
}

/* The status words residents search by ("已竣工", "未开工", "逾期"), from
 * the facts when the site has them (issue 19), else the 进度 phase. */
static void status_words(const struct html_site *h, const struct community *m,
			 struct doc_text *t)
{
	if (!h->pages->has_progress) {
		if (m->status < h->s->nphases)
			put_line(t, h->s->phases[m->status].name);
		return;
	}
	put_line(t, progress_status_name(progress_status(m, h->pages->today)));
	if (progress_overdue(m, h->pages->today))
		put_line(t, "逾期");
}

static void community_text(const struct html_site *h, const struct community *m,
			   struct doc_text *t)
{
	const struct site *s = h->s;

	put_line(t, m->id);
	put_line(t, m->address);
	put_line(t, m->area);
	put_line(t, s->units[m->subdistrict].name);
	put(t, m->contact);
	put(t, " ");
	put_line(t, m->phone);
	if (m->contractor != NO_INDEX)
		put_line(t, s->units[m->contractor].name);
	status_words(h, m, t);
	for (size_t k = 0; k < m->nitems; k++)
		put_line(t, s->items[m->items[k]].title);
	if (m->page)
		put_markdown(t, m->page->body_md);
}

/* What a community's document is made of, hashed: its title, url, kind
 * and snippet, and the pieces of its text. */
static struct hash_value community_key(const struct html_site *h, const struct community *m,
				       const buf *url, const buf *snippet)
{
	struct hash x;
	struct doc_text t = { NULL, &x };

	hash_init(&x);
	hash_str(&x, "community");
	hash_str(&x, m->name);
	hash_str(&x, url->data);
	hash_str(&x, snippet->data);
	community_text(h, m, &t);
	return hash_final(&x);
}

/* Communities [from, to). */
static void community_docs(const struct html_site *h, size_t from, size_t to, struct part *ds)
{
	const struct site *s = h->s;
	struct doc_text t = { &ds->text, NULL };

	for (size_t i = from; i < to; i++) {
		const struct community *m = &s->communities[i];
		const char *sd = s->units[m->subdistrict].name;
		struct hash_value key;

		href_community(&ds->url, m->id);
		buf_printf(&ds->snippet, "%s%s%s%s%s", sd, *m->area ? " · " : "", m->area,
			   *m->address ? " · " : "", m->address);
		/* The status shows in the result, as on the community's page. */
		if (h->pages->has_progress)
			buf_printf(&ds->snippet, " · %s%s",
				   progress_status_name(progress_status(m, h->pages->today)),
				   progress_overdue(m, h->pages->today) ? " · 逾期" : "");
		key = community_key(h, m, &ds->url, &ds->snippet);
		/* Its text is not needed when its words are not counted. */
		if (ds->cache == NULL || !search_cache_same(ds->cache, ds->id, key))
			community_text(h, m, &t);
		add_keyed(ds, m->name, "小区", &key);
	}
}

static void unit_docs(const struct site *s, struct part *ds)
{

	for (size_t u = 0; u < s->nunits; u++) {
		href_unit(&ds->url, s->units[u].id);
		buf_printf(&ds->snippet, "%s%s%s", format_unit_kind(s->units[u].kind),
			   *s->units[u].phone ? " · 电话 " : "", s->units[u].phone);
		buf_printf(&ds->text, "%s\n%s\n", s->units[u].id, s->units[u].phone);
		for (size_t d = 0; d < s->nduties; d++)
			for (size_t k = 0; k < s->duties[d].nunits; k++)
				if (s->duties[d].units[k] == u)
					md_text(&ds->text, s->duties[d].duty_md);
		add_doc(ds, s->units[u].name, "责任单位");
	}
}

static void other_docs(const struct html_site *h, struct part *ds)
{
	const struct site *s = h->s;

	for (size_t i = 0; i < s->nitems; i++) {
		const struct item *it = &s->items[i];

		buf_puts(&ds->url, "items/index.html#item-");
		buf_puts(&ds->url, it->code);
		markdown_excerpt(&ds->snippet, it->description, 60);
		buf_printf(&ds->text, "%s\n%s\n", it->description, it->category);
		add_doc(ds, it->title, "改造内容");
	}
	for (size_t i = 0; i < s->nnews; i++) {
		const struct page *p = s->news[i];
		char date[32] = "";

		if (p->date.year)
			date_chinese(p->date, date);
		href_news(&ds->url, p->slug);
		buf_puts(&ds->snippet, date);
		md_text(&ds->text, p->body_md);
		add_doc(ds, *p->title ? p->title : p->slug, "工作动态");
	}
	for (size_t i = 0; i < h->pages->n; i++) {
		const struct page_job *j = &h->pages->v[i];
		const struct page *p = j->kind == PAGE_PLAN ? s->plan_page
				       : j->kind == PAGE_CONTENT ? &s->pages[j->index]
								 : NULL;

		if (p == NULL)
			continue;
		buf_puts(&ds->url, j->path);
		md_text(&ds->text, p->body_md);
		add_doc(ds, *p->title ? p->title : j->kind == PAGE_PLAN ? "实施方案" : p->slug,
			j->kind == PAGE_PLAN ? "实施方案" : "页面");
	}
	if (s->nmembers) {
		buf_puts(&ds->url, "group/index.html");
		for (size_t i = 0; i < s->nmembers; i++)
			buf_printf(&ds->text, "%s %s %s\n", s->members[i].name, s->members[i].role,
				   s->members[i].position);
		add_doc(ds, "领导小组", "领导小组");
	}
}

/* How many documents the parts add: communities, then what other_docs()
 * and unit_docs() add.  Keep the three together. */
static size_t count_docs(const struct html_site *h)
{
	const struct site *s = h->s;
	size_t n = s->ncommunities + s->nunits + s->nitems + s->nnews + (s->nmembers != 0);

	for (size_t i = 0; i < h->pages->n; i++)
		n += h->pages->v[i].kind == PAGE_PLAN || h->pages->v[i].kind == PAGE_CONTENT;
	return n;
}

struct search_build *search_build_new(const struct html_site *h, size_t per_part,
				      const char *last_dir)
{
	struct search_build *b = xcalloc(1, sizeof(*b));

	b->h = h;
	b->per_part = per_part ? per_part : 1;
	b->nparts = h->s->ncommunities / b->per_part + 1;
	b->done = xcalloc(b->nparts, sizeof(*b->done));
	b->done_changed = xcalloc(b->nparts, sizeof(*b->done_changed));
	if (last_dir)
		b->cache = search_cache_load(last_dir, count_docs(h));
	pthread_mutex_init(&b->lock, NULL);
	return b;
}

size_t search_build_parts(const struct search_build *b)
{
	return b->nparts;
}

/* Part `i`'s documents, in the order of the whole index: its range of
 * communities; the last part also every unit, item, news and page. */
static struct part index_part(const struct search_build *b, size_t i,
			      const struct search_cache *cache)
{
	const struct site *s = b->h->s;
	size_t from = i * b->per_part, to = from + b->per_part;
	struct part p = { search_index_new(), cache ? search_index_new() : NULL, cache, from, from,
			  BUF_INIT, BUF_INIT, BUF_INIT };

	community_docs(b->h, from, to < s->ncommunities ? to : s->ncommunities, &p);
	if (i + 1 == b->nparts) {
		unit_docs(s, &p);
		other_docs(b->h, &p);
	}
	buf_free(&p.url);
	buf_free(&p.snippet);
	buf_free(&p.text);
	return p;
}

/* Appends `part` to `*whole`, or makes it the whole when there is none. */
static void join(struct search_index **whole, struct search_index *part)
{
	if (*whole)
		search_index_append(*whole, part);
	else
		*whole = part;
}

int search_build_part(struct search_build *b, size_t i)
{
	struct part p = index_part(b, i, b->cache);
	int last;

	pthread_mutex_lock(&b->lock);
	b->done[i] = p.x;
	b->done_changed[i] = p.changed;
	while (b->joined < b->nparts && b->done[b->joined]) {
		join(&b->whole, b->done[b->joined]);
		if (b->done_changed[b->joined])
			join(&b->changed, b->done_changed[b->joined]);
		b->done[b->joined] = b->done_changed[b->joined] = NULL;
		b->joined++;
	}
	/* Part i was not joined before this call, so only the call that
	 * joins the last part sees the count reach the end. */
	last = b->joined == b->nparts;
	pthread_mutex_unlock(&b->lock);
	return last;
}

/* Every document indexed on this thread: when the cache turns out
 * damaged only once the parts are made. */
static struct search_index *index_all(const struct search_build *b)
{
	struct search_index *whole = NULL;

	for (size_t i = 0; i < b->nparts; i++)
		join(&whole, index_part(b, i, NULL).x);
	return whole;
}

int search_build_write(struct search_build *b, const struct search_sink *sink)
{
	if (b->cache) {
		int rc = search_update_write(b->cache, b->whole, b->changed, sink);

		if (rc != -2)
			return rc;
		search_index_free(b->whole);
		b->whole = index_all(b);
	}
	return search_index_write(b->whole, sink);
}

void search_build_free(struct search_build *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->nparts; i++) {
		search_index_free(b->done[i]);
		search_index_free(b->done_changed[i]);
	}
	free(b->done);
	free(b->done_changed);
	search_index_free(b->whole);
	search_index_free(b->changed);
	search_cache_free(b->cache);
	pthread_mutex_destroy(&b->lock);
	free(b);
}
