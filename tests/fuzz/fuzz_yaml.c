/* site.yaml: libyaml's document, then the settings walker of config.c.
 *
 * config_load only reads from a path, so each input is written to a
 * private file below $TMPDIR first (see docs/security.md for the
 * proposed config_parse(text, len, ...) that would make this in-memory).
 * The same bytes also go through yamldoc_parse directly, as front matter
 * does, with a line offset. */
#include "fuzz.h"

#include "load/config.h"
#include "load/yamldoc.h"

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

		if (root && root->type == YAML_MAPPING_NODE)
			yamldoc_get(&y, root, "title");
		yamldoc_free(&y);
	}
	diags_sort(&d);
	arena_free(a);
	diags_free(&d);
	return 0;
}
