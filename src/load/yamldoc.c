#include "load/yamldoc.h"

#include <string.h>

/* libyaml 0.2.5 takes time quadratic in the nesting of flow collections
 * ([ and {): a front matter of a million brackets, well inside the size
 * limits, would never finish.  No real site.yaml or front matter nests
 * more than a few levels, so deeper text is refused before libyaml reads
 * it.  Brackets inside quoted scalars count too, which is harmless at
 * this depth. */
enum { YAML_MAX_FLOW_DEPTH = 1000 };

/* 1 (after an error naming the bracket that goes past the limit, its
 * column in characters, as libyaml counts) when `text` nests deeper. */
static int too_deep(const char *text, size_t len, const char *path, unsigned line_base,
		    diags *d)
{
	unsigned depth = 0, line = 0, col = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c == '\n') {
			line++;
			col = 0;
			continue;
		}
		col += (c & 0xC0) != 0x80;
		if (c == '[' || c == '{') {
			if (++depth > YAML_MAX_FLOW_DEPTH) {
				diag_error(d, path, line_base + line + 1, col, NULL,
					   "YAML 嵌套超过 %d 层，已拒绝读取", YAML_MAX_FLOW_DEPTH);
				return 1;
			}
		} else if ((c == ']' || c == '}') && depth) {
			depth--;
		}
	}
	return 0;
}

int yamldoc_parse(struct yamldoc *y, const char *text, size_t len,
		  const char *path, unsigned line_base, diags *d)
{
	yaml_parser_t parser;
	int ok;

	memset(y, 0, sizeof(*y));
	y->path = path;
	y->line_base = line_base;
	if (too_deep(text, len, path, line_base, d))
		return -1;
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
