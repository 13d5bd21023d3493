/* The search tokenizer (Chinese bigrams, lower-cased words) and the index
 * it writes: the tokens of tests/fixtures/search-tokens.tsv (which
 * search.js must give too: tests/sh/search-tokens.sh), and split index
 * files whose postings are sorted, deduplicated and escaped.
 *
 * `test_html_search --bench DIR [--rounds N] [--parts K]` is not a test:
 * it indexes every Markdown file in DIR/content/communities
 * (tests/bench/gen_site.sh makes such a site) and prints the CPU time of
 * adding and of writing (the least of N rounds: the machine is shared),
 * the size of the index and the peak RSS; with K parts, the documents
 * go to K indexes joined by search_index_append, timed too. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <cjson/cJSON.h>

#include "html/search.h"
#include "html/search_tokens.h"
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

/* The files index_files() writes, by path. */
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

/* What a sink for `fn` passes on: every file but the cache file
 * (search_cache.h), which the tests of the files a browser loads leave
 * out (test_search_cache checks it). */
struct public_files {
	search_file_fn fn;
	void *ctx;
};

static int public_only(void *ctx, const char *path, const char *data, size_t len)
{
	const struct public_files *p = ctx;

	if (strcmp(path, SEARCH_CACHE_NAME) == 0)
		return 0;
	return p->fn(p->ctx, path, data, len);
}

/* Writes `x` (search_index_write) to `fn`, but for the cache file. */
static int index_write(struct search_index *x, search_file_fn fn, void *ctx)
{
	struct public_files p = { fn, ctx };
	struct search_sink sink = { public_only, NULL, &p };

	return search_index_write(x, &sink);
}

/* The files of `docs` indexed in one search_index, in order. */
static int index_files(const struct search_doc *docs, size_t n, search_file_fn fn, void *ctx)
{
	struct search_index *x = search_index_new();
	int rc;

	for (size_t i = 0; i < n; i++)
		search_index_add(x, &docs[i]);
	rc = index_write(x, fn, ctx);
	search_index_free(x);
	return rc;
}

static void files_free(struct files *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->path[i]);
		buf_free(&f->data[i]);
	}
	f->n = 0;
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

/* --- golden files: the split index must not change --- */

/* Every file search_index_write gives, as "@@ path\n" and the bytes, in
 * the order it gives them. */
static int concat_file(void *ctx, const char *path, const char *data, size_t len)
{
	buf *b = ctx;

	buf_printf(b, "@@ %s\n", path);
	buf_put(b, data, len);
	return 0;
}

static void digest_bytes(unsigned long long *h, const void *p, size_t n)
{
	const unsigned char *s = p;

	for (size_t i = 0; i < n; i++)
		*h = (*h ^ s[i]) * 1099511628211ULL;
}

/* FNV-1a 64 of `b`'s contents. */
static unsigned long long digest_of(const buf *b)
{
	unsigned long long h = 14695981039346656037ULL;

	digest_bytes(&h, b->data, b->len);
	return h;
}

/* The document sets of the golden files.  The expected files below were
 * captured from the implementation before it was made faster (commit
 * 4089eb7), which built the index with a string per token and a growing
 * array of postings per token: they pin the tokens, the postings (gaps
 * and bitmaps), the chunk of each token and the number of chunks. */
static const struct search_doc han_docs[] = {
	{ "榆树新村", "communities/yushu-xincun/index.html", "小区", "临城街道 · 泰山北路",
	  "泰山北路12号，榆树新村位于临城街道。新村新村，新村！" },
	{ "新村</script>", "a/index.html", "小区", "\"s\"",
	  "楼 东门 楼\n𠀀𠀁 𠀀 かなカナ 〇〇 豐豐豐 鿿 㐀" },
	{ "泰山", "b.html", "单位", "", "泰山泰山北路北路 榆树 \xff\xfe楼 楼\xe6" },
	{ "楼", "c.html", "页面", NULL, NULL },
	{ "一二三四五六七八九十", "d.html", "小区", "x", "十九八七六五四三二一一二" },
	{ "𠀀a𠀁", "e.html", "小区", "y", "楼𠀀 𠀀楼 楼𠀀楼" },
};

static const struct search_doc ascii_docs[] = {
	{ "Yushu-Xincun 0632", "u/1.html", "k", "s",
	  "Hello hello HELLO world 2024 a b c abcdefg abcdefgh abcdefghi 1234567890123456 "
	  "12345678901234567 x1y2z3 0632-4411234 CamelCase snake_case" },
	{ "ABC abc", "u/2.html", "k", "", "abc ABC abc abcdefghi ABCDEFGHI" },
	{ "z", "u/3.html", "k", "", "hello 0 00 000" },
};

static const struct search_doc fullwidth_docs[] = {
	{ "ＳＢＳ１２", "f/1.html", "k", "s", "sbs12 ＳＢＳ聚氨酯 ａｂｃ ＡＢＣ abc Ａ" },
	{ "ｘ", "f/2.html", "k", "", "０６３２－４４１１２３４ ａｂｃｄｅｆｇｈｉｊ abcdefghij" },
	{ "Ａｂｃ", "f/3.html", "k", "", "ＡＢＣｄｅｆ１２３ 楼Ｂ楼" },
};

static const struct search_doc empty_docs[] = {
	{ "", "", NULL, NULL, NULL },
	{ "", "e", "", "", "" },
	{ "，。！", "p", "k", "s", "   ，。 \xff" },
	{ "", "q", "k", "s", "ok" },
	{ "", "r", "k", "s", NULL },
};

/* Owns the strings of a generated document set. */
struct docset {
	struct search_doc *docs;
	buf *strings; /* 3 a document: title, url, text */
	size_t n;
};

static void docset_free(struct docset *d)
{
	for (size_t i = 0; i < d->n * 3; i++)
		buf_free(&d->strings[i]);
	free(d->strings);
	free(d->docs);
}

static unsigned lcg(unsigned long *seed)
{
	*seed = (*seed * 1103515245UL + 12345UL) & 0x7FFFFFFFUL;
	return (unsigned)(*seed >> 16);
}

/* A Han character, mostly of the first few of the alphabet, sometimes
 * one beyond the BMP (4 bytes in UTF-8). */
static void put_han(buf *b, unsigned long *seed)
{
	static const char alphabet[] = "新村小区楼路街道改造东西南北中泰山河海榆树电梯管线排水";
	unsigned k = lcg(seed) % 28;

	if (k == 27) {
		buf_puts(b, "𠀁");
		return;
	}
	if (k > 13)
		k = lcg(seed) % (k + 1);
	buf_put(b, alphabet + 3 * k, 3);
}

/* `n` documents, the same on every run: a title of 2-4 Han characters,
 * and a text of Han runs, words (w0…w99, a few common, most rare; longer
 * ones, longword0…12), full-width digits and separators. */
static struct docset repeated_docs(size_t n)
{
	struct docset d = { calloc(n, sizeof(struct search_doc)), calloc(n * 3, sizeof(buf)), n };
	unsigned long seed = 42;

	for (size_t i = 0; i < n; i++) {
		buf *title = &d.strings[3 * i], *url = &d.strings[3 * i + 1], *text = &d.strings[3 * i + 2];
		unsigned len = 2 + lcg(&seed) % 3, parts = lcg(&seed) % 12;

		for (unsigned k = 0; k < len; k++)
			put_han(title, &seed);
		buf_printf(url, "r/%zu.html", i);
		for (unsigned k = 0; k < parts; k++) {
			unsigned what = lcg(&seed) % 8, m;

			if (what < 4) {
				for (m = 1 + lcg(&seed) % 5; m; m--)
					put_han(text, &seed);
			} else if (what < 6) {
				m = lcg(&seed) % 100;
				buf_printf(text, "w%u", lcg(&seed) % 4 ? m % 7 : m);
			} else if (what == 6) {
				buf_puts(text, "１２");
			} else {
				buf_printf(text, "longword%u", lcg(&seed) % 13);
			}
			buf_puts(text, lcg(&seed) % 2 ? " " : "，");
		}
		d.docs[i].title = buf_cstr(title);
		d.docs[i].url = buf_cstr(url);
		d.docs[i].kind = "小区";
		d.docs[i].snippet = i % 2 ? "" : "s";
		d.docs[i].text = buf_cstr(text);
	}
	return d;
}

/* The files of `docs` indexed in one search_index. */
static void whole_files(const struct search_doc *docs, size_t n, buf *out)
{
	CHECK_INT(index_files(docs, n, concat_file, out), 0);
}

static void check_golden(const struct search_doc *docs, size_t n, const char *want, int line)
{
	buf got = BUF_INIT;
	int ok;

	whole_files(docs, n, &got);
	ok = strcmp(buf_cstr(&got), want) == 0;
	test_record(ok, __FILE__, line, "golden files");
	if (!ok)
		printf("  got:\n%s\n  want:\n%s\n", buf_cstr(&got), want);
	buf_free(&got);
}

#define GOLDEN(docs, n, want) check_golden(docs, n, want, __LINE__)

/* The files, exactly as the first implementation wrote them. */
static const char golden_han[] =
	"@@ search-index/t/0.js\n"
	"GONGSHI_SEARCH_CHUNK(\"t/0\",{\n"
	"\"12\":[[0],[]],\n"
	"\"a\":[[5],[5]],\n"
	"\"script\":[[1],[1]],\n"
	"\"〇\":[[1],[]],\n"
	"\"〇〇\":[[1],[]],\n"
	"\"か\":[[1],[]],\n"
	"\"かな\":[[1],[]],\n"
	"\"な\":[[1],[]],\n"
	"\"なカ\":[[1],[]],\n"
	"\"カ\":[[1],[]],\n"
	"\"カナ\":[[1],[]],\n"
	"\"ナ\":[[1],[]],\n"
	"\"㐀\":[[1],[]],\n"
	"\"一\":[[4],[4]],\n"
	"\"一一\":[[4],[]],\n"
	"\"一二\":[[4],[4]],\n"
	"\"七\":[[4],[4]],\n"
	"\"七八\":[[4],[4]],\n"
	"\"七六\":[[4],[]],\n"
	"\"三\":[[4],[4]],\n"
	"\"三二\":[[4],[]],\n"
	"\"三四\":[[4],[4]],\n"
	"\"东\":[[1],[]],\n"
	"\"东门\":[[1],[]],\n"
	"\"临\":[[0],[]],\n"
	"\"临城\":[[0],[]],\n"
	"\"九\":[[4],[4]],\n"
	"\"九八\":[[4],[]],\n"
	"\"九十\":[[4],[4]],\n"
	"\"二\":[[4],[4]],\n"
	"\"二一\":[[4],[]],\n"
	"\"二三\":[[4],[4]],\n"
	"\"于\":[[0],[]],\n"
	"\"于临\":[[0],[]],\n"
	"\"五\":[[4],[4]],\n"
	"\"五六\":[[4],[4]],\n"
	"\"五四\":[[4],[]],\n"
	"\"位\":[[0],[]],\n"
	"\"位于\":[[0],[]],\n"
	"\"八\":[[4],[4]],\n"
	"\"八七\":[[4],[]],\n"
	"\"八九\":[[4],[4]],\n"
	"\"六\":[[4],[4]],\n"
	"\"六七\":[[4],[4]],\n"
	"\"六五\":[[4],[]],\n"
	"\"北\":[[0,2],[]],\n"
	"\"北路\":[[0,2],[]],\n"
	"\"十\":[[4],[4]],\n"
	"\"十九\":[[4],[]],\n"
	"\"号\":[[0],[]],\n"
	"\"四\":[[4],[4]],\n"
	"\"四三\":[[4],[]],\n"
	"\"四五\":[[4],[4]],\n"
	"\"城\":[[0],[]],\n"
	"\"城街\":[[0],[]],\n"
	"\"山\":[[0,2],[2]],\n"
	"\"山北\":[[0,2],[]],\n"
	"\"山泰\":[[2],[]],\n"
	"\"新\":[[0,1],[0,1]],\n"
	"\"新村\":[[0,1],[0,1]],\n"
	"\"村\":[[0,1],[0,1]],\n"
	"\"村位\":[[0],[]],\n"
	"\"村新\":[[0],[]],\n"
	"\"树\":[[0,2],[0]],\n"
	"\"树新\":[[0],[0]],\n"
	"\"楼\":[\"Lg==\",[3]],\n"
	"\"楼𠀀\":[[5],[]],\n"
	"\"榆\":[[0,2],[0]],\n"
	"\"榆树\":[[0,2],[0]],\n"
	"\"泰\":[[0,2],[2]],\n"
	"\"泰山\":[[0,2],[2]],\n"
	"\"街\":[[0],[]],\n"
	"\"街道\":[[0],[]],\n"
	"\"豐\":[[1],[]],\n"
	"\"豐豐\":[[1],[]],\n"
	"\"路\":[[0,2],[]],\n"
	"\"路北\":[[2],[]],\n"
	"\"道\":[[0],[]],\n"
	"\"门\":[[1],[]],\n"
	"\"鿿\":[[1],[]],\n"
	"\"𠀀\":[[1,4],[5]],\n"
	"\"𠀀楼\":[[5],[]],\n"
	"\"𠀀𠀁\":[[1],[]],\n"
	"\"𠀁\":[[1,4],[5]]\n"
	"});\n"
	"@@ search-index/d/0.js\n"
	"GONGSHI_SEARCH_CHUNK(\"d/0\",[\n"
	"{\"t\":\"榆树新村\",\"u\":\"communities/yushu-xincun/index.html\",\"k\":\"小区\",\"s\":\"临城街道 · 泰山北路\"},\n"
	"{\"t\":\"新村\\u003c/script\\u003e\",\"u\":\"a/index.html\",\"k\":\"小区\",\"s\":\"\\\"s\\\"\"},\n"
	"{\"t\":\"泰山\",\"u\":\"b.html\",\"k\":\"单位\",\"s\":\"\"},\n"
	"{\"t\":\"楼\",\"u\":\"c.html\",\"k\":\"页面\",\"s\":\"\"},\n"
	"{\"t\":\"一二三四五六七八九十\",\"u\":\"d.html\",\"k\":\"小区\",\"s\":\"x\"},\n"
	"{\"t\":\"𠀀a𠀁\",\"u\":\"e.html\",\"k\":\"小区\",\"s\":\"y\"}\n"
	"]);\n"
	"@@ search-index.json\n"
	"{\"version\":2,\"docs\":6,\"doc_chunk\":32,\"buckets\":1,\"base\":\"search-index/\"}\n"
	"@@ search-index.js\n"
	"window.GONGSHI_SEARCH = {\"version\":2,\"docs\":6,\"doc_chunk\":32,\"buckets\":1,\"base\":\"search-index/\"};\n";

static const char golden_ascii[] =
	"@@ search-index/t/0.js\n"
	"GONGSHI_SEARCH_CHUNK(\"t/0\",{\n"
	"\"0\":[[2],[]],\n"
	"\"00\":[[2],[]],\n"
	"\"000\":[[2],[]],\n"
	"\"0632\":[[0],[0]],\n"
	"\"1234567890123456\":[[0],[]],\n"
	"\"12345678901234567\":[[0],[]],\n"
	"\"2024\":[[0],[]],\n"
	"\"4411234\":[[0],[]],\n"
	"\"a\":[[0],[]],\n"
	"\"abc\":[[1],[1]],\n"
	"\"abcdefg\":[[0],[]],\n"
	"\"abcdefgh\":[[0],[]],\n"
	"\"abcdefghi\":[[0,1],[]],\n"
	"\"b\":[[0],[]],\n"
	"\"c\":[[0],[]],\n"
	"\"camelcase\":[[0],[]],\n"
	"\"case\":[[0],[]],\n"
	"\"hello\":[[0,2],[]],\n"
	"\"snake\":[[0],[]],\n"
	"\"world\":[[0],[]],\n"
	"\"x1y2z3\":[[0],[]],\n"
	"\"xincun\":[[0],[0]],\n"
	"\"yushu\":[[0],[0]],\n"
	"\"z\":[[2],[2]]\n"
	"});\n"
	"@@ search-index/d/0.js\n"
	"GONGSHI_SEARCH_CHUNK(\"d/0\",[\n"
	"{\"t\":\"Yushu-Xincun 0632\",\"u\":\"u/1.html\",\"k\":\"k\",\"s\":\"s\"},\n"
	"{\"t\":\"ABC abc\",\"u\":\"u/2.html\",\"k\":\"k\",\"s\":\"\"},\n"
	"{\"t\":\"z\",\"u\":\"u/3.html\",\"k\":\"k\",\"s\":\"\"}\n"
	"]);\n"
	"@@ search-index.json\n"
	"{\"version\":2,\"docs\":3,\"doc_chunk\":32,\"buckets\":1,\"base\":\"search-index/\"}\n"
	"@@ search-index.js\n"
	"window.GONGSHI_SEARCH = {\"version\":2,\"docs\":3,\"doc_chunk\":32,\"buckets\":1,\"base\":\"search-index/\"};\n";

static const char golden_fullwidth[] =
	"@@ search-index/t/0.js\n"
	"GONGSHI_SEARCH_CHUNK(\"t/0\",{\n"
	"\"0632\":[[1],[]],\n"
	"\"4411234\":[[1],[]],\n"
	"\"a\":[[0],[]],\n"
	"\"abc\":[[0,2],[2]],\n"
	"\"abcdef123\":[[2],[]],\n"
	"\"abcdefghij\":[[1],[]],\n"
	"\"b\":[[2],[]],\n"
	"\"sbs\":[[0],[]],\n"
	"\"sbs12\":[[0],[0]],\n"
	"\"x\":[[1],[1]],\n"
	"\"楼\":[[2],[]],\n"
	"\"氨\":[[0],[]],\n"
	"\"氨酯\":[[0],[]],\n"
	"\"聚\":[[0],[]],\n"
	"\"聚氨\":[[0],[]],\n"
	"\"酯\":[[0],[]]\n"
	"});\n"
	"@@ search-index/d/0.js\n"
	"GONGSHI_SEARCH_CHUNK(\"d/0\",[\n"
	"{\"t\":\"ＳＢＳ１２\",\"u\":\"f/1.html\",\"k\":\"k\",\"s\":\"s\"},\n"
	"{\"t\":\"ｘ\",\"u\":\"f/2.html\",\"k\":\"k\",\"s\":\"\"},\n"
	"{\"t\":\"Ａｂｃ\",\"u\":\"f/3.html\",\"k\":\"k\",\"s\":\"\"}\n"
	"]);\n"
	"@@ search-index.json\n"
	"{\"version\":2,\"docs\":3,\"doc_chunk\":32,\"buckets\":1,\"base\":\"search-index/\"}\n"
	"@@ search-index.js\n"
	"window.GONGSHI_SEARCH = {\"version\":2,\"docs\":3,\"doc_chunk\":32,\"buckets\":1,\"base\":\"search-index/\"};\n";

static const char golden_empty[] =
	"@@ search-index/t/0.js\n"
	"GONGSHI_SEARCH_CHUNK(\"t/0\",{\n"
	"\"ok\":[[3],[]]\n"
	"});\n"
	"@@ search-index/d/0.js\n"
	"GONGSHI_SEARCH_CHUNK(\"d/0\",[\n"
	"{\"t\":\"\",\"u\":\"\",\"k\":\"\",\"s\":\"\"},\n"
	"{\"t\":\"\",\"u\":\"e\",\"k\":\"\",\"s\":\"\"},\n"
	"{\"t\":\"，。！\",\"u\":\"p\",\"k\":\"k\",\"s\":\"s\"},\n"
	"{\"t\":\"\",\"u\":\"q\",\"k\":\"k\",\"s\":\"s\"},\n"
	"{\"t\":\"\",\"u\":\"r\",\"k\":\"k\",\"s\":\"s\"}\n"
	"]);\n"
	"@@ search-index.json\n"
	"{\"version\":2,\"docs\":5,\"doc_chunk\":32,\"buckets\":1,\"base\":\"search-index/\"}\n"
	"@@ search-index.js\n"
	"window.GONGSHI_SEARCH = {\"version\":2,\"docs\":5,\"doc_chunk\":32,\"buckets\":1,\"base\":\"search-index/\"};\n";

static const char golden_none[] =
	"@@ search-index/t/0.js\n"
	"GONGSHI_SEARCH_CHUNK(\"t/0\",{\n"
	"});\n"
	"@@ search-index.json\n"
	"{\"version\":2,\"docs\":0,\"doc_chunk\":32,\"buckets\":1,\"base\":\"search-index/\"}\n"
	"@@ search-index.js\n"
	"window.GONGSHI_SEARCH = {\"version\":2,\"docs\":0,\"doc_chunk\":32,\"buckets\":1,\"base\":\"search-index/\"};\n";

static void check_golden_digest(size_t n, size_t len, unsigned long long want, int line)
{
	struct docset r = repeated_docs(n);
	buf got = BUF_INIT;
	int ok;

	whole_files(r.docs, r.n, &got);
	ok = got.len == len && digest_of(&got) == want;
	test_record(ok, __FILE__, line, "golden digest");
	if (!ok)
		printf("  got:  %zu bytes, FNV-1a 64 %016llx\n  want: %zu bytes, FNV-1a 64 %016llx\n",
		       got.len, digest_of(&got), len, want);
	buf_free(&got);
	docset_free(&r);
}

static void test_golden(void)
{
	GOLDEN(han_docs, sizeof(han_docs) / sizeof(han_docs[0]), golden_han);
	GOLDEN(ascii_docs, sizeof(ascii_docs) / sizeof(ascii_docs[0]), golden_ascii);
	GOLDEN(fullwidth_docs, sizeof(fullwidth_docs) / sizeof(fullwidth_docs[0]), golden_fullwidth);
	GOLDEN(empty_docs, sizeof(empty_docs) / sizeof(empty_docs[0]), golden_empty);
	GOLDEN(NULL, 0, golden_none);
	/* Larger sets, by digest: 40 documents give bitmaps and gaps over
	 * two document chunks, 3000 give 16 token chunks. */
	check_golden_digest(40, 8881, 0xb4074dc69cdcccc6ULL, __LINE__);
	check_golden_digest(3000, 318328, 0xb0bd69b2aba33966ULL, __LINE__);
}

/* --- the index's tokens are search_tokens()' --- */

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
 * hold exactly the tokens of search_tokens() and the characters of its
 * pairs, in the title or in the text. */
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

/* --- appending indexes --- */

/* The files of `docs` indexed in parts, [0, cut[0]), [cut[0], cut[1]), …,
 * [cut[ncut - 1], n), then joined with search_index_append: left to
 * right, ((a + b) + c), or from the right, (a + (b + c)). */
static void appended_files(const struct search_doc *docs, size_t n, const size_t *cut, size_t ncut,
			   int from_right, buf *out)
{
	struct search_index *part[8];
	size_t at = 0;

	for (size_t k = 0; k <= ncut; k++) {
		size_t end = k < ncut ? cut[k] : n;

		part[k] = search_index_new();
		for (; at < end; at++)
			search_index_add(part[k], &docs[at]);
	}
	if (from_right) {
		for (size_t k = ncut; k > 0; k--)
			search_index_append(part[k - 1], part[k]);
	} else {
		for (size_t k = 1; k <= ncut; k++)
			search_index_append(part[0], part[k]);
	}
	CHECK_INT(index_write(part[0], concat_file, out), 0);
	search_index_free(part[0]);
}

/* Whether the parts at `cut` give the files of the whole. */
static int same_when_appended(const struct search_doc *docs, size_t n, const size_t *cut, size_t ncut,
			      int from_right, const buf *whole)
{
	buf got = BUF_INIT;
	int ok;

	appended_files(docs, n, cut, ncut, from_right, &got);
	ok = got.len == whole->len && memcmp(got.data, whole->data, got.len) == 0;
	if (!ok) {
		printf("  %zu documents cut at", n);
		for (size_t k = 0; k < ncut; k++)
			printf(" %zu", cut[k]);
		printf(from_right ? ", joined from the right\n" : "\n");
	}
	buf_free(&got);
	return ok;
}

/* Every cut into 2 and 3 parts (`step` apart), both ways round for 3:
 * each must give the same files as one index of every document. */
static void check_append_cuts(const struct search_doc *docs, size_t n, size_t step, int line)
{
	buf whole = BUF_INIT;
	int ok = 1;

	whole_files(docs, n, &whole);
	for (size_t a = 0; a <= n; a += step) {
		ok &= same_when_appended(docs, n, &a, 1, 0, &whole);
		for (size_t b = a; b <= n; b += step) {
			size_t cut[2] = { a, b };

			ok &= same_when_appended(docs, n, cut, 2, 0, &whole);
			ok &= same_when_appended(docs, n, cut, 2, 1, &whole);
		}
	}
	test_record(ok, __FILE__, line, "appended parts give the whole index");
	buf_free(&whole);
}

#define APPEND_CUTS(docs, n, step) check_append_cuts(docs, n, step, __LINE__)

static void test_append(void)
{
	static const struct search_doc one[] = {
		{ "其他", "0.html", "小区", "a", NULL },
		{ "榆树", "1.html", "小区", "b", NULL },
		{ "新村", "2.html", "单位", "c", "榆树 longwordabc" },
		{ "榆树", "3.html", "页面", "d", "榆树 longwordabc" },
	};
	struct search_index *x = search_index_new(), *y = search_index_new();
	struct files f = { { NULL }, { BUF_INIT }, 0 };
	struct docset r = repeated_docs(3000);
	cJSON *c, *e, *d;

	/* 榆树 is in titles 1 and 3 and in text 2: the appended documents
	 * are 2 and 3, and the first entry of `y` follows `x`'s last.  All
	 * three are the bitmap 0x0E, shorter than the gaps [1,1,1]. */
	search_index_add(x, &one[0]);
	search_index_add(x, &one[1]);
	search_index_add(y, &one[2]);
	search_index_add(y, &one[3]);
	search_index_append(x, y);
	CHECK_INT(index_write(x, keep_file, &f), 0);
	search_index_free(x);
	e = entry(&f, 1, "榆树", &c);
	if (e) {
		char *p = cJSON_PrintUnformatted(e);

		CHECK_STR(p, "[\"Dg==\",[1,2]]");
		free(p);
	} else {
		CHECK(!"榆树 indexed");
	}
	cJSON_Delete(c);
	e = entry(&f, 1, "新村", &c);
	CHECK(e != NULL);
	if (e) {
		char *p = cJSON_PrintUnformatted(e);

		CHECK_STR(p, "[[2],[2]]");
		free(p);
	}
	cJSON_Delete(c);
	e = entry(&f, 1, "longwordabc", &c); /* a long token, only in `y` */
	if (e) {
		char *p = cJSON_PrintUnformatted(e);

		CHECK_STR(p, "[[2,1],[]]");
		free(p);
	} else {
		CHECK(!"longwordabc indexed");
	}
	cJSON_Delete(c);
	d = chunk(&f, "d/0");
	CHECK_INT(cJSON_GetArraySize(d), 4);
	CHECK_STR(str_of(cJSON_GetArrayItem(d, 2), "k"), "单位");
	CHECK_STR(str_of(cJSON_GetArrayItem(d, 3), "u"), "3.html");
	cJSON_Delete(d);
	for (size_t i = 0; i < f.n; i++) {
		free(f.path[i]);
		buf_free(&f.data[i]);
	}

	APPEND_CUTS(han_docs, sizeof(han_docs) / sizeof(han_docs[0]), 1);
	APPEND_CUTS(ascii_docs, sizeof(ascii_docs) / sizeof(ascii_docs[0]), 1);
	APPEND_CUTS(fullwidth_docs, sizeof(fullwidth_docs) / sizeof(fullwidth_docs[0]), 1);
	APPEND_CUTS(empty_docs, sizeof(empty_docs) / sizeof(empty_docs[0]), 1);
	APPEND_CUTS(one, 0, 1);
	APPEND_CUTS(r.docs, 40, 3);
	APPEND_CUTS(r.docs, 3000, 700);

	/* Documents added after an append follow the appended ones. */
	{
		buf whole = BUF_INIT, got = BUF_INIT;

		x = search_index_new();
		y = search_index_new();
		for (size_t i = 0; i < 1000; i++)
			search_index_add(i < 400 ? x : y, &r.docs[i]);
		search_index_append(x, y);
		for (size_t i = 1000; i < 3000; i++)
			search_index_add(x, &r.docs[i]);
		CHECK_INT(index_write(x, concat_file, &got), 0);
		search_index_free(x);
		whole_files(r.docs, 3000, &whole);
		CHECK(got.len == whole.len && memcmp(got.data, whole.data, got.len) == 0);
		buf_free(&whole);
		buf_free(&got);
	}
	docset_free(&r);
}

/* --- the benchmark --- */

/* User + system CPU seconds of this process so far. */
static double cpu_seconds(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
	       ru.ru_stime.tv_usec / 1e6;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the .md files of `dir`, sorted; NULL when it cannot be read. */
static char **md_files(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (d == NULL)
		return NULL;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);

		if (len < 4 || strcmp(e->d_name + len - 3, ".md") != 0)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 1024;
			v = realloc(v, cap * sizeof(*v));
		}
		v[(*n)++] = strdup(e->d_name);
	}
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_name);
	return v;
}

/* One community page as a document: the front matter's title, and as
 * its text the community's id (the file name, which render.c indexes
 * too: one token per community) and the page's body. */
struct bench_doc {
	buf file, title, url, text;
	struct search_doc doc;
};

static int bench_read(struct bench_doc *b, const char *dir, const char *name)
{
	char path[4096];
	char chunk[65536];
	size_t got;
	const char *body, *t;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (f == NULL)
		return -1;
	buf_reset(&b->file);
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(&b->file, chunk, got);
	fclose(f);
	buf_reset(&b->title);
	buf_reset(&b->url);
	body = buf_cstr(&b->file);
	if (strncmp(body, "---\n", 4) == 0 && (t = strstr(body + 4, "\n---\n")) != NULL) {
		const char *title = strstr(body, "\ntitle: ");

		if (title && title < t) {
			title += 8;
			buf_put(&b->title, title, strcspn(title, "\n"));
		}
		body = t + 5;
	}
	buf_printf(&b->url, "communities/%.*s/index.html", (int)(strlen(name) - 3), name);
	buf_reset(&b->text);
	buf_printf(&b->text, "%.*s\n%s", (int)(strlen(name) - 3), name, body);
	b->doc.title = buf_cstr(&b->title);
	b->doc.url = buf_cstr(&b->url);
	b->doc.kind = "小区";
	b->doc.snippet = "";
	b->doc.text = buf_cstr(&b->text);
	return 0;
}

/* What the written index holds, counted from the files themselves so
 * that any two implementations compare. */
struct bench_out {
	size_t docs, files, bytes, tokens, postings;
	unsigned long long digest; /* FNV-1a 64 of every path and file */
	double cpu;		   /* spent here, not in writing */
};

static int b64_value(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* The number of documents in one posting list at `p`: gaps or bitmap. */
static size_t count_list(const char *p, const char *end)
{
	size_t n = 0;

	if (*p == '[') {
		if (p[1] == ']')
			return 0;
		for (n = 1, p++; p < end && *p != ']'; p++)
			n += *p == ',';
		return n;
	}
	for (p++; p < end && *p != '"'; p++) {
		int v = b64_value(*p);

		for (; v > 0; v &= v - 1)
			n++;
	}
	return n;
}

static int bench_keep(void *ctx, const char *path, const char *data, size_t len)
{
	struct bench_out *o = ctx;
	const char *end = data + len;
	double t0 = cpu_seconds();

	o->files++;
	o->bytes += len;
	digest_bytes(&o->digest, path, strlen(path) + 1);
	digest_bytes(&o->digest, data, len);
	/* One entry a line: "token":[all,title] */
	for (const char *p = data; strncmp(path, "search-index/t/", 15) == 0 && p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		const char *list = *p == '"' ? strstr(p, "\":[") : NULL;

		if (list && list < eol) {
			o->tokens++;
			o->postings += count_list(list + 3, eol);
		}
		p = eol + 1;
	}
	o->cpu += cpu_seconds() - t0;
	return 0;
}

/* Files are read this many at a time, and only adding them is timed. */
#define BENCH_BATCH 256
#define BENCH_MAX_PARTS 64

/* The CPU seconds of one round. */
struct bench_cpu {
	double add, append, write;
};

/* Indexes the `n` files `names` of `dir` in `parts` indexes of
 * consecutive documents, appends them in order, writes the result. */
static struct bench_cpu bench_round(const char *dir, char **names, size_t n, size_t parts,
				    struct bench_out *o)
{
	struct search_index *x[BENCH_MAX_PARTS];
	struct bench_doc *b = calloc(BENCH_BATCH, sizeof(*b));
	struct bench_cpu cpu = { 0, 0, 0 };
	double t0;

	for (size_t k = 0; k < parts; k++)
		x[k] = search_index_new();
	for (size_t i = 0; i < n; i += BENCH_BATCH) {
		size_t k, got = 0;

		for (k = 0; k < BENCH_BATCH && i + k < n; k++)
			if (bench_read(&b[k], dir, names[i + k]) == 0)
				got++;
		t0 = cpu_seconds();
		for (k = 0; k < BENCH_BATCH && i + k < n; k++)
			if (b[k].doc.title)
				search_index_add(x[(i + k) * parts / n], &b[k].doc);
		cpu.add += cpu_seconds() - t0;
		o->docs += got;
		for (k = 0; k < BENCH_BATCH; k++)
			b[k].doc.title = NULL;
	}
	for (size_t k = 0; k < BENCH_BATCH; k++) {
		buf_free(&b[k].file);
		buf_free(&b[k].title);
		buf_free(&b[k].url);
		buf_free(&b[k].text);
	}
	free(b);
	t0 = cpu_seconds();
	for (size_t k = 1; k < parts; k++)
		search_index_append(x[0], x[k]);
	cpu.append = cpu_seconds() - t0;
	t0 = cpu_seconds();
	index_write(x[0], bench_keep, o);
	cpu.write = cpu_seconds() - t0 - o->cpu;
	search_index_free(x[0]);
	return cpu;
}

/* --bench DIR [--rounds N] [--parts K]: the least CPU of N rounds;
 * with K parts, each of n/K consecutive documents, joined by
 * search_index_append, whose CPU is shown too. */
static int bench(int argc, char **argv)
{
	char dir[4096];
	size_t n, rounds = 1, parts = 1;
	char **names;
	struct bench_cpu best = { 1e9, 1e9, 1e9 };
	struct bench_out o = { 0, 0, 0, 0, 0, 0, 0 };
	unsigned long long digest = 0;
	struct rusage ru;

	for (int i = 3; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--rounds") == 0)
			rounds = (size_t)atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--parts") == 0)
			parts = (size_t)atoi(argv[i + 1]);
	}
	if (rounds < 1 || parts < 1 || parts > BENCH_MAX_PARTS) {
		fprintf(stderr, "usage: --bench DIR [--rounds N] [--parts 1-%d]\n", BENCH_MAX_PARTS);
		return 2;
	}
	snprintf(dir, sizeof(dir), "%s/content/communities", argv[2]);
	names = md_files(dir, &n);
	if (names == NULL || n == 0) {
		fprintf(stderr, "no %s/*.md\n", dir);
		return 2;
	}
	for (size_t r = 0; r < rounds; r++) {
		struct bench_cpu cpu;

		memset(&o, 0, sizeof(o));
		o.digest = 14695981039346656037ULL;
		cpu = bench_round(dir, names, n, parts, &o);
		if (r && o.digest != digest)
			fprintf(stderr, "round %zu: different files\n", r);
		digest = o.digest;
		best.add = cpu.add < best.add ? cpu.add : best.add;
		best.append = cpu.append < best.append ? cpu.append : best.append;
		best.write = cpu.write < best.write ? cpu.write : best.write;
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	getrusage(RUSAGE_SELF, &ru);
	printf("docs %zu\nadd_cpu_s %.3f\n", o.docs, best.add);
	if (parts > 1)
		printf("append_cpu_s %.3f (%zu parts)\n", best.append, parts);
	printf("write_cpu_s %.3f\ntokens %zu\npostings %zu\nfiles %zu\nbytes %zu\ndigest %016llx\n"
	       "peak_rss_kb %ld\n",
	       best.write, o.tokens, o.postings, o.files, o.bytes, o.digest, ru.ru_maxrss);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "--bench") == 0)
		return bench(argc, argv);
	test_tokens();
	test_index();
	test_split();
	test_golden();
	test_index_tokens();
	test_append();
	return test_done();
}
