/* The site's search index is made in parts that threads index at once
 * and joins in order (html/search_docs.c): the files must be the same
 * whatever the size of the parts, and whichever part finishes first. */
#include <stdlib.h>
#include <string.h>

#include "html/search_docs.h"
#include "test.h"
#include "util/buf.h"

/* Every file of one index, concatenated with its path. */
static int collect(void *ctx, const char *path, const char *data, size_t len)
{
	buf *all = ctx;

	buf_printf(all, "== %s\n", path);
	buf_put(all, data, len);
	return 0;
}

/* The index of `h` in parts of `per` communities, into `out`; the parts
 * indexed last first when `backwards`. */
static void index_in_parts(const struct html_site *h, size_t per, int backwards, buf *out)
{
	struct search_build *b = search_build_new(h, per, NULL);
	struct search_sink sink = { collect, NULL, out };
	size_t n = search_build_parts(b), last = 0;

	for (size_t k = 0; k < n; k++) {
		size_t i = backwards ? n - 1 - k : k;

		if (search_build_part(b, i)) {
			last++;
			CHECK_INT(k, n - 1); /* only once every part is in */
		}
	}
	CHECK_INT(last, 1);
	CHECK_INT(search_build_write(b, &sink), 0);
	search_build_free(b);
}

int main(void)
{
	diags d = DIAGS_INIT;
	struct site *s = model_load(".", &d);
	struct plan_pages pp;
	struct html_site h;
	struct date today = { 2022, 6, 1 };
	buf whole = BUF_INIT, parts = BUF_INIT;
	const size_t sizes[] = { 1, 2, 7, 55, 56, 57 };

	CHECK(s != NULL && d.errors == 0 && s->ncommunities == 56);
	if (s == NULL || d.errors)
		return test_done();
	plan_pages_make(&pp, s, today);
	html_site_init(&h, &pp);
	index_in_parts(&h, SEARCH_MIN_PART, 0, &whole);
	CHECK(strstr(buf_cstr(&whole), "== search-index.json\n") != NULL);
	CHECK(strstr(buf_cstr(&whole), "榆树新村") != NULL);
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		for (int backwards = 0; backwards < 2; backwards++) {
			index_in_parts(&h, sizes[k], backwards, &parts);
			CHECK(parts.len == whole.len && memcmp(parts.data, whole.data, whole.len) == 0);
			buf_reset(&parts);
		}
	}
	buf_free(&whole);
	buf_free(&parts);
	plan_pages_free(&pp);
	site_free(s);
	diags_free(&d);
	return test_done();
}
