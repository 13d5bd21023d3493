/* A scratch folder for unit tests that make files: `scratch_root` is set
 * (by the test, with mkdtemp) and removed by the test; the helpers below
 * name and fill files under it.  Header-only, static: include it in one
 * test program at a time. */
#ifndef GONGSHI_TEST_SCRATCH_H
#define GONGSHI_TEST_SCRATCH_H

#include <stdio.h>

#include "test.h"

static char scratch_root[64];

/* A path below the scratch folder, in a static buffer (one at a time). */
static const char *at(const char *rel)
{
	static char path[512];

	snprintf(path, sizeof(path), "%s/%s", scratch_root, rel);
	return path;
}

/* A small regular file at `rel`. */
static void make_file(const char *rel)
{
	FILE *f = fopen(at(rel), "w");

	CHECK(f != NULL);
	if (f) {
		fputs("x\n", f);
		fclose(f);
	}
}

#endif
