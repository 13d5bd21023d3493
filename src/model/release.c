/* The checks before publishing (release.h).  Owned by nothing: reads the
 * site and site.yaml, adds diagnostics, keeps no state. */
#include "model/release.h"

#include <stdio.h>
#include <string.h>

#include "load/file.h"
#include "load/yamldoc.h"
#include "util/buf.h"

/* The placeholders: every line `gongshi init` writes for the clerk to
 * replace starts with （示例： or is （此处粘贴原文。）, and the shipped
 * example's pages end with a （示例…） note or call the site 示例站点. */
static const char *const placeholders[] = { "（示例", "（此处粘贴原文", "示例站点" };

int release_placeholder_line(const char *line, size_t len)
{
	for (size_t k = 0; k < sizeof(placeholders) / sizeof(placeholders[0]); k++) {
		size_t n = strlen(placeholders[k]);

		for (size_t i = 0; i + n <= len; i++)
			if (memcmp(line + i, placeholders[k], n) == 0)
				return 1;
	}
	return 0;
}

/* site.yaml parsed again, for the lines of its settings. */
struct yaml_site {
	struct yamldoc y;
	yaml_node_t *root; /* a mapping, or NULL */
	const char *file;  /* as shown */
};

/* The key node of `key` in the mapping `map`, or NULL. */
static yaml_node_t *key_node(struct yaml_site *ys, yaml_node_t *map, const char *key)
{
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yaml_document_get_node(&ys->y.doc, p->key);
		const char *ks = yamldoc_scalar(k);

		if (ks && strcmp(ks, key) == 0)
			return k;
	}
	return NULL;
}

/* The value node of a dotted key ("notice.date"), or NULL; `*section` is
 * set to the key node of its section ("notice:") when that is a mapping,
 * for "add it under notice:", else NULL. */
static yaml_node_t *find_key(struct yaml_site *ys, const char *key, yaml_node_t **section)
{
	yaml_node_t *map = ys->root;
	const char *dot = strchr(key, '.');
	char head[64];

	*section = NULL;
	if (map == NULL)
		return NULL;
	if (dot == NULL)
		return yamldoc_get(&ys->y, map, key);
	snprintf(head, sizeof(head), "%.*s", (int)(dot - key), key);
	*section = key_node(ys, map, head);
	map = yamldoc_get(&ys->y, map, head);
	if (map == NULL || map->type != YAML_MAPPING_NODE)
		return *section = NULL, NULL;
	return yamldoc_get(&ys->y, map, dot + 1);
}

/* An error for a setting a release needs: at its value when it is there
 * but empty, at its section when only the key is missing, else on the
 * file. */
static void need(struct yaml_site *ys, diags *d, const char *key, const char *what,
		 const char *example)
{
	yaml_node_t *section, *n = find_key(ys, key, &section);
	const char *v = n ? yamldoc_scalar(n) : NULL;
	const char *dot = strchr(key, '.');
	buf how = BUF_INIT;

	if (v && *v)
		return;
	if (n)
		buf_puts(&how, "在这一行的冒号后面填写");
	else if (section)
		buf_printf(&how, "在“%.*s:”下面加一行（行首空两格）", (int)(dot - key), key);
	else if (dot)
		buf_printf(&how, "加一行“%.*s:”，在它下面再加一行（行首空两格）", (int)(dot - key),
			   key);
	else
		buf_puts(&how, "加一行");
	if (n == NULL)
		n = section;
	diag_error(d, ys->file, n ? yamldoc_line(&ys->y, n) : 0, n ? yamldoc_col(n) : 0, NULL,
		   "没有填写%s（%s），不能发布：请用文本编辑器打开 site.yaml，%s，如“%s”",
		   what, key, buf_cstr(&how), example);
	buf_free(&how);
}

/* 1 when a label of the URL's host is "example" (example.gov.cn,
 * www.example.com): the addresses reserved for examples. */
static int example_host(const char *url)
{
	const char *h = strstr(url, "://"), *end;

	h = h ? h + 3 : url;
	end = h + strcspn(h, "/:?#");
	for (const char *p = h; p < end;) {
		size_t n = strcspn(p, ".");

		if (p + n > end)
			n = (size_t)(end - p);
		if (n == 7 && strncmp(p, "example", 7) == 0)
			return 1;
		p += n + 1;
	}
	return 0;
}

/* Every scalar under `map` whose text says 示例, with its dotted key. */
static void marked_values(struct yaml_site *ys, yaml_node_t *map, const char *prefix,
			  diags *d)
{
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yaml_document_get_node(&ys->y.doc, p->key);
		yaml_node_t *v = yaml_document_get_node(&ys->y.doc, p->value);
		const char *ks = yamldoc_scalar(k), *vs = yamldoc_scalar(v);
		buf key = BUF_INIT;

		if (ks == NULL)
			continue;
		buf_printf(&key, "%s%s%s", prefix, *prefix ? "." : "", ks);
		if (v->type == YAML_MAPPING_NODE)
			marked_values(ys, v, buf_cstr(&key), d);
		else if (vs && strstr(vs, "示例"))
			diag_error(d, ys->file, yamldoc_line(&ys->y, v), yamldoc_col(v), vs,
				   "设置“%s”的值“%s”标明是示例，不能发布：请用文本编辑器改为真实的值",
				   buf_cstr(&key), vs);
		buf_free(&key);
	}
}

static void check_config(const struct site *s, struct yaml_site *ys, diags *d)
{
	yaml_node_t *parent, *n;

	if (s->config.example) {
		n = find_key(ys, "example", &parent);
		diag_error(d, ys->file, n ? yamldoc_line(&ys->y, n) : 0, n ? yamldoc_col(n) : 0,
			   NULL,
			   "这是示例站点（example: true），不能发布：请把 data/ 和 content/ 换成本地的"
			   "真实内容，再用文本编辑器把这一行改为“example: false”");
	}
	need(ys, d, "base_url", "网站正式地址", "base_url: https://www.×××.gov.cn/gaizao/");
	n = find_key(ys, "base_url", &parent);
	if (*s->config.base_url && example_host(s->config.base_url))
		diag_error(d, ys->file, n ? yamldoc_line(&ys->y, n) : 0, n ? yamldoc_col(n) : 0,
			   s->config.base_url,
			   "网站正式地址“%s”是示例地址，不能发布：请用文本编辑器改为网站发布后的真实网址",
			   s->config.base_url);
	need(ys, d, "notice.issuer", "发文机关", "issuer: ××区人民政府办公室");
	need(ys, d, "notice.date", "公示日期", "date: 2022-05-09");
	need(ys, d, "feedback.phone", "意见反馈电话", "phone: 0632-1234567");
	if (ys->root)
		marked_values(ys, ys->root, "", d);
}

/* A line as quoted in a message: its first 60 characters, then "…". */
static void excerpt(buf *out, const char *line, size_t len)
{
	size_t i = 0, chars = 0;

	while (i < len && chars < 60) {
		i++;
		while (i < len && ((unsigned char)line[i] & 0xC0) == 0x80)
			i++;
		chars++;
	}
	buf_put(out, line, i);
	if (i < len)
		buf_puts(out, "…");
}

/* Placeholder lines in the Markdown of every content/ page. */
static void check_content(const struct site *s, diags *d)
{
	buf quote = BUF_INIT;

	for (size_t i = 0; i < s->npages; i++) {
		const struct page *p = &s->pages[i];
		const char *line = p->body_md;

		for (unsigned k = 0; line && *line; k++) {
			size_t len = strcspn(line, "\n");

			if (release_placeholder_line(line, len)) {
				excerpt(&quote, line, len);
				diag_error(d, p->pos.file, p->body_line + k, 0, buf_cstr(&quote),
					   "仍是示例内容“%s”，不能发布：请用文本编辑器改写或删去这一行%s",
					   buf_cstr(&quote),
					   strncmp(p->path, "news/", 5) == 0
						   ? "；示例动态请删除整个文件"
						   : "");
				buf_reset(&quote);
			}
			line += len + (line[len] == '\n');
		}
	}
	buf_free(&quote);
}

void release_check(const struct site *s, diags *d)
{
	struct yaml_site ys = { .root = NULL };
	buf path = BUF_INIT, shown = BUF_INIT;
	char *text;
	size_t len;
	arena *a = arena_new();
	diags quiet = DIAGS_INIT;

	buf_printf(&path, "%s/site.yaml", s->root);
	buf_printf(&shown, "%ssite.yaml", s->prefix ? s->prefix : "");
	ys.file = buf_cstr(&shown);
	/* A site.yaml that cannot be read was reported by model_load. */
	if (file_read(buf_cstr(&path), ys.file, a, &quiet, &text, &len) == 0 &&
	    yamldoc_parse(&ys.y, text, len, ys.file, 0, &quiet) == 0) {
		ys.root = yamldoc_root(&ys.y);
		if (ys.root && ys.root->type != YAML_MAPPING_NODE)
			ys.root = NULL;
		check_config(s, &ys, d);
		yamldoc_free(&ys.y);
	}
	check_content(s, d);
	diags_free(&quiet);
	arena_free(a);
	buf_free(&path);
	buf_free(&shown);
}
