/* The plan of a build: one list of every output it makes, each with its
 * kind, its path, what it is made of and its input key.  The writer
 * (write/run.h) runs the list; the renderers (html/, pdf/) turn one entry
 * into bytes; nothing else decides a path or a key.
 *
 * The entries are in the order the build makes them: the website's
 * (search index parts, the shared files, the pages) then the PDFs'. The
 * list owns each entry's path (plan_free). */
#ifndef GONGSHI_PLAN_H
#define GONGSHI_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/hash.h"

enum output_kind {
	OUTPUT_SEARCH,	/* a part of the search index; the part that completes
			 * it writes its files through the writer's sink */
	OUTPUT_SHARED,	/* the feeds, sitemaps, robots.txt and the theme's
			 * assets, written through the writer's sink */
	OUTPUT_PAGE,	/* a web page: `index` is its page in html/'s list */
	OUTPUT_PHOTO,	/* one width of a photo (`index` in site.photos, `round`
			 * its width): part of the website, made without PDFs */
	OUTPUT_NOTICE,	/* a community's notice (`index` the community) */
	OUTPUT_POSTER,	/* its poster (公示牌) */
	OUTPUT_BOOKLET, /* a volume of a subdistrict's booklet of notices */
	OUTPUT_POSTER_BOOKLET, /* a volume of its booklet of posters */
	OUTPUT_REPOST,	/* a community's 再公示, posting `round` (2, 3 …) */
	OUTPUT_RESULT,	/* a community's 征求意见结果公告 */
	OUTPUT_REPORT,	/* a 进度通报 of the leading group, `index` its date as
			 * YYYYMMDD (plan_report_date), keyed by what it says
			 * (key_known 0) */
	OUTPUT_KINDS
};

/* A volume of a booklet: the booklet's communities `first` .. `first +
 * n - 1` (members points at the first of them), volume `number` of
 * `count`. */
struct plan_volume {
	size_t unit;
	const size_t *members;
	size_t n, first, number, count;
};

/* 48 bytes: at 55,000 communities with 10 photos the plan holds 610,000
 * of them, so what only a booklet needs is behind a pointer, and the
 * fields are ordered and sized to leave no padding. */
struct plan_output {
	char *path;	/* relative to the output; NULL for a multi-file
			 * output (search, shared); the plan's: owned, or in
			 * its packed paths (`packed`) */
	struct hash_value key;
	/* OUTPUT_BOOKLET, OUTPUT_POSTER_BOOKLET; owned; NULL for the others */
	struct plan_volume *vol;
	/* community, unit, page, photo or search part; a report's date as
	 * YYYYMMDD (plan_add: below 2^32) */
	uint32_t index;
	enum output_kind kind;
	int round;	/* OUTPUT_REPOST's posting; OUTPUT_PHOTO's width */
	unsigned char key_known; /* 0: the renderer computes the key (a page
				  * keyed by its context) or the files are
				  * keyed by their bytes */
	unsigned char packed;	/* path is in the plan's packed paths */
};

struct plan {
	struct plan_output *v;
	size_t n, cap;
	/* The paths plan_set_packed copied (util/arena.h's arena_pack): a
	 * photo's derivative path is 30-40 bytes, which malloc rounds up to
	 * 48 (550,000 of them at 55,000 communities with 10 photos).  The
	 * arena is made by the first such path. */
	struct arena_pack paths;
};

/* How a multi-file output (search index, feeds and assets) writes its
 * files.  Each returns 0, or -1 after a diagnostic. */
struct plan_sink {
	/* A file made whatever changed: kept when its bytes are the last
	 * build's (keyed by its bytes), else written. */
	int (*write)(void *ctx, const char *path, const char *data, size_t len);
	/* A file of the last build whose bytes hashed to `key`, kept; NULL
	 * when there is no last build to take it from. */
	int (*carry)(void *ctx, const char *path, struct hash_value key);
	/* Written as it is (a theme asset). */
	int (*put)(void *ctx, const char *path, const char *data, size_t len);
	/* The file `src` copied as it is. */
	int (*copy)(void *ctx, const char *path, const char *src);
	void *ctx;
};

/* The renderer of one kind of output, as the writer (write/run.h) calls
 * it: html/ and pdf/ implement these, cli/ puts them in a table by kind.
 * Unset functions are not called. */
struct plan_renderer {
	/* The key of an output the plan could not key (key_known 0), for
	 * example a page keyed by its context; what was built for it may be
	 * left in *state for render. */
	struct hash_value (*prepare)(void *r, const struct plan_output *o, void **state);
	/* The bytes of `o`: 0, -1 after an error in the inputs, -2 when the
	 * disk failed. */
	int (*render)(void *r, const struct plan_output *o, void *state, buf *out, diags *d);
	/* Frees what prepare left (NULL included). */
	void (*release)(void *r, void *state);
	/* A multi-file output (path NULL): its files through `sink`.  Its
	 * diagnostics follow those of the other outputs of the run. */
	int (*emit)(void *r, const struct plan_output *o, const struct plan_sink *sink,
		    diags *d);
	void *r;
};

/* Room for `more` outputs past the plan's, made at once: a plan about to
 * grow by hundreds of thousands (a photo's derivatives) is not doubled
 * and copied on the way, a copy that held both arrays at the edit's peak
 * of memory (docs/performance.md). */
void plan_reserve(struct plan *p, size_t more);
/* Appends an entry (path owned by the plan from now on) and returns it,
 * valid until the next plan_add.  `index` must be below 2^32: the
 * records it numbers come from tables of at most 128 MB. */
struct plan_output *plan_add(struct plan *p, enum output_kind kind, size_t index,
			     char *path);
/* Makes the reserved entry `o` (at or past p->n, below p->cap) as
 * plan_add would, with a copy of `path` packed in `paths` (p->paths, or
 * an arena_pack of a thread's own that the plan then adopts:
 * plan_adopt_paths), for the many outputs of one kind (a photo's
 * derivatives, filled on several threads by plan/photos.c); the caller
 * counts it (p->n). */
void plan_set_packed(struct plan_output *o, struct arena_pack *paths, enum output_kind kind,
		     size_t index, const char *path);
/* Makes the plan own the paths packed in `paths` (then emptied). */
void plan_adopt_paths(struct plan *p, struct arena_pack *paths);
/* 1 when `kind` is counted as a page in the summary, 2 as a PDF, 0 not. */
int plan_counted(enum output_kind kind);
void plan_free(struct plan *p);

#endif
