/* The split search index must not change: its files, byte for byte, for
 * sets of documents that reach every kind of token, posting list and
 * chunk; and indexes built apart and joined (search_index_append) give
 * exactly the files of one index of every document. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "html/search.h"
#include "search_files.h"
#include "test.h"
#include "util/buf.h"

/* --- golden files: the split index must not change --- */

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
			index_add(part[k], &docs[at]);
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
static int same_when_appended(const struct search_doc *docs, size_t n, const size_t *cut,
			      size_t ncut, int from_right, const buf *whole)
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

/* Two indexes of two documents each, joined: postings renumbered,
 * first entries rewritten, long tokens and documents carried. */
static void test_append_small(void)
{
	static const struct search_doc one[] = {
		{ "其他", "0.html", "小区", "a", NULL },
		{ "榆树", "1.html", "小区", "b", NULL },
		{ "新村", "2.html", "单位", "c", "榆树 longwordabc" },
		{ "榆树", "3.html", "页面", "d", "榆树 longwordabc" },
	};
	struct search_index *x = search_index_new(), *y = search_index_new();
	struct files f = { { NULL }, { BUF_INIT }, 0 };
	cJSON *c, *e, *d;

	/* 榆树 is in titles 1 and 3 and in text 2: the appended documents
	 * are 2 and 3, and the first entry of `y` follows `x`'s last.  All
	 * three are the bitmap 0x0E, shorter than the gaps [1,1,1]. */
	index_add(x, &one[0]);
	index_add(x, &one[1]);
	index_add(y, &one[2]);
	index_add(y, &one[3]);
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
}

/* Joined parts give the whole index, however cut; documents added
 * after a join follow the joined ones. */
static void test_append(void)
{
	struct search_index *x, *y;
	struct docset r = repeated_docs(3000);

	test_append_small();
	APPEND_CUTS(han_docs, sizeof(han_docs) / sizeof(han_docs[0]), 1);
	APPEND_CUTS(ascii_docs, sizeof(ascii_docs) / sizeof(ascii_docs[0]), 1);
	APPEND_CUTS(fullwidth_docs, sizeof(fullwidth_docs) / sizeof(fullwidth_docs[0]), 1);
	APPEND_CUTS(empty_docs, sizeof(empty_docs) / sizeof(empty_docs[0]), 1);
	APPEND_CUTS(NULL, 0, 1);
	APPEND_CUTS(r.docs, 40, 3);
	APPEND_CUTS(r.docs, 3000, 700);

	/* Documents added after an append follow the appended ones. */
	{
		buf whole = BUF_INIT, got = BUF_INIT;

		x = search_index_new();
		y = search_index_new();
		for (size_t i = 0; i < 1000; i++)
			index_add(i < 400 ? x : y, &r.docs[i]);
		search_index_append(x, y);
		for (size_t i = 1000; i < 3000; i++)
			index_add(x, &r.docs[i]);
		CHECK_INT(index_write(x, concat_file, &got), 0);
		search_index_free(x);
		whole_files(r.docs, 3000, &whole);
		CHECK(got.len == whole.len && memcmp(got.data, whole.data, got.len) == 0);
		buf_free(&whole);
		buf_free(&got);
	}
	docset_free(&r);
}


int main(void)
{
	test_golden();
	test_append();
	return test_done();
}
