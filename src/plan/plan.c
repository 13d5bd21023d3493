#include "plan/plan.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

void plan_reserve(struct plan *p, size_t more)
{
	if (more > SIZE_MAX / sizeof(*p->v) - p->n)
		xmalloc(SIZE_MAX); /* xalloc.h: says out of memory and exits */
	if (p->n + more <= p->cap)
		return;
	p->v = xrealloc(p->v, (p->n + more) * sizeof(*p->v));
	p->cap = p->n + more;
}

/* Block size of the packed paths: 18,000 derivatives' paths a block. */
enum { PATHS_BLOCK = 1 << 20 };

struct plan_output *plan_add(struct plan *p, enum output_kind kind, size_t index,
			     char *path)
{
	struct plan_output *o;

	if (index > UINT32_MAX) {
		/* Cannot come from tables the loader accepts. */
		fputs("gongshi: fatal: 输出太多：一类输出的记录超过 4294967295 个，无法生成\n", stderr);
		exit(2);
	}
	p->v = xgrow(p->v, &p->cap, p->n + 1, sizeof(*p->v));
	o = &p->v[p->n++];
	memset(o, 0, sizeof(*o));
	o->kind = kind;
	o->index = (uint32_t)index;
	o->path = path;
	return o;
}

/* Room for `n` bytes of a path among the packed ones: at the end of the
 * last block, or a new one (of its own size for a path longer than a
 * block). */
static char *paths_take(struct plan_paths *t, size_t n)
{
	char *at;

	if (t->n == 0 || t->size - t->used < n) {
		t->size = n > PATHS_BLOCK ? n : PATHS_BLOCK;
		t->blocks = xgrow(t->blocks, &t->cap, t->n + 1, sizeof(*t->blocks));
		t->blocks[t->n++] = xmalloc(t->size);
		t->used = 0;
	}
	at = t->blocks[t->n - 1] + t->used;
	t->used += n;
	return at;
}

struct plan_output *plan_add_packed(struct plan *p, enum output_kind kind, size_t index,
				    const char *path)
{
	size_t n = strlen(path) + 1;
	char *copy = memcpy(paths_take(&p->paths, n), path, n);
	struct plan_output *o = plan_add(p, kind, index, copy);

	o->packed = 1;
	return o;
}

int plan_counted(enum output_kind kind)
{
	switch (kind) {
	case OUTPUT_PAGE:
		return 1;
	case OUTPUT_NOTICE:
	case OUTPUT_POSTER:
	case OUTPUT_BOOKLET:
	case OUTPUT_POSTER_BOOKLET:
	case OUTPUT_REPOST:
	case OUTPUT_RESULT:
	case OUTPUT_REPORT:
		return 2;
	default:
		return 0;
	}
}

void plan_free(struct plan *p)
{
	for (size_t i = 0; i < p->n; i++) {
		if (!p->v[i].packed)
			free(p->v[i].path);
		free(p->v[i].vol);
	}
	for (size_t i = 0; i < p->paths.n; i++)
		free(p->paths.blocks[i]);
	free(p->paths.blocks);
	free(p->v);
	memset(p, 0, sizeof(*p));
}
