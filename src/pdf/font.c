#include "pdf/font.h"

#include <errno.h>
#include <hb-subset.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pdf/font_cmap.h"
#include "pdf/style.h"
#include "util/buf.h"
#include "util/errtext.h"
#include "util/xalloc.h"

static void add_slot(struct font_set *fs, const char *path, int index)
{
	struct pdf_font *f;

	fs->v = xrealloc(fs->v, (fs->n + 1) * sizeof(*fs->v));
	f = &fs->v[fs->n];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	f->index = index;
	f->canon = fs->n;
	for (size_t i = 0; i < fs->n; i++) {
		if (strcmp(fs->v[i].path, path) == 0 &&
		    fs->v[i].index == index) {
			f->canon = fs->v[i].canon;
			break;
		}
	}
	fs->n++;
}

/* Opens slot `i`; 0, or -1 with a diagnostic. */
static int open_slot(struct font_set *fs, size_t i, const char *display,
		     diags *d)
{
	struct pdf_font *f = &fs->v[i];
	hb_blob_t *glyf;
	unsigned nfaces;

	if (f->canon != i)
		return 0;
	if (access(f->path, R_OK) != 0) {
		diag_error(d, display, 0, 0, f->path,
			   "找不到 PDF 字体文件“%s”", f->path);
		return -1;
	}
	f->blob = hb_blob_create_from_file_or_fail(f->path);
	nfaces = f->blob ? hb_face_count(f->blob) : 0;
	if (nfaces == 0) {
		diag_error(d, display, 0, 0, f->path,
			   "PDF 字体文件“%s”不是可用的 TrueType 字体", f->path);
		return -1;
	}
	if (f->index < 0 || (unsigned)f->index >= nfaces) {
		diag_error(d, display, 0, 0, f->path,
			   "PDF 字体文件“%s”中没有序号为 %d 的字体（共 %u 个，序号从 0 开始）",
			   f->path, f->index, nfaces);
		return -1;
	}
	f->face = hb_face_create(f->blob, (unsigned)f->index);
	/* libharu embeds only glyf outlines; a CFF (.otf) face would give a
	 * PDF that shows nothing. */
	glyf = hb_face_reference_table(f->face, HB_TAG('g', 'l', 'y', 'f'));
	if (hb_blob_get_length(glyf) == 0) {
		hb_blob_destroy(glyf);
		diag_error(d, display, 0, 0, f->path,
			   "PDF 字体“%s”不是 TrueType（glyf）轮廓字体，无法嵌入 PDF",
			   f->path);
		return -1;
	}
	hb_blob_destroy(glyf);
	hb_face_make_immutable(f->face);
	f->font = hb_font_create(f->face);
	hb_font_make_immutable(f->font);
	f->upem = hb_face_get_upem(f->face);
	return 0;
}

static void draw_move(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st,
		      float x, float y, void *user);
static void draw_line(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st,
		      float x, float y, void *user);
/* draw_quad and draw_cubic have HarfBuzz's hb_draw_quadratic_to_func_t
 * and hb_draw_cubic_to_func_t signatures (hb-draw.h): they are exempt
 * from the limit of 6 parameters. */
static void draw_quad(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st,
		      float cx, float cy, float x, float y, void *user);
static void draw_cubic(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st,
		       float c1x, float c1y, float c2x, float c2y, float x,
		       float y, void *user);
static void draw_close(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st,
		       void *user);

int font_set_load(struct font_set *fs, const struct config *cfg,
		  const char *prefix, const char *display, diags *d)
{
	const struct font_spec *song = &cfg->pdf.song, *hei = &cfg->pdf.hei;
	const struct font_spec *named[PDF_NFACES] = {
		[PDF_SONG] = song, [PDF_HEI] = hei, [PDF_KAI] = &cfg->pdf.kai,
		[PDF_FANGSONG] = &cfg->pdf.fangsong,
		[PDF_BIAOSONG] = &cfg->pdf.biaosong,
	};
	buf path = BUF_INIT;
	int bad = 0;

	memset(fs, 0, sizeof(*fs));
	if (song->path == NULL || song->path[0] == '\0') {
		diag_error(d, display, 0, 0, NULL,
			   "没有设置 PDF 正文字体（pdf.fonts.song）");
		return -1;
	}
	for (size_t i = 0; i < PDF_NFACES + cfg->pdf.nfallback; i++) {
		const struct font_spec *sp = i < PDF_NFACES ? named[i] :
					     &cfg->pdf.fallback[i - PDF_NFACES];

		/* Unset: 小标宋 is stood in for by the Hei face, the others
		 * (and the Hei face) by the Song face. */
		if ((sp->path == NULL || sp->path[0] == '\0') && i == PDF_BIAOSONG)
			sp = hei;
		if (sp->path == NULL || sp->path[0] == '\0')
			sp = song;
		buf_reset(&path);
		if (sp->path[0] != '/')
			buf_puts(&path, prefix ? prefix : "");
		buf_puts(&path, sp->path);
		add_slot(fs, buf_cstr(&path), sp->index);
	}
	buf_free(&path);
	for (size_t i = 0; i < fs->n; i++)
		if (open_slot(fs, i, display, d) < 0)
			bad = 1;
	fs->draw = hb_draw_funcs_create();
	hb_draw_funcs_set_move_to_func(fs->draw, draw_move, NULL, NULL);
	hb_draw_funcs_set_line_to_func(fs->draw, draw_line, NULL, NULL);
	hb_draw_funcs_set_quadratic_to_func(fs->draw, draw_quad, NULL, NULL);
	hb_draw_funcs_set_cubic_to_func(fs->draw, draw_cubic, NULL, NULL);
	hb_draw_funcs_set_close_path_func(fs->draw, draw_close, NULL, NULL);
	hb_draw_funcs_make_immutable(fs->draw);
	if (bad) {
		font_set_free(fs);
		return -1;
	}
	return 0;
}

void font_set_free(struct font_set *fs)
{
	for (size_t i = 0; i < fs->n; i++) {
		hb_font_destroy(fs->v[i].font);
		hb_face_destroy(fs->v[i].face);
		hb_blob_destroy(fs->v[i].blob);
		free(fs->v[i].path);
	}
	free(fs->v);
	hb_draw_funcs_destroy(fs->draw);
	memset(fs, 0, sizeof(*fs));
}

static int has(const struct font_set *fs, size_t slot, uint32_t cp)
{
	hb_codepoint_t g;

	return hb_font_get_nominal_glyph(fs->v[fs->v[slot].canon].font, cp, &g);
}

/* The slot drawing `cp` when the text prefers `pref`, or -1: the
 * preferred face, the Song face (the body's), then the others in slot
 * order: Hei, Kai (whose LXGW WenKai has Ext-B), the licensed faces, the
 * fallbacks. */
static long find(const struct font_set *fs, size_t pref, uint32_t cp)
{
	if (has(fs, pref, cp))
		return (long)fs->v[pref].canon;
	for (size_t i = 0; i < fs->n; i++)
		if (has(fs, i, cp))
			return (long)fs->v[i].canon;
	return -1;
}

int font_resolve(const struct font_set *fs, struct lay_char *c)
{
	size_t pref = c->font < fs->n ? c->font : PDF_SONG;
	long slot;

	c->flags &= (unsigned short)~FONT_F_BOX;
	if (c->cp == LAY_NEWLINE)
		return 0;
	slot = find(fs, pref, c->cp);
	if (slot >= 0) {
		c->font = (unsigned short)slot;
		return 0;
	}
	/* □ from a font when one has it, so that the text still reads
	 * back with a visible gap marker; else a drawn square. */
	c->cp = FONT_PLACEHOLDER;
	slot = find(fs, pref, c->cp);
	if (slot >= 0) {
		c->font = (unsigned short)slot;
	} else {
		c->font = (unsigned short)fs->v[pref].canon;
		c->flags |= FONT_F_BOX;
	}
	return -1;
}

double font_advance(const struct font_set *fs, const struct lay_char *c)
{
	const struct pdf_font *f = &fs->v[c->font < fs->n ? c->font : 0];
	hb_codepoint_t g;
	long adv;

	if (c->flags & FONT_F_BOX)
		return 1.0;
	if (!hb_font_get_nominal_glyph(f->font, c->cp, &g))
		return 0.5;
	adv = (long)hb_font_get_glyph_h_advance(f->font, g);
	/* libharu writes widths in thousandths of an em, truncated; lay out
	 * with the same numbers so that the text lands where we put it. */
	return (double)(adv * 1000 / (long)f->upem) / 1000.0;
}

void font_doc_init(struct font_doc *fd, const struct font_set *fs)
{
	fd->n = fs->n;
	fd->used = xcalloc(fs->n, sizeof(*fd->used));
	fd->hf = xcalloc(fs->n, sizeof(*fd->hf));
	fd->enc = xcalloc(fs->n, sizeof(*fd->enc));
	for (size_t i = 0; i < fs->n; i++)
		fd->used[i] = hb_set_create();
}

void font_doc_use(struct font_doc *fd, const struct lay_char *c)
{
	if (c->flags & FONT_F_BOX || c->cp == LAY_NEWLINE)
		return;
	if (c->font < fd->n)
		hb_set_add(fd->used[c->font], c->cp);
}

void font_doc_pad(struct font_doc *fd, const struct font_set *fs,
		  unsigned spare)
{
	/* Plain characters every CJK face has; any the document does not
	 * use will do, in a fixed order so retries stay deterministic. */
	static const hb_codepoint_t candidates[] = {
		0x3000, 0x3002, 0xFF0C, 0x4E00, 0x4E8C, 0x4E09, 0x0030, 0x0031,
	};

	for (size_t i = 0; i < fd->n && spare; i++) {
		unsigned added = 0;

		if (hb_set_is_empty(fd->used[i]))
			continue;
		for (size_t k = 0; k < sizeof(candidates) / sizeof(candidates[0]) &&
				   added < spare; k++) {
			hb_codepoint_t g;

			if (!hb_set_has(fd->used[i], candidates[k]) &&
			    hb_font_get_nominal_glyph(fs->v[i].font, candidates[k], &g)) {
				hb_set_add(fd->used[i], candidates[k]);
				added++;
			}
		}
	}
}

void font_doc_free(struct font_doc *fd)
{
	for (size_t i = 0; i < fd->n; i++) {
		hb_set_destroy(fd->used[i]);
		pdf_encoding_free(&fd->enc[i]);
	}
	free(fd->used);
	free(fd->hf);
	free(fd->enc);
	memset(fd, 0, sizeof(*fd));
}

/* The subset of `f` holding the code points in `cps`, or NULL.  When
 * `e` has characters beyond U+FFFF, the subset's cmap leads libharu from
 * their stand-ins to their glyphs (pdf/font_cmap.h); otherwise it is
 * hb-subset's own. */
static hb_blob_t *subset(const struct pdf_font *f, const hb_set_t *cps,
			 const struct pdf_encoding *e)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_face_t *sub;
	hb_blob_t *blob;

	if (in == NULL)
		return NULL;
	hb_set_union(hb_subset_input_unicode_set(in), cps);
	/* Hinting is for screens at small sizes; the PDF is for paper. */
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	sub = hb_subset_or_fail(f->face, in);
	hb_subset_input_destroy(in);
	if (sub == NULL)
		return NULL;
	blob = hb_face_reference_blob(sub);
	hb_face_destroy(sub);
	if (e->nstand > 0) {
		hb_blob_t *with = font_cmap_stand_ins(blob, e);

		hb_blob_destroy(blob);
		blob = with;
	}
	return blob;
}

/* Removes a temporary file that could not be written; -1, with errno
 * still saying why the write failed. */
static int discard_temp(const char *path)
{
	int err = errno;

	unlink(path);
	errno = err;
	return -1;
}

/* Writes `blob` to a new private file in `dir`; its path goes to `path`.
 * 0, or -1 with errno set. */
static int write_temp(const char *dir, hb_blob_t *blob, buf *path)
{
	unsigned len;
	const char *data = hb_blob_get_data(blob, &len);
	int fd;
	FILE *f;

	buf_reset(path);
	buf_printf(path, "%s/font-XXXXXX", dir);
	fd = mkstemp(path->data);
	if (fd < 0)
		return -1;
	f = fdopen(fd, "wb");
	if (f == NULL) {
		close(fd);
		return discard_temp(path->data);
	}
	if (fwrite(data, 1, len, f) != len) {
		int err = errno;

		fclose(f);
		errno = err;
		return discard_temp(path->data);
	}
	if (fclose(f) != 0)
		return discard_temp(path->data);
	return 0;
}

/* One font_doc_embed: the subsets of `fd`'s slots (fonts of `fs`) go into
 * `doc` through temporary files in `dir`; problems are reported naming
 * `display`. */
struct embedding {
	struct font_doc *fd;
	const struct font_set *fs;
	HPDF_Doc doc;
	const char *dir;
	const char *display;
	diags *d;
};

/* Loads the subset of slot `i` into the document; 0 or -1 with a
 * diagnostic. */
static int embed_slot(const struct embedding *e, size_t i)
{
	struct font_doc *fd = e->fd;
	const struct font_set *fs = e->fs;
	HPDF_Doc doc = e->doc;
	const char *dir = e->dir, *display = e->display;
	diags *d = e->d;
	hb_blob_t *blob = NULL;
	buf path = BUF_INIT;
	const char *name = NULL;

	/* The encoder first: the subset is cut to fit it. */
	if (pdf_encoding_init(&fd->enc[i], doc, i, fd->used[i]) < 0) {
		diag_error(d, display, 0, 0, fs->v[i].path,
			   "libharu 无法载入字体“%s”", fs->v[i].path);
		return -1;
	}
	blob = subset(&fs->v[i], fd->used[i], &fd->enc[i]);
	if (blob == NULL) {
		diag_error(d, display, 0, 0, fs->v[i].path,
			   "无法从字体“%s”中取出所用的字符（hb-subset 失败）",
			   fs->v[i].path);
		return -1;
	}
	if (write_temp(dir, blob, &path) < 0) {
		diag_error(d, display, 0, 0, dir, "无法写入临时字体文件（%s）：%s", dir,
			   errtext_of(errno));
		hb_blob_destroy(blob);
		buf_free(&path);
		return -2;
	}
	hb_blob_destroy(blob);
	name = HPDF_LoadTTFontFromFile(doc, path.data, HPDF_TRUE);
	/* libharu keeps the file open until the document is saved, so the
	 * name can go now: nothing is left behind if we are killed. */
	unlink(path.data);
	buf_free(&path);
	if (name)
		fd->hf[i] = HPDF_GetFont(doc, name, fd->enc[i].name);
	if (fd->hf[i] &&
	    pdf_encoding_to_unicode(&fd->enc[i], doc, fd->hf[i]) < 0)
		fd->hf[i] = NULL;
	if (fd->hf[i] == NULL) {
		diag_error(d, display, 0, 0, fs->v[i].path,
			   "libharu 无法载入字体“%s”", fs->v[i].path);
		return -1;
	}
	return 0;
}

int font_doc_embed(struct font_doc *fd, const struct font_set *fs,
		   HPDF_Doc doc, const char *scratch, const char *display, diags *d)
{
	const char *tmp = scratch ? scratch : getenv("TMPDIR");
	buf dir = BUF_INIT;
	struct embedding e = { fd, fs, doc, NULL, display, d };
	int rc = 0;

	buf_printf(&dir, "%s/gongshi-pdf-XXXXXX",
		   tmp && tmp[0] ? tmp : "/tmp");
	if (mkdtemp(dir.data) == NULL) {
		diag_error(d, display, 0, 0, dir.data,
			   "无法建立临时目录“%s”：%s", dir.data,
			   errtext_of(errno));
		buf_free(&dir);
		return -2;
	}
	e.dir = dir.data;
	for (size_t i = 0; i < fd->n && rc == 0; i++)
		if (!hb_set_is_empty(fd->used[i]))
			rc = embed_slot(&e, i);
	rmdir(dir.data);
	buf_free(&dir);
	return rc;
}

/* Outline drawing: HarfBuzz gives the path in font units, y up. */
struct pen {
	HPDF_Page page;
	double x, y, scale;
	int drew;
};

static void draw_move(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st,
		      float x, float y, void *user)
{
	struct pen *p = data;

	(void)df, (void)st, (void)user;
	p->drew = 1;
	HPDF_Page_MoveTo(p->page, (HPDF_REAL)(p->x + x * p->scale),
			 (HPDF_REAL)(p->y + y * p->scale));
}

static void draw_line(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st,
		      float x, float y, void *user)
{
	struct pen *p = data;

	(void)df, (void)st, (void)user;
	HPDF_Page_LineTo(p->page, (HPDF_REAL)(p->x + x * p->scale),
			 (HPDF_REAL)(p->y + y * p->scale));
}

static void draw_cubic(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st,
		       float c1x, float c1y, float c2x, float c2y, float x,
		       float y, void *user)
{
	struct pen *p = data;

	(void)df, (void)st, (void)user;
	HPDF_Page_CurveTo(p->page, (HPDF_REAL)(p->x + c1x * p->scale),
			  (HPDF_REAL)(p->y + c1y * p->scale),
			  (HPDF_REAL)(p->x + c2x * p->scale),
			  (HPDF_REAL)(p->y + c2y * p->scale),
			  (HPDF_REAL)(p->x + x * p->scale),
			  (HPDF_REAL)(p->y + y * p->scale));
}

/* PDF has no quadratic curves: raise the degree.  (HarfBuzz's signature,
 * exempt from the limit of 6 parameters: see the declarations.) */
static void draw_quad(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st,
		      float cx, float cy, float x, float y, void *user)
{
	float x0 = st->current_x, y0 = st->current_y;

	draw_cubic(df, data, st, x0 + 2.0f / 3 * (cx - x0),
		   y0 + 2.0f / 3 * (cy - y0), x + 2.0f / 3 * (cx - x),
		   y + 2.0f / 3 * (cy - y), x, y, user);
}

static void draw_close(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st,
		       void *user)
{
	struct pen *p = data;

	(void)df, (void)st, (void)user;
	HPDF_Page_ClosePath(p->page);
}

void font_draw_outline(const struct font_set *fs, const struct lay_char *c,
		       HPDF_Page page, double x, double y, double size)
{
	const struct pdf_font *f = &fs->v[c->font < fs->n ? c->font : 0];
	struct pen p = { page, x, y, size / f->upem, 0 };
	hb_codepoint_t g;

	if (!hb_font_get_nominal_glyph(f->font, c->cp, &g))
		return;
#if HB_VERSION_ATLEAST(7, 0, 0)
	hb_font_draw_glyph(f->font, g, fs->draw, &p);
#else
	hb_font_get_glyph_shape(f->font, g, fs->draw, &p);
#endif
	if (p.drew) /* a blank glyph leaves no path to fill */
		HPDF_Page_Fill(page);
}
