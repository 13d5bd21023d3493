/* The search tokenizer (Chinese bigrams, lower-cased words) and the index
 * it writes: the tokens of tests/fixtures/search-tokens.tsv (which
 * search.js must give too: tests/sh/search-tokens.sh), the same tokens
 * in the index, and split index files whose postings are sorted,
 * deduplicated and escaped.  test_search_golden pins the files byte for
 * byte. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "html/search.h"
#include "html/search_tokens.h"
#include "search_files.h"
#include "test.h"
#include "util/buf.h"

typedef void (*token_fn)(void *ctx, const char *tok, size_t len);

/* A query's tokens from the tokenizer's (search_tokens.h), as search.js
 * cuts a query: a Han character alone only when its run has no pair. */
struct query {
	token_fn fn;
	void *ctx;
	uint64_t lone; /* the run's first character while it has no pair; 0: none */
	size_t lonelen;
};

static void emit_packed(const struct query *q, uint64_t key, size_t len)
{
	char t[SEARCH_SHORT_MAX];

	for (size_t k = 0; k < len; k++)
		t[k] = (char)(key >> (8 * (SEARCH_SHORT_MAX - 1 - k)) & 0xFF);
	q->fn(q->ctx, t, len);
}

static void flush_lone(struct query *q)
{
	if (q->lone)
		emit_packed(q, q->lone, q->lonelen);
	q->lone = 0;
}

static void q_han(void *ctx, uint64_t key, size_t len, int first)
{
	struct query *q = ctx;

	if (first) {
		flush_lone(q);
		q->lone = key;
		q->lonelen = len;
	}
}

static void q_pair(void *ctx, uint64_t key, size_t len)
{
	struct query *q = ctx;

	q->lone = 0;
	emit_packed(q, key, len);
}

static void q_word(void *ctx, const char *word, size_t len)
{
	struct query *q = ctx;

	flush_lone(q);
	q->fn(q->ctx, word, len);
}

static const struct search_scan_fns query_fns = { q_han, q_pair, q_word };

static void query_tokens(const char *text, size_t n, token_fn fn, void *ctx)
{
	struct query q = { fn, ctx, 0, 0 };
	struct search_word w = { NULL, 0, 0 };

	search_scan(&w, text, n, &query_fns, &q);
	flush_lone(&q);
	free(w.p);
}

/* Joins the tokens of `text` with " ". */
static void join(void *ctx, const char *tok, size_t len)
{
	buf *b = ctx;

	if (b->len)
		buf_putc(b, ' ');
	buf_put(b, tok, len);
}

/* The text of a fixture line: \xHH a byte, \n, \t, \\. */
static void unescape(buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char hex[3] = { 0, 0, 0 };

		if (s[i] != '\\' || i + 1 == n) {
			buf_putc(out, s[i]);
			continue;
		}
		switch (s[++i]) {
		case 'x':
			memcpy(hex, s + i + 1, i + 2 < n ? 2 : 0);
			buf_putc(out, (int)strtol(hex, NULL, 16));
			i += 2;
			break;
		case 'n':
			buf_putc(out, '\n');
			break;
		case 't':
			buf_putc(out, '\t');
			break;
		default:
			buf_putc(out, s[i]);
		}
	}
}

#define FIXTURE "tests/fixtures/search-tokens.tsv"

/* Every case of the fixture (run from the repository root). */
static void test_tokens(void)
{
	buf file = BUF_INIT;
	size_t cases = 0, lineno = 0;
	const char *p, *end;

	CHECK(buf_read_file(&file, FIXTURE) == 0);
	p = file.data ? file.data : "";
	end = p + file.len;
	for (; p < end; lineno++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *tab;
		buf text = BUF_INIT, got = BUF_INIT, want = BUF_INIT;
		char what[64];
		int ok;

		if (nl == NULL)
			nl = end;
		tab = memchr(p, '\t', (size_t)(nl - p));
		if (*p != '#' && nl > p) {
			CHECK(tab != NULL);
			if (tab == NULL)
				tab = nl;
			unescape(&text, p, (size_t)(tab - p));
			query_tokens(text.data ? text.data : "", text.len, join, &got);
			buf_put(&want, tab + (tab < nl), (size_t)(nl - tab - (tab < nl)));
			ok = strcmp(buf_cstr(&got), buf_cstr(&want)) == 0;
			snprintf(what, sizeof(what), FIXTURE ":%zu", lineno + 1);
			test_record(ok, __FILE__, __LINE__, what);
			if (!ok)
				printf("  got:  [%s]\n  want: [%s]\n", buf_cstr(&got), buf_cstr(&want));
			cases++;
		}
		buf_free(&text);
		buf_free(&got);
		buf_free(&want);
		p = nl + 1;
	}
	CHECK(cases >= 30); /* the fixture was read */
	buf_free(&file);
}

/* The entries of test_split's documents: gaps, titles, single
 * characters, bitmaps; snippets not indexed. */
static void split_entries(const struct files *f, unsigned buckets)
{
	cJSON *c, *e;

	/* 新村: both docs hold it in the title; gaps 0 then 1. */
	e = entry(f, buckets, "新村", &c);
	CHECK(e != NULL);
	if (e) {
		char *p = cJSON_PrintUnformatted(e);

		CHECK_STR(p, "[[0,1],[0,1]]");
		free(p);
	}
	cJSON_Delete(c);
	/* Text only: in all, not in title. */
	e = entry(f, buckets, "北路", &c);
	if (e) {
		char *p = cJSON_PrintUnformatted(e);

		CHECK_STR(p, "[[0],[]]");
		free(p);
	} else {
		CHECK(!"北路 indexed");
	}
	cJSON_Delete(c);
	/* A single character is a token of its own. */
	e = entry(f, buckets, "榆", &c);
	CHECK(e != NULL);
	cJSON_Delete(c);
	/* 村 is in all 40 docs: a bitmap (5 bytes of ones) is shorter than
	 * 40 gaps. */
	e = entry(f, buckets, "村", &c);
	CHECK(e != NULL && cJSON_IsString(cJSON_GetArrayItem(e, 0)));
	if (e && cJSON_IsString(cJSON_GetArrayItem(e, 0)))
		CHECK_STR(cJSON_GetArrayItem(e, 0)->valuestring, "//////8=");
	cJSON_Delete(c);
	CHECK(entry(f, buckets, "临城", &c) == NULL); /* snippets are not indexed */
	cJSON_Delete(c);
}

/* The document chunks of test_split's 40 documents. */
static void split_docs(const struct files *f)
{
	cJSON *d;

	/* Documents: 32 a chunk, escaped. */
	d = chunk(f, "d/0");
	CHECK_INT(cJSON_GetArraySize(d), SEARCH_DOC_CHUNK);
	CHECK_STR(str_of(cJSON_GetArrayItem(d, 1), "t"), "新村</script>");
	CHECK_STR(str_of(cJSON_GetArrayItem(d, 0), "u"), "communities/yushu-xincun/index.html");
	cJSON_Delete(d);
	d = chunk(f, "d/1");
	CHECK_INT(cJSON_GetArraySize(d), 40 - SEARCH_DOC_CHUNK);
	cJSON_Delete(d);
	CHECK(file_text(f, "search-index/d/2.js") == NULL);
	for (size_t i = 0; i < f->n; i++)
		CHECK(strstr(buf_cstr((buf *)&f->data[i]), "</script>") == NULL);
}

static void test_split(void)
{
	struct search_doc docs[40];
	struct files f = { { NULL }, { BUF_INIT }, 0 };
	cJSON *m;
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
	CHECK_INT(index_files(docs, 40, keep_file, &f), 0);
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
	split_entries(&f, buckets);
	split_docs(&f);
	cJSON_Delete(m);
done:
	for (size_t i = 0; i < f.n; i++) {
		free(f.path[i]);
		buf_free(&f.data[i]);
	}
}

/* Titles, urls and snippets escaped; postings sorted, one per document;
 * text indexed for its document only, snippets not at all; tokens in
 * byte order. */
static void test_index(void)
{
	struct search_doc docs[] = {
		{ "榆树新村", "communities/yushu-xincun/index.html", "小区", "临城街道", "泰山北路" },
		{ "新村</script>", "a/index.html", "小区", "\"s\"", NULL },
	};
	struct files f = { { NULL }, { BUF_INIT }, 0 };
	cJSON *c, *e, *d;

	CHECK_INT(index_files(docs, 2, keep_file, &f), 0);
	for (size_t i = 0; i < f.n; i++)
		CHECK(strstr(buf_cstr(&f.data[i]), "</script>") == NULL); /* < is \u003c */
	d = chunk(&f, "d/0");
	CHECK_INT(cJSON_GetArraySize(d), 2);
	CHECK_STR(str_of(cJSON_GetArrayItem(d, 1), "t"), "新村</script>");
	CHECK_STR(str_of(cJSON_GetArrayItem(d, 1), "s"), "\"s\"");
	CHECK_STR(str_of(cJSON_GetArrayItem(d, 0), "u"), "communities/yushu-xincun/index.html");
	cJSON_Delete(d);
	/* 新村 is in both titles: one posting each, in order (gaps 0, 1). */
	e = entry(&f, 1, "新村", &c);
	CHECK(e != NULL && cJSON_GetArraySize(cJSON_GetArrayItem(e, 0)) == 2);
	if (e) {
		char *p = cJSON_PrintUnformatted(cJSON_GetArrayItem(e, 0));

		CHECK_STR(p, "[0,1]");
		free(p);
	}
	cJSON_Delete(c);
	/* Text is indexed too, but only for its document. */
	e = entry(&f, 1, "北路", &c);
	CHECK(e != NULL && cJSON_GetArraySize(cJSON_GetArrayItem(e, 0)) == 1);
	cJSON_Delete(c);
	CHECK(entry(&f, 1, "script", &c) != NULL);
	cJSON_Delete(c);
	CHECK(entry(&f, 1, "临城", &c) == NULL); /* snippets are not indexed */
	cJSON_Delete(c);
	/* Keys come out in byte order. */
	c = chunk(&f, "t/0");
	CHECK(c != NULL && c->child != NULL);
	if (c) {
		const cJSON *k = c->child;
		int sorted = 1;

		for (; k && k->next; k = k->next)
			sorted &= strcmp(k->string, k->next->string) < 0;
		CHECK(sorted);
	}
	cJSON_Delete(c);
	files_free(&f);

	/* No document: a manifest of none, one empty token chunk. */
	CHECK_INT(index_files(NULL, 0, keep_file, &f), 0);
	CHECK_STR(file_text(&f, "search-index.json"),
		  "{\"version\":2,\"docs\":0,\"doc_chunk\":32,\"buckets\":1,\"base\":\"search-index/\"}\n");
	c = chunk(&f, "t/0");
	CHECK(c != NULL && cJSON_IsObject(c) && c->child == NULL);
	cJSON_Delete(c);
	files_free(&f);
}


/* --- the index holds the tokenizer's tokens --- */

/* Collects tokens as NUL-terminated strings in `b`, each Han pair's two
 * characters too: what the split index should hold (search.h). */
static void collect_expected(void *ctx, const char *tok, size_t len)
{
	buf *b = ctx;
	size_t first = 1;

	buf_put(b, tok, len);
	buf_putc(b, '\0');
	if ((unsigned char)tok[0] < 0x80)
		return;
	while (first < len && ((unsigned char)tok[first] & 0xC0) == 0x80)
		first++;
	if (first < len) {
		buf_put(b, tok, first);
		buf_putc(b, '\0');
		buf_put(b, tok + first, len - first);
		buf_putc(b, '\0');
	}
}

/* The token names of the chunks in `files`, NUL-terminated in `b`;
 * whether every entry is `[[0],[0]]` (doc 0, in its title) or
 * `[[0],[]]` (doc 0, text only), per `title`. */
static int collect_written(const buf *files, buf *b, int title)
{
	const char *p = files->data, *end = p + files->len;
	const char *tail = title ? "\":[[0],[0]]" : "\":[[0],[]]";
	int ok = 1;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *q;

		if (nl == NULL)
			nl = end;
		if (*p == '"' && (q = strstr(p, "\":[")) != NULL && q < nl) {
			buf_put(b, p + 1, (size_t)(q - p - 1));
			buf_putc(b, '\0');
			ok &= strncmp(q, tail, strlen(tail)) == 0;
		}
		p = nl + 1;
	}
	return ok;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The distinct strings of `b` (NUL-terminated, one after another), in
 * byte order, joined by "|" in `out`. */
static void distinct(const buf *b, buf *out)
{
	const char **v = calloc(b->len + 1, sizeof(*v));
	size_t n = 0;

	for (size_t at = 0; at < b->len; at += strlen(b->data + at) + 1)
		v[n++] = b->data + at;
	if (n)
		qsort(v, n, sizeof(*v), cmp_str);
	for (size_t i = 0; i < n; i++)
		if (i == 0 || strcmp(v[i], v[i - 1]) != 0)
			buf_printf(out, "%s%s", out->len ? "|" : "", v[i]);
	buf_cstr(out);
	free(v);
}

/* Random texts of pieces that matter to the tokenizer: the index must
 * hold exactly the tokens of a query of the same text (query_tokens) and
 * the characters of its pairs, in the title or in the text. */
static void test_index_tokens(void)
{
	static const char *const pieces[] = {
		"a", "Z", "9", "abcdefgh", "ijklmnopq", " ", "，", "-", "_", "\n",
		"楼", "榆", "树", "〇", "か", "ナ", "ー", "𠀀", "𪚥", "豈", "㐀", "鿿",
		"Ａ", "ｚ", "０", "é", "한", "·", "\xff", "\x80", "\xe6", "\xe6\xa5", "\xf0\xa0\x80",
		"\xc1\x81", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80",
	};
	const size_t npieces = sizeof(pieces) / sizeof(pieces[0]);
	unsigned long seed = 7;
	int ok = 1;

	for (int round = 0; round < 1000; round++) {
		buf text = BUF_INIT, want = BUF_INIT, got = BUF_INIT, files = BUF_INIT;
		buf want_set = BUF_INIT, got_set = BUF_INIT;
		int title = round % 2;
		struct search_doc doc = { "", "u", "k", "s", NULL };
		int fine;

		for (unsigned k = lcg(&seed) % 30; k; k--)
			buf_puts(&text, pieces[lcg(&seed) % npieces]);
		buf_cstr(&text);
		query_tokens(text.data, text.len, collect_expected, &want);
		if (title)
			doc.title = text.data;
		else
			doc.text = text.data;
		index_files(&doc, 1, concat_file, &files);
		fine = collect_written(&files, &got, title);
		distinct(&want, &want_set);
		distinct(&got, &got_set);
		fine &= strcmp(buf_cstr(&want_set), buf_cstr(&got_set)) == 0;
		if (!fine && ok)
			printf("  text: [%s]\n  want: [%s]\n  got:  [%s]\n", text.data, want_set.data,
			       got_set.data);
		ok &= fine;
		buf_free(&text);
		buf_free(&want);
		buf_free(&got);
		buf_free(&files);
		buf_free(&want_set);
		buf_free(&got_set);
	}
	CHECK(ok);
}


int main(void)
{
	test_tokens();
	test_index();
	test_split();
	test_index_tokens();
	return test_done();
}
