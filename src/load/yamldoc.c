#include "load/yamldoc.h"

#include <string.h>

int yamldoc_parse(struct yamldoc *y, const char *text, size_t len,
		  const char *path, unsigned line_base, diags *d)
{
	yaml_parser_t parser;
	int ok;

	memset(y, 0, sizeof(*y));
	y->path = path;
	y->line_base = line_base;
	if (!yaml_parser_initialize(&parser))
		return -1;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	ok = yaml_parser_load(&parser, &y->doc);
	if (!ok) {
		yaml_mark_t m = parser.problem_mark;
		diag_error(d, path, line_base + (unsigned)m.line + 1,
			   (unsigned)m.column + 1, NULL,
			   "YAML 格式错误：%s%s%s",
			   parser.problem ? parser.problem : "无法解析",
			   parser.context ? "，" : "",
			   parser.context ? parser.context : "");
	}
	yaml_parser_delete(&parser);
	y->loaded = ok;
	return ok ? 0 : -1;
}

void yamldoc_free(struct yamldoc *y)
{
	if (y->loaded)
		yaml_document_delete(&y->doc);
	y->loaded = 0;
}

yaml_node_t *yamldoc_root(struct yamldoc *y)
{
	return y->loaded ? yaml_document_get_root_node(&y->doc) : NULL;
}

yaml_node_t *yamldoc_get(struct yamldoc *y, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *p;

	if (map == NULL || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&y->doc, p->key);
		const char *ks = yamldoc_scalar(k);
		if (ks && strcmp(ks, key) == 0)
			return yaml_document_get_node(&y->doc, p->value);
	}
	return NULL;
}

const char *yamldoc_scalar(yaml_node_t *n)
{
	if (n == NULL || n->type != YAML_SCALAR_NODE)
		return NULL;
	return (const char *)n->data.scalar.value;
}

unsigned yamldoc_line(const struct yamldoc *y, const yaml_node_t *n)
{
	return y->line_base + (unsigned)n->start_mark.line + 1;
}

unsigned yamldoc_col(const yaml_node_t *n)
{
	return (unsigned)n->start_mark.column + 1;
}
