/* One content page read from its text: the front matter (libyaml, or
 * load/front_simple.c for the simplest kind) and the body (front_matter.h). */
#include "load/front_matter.h"

#include <stdlib.h>
#include <string.h>

#include "load/front_simple.h"
#include "load/yamldoc.h"
#include "util/errtext.h"
#include "util/xalloc.h"

/* The front matter is the text between a first line `---` and the next
 * line `---` (or `...`).  Returns the length of the front matter text
 * and sets *body to where the body starts; 0 when there is none. */
static size_t split_front_matter(const char *text, const char **fm,
				 const char **body, unsigned *body_line)
{
	const char *p;
	unsigned line = 2;

	*fm = NULL;
	*body = text;
	*body_line = 1;
	if (strncmp(text, "---\n", 4) != 0 && strncmp(text, "---\r\n", 5) != 0)
		return 0;
	p = strchr(text, '\n') + 1;
	*fm = p;
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		if (n && p[n - 1] == '\r')
			n--;
		if ((n == 3 && (strncmp(p, "---", 3) == 0 || strncmp(p, "...", 3) == 0))) {
			*body = eol ? eol + 1 : p + strlen(p);
			*body_line = line + 1;
			return (size_t)(p - *fm);
		}
		if (!eol)
			break;
		p = eol + 1;
		line++;
	}
	/* No closing line: not front matter after all. */
	*fm = NULL;
	return 0;
}

static const char *scalar_or_error(struct yamldoc *y, yaml_node_t *n,
				   const char *key, diags *d)
{
	const char *v = yamldoc_scalar(n);

	if (v == NULL)
		diag_error(d, y->path, yamldoc_line(y, n), yamldoc_col(n), NULL,
			   "前置信息“%s”应为单个值", key);
	return v;
}

static void read_communities_list(struct page *p, struct yamldoc *y,
				  yaml_node_t *n, arena *a, diags *d)
{
	yaml_node_item_t *it;
	size_t k = 0;

	if (n->type == YAML_SCALAR_NODE) {
		p->communities = arena_array(a, 1, sizeof(char *));
		if (n->data.scalar.length)
			p->communities[k++] = arena_strdup(a, yamldoc_scalar(n));
		p->ncommunities = k;
		return;
	}
	if (n->type != YAML_SEQUENCE_NODE) {
		diag_error(d, y->path, yamldoc_line(y, n), yamldoc_col(n), NULL,
			   "前置信息“communities”应为小区编号的列表");
		return;
	}
	p->communities = arena_array(a,
		(size_t)(n->data.sequence.items.top - n->data.sequence.items.start) + 1,
		sizeof(char *));
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
		yaml_node_t *e = yaml_document_get_node(&y->doc, *it);
		const char *v = scalar_or_error(y, e, "communities", d);
		if (v)
			p->communities[k++] = arena_strdup(a, v);
	}
	p->ncommunities = k;
}

static void read_front_matter(struct page *p, struct yamldoc *y, arena *a,
			      diags *d)
{
	yaml_node_t *root = yamldoc_root(y);
	yaml_node_pair_t *pr;

	if (root == NULL || (root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0))
		return;
	if (root->type != YAML_MAPPING_NODE) {
		diag_error(d, y->path, yamldoc_line(y, root), yamldoc_col(root), NULL,
			   "前置信息应为“键: 值”形式的映射");
		return;
	}
	for (pr = root->data.mapping.pairs.start; pr < root->data.mapping.pairs.top; pr++) {
		yaml_node_t *k = yaml_document_get_node(&y->doc, pr->key);
		yaml_node_t *v = yaml_document_get_node(&y->doc, pr->value);
		const char *key = yamldoc_scalar(k), *s;

		if (key == NULL)
			continue;
		if (strcmp(key, "communities") == 0) {
			read_communities_list(p, y, v, a, d);
		} else if (strcmp(key, "title") == 0 || strcmp(key, "summary") == 0) {
			if ((s = scalar_or_error(y, v, key, d)))
				*(key[0] == 't' ? &p->title : &p->summary) = arena_strdup(a, s);
		} else if (strcmp(key, "date") == 0) {
			if ((s = scalar_or_error(y, v, key, d)))
				front_simple_set_date(p, s, y->path, yamldoc_line(y, v), yamldoc_col(v), d);
		} else {
			diag_warning(d, y->path, yamldoc_line(y, k), yamldoc_col(k), key,
				     "未知的前置信息“%s”，已忽略", key);
		}
	}
}

/* front_matter_parse; with `shortcut` 0 libyaml reads every front matter. */
static void parse_page(struct page *p, const char *text, const char *display,
		       arena *a, diags *d, int shortcut)
{
	const char *fm, *body;
	size_t fmlen = split_front_matter(text, &fm, &body, &p->body_line);
	struct yamldoc y;

	p->title = p->summary = "";
	p->pos = (struct srcpos){ display, 1 };
	p->body_md = body;
	if (fm == NULL || (shortcut && front_simple_read(p, fm, fmlen, display, a, d) == 0))
		return;
	if (yamldoc_parse(&y, fm, fmlen, display, 1, d) == 0) {
		read_front_matter(p, &y, a, d);
		yamldoc_free(&y);
	}
}

void front_matter_parse(struct page *p, const char *text, size_t len,
		const char *display, arena *a, diags *d)
{
	(void)len;
	parse_page(p, text, display, a, d, 1);
}

void front_matter_parse_yaml(struct page *p, const char *text, const char *display,
		     arena *a, diags *d)
{
	parse_page(p, text, display, a, d, 0);
}

int front_matter_is_simple(const char *text)
{
	const char *fm, *body;
	unsigned line;
	size_t fmlen = split_front_matter(text, &fm, &body, &line);

	return fm != NULL && front_simple_is(fm, fmlen);
}
