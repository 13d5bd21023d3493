/* model_load: site.yaml, data/ and content/ into one validated site. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "load/config.h"
#include "load/content.h"
#include "load/file.h"
#include "model/loader.h"
#include "model/validate.h"
#include "util/docs.h"
#include "util/xalloc.h"

typedef void (*table_reader)(struct loader *, const struct binding *);

/* In dependency order: a table may refer only to tables above it. */
static const struct {
	const struct table_schema *schema;
	table_reader read;
	size_t failed; /* offset of its flag in site_index, or 0 */
} tables[] = {
	{ &schema_units, read_units, offsetof(struct site_index, units_failed) },
	{ &schema_items, read_items, offsetof(struct site_index, items_failed) },
	{ &schema_phases, read_phases, offsetof(struct site_index, phases_failed) },
	{ &schema_duties, read_duties, 0 },
	{ &schema_group, read_group, 0 },
	{ &schema_communities, read_communities, offsetof(struct site_index, communities_failed) },
};

/* Returns -1 when the table could not be read at all. */
static int load_table(struct loader *l, const struct table_schema *schema,
		      table_reader read)
{
	struct site *s = l->site;
	const char *path = arena_printf(l->a, "%s/%s", s->root, schema->file);
	const char *display = arena_printf(l->a, "%s%s", s->prefix, schema->file);
	struct csv_table t;
	struct binding b;

	if (!file_exists(path)) {
		diag_error(l->d, display, 0, 0, NULL,
			   "缺少数据文件：请建立这个表格（可以只有表头），"
			   "各列的填法见" DOCS_TABLE_GUIDE);
		return -1;
	}
	if (csv_read_file_within(s->root, path, display, s->config.encoding, l->a,
				 l->d, &t) < 0)
		return -1;
	if (schema_bind(&b, schema, &t, l->d) < 0)
		return -1;
	read(l, &b);
	return 0;
}

static int newer_first(const void *x, const void *y)
{
	const struct page *a = *(const struct page *const *)x;
	const struct page *b = *(const struct page *const *)y;
	int c = date_cmp(b->date, a->date);

	return c ? c : strcmp(a->path, b->path);
}

/* Finds index.md, plan.md, news/ and communities/ among the pages. */
static void sort_pages(struct loader *l)
{
	struct site *s = l->site;

	s->news = arena_array(l->a, s->npages + 1, sizeof(*s->news));
	for (size_t i = 0; i < s->npages; i++) {
		const struct page *p = &s->pages[i];
		if (strcmp(p->path, "index.md") == 0)
			s->index_page = p;
		else if (strcmp(p->path, "plan.md") == 0)
			s->plan_page = p;
		else if (strncmp(p->path, "news/", 5) == 0)
			s->news[s->nnews++] = p;
	}
	qsort(s->news, s->nnews, sizeof(*s->news), newer_first);
}

static const char *display_prefix(const char *root, arena *a)
{
	size_t n = strlen(root);

	if (strcmp(root, ".") == 0 || strcmp(root, "./") == 0)
		return "";
	return arena_printf(a, "%s%s", root, n && root[n - 1] == '/' ? "" : "/");
}

struct site *model_load(const char *root, diags *d)
{
	return model_load_jobs(root, 1, d);
}

struct site *model_load_jobs(const char *root, unsigned jobs, diags *d)
{
	struct site *s = xcalloc(1, sizeof(*s));
	struct loader l = { s, NULL, d };
	const char *yaml_path, *yaml_display;
	struct content_load *content;

	s->arena = l.a = arena_new();
	s->root = arena_strdup(l.a, root);
	s->prefix = display_prefix(root, l.a);
	s->index = arena_alloc(l.a, sizeof(*s->index));
	yaml_path = arena_printf(l.a, "%s/site.yaml", root);
	yaml_display = arena_printf(l.a, "%ssite.yaml", s->prefix);
	if (!file_exists(yaml_path)) {
		diag_error(d, yaml_display, 0, 0, NULL,
			   "找不到 site.yaml：“%s”不是 gongshi 站点目录"
			   "（可用 gongshi init 新建一个）", root);
		return s;
	}
	config_load(&s->config, yaml_path, yaml_display, l.a, d);
	/* content/ is read by the other threads while this one reads the
	 * tables: neither needs the other. */
	content = content_begin(arena_printf(l.a, "%s/content", root),
				arena_printf(l.a, "%scontent", s->prefix),
				s->config.encoding, jobs, l.a);
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		if (load_table(&l, tables[i].schema, tables[i].read) < 0 && tables[i].failed)
			*(int *)((char *)s->index + tables[i].failed) = 1;
	s->npages = content_end(content, d, &s->pages);
	sort_pages(&l);
	validate_site(s, d);
	return s;
}

void site_free(struct site *s)
{
	if (s == NULL)
		return;
	if (s->index) {
		strmap_free(&s->index->unit_ids);
		strmap_free(&s->index->unit_names);
		strmap_free(&s->index->items);
		strmap_free(&s->index->phases);
		strmap_free(&s->index->communities);
	}
	arena_free(s->arena);
	free(s);
}
