/* What gongshi refuses in YAML that libyaml would read, or read too
 * slowly.  Private to load/ (yamldoc.c).
 *
 * Before libyaml (yamlguard_text): the text's own limits.  libyaml 0.2.5
 * takes time quadratic in the nesting of flow collections and in the
 * number of anchors (&a) and aliases (*a): enough of them take a build
 * seconds to minutes (the figures are in docs/performance.md, "YAML
 * anchors").  No site.yaml, front matter or notice.yaml needs either, so
 * a text past a small bound is refused, at the place it goes past, before
 * libyaml builds anything.
 *
 * After libyaml (yamlguard_document): what a document may not hold even
 * though YAML allows it.  A key written twice in one mapping (libyaml
 * keeps both; gongshi would take one in silence), and a NUL in a value
 * (a double-quoted "\0" would cut the value short).  A value with a
 * bidirectional control or a zero-width character (util/invisible.h) is
 * a warning. */
#ifndef GONGSHI_YAMLGUARD_H
#define GONGSHI_YAMLGUARD_H

#include <stddef.h>
#include <yaml.h>

#include "util/diag.h"

/* Deepest nesting of [ and {, and most anchors and aliases, in one text. */
enum { YAMLGUARD_MAX_FLOW_DEPTH = 1000, YAMLGUARD_MAX_ANCHORS = 100 };

/* 0, or -1 after an error at the bracket, anchor or alias past the
 * limit (lines counted from `line_base` + 1, columns in characters). */
int yamlguard_text(const char *text, size_t len, const char *path,
		   unsigned line_base, diags *d);

/* 0, or -1 after an error for every repeated key and every value with a
 * NUL in `doc`; warns of invisible characters in values. */
int yamlguard_document(yaml_document_t *doc, const char *path,
		       unsigned line_base, diags *d);

#endif
