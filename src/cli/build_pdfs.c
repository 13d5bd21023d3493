/* gongshi build's PDFs: planned (what to make, keyed by its inputs, the
 * booklets split into volumes) and made on the thread pool. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/hash.h"
#include "plan/hash_site.h"
#include "write/pool.h"
#include "load/theme_dir.h"
#include "cli/build_pdfs.h"
#include "cli/build_volumes.h"
#include "pdf/pdf.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* What a PDF job makes: a community's notice or poster (公示牌), or a
 * volume of a subdistrict's booklet of either. */
enum pdf_kind { PDF_NOTICE, PDF_BOOKLET, PDF_POSTER, PDF_POSTER_BOOKLET };

/* One PDF to make. */
struct pdf_job {
	enum pdf_kind kind;
	size_t index;	/* community or unit */
	struct pdf_volume vol; /* a booklet's; members point into the plan */
	char *path;	/* owned */
	struct hash_value hash;
};

struct pdf_commons { /* what every notice, every poster shows */
	struct hash_value notice, poster;
};

struct build_pdfs {
	const struct site *s;
	struct date today;
	struct output *o;
	struct pdf_renderer *r;
	struct pdf_commons common;
	struct booklet_members members;
	struct volume_plan plan;
	struct manifest *m;
	struct pdf_job *jobs;
	size_t njobs, cap;
	unsigned char *made; /* 1 made, 2 carried over, 3 the disk failed */
};

static int pdf_job_run(void *arg, size_t i, diags *d)
{
	struct build_pdfs *p = arg;
	const struct pdf_job *j = &p->jobs[i];
	buf pdf = BUF_INIT;
	int rc = manifest_reuse(p->m, p->o, j->path, j->hash, d);

	if (rc == 1) {
		p->made[i] = 2;
		return 0;
	}
	if (rc == 0) {
		switch (j->kind) {
		case PDF_NOTICE:
			rc = pdf_render_notice(p->r, j->index, &pdf, d);
			break;
		case PDF_BOOKLET:
			rc = pdf_render_booklet_volume(p->r, &j->vol, &pdf, d);
			break;
		case PDF_POSTER:
			rc = pdf_render_poster(p->r, j->index, &pdf, d);
			break;
		case PDF_POSTER_BOOKLET:
			rc = pdf_render_poster_volume(p->r, &j->vol, &pdf, d);
			break;
		}
	}
	if (rc == 0)
		rc = output_write(p->o, j->path, pdf.data ? pdf.data : "", pdf.len, d);
	p->made[i] = rc == 0 ? 1 : rc == PDF_IO_FAILED ? 3 : 0;
	buf_free(&pdf);
	return rc;
}

/* A font as site.yaml names it: its name, and the size and time of the
 * file wherever it may be found. */
static void hash_font(struct hash *h, const struct site *s, const struct font_spec *f)
{
	struct stat st;
	buf path = BUF_INIT;

	hash_str(h, f->path);
	hash_num(h, f->index);
	if (f->path == NULL)
		return;
	buf_printf(&path, "%s%s", f->path[0] == '/' ? "" : s->prefix ? s->prefix : "", f->path);
	if (stat(path.data, &st) == 0) {
		hash_num(h, (long long)st.st_size);
		hash_num(h, (long long)st.st_mtime);
	}
	buf_free(&path);
}

/* What every notice shows besides its own community: what every
 * community page does too (hash_site_common), the theme's notice.yaml
 * and the fonts. */
static struct hash_value notice_common(const struct site *s, struct date today,
				       const char *notice, size_t len)
{
	struct hash h;

	hash_init(&h);
	hash_site_common(&h, s, today);
	/* As hash_file hashes the file it was read from. */
	hash_str(&h, "(file)");
	hash_bytes(&h, notice, len);
	hash_num(&h, 0);
	hash_font(&h, s, &s->config.pdf.song);
	hash_font(&h, s, &s->config.pdf.hei);
	hash_font(&h, s, &s->config.pdf.kai);
	hash_font(&h, s, &s->config.pdf.fangsong);
	hash_font(&h, s, &s->config.pdf.biaosong);
	for (size_t i = 0; i < s->config.pdf.nfallback; i++)
		hash_font(&h, s, &s->config.pdf.fallback[i]);
	return hash_final(&h);
}

/* What every poster shows besides its community: what every notice does
 * and the theme's poster.yaml (site.yaml, with poster.size, is in
 * hash_site_common). */
static struct hash_value poster_common(struct hash_value common, const char *poster,
				       size_t len)
{
	struct hash h;

	hash_init(&h);
	hash_str(&h, "poster-common");
	hash_value_add(&h, common);
	hash_str(&h, "(file)");
	hash_bytes(&h, poster, len);
	hash_num(&h, 0);
	return hash_final(&h);
}

/* Everything of community `ci` a notice (`what` "notice") or a poster
 * ("poster") can show. */
static struct hash_value community_pdf_hash(const struct site *s, const char *what,
					    struct hash_value common, size_t ci)
{
	struct hash h;

	hash_init(&h);
	hash_str(&h, what);
	hash_value_add(&h, common);
	hash_site_community(&h, &s->communities[ci]);
	return hash_final(&h);
}

static struct pdf_job *add_pdf_job(struct build_pdfs *b, enum pdf_kind kind, size_t index,
				   char *path, struct hash_value hash)
{
	struct pdf_job *j;

	b->jobs = xgrow(b->jobs, &b->cap, b->njobs + 1, sizeof(*b->jobs));
	j = &b->jobs[b->njobs++];
	memset(j, 0, sizeof(*j));
	j->kind = kind;
	j->index = index;
	j->path = path;
	j->hash = hash;
	return j;
}

/* The volumes `vl` of subdistrict `u`'s booklet (`kind` PDF_BOOKLET or
 * PDF_POSTER_BOOKLET), each keyed by the PDFs hashed `member` of its own
 * communities: an edit re-makes only its community's volume (unless it
 * moves the split). */
static void plan_booklet(struct build_pdfs *b, size_t u, enum pdf_kind kind,
			 const struct volume_list *vl, struct hash_value common,
			 const struct hash_value *member)
{
	const size_t *of = b->members.of + b->members.at[u];

	for (size_t k = 0; k < vl->n; k++) {
		const struct volume *v = &vl->v[k];
		char *path = build_volume_path(b->s, u, kind == PDF_POSTER_BOOKLET, k, vl->n);
		struct pdf_job *j;
		struct hash h;

		hash_init(&h);
		hash_str(&h, kind == PDF_BOOKLET ? "booklet" : "poster-booklet");
		hash_value_add(&h, common);
		hash_num(&h, (long long)u);
		hash_num(&h, (long long)vl->n);
		hash_num(&h, (long long)v->first);
		for (size_t i = 0; i < v->n; i++)
			hash_value_add(&h, member[of[v->first + i]]);
		j = add_pdf_job(b, kind, u, path, hash_final(&h));
		j->vol.unit = u;
		j->vol.members = of + v->first;
		j->vol.n = v->n;
		j->vol.first = v->first;
		j->vol.number = k + 1;
		j->vol.count = vl->n;
		j->vol.path = j->path;
	}
}

/* The notices, posters and their booklets' volumes of this shard, each
 * with its input hash; a volume is made of its communities' PDFs. */
static void plan_pdfs(struct build_pdfs *b, const struct shard *sh)
{
	const struct site *s = b->s;
	struct hash_value *nh = xcalloc(2 * s->ncommunities + 1, sizeof(*nh)), *ph = nh + s->ncommunities;
	buf path = BUF_INIT;

	for (size_t i = 0; i < s->ncommunities; i++) {
		nh[i] = community_pdf_hash(s, "notice", b->common.notice, i);
		ph[i] = community_pdf_hash(s, "poster", b->common.poster, i);
		if ((sh && !shard_has_record(sh, s->communities[i].id)) ||
		    !site_community_has_notice(s, &s->communities[i]))
			continue;
		buf_printf(&path, "communities/%s/notice.pdf", s->communities[i].id);
		add_pdf_job(b, PDF_NOTICE, i, buf_detach(&path), nh[i]);
		buf_printf(&path, "communities/%s/poster.pdf", s->communities[i].id);
		add_pdf_job(b, PDF_POSTER, i, buf_detach(&path), ph[i]);
	}
	for (size_t u = 0; u < s->nunits; u++) {
		if (s->units[u].kind != UNIT_SUBDISTRICT ||
		    (sh && !shard_has_record(sh, s->units[u].id)))
			continue;
		plan_booklet(b, u, PDF_BOOKLET, &b->plan.notices[u], b->common.notice, nh);
		plan_booklet(b, u, PDF_POSTER_BOOKLET, &b->plan.posters[u], b->common.poster, ph);
	}
	free(nh);
	buf_free(&path);
}

/* The PDF renderer with the theme's notice.yaml and poster.yaml, and
 * the hashes of what every notice and every poster shows; NULL after an
 * error. */
static struct pdf_renderer *open_renderer(const struct site *s, struct date today,
					  diags *d, struct pdf_commons *common)
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
		common->notice = notice_common(s, today, notice, len);
		common->poster = poster_common(common->notice, poster, plen);
	}
	theme_src_close(&ts);
	free(notice);
	free(display);
	free(poster);
	free(pdisplay);
	return r;
}

struct build_pdfs *build_pdfs_open(const struct site *s, struct date today,
				   struct output *o, unsigned jobs, diags *d)
{
	struct build_pdfs *b = xcalloc(1, sizeof(*b));

	b->s = s;
	b->today = today;
	b->o = o;
	b->r = open_renderer(s, today, d, &b->common);
	if (b->r == NULL) {
		free(b);
		return NULL;
	}
	pdf_renderer_set_scratch(b->r, output_scratch_dir(o));
	build_volumes_plan(b->r, s, jobs, &b->members, &b->plan);
	return b;
}

const struct volume_plan *build_pdfs_volumes(const struct build_pdfs *b)
{
	return &b->plan;
}

int build_pdfs_render(struct build_pdfs *b, struct manifest *m, const struct shard *sh,
		      unsigned jobs, struct progress *progress, diags *d,
		      size_t *all, size_t *made)
{
	int rc;

	b->m = m;
	plan_pdfs(b, sh);
	b->made = xcalloc(b->njobs + 1, 1);
	progress_phase(progress, "生成 PDF", b->njobs);
	rc = pool_run_progress(jobs, b->njobs, 1, pdf_job_run, b, progress, d);
	for (size_t i = 0; i < b->njobs; i++) {
		*all += b->made[i] == 1 || b->made[i] == 2;
		*made += b->made[i] == 1;
		if (b->made[i] == 3)
			rc = -2;
	}
	return rc;
}

void build_pdfs_free(struct build_pdfs *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->njobs; i++)
		free(b->jobs[i].path);
	free(b->jobs);
	free(b->made);
	free(b->members.of);
	free(b->members.at);
	volume_plan_free(&b->plan);
	pdf_renderer_free(b->r);
	free(b);
}
