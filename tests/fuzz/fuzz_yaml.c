/* site.yaml: libyaml's document, then the settings walker of config.c.
 *
 * config_load only reads from a path, so each input is written to a
 * private file below $TMPDIR first (see docs/security.md for the
 * proposed config_parse(text, len, ...) that would make this in-memory).
 * The same bytes also go through yamldoc_parse directly, as front matter
 * does, with a line offset; a text it accepts has no NUL and no more
 * anchors and aliases than yamlguard allows. */
#include "fuzz.h"

#include "load/config.h"
#include "load/yamldoc.h"
#include "load/yamlguard.h"

static char *dir, *file;

static void cleanup(void)
{
	if (dir)
		fuzz_rmtree(dir);
	free(dir);
	free(file);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	size_t n;

	(void)argc;
	(void)argv;
	dir = fuzz_tmpdir("gongshi-fuzz-yaml");
	n = strlen(dir) + sizeof("/site.yaml");
	file = xmalloc(n);
	snprintf(file, n, "%s/site.yaml", dir);
	atexit(cleanup);
	return 0;
}

/* Anchors and aliases in the text, as libyaml's scanner counts them, or
 * 0 when it stops on an error before the end. */
static size_t anchors_in(const uint8_t *data, size_t size)
{
	yaml_parser_t p;
	yaml_token_t t;
	size_t n = 0;
	int type;

	if (!yaml_parser_initialize(&p))
		return 0;
	yaml_parser_set_input_string(&p, data, size);
	do {
		if (!yaml_parser_scan(&p, &t)) {
			n = 0;
			break;
		}
		type = t.type;
		n += type == YAML_ANCHOR_TOKEN || type == YAML_ALIAS_TOKEN;
		yaml_token_delete(&t);
	} while (type != YAML_STREAM_END_TOKEN);
	yaml_parser_delete(&p);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	arena *a = arena_new();
	diags d = DIAGS_INIT;
	struct config c;
	struct yamldoc y;

	fuzz_write(file, data, size);
	if (config_load(&c, file, "site.yaml", a, &d) == 0) {
		FUZZ_ASSERT(c.title && c.base_url && c.language && c.theme);
		FUZZ_ASSERT(c.encoding && c.pdf.song.path && c.pdf.hei.path);
		for (size_t i = 0; i < c.pdf.nfallback; i++)
			FUZZ_ASSERT(c.pdf.fallback[i].path != NULL);
	}
	if (yamldoc_parse(&y, (const char *)data, size, "content/x.md", 1, &d) == 0) {
		yaml_node_t *root = yamldoc_root(&y);

		/* libyaml's loader is quadratic in these: none gets past
		 * the bound to it. */
		FUZZ_ASSERT(anchors_in(data, size) <= YAMLGUARD_MAX_ANCHORS);
		FUZZ_ASSERT(memchr(data, '\0', size) == NULL);

		if (root && root->type == YAML_MAPPING_NODE)
			yamldoc_get(&y, root, "title");
		yamldoc_free(&y);
	}
	diags_sort(&d);
	arena_free(a);
	diags_free(&d);
	return 0;
}
