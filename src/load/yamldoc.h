/* A parsed YAML document (libyaml's document API) with small lookups.
 *
 * site.yaml and Markdown front matter are both read through this.  Node
 * positions are kept so that every diagnostic names the line and column
 * of the offending value. */
#ifndef GONGSHI_YAMLDOC_H
#define GONGSHI_YAMLDOC_H

#include <stddef.h>
#include <yaml.h>

#include "util/diag.h"

struct yamldoc {
	yaml_document_t doc;
	const char *path;    /* display path */
	unsigned line_base;  /* added to node lines (front matter offset) */
	int loaded;
};

/* Parses `len` bytes of UTF-8.  Returns 0, or -1 with a diagnostic.  An
 * empty input gives a document with no root.  Free with yamldoc_free().
 * Refused besides what libyaml refuses, each with a located error: a NUL
 * (encoding.h), the limits of yamlguard.h (nesting, anchors and aliases),
 * a second document, a key repeated in a mapping, a NUL in a value, and a
 * whole document that is one `name:value` line with a wrong colon.
 * libyaml's own errors are explained in Chinese by yamlerr.h. */
int yamldoc_parse(struct yamldoc *y, const char *text, size_t len,
		  const char *path, unsigned line_base, diags *d);
void yamldoc_free(struct yamldoc *y);

yaml_node_t *yamldoc_root(struct yamldoc *y);
/* The value under `key` in a mapping node, or NULL. */
yaml_node_t *yamldoc_get(struct yamldoc *y, yaml_node_t *map, const char *key);
/* The scalar's text (NUL-terminated, owned by the document) or NULL when
 * the node is not a scalar. */
const char *yamldoc_scalar(yaml_node_t *n);
unsigned yamldoc_line(const struct yamldoc *y, const yaml_node_t *n);
unsigned yamldoc_col(const yaml_node_t *n);

#endif
