/* Running the operation tree against a cJSON context.
 *
 * The renderer only reads templates.  Its state is the context stack,
 * the indentation in force (a stretch of one growable buffer: partials
 * append to it and cut it back on return), the chain of block overrides
 * from the parent tags being rendered, and the nesting depth. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "template/mustache_impl.h"
#include "util/xalloc.h"

/* The blocks one parent tag passes down, and the template they are
 * written in (for their diagnostics). */
struct args {
	const struct op *parent;
	const mustache_template *t;
	const struct args *next; /* the enclosing parent tag's */
};

struct render {
	mustache_env *env;
	mustache_escape_fn escape;
	buf *out;
	diags *d;
	const mustache_template *t; /* whose ops are running */
	const cJSON **ctx;          /* the context stack, top last */
	size_t nctx, ctx_cap;
	buf ind;                    /* indentation is ind.data[ind_from..] */
	size_t ind_from;
	const struct args *args;
	unsigned depth, partial_depth;
	unsigned long steps;
	size_t out_start; /* out->len when the render began */
};

static int render_ops(struct render *r, const struct op *o);

static int too_deep(struct render *r, const struct op *o, int limit)
{
	diag_error(r->d, r->t->path, o->line, o->col, NULL,
		   "模板嵌套过深（超过 %d 层）", limit);
	return -1;
}

static int too_big(struct render *r, const struct op *o)
{
	if (r->steps > r->env->max_steps)
		diag_error(r->d, r->t->path, o->line, o->col, NULL,
			   "模板展开过大：超过 %lu 步（区块层层嵌套在列表中，次数相乘）",
			   r->env->max_steps);
	else
		diag_error(r->d, r->t->path, o->line, o->col, NULL,
			   "模板输出过大：超过 %lu MB", MUSTACHE_MAX_OUTPUT >> 20);
	return -1;
}

static void push_ctx(struct render *r, const cJSON *v)
{
	r->ctx = xgrow(r->ctx, &r->ctx_cap, r->nctx + 1, sizeof(*r->ctx));
	r->ctx[r->nctx++] = v;
}

/* The member `name` of `v` when `v` is an object, as
 * cJSON_GetObjectItemCaseSensitive finds it (the first with that key),
 * else NULL.  Written out because it is the hottest loop of a build: a
 * name used inside a section is looked for in every object down the
 * context stack, key by key, and comparing the first bytes inline skips
 * the library call and the strcmp for nearly every key. */
static const cJSON *member(const cJSON *v, const char *name)
{
	const cJSON *c;

	if (v == NULL || (v->type & 0xFF) != cJSON_Object)
		return NULL;
	for (c = v->child; c && c->string; c = c->next)
		if (c->string[0] == name[0] && strcmp(c->string, name) == 0)
			return c;
	return NULL;
}

/* Spec name resolution: the first part is looked up down the context
 * stack, the first object holding it as a key wins (even if its value is
 * null), and the other parts are looked up inside that value only. */
static const cJSON *lookup(const struct render *r, const struct op *o)
{
	const cJSON *v = NULL;
	size_t i;

	if (o->nparts == 0)
		return r->nctx ? r->ctx[r->nctx - 1] : NULL;
	for (i = r->nctx; i > 0 && !v; i--)
		v = member(r->ctx[i - 1], o->parts[0]);
	for (i = 1; i < o->nparts && v; i++)
		v = member(v, o->parts[i]);
	return v;
}

static int truthy(const cJSON *v)
{
	if (!v || cJSON_IsNull(v) || cJSON_IsFalse(v) || cJSON_IsInvalid(v))
		return 0;
	if (cJSON_IsArray(v))
		return v->child != NULL;
	if (cJSON_IsString(v))
		return v->valuestring && v->valuestring[0];
	return 1;
}

/* The shortest text that reads back as the same double, so 1.21 prints
 * as "1.21" and 85 as "85". */
static void number(char *s, size_t cap, double d)
{
	if (!isfinite(d)) {
		s[0] = '\0';
		return;
	}
	if (d == 0) {
		snprintf(s, cap, "0");
		return;
	}
	if (d > -1e15 && d < 1e15 && d == (double)(long long)d) {
		snprintf(s, cap, "%lld", (long long)d);
		return;
	}
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(s, cap, "%.*g", prec, d);
		if (strtod(s, NULL) == d)
			return;
	}
}

static void interpolate(struct render *r, const cJSON *v, int escape)
{
	char num[40];
	const char *s = NULL;

	if (cJSON_IsString(v)) {
		s = v->valuestring;
	} else if (cJSON_IsNumber(v)) {
		number(num, sizeof(num), v->valuedouble);
		s = num;
	} else if (cJSON_IsBool(v)) {
		s = cJSON_IsTrue(v) ? "true" : "false";
	}
	if (!s)
		return;
	if (escape)
		r->escape(r->out, s, strlen(s));
	else
		buf_puts(r->out, s);
}

static void put_indent(struct render *r)
{
	if (r->ind.len > r->ind_from)
		buf_put(r->out, r->ind.data + r->ind_from,
			r->ind.len - r->ind_from);
}

static int section(struct render *r, const struct op *o)
{
	const cJSON *v = lookup(r, o);
	int rc = 0;

	if (!truthy(v))
		return 0;
	if (++r->depth > MUSTACHE_MAX_DEPTH)
		return too_deep(r, o, MUSTACHE_MAX_DEPTH);
	if (cJSON_IsArray(v)) {
		for (const cJSON *c = v->child; c && rc == 0; c = c->next) {
			push_ctx(r, c);
			rc = render_ops(r, o->kids);
			r->nctx--;
		}
	} else {
		push_ctx(r, v);
		rc = render_ops(r, o->kids);
		r->nctx--;
	}
	r->depth--;
	return rc;
}

static int inverted(struct render *r, const struct op *o)
{
	int rc;

	if (truthy(lookup(r, o)))
		return 0;
	if (++r->depth > MUSTACHE_MAX_DEPTH)
		return too_deep(r, o, MUSTACHE_MAX_DEPTH);
	rc = render_ops(r, o->kids);
	r->depth--;
	return rc;
}

/* The template a partial or parent tag includes, or NULL for none (the
 * spec's empty string).  -1 when a strict environment cannot find a
 * dynamic name. */
static int target(struct render *r, const struct op *o,
		  const mustache_template **t)
{
	const cJSON *name;

	*t = NULL;
	if (!(o->flags & OPF_DYNAMIC)) {
		if (o->target->state == PARTIAL_READY)
			*t = o->target->tpl;
		return 0;
	}
	name = lookup(r, o);
	if (!cJSON_IsString(name) || !name->valuestring[0])
		return 0;
	*t = mustache_env_dynamic(r->env, name->valuestring);
	if (!*t && r->env->strict) {
		diag_error(r->d, r->t->path, o->line, o->col,
			   name->valuestring, "找不到局部模板“%s”",
			   name->valuestring);
		return -1;
	}
	return 0;
}

/* Partials and parents: a standalone tag indents every line of what it
 * includes by its own line's blanks, on top of the indentation already
 * in force; an inline one includes its template unindented. */
static int include(struct render *r, const struct op *o)
{
	const mustache_template *t, *saved_t = r->t;
	const struct args *saved_args = r->args;
	size_t saved_from = r->ind_from, saved_len = r->ind.len;
	struct args a = { o, r->t, r->args };
	int rc;

	if (target(r, o, &t) < 0)
		return -1;
	if (!t)
		return 0;
	if (++r->partial_depth > MUSTACHE_MAX_PARTIAL_DEPTH)
		return too_deep(r, o, MUSTACHE_MAX_PARTIAL_DEPTH);
	if (++r->depth > MUSTACHE_MAX_DEPTH)
		return too_deep(r, o, MUSTACHE_MAX_DEPTH);
	if (o->flags & OPF_STANDALONE)
		buf_put(&r->ind, o->ind, o->ind_n);
	else
		r->ind_from = r->ind.len;
	if (o->kind == OP_PARENT)
		r->args = &a;
	r->t = t;
	rc = render_ops(r, t->ops);
	r->t = saved_t;
	r->args = saved_args;
	r->ind_from = saved_from;
	buf_truncate(&r->ind, saved_len);
	r->depth--;
	r->partial_depth--;
	return rc;
}

/* The override for block `name`: the outermost parent tag that passes
 * one wins, so a page's blocks beat its layout's defaults. */
static const struct op *override(const struct render *r, const char *name,
				 const mustache_template **t)
{
	const struct op *found = NULL;

	for (const struct args *a = r->args; a; a = a->next) {
		for (const struct op *k = a->parent->kids; k; k = k->next) {
			if (k->kind == OP_BLOCK && strcmp(k->s, name) == 0) {
				found = k;
				*t = a->t;
				break;
			}
		}
	}
	return found;
}

/* A standalone block gives its content the block's indentation; content
 * that does not itself start a line (an inline override) gets that
 * indentation before its first line too. */
static int block(struct render *r, const struct op *o)
{
	const mustache_template *saved_t = r->t, *t = r->t;
	const struct op *content = override(r, o->s, &t);
	size_t saved_len = r->ind.len;
	int rc;

	if (!content)
		content = o;
	if (++r->depth > MUSTACHE_MAX_DEPTH)
		return too_deep(r, o, MUSTACHE_MAX_DEPTH);
	if (o->flags & OPF_STANDALONE) {
		buf_put(&r->ind, o->ind, o->ind_n);
		if (!(content->flags & OPF_STANDALONE) && content->kids)
			put_indent(r);
	}
	r->t = t;
	rc = render_ops(r, content->kids);
	r->t = saved_t;
	buf_truncate(&r->ind, saved_len);
	r->depth--;
	return rc;
}

static int render_op(struct render *r, const struct op *o)
{
	switch (o->kind) {
	case OP_TEXT:
		buf_put(r->out, o->s, o->n);
		return 0;
	case OP_INDENT:
		if (!(o->flags & OPF_GHOST)) {
			put_indent(r);
			buf_put(r->out, o->s, o->n);
		}
		return 0;
	case OP_VAR:
	case OP_RAW:
		interpolate(r, lookup(r, o), o->kind == OP_VAR);
		return 0;
	case OP_SECTION:
		return section(r, o);
	case OP_INVERTED:
		return inverted(r, o);
	case OP_PARTIAL:
	case OP_PARENT:
		return include(r, o);
	case OP_BLOCK:
		return block(r, o);
	}
	return 0;
}

static int render_ops(struct render *r, const struct op *o)
{
	for (; o; o = o->next) {
		if (++r->steps > r->env->max_steps ||
		    r->out->len - r->out_start > MUSTACHE_MAX_OUTPUT)
			return too_big(r, o);
		if (render_op(r, o) < 0)
			return -1;
	}
	return 0;
}

int mustache_render_to(mustache_env *env, const mustache_template *t,
		       const cJSON *ctx, mustache_escape_fn escape, buf *out,
		       diags *d)
{
	struct render r;
	int rc;

	memset(&r, 0, sizeof(r));
	r.env = env;
	r.escape = escape ? escape : env->escape;
	r.out = out;
	r.out_start = out->len;
	r.d = d ? d : env->d;
	r.t = t;
	buf_init(&r.ind);
	if (ctx)
		push_ctx(&r, ctx);
	rc = render_ops(&r, t->ops);
	free(r.ctx);
	buf_free(&r.ind);
	return rc;
}

int mustache_render(mustache_env *env, const mustache_template *t,
		    const cJSON *ctx, buf *out)
{
	return mustache_render_to(env, t, ctx, env->escape, out, env->d);
}
