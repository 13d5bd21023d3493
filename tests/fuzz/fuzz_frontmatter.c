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
	buf scratch = BUF_INIT;
	struct page p;
	struct decoded dec = { &scratch, NULL, 0, NULL };
	char *text;
	size_t len;

	if (encoding_as_utf8((const char *)data, size, NULL, "content/fuzz.md", &d,
			     &dec) == 0) {
		/* NUL-terminated, as load/content_read.c has it. */
		len = dec.len;
		text = arena_strndup(a, dec.text, len);
		memset(&p, 0, sizeof(p));
		front_matter_parse(&p, text, len, "content/fuzz.md", a, &d);
		FUZZ_ASSERT(p.title != NULL && p.summary != NULL);
		FUZZ_ASSERT(p.body_md >= text && p.body_md <= text + len);
		FUZZ_ASSERT(p.body_line >= 1);
		for (size_t i = 0; i < p.ncommunities; i++)
			FUZZ_ASSERT(p.communities[i] != NULL);
	}
	diags_sort(&d);
	buf_free(&scratch);
	arena_free(a);
	diags_free(&d);
	return 0;
}
