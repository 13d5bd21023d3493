/* A content/ Markdown file: bytes made UTF-8 as content_load does, then
 * the front matter split off and read (title, summary, date,
 * communities). */
#include "fuzz.h"

#include "load/front_matter.h"
#include "load/encoding.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	arena *a = arena_new();
	diags d = DIAGS_INIT;
	struct page p;
	char *text;
	size_t len;
	const char *enc;

	if (text_to_utf8((const char *)data, size, NULL, "content/fuzz.md", a,
			 &d, &text, &len, &enc) == 0) {
		memset(&p, 0, sizeof(p));
		front_matter_parse(&p, text, len, "content/fuzz.md", a, &d);
		FUZZ_ASSERT(p.title != NULL && p.summary != NULL);
		FUZZ_ASSERT(p.body_md >= text && p.body_md <= text + len);
		FUZZ_ASSERT(p.body_line >= 1);
		for (size_t i = 0; i < p.ncommunities; i++)
			FUZZ_ASSERT(p.communities[i] != NULL);
	}
	diags_sort(&d);
	arena_free(a);
	diags_free(&d);
	return 0;
}
