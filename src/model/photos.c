/* photos_read: data/photos.csv into site.photos (model/photo.h). */
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load/file.h"
#include "load/photo_header.h"
#include "model/loader.h"
#include "model/model.h"
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
	buf_reset(out);
	buf_printf(out, "communities/%s/photos/%s-%d.jpg", c->id, ph->name, width);
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

/* The derivatives' stem: the file's base name without its extension,
 * ASCII letters (lowercased), digits and '_' kept, anything else a '-'
 * (so a URL never needs escaping); a repeat among the community's photos
 * before it (`same`, in gallery order) gets -2, -3. */
static const char *stem(struct loader *l, const struct photo *ph, const struct photo *same, size_t nsame)
{
	const char *slash = strrchr(ph->file, '/'), *base = slash ? slash + 1 : ph->file;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	buf s = BUF_INIT, out = BUF_INIT;
	const char *kept;

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

/* The rows are read in batches of BATCH: each row but its file, its
 * messages kept apart; then the batch's photos are looked at (one lstat
 * each) on up to --jobs threads; then each row's file is read and its
 * messages said, row by row, so they are those of a row read whole, in the
 * same order.  550,000 lstat(2) one after the other on the loading thread
 * took most of the load of a caption's edit (docs/performance.md). */
enum { BATCH = 8192, BATCH_PER_THREAD = 1024 };

/* A row read but for its file (its record is site.photos[base + k]). */
struct pending {
	diags d;	    /* the row's messages so far, said when its file is */
	struct stat st;	    /* the file's lstat(2), when `plain` */
	unsigned line, col; /* the 文件 cell's */
	unsigned char file; /* 1: there is a file to read (the row got that far) */
	unsigned char ok;   /* 1: the row's other cells are good */
	unsigned char plain; /* file_plain_at's answer */
};

/* The table being read (photos_rows). */
struct reading {
	struct loader *l;
	const struct binding *b;
	struct file_root root;
	int root_ok;
	/* content/communities/ open when it resolves inside the site: a photo
	 * of a community's folder there that is a plain file is inside the
	 * site by one lstat, with no path resolved (file.h's file_plain_at).
	 * -1: the long way. */
	int communities;
	struct pending *batch; /* cap of them: BATCH, or the table's rows when fewer */
	size_t cap, n, base;   /* rows in the batch; site.photos[base] is its first's */
};

/* The lstat(2) of each photo of batch[from, to) whose row got to its file,
 * when it is a regular file, no link, in its community's folder, itself no
 * link in content/communities/ (which resolves inside the site): plain, it
 * is inside the site.  Not plain: checked the long way (file_check_within,
 * stat), whose messages say what it is.  Rows come community by community,
 * so each folder is opened once a range.  Any thread. */
static void stat_range(struct reading *g, size_t from, size_t to)
{
	const struct site *s = g->l->site;
	int folder = -1;
	unsigned at = 0;

	for (size_t k = from; k < to; k++) {
		struct pending *p = &g->batch[k];
		const struct photo *ph = &s->photos[g->base + k];

		if (!p->file || g->communities < 0)
			continue;
		if (folder < 0 || at != ph->community) {
			if (folder >= 0)
				close(folder);
			folder = file_subdir_open(g->communities, s->communities[ph->community].id);
			at = ph->community;
		}
		p->plain = (unsigned char)file_plain_at(folder, ph->file, &p->st);
	}
	if (folder >= 0)
		close(folder);
}

struct stat_job {
	struct reading *g;
	size_t from, to;
	pthread_t thread;
	int started;
};

static void *stat_thread(void *arg)
{
	struct stat_job *j = arg;

	stat_range(j->g, j->from, j->to);
	return NULL;
}

/* stat_range of the whole batch, in ranges that begin with a community
 * (each folder opened once), one on this thread, the others on up to
 * jobs - 1 more. */
static void stat_batch(struct reading *g)
{
	const struct photo *v = &g->l->site->photos[g->base];
	size_t want = 1 + g->n / BATCH_PER_THREAD, nj = g->l->jobs < want ? g->l->jobs : want;
	struct stat_job jobs[16];
	size_t from = 0;

	nj = nj < 1 ? 1 : nj > 16 ? 16 : nj;
	for (size_t t = 0; t < nj; t++) {
		size_t to = t + 1 == nj ? g->n : g->n * (t + 1) / nj;

		while (to < g->n && to > from && v[to].community == v[to - 1].community)
			to++;
		jobs[t] = (struct stat_job){ .g = g, .from = from, .to = to };
		from = to;
		if (t > 0)
			jobs[t].started = pthread_create(&jobs[t].thread, NULL, stat_thread, &jobs[t]) == 0;
	}
	stat_range(g, jobs[0].from, jobs[0].to);
	for (size_t t = 1; t < nj; t++) {
		if (jobs[t].started)
			pthread_join(jobs[t].thread, NULL);
		else
			stat_range(g, jobs[t].from, jobs[t].to);
	}
}

/* The file of a row (`p`, its record `ph`) whose other cells are read:
 * within the site, its header read.  -1 after an error. */
static int read_file(struct reading *g, const struct pending *p, struct photo *ph)
{
	struct loader *l = g->l;
	const char *file = l->site->photos_csv;
	struct photo_ref ref = { NULL, NULL, { file, p->line, p->col }, ph->file, NULL };
	struct photo_header h;
	/* Only while the file is looked at: in the arena, 550,000 photos'
	 * paths would stay for the whole build (photo_file_path makes them
	 * again for a message). */
	buf path = BUF_INIT, abs = BUF_INIT, shown = BUF_INIT;
	size_t record = 0;
	int rc = -1, inside;

	photo_file_path(l->site, ph, &path);
	buf_printf(&abs, "%s/%s", l->site->root, path.data);
	ref.path = abs.data;
	ref.shown = path.data;
	if (p->plain) {
		ref.seen = &p->st;
		inside = 1;
	} else {
		buf_printf(&shown, "%s%s", l->site->prefix, path.data);
		inside = file_check_within(&g->root, abs.data, shown.data, l->d) == 0;
	}
	if (inside && !l->no_image_library)
		rc = photo_header_read(&ref, l->photo_headers, &h, &record, l->d);
	if (rc == 0) {
		ph->width = h.width;
		ph->height = h.height;
		ph->format = (unsigned char)photo_header_format_code(h.format);
		ph->record = record <= UINT_MAX ? (unsigned)record : 0;
	} else if (rc == PHOTO_HEADER_NO_LIBRARY) {
		l->no_image_library = 1;
	}
	buf_free(&path);
	buf_free(&abs);
	buf_free(&shown);
	return rc;
}

/* The batch's files looked at, then each row finished in order: its
 * messages said, its file read, its record kept when whole. */
static void flush(struct reading *g)
{
	struct site *s = g->l->site;

	stat_batch(g);
	for (size_t k = 0; k < g->n; k++) {
		struct pending *p = &g->batch[k];
		struct photo *ph = &s->photos[g->base + k];

		diags_move(g->l->d, &p->d);
		if (p->file && read_file(g, p, ph) == 0 && p->ok)
			s->photos[s->nphotos++] = *ph; /* nphotos <= base + k */
	}
	g->n = 0;
	g->base = s->nphotos;
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
		     struct pending *p)
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
	size_t ci = id ? site_community_index(l->site, id->text) : NO_INDEX;

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
	buf dir = BUF_INIT;

	g->l = l;
	g->b = b;
	g->communities = -1;
	l->site->photos_csv = b->path;
	l->site->photos = arena_array(l->a, nrows, sizeof(*l->site->photos));
	g->root_ok = file_root_init(&g->root, l->site->root, "网站目录") == 0;
	if (g->root_ok) {
		buf_printf(&dir, "%s/content/communities", l->site->root);
		g->communities = file_dir_open_within(&g->root, dir.data);
		buf_free(&dir);
		/* 224 bytes a row: 1.8 MB for a table of more than BATCH rows,
		 * not for the example's few. */
		g->cap = nrows < BATCH ? (nrows ? nrows : 1) : BATCH;
		g->batch = xmalloc(g->cap * sizeof(*g->batch));
	}
	return g;
}

static void row(void *state, const struct csv_row *row)
{
	struct reading *g = state;
	struct pending *p;

	/* A bad row is reported and left out: the site does not build. */
	if (!g->root_ok)
		return;
	p = memset(&g->batch[g->n], 0, sizeof(*p));
	read_row(g, row, &g->l->site->photos[g->base + g->n++], p);
	if (g->n == g->cap)
		flush(g);
}

static void end(void *state)
{
	struct reading *g = state;

	if (g->root_ok) {
		flush(g);
		file_root_free(&g->root);
		place(g->l);
	}
	if (g->communities >= 0)
		close(g->communities);
	free(g->batch);
	free(g);
}

const struct row_reader photos_rows = { begin, row, end };
