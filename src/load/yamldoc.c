#include "load/yamldoc.h"

#include <string.h>

#include "load/encoding.h"
#include "load/yamlerr.h"
#include "load/yamlguard.h"

/* A second document (after `---` or `...`): libyaml's loader reads only
 * the first, so everything after the line would be dropped in silence.
 * 1 after an error at its start. */
static int second_document(yaml_parser_t *parser, const char *path,
			   unsigned line_base, diags *d)
{
	yaml_event_t ev;
	int more;

	if (!yaml_parser_parse(parser, &ev))
		return 0; /* an error in what follows: the first document is read */
	more = ev.type == YAML_DOCUMENT_START_EVENT;
	if (more)
		diag_error(d, path, line_base + (unsigned)ev.start_mark.line + 1,
			   (unsigned)ev.start_mark.column + 1, NULL,
			   "YAML 格式错误：这里开始了第二个 YAML 文档（上面有一行“---”或“...”），"
			   "而这个文件只能有一个：请在文本编辑器中删去那一行，把下面的内容并入上面");
	yaml_event_delete(&ev);
	return more;
}

/* 1 after an error when the whole document is one plain text that was
 * meant as a `name: value` line with a wrong colon. */
static int root_colon_mistake(struct yamldoc *y, diags *d)
{
	yaml_node_t *root = yaml_document_get_root_node(&y->doc);

	return root && yamlerr_colon_in_scalar(root, y->path, y->line_base, d);
}

int yamldoc_parse(struct yamldoc *y, const char *text, size_t len,
		  const char *path, unsigned line_base, diags *d)
{
	yaml_parser_t parser;
	int ok;

	memset(y, 0, sizeof(*y));
	y->path = path;
	y->line_base = line_base;
	if (encoding_refuse_nul(text, len, path, line_base, d) < 0 ||
	    yamlguard_text(text, len, path, line_base, d) < 0)
		return -1;
	if (!yaml_parser_initialize(&parser))
		return -1;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	ok = yaml_parser_load(&parser, &y->doc);
	/* `|`, not `||`: each check reports its own problems. */
	if (!ok)
		yamlerr_report(&parser, text, len, path, line_base, d);
	else if (second_document(&parser, path, line_base, d) |
		 (yamlguard_document(&y->doc, path, line_base, d) < 0) |
		 root_colon_mistake(y, d)) {
		yaml_document_delete(&y->doc);
		ok = 0;
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
