/* Tokens to the operation tree, one source line at a time.
 *
 * The standalone rules are decided per line: a line holding only blanks
 * and one section, inverted, closing, comment, partial, delimiter, parent
 * or block tag disappears from the output (and a partial or parent on it
 * indents what it includes by the line's blanks).  The ~inheritance
 * module adds four two-tag lines: {{<p}}{{/p}}, {{$b}}{{/b}} (whose
 * newline stays), {{<p}}{{$b}} and {{/b}}{{/p}}.
 *
 * Every other line starts with an OP_INDENT holding its leading blanks,
 * so one parsed partial can be indented differently at each place that
 * includes it: rendering prefixes each line with the indentation in force.
 *
 * Containers are kept on an explicit stack, so the parser's own depth
 * does not grow with the template's nesting; the tree is capped at
 * MUSTACHE_MAX_DEPTH levels because rendering and block re-indentation
 * recurse over it. */
#include <stdlib.h>
#include <string.h>

#include "template/mustache_impl.h"
#include "util/xalloc.h"

enum standalone {
	SA_NONE,
	SA_SINGLE,       /* one tag alone on its line */
	SA_PARENT_PAIR,  /* {{<p}}{{/p}} */
	SA_BLOCK_PAIR,   /* {{$b}}{{/b}}: the newline stays */
	SA_PARENT_BLOCK, /* {{<p}}{{$b}} */
	SA_CLOSE_PAIR,   /* {{/b}}{{/p}} */
};

struct frame {
	struct op *op; /* NULL for the template itself */
	struct op **tail;
};

struct parser {
	mustache_env *env;
	mustache_template *t;
	struct mustache_refs *refs;
	const struct tok *toks;
	size_t ntoks;
	struct frame *stack; /* stack[0] is the template's top level */
	size_t depth, cap;
};

static int blank_char(char c)
{
	return c == ' ' || c == '\t';
}

static size_t lead_blanks(const struct tok *k)
{
	size_t i = 0;

	while (i < k->n && blank_char(k->s[i]))
		i++;
	return i;
}

/* Blanks, then at most a line ending. */
static int blank_text(const struct tok *k)
{
	size_t i = lead_blanks(k);

	if (i < k->n && k->s[i] == '\r')
		i++;
	if (i < k->n && k->s[i] == '\n')
		i++;
	return i == k->n;
}

static struct op *new_op(struct parser *p, enum op_kind kind,
			 const struct tok *k)
{
	struct op *o = arena_alloc(p->t->a, sizeof(*o));

	o->kind = kind;
	o->line = k->line;
	o->col = k->col;
	return o;
}

static void append(struct parser *p, struct op *o)
{
	struct frame *f = &p->stack[p->depth - 1];

	*f->tail = o;
	f->tail = &o->next;
}

static const char *path(const struct parser *p)
{
	return p->t->path;
}

static int push(struct parser *p, struct op *o)
{
	if (p->depth > MUSTACHE_MAX_DEPTH) {
		diag_error(p->env->d, path(p), o->line, o->col, NULL,
			   "模板嵌套过深（超过 %d 层）", MUSTACHE_MAX_DEPTH);
		return -1;
	}
	p->stack = xgrow(p->stack, &p->cap, p->depth + 1, sizeof(*p->stack));
	p->stack[p->depth].op = o;
	p->stack[p->depth].tail = &o->kids;
	p->depth++;
	return 0;
}

static int same_name(const struct tok *a, const struct tok *b)
{
	return a->n == b->n && memcmp(a->s, b->s, a->n) == 0;
}

/* The kind of the container `below` levels under the innermost one; the
 * template's top level answers OP_TEXT, which is no container. */
static enum op_kind top_kind(const struct parser *p, size_t below)
{
	const struct op *o = p->stack[p->depth - 1 - below].op;

	return o ? o->kind : OP_TEXT;
}

static enum standalone pair_kind(const struct parser *p, const struct tok *a,
				 const struct tok *b)
{
	if (a->end != b->start)
		return SA_NONE;
	if (a->sigil == '<' && b->sigil == '/' && same_name(a, b))
		return SA_PARENT_PAIR;
	if (a->sigil == '$' && b->sigil == '/' && same_name(a, b))
		return SA_BLOCK_PAIR;
	if (a->sigil == '<' && b->sigil == '$')
		return SA_PARENT_BLOCK;
	if (a->sigil == '/' && b->sigil == '/' && p->depth >= 3 &&
	    top_kind(p, 0) == OP_BLOCK && top_kind(p, 1) == OP_PARENT)
		return SA_CLOSE_PAIR;
	return SA_NONE;
}

/* Which standalone form, if any, the line of tokens [i, j) takes. */
static enum standalone classify(const struct parser *p, size_t i, size_t j)
{
	const struct tok *tags[2];
	size_t nt = 0;

	for (size_t k = i; k < j; k++) {
		const struct tok *t = &p->toks[k];

		if (t->type == TOK_TEXT) {
			if (!blank_text(t))
				return SA_NONE;
		} else if (nt == 2) {
			return SA_NONE;
		} else {
			tags[nt++] = t;
		}
	}
	if (nt == 1)
		return tags[0]->sigil && strchr("#^/!>=<$", tags[0]->sigil) ?
			SA_SINGLE : SA_NONE;
	if (nt == 2)
		return pair_kind(p, tags[0], tags[1]);
	return SA_NONE;
}

static int has_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (blank_char(s[i]) || s[i] == '\r' || s[i] == '\n')
			return 1;
	}
	return 0;
}

/* The tag as written, for quoting in a diagnostic; caller frees. */
static char *raw_tag(const struct parser *p, const struct tok *k)
{
	return xstrndup(p->t->src + k->start, k->end - k->start);
}

static int bad_name(struct parser *p, const struct tok *k, const char *why)
{
	char *raw = raw_tag(p, k);

	diag_error(p->env->d, path(p), k->line, k->col, raw, "标签“%s”%s",
		   raw, why);
	free(raw);
	return -1;
}

/* Splits a name at its dots; "." (the current context) has no parts. */
static int split_name(struct parser *p, struct op *o, const struct tok *k)
{
	size_t n = 1, at = 0;

	if (strcmp(o->s, ".") == 0)
		return 0;
	for (const char *c = o->s; *c; c++)
		n += *c == '.';
	o->parts = arena_array(p->t->a, n, sizeof(*o->parts));
	for (size_t i = 0; i <= o->n; i++) {
		if (i < o->n && o->s[i] != '.')
			continue;
		if (i == at)
			return bad_name(p, k, "的名字中有空的部分");
		o->parts[o->nparts++] = arena_strndup(p->t->a, o->s + at,
						      i - at);
		at = i + 1;
	}
	return 0;
}

static void add_ref(struct parser *p, const struct op *o)
{
	struct mustache_refs *r = p->refs;

	r->v = xgrow(r->v, &r->cap, r->n + 1, sizeof(*r->v));
	r->v[r->n].op = o;
	r->v[r->n].t = p->t;
	r->n++;
}

static int set_name(struct parser *p, struct op *o, const struct tok *k)
{
	if (k->n == 0)
		return bad_name(p, k, "没有名字");
	if (has_blank(k->s, k->n))
		return bad_name(p, k, "的名字中不能有空白");
	o->s = arena_strndup(p->t->a, k->s, k->n);
	o->n = k->n;
	if (k->dynamic)
		o->flags |= OPF_DYNAMIC;
	if (o->kind == OP_PARTIAL || o->kind == OP_PARENT) {
		if (k->dynamic)
			return split_name(p, o, k);
		o->target = mustache_env_entry(p->env, o->s);
		add_ref(p, o);
		return 0;
	}
	return o->kind == OP_BLOCK ? 0 : split_name(p, o, k);
}

/* Common leading blanks of the lines in a block, as a prefix of one of
 * them. */
struct common {
	const char *s;
	size_t n;
	int any;
};

static void common_add(struct common *c, const char *s, size_t n)
{
	size_t k = 0;

	if (!c->any) {
		c->s = s;
		c->n = n;
		c->any = 1;
		return;
	}
	while (k < c->n && k < n && c->s[k] == s[k])
		k++;
	c->n = k;
}

static int is_container(enum op_kind k)
{
	return k == OP_SECTION || k == OP_INVERTED || k == OP_PARENT ||
	       k == OP_BLOCK;
}

/* A standalone block inside has already been re-indented: its lines are
 * represented by the indentation it removed from them. */
static void measure(const struct op *o, struct common *c)
{
	for (; o; o = o->next) {
		if (o->kind == OP_INDENT) {
			if (!(o->flags & OPF_BLANK))
				common_add(c, o->s, o->n);
		} else if (o->kind == OP_BLOCK &&
			   (o->flags & OPF_STANDALONE)) {
			if (o->flags & OPF_HASLINES)
				common_add(c, o->ded, o->ded_n);
		} else if (is_container(o->kind)) {
			measure(o->kids, c);
		}
	}
}

static void set_block_indent(struct op *o)
{
	o->ind = o->ded_n ? o->ded : o->tagws;
	o->ind_n = o->ded_n ? o->ded_n : o->tagws_n;
}

static void strip(struct op *o, size_t k)
{
	for (; o; o = o->next) {
		if (o->kind == OP_INDENT) {
			size_t m = o->n < k ? o->n : k;

			o->s += m;
			o->n -= m;
		} else if (o->kind == OP_BLOCK &&
			   (o->flags & OPF_STANDALONE)) {
			size_t m = o->tagws_n < k ? o->tagws_n : k;

			if (o->flags & OPF_HASLINES) {
				o->ded += k;
				o->ded_n -= k;
			}
			o->tagws += m;
			o->tagws_n -= m;
			set_block_indent(o);
		} else if (is_container(o->kind)) {
			strip(o->kids, k);
		}
	}
}

/* The ~inheritance rule for a standalone block: the indentation common to
 * its content lines is removed where it is written and the block's own
 * indentation added where it is rendered, so an override fits the place
 * it lands in. */
static void reindent(struct op *o)
{
	struct common c = { "", 0, 0 };

	measure(o->kids, &c);
	o->ded = c.s;
	o->ded_n = c.n;
	if (c.any)
		o->flags |= OPF_HASLINES;
	if (c.n)
		strip(o->kids, c.n);
	set_block_indent(o);
}

static int bad_close(struct parser *p, const struct tok *k,
		     const struct op *open)
{
	char *raw = raw_tag(p, k);

	if (open)
		diag_error(p->env->d, path(p), k->line, k->col, raw,
			   "关闭标签“%s”与打开的区块“%s”不匹配", raw,
			   open->s);
	else
		diag_error(p->env->d, path(p), k->line, k->col, raw,
			   "关闭标签“%s”没有对应的打开标签", raw);
	free(raw);
	return -1;
}

static int close_tag(struct parser *p, const struct tok *k)
{
	struct op *o = p->stack[p->depth - 1].op;
	const char *name = k->s;
	size_t n = k->n;

	if (!o)
		return bad_close(p, k, NULL);
	if ((o->flags & OPF_DYNAMIC) && n && name[0] == '*') {
		name++, n--;
		while (n && blank_char(*name))
			name++, n--;
	}
	if (n != o->n || memcmp(name, o->s, n) != 0)
		return bad_close(p, k, o);
	p->depth--;
	if (o->kind == OP_BLOCK && (o->flags & OPF_STANDALONE))
		reindent(o);
	return 0;
}

static enum op_kind sigil_kind(char sigil)
{
	switch (sigil) {
	case '&': case '{': return OP_RAW;
	case '#': return OP_SECTION;
	case '^': return OP_INVERTED;
	case '>': return OP_PARTIAL;
	case '<': return OP_PARENT;
	case '$': return OP_BLOCK;
	default: return OP_VAR;
	}
}

/* A tag on a standalone line gets the line's blanks `ws` as its
 * indentation. */
static int tag_op(struct parser *p, const struct tok *k, int standalone,
		  const char *ws, size_t ws_n)
{
	struct op *o;

	if (k->sigil == '!' || k->sigil == '=')
		return 0;
	if (k->sigil == '/')
		return close_tag(p, k);
	o = new_op(p, sigil_kind(k->sigil), k);
	if (set_name(p, o, k) < 0)
		return -1;
	if (standalone && (o->kind == OP_PARTIAL || o->kind == OP_PARENT ||
			   o->kind == OP_BLOCK)) {
		o->flags |= OPF_STANDALONE;
		o->ind = o->tagws = ws;
		o->ind_n = o->tagws_n = ws_n;
	}
	append(p, o);
	if (o->kind == OP_VAR || o->kind == OP_RAW || o->kind == OP_PARTIAL)
		return 0;
	return push(p, o);
}

/* A removed standalone line, remembered only so block re-indentation can
 * measure it.  It belongs to the container around its tags: it goes in
 * before a tag that opens a container and after one that closes it. */
static void ghost(struct parser *p, const struct tok *k, const char *ws,
		  size_t ws_n)
{
	struct op *o = new_op(p, OP_INDENT, k);

	o->flags = OPF_GHOST;
	o->s = ws;
	o->n = ws_n;
	append(p, o);
}

/* {{$b}}{{/b}} alone on a line loses the line's blanks but keeps its
 * newline, so an empty block leaves an empty line (the spec's rule). */
static void keep_newline(struct parser *p, const struct tok *last)
{
	struct op *o;
	size_t nl = 1;

	if (last->type != TOK_TEXT || last->s[last->n - 1] != '\n')
		return;
	if (last->n >= 2 && last->s[last->n - 2] == '\r')
		nl = 2;
	o = new_op(p, OP_TEXT, last);
	o->s = last->s + last->n - nl;
	o->n = nl;
	append(p, o);
}

static int standalone_line(struct parser *p, size_t i, size_t j,
			   enum standalone sa, const char *ws, size_t ws_n)
{
	const struct tok *first = NULL;

	for (size_t k = i; k < j && !first; k++) {
		if (p->toks[k].type == TOK_TAG)
			first = &p->toks[k];
	}
	if (first->sigil != '/')
		ghost(p, first, ws, ws_n);
	for (size_t k = i; k < j; k++) {
		if (p->toks[k].type == TOK_TAG &&
		    tag_op(p, &p->toks[k], 1, ws, ws_n) < 0)
			return -1;
	}
	if (first->sigil == '/')
		ghost(p, first, ws, ws_n);
	if (sa == SA_BLOCK_PAIR)
		keep_newline(p, &p->toks[j - 1]);
	return 0;
}

static int normal_line(struct parser *p, size_t i, size_t j, size_t ws_n)
{
	const struct tok *first = &p->toks[i];
	struct op *ind = new_op(p, OP_INDENT, first);

	ind->s = first->type == TOK_TEXT ? first->s : "";
	ind->n = ws_n;
	if (j - i == 1 && first->type == TOK_TEXT && blank_text(first))
		ind->flags |= OPF_BLANK;
	append(p, ind);
	for (size_t k = i; k < j; k++) {
		const struct tok *t = &p->toks[k];
		size_t skip = k == i ? ws_n : 0;
		struct op *o;

		if (t->type == TOK_TAG) {
			if (tag_op(p, t, 0, NULL, 0) < 0)
				return -1;
			continue;
		}
		if (t->n == skip)
			continue;
		o = new_op(p, OP_TEXT, t);
		o->s = t->s + skip;
		o->n = t->n - skip;
		append(p, o);
	}
	return 0;
}

static size_t line_end(const struct parser *p, size_t i)
{
	for (; i < p->ntoks; i++) {
		const struct tok *t = &p->toks[i];

		if (t->type == TOK_TEXT && t->s[t->n - 1] == '\n')
			return i + 1;
	}
	return p->ntoks;
}

static int line(struct parser *p, size_t i, size_t j)
{
	const struct tok *first = &p->toks[i];
	size_t ws_n = first->type == TOK_TEXT ? lead_blanks(first) : 0;
	enum standalone sa = classify(p, i, j);

	if (sa == SA_NONE)
		return normal_line(p, i, j, ws_n);
	return standalone_line(p, i, j, sa,
			       first->type == TOK_TEXT ? first->s : "", ws_n);
}

static int unclosed(struct parser *p)
{
	for (size_t k = 1; k < p->depth; k++) {
		const struct op *o = p->stack[k].op;

		diag_error(p->env->d, path(p), o->line, o->col, o->s,
			   "区块“%s”没有关闭", o->s);
	}
	return p->depth > 1 ? -1 : 0;
}

static int build(struct parser *p)
{
	size_t i = 0;

	p->stack = xgrow(p->stack, &p->cap, 1, sizeof(*p->stack));
	p->stack[0].op = NULL;
	p->stack[0].tail = &p->t->ops;
	p->depth = 1;
	while (i < p->ntoks) {
		size_t j = line_end(p, i);

		if (line(p, i, j) < 0)
			return -1;
		i = j;
	}
	return unclosed(p);
}

mustache_template *mustache_parse_one(mustache_env *env, const char *src,
				      size_t len, const char *display_path,
				      struct mustache_refs *refs)
{
	arena *a = arena_new();
	mustache_template *t = arena_alloc(a, sizeof(*t));
	char *copy = arena_alloc(a, len + 1);
	struct toks toks = { NULL, 0, 0 };
	struct parser p = { env, t, refs, NULL, 0, NULL, 0, 0 };
	size_t nrefs = refs->n;
	int rc;

	if (len)
		memcpy(copy, src, len);
	t->a = a;
	t->path = arena_strdup(a, display_path ? display_path : "(模板)");
	t->src = copy;
	t->len = len;
	rc = mustache_lex(copy, len, t->path, env->d, &toks);
	if (rc == 0) {
		p.toks = toks.v;
		p.ntoks = toks.n;
		rc = build(&p);
	}
	free(toks.v);
	free(p.stack);
	if (rc < 0) {
		refs->n = nrefs; /* they point into the arena */
		arena_free(a);
		return NULL;
	}
	mustache_env_adopt(env, t);
	return t;
}
