/* Limits on a YAML text before libyaml reads it, and rules on the
 * document it reads (yamlguard.h says why). */
#include "load/yamlguard.h"

#include <string.h>

#include "util/invisible.h"
#include "util/strmap.h"

/* A mapping with more keys than this is checked for repeats through a
 * hash map; a smaller one (every real one) pair by pair. */
enum { PAIRWISE_MAX = 16 };

/* 1 (after an error naming the bracket that goes past the limit, its
 * column in characters, as libyaml counts) when `text` nests deeper.
 * Brackets inside quoted scalars count too, which is harmless at this
 * depth. */
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
			if (++depth > YAMLGUARD_MAX_FLOW_DEPTH) {
				diag_error(d, path, line_base + line + 1, col, NULL,
					   "YAML 嵌套超过 %d 层，已拒绝读取", YAMLGUARD_MAX_FLOW_DEPTH);
				return 1;
			}
		} else if ((c == ']' || c == '}') && depth) {
			depth--;
		}
	}
	return 0;
}

/* Counting & and * bytes costs nothing and is never below the number of
 * anchors and aliases; only a text with more of them than the limit is
 * tokenised by libyaml's scanner (linear, unlike its loader) to count
 * the real ones. */
static size_t anchor_candidates(const char *text, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += text[i] == '&' || text[i] == '*';
	return n;
}

/* 1 after an error at the first anchor or alias past the limit.  A text
 * the scanner stops on is left to the loader, which reports it. */
static int too_many_anchors(const char *text, size_t len, const char *path,
			    unsigned line_base, diags *d)
{
	yaml_parser_t parser;
	yaml_token_t tok;
	size_t seen = 0;
	int refused = 0, type;

	if (anchor_candidates(text, len) <= YAMLGUARD_MAX_ANCHORS ||
	    !yaml_parser_initialize(&parser))
		return 0;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	do {
		if (!yaml_parser_scan(&parser, &tok))
			break;
		type = tok.type;
		if ((type == YAML_ANCHOR_TOKEN || type == YAML_ALIAS_TOKEN) &&
		    ++seen > YAMLGUARD_MAX_ANCHORS) {
			diag_error(d, path, line_base + (unsigned)tok.start_mark.line + 1,
				   (unsigned)tok.start_mark.column + 1, NULL,
				   "YAML 的锚点（&）和引用（*）超过 %d 个，已拒绝读取：gongshi 的设置用不到它们；"
				   "若值本身以“&”或“*”开头，请用英文双引号把整个值括起来",
				   YAMLGUARD_MAX_ANCHORS);
			refused = 1;
		}
		yaml_token_delete(&tok);
	} while (!refused && type != YAML_STREAM_END_TOKEN);
	yaml_parser_delete(&parser);
	return refused;
}

int yamlguard_text(const char *text, size_t len, const char *path,
		   unsigned line_base, diags *d)
{
	if (too_deep(text, len, path, line_base, d) ||
	    too_many_anchors(text, len, path, line_base, d))
		return -1;
	return 0;
}

static const char *key_text(yaml_document_t *doc, const yaml_node_pair_t *p)
{
	yaml_node_t *k = yaml_document_get_node(doc, p->key);

	return k && k->type == YAML_SCALAR_NODE ? (const char *)k->data.scalar.value : NULL;
}

static void repeated(yaml_document_t *doc, const yaml_node_pair_t *first,
		     const yaml_node_pair_t *again, const char *path, unsigned line_base,
		     diags *d)
{
	yaml_node_t *k1 = yaml_document_get_node(doc, first->key);
	yaml_node_t *k2 = yaml_document_get_node(doc, again->key);
	const char *key = (const char *)k2->data.scalar.value;

	diag_error(d, path, line_base + (unsigned)k2->start_mark.line + 1,
		   (unsigned)k2->start_mark.column + 1, key,
		   "“%s”写了两次（第 %u 行已有）：只能保留一个，请在文本编辑器中删去不要的那一行",
		   key, line_base + (unsigned)k1->start_mark.line + 1);
}

/* Reports each key of `map` that an earlier key of it repeats; the
 * number reported. */
static int repeats(yaml_document_t *doc, yaml_node_t *map, const char *path,
		   unsigned line_base, diags *d)
{
	yaml_node_pair_t *start = map->data.mapping.pairs.start;
	size_t n = (size_t)(map->data.mapping.pairs.top - start), prev;
	strmap seen = STRMAP_INIT;
	int found = 0;

	if (n > PAIRWISE_MAX)
		strmap_reserve(&seen, n);
	for (size_t i = 0; i < n; i++) {
		const char *k = key_text(doc, &start[i]);

		if (k == NULL)
			continue;
		prev = STRMAP_NONE;
		if (n > PAIRWISE_MAX) {
			prev = strmap_put(&seen, k, i);
		} else {
			for (size_t j = 0; j < i && prev == STRMAP_NONE; j++) {
				const char *kj = key_text(doc, &start[j]);
				if (kj && strcmp(kj, k) == 0)
					prev = j;
			}
		}
		if (prev != STRMAP_NONE) {
			repeated(doc, &start[prev], &start[i], path, line_base, d);
			found++;
		}
	}
	strmap_free(&seen);
	return found;
}

int yamlguard_document(yaml_document_t *doc, const char *path,
		       unsigned line_base, diags *d)
{
	int bad = 0;

	for (yaml_node_t *n = doc->nodes.start; n < doc->nodes.top; n++) {
		if (n->type == YAML_MAPPING_NODE) {
			bad += repeats(doc, n, path, line_base, d);
		} else if (n->type == YAML_SCALAR_NODE &&
			   memchr(n->data.scalar.value, '\0', n->data.scalar.length)) {
			diag_error(d, path, line_base + (unsigned)n->start_mark.line + 1,
				   (unsigned)n->start_mark.column + 1, NULL,
				   "值里有空字符（“\\0”）：它会截断后面的文字，请在文本编辑器中删去它");
			bad++;
		} else if (n->type == YAML_SCALAR_NODE) {
			const struct diag_at at = {
				path, line_base + (unsigned)n->start_mark.line + 1,
				(unsigned)n->start_mark.column + 1
			};

			invisible_warn(d, at, (const char *)n->data.scalar.value,
				       n->data.scalar.length,
				       "请在文本编辑器中删去这个值，重新输入");
		}
	}
	return bad ? -1 : 0;
}
