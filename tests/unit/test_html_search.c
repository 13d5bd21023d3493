/* The search tokenizer (Chinese bigrams, lower-cased words) and the index
 * it writes: exact tokens for each kind of run, and a JSON index whose
 * postings are sorted, deduplicated and escaped. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "html/search.h"
#include "test.h"
#include "util/buf.h"

/* Joins the tokens of `text` with "|". */
static void join(void *ctx, const char *tok, size_t len)
{
	buf *b = ctx;

	if (b->len)
		buf_putc(b, '|');
	buf_put(b, tok, len);
}

static void check_tokens(const char *text, const char *want, int line)
{
	buf b = BUF_INIT;
	int ok;

	search_tokens(text, strlen(text), join, &b);
	ok = strcmp(buf_cstr(&b), want) == 0;
	test_record(ok, __FILE__, line, text);
	if (!ok)
		printf("  got:  [%s]\n  want: [%s]\n", buf_cstr(&b), want);
	buf_free(&b);
}

#define TOKENS(text, want) check_tokens(text, want, __LINE__)

static void test_tokens(void)
{
	TOKENS("榆树新村", "榆树|树新|新村");
	TOKENS("", "");
	TOKENS("楼", "楼");			/* a lone character is its own token */
	TOKENS("东门 楼", "东门|楼");
	TOKENS("榆树，新村。", "榆树|新村");	/* punctuation separates runs */
	TOKENS("泰山北路12号", "泰山|山北|北路|12|号");
	TOKENS("SBS聚氨酯", "sbs|聚氨|氨酯");	/* words lower-cased */
	TOKENS("Yushu-Xincun 0632-4411234", "yushu|xincun|0632|4411234");
	TOKENS("ＳＢＳ１２", "sbs12");		/* full-width forms fold */
	TOKENS("a", "a");
	TOKENS("ab楼cd", "ab|楼|cd");
	TOKENS("𠀀𠀁", "𠀀𠀁");			/* beyond the BMP */
	TOKENS("かな", "かな");
	TOKENS("\xff\xfe楼", "楼");		/* bad UTF-8 separates */
	TOKENS("楼\xe6", "楼");			/* truncated sequence at the end */
}

static void test_index(void)
{
	struct search_doc docs[] = {
		{ "榆树新村", "communities/yushu-xincun/index.html", "小区", "临城街道", "泰山北路" },
		{ "新村</script>", "a/index.html", "小区", "\"s\"", NULL },
	};
	buf out = BUF_INIT;
	cJSON *j, *ix, *xc, *d;

	search_index_json(docs, 2, &out);
	CHECK(strstr(buf_cstr(&out), "</script>") == NULL); /* < is \u003c */
	j = cJSON_Parse(out.data);
	CHECK(j != NULL);
	if (j == NULL)
		goto done;
	d = cJSON_GetObjectItem(j, "docs");
	CHECK_INT(cJSON_GetArraySize(d), 2);
	CHECK_STR(cJSON_GetObjectItem(cJSON_GetArrayItem(d, 1), "t")->valuestring, "新村</script>");
	CHECK_STR(cJSON_GetObjectItem(cJSON_GetArrayItem(d, 1), "s")->valuestring, "\"s\"");
	CHECK_STR(cJSON_GetObjectItem(cJSON_GetArrayItem(d, 0), "u")->valuestring,
		  "communities/yushu-xincun/index.html");
	ix = cJSON_GetObjectItem(j, "index");
	/* 新村 is in both titles: one posting each, in order. */
	xc = cJSON_GetObjectItem(ix, "新村");
	CHECK_INT(cJSON_GetArraySize(xc), 2);
	CHECK_INT(cJSON_GetArrayItem(xc, 0)->valueint, 0);
	CHECK_INT(cJSON_GetArrayItem(xc, 1)->valueint, 1);
	/* Text is indexed too, but only for its document. */
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(ix, "北路")), 1);
	CHECK(cJSON_GetObjectItem(ix, "script") != NULL);
	CHECK(cJSON_GetObjectItem(ix, "临城") == NULL); /* snippets are not indexed */
	/* Keys come out in byte order. */
	{
		const cJSON *k = ix->child;
		int sorted = 1;

		for (; k && k->next; k = k->next)
			sorted &= strcmp(k->string, k->next->string) < 0;
		CHECK(sorted);
	}
	cJSON_Delete(j);
done:
	buf_free(&out);

	search_index_json(NULL, 0, &out);
	CHECK_STR(buf_cstr(&out), "{\"version\":1,\"docs\":[\n],\"index\":{}}\n");
	j = cJSON_Parse(out.data);
	CHECK(j != NULL);
	cJSON_Delete(j);
	buf_free(&out);
}

int main(void)
{
	test_tokens();
	test_index();
	return test_done();
}
