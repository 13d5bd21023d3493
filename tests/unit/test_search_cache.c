/* The search index updated from the last build's cache
 * (html/search_update.c) must give exactly the files of a clean build,
 * the cache file too, whatever changed: here a chain of edits to the
 * example site's model, each built both ways and compared.  The update
 * must also carry unchanged chunks over rather than write them, and a
 * damaged or mismatched cache must fall back to indexing everything. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "html/search_cache.h"
#include "html/search_docs.h"
#include "test.h"
#include "util/buf.h"

static const struct date today = { 2022, 6, 1 };

/* The files of one build, in the order they came. */
struct files {
	char **path;
	buf *data;
	size_t n, cap;
	size_t written, carried;
	size_t needless; /* token chunks written with the last build's bytes */
	size_t doc_chunks; /* document chunks written */
	const struct files *last; /* what `carry` may take files from */
};

static void files_free(struct files *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->path[i]);
		buf_free(&f->data[i]);
	}
	free(f->path);
	free(f->data);
	memset(f, 0, sizeof(*f));
}

static const buf *files_get(const struct files *f, const char *path)
{
	for (size_t i = 0; f && i < f->n; i++)
		if (strcmp(f->path[i], path) == 0)
			return &f->data[i];
	return NULL;
}

static void files_add(struct files *f, const char *path, const char *data, size_t len)
{
	/* Each file once: a fallback must not write a file twice. */
	CHECK(files_get(f, path) == NULL);
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 64;
		f->path = realloc(f->path, f->cap * sizeof(*f->path));
		f->data = realloc(f->data, f->cap * sizeof(*f->data));
	}
	f->path[f->n] = strdup(path);
	f->data[f->n] = (buf)BUF_INIT;
	buf_put(&f->data[f->n], data, len);
	f->n++;
}

static int write_file(void *ctx, const char *path, const char *data, size_t len)
{
	struct files *f = ctx;
	const buf *old = files_get(f->last, path);

	if (strncmp(path, "search-index/t/", 15) == 0 && old && old->len == len &&
	    memcmp(old->data, data, len) == 0)
		f->needless++;
	f->doc_chunks += strncmp(path, "search-index/d/", 15) == 0;
	files_add(f, path, data, len);
	f->written++;
	return 0;
}

/* As the manifest does: the last build's file, when its bytes are the
 * ones the key names. */
static int carry_file(void *ctx, const char *path, struct hash_value key)
{
	struct files *f = ctx;
	const buf *old = files_get(f->last, path);
	struct hash_value h;

	if (old == NULL)
		return 0;
	h = hash_content(old->data, old->len);
	if (h.hi != key.hi || h.lo != key.lo)
		return 0;
	files_add(f, path, old->data, old->len);
	f->carried++;
	return 1;
}

/* The index of `s`, updated from the cache in `dir` when not NULL; in
 * parts of `per` communities, the last part first when `backwards`. */
static int build(const struct site *s, const char *dir, size_t per, int backwards,
		 struct files *out)
{
	struct plan_pages pp;
	struct html_site h;
	struct search_build *b;
	struct search_sink sink = { write_file, carry_file, out };
	size_t n;
	int rc = -1;

	plan_pages_make(&pp, s, today);
	html_site_init(&h, &pp);
	b = search_build_new(&h, per, dir);
	n = search_build_parts(b);
	for (size_t k = 0; k < n; k++)
		if (search_build_part(b, backwards ? n - 1 - k : k))
			rc = search_build_write(b, &sink);
	search_build_free(b);
	plan_pages_free(&pp);
	return rc;
}

/* 1 when both have the same files with the same bytes. */
static int same_files(const struct files *a, const struct files *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++) {
		const buf *x = files_get(b, a->path[i]);

		if (x == NULL || x->len != a->data[i].len ||
		    memcmp(x->data, a->data[i].data, x->len) != 0) {
			printf("  differs: %s\n", a->path[i]);
			return 0;
		}
	}
	return 1;
}

/* Puts `len` bytes of `data` in DIR/.gongshi-search. */
static void put_cache(const char *dir, const char *data, size_t len)
{
	buf path = BUF_INIT;
	FILE *f;

	buf_printf(&path, "%s/%s", dir, SEARCH_CACHE_NAME);
	f = fopen(path.data, "wb");
	CHECK(f != NULL);
	if (f) {
		fwrite(data, 1, len, f);
		fclose(f);
	}
	buf_free(&path);
}

/* The first community with a page of its own. */
static struct community *with_page(struct site *s)
{
	for (size_t i = 0; i < s->ncommunities; i++)
		if (s->communities[i].page)
			return &s->communities[i];
	return &s->communities[0];
}

/* The edits, applied one after the other. */
static void edit(struct site *s, int step)
{
	struct community *m = &s->communities[7];

	switch (step) {
	case 0: m->phone = "0632-7654321"; break;		/* one new token */
	case 1: m->address = "新华路东段88号"; break;	/* Han pairs in and out */
	case 2: m->name = "一个全新的小区名字"; break;		/* in the title */
	case 3: ((struct page *)s->news[0])->body_md = "动态正文改了，只剩一句。"; break;
	case 4: s->units[m->subdistrict].name = "改名街道"; break; /* many docs */
	case 5: m->phone = s->communities[8].phone; break;	/* a token's docs grow */
	case 6: s->communities[0].address = s->communities[1].address; break;
	/* What a community's text is made of besides its row (its key,
	 * html/search_docs.c). */
	case 7: ((struct page *)with_page(s)->page)->body_md = "正文只剩**一句**。"; break;
	case 8: s->items[m->items[0]].title = "新的改造内容"; break;
	case 9: m->contractor = NO_INDEX; break;
	default: s->phases[m->status].name = "新的阶段"; break;
	}
}

#define STEPS 11

/* A chain of edits, each built clean and from the cache of the build
 * before; `per` cuts the parts. */
static void check_chain(struct site *s, const char *dir, size_t per)
{
	struct files last = { 0 }, clean = { 0 }, inc = { 0 };
	const buf *cache;

	CHECK_INT(build(s, NULL, per, 0, &last), 0);
	for (int step = 0; step < STEPS; step++) {
		cache = files_get(&last, SEARCH_CACHE_NAME);
		CHECK(cache != NULL);
		if (cache == NULL)
			break;
		put_cache(dir, cache->data, cache->len);
		edit(s, step);
		CHECK_INT(build(s, NULL, per, 0, &clean), 0);
		inc.last = &last;
		CHECK_INT(build(s, dir, per, step % 2, &inc), 0);
		if (!same_files(&clean, &inc))
			printf("  after edit %d, parts of %zu\n", step, per);
		CHECK(same_files(&clean, &inc));
		/* Only the chunks that changed are written: on this small
		 * site a new name or text touches every token chunk, a new
		 * phone number a few.  A document chunk is written when one
		 * of its documents changed (its text, which the chunk does
		 * not show, may be all that did). */
		CHECK_INT(inc.needless, 0);
		if (step != 4 && step != 8 && step != 10)
			CHECK(inc.doc_chunks <= 1);
		if (step == 0 || step == 5)
			CHECK(inc.carried > 0);
		files_free(&last);
		files_free(&clean);
		last = inc;
		memset(&inc, 0, sizeof(inc));
	}
	files_free(&last);
}

/* A cache that cannot be used, put in `dir`: the build must index every
 * document and give the clean build's files. */
static void check_fallback(const struct site *s, const char *dir, const char *why,
			   const char *data, size_t len)
{
	struct files clean = { 0 }, got = { 0 };

	put_cache(dir, data, len);
	CHECK_INT(build(s, NULL, 4, 0, &clean), 0);
	CHECK_INT(build(s, dir, 4, 0, &got), 0);
	if (!same_files(&clean, &got))
		printf("  with %s\n", why);
	CHECK(same_files(&clean, &got));
	CHECK_INT(got.carried, 0);
	files_free(&clean);
	files_free(&got);
}

/* Where the first document's hash starts: after the format line and
 * three varints. */
static size_t first_hash(const char *cache)
{
	size_t at = strlen("gongshi-search 1\n");

	for (int k = 0; k < 3; k++)
		while (cache[at++] & 0x80)
			;
	return at;
}

static void check_damaged(const struct site *s, const char *dir)
{
	struct files full = { 0 };
	const buf *c;
	buf bad = BUF_INIT;

	CHECK_INT(build(s, NULL, 4, 0, &full), 0);
	c = files_get(&full, SEARCH_CACHE_NAME);
	CHECK(c != NULL && c->len > 64);
	if (c == NULL || c->len <= 64) {
		files_free(&full);
		return;
	}
	check_fallback(s, dir, "an empty file", "", 0);
	check_fallback(s, dir, "another format", "gongshi-search 0\n", 17);
	check_fallback(s, dir, "the file cut short", c->data, c->len - 1);
	buf_put(&bad, c->data, c->len);
	buf_putc(&bad, 'x');
	check_fallback(s, dir, "a byte too many", bad.data, bad.len);
	/* The last byte ends the last token's postings: as 0x80 the entry
	 * never ends.  Loading does not read postings; updating does. */
	bad.len = c->len;
	bad.data[bad.len - 1] = (char)0x80;
	check_fallback(s, dir, "postings that do not end", bad.data, bad.len);
	/* The first document's hash: that document then counts as changed,
	 * which is no damage; the result must still be right. */
	buf_reset(&bad);
	buf_put(&bad, c->data, c->len);
	bad.data[first_hash(bad.data)] ^= 1;
	put_cache(dir, bad.data, bad.len);
	{
		struct files got = { 0 };

		got.last = &full;
		CHECK_INT(build(s, dir, 4, 0, &got), 0);
		CHECK(same_files(&full, &got));
		CHECK(got.carried > 0);
		files_free(&got);
	}
	buf_free(&bad);
	files_free(&full);
}

int main(void)
{
	diags d = DIAGS_INIT;
	struct site *s = model_load(".", &d);
	char dir[] = "/tmp/gongshi-test-search-XXXXXX";
	buf path = BUF_INIT;

	CHECK(s != NULL && d.errors == 0 && s->ncommunities == 56);
	if (s == NULL || d.errors || mkdtemp(dir) == NULL)
		return test_done();
	check_damaged(s, dir);
	check_chain(s, dir, SEARCH_MIN_PART);
	check_chain(s, dir, 5);
	buf_printf(&path, "%s/%s", dir, SEARCH_CACHE_NAME);
	unlink(path.data);
	rmdir(dir);
	buf_free(&path);
	site_free(s);
	diags_free(&d);
	return test_done();
}
