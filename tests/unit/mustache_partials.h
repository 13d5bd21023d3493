/* What the Mustache tests share: a partials loader over a JSON object
 * of name -> source (a false value: a partial that cannot be read), which
 * counts the loads of each source.  Included by test_mustache.c (the
 * engine's own cases) and test_mustache_spec.c (the spec suite); static
 * inline so that each takes only what it uses. */
#ifndef GONGSHI_TEST_MUSTACHE_PARTIALS_H
#define GONGSHI_TEST_MUSTACHE_PARTIALS_H

#include <string.h>

#include <cjson/cJSON.h>

#include "template/mustache.h"
#include "util/buf.h"
#include "util/diag.h"

struct partials {
	const cJSON *map;
	const char *dir; /* prefix for display paths, or NULL */
	diags *d;        /* for unreadable ones (a false value) */
	int calls[16];   /* loads per name, for the first 16 names asked */
	const char *names[16];
	int nnames;
};

static inline void count_call(struct partials *p, const char *name)
{
	for (int i = 0; i < p->nnames; i++) {
		if (strcmp(p->names[i], name) == 0) {
			p->calls[i]++;
			return;
		}
	}
	if (p->nnames < 16) {
		p->names[p->nnames] = name;
		p->calls[p->nnames++] = 1;
	}
}

static inline int calls(const struct partials *p, const char *name)
{
	for (int i = 0; i < p->nnames; i++) {
		if (strcmp(p->names[i], name) == 0)
			return p->calls[i];
	}
	return 0;
}

static inline int load_json(void *ctx, const char *name, buf *out, char **shown)
{
	struct partials *p = ctx;
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(p->map, name);

	if (cJSON_IsFalse(v) && p->d) {
		diag_error(p->d, name, 0, 0, NULL, "无法读取模板");
		return -2;
	}
	if (!cJSON_IsString(v))
		return -1;
	count_call(p, v->valuestring);
	buf_puts(out, v->valuestring);
	if (p->dir) {
		buf b = BUF_INIT;

		buf_printf(&b, "%s/%s.html", p->dir, name);
		*shown = buf_detach(&b);
	}
	return 0;
}

#endif
