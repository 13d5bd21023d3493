/* Helpers shared by the fuzz harnesses (tests/fuzz/fuzz_*.c).
 *
 * Only static inline functions, so each harness stays one translation
 * unit and unused helpers cost nothing.  Anything written goes below
 * $TMPDIR (or /tmp), in a folder the harness removes at exit. */
#ifndef GONGSHI_FUZZ_H
#define GONGSHI_FUZZ_H

#define _XOPEN_SOURCE 700 /* nftw */

#include <ftw.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A harness found the code breaking one of its promises: crash loudly so
 * libFuzzer keeps the input. */
#define FUZZ_ASSERT(cond)                                                  \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "%s:%d: fuzz assertion failed: %s\n", \
				__FILE__, __LINE__, #cond);                \
			abort();                                           \
		}                                                          \
	} while (0)

/* A malloc'd NUL-terminated copy of the input, as the loaders' file
 * reader would hand it over.  The caller frees it. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);

	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Writes `n` bytes to `path`, replacing it; exits on failure, since a
 * harness that cannot set up its input tests nothing.  The old file is
 * unlinked first: truncating it in place makes ext4 flush it to disk on
 * close (auto_da_alloc), which cost 3 ms a run. */
static inline void fuzz_write(const char *path, const void *p, size_t n)
{
	FILE *f;

	unlink(path);
	f = fopen(path, "wb");

	if (f == NULL || (n && fwrite(p, 1, n, f) != n) || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
}

/* Reads the whole file `path` into a malloc'd buffer (NUL-terminated);
 * exits when it cannot, as fuzz_write. */
static inline char *fuzz_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *s = NULL;
	size_t n = 0, cap = 0, k;

	if (f == NULL) {
		perror(path);
		exit(2);
	}
	do {
		s = xgrow(s, &cap, n + 4097, 1);
		k = fread(s + n, 1, 4096, f);
		n += k;
	} while (k > 0);
	fclose(f);
	s[n] = '\0';
	*len = n;
	return s;
}

/* A new private folder below $TMPDIR; malloc'd path. */
static inline char *fuzz_tmpdir(const char *name)
{
	const char *t = getenv("TMPDIR");
	size_t n;
	char *path;

	if (t == NULL || *t == '\0')
		t = "/tmp";
	n = strlen(t) + strlen(name) + 16;
	path = xmalloc(n);
	snprintf(path, n, "%s/%s.XXXXXX", t, name);
	if (mkdtemp(path) == NULL) {
		perror(path);
		exit(2);
	}
	return path;
}

static inline int fuzz_rm_one(const char *path, const struct stat *st,
			      int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return type == FTW_DP ? rmdir(path) : unlink(path);
}

/* Removes the folder `path` and everything in it. */
static inline void fuzz_rmtree(const char *path)
{
	nftw(path, fuzz_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
