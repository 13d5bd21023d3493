/* The search tokenizer (Chinese bigrams, lower-cased words) and the index
 * it writes: exact tokens for each kind of run, and a JSON index whose
 * postings are sorted, deduplicated and escaped. */
#include <stdio.h>
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

static double num_of(const cJSON *j, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, key);

	return cJSON_IsNumber(v) ? v->valuedouble : -1;
}

static const char *str_of(const cJSON *j, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
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

/* The files search_index_files writes, by path. */
struct files {
	char *path[256];
	buf data[256];
	size_t n;
};

static int keep_file(void *ctx, const char *path, const char *data, size_t len)
{
	struct files *f = ctx;

	if (f->n == 256)
		return -1;
	f->path[f->n] = strdup(path);
	buf_init(&f->data[f->n]);
	buf_put(&f->data[f->n], data, len);
	f->n++;
	return 0;
}

static const char *file_text(const struct files *f, const char *path)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->path[i], path) == 0)
			return buf_cstr((buf *)&f->data[i]);
	return NULL;
}

/* The JSON inside GONGSHI_SEARCH_CHUNK("name", …);, checking the name. */
static cJSON *chunk(const struct files *f, const char *name)
{
	char path[64], head[64];
	const char *t;
	size_t n;
	cJSON *j;
	char *copy;

	snprintf(path, sizeof(path), "search-index/%s.js", name);
	snprintf(head, sizeof(head), "GONGSHI_SEARCH_CHUNK(\"%s\",", name);
	t = file_text(f, path);
	if (t == NULL || strncmp(t, head, strlen(head)) != 0)
		return NULL;
	t += strlen(head);
	n = strlen(t);
	if (n < 3 || strcmp(t + n - 3, ");\n") != 0)
		return NULL;
	copy = strndup(t, n - 3);
	j = cJSON_Parse(copy);
	free(copy);
	return j;
}

/* The entry of `tok`, from the chunk its hash names. */
static cJSON *entry(const struct files *f, unsigned buckets, const char *tok, cJSON **owner)
{
	char name[32];

	snprintf(name, sizeof(name), "t/%u", search_bucket(tok, strlen(tok), buckets));
	*owner = chunk(f, name);
	return *owner ? cJSON_GetObjectItemCaseSensitive(*owner, tok) : NULL;
}

static void test_split(void)
{
	struct search_doc docs[40];
	struct files f = { { NULL }, { BUF_INIT }, 0 };
	cJSON *m, *c, *e, *d;
	unsigned buckets;
	char *json;

	/* FNV-1a: "" is the offset basis, "a" is 0xe40c292c. */
	CHECK_INT(search_bucket("", 0, 1000), 2166136261u % 1000);
	CHECK_INT(search_bucket("a", 1, 1000), 0xe40c292cu % 1000);
	for (size_t i = 0; i < 40; i++) {
		docs[i].title = i == 0 ? "榆树新村" : i == 1 ? "新村</script>" : "某村";
		docs[i].url = i == 0 ? "communities/yushu-xincun/index.html" : "a/index.html";
		docs[i].kind = "小区";
		docs[i].snippet = "临城街道";
		docs[i].text = i == 0 ? "泰山北路" : NULL;
	}
	CHECK_INT(search_index_files(docs, 40, keep_file, &f), 0);
	json = (char *)file_text(&f, "search-index.json");
	m = json ? cJSON_Parse(json) : NULL;
	CHECK(m != NULL);
	if (m == NULL)
		goto done;
	CHECK_INT(num_of(m, "version"), 2);
	CHECK_INT(num_of(m, "docs"), 40);
	CHECK_INT(num_of(m, "doc_chunk"), SEARCH_DOC_CHUNK);
	buckets = (unsigned)num_of(m, "buckets");
	CHECK(buckets >= 1 && (buckets & (buckets - 1)) == 0);
	/* The script twin is the same manifest. */
	{
		buf want = BUF_INIT;

		buf_printf(&want, "window.GONGSHI_SEARCH = %.*s;\n", (int)strlen(json) - 1, json);
		CHECK_STR(file_text(&f, "search-index.js"), buf_cstr(&want));
		buf_free(&want);
	}
	/* 新村: both docs hold it in the title; gaps 0 then 1. */
	e = entry(&f, buckets, "新村", &c);
	CHECK(e != NULL);
	if (e) {
		char *p = cJSON_PrintUnformatted(e);

		CHECK_STR(p, "[[0,1],[0,1]]");
		free(p);
	}
	cJSON_Delete(c);
	/* Text only: in all, not in title. */
	e = entry(&f, buckets, "北路", &c);
	if (e) {
		char *p = cJSON_PrintUnformatted(e);

		CHECK_STR(p, "[[0],[]]");
		free(p);
	} else {
		CHECK(!"北路 indexed");
	}
	cJSON_Delete(c);
	/* A single character is a token of its own. */
	e = entry(&f, buckets, "榆", &c);
	CHECK(e != NULL);
	cJSON_Delete(c);
	/* 村 is in all 40 docs: a bitmap (5 bytes of ones) is shorter than
	 * 40 gaps. */
	e = entry(&f, buckets, "村", &c);
	CHECK(e != NULL && cJSON_IsString(cJSON_GetArrayItem(e, 0)));
	if (e && cJSON_IsString(cJSON_GetArrayItem(e, 0)))
		CHECK_STR(cJSON_GetArrayItem(e, 0)->valuestring, "//////8=");
	cJSON_Delete(c);
	CHECK(entry(&f, buckets, "临城", &c) == NULL); /* snippets are not indexed */
	cJSON_Delete(c);
	/* Documents: 32 a chunk, escaped. */
	d = chunk(&f, "d/0");
	CHECK_INT(cJSON_GetArraySize(d), SEARCH_DOC_CHUNK);
	CHECK_STR(str_of(cJSON_GetArrayItem(d, 1), "t"), "新村</script>");
	CHECK_STR(str_of(cJSON_GetArrayItem(d, 0), "u"), "communities/yushu-xincun/index.html");
	cJSON_Delete(d);
	d = chunk(&f, "d/1");
	CHECK_INT(cJSON_GetArraySize(d), 40 - SEARCH_DOC_CHUNK);
	cJSON_Delete(d);
	CHECK(file_text(&f, "search-index/d/2.js") == NULL);
	for (size_t i = 0; i < f.n; i++)
		CHECK(strstr(buf_cstr(&f.data[i]), "</script>") == NULL);
	cJSON_Delete(m);
done:
	for (size_t i = 0; i < f.n; i++) {
		free(f.path[i]);
		buf_free(&f.data[i]);
	}
}

int main(void)
{
	test_tokens();
	test_index();
	test_split();
	return test_done();
}
