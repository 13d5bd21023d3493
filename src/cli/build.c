/* gongshi build: load, validate, render the website and the notices into
 * a temporary folder, and swap it into place only if all went well. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "write/manifest.h"
#include "write/output.h"
#include "write/output_lock.h"
#include "write/output_owner.h"
#include "write/content_record.h"
#include "write/photo_cache.h"
#include "write/place.h"
#include "write/pool.h"
#include "write/progress.h"
#include "write/run.h"
#include "plan/pages.h"
#include "plan/shard.h"
#include "cli/build_pdfs.h"
#include "cli/build_photos.h"
#include "cli/commands.h"
#include "cli/report.h"
#include "html/html.h"
#include "load/photo_header.h"
#include "load/theme_dir.h"
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
	struct date as_of;	/* --as-of: the progress report's date */
	struct photo_cache *photos; /* what the last build knew of the photos */
	struct content_record *content; /* and of content/'s folders of photos */
};

struct build_counts {
	size_t pages, pages_made, pdfs, pdfs_made;
	unsigned long long bytes; /* written */
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

static int print_context(const struct site *s, const char *page, int no_pdf, diags *d)
{
	buf json = BUF_INIT;
	int rc = html_page_context(s, build_today(s), page, no_pdf, &json, d);

	if (rc == 0)
		fwrite(json.data, 1, json.len, stdout), putchar('\n');
	buf_free(&json);
	return rc;
}

/* The renderers of one build and the plan of its outputs: the website's
 * first, then the PDFs' (those of this shard only). */
struct build_run {
	struct build_pdfs *pdfs;	/* NULL with --no-pdf */
	struct build_photos *photos;
	struct plan_photo_hashes photo_hashes; /* through photos */
	struct html_renderer *html;
	struct plan_pages pages;	/* the website's pages, planned */
	struct plan plan;
	size_t html_end;		/* the website's outputs: plan.v[0 ..] */
	struct plan_renderer table[OUTPUT_KINDS];
};

/* Opens the renderers and plans the outputs.  -1 after diagnostics.
 * The booklets' volumes are decided first: the pages link them. */
static int build_run_open(struct build_run *br, const struct site *s, struct output *o,
			  const struct build_plan *bp, diags *d)
{
	const struct shard *sh = bp->shard.on ? &bp->shard : NULL;
	struct html_options ho = { bp->jobs, bp->no_pdf, bp->manifest != NULL, NULL, NULL };
	struct plan_page_keys keys = { { 0, 0 }, bp->no_pdf };

	memset(br, 0, sizeof(*br));
	plan_pages_make(&br->pages, s, build_today(s));
	br->photos = build_photos_open(s, bp->photos);
	br->photo_hashes = build_photos_hashes(br->photos);
	if (!bp->no_pdf) {
		/* Page counts are read from the last output only when this
		 * program made it (not after --force). */
		const char *last = bp->manifest && manifest_usable(bp->manifest)
					   ? manifest_out_dir(bp->manifest) : NULL;

		struct build_pdfs_from from = { last, bp->jobs, &br->photo_hashes };

		br->pdfs = build_pdfs_open(s, build_today(s), o, &from, d);
		if (br->pdfs == NULL)
			return -1;
		if (bp->verbose) {
			progress_clear(bp->progress);
			build_pdfs_print_counts(br->pdfs);
		}
		ho.volumes = build_pdfs_volumes(br->pdfs);
	}
	/* The search index is updated from the last output's cache when
	 * this build may take its files. */
	if (bp->manifest && manifest_usable(bp->manifest) && sh == NULL)
		ho.last_output = manifest_out_dir(bp->manifest);
	br->html = html_renderer_open(&br->pages, &ho, d);
	if (br->html == NULL)
		return -1;
	html_renderer_plan_shared(br->html, &br->plan, sh);
	/* A community's page is keyed by the plan, from the model and the
	 * theme: only when there is a manifest to compare keys with. */
	keys.theme = html_renderer_theme_key(br->html);
	plan_pages_add(&br->plan, &br->pages, sh, ho.keyed ? &keys : NULL);
	/* The photos belong to the website: made with or without PDFs, by
	 * the shards that write records. */
	if (!(sh && sh->index))
		build_photos_plan(br->photos, &br->plan, sh, bp->jobs);
	br->html_end = br->plan.n;
	if (br->pdfs && !(sh && sh->index)) {
		build_pdfs_as_of(br->pdfs, bp->as_of);
		build_pdfs_plan(br->pdfs, &br->plan, sh);
	}
	/* Every photo's hash has been asked: what is known is kept, and
	 * so are the folders the walk found holding nothing. */
	if (build_photos_keep(br->photos, o, d) < 0 ||
	    (!(sh && sh->index) && content_record_write(bp->content, &s->quiet_folders, o, d) < 0))
		return -1;
	if (bp->verbose) {
		progress_clear(bp->progress);
		build_photos_print_counts(br->photos);
		printf("content/ 中只有照片的目录：%zu 个读取了目录，%zu 个用上次构建记下的结果（%s）\n",
		       s->quiet_folders.n - content_record_known(bp->content),
		       content_record_known(bp->content), CONTENT_RECORD_NAME);
	}
	for (int k = OUTPUT_SEARCH; k <= OUTPUT_PAGE; k++)
		br->table[k] = html_renderer_functions(br->html);
	br->table[OUTPUT_PHOTO] = build_photos_functions(br->photos);
	for (int k = OUTPUT_NOTICE; k < OUTPUT_KINDS && br->pdfs; k++)
		br->table[k] = build_pdfs_functions(br->pdfs);
	return 0;
}

static void build_run_close(struct build_run *br)
{
	plan_free(&br->plan);
	html_renderer_close(br->html);
	plan_pages_free(&br->pages);
	build_photos_free(br->photos);
	build_pdfs_free(br->pdfs);
}

/* The writer runs the plan: the pages, then the PDFs.  0, -1, or -2
 * when the disk failed (EXIT_IO rather than EXIT_INPUT). */
static int run_plan(struct build_run *br, struct output *o, struct build_plan *bp, diags *d,
		    struct build_counts *n)
{
	struct write_run w = { br->table, o, bp->manifest, bp->progress, "生成页面", bp->jobs, 0 };
	struct write_counts pages = { 0, 0 }, pdfs = { 0, 0 };
	int rc = write_run_plan(&w, &br->plan, 0, br->html_end, &pages, d);

	phase_done(bp, "生成网页");
	if (rc == 0 && br->pdfs) {
		w.phase = "生成 PDF";
		w.stop = 1;
		rc = write_run_plan(&w, &br->plan, br->html_end, br->plan.n, &pdfs, d);
		phase_done(bp, "生成 PDF 公示");
	}
	n->pages = pages.all;
	n->pages_made = pages.made;
	n->pdfs = pdfs.all;
	n->pdfs_made = pdfs.made;
	return rc;
}

/* Renders into a new output folder; EXIT_OK, EXIT_INPUT or EXIT_IO. */
static int render(const struct site *s, const char *out_dir, struct build_plan *bp,
		  diags *d, struct build_counts *n)
{
	struct output *o = output_begin(out_dir, bp->spare, d);
	struct build_run br;
	int rc;

	if (o == NULL)
		return EXIT_IO;
	/* The files this build makes are mostly those of the live output,
	 * whose manifest holds their paths (and lives until the output is
	 * committed).  Updating the spare, the files it keeps by their
	 * folder's record are not noted (manifest_reuse): the list is sized
	 * for the others, not for 610,000 at 55,000 communities × 10 photos. */
	if (manifest_usable(bp->manifest)) {
		const struct listing *old = manifest_files(bp->manifest);

		output_share_paths(o, old);
		output_expect(o, output_in_place(o) ? manifest_spare_noted(bp->manifest)
						    : listing_count(old), 0);
	}
	rc = build_run_open(&br, s, o, bp, d);
	if (rc == 0)
		rc = run_plan(&br, o, bp, d, n);
	else
		phase_done(bp, "生成网页");
	if (rc == 0 && output_in_place(o))
		rc = output_prune(o, manifest_spare_files(bp->manifest),
				  manifest_spare_kept(bp->manifest), d);
	build_run_close(&br);
	if (rc < 0 || manifest_write(bp->manifest, o, d) < 0) {
		/* A failed write is an I/O error, a bad template an input one. */
		int status = output_failed(o) || rc == -2 ? EXIT_IO : EXIT_INPUT;
		output_abort(o);
		return status;
	}
	n->bytes = output_bytes(o);
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
	double seconds;		/* the reads took, for --verbose; <0: none */
};

static void read_manifests(struct early_manifest *e)
{
	struct timespec t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	e->m = manifest_open(e->out_dir, e->force);
	e->spare_rc = -1;
	/* Checking the spare walks its whole tree (manifest_open_spare):
	 * on a big site the larger part of this thread's time. */
	if (e->spare_dir && manifest_usable(e->m))
		e->spare_rc = manifest_open_spare(e->m, e->spare_dir);
	e->seconds = seconds_since(&t0);
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
		      struct early_manifest *e, diags *d, struct build_counts *n)
{
	int status;

	bp->jobs = o->jobs ? o->jobs : pool_cpus();
	bp->no_pdf = o->no_pdf;
	bp->shard = o->shard;
	bp->as_of = o->as_of;
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
	status = render(s, e->out_dir, bp, d, n);
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
	struct build_counts n = { 0, 0, 0, 0, 0 };
	struct build_plan bp = { 0 };
	struct early_manifest e = { .seconds = -1 };
	buf out_dir = BUF_INIT, spare = BUF_INIT;
	struct photo_header_cache known;
	struct content_folder_cache quiet;
	struct model_load_options load = { o->jobs ? o->jobs : pool_cpus(), NULL, NULL };
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
		/* The photos' headers are read while the site loads: those the
		 * last build read are not read again (write/photo_cache.h). */
		bp.photos = photo_cache_open(out_dir.data, o->force);
		known = photo_cache_headers(bp.photos);
		load.photo_headers = &known;
		/* And content/'s folders of photos the last build listed are
		 * not listed again (write/content_record.h). */
		bp.content = content_record_open(out_dir.data, o->force);
		quiet = content_record_cache(bp.content);
		load.content_folders = &quiet;
	}
	s = model_load_with(o->site_dir, &load, &d);
	if (bp.content)
		content_record_forget(bp.content);
	early_manifest_join(&e);
	if (o->release && s)
		release_check(s, &d);
	phase_done(&bp, "读取和检查数据");
	/* Within that phase, on its own thread: where the edit of a big site
	 * spends its time (docs/performance.md). */
	if (o->verbose && e.seconds >= 0 && !o->context_page)
		printf("（其中同时读取上次的清单、检查备用目录：%.2f 秒）\n", e.seconds);
	if (o->strict)
		diags_promote_warnings(&d);
	if (d.errors == 0 && o->context_page) {
		status = print_context(s, o->context_page, o->no_pdf, &d) == 0 ? EXIT_OK : EXIT_INPUT;
	} else if (d.errors == 0) {
		status = build_site(s, o, &bp, &e, &d, &n);
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
		printf("，共 %llu 字节，用时 %.2f 秒\n", n.bytes, seconds_since(&t0));
	}
	site_free(s);
	diags_free(&d);
	manifest_free(e.m);
	photo_cache_free(bp.photos);
	content_record_free(bp.content);
	buf_free(&out_dir);
	buf_free(&spare);
	return status;
}
