/* gongshi build: load, validate, render the website and the notices into
 * a temporary folder, and swap it into place only if all went well. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "build/hash.h"
#include "build/hash_site.h"
#include "build/manifest.h"
#include "build/output.h"
#include "build/output_lock.h"
#include "build/output_owner.h"
#include "build/place.h"
#include "build/pool.h"
#include "build/progress.h"
#include "build/shard.h"
#include "cli/commands.h"
#include "cli/report.h"
#include "html/html.h"
#include "build/theme_dir.h"
#include "load/date.h"
#include "model/release.h"
#include "pdf/pdf.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* How this build goes, from the command line. */
struct build_plan {
	unsigned jobs;
	int no_pdf;
	struct shard shard;
	struct manifest *manifest;
	const char *spare;	/* the spare to update, or NULL (output.h) */
	int keep_old;		/* the old output becomes the next spare */
	struct progress *progress; /* NULL unless stderr is a terminal */
	int verbose;
	struct timespec lap;	/* when the last phase ended, for --verbose */
};

struct build_counts {
	size_t pages, pages_made, pdfs, pdfs_made;
};

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* --verbose: "读取和检查数据：0.52 秒", one line per phase as it ends. */
static void phase_done(struct build_plan *bp, const char *what)
{
	if (!bp->verbose)
		return;
	progress_clear(bp->progress);
	printf("%s：%.2f 秒\n", what, seconds_since(&bp->lap));
	fflush(stdout);
	clock_gettime(CLOCK_MONOTONIC, &bp->lap);
}

static struct date build_today(const struct site *s)
{
	return s->config.today.year ? s->config.today : date_today();
}

/* What a PDF job makes: a community's notice or poster (公示牌), or a
 * subdistrict's booklet of either. */
enum pdf_kind { PDF_NOTICE, PDF_BOOKLET, PDF_POSTER, PDF_POSTER_BOOKLET };

/* One PDF to make. */
struct pdf_job {
	enum pdf_kind kind;
	size_t index;	/* community or unit */
	char *path;	/* owned */
	struct hash_value hash;
};

struct pdf_run {
	struct pdf_renderer *r;
	struct output *o;
	struct manifest *m;
	struct pdf_job *jobs;
	unsigned char *made; /* 1 made, 2 carried over, 3 the disk failed */
};

static int pdf_job_run(void *arg, size_t i, diags *d)
{
	struct pdf_run *p = arg;
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
			rc = pdf_render_booklet(p->r, j->index, &pdf, d);
			break;
		case PDF_POSTER:
			rc = pdf_render_poster(p->r, j->index, &pdf, d);
			break;
		case PDF_POSTER_BOOKLET:
			rc = pdf_render_poster_booklet(p->r, j->index, &pdf, d);
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
static struct hash_value notice_common(const struct site *s, const char *notice,
					size_t len)
{
	struct hash h;

	hash_init(&h);
	hash_site_common(&h, s, build_today(s));
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

static void add_pdf_job(struct pdf_job **v, size_t *n, size_t *cap, enum pdf_kind kind,
			size_t index, char *path, struct hash_value hash)
{
	*v = xgrow(*v, cap, *n + 1, sizeof(**v));
	(*v)[*n].kind = kind;
	(*v)[*n].index = index;
	(*v)[*n].path = path;
	(*v)[*n].hash = hash;
	(*n)++;
}

struct pdf_commons { /* what every notice, every poster shows */
	struct hash_value notice, poster;
};

/* The booklet (`kind` PDF_BOOKLET or PDF_POSTER_BOOKLET) of subdistrict
 * `u`, made of the PDFs hashed `member` of its communities with a notice;
 * none for a subdistrict without any (nothing would be written). */
static void plan_booklet(const struct site *s, size_t u, enum pdf_kind kind,
			 struct hash_value common, const struct hash_value *member,
			 struct pdf_job **jobs, size_t *n, size_t *cap)
{
	struct hash h;
	size_t members = 0;
	buf path = BUF_INIT;

	hash_init(&h);
	hash_str(&h, kind == PDF_BOOKLET ? "booklet" : "poster-booklet");
	hash_value_add(&h, common);
	hash_num(&h, (long long)u);
	for (size_t i = 0; i < s->ncommunities; i++) {
		if (s->communities[i].subdistrict != u ||
		    !site_community_has_notice(s, &s->communities[i]))
			continue;
		hash_value_add(&h, member[i]);
		members++;
	}
	buf_printf(&path, "notices/%s%s.pdf", s->units[u].id, kind == PDF_BOOKLET ? "" : "-posters");
	if (members > 0)
		add_pdf_job(jobs, n, cap, kind, u, buf_detach(&path), hash_final(&h));
	buf_free(&path);
}

/* The notices, posters and their booklets of this shard, each with its
 * input hash; a booklet is made of its communities' PDFs. */
static size_t plan_pdfs(const struct site *s, const struct shard *sh,
			const struct pdf_commons *common, struct pdf_job **jobs)
{
	struct hash_value *nh = xcalloc(2 * s->ncommunities + 1, sizeof(*nh)), *ph = nh + s->ncommunities;
	size_t n = 0, cap = 0;
	buf path = BUF_INIT;

	for (size_t i = 0; i < s->ncommunities; i++) {
		nh[i] = community_pdf_hash(s, "notice", common->notice, i);
		ph[i] = community_pdf_hash(s, "poster", common->poster, i);
		if (!shard_has_record(sh, s->communities[i].id) ||
		    !site_community_has_notice(s, &s->communities[i]))
			continue;
		buf_printf(&path, "communities/%s/notice.pdf", s->communities[i].id);
		add_pdf_job(jobs, &n, &cap, PDF_NOTICE, i, buf_detach(&path), nh[i]);
		buf_printf(&path, "communities/%s/poster.pdf", s->communities[i].id);
		add_pdf_job(jobs, &n, &cap, PDF_POSTER, i, buf_detach(&path), ph[i]);
	}
	for (size_t u = 0; u < s->nunits; u++) {
		if (s->units[u].kind != UNIT_SUBDISTRICT || !shard_has_record(sh, s->units[u].id))
			continue;
		plan_booklet(s, u, PDF_BOOKLET, common->notice, nh, jobs, &n, &cap);
		plan_booklet(s, u, PDF_POSTER_BOOKLET, common->poster, ph, jobs, &n, &cap);
	}
	free(nh);
	buf_free(&path);
	return n;
}

/* The PDF renderer with the theme's notice.yaml and poster.yaml, and
 * the hashes of what every notice and every poster shows; NULL after an
 * error. */
static struct pdf_renderer *open_renderer(const struct site *s, diags *d,
					  struct pdf_commons *common)
{
	struct theme_src ts;
	struct pdf_renderer *r = NULL;
	char *notice = NULL, *display = NULL, *poster = NULL, *pdisplay = NULL;
	size_t len = 0, plen = 0;

	if (theme_src_open(&ts, s, d) == 0 &&
	    theme_src_notice(&ts, d, &notice, &len, &display) == 0 &&
	    theme_src_poster(&ts, d, &poster, &plen, &pdisplay) == 0) {
		r = pdf_renderer_new(s, notice, len, display, d);
		if (r && pdf_renderer_poster(r, poster, plen, pdisplay, d) < 0) {
			pdf_renderer_free(r);
			r = NULL;
		}
		common->notice = notice_common(s, notice, len);
		common->poster = poster_common(common->notice, poster, plen);
	}
	theme_src_close(&ts);
	free(notice);
	free(display);
	free(poster);
	free(pdisplay);
	return r;
}

/* One notice and one poster per community, a booklet of each per
 * subdistrict that has any;
 * those of this shard only, carried over when their inputs are unchanged.
 * 0, -1, or -2 when the disk failed (EXIT_IO rather than EXIT_INPUT). */
static int render_pdfs(const struct site *s, struct output *o, const struct build_plan *bp,
		       diags *d, struct build_counts *n)
{
	struct pdf_run p = { NULL, o, bp->manifest, NULL, NULL };
	struct pdf_commons common;
	size_t njobs;
	int rc;

	if (bp->no_pdf || (bp->shard.on && bp->shard.index))
		return 0;
	if ((p.r = open_renderer(s, d, &common)) == NULL)
		return -1;
	pdf_renderer_set_scratch(p.r, output_scratch_dir(o));
	njobs = plan_pdfs(s, &bp->shard, &common, &p.jobs);
	p.made = xcalloc(njobs + 1, 1);
	progress_phase(bp->progress, "生成 PDF", njobs);
	rc = pool_run_progress(bp->jobs, njobs, 1, pdf_job_run, &p, bp->progress, d);
	for (size_t i = 0; i < njobs; i++) {
		n->pdfs += p.made[i] == 1 || p.made[i] == 2;
		n->pdfs_made += p.made[i] == 1;
		if (p.made[i] == 3)
			rc = -2;
		free(p.jobs[i].path);
	}
	free(p.jobs);
	free(p.made);
	pdf_renderer_free(p.r);
	return rc;
}

static int print_context(const struct site *s, const char *page, int no_pdf, diags *d)
{
	buf json = BUF_INIT;
	int rc = html_page_context(s, build_today(s), page, no_pdf, &json, d);

	if (rc == 0)
		fwrite(json.data, 1, json.len, stdout), putchar('\n');
	buf_free(&json);
	return rc;
}

/* Renders into a new output folder; EXIT_OK, EXIT_INPUT or EXIT_IO. */
static int render(const struct site *s, const char *out_dir, struct build_plan *bp,
		  diags *d, struct build_counts *n, unsigned long long *bytes)
{
	struct output *o = output_begin(out_dir, bp->spare, d);
	struct html_options ho = { bp->jobs, bp->no_pdf, bp->shard.on ? &bp->shard : NULL,
				   bp->manifest, bp->progress };
	struct html_counts hc = { 0, 0 };
	int rc;

	if (o == NULL)
		return EXIT_IO;
	if (output_in_place(o)) {
		const char *const *old;

		output_expect(o, manifest_spare_paths(bp->manifest, &old));
	}
	rc = html_render_site_with(s, build_today(s), o, &ho, d, &hc);
	n->pages = hc.pages;
	n->pages_made = hc.rendered;
	phase_done(bp, "生成网页");
	if (rc == 0) {
		rc = render_pdfs(s, o, bp, d, n);
		if (!bp->no_pdf)
			phase_done(bp, "生成 PDF 公示");
	}
	if (rc == 0 && output_in_place(o)) {
		const char *const *old;
		size_t nold = manifest_spare_paths(bp->manifest, &old);

		rc = output_prune(o, old, nold, d);
	}
	if (rc < 0 || manifest_write(bp->manifest, o, d) < 0) {
		/* A failed write is an I/O error, a bad template an input one. */
		int status = output_failed(o) || rc == -2 ? EXIT_IO : EXIT_INPUT;
		output_abort(o);
		return status;
	}
	*bytes = output_bytes(o);
	progress_clear(bp->progress);
	rc = output_commit(o, bp->keep_old && manifest_complete(bp->manifest), d);
	phase_done(bp, "替换输出目录");
	return rc == 0 ? EXIT_OK : EXIT_IO;
}

/* "92 个页面" or, when some were carried over, "92 个页面（重新生成 3 个）". */
static void print_count(size_t all, size_t made, const char *what)
{
	printf("%zu 个%s", all, what);
	if (made < all)
		printf("（重新生成 %zu 个）", made);
}

/* The manifests of the output and of its spare, read on a thread of
 * their own while the model loads: on a big site they are two files of
 * megabytes to index, and the load leaves a core idle much of the
 * time.  Reading changes nothing on disk; what the reads decide
 * (removing a stale spare, recovering a killed build) is done after the
 * load as before. */
struct early_manifest {
	const char *out_dir;
	const char *spare_dir;	/* NULL: no spare wanted */
	int force;
	struct manifest *m;
	int spare_rc;		/* manifest_open_spare's; -1 when not read */
	pthread_t thread;
	int started;
};

static void read_manifests(struct early_manifest *e)
{
	e->m = manifest_open(e->out_dir, e->force);
	e->spare_rc = -1;
	if (e->spare_dir && manifest_usable(e->m))
		e->spare_rc = manifest_open_spare(e->m, e->spare_dir);
}

static void *read_manifests_thread(void *arg)
{
	read_manifests(arg);
	return NULL;
}

static void early_manifest_start(struct early_manifest *e)
{
	e->started = pthread_create(&e->thread, NULL, read_manifests_thread, e) == 0;
}

/* Waits for the reads; the manifest is the caller's (manifest_free). */
static void early_manifest_join(struct early_manifest *e)
{
	if (e->started)
		pthread_join(e->thread, NULL);
	e->started = 0;
}

/* An incremental build keeps the output it replaces as the spare, and
 * updates the spare it finds rather than filling an empty one.  Not
 * after --force or a build by another program (the two folders would
 * share no files: twice the disk for nothing), nor for a shard.
 * `spare_rc` is what manifest_open_spare said of it. */
static void plan_spare(const struct options *o, const char *out_dir,
		       struct build_plan *bp, int spare_rc, const char *spare)
{
	bp->keep_old = !o->force && !bp->shard.on && manifest_usable(bp->manifest);
	if (!bp->keep_old)
		return;
	switch (spare_rc) {
	case 1:
		bp->spare = spare;
		break;
	case 0:
		/* gongshi's, by another version: it would never be used. */
		output_spare_discard(out_dir);
		break;
	default:
		break;
	}
}

/* The build proper, once the site loaded without errors; `e` holds the
 * manifests read meanwhile. */
static int build_site(const struct site *s, const struct options *o, struct build_plan *bp,
		      struct early_manifest *e, diags *d, struct build_counts *n,
		      unsigned long long *bytes)
{
	int status;

	bp->jobs = o->jobs ? o->jobs : pool_cpus();
	bp->no_pdf = o->no_pdf;
	bp->shard = o->shard;
	/* A build killed while swapping may have left the old output aside;
	 * put it back first, or its manifest is not found. */
	if (output_recover(e->out_dir, d) < 0)
		return EXIT_IO;
	/* Read early, the output's manifest is right unless recovery just
	 * put the output back: then there was none to read. */
	bp->manifest = e->m;
	e->m = NULL;
	if (!manifest_usable(bp->manifest)) {
		manifest_free(bp->manifest);
		read_manifests(e);
		bp->manifest = e->m;
		e->m = NULL;
	}
	plan_spare(o, e->out_dir, bp, e->spare_rc, e->spare_dir);
	bp->progress = o->quiet || o->json ? NULL : progress_open(stderr);
	status = render(s, e->out_dir, bp, d, n, bytes);
	progress_free(bp->progress);
	manifest_free(bp->manifest);
	return status;
}

/* Before anything is read: where the output goes (an output folder
 * among the inputs would be swapped over them; a link is followed to
 * its folder), one build at a time, and only into a folder gongshi made
 * or an empty one.  Fills `out_dir` and *lock (output_unlock); 0, or -1
 * with diagnostics. */
static int claim_output(const struct options *o, buf *out_dir, int *lock, diags *d)
{
	buf given = BUF_INIT;
	int rc = -1;

	/* An empty -o names nothing: said before any path is made of it. */
	if (o->out_dir && o->out_dir[0] == '\0')
		return place_check(o->out_dir, o->site_dir, d);
	if (o->out_dir)
		buf_puts(&given, o->out_dir);
	else
		buf_printf(&given, "%s/public", o->site_dir);
	/* Whose folder it is, before the lock file is made beside it (a
	 * refused folder gets nothing new next to it either), and again once
	 * the lock is held: the folder may have changed meanwhile. */
	if (place_check(given.data, o->site_dir, d) < 0 ||
	    place_target(given.data, out_dir, d) < 0 ||
	    output_owner_check(out_dir->data, d) < 0)
		goto out;
	*lock = output_lock(out_dir->data, !o->no_wait, d);
	if (*lock == -1)
		goto out;
	if (output_owner_check(out_dir->data, d) < 0) {
		output_unlock(*lock);
		*lock = -1;
		goto out;
	}
	rc = 0;
out:
	buf_free(&given);
	return rc;
}

int command_build(const struct options *o)
{
	diags d = DIAGS_INIT;
	struct site *s;
	struct timespec t0;
	struct build_counts n = { 0, 0, 0, 0 };
	struct build_plan bp = { 0 };
	struct early_manifest e = { 0 };
	buf out_dir = BUF_INIT, spare = BUF_INIT;
	unsigned long long bytes = 0;
	int status, lock = -1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	bp.lap = t0;
	bp.verbose = o->verbose;
	if (site_dir_require(o->site_dir) < 0)
		return EXIT_IO;
	if (!o->context_page && claim_output(o, &out_dir, &lock, &d) < 0) {
		report_diagnostics(&d, 0, o->json);
		diags_free(&d);
		buf_free(&out_dir);
		return EXIT_IO;
	}
	if (!o->context_page) {
		output_spare_path(out_dir.data, &spare);
		e.out_dir = out_dir.data;
		e.spare_dir = o->force || o->shard.on ? NULL : spare.data;
		e.force = o->force;
		early_manifest_start(&e);
	}
	s = model_load_jobs(o->site_dir, o->jobs ? o->jobs : pool_cpus(), &d);
	early_manifest_join(&e);
	if (o->release && s)
		release_check(s, &d);
	phase_done(&bp, "读取和检查数据");
	if (o->strict)
		diags_promote_warnings(&d);
	if (d.errors == 0 && o->context_page) {
		status = print_context(s, o->context_page, o->no_pdf, &d) == 0 ? EXIT_OK : EXIT_INPUT;
	} else if (d.errors == 0) {
		status = build_site(s, o, &bp, &e, &d, &n, &bytes);
	} else {
		status = EXIT_INPUT;
	}
	output_unlock(lock);
	if (report_diagnostics(&d, o->strict, o->json) != EXIT_OK && status == EXIT_OK)
		status = EXIT_INPUT;
	if (status == EXIT_OK && !o->context_page && !o->quiet && !o->json) {
		fputs("已生成 ", stdout);
		print_count(n.pages, n.pages_made, "页面");
		fputs("、", stdout);
		print_count(n.pdfs, n.pdfs_made, " PDF");
		printf("，共 %llu 字节，用时 %.2f 秒\n", bytes, seconds_since(&t0));
	}
	site_free(s);
	diags_free(&d);
	manifest_free(e.m);
	buf_free(&out_dir);
	buf_free(&spare);
	return status;
}
