/* Inside the Mustache engine: the token list, the operation tree and the
 * environment, shared by lex.c, parse.c, render.c and env.c.  Nothing
 * outside src/template/ includes this. */
#ifndef GONGSHI_MUSTACHE_IMPL_H
#define GONGSHI_MUSTACHE_IMPL_H

#include <pthread.h>
#include <stddef.h>

#include "template/mustache.h"
#include "util/arena.h"

/* ---- tokens (lex.c) ---- */

enum tok_type { TOK_TEXT, TOK_TAG };

/* Text tokens never hold more than one line: each ends at a newline, a
 * tag or the end, which is what the standalone-line rules work on. */
struct tok {
	enum tok_type type;
	char sigil;       /* tags: one of # ^ / ! > = < $ & {, or 0 */
	int dynamic;      /* {{>*name}} / {{<*name}} */
	const char *s;    /* text, or the tag's name with padding trimmed */
	size_t n;
	size_t start, end; /* byte offsets of the whole token in the source */
	unsigned line, col;
};

struct toks {
	struct tok *v;
	size_t n, cap;
};

/* Splits `len` bytes of `src` into tokens, applying set-delimiter tags as
 * it goes.  Tokens point into `src`, which must outlive them; `out->v` is
 * the caller's to free.  Returns -1 after reporting an unclosed tag or a
 * bad delimiter. */
int mustache_lex(const char *src, size_t len, const char *path, diags *d,
		 struct toks *out);

/* ---- the operation tree (parse.c) ---- */

enum op_kind {
	OP_TEXT,     /* s, n: literal text */
	OP_INDENT,   /* a line start: current indentation, then s, n (the
		      * line's own leading blanks) */
	OP_VAR,      /* {{name}}, escaped */
	OP_RAW,      /* {{{name}}} and {{&name}} */
	OP_SECTION,  /* {{#name}} kids {{/name}} */
	OP_INVERTED, /* {{^name}} kids {{/name}} */
	OP_PARTIAL,  /* {{>name}} */
	OP_PARENT,   /* {{<name}} blocks {{/name}} */
	OP_BLOCK,    /* {{$name}} default {{/name}} */
};

enum {
	OPF_STANDALONE = 1, /* partial, parent, block: on a line of its own */
	OPF_BLANK = 2,      /* indent: the line holds only blanks */
	OPF_GHOST = 4,      /* indent: a removed standalone line, kept only
			     * so block re-indentation can measure it */
	OPF_DYNAMIC = 8,    /* partial, parent: the name is looked up */
	OPF_HASLINES = 16,  /* block: its content has a non-blank line */
};

struct mustache_partial;

/* Everything lives in the template's arena. */
struct op {
	struct op *next;
	struct op *kids;
	enum op_kind kind;
	unsigned flags;
	unsigned line, col;
	const char *s; /* text/indent bytes, or the NUL-terminated name */
	size_t n;
	const char **parts; /* the name split at dots; none for "." */
	size_t nparts;
	/* Partial, parent: the indentation of a standalone tag's line.
	 * Block: the indentation its content gets where it is rendered. */
	const char *ind;
	size_t ind_n;
	/* Block only: the blanks of its own tag's line, and the common
	 * indentation removed from its content lines. */
	const char *tagws, *ded;
	size_t tagws_n, ded_n;
	struct mustache_partial *target; /* partial, parent (static name) */
};

struct mustache_template {
	arena *a; /* holds this struct, the source copy and every op */
	const char *path;
	const char *src;
	size_t len;
	struct op *ops;
};

/* Partial tags made while parsing, checked once their partials are
 * loaded (a strict environment reports each missing one at its tag). */
struct mustache_ref {
	const struct op *op;
	const mustache_template *t;
};

struct mustache_refs {
	struct mustache_ref *v;
	size_t n, cap;
};

/* Parses one template, registering (but not loading) the partials it
 * names.  Returns the template, now owned by `env`, or NULL after
 * reporting a syntax error. */
mustache_template *mustache_parse_one(mustache_env *env, const char *src,
				      size_t len, const char *path,
				      struct mustache_refs *refs);

/* ---- the environment (env.c) ---- */

enum partial_state {
	PARTIAL_PENDING, /* named by a template, not loaded yet */
	PARTIAL_READY,
	PARTIAL_MISSING, /* the loader does not know it */
	PARTIAL_BROKEN,  /* unreadable or a syntax error, already reported */
};

struct mustache_partial {
	char *name;
	char *path; /* as the loader showed it */
	mustache_template *tpl;
	enum partial_state state;
};

struct mustache_env {
	mustache_load_fn load;
	void *load_ctx;
	diags *d;
	int strict;
	mustache_escape_fn escape;
	unsigned long max_steps; /* see MUSTACHE_MAX_STEPS */
	/* Entries are allocated one by one so ops can point at them while
	 * the array grows. */
	struct mustache_partial **partials;
	size_t npartials, partials_cap;
	mustache_template **tpls;
	size_t ntpls, tpls_cap;
	/* A dynamic partial ({{>*name}}) is loaded while pages render, on
	 * several threads at once: this guards the cache, the loader and
	 * `d` from then on. */
	pthread_mutex_t dynamic_lock;
};

/* The cache entry for `name`, created PENDING when new.  Owned by env. */
struct mustache_partial *mustache_env_entry(mustache_env *env,
					    const char *name);
/* Hands a freshly parsed template to the environment. */
void mustache_env_adopt(mustache_env *env, mustache_template *t);
/* The template called `name`, loading it (and what it uses) now if it is
 * new; NULL when missing or broken.  Used for dynamic names. */
const mustache_template *mustache_env_dynamic(mustache_env *env,
					      const char *name);

#endif
