/* The Mustache engine against the spec: every case of its required
 * modules plus ~inheritance and ~dynamic-names, read from
 * $GONGSHI_CONFORMANCE/mustache-spec (../shared/conformance by default,
 * see its README), never copied into the repository; without it the
 * program says "skipped" and why.  Apart from test_mustache.c, which
 * holds the engine's own promises, so that each file stays short. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "mustache_partials.h"
#include "template/mustache.h"
#include "test.h"
#include "util/buf.h"
#include "util/diag.h"

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	buf b = BUF_INIT;
	char chunk[4096];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(&b, chunk, n);
	fclose(f);
	return buf_detach(&b);
}

/* Runs one spec case; returns whether the output matched. */
static int spec_case(const cJSON *test, buf *got)
{
	const cJSON *tpl = cJSON_GetObjectItemCaseSensitive(test, "template");
	const cJSON *data = cJSON_GetObjectItemCaseSensitive(test, "data");
	const cJSON *want = cJSON_GetObjectItemCaseSensitive(test, "expected");
	struct partials p = { 0 };
	diags d = DIAGS_INIT;
	mustache_env *env;
	mustache_template *t;
	int ok;

	p.map = cJSON_GetObjectItemCaseSensitive(test, "partials");
	env = mustache_env_new(load_json, &p, &d);
	t = mustache_env_parse(env, tpl->valuestring, strlen(tpl->valuestring),
			       "spec");
	ok = t && mustache_render(env, t, data, got) == 0 &&
	     strcmp(buf_cstr(got), want->valuestring) == 0 && d.n == 0;
	if (d.n)
		diags_print(&d, stdout);
	mustache_env_free(env);
	diags_free(&d);
	return ok;
}

static void spec_file(const char *dir, const char *module, int *pass,
		      int *total)
{
	buf path = BUF_INIT;
	char *text;
	cJSON *doc;
	const cJSON *test;

	buf_printf(&path, "%s/%s.json", dir, module);
	text = read_file(path.data);
	doc = text ? cJSON_Parse(text) : NULL;
	test_case(doc != NULL, path.data);
	buf_free(&path);
	cJSON_ArrayForEach(test, cJSON_GetObjectItemCaseSensitive(doc, "tests")) {
		const char *name = cJSON_GetObjectItemCaseSensitive(test, "name")
					   ->valuestring;
		const char *want = cJSON_GetObjectItemCaseSensitive(
					   test, "expected")->valuestring;
		char label[512];
		buf got = BUF_INIT;
		int ok = spec_case(test, &got);

		snprintf(label, sizeof(label), "%s: %s", module, name);
		test_case(ok, label);
		if (!ok)
			printf("  got:  [%s]\n  want: [%s]\n", buf_cstr(&got),
			       want);
		*pass += ok;
		(*total)++;
		buf_free(&got);
	}
	cJSON_Delete(doc);
	free(text);
}

/* Returns 1 when the suite was skipped. */
static int test_spec(void)
{
	static const char *const modules[] = {
		"comments", "delimiters", "interpolation", "inverted",
		"partials", "sections", "~inheritance", "~dynamic-names",
	};
	const char *root = getenv("GONGSHI_CONFORMANCE");
	buf dir = BUF_INIT;
	struct stat st;
	int pass = 0, total = 0;

	buf_printf(&dir, "%s/mustache-spec",
		   root && *root ? root : "../shared/conformance");
	if (stat(dir.data, &st) != 0 || !S_ISDIR(st.st_mode)) {
		printf("skipped: %s not found\n", dir.data);
		buf_free(&dir);
		return 1;
	}
	for (size_t i = 0; i < sizeof(modules) / sizeof(*modules); i++)
		spec_file(dir.data, modules[i], &pass, &total);
	printf("mustache spec: %d/%d\n", pass, total);
	buf_free(&dir);
	return 0;
}

int main(void)
{
	if (test_spec()) {
		printf("%d passed, %d failed, 1 skipped\n", test_passed_count,
		       test_failed_count);
		return test_failed_count != 0;
	}
	return test_done();
}
