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

/* `o` made a new entry: kind, record, path, nothing else. */
static void set_entry(struct plan_output *o, enum output_kind kind, size_t index, char *path)
{
	if (index > UINT32_MAX) {
		/* Cannot come from tables the loader accepts. */
		fputs("gongshi: fatal: 输出太多：一类输出的记录超过 4294967295 个，无法生成\n", stderr);
		exit(2);
	}
	memset(o, 0, sizeof(*o));
	o->kind = kind;
	o->index = (uint32_t)index;
	o->path = path;
}

struct plan_output *plan_add(struct plan *p, enum output_kind kind, size_t index,
			     char *path)
{
	p->v = xgrow(p->v, &p->cap, p->n + 1, sizeof(*p->v));
	set_entry(&p->v[p->n], kind, index, path);
	return &p->v[p->n++];
}

void plan_set_packed(struct plan_output *o, struct arena_pack *paths, enum output_kind kind,
		     size_t index, const char *path)
{
	if (paths->a == NULL)
		paths->a = arena_new();
	set_entry(o, kind, index, arena_pack_copy(paths, path, strlen(path)));
	o->packed = 1;
}

void plan_adopt_paths(struct plan *p, struct arena_pack *paths)
{
	if (paths->a == NULL)
		return;
	if (p->paths.a == NULL)
		p->paths.a = arena_new();
	arena_adopt(p->paths.a, paths->a);
	memset(paths, 0, sizeof(*paths));
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
	arena_free(p->paths.a);
	free(p->v);
	memset(p, 0, sizeof(*p));
}
