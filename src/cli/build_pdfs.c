/* gongshi build's PDFs: the renderer opened with the theme's files, the
 * booklets split into volumes, the plan's PDF entries (plan/pdfs.c) and
 * the function that makes one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/theme_dir.h"
#include "cli/build_pdfs.h"
#include "cli/build_photos.h"
#include "cli/build_volumes.h"
#include "pdf/pdf.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "write/page_counts.h"

struct build_pdfs {
	const struct site *s;
	struct date today, as_of; /* as_of: the progress report's */
	struct pdf_renderer *r;
	struct plan_pdf_keys keys;
	struct booklet_members members;
	struct volume_plan plan;
	struct hash_value *notice_keys; /* by community (plan_notice_key) */
	struct volume_counts counts;
};

/* The bytes of one planned PDF; 0, -1, or -2 when the disk failed. */
static int pdf_render(void *arg, const struct plan_output *o, void *state, buf *out, diags *d)
{
	struct build_pdfs *p = arg;
	static const struct plan_volume none;
	const struct plan_volume *pv = o->vol ? o->vol : &none;
	struct pdf_volume v = { pv->unit, pv->members, pv->n, pv->first, pv->number, pv->count,
				o->path };
	int rc = -1;

	(void)state;
	switch (o->kind) {
	case OUTPUT_NOTICE:
		rc = pdf_render_notice(p->r, o->index, out, d);
		break;
	case OUTPUT_BOOKLET:
		rc = pdf_render_booklet_volume(p->r, &v, out, d);
		break;
	case OUTPUT_POSTER:
		rc = pdf_render_poster(p->r, o->index, out, d);
		break;
	case OUTPUT_POSTER_BOOKLET:
		rc = pdf_render_poster_volume(p->r, &v, out, d);
		break;
	case OUTPUT_REPOST:
		rc = pdf_render_repost(p->r, o->index, o->round, out, d);
		break;
	case OUTPUT_RESULT:
		rc = pdf_render_result(p->r, o->index, out, d);
		break;
	case OUTPUT_REPORT:
		rc = pdf_render_progress_report(p->r, plan_report_date(o), out, d);
		break;
	default:
		break;
	}
	return rc == PDF_IO_FAILED ? -2 : rc;
}

/* The key of the one PDF the plan cannot key, a progress report:
 * everything it says, with what it is drawn with (plan_pdf_keys). */
static struct hash_value pdf_prepare(void *arg, const struct plan_output *o, void **state)
{
	struct build_pdfs *p = arg;
	buf text = BUF_INIT;
	struct hash h;

	*state = NULL;
	hash_init(&h);
	hash_str(&h, "report");
	hash_value_add(&h, p->keys.report);
	pdf_report_text(p->r, plan_report_date(o), &text);
	hash_bytes(&h, text.data, text.len);
	buf_free(&text);
	return hash_final(&h);
}

/* The PDF renderer with the theme's notice.yaml and poster.yaml, and
 * the hashes of what every notice and every poster shows; NULL after an
 * error. */
static struct pdf_renderer *open_renderer(const struct site *s, struct date today,
					  diags *d, struct plan_pdf_keys *keys)
{
	struct theme_site where = { s->root, s->prefix, s->config.theme };
	struct theme_src ts;
	struct pdf_renderer *r = NULL;
	char *notice = NULL, *display = NULL, *poster = NULL, *pdisplay = NULL;
	size_t len = 0, plen = 0;

	if (theme_src_open(&ts, &where, d) == 0 &&
	    theme_src_notice(&ts, d, &notice, &len, &display) == 0 &&
	    theme_src_poster(&ts, d, &poster, &plen, &pdisplay) == 0) {
		r = pdf_renderer_new(s, notice, len, display, d);
		if (r && pdf_renderer_poster(r, poster, plen, pdisplay, d) < 0) {
			pdf_renderer_free(r);
			r = NULL;
		}
		struct plan_pdf_theme t = { notice, len, poster, plen };

		plan_pdf_keys(s, today, &t, keys->photos, keys);
	}
	theme_src_close(&ts);
	free(notice);
	free(display);
	free(poster);
	free(pdisplay);
	return r;
}

/* The volumes, by the page counts of the last build's output `last`
 * where it has them; this build's counts written into `o` for the next
 * one.  0, or -1 with a diagnostic. */
static int split_volumes(struct build_pdfs *b, struct output *o, const char *last,
			 unsigned jobs, diags *d)
{
	const struct site *s = b->s;
	struct page_counts *pc = page_counts_open(last, 0);
	struct hash_value *keys = xcalloc(s->ncommunities + 1, sizeof(*keys));
	unsigned *pages = xcalloc(s->ncommunities + 1, sizeof(*pages));
	struct volume_inputs in = { b->r, s, NULL, pc, jobs };
	size_t n = 0, total;
	int rc = 0;

	b->notice_keys = xcalloc(s->ncommunities + 1, sizeof(*b->notice_keys));
	for (size_t i = 0; i < s->ncommunities; i++)
		b->notice_keys[i] = plan_notice_key(s, &b->keys, i);
	in.keys = b->notice_keys;
	build_volumes_plan(&in, &b->members, &b->plan, &b->counts);
	/* The counts in the booklets' order, only when they were taken. */
	total = b->members.at[s->nunits];
	for (size_t k = 0; k < total && s->config.booklet.sheets; k++) {
		keys[n] = b->notice_keys[b->members.of[k]];
		pages[n++] = b->counts.pages[b->members.of[k]];
	}
	if (n)
		rc = page_counts_write(pc, o, keys, pages, n, d);
	page_counts_free(pc);
	free(keys);
	free(pages);
	return rc;
}

struct build_pdfs *build_pdfs_open(const struct site *s, struct date today, struct output *o,
				   const struct build_pdfs_from *from, diags *d)
{
	struct build_pdfs *b = xcalloc(1, sizeof(*b));

	b->s = s;
	b->today = b->as_of = today;
	b->keys.photos = from->photos;
	b->r = open_renderer(s, today, d, &b->keys);
	if (b->r == NULL) {
		free(b);
		return NULL;
	}
	pdf_renderer_set_scratch(b->r, output_scratch_dir(o));
	pdf_renderer_set_photos(b->r, build_photos_jpeg, (void *)s);
	if (split_volumes(b, o, from->last, from->jobs, d) < 0) {
		build_pdfs_free(b);
		return NULL;
	}
	return b;
}

void build_pdfs_print_counts(const struct build_pdfs *b)
{
	if (b->counts.laid_out + b->counts.reused == 0)
		return;
	printf("分册计页：排版 %zu 份公示，%zu 份沿用上次的页数\n", b->counts.laid_out,
	       b->counts.reused);
}

void build_pdfs_as_of(struct build_pdfs *b, struct date as_of)
{
	b->as_of = as_of.year ? as_of : b->today;
}

const struct volume_plan *build_pdfs_volumes(const struct build_pdfs *b)
{
	return &b->plan;
}

void build_pdfs_plan(struct build_pdfs *b, struct plan *p, const struct shard *sh)
{
	struct plan_pdf_inputs in = { b->s, b->keys, &b->members, &b->plan, sh, b->today,
				      b->as_of, b->notice_keys };

	plan_pdfs(p, &in);
}

struct plan_renderer build_pdfs_functions(struct build_pdfs *b)
{
	struct plan_renderer f = { pdf_prepare, pdf_render, NULL, NULL, b };

	return f;
}

void build_pdfs_free(struct build_pdfs *b)
{
	if (b == NULL)
		return;
	free(b->members.of);
	free(b->members.at);
	free(b->notice_keys);
	free(b->counts.pages);
	volume_plan_free(&b->plan);
	pdf_renderer_free(b->r);
	free(b);
}
