/* The search index's benchmark, and its check.
 *
 * `test_search_bench --bench DIR [--rounds N] [--parts K]` indexes every
 * Markdown file in DIR/content/communities (tests/bench/gen_site.sh
 * makes such a site) and prints the CPU time of adding and of writing
 * (the least of N rounds: the machine is shared), the size of the index
 * and the peak RSS; with K parts, the documents go to K indexes joined
 * by search_index_append, timed too.
 *
 * Run without arguments (from the repository root), it checks itself on
 * the example site: every community indexed, in 1 part or 3 the same
 * files. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "html/search.h"
#include "search_files.h"
#include "test.h"
#include "util/buf.h"

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
				index_add(x[(i + k) * parts / n], &b[k].doc);
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


/* The benchmark's own check, on the example site: every community is
 * indexed and counted, every file read back, and 3 parts joined give
 * the files of 1 part. */
static void self_check(void)
{
	const char *dir = "content/communities";
	size_t n;
	char **names = md_files(dir, &n);
	struct bench_out one = { 0, 0, 0, 0, 0, 14695981039346656037ULL, 0 };
	struct bench_out three = one;

	CHECK(names != NULL && n >= 2);
	if (names == NULL)
		return;
	bench_round(dir, names, n, 1, &one);
	bench_round(dir, names, n, 3, &three);
	CHECK_INT(one.docs, n);
	/* Manifest and script, at least one token chunk, a document chunk
	 * per 32. */
	CHECK(one.files >= 3 + (n + SEARCH_DOC_CHUNK - 1) / SEARCH_DOC_CHUNK);
	CHECK(one.tokens > n && one.postings >= one.tokens);
	CHECK(one.digest == three.digest);
	CHECK_INT(three.bytes, one.bytes);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "--bench") == 0)
		return bench(argc, argv);
	self_check();
	return test_done();
}
