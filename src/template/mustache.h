/* A Mustache template engine: parse once into an operation tree, render
 * that tree against a cJSON context any number of times.
 *
 * Implements the Mustache spec (interpolation, sections, inverted
 * sections, comments, set delimiters, partials with standalone
 * indentation) plus the optional ~inheritance module ({{<parent}} with
 * {{$block}} overrides) and ~dynamic-names ({{>*name}}).  Lambdas do not
 * apply.  The engine knows nothing about gongshi.
 *
 * Truthiness: a section is skipped for a missing name, null, false, an
 * empty array and an empty string (the spec leaves strings to the host
 * language; this follows JavaScript); everything else, 0 and {} included,
 * is truthy.  Numbers print in their shortest round-trip form (1.210 ->
 * "1.21", 85 -> "85"); true and false print as words; arrays and objects
 * print as nothing.
 *
 * Partials and parents come from a loader callback and are cached in the
 * environment: each name is loaded and parsed once, whichever templates
 * use it.  Templates name their partials statically, so all of them are
 * loaded while the using template is parsed and rendering only reads the
 * environment (several threads may render at once if each passes its own
 * diags to mustache_render_to).  The exception is a dynamic name
 * {{>*name}}, which can only be known while rendering and is loaded then,
 * under a lock of the environment's, so that threads may still share it.
 *
 * Errors are reported through the environment's diags in GCC style,
 * naming the template file, line and column (columns count characters,
 * not bytes). */
#ifndef GONGSHI_MUSTACHE_H
#define GONGSHI_MUSTACHE_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "util/buf.h"
#include "util/diag.h"

/* Nesting of sections, parents and blocks in one template (checked when
 * parsing), and of those plus partials while rendering; deeper templates
 * are refused with a diagnostic rather than overflow the C stack. */
#define MUSTACHE_MAX_DEPTH 1000
/* Partials and parents inside one another (recursive partials). */
#define MUSTACHE_MAX_PARTIAL_DEPTH 100
/* Work and output of one render.  Depth alone does not bound them:
 * sections nested in sections over lists multiply (40 nested sections
 * over a 2-item list run 2^40 times), so a template and its data could
 * hang a build.  The bound is far above what the biggest real page takes
 * (a list of every community of a big site: a few million steps). */
#define MUSTACHE_MAX_STEPS 50000000UL
#define MUSTACHE_MAX_OUTPUT (256UL * 1024 * 1024)

typedef struct mustache_env mustache_env;
typedef struct mustache_template mustache_template;

/* Appends `n` bytes of `s` to `out`, escaped for the output; used for
 * {{name}} (never for {{{name}}} or {{&name}}).  escape_html and the
 * other escapers of util/escape.h have this type. */
typedef void (*mustache_escape_fn)(buf *out, const char *s, size_t n);

/* Finds the template called `name` and appends its text to `out`.
 * Names come from templates, and for {{>*name}} from the data, so a
 * loader must not trust them as file paths.
 * Returns 0 when found, -1 when there is no such template, and -2 when it
 * exists but could not be read and the loader has already reported why
 * (so the engine adds nothing).  It may set *display_path to a malloc'd
 * path to show in diagnostics, which the environment then owns and frees;
 * when left NULL the name is shown. */
typedef int (*mustache_load_fn)(void *ctx, const char *name, buf *out,
				char **display_path);

/* A new environment.  `load` may be NULL (no partials); `d` receives
 * every diagnostic and must outlive the environment.  The escaper starts
 * as escape_html and missing partials render as empty (the spec); see
 * mustache_env_strict.  Free with mustache_env_free. */
mustache_env *mustache_env_new(mustache_load_fn load, void *load_ctx,
			       diags *d);
/* With `on`, a partial or parent the loader cannot find is an error
 * (reported at the {{>name}} tag, file:line:col) instead of empty text. */
void mustache_env_strict(mustache_env *env, int on);
/* The escaper mustache_render uses for {{name}}. */
void mustache_env_set_escape(mustache_env *env, mustache_escape_fn escape);
/* The work budget of one render, in steps (0: MUSTACHE_MAX_STEPS). */
void mustache_env_set_max_steps(mustache_env *env, unsigned long steps);

/* Parses `len` bytes of `src` (copied; the caller keeps its own), plus
 * every partial it names that is not cached yet.  `display_path` is
 * copied and used in diagnostics.  Returns NULL when the template or a
 * partial it needs has an error (or, when strict, cannot be found); the
 * reasons are in the diags.  The template belongs to the environment and
 * lives until mustache_env_free. */
mustache_template *mustache_env_parse(mustache_env *env, const char *src,
				      size_t len, const char *display_path);
/* The template the loader knows as `name`, loaded and parsed once and
 * shared with the partial cache.  NULL, with a diagnostic (file
 * `display_path`, which may be NULL), when it cannot be found or has an
 * error.  Owned by the environment. */
mustache_template *mustache_env_get(mustache_env *env, const char *name);

/* Appends the rendering of `t` against `ctx` (the bottom of the context
 * stack; may be NULL) to `out`, escaping with the environment's escaper.
 * Returns 0, or -1 after reporting an error (nesting too deep, or a
 * missing dynamic partial when strict); `out` then holds partial output
 * the caller should discard. */
int mustache_render(mustache_env *env, const mustache_template *t,
		    const cJSON *ctx, buf *out);
/* The same with an explicit escaper and diagnostics collector (NULL for
 * the environment's), for callers rendering one environment's templates
 * into several output formats or from several threads.  Recursion is
 * bounded by MUSTACHE_MAX_DEPTH: the worst case needs about 256 KiB of
 * stack (1 MiB under AddressSanitizer). */
int mustache_render_to(mustache_env *env, const mustache_template *t,
		       const cJSON *ctx, mustache_escape_fn escape, buf *out,
		       diags *d);

/* The path given when `t` was parsed. */
const char *mustache_template_path(const mustache_template *t);

/* Frees the environment, every template it parsed and every path the
 * loader handed over.  Accepts NULL. */
void mustache_env_free(mustache_env *env);

#endif
