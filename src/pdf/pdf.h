/* Printable notices (公示) as PDF, modelled on GB/T 9704-2012.
 *
 * One notice per community and one booklet per subdistrict.  Fonts are
 * embedded as subsets; the text is real, extractable text; the same
 * inputs give the same bytes (document dates come from notice.date).
 *
 * A renderer is made once per build and is read-only afterwards: several
 * threads may render with it at the same time (each call makes its own
 * libharu document and temporary font files). */
#ifndef GONGSHI_PDF_H
#define GONGSHI_PDF_H

#include <stddef.h>

#include "model/model.h"
#include "util/buf.h"
#include "util/diag.h"

struct pdf_renderer;

/* Opens the fonts of site.yaml (pdf.fonts) and reads the layout from
 * the `len` bytes of `notice` (NUL-terminated): the theme's notice.yaml,
 * shown as `display` (load/theme_dir.h finds it).  Nothing is kept of
 * `notice`; `s` must outlive the renderer.  Returns NULL with diagnostics
 * on error (e.g. `site.yaml: error: 找不到 PDF 字体文件“/path”`).  Free
 * with pdf_renderer_free. */
struct pdf_renderer *pdf_renderer_new(const struct site *s, const char *notice,
				      size_t len, const char *display, diags *d);
/* The JPEG of photo `ph` at `width` pixels (image/image.h's image_derive,
 * handed in by the caller: pdf/ and image/ are both renderers), for the
 * picture site.yaml's notice.image puts on a notice.  0, or -1 after an
 * error in `d`.  Called from several threads at once. */
typedef int (*pdf_photo_fn)(void *ctx, const struct photo *ph, int width, buf *out,
			    diags *d);
/* Sets it; without it a notice that should carry a picture is an error. */
void pdf_renderer_set_photos(struct pdf_renderer *r, pdf_photo_fn fn, void *ctx);

/* Where the font subsets pass on their way into a PDF (libharu reads
 * fonts from files only): a folder the caller removes even after a
 * crash, such as output_scratch_dir().  Default: $TMPDIR.  `dir` must
 * outlive the renderer. */
void pdf_renderer_set_scratch(struct pdf_renderer *r, const char *dir);

/* What pdf_render_notice and pdf_render_booklet return when the scratch
 * folder could not be written (a full disk): an I/O error, not a problem
 * of the inputs. */
#define PDF_IO_FAILED (-3)

/* Appends the PDF of community `ci`'s notice to `out`.  Characters no
 * font has are drawn as □ with a warning naming the character, its code
 * point and the community.  0, or -1 or PDF_IO_FAILED with a diagnostic. */
int pdf_render_notice(struct pdf_renderer *r, size_t ci, buf *out,
		      diags *d);

/* The notice cycle's later papers (issue 20; result.c), framed like the
 * notice.  The 再公示 of posting round `round` (2, 3, …) of community
 * `ci` (model/cycle.h): what changed against the round before, the plan
 * as now posted, its period; communities/ID/notice-ROUND.pdf.  The
 * result notice (征求意见结果公告) of community `ci`: the opinions, their
 * answers, what changed in the plan, the consent survey;
 * communities/ID/result.pdf, made once model/result.h's result_of says
 * the result is out.  0, or -1 or PDF_IO_FAILED with a diagnostic. */
int pdf_render_repost(struct pdf_renderer *r, size_t ci, int round, buf *out, diags *d);
int pdf_render_result(struct pdf_renderer *r, size_t ci, buf *out, diags *d);

/* Appends the booklet of subdistrict unit `ui` to `out`: the notices of
 * every community whose subdistrict is `ui`, in data order, each starting
 * on a new page (an odd one when the theme says booklet.odd_page_start),
 * each numbered from — 1 —.  The notices' missing-character warnings are
 * not repeated here (pdf_render_notice gives them).  When no community
 * belongs to `ui`, returns 0 and leaves `out` unchanged: write no file.
 * 0, or -1 or PDF_IO_FAILED with a diagnostic. */
int pdf_render_booklet(struct pdf_renderer *r, size_t ui, buf *out,
		       diags *d);

/* One volume (分册) of a subdistrict's booklet (site.yaml booklet.sheets;
 * cli/build_pdfs.c splits): the communities `members[0..n)` (indices,
 * data order), which are the booklet's `first`..`first + n - 1` (from 0);
 * volume `number` (from 1) of `count`.  A volume of a booklet in several
 * (`count` > 1) opens with a contents page.  `path` (the output file, or
 * NULL) is for messages.  Nothing is owned. */
struct pdf_volume {
	size_t unit;
	const size_t *members;
	size_t n, first;
	size_t number, count;
	const char *path;
};

/* The communities of subdistrict `ui`'s booklet (those with a notice,
 * data order) into `members` (room for ncommunities; NULL: only count);
 * returns how many. */
size_t pdf_booklet_members(const struct site *s, size_t ui, size_t *members);
/* Appends volume `v` of a booklet to `out`, as pdf_render_booklet does a
 * whole one; 0, or -1 or PDF_IO_FAILED with a diagnostic naming v->path
 * and the community being drawn. */
int pdf_render_booklet_volume(struct pdf_renderer *r, const struct pdf_volume *v,
			      buf *out, diags *d);
/* For splitting: the pages of community `ci`'s notice; the pages volume
 * `v`'s contents take (with the blank that keeps the first notice on an
 * odd page when the theme says booklet.odd_page_start; 0 when
 * v->count < 2); the pages a sheet of paper holds in a booklet (2 when
 * printed double-sided, booklet.odd_page_start, else 1). */
unsigned pdf_notice_pages(const struct pdf_renderer *r, size_t ci);
unsigned pdf_booklet_contents_pages(const struct pdf_renderer *r, const struct pdf_volume *v);
unsigned pdf_booklet_pages_per_sheet(const struct pdf_renderer *r);

/* Reads the theme's poster.yaml (`len` bytes of `poster`, shown as
 * `display`), the layout of the posters (公示牌); needed before
 * pdf_render_poster and pdf_render_poster_booklet.  0, or -1 with
 * diagnostics. */
int pdf_renderer_poster(struct pdf_renderer *r, const char *poster, size_t len,
			const char *display, diags *d);

/* Appends community `ci`'s poster to `out`: one sheet (A3, or A4 with
 * site.yaml's poster.size: a4) in large print, its sizes shrunk as far
 * as poster.yaml's body.min_pt to fit.  0, or -1 with an error naming
 * the community's row when even that does not fit, or PDF_IO_FAILED. */
int pdf_render_poster(struct pdf_renderer *r, size_t ci, buf *out, diags *d);

/* Appends the posters of subdistrict unit `ui`'s communities (those with
 * a notice, in data order), one page each, to `out`; 0 and nothing when
 * there are none.  A poster that does not fit gives -1 without a message
 * (pdf_render_poster reports it). */
int pdf_render_poster_booklet(struct pdf_renderer *r, size_t ui, buf *out,
			      diags *d);
/* Volume `v` of it (one poster a sheet; no contents page). */
int pdf_render_poster_volume(struct pdf_renderer *r, const struct pdf_volume *v,
			     buf *out, diags *d);

/* The poster's download name, e.g. "榆树新村改造方案公示牌.pdf". */
void pdf_poster_filename(const struct community *c, buf *out);

/* Appends the leading group's progress report (进度通报) as of `as_of`
 * to `out`, for `notices/progress-YYYY-MM-DD.pdf` (plan_report_path):
 * totals and 开工率/竣工率 by subdistrict, the communities started or
 * completed since the previous report (pdf_report_previous), the overdue
 * ones with their subdistrict and contractor, the investment by source.
 * The same data and `as_of` give the same bytes.  0, or -1 or
 * PDF_IO_FAILED with a diagnostic. */
int pdf_render_progress_report(struct pdf_renderer *r, struct date as_of, buf *out,
			       diags *d);
/* The date of the report before one dated `as_of`: the latest of
 * site.yaml's progress.reports before it, else `as_of` a month back (the
 * same day, or that month's last). */
struct date pdf_report_previous(const struct site *s, struct date as_of);
/* Its issuer: progress.issuer, else notice.issuer, else organiser. */
const char *pdf_report_issuer(const struct site *s);
/* Lays the report out without making the file, for gongshi check: the
 * warnings pdf_render_progress_report would give (a character no font
 * has) into `d`. */
void pdf_report_check(const struct pdf_renderer *r, struct date as_of, diags *d);
/* Everything the report dated `as_of` says, as text (each paragraph with
 * its role), appended to `out`: with the theme's notice.yaml and the
 * fonts, what its bytes depend on, so a key for reusing the last build's
 * file. */
void pdf_report_text(const struct pdf_renderer *r, struct date as_of, buf *out);

/* Accepts NULL. */
void pdf_renderer_free(struct pdf_renderer *r);

#endif
