/* The search tokenizer (Chinese bigrams, lower-cased words) and the index
 * it writes: exact tokens for each kind of run, and a JSON index whose
 * postings are sorted, deduplicated and escaped.
 *
 * `test_html_search --bench DIR` is not a test: it indexes every
 * Markdown file in DIR/content/communities (tests/bench/gen_site.sh makes such a
 * site) and prints the CPU time of adding and of writing, the size of
 * the index and the peak RSS. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

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
	size_t files, bytes, tokens, postings;
	unsigned long long digest; /* FNV-1a 64 of every path and file */
	double cpu;		   /* spent here, not in writing */
};

static void digest_bytes(unsigned long long *h, const void *p, size_t n)
{
	const unsigned char *s = p;

	for (size_t i = 0; i < n; i++)
		*h = (*h ^ s[i]) * 1099511628211ULL;
}

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

static int bench(const char *site)
{
	char dir[4096];
	size_t n, done = 0;
	char **names;
	struct search_index *x = search_index_new();
	struct bench_doc *b = calloc(BENCH_BATCH, sizeof(*b));
	struct bench_out o = { 0, 0, 0, 0, 14695981039346656037ULL, 0 };
	double add = 0, t0;
	struct rusage ru;

	snprintf(dir, sizeof(dir), "%s/content/communities", site);
	names = md_files(dir, &n);
	if (names == NULL || n == 0) {
		fprintf(stderr, "no %s/*.md\n", dir);
		return 2;
	}
	for (size_t i = 0; i < n; i += BENCH_BATCH) {
		size_t k, got = 0;

		for (k = 0; k < BENCH_BATCH && i + k < n; k++)
			if (bench_read(&b[got], dir, names[i + k]) == 0)
				got++;
		t0 = cpu_seconds();
		for (k = 0; k < got; k++)
			search_index_add(x, &b[k].doc);
		add += cpu_seconds() - t0;
		done += got;
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	for (size_t k = 0; k < BENCH_BATCH; k++) {
		buf_free(&b[k].file);
		buf_free(&b[k].title);
		buf_free(&b[k].url);
		buf_free(&b[k].text);
	}
	free(b);
	t0 = cpu_seconds();
	search_index_write(x, bench_keep, &o);
	t0 = cpu_seconds() - t0 - o.cpu;
	search_index_free(x);
	getrusage(RUSAGE_SELF, &ru);
	printf("docs %zu\nadd_cpu_s %.3f\nwrite_cpu_s %.3f\ntokens %zu\npostings %zu\n"
	       "files %zu\nbytes %zu\ndigest %016llx\npeak_rss_kb %ld\n",
	       done, add, t0, o.tokens, o.postings, o.files, o.bytes, o.digest, ru.ru_maxrss);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--bench") == 0)
		return bench(argv[2]);
	test_tokens();
	test_index();
	test_split();
	return test_done();
}
