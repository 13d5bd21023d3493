/* The environment: settings, the partial cache and the templates it owns.
 *
 * Partials are loaded breadth-first from a worklist rather than by
 * recursing from the parser, so a partial that includes itself (directly
 * or round a cycle) is simply found in the cache the second time, and a
 * long chain of partials costs no C stack. */
#include <stdlib.h>
#include <string.h>

#include "template/mustache_impl.h"
#include "util/escape.h"
#include "util/xalloc.h"

mustache_env *mustache_env_new(mustache_load_fn load, void *load_ctx,
			       diags *d)
{
	mustache_env *env = xcalloc(1, sizeof(*env));

	env->load = load;
	env->load_ctx = load_ctx;
	env->d = d;
	env->escape = escape_html;
	env->max_steps = MUSTACHE_MAX_STEPS;
	pthread_mutex_init(&env->dynamic_lock, NULL);
	return env;
}

void mustache_env_strict(mustache_env *env, int on)
{
	env->strict = on != 0;
}

void mustache_env_set_max_steps(mustache_env *env, unsigned long steps)
{
	env->max_steps = steps ? steps : MUSTACHE_MAX_STEPS;
}

void mustache_env_set_escape(mustache_env *env, mustache_escape_fn escape)
{
	env->escape = escape ? escape : escape_html;
}

struct mustache_partial *mustache_env_entry(mustache_env *env,
					    const char *name)
{
	struct mustache_partial *e;

	for (size_t i = 0; i < env->npartials; i++) {
		if (strcmp(env->partials[i]->name, name) == 0)
			return env->partials[i];
	}
	e = xcalloc(1, sizeof(*e));
	e->name = xstrdup(name);
	e->state = PARTIAL_PENDING;
	env->partials = xgrow(env->partials, &env->partials_cap,
			      env->npartials + 1, sizeof(*env->partials));
	env->partials[env->npartials++] = e;
	return e;
}

void mustache_env_adopt(mustache_env *env, mustache_template *t)
{
	env->tpls = xgrow(env->tpls, &env->tpls_cap, env->ntpls + 1,
			  sizeof(*env->tpls));
	env->tpls[env->ntpls++] = t;
}

static void load_entry(mustache_env *env, struct mustache_partial *e,
		       struct mustache_refs *refs)
{
	buf src = BUF_INIT;
	char *shown = NULL;
	int rc = env->load ? env->load(env->load_ctx, e->name, &src, &shown)
			   : -1;

	if (rc == 0) {
		e->path = shown ? shown : xstrdup(e->name);
		e->tpl = mustache_parse_one(env, src.data ? src.data : "",
					    src.len, e->path, refs);
		e->state = e->tpl ? PARTIAL_READY : PARTIAL_BROKEN;
	} else {
		free(shown);
		e->state = rc == -2 ? PARTIAL_BROKEN : PARTIAL_MISSING;
	}
	buf_free(&src);
}

/* Loads every partial named but not loaded yet, including those the
 * loaded ones name in turn (the array grows while this runs). */
static void load_pending(mustache_env *env, struct mustache_refs *refs)
{
	for (size_t i = 0; i < env->npartials; i++) {
		if (env->partials[i]->state == PARTIAL_PENDING)
			load_entry(env, env->partials[i], refs);
	}
}

/* Reports, at its tag, each reference to a missing partial when strict.
 * Returns -1 when any reference is unusable. */
static int check_refs(mustache_env *env, const struct mustache_refs *refs)
{
	int rc = 0;

	for (size_t k = 0; k < refs->n; k++) {
		const struct op *o = refs->v[k].op;
		const struct mustache_partial *e = o->target;

		if (e->state == PARTIAL_BROKEN) {
			rc = -1;
		} else if (e->state == PARTIAL_MISSING && env->strict) {
			diag_error(env->d, refs->v[k].t->path, o->line, o->col,
				   e->name, "找不到局部模板“%s”", e->name);
			rc = -1;
		}
	}
	return rc;
}

mustache_template *mustache_env_parse(mustache_env *env, const char *src,
				      size_t len, const char *display_path)
{
	struct mustache_refs refs = { NULL, 0, 0 };
	mustache_template *t;
	int rc;

	t = mustache_parse_one(env, src, len, display_path, &refs);
	load_pending(env, &refs);
	rc = check_refs(env, &refs);
	free(refs.v);
	return rc == 0 ? t : NULL;
}

/* Loads `name` if it is new; returns the entry. */
static struct mustache_partial *fetch(mustache_env *env, const char *name,
				      int *rc)
{
	struct mustache_partial *e = mustache_env_entry(env, name);
	struct mustache_refs refs = { NULL, 0, 0 };

	*rc = 0;
	if (e->state != PARTIAL_PENDING)
		return e;
	load_pending(env, &refs);
	*rc = check_refs(env, &refs);
	free(refs.v);
	return e;
}

mustache_template *mustache_env_get(mustache_env *env, const char *name)
{
	int rc;
	struct mustache_partial *e = fetch(env, name, &rc);

	if (e->state == PARTIAL_MISSING)
		diag_error(env->d, NULL, 0, 0, name, "找不到模板“%s”", name);
	return rc == 0 && e->state == PARTIAL_READY ? e->tpl : NULL;
}

const mustache_template *mustache_env_dynamic(mustache_env *env,
					      const char *name)
{
	int rc;
	struct mustache_partial *e;
	const mustache_template *t;

	pthread_mutex_lock(&env->dynamic_lock);
	e = fetch(env, name, &rc);
	t = rc == 0 && e->state == PARTIAL_READY ? e->tpl : NULL;
	pthread_mutex_unlock(&env->dynamic_lock);
	return t;
}

const char *mustache_template_path(const mustache_template *t)
{
	return t->path;
}

void mustache_env_free(mustache_env *env)
{
	if (!env)
		return;
	for (size_t i = 0; i < env->ntpls; i++)
		arena_free(env->tpls[i]->a);
	for (size_t i = 0; i < env->npartials; i++) {
		free(env->partials[i]->name);
		free(env->partials[i]->path);
		free(env->partials[i]);
	}
	free(env->tpls);
	free(env->partials);
	pthread_mutex_destroy(&env->dynamic_lock);
	free(env);
}
