/* The Mustache engine: a template and a JSON context from the fuzzer.
 *
 * The input is the template source, a NUL byte, then the context as JSON
 * (cJSON); without a NUL, or when the JSON does not parse, a fixed
 * context is used.  The loader serves two fixed partials and the fuzzed
 * template itself as "self", so recursive partials are reached.  A
 * template starting with an odd byte is rendered in strict mode. */
#include "fuzz.h"

#include "template/mustache.h"

static const char fixed_context[] =
	"{\"title\":\"老旧小区<改造>\",\"n\":3,\"x\":1.21,\"ok\":true,"
	"\"no\":false,\"none\":null,\"empty\":\"\",\"list\":[{\"name\":\"甲\","
	"\"n\":1},{\"name\":\"乙&\",\"list\":[]}],\"a\":{\"b\":{\"c\":\"深\"}},"
	"\"names\":[\"a\",\"b\",\"self\",\"../x\"],\"partial\":\"a\"}";

struct source {
	const char *text;
	size_t len;
};

static int load(void *ctx, const char *name, buf *out, char **display)
{
	const struct source *self = ctx;

	(void)display;
	if (strcmp(name, "a") == 0)
		buf_puts(out, "<li>{{name}}{{#list}}{{>b}}{{/list}}</li>\n");
	else if (strcmp(name, "b") == 0)
		buf_puts(out, "  {{$body}}[{{.}}]{{/body}} {{{title}}}\n");
	else if (strcmp(name, "self") == 0)
		buf_put(out, self->text, self->len);
	else
		return -1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *src = (const char *)data;
	const char *nul = memchr(src, '\0', size);
	struct source self = { src, nul ? (size_t)(nul - src) : size };
	diags d = DIAGS_INIT;
	cJSON *ctx = NULL;
	mustache_env *env;
	mustache_template *t;

	if (nul)
		ctx = cJSON_ParseWithLength(nul + 1, size - self.len - 1);
	if (ctx == NULL)
		ctx = cJSON_Parse(fixed_context);
	env = mustache_env_new(load, &self, &d);
	/* The engine stops a runaway render by its work budget; a small one
	 * keeps each input well under the fuzzer's timeout under ASan. */
	mustache_env_set_max_steps(env, 1000000);
	mustache_env_strict(env, self.len > 0 && (data[0] & 1));
	t = mustache_env_parse(env, self.text, self.len, "fuzz.html");
	if (t) {
		buf out = BUF_INIT;
		int rc = mustache_render(env, t, ctx, &out);

		FUZZ_ASSERT(rc == 0 || d.errors > 0);
		buf_free(&out);
	} else {
		FUZZ_ASSERT(d.errors > 0);
	}
	mustache_env_free(env);
	cJSON_Delete(ctx);
	diags_free(&d);
	return 0;
}
