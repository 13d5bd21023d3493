/* photos_read: data/photos.csv into site.photos (model/photo.h). */
#include <stdlib.h>
#include <string.h>

#include "model/loader.h"
#include "model/model.h"
#include "model/photos_batch.h"
#include "model/values.h"
#include "util/xalloc.h"

const char *photo_kind_name(enum photo_kind k)
{
	static const char *const names[] = { "改造前", "施工中", "改造后", "效果图" };

	return names[k];
}

size_t photo_widths(const struct photo *ph, int *widths)
{
	static const int all[PHOTO_MAX_WIDTHS] = PHOTO_WIDTHS;
	size_t n = 0;

	for (size_t i = 0; i < PHOTO_MAX_WIDTHS && all[i] <= ph->width; i++)
		widths[n++] = all[i];
	if (n == 0)
		widths[n++] = ph->width;
	return n;
}

int photo_height_at(const struct photo *ph, int width)
{
	long long h = ((long long)ph->height * width * 2 + ph->width) / (2LL * ph->width);

	return h < 1 ? 1 : (int)h;
}

void photo_file_path(const struct site *s, const struct photo *ph, buf *out)
{
	buf_reset(out);
	buf_printf(out, "content/communities/%s/%s", s->communities[ph->community].id, ph->file);
}

void photo_derivative_path(const struct community *c, const struct photo *ph,
			   int width, buf *out)
{
	/* "communities/%s/photos/%s-%d.jpg" in pieces: the plan makes
	 * 550,000 of these at 55,000 communities with ten photos, on the
	 * build's one thread, where printf's reading of the format cost more
	 * than the copying. */
	buf_reset(out);
	buf_puts(out, "communities/");
	buf_puts(out, c->id);
	buf_puts(out, "/photos/");
	buf_puts(out, ph->name);
	buf_putc(out, '-');
	if (width >= 0)
		buf_put_uint(out, (unsigned long long)width);
	else /* never: photo_widths gives positive widths */
		buf_printf(out, "%d", width);
	buf_puts(out, ".jpg");
}

/* The photo of `c` a setting `image` (CONFIG_IMAGE_*) asks for. */
static const struct photo *photo_chosen(const struct site *s, const struct community *c, int image)
{
	const struct photo *found = NULL;
	enum photo_kind want = image == CONFIG_IMAGE_DESIGN ? PHOTO_DESIGN : PHOTO_BEFORE;

	if (image != CONFIG_IMAGE_DESIGN && image != CONFIG_IMAGE_BEFORE)
		return NULL;
	for (size_t i = 0; i < c->nphotos; i++) {
		const struct photo *ph = &s->photos[c->photo_at + i];

		/* Gallery order is by date within a kind: the first before
		 * photo is the earliest, the last design the latest. */
		if (ph->kind == want && (found == NULL || want == PHOTO_DESIGN))
			found = ph;
	}
	return found;
}

const struct photo *photo_for_notice(const struct site *s, const struct community *c)
{
	return photo_chosen(s, c, s->config.notice.image);
}

const struct photo *photo_for_poster(const struct site *s, const struct community *c)
{
	return photo_chosen(s, c, s->config.poster.image);
}

/* 改造前/before …; -1 with the accepted words. */
static int read_kind(const struct csv_field *f, const char *file, enum photo_kind *out,
		     diags *d)
{
	static const char *const english[] = { "before", "during", "after", "design" };

	for (int k = PHOTO_BEFORE; k <= PHOTO_DESIGN; k++)
		if (strcmp(f->text, photo_kind_name(k)) == 0 ||
		    strcmp(f->text, english[k]) == 0)
			return *out = k, 0;
	diag_error(d, file, f->line, f->col, f->text,
		   "照片类型“%s”无效：应写“改造前”“施工中”“改造后”或“效果图”之一", f->text);
	return -1;
}

/* A file name that stays in the community's folder: relative, no "..",
 * no backslash (a Windows path), no empty part. */
static int name_inside(const char *s)
{
	const char *p = s;

	if (*s == '/' || strchr(s, '\\'))
		return 0;
	while (*p) {
		size_t n = strcspn(p, "/");

		if (n == 0 || (n == 2 && p[0] == '.' && p[1] == '.') || (n == 1 && p[0] == '.'))
			return 0;
		p += n;
		if (*p == '/')
			p++;
	}
	return p[-1] != '/';
}

/* The same file named on two rows of one community: the gallery would
 * show it twice, its derivatives made twice under two names.  Said at
 * the later row, naming the earlier. */
static void same_file_twice(struct loader *l, const struct photo *a, const struct photo *b)
{
	const struct photo *later = a->line > b->line ? a : b, *first = later == a ? b : a;

	diag_error(l->d, l->site->photos_csv, later->line, later->file_col, later->file,
		   "照片“%s”重复：第 %u 行已经写了小区“%s”的这张照片。一张照片只写一行："
		   "请在 Excel 或 WPS 中删去其中一行（要改说明、日期或类型，就改留下的那一行）",
		   later->file, first->line, l->site->communities[later->community].id);
}

/* The derivatives' stem: the file's base name without its extension,
 * ASCII letters (lowercased), digits and '_' kept, anything else a '-'
 * (so a URL never needs escaping); a repeat among the community's photos
 * before it (`same`, in gallery order) gets -2, -3.  The same file twice
 * (the same stem, so met here) is an error. */
static const char *stem(struct loader *l, const struct photo *ph, const struct photo *same, size_t nsame)
{
	const char *slash = strrchr(ph->file, '/'), *base = slash ? slash + 1 : ph->file;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	buf s = BUF_INIT, out = BUF_INIT;
	const char *kept;
	int told = 0;

	for (size_t i = 0; i < n; i++) {
		char c = base[i];
		int keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';

		c = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
		keep |= c >= 'a' && c <= 'z';
		if (keep)
			buf_putc(&s, c);
		else if (s.len && s.data[s.len - 1] != '-')
			buf_putc(&s, '-');
	}
	while (s.len && s.data[s.len - 1] == '-')
		s.len--;
	if (s.len == 0)
		buf_puts(&s, "photo");
	buf_put(&out, s.data, s.len);
	for (unsigned rep = 2;; rep++) {
		size_t i;

		for (i = 0; i < nsame && strcmp(same[i].name, buf_cstr(&out)); i++)
			;
		if (i == nsame)
			break;
		/* Said once a row: a third copy also meets the second's -2. */
		if (!told && strcmp(same[i].file, ph->file) == 0)
			same_file_twice(l, &same[i], ph), told = 1;
		buf_reset(&out);
		buf_put(&out, s.data, s.len);
		buf_printf(&out, "-%u", rep);
	}
	/* Kept in the pool: the same few names (a, a-2, …) recur in every
	 * community. */
	kept = text_pool_keep(l->texts, buf_cstr(&out));
	buf_free(&s);
	buf_free(&out);
	return kept;
}

/* The table being read (photos_rows). */
struct reading {
	struct loader *l;
	const struct binding *b;
	struct photo_batches *batches; /* NULL: the site's folder did not resolve */
	/* The community the row before named (its index; NO_INDEX: none):
	 * rows come community by community, ten a community, so its id is
	 * compared, not looked up again. */
	size_t last;
};

/* The index of the community of id `id` (site_community_index's). */
static size_t community_of(struct reading *g, const char *id)
{
	const struct site *s = g->l->site;

	if (g->last == NO_INDEX || strcmp(s->communities[g->last].id, id) != 0)
		g->last = site_community_index(s, id);
	return g->last;
}

/* The 文件 cell's name, before its file is looked at: one inside the
 * community's folder, kept.  -1 after an error (in `d`). */
static int read_file_name(struct reading *g, const struct csv_field *f, struct photo *ph,
			  diags *d)
{
	struct loader *l = g->l;

	if (!name_inside(f->text)) {
		diag_error(d, l->site->photos_csv, f->line, f->col, f->text,
			   "照片文件名“%s”指向小区文件夹之外：只写 content/communities/%s/ "
			   "里的文件名，如 gaizao-qian.jpg（不要写“..”、“/”开头或“\\”）",
			   f->text, l->site->communities[ph->community].id);
		return -1;
	}
	ph->file = text_pool_keep(l->texts, f->text);
	return 0;
}

/* Gallery order: by community, then kind (before, during, after,
 * design), date, and row. */
static int gallery_order(const void *x, const void *y)
{
	const struct photo *a = x, *b = y;
	int c;

	if (a->community != b->community)
		return a->community < b->community ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if ((c = date_cmp(a->date, b->date)))
		return c;
	return a->line < b->line ? -1 : a->line > b->line;
}

/* Sorts the photos and gives each community its run and each photo its stem. */
static void place(struct loader *l)
{
	struct site *s = l->site;

	if (s->nphotos > 1)
		qsort(s->photos, s->nphotos, sizeof(*s->photos), gallery_order);
	for (size_t i = 0, run = 0; i < s->nphotos; i++) {
		struct photo *ph = &s->photos[i];
		struct community *c = &s->communities[ph->community];

		if (i == 0 || ph->community != s->photos[i - 1].community)
			run = i, c->photo_at = i;
		c->nphotos++;
		ph->name = stem(l, ph, s->photos + run, i - run);
	}
}

/* One row but its file, its messages in `p->d`: p->file when its file is
 * to be read, p->ok when its other cells are good. */
static void read_row(struct reading *g, const struct csv_row *row, struct photo *ph,
		     struct photo_pending *p)
{
	struct loader *l = g->l;
	const struct binding *b = g->b;
	const char *file = b->path;
	diags *d = &p->d;
	const struct csv_field *id = schema_field(b, row, PHC_COMMUNITY, d);
	const struct csv_field *f = schema_field(b, row, PHC_FILE, d);
	const struct csv_field *date = schema_field(b, row, PHC_DATE, d);
	const struct csv_field *kind = schema_field(b, row, PHC_KIND, d);
	const char *caption = schema_text(b, row, PHC_CAPTION);
	enum photo_kind k = PHOTO_BEFORE;
	size_t ci = id ? community_of(g, id->text) : NO_INDEX;

	p->ok = 1;
	ph->line = row->line;
	/* The row is scratch: the caption the gallery shows is kept. */
	ph->caption = text_pool_keep(l->texts, caption);
	/* Fewer than 2^32 communities: a row of data/communities.csv takes
	 * more than one byte of at most 128 MB (load/file.h's FILE_MAX_CSV). */
	ph->community = (unsigned)ci;
	if (id && ci == NO_INDEX && !l->site->index->communities_failed) {
		diag_error(d, file, id->line, id->col, id->text,
			   "小区编号“%s”在 data/communities.csv 中没有：请改成那张表“编号”列里的编号",
			   id->text);
	}
	if (*caption == '\0' && b->field[PHC_CAPTION] < row->nfields) {
		const struct csv_field *c = &row->fields[b->field[PHC_CAPTION]];

		diag_error(d, file, c->line, c->col, NULL,
			   "照片没有说明：网页上照片的替代文字（读屏软件念给看不见的居民听）来自“说明”列，"
			   "请写一句话说明照片拍的是什么，如“3号楼北侧外墙，改造前”");
		p->ok = 0;
	}
	if (!date || value_date(date, file, &ph->date, d) < 0)
		p->ok = 0;
	if (!kind || read_kind(kind, file, &k, d) < 0)
		p->ok = 0;
	ph->kind = (unsigned char)k;
	if (!f || ci == NO_INDEX)
		return;
	ph->file_col = p->col = f->col;
	p->line = f->line;
	p->file = read_file_name(g, f, ph, d) == 0;
}

static void *begin(struct loader *l, const struct binding *b, size_t nrows)
{
	struct reading *g = xcalloc(1, sizeof(*g));

	g->l = l;
	g->b = b;
	g->last = NO_INDEX;
	l->site->photos_csv = b->path;
	l->site->photos = arena_array(l->a, nrows, sizeof(*l->site->photos));
	g->batches = photo_batches_new(l, nrows);
	return g;
}

static void row(void *state, const struct csv_row *row)
{
	struct reading *g = state;
	struct photo_pending *p;
	struct photo *ph;

	/* A bad row is reported and left out: the site does not build. */
	if (g->batches == NULL)
		return;
	p = photo_batches_next(g->batches, &ph);
	read_row(g, row, ph, p);
	photo_batches_add(g->batches);
}

static void end(void *state)
{
	struct reading *g = state;

	if (g->batches) {
		photo_batches_end(g->batches);
		place(g->l);
	}
	free(g);
}

const struct row_reader photos_rows = { begin, row, end };
