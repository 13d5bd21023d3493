#include "plan/shard.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int shard_parse(const char *text, struct shard *out)
{
	char *end;
	unsigned long k, n;

	memset(out, 0, sizeof(*out));
	out->on = 1;
	if (strcmp(text, "index") == 0) {
		out->index = 1;
		return 0;
	}
	if (*text < '0' || *text > '9')
		return -1;
	errno = 0;
	k = strtoul(text, &end, 10);
	if (*end != '/' || end[1] < '0' || end[1] > '9')
		return -1;
	n = strtoul(end + 1, &end, 10);
	if (*end != '\0' || errno || n == 0 || n > 1000000 || k >= n)
		return -1;
	out->k = (unsigned)k;
	out->n = (unsigned)n;
	return 0;
}

/* FNV-1a: fixed by this file, so a shard's share never depends on the
 * platform or the build. */
static unsigned long fnv(const char *s)
{
	unsigned long h = 2166136261u;

	for (; *s; s++)
		h = ((h ^ (unsigned char)*s) * 16777619u) & 0xffffffffu;
	return h;
}

int shard_has_record(const struct shard *sh, const char *id)
{
	if (!sh->on)
		return 1;
	return !sh->index && fnv(id) % sh->n == sh->k;
}

int shard_has_shared(const struct shard *sh)
{
	return !sh->on || sh->index;
}
