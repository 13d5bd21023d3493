/* A whole `gongshi check`: model_load over a copy of the example site
 * (site.yaml, the CSV files of data/, the Markdown of content/) in which
 * one file's bytes come from the fuzzer, then the diagnostics sorted and
 * printed as the check command prints them (to /dev/null).
 *
 * The copy is made once per process below $TMPDIR, from the repository
 * root (the current directory; tests/fuzz/run.sh runs from there).  A
 * first byte below the number of files picks the file, in sorted path
 * order (the harness lists them on stderr when it starts); any other
 * input replaces data/communities.csv whole.  The file is put back after
 * each run. */
#include "fuzz.h"

#include "model/model.h"

struct file {
	char *rel, *text;
	size_t len;
};

static struct file *files;
static size_t nfiles, filecap, communities;
static char *dir;
static FILE *devnull;

static int is_input(const char *rel)
{
	size_t n = strlen(rel);

	if (strcmp(rel, "site.yaml") == 0)
		return 1;
	if (strncmp(rel, "data/", 5) == 0)
		return n > 4 && strcmp(rel + n - 4, ".csv") == 0;
	if (strncmp(rel, "content/", 8) == 0)
		return n > 3 && strcmp(rel + n - 3, ".md") == 0;
	return 0;
}

static int collect(const char *path, const struct stat *st, int type,
		   struct FTW *ftw)
{
	const char *rel = path + 2; /* past "./" */

	(void)st;
	(void)ftw;
	if (type != FTW_F || !is_input(rel))
		return 0;
	files = xgrow(files, &filecap, nfiles + 1, sizeof(*files));
	files[nfiles].rel = xstrdup(rel);
	files[nfiles].text = fuzz_slurp(path, &files[nfiles].len);
	nfiles++;
	return 0;
}

static int by_path(const void *x, const void *y)
{
	return strcmp(((const struct file *)x)->rel, ((const struct file *)y)->rel);
}

static char *site_path(const char *rel)
{
	size_t n = strlen(dir) + strlen(rel) + 2;
	char *p = xmalloc(n);

	snprintf(p, n, "%s/%s", dir, rel);
	return p;
}

static void put(const struct file *f, const void *data, size_t len)
{
	char *p = site_path(f->rel);

	fuzz_write(p, data, len);
	free(p);
}

/* Makes the folders above `rel` in the copy. */
static void make_parents(const char *rel)
{
	char *p = site_path(rel), *slash = p + strlen(dir) + 1;

	while ((slash = strchr(slash, '/')) != NULL) {
		*slash = '\0';
		mkdir(p, 0755);
		*slash++ = '/';
	}
	free(p);
}

static void cleanup(void)
{
	if (dir)
		fuzz_rmtree(dir);
	for (size_t i = 0; i < nfiles; i++) {
		free(files[i].rel);
		free(files[i].text);
	}
	free(files);
	free(dir);
	if (devnull)
		fclose(devnull);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	collect("./site.yaml", NULL, FTW_F, NULL);
	if (nftw("./data", collect, 16, FTW_PHYS) != 0 ||
	    nftw("./content", collect, 16, FTW_PHYS) != 0 || nfiles < 2) {
		fprintf(stderr, "fuzz_site: run from the repository root\n");
		exit(2);
	}
	qsort(files, nfiles, sizeof(*files), by_path);
	dir = fuzz_tmpdir("gongshi-fuzz-site");
	atexit(cleanup);
	communities = nfiles;
	for (size_t i = 0; i < nfiles; i++) {
		make_parents(files[i].rel);
		put(&files[i], files[i].text, files[i].len);
		if (strcmp(files[i].rel, "data/communities.csv") == 0)
			communities = i;
		fprintf(stderr, "fuzz_site: file %zu = %s\n", i, files[i].rel);
	}
	if (communities == nfiles) {
		fprintf(stderr, "fuzz_site: no data/communities.csv\n");
		exit(2);
	}
	devnull = fopen("/dev/null", "w");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t which = communities;
	diags d = DIAGS_INIT;
	struct site *s;

	if (size > 0 && data[0] < nfiles) {
		which = data[0];
		data++;
		size--;
	}
	put(&files[which], data, size);
	s = model_load(dir, &d);
	diags_sort(&d);
	diags_print(&d, devnull);
	site_free(s);
	diags_free(&d);
	put(&files[which], files[which].text, files[which].len);
	return 0;
}
