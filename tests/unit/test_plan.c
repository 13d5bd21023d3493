/* The plan's PDF entries (plan/pdfs.c) on the example site: the paths
 * the pages link are the paths the plan writes, every community with a
 * notice has its notice and poster once, the booklets are planned only
 * for the subdistricts that have one, and the shards of --shard K/3
 * together hold exactly the unsharded plan; the photos' derivatives are
 * planned into room made once (plan_reserve), not doubled on the way. */
#include <stdlib.h>
#include <string.h>

#include "model/cycle.h"
#include "model/photo.h"
#include "model/progress.h"
#include "plan/pdfs.h"
#include "plan/photos.h"
#include "test.h"
#include "util/xalloc.h"

static const struct date today = { 2022, 6, 1 };

/* Each subdistrict's booklet in one volume of all its members. */
struct one_volume {
	struct booklet_members m;
	struct volume_plan vp;
};

static void one_volume_each(const struct site *s, struct one_volume *o)
{
	size_t total = 0;

	o->m.at = xcalloc(s->nunits + 1, sizeof(size_t));
	o->m.of = xcalloc(s->ncommunities + 1, sizeof(size_t));
	o->vp.nunits = s->nunits;
	o->vp.notices = xcalloc(s->nunits + 1, sizeof(struct volume_list));
	o->vp.posters = xcalloc(s->nunits + 1, sizeof(struct volume_list));
	for (size_t u = 0; u < s->nunits; u++) {
		size_t n = plan_booklet_members(s, u, o->m.of + total);

		o->m.at[u] = total;
		total += n;
		o->m.at[u + 1] = total;
		if (n == 0 || s->units[u].kind != UNIT_SUBDISTRICT)
			continue;
		o->vp.notices[u].v = xcalloc(1, sizeof(struct volume));
		o->vp.notices[u].v[0].n = n;
		o->vp.notices[u].n = 1;
		o->vp.posters[u].v = xcalloc(1, sizeof(struct volume));
		o->vp.posters[u].v[0].n = n;
		o->vp.posters[u].n = 1;
	}
}

static void make(const struct site *s, struct one_volume *o, const struct shard *sh,
		 struct plan *p)
{
	static const char notice[] = "notice", poster[] = "poster";
	struct plan_pdf_theme t = { notice, sizeof(notice) - 1, poster, sizeof(poster) - 1 };
	struct plan_pdf_inputs in = { s, { { 0, 0 }, { 0, 0 }, { 0, 0 }, NULL }, &o->m, &o->vp, sh, today, today,
				      NULL };

	plan_pdf_keys(s, today, &t, NULL, &in.keys);
	plan_pdfs(p, &in);
}

static const struct plan_output *find(const struct plan *p, const char *path)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->v[i].path, path) == 0)
			return &p->v[i];
	return NULL;
}

static void check_paths(const struct site *s, const struct plan *p)
{
	size_t lincheng = site_unit_index(s, "lincheng"), notices = 0;
	char *path;

	CHECK(lincheng != NO_INDEX);
	path = plan_volume_path(s, lincheng, 0, 0, 1);
	CHECK_STR(path, "notices/lincheng.pdf");
	CHECK(find(p, path) != NULL && find(p, path)->kind == OUTPUT_BOOKLET);
	free(path);
	path = plan_volume_path(s, lincheng, 1, 1, 3);
	CHECK_STR(path, "notices/lincheng-posters-2.pdf");
	free(path);
	CHECK(plan_has_booklet(s, lincheng));
	CHECK(!plan_has_booklet(s, site_unit_index(s, "zhujianju")));
	for (size_t c = 0; c < s->ncommunities; c++) {
		char *n = plan_notice_path(s, c), *q = plan_poster_path(s, c);
		const struct plan_output *o = find(p, n);

		CHECK(strncmp(n, "communities/", 12) == 0);
		/* A community has its notice and its poster, or neither. */
		CHECK((o != NULL) == plan_has_notice(s, c));
		CHECK((find(p, q) != NULL) == plan_has_notice(s, c));
		if (o) {
			CHECK(o->kind == OUTPUT_NOTICE && o->index == c && o->key_known);
			notices++;
		}
		free(n);
		free(q);
	}
	CHECK(notices > 0);
	for (size_t i = 0; i < p->n; i++)
		for (size_t k = 0; k < i; k++)
			CHECK(strcmp(p->v[i].path, p->v[k].path) != 0);
}

/* Shards 0/3, 1/3, 2/3: each output in exactly one, none missing. */
static void check_shards(const struct site *s, struct one_volume *o, const struct plan *all)
{
	size_t *seen = xcalloc(all->n + 1, sizeof(size_t));

	for (unsigned k = 0; k < 3; k++) {
		struct shard sh = { 1, 0, k, 3 };
		struct plan p = { 0 };

		make(s, o, &sh, &p);
		for (size_t i = 0; i < p.n; i++) {
			const struct plan_output *e = find(all, p.v[i].path);

			CHECK(e != NULL);
			if (e)
				seen[e - all->v]++;
		}
		plan_free(&p);
	}
	for (size_t i = 0; i < all->n; i++)
		CHECK_INT(seen[i], 1);
	free(seen);
}


/* --- The PDFs' keys follow what each paper shows (plan/pdfs.c). --- */

static int same(struct hash_value a, struct hash_value b)
{
	return a.hi == b.hi && a.lo == b.lo;
}

/* The key of the planned output at `path`, {0, 0} when none. */
static struct hash_value key_of(const struct plan *p, const char *path)
{
	const struct plan_output *o = find(p, path);

	return o ? o->key : (struct hash_value){ 0, 0 };
}

/* Each change gets the site and community `c`. */
typedef void (*key_change_fn)(struct site *s, size_t c);

static void posting_issuer(struct site *s, size_t c)
{
	s->postings[s->communities[c].posting_at].issuer = "改了的发布单位";
}

static void opinion_answer(struct site *s, size_t c)
{
	s->opinions[s->communities[c].opinion_at].answer = "改了的答复";
}

static void consent_agreed(struct site *s, size_t c)
{
	s->consents[s->communities[c].consent].agreed--;
}

static void report_percent(struct site *s, size_t c)
{
	const struct community *m = &s->communities[c];

	s->reports[m->report_at + m->nreports - 1].percent++;
}

static void page_title(struct site *s, size_t c)
{
	((struct page *)s->communities[c].page)->title = "新标题";
}

static void page_body(struct site *s, size_t c)
{
	((struct page *)s->communities[c].page)->body_md = "只有一句话。";
}

/* The photo notice.image puts on the notice (the design image). */
static struct photo *notice_photo(struct site *s, size_t c)
{
	return (struct photo *)photo_for_notice(s, &s->communities[c]);
}

static void photo_caption(struct site *s, size_t c) { notice_photo(s, c)->caption = "改了的说明"; }
static void photo_date(struct site *s, size_t c) { notice_photo(s, c)->date.day++; }

/* A day later: no paper shows the day of the build. */
static void tomorrow(struct site *s, size_t c)
{
	(void)c;
	s->config.today.day++;
}

/* What a change must do to each paper's key: 1 change, 0 keep. */
static const struct {
	const char *what;
	key_change_fn change;
	int notice, result;
	int image; /* notice.image (and so poster.image): design */
} key_changes[] = {
	{ "posting issuer", posting_issuer, 1, 1, 0 },
	{ "opinion answer", opinion_answer, 0, 1, 0 },
	{ "consent agreed", consent_agreed, 0, 1, 0 },
	{ "report percent", report_percent, 0, 0, 0 },
	{ "page title", page_title, 0, 0, 0 },
	{ "page body", page_body, 1, 0, 0 },
	{ "photo caption", photo_caption, 1, 0, 1 },
	{ "photo date", photo_date, 1, 0, 1 },
	{ "today", tomorrow, 0, 0, 0 },
};

/* 榆树新村: a content page, a result, opinions, consent, reports and a
 * design image. */
static void check_key_change(size_t k)
{
	diags d = DIAGS_INIT;
	struct site *s = model_load(".", &d);
	struct one_volume o;
	struct plan before = { 0 }, after = { 0 };
	size_t c;
	char *notice, *poster, *result;

	if (s == NULL || d.errors || (c = site_community_index(s, "yushu-xincun")) == NO_INDEX) {
		CHECK(!"the example site loads");
		site_free(s);
		diags_free(&d);
		return;
	}
	if (key_changes[k].image) /* poster.image follows, as config_load makes it */
		s->config.notice.image = s->config.poster.image = CONFIG_IMAGE_DESIGN;
	one_volume_each(s, &o);
	notice = plan_notice_path(s, c), poster = plan_poster_path(s, c);
	result = plan_result_path(s, c);
	make(s, &o, NULL, &before);
	key_changes[k].change(s, c);
	make(s, &o, NULL, &after);
	CHECK(find(&before, notice) && find(&before, result)); /* else it tests nothing */
	if (same(key_of(&before, notice), key_of(&after, notice)) == key_changes[k].notice ||
	    same(key_of(&before, poster), key_of(&after, poster)) == key_changes[k].notice ||
	    same(key_of(&before, result), key_of(&after, result)) == key_changes[k].result) {
		printf("  change \"%s\": notice %s, poster %s, result %s\n", key_changes[k].what,
		       same(key_of(&before, notice), key_of(&after, notice)) ? "kept" : "rekeyed",
		       same(key_of(&before, poster), key_of(&after, poster)) ? "kept" : "rekeyed",
		       same(key_of(&before, result), key_of(&after, result)) ? "kept" : "rekeyed");
		CHECK(!"each paper rekeyed when, and only when, it shows the change");
	}
	free(notice), free(poster), free(result);
	plan_free(&before);
	plan_free(&after);
	free(o.m.at);
	free(o.m.of);
	volume_plan_free(&o.vp);
	site_free(s);
	diags_free(&d);
}

/* The progress reports: one per date of progress.reports up to the
 * as-of day, and the as-of day's, each with its date. */
static void check_reports(const struct plan *p)
{
	static const char *const paths[] = { "notices/progress-2022-05-01.pdf",
					     "notices/progress-2022-05-16.pdf",
					     "notices/progress-2022-06-01.pdf" };
	size_t n = 0;

	for (size_t i = 0; i < p->n; i++)
		n += p->v[i].kind == OUTPUT_REPORT;
	CHECK_INT(n, 3);
	for (size_t i = 0; i < 3; i++) {
		const struct plan_output *o = find(p, paths[i]);
		char *again;

		CHECK(o != NULL && o->kind == OUTPUT_REPORT && !o->key_known);
		if (o == NULL)
			continue;
		again = plan_report_path(plan_report_date(o));
		CHECK_STR(again, paths[i]);
		free(again);
	}
}

/* The derivatives of every photo planned into room reserved once: the
 * array ends exactly full and never moves while it fills. */
static void check_photos_reserved(const struct site *s)
{
	struct plan p = { 0 };
	const struct plan_output *first;

	CHECK(s->nphotos > 0); /* else it tests nothing */
	plan_add(&p, OUTPUT_PAGE, 0, xstrdup("index.html"));
	plan_photos(&p, s, "recipe", NULL, NULL, 1);
	CHECK(p.n > s->nphotos);
	CHECK(p.cap == p.n);
	first = p.v;
	plan_reserve(&p, 0);
	CHECK(p.v == first && p.cap == p.n);
	plan_reserve(&p, 2);
	first = p.v;
	plan_add(&p, OUTPUT_PAGE, 1, xstrdup("a.html"));
	plan_add(&p, OUTPUT_PAGE, 2, xstrdup("b.html"));
	CHECK(p.v == first && p.cap == p.n);
	plan_free(&p);
}

/* The derivatives planned on 1, 2, 3 and 8 threads: the same entries in
 * the same order (each thread fills its own run of the reserved room),
 * every path packed and adopted by the plan, and more threads than
 * photos harmless. */
static void check_photos_threads(const struct site *s)
{
	struct plan one = { 0 };
	static const unsigned jobs[] = { 2, 3, 8 };

	plan_add(&one, OUTPUT_PAGE, 0, xstrdup("index.html"));
	plan_photos(&one, s, "recipe", NULL, NULL, 1);
	CHECK(one.n > s->nphotos + 1); /* several widths: else it tests little */
	for (size_t j = 0; j < sizeof(jobs) / sizeof(jobs[0]); j++) {
		struct plan p = { 0 };
		size_t same = 0;

		plan_add(&p, OUTPUT_PAGE, 0, xstrdup("index.html"));
		plan_photos(&p, s, "recipe", NULL, NULL, jobs[j]);
		CHECK_INT(p.n, one.n);
		for (size_t i = 1; i < p.n && i < one.n; i++)
			same += strcmp(p.v[i].path, one.v[i].path) == 0 && p.v[i].packed &&
				p.v[i].kind == OUTPUT_PHOTO && p.v[i].index == one.v[i].index &&
				p.v[i].round == one.v[i].round && p.v[i].key_known &&
				p.v[i].key.hi == one.v[i].key.hi && p.v[i].key.lo == one.v[i].key.lo;
		CHECK_INT(same, one.n - 1);
		plan_free(&p);
	}
	plan_free(&one);
}

/* plan_set_packed: paths copied end to end across pieces that never
 * move, a path longer than ARENA_PACK_LONG in one of its own, each
 * entry's path its own to the end, a path packed in another arena once
 * that arena is adopted (plan_adopt_paths empties it); plan_free frees
 * the pieces and no packed path (the ASan run of make check fails on a
 * bad free or a leak). */
static void check_packed_paths(void)
{
	struct plan p = { 0 };
	struct arena_pack other = { 0 };
	char path[64], *huge = malloc((1 << 20) + 10);
	size_t bad = 0, bytes = 0, apart = 0;

	plan_reserve(&p, 40003);
	for (uint32_t i = 0; i < 40000; i++) {
		snprintf(path, sizeof(path), "communities/c%u/photos/p%u-64.jpg", i / 10, i % 10);
		plan_set_packed(&p.v[p.n++], &p.paths, OUTPUT_PHOTO, i, path);
	}
	memset(huge, 'x', (1 << 20) + 9);
	huge[(1 << 20) + 9] = '\0';
	plan_set_packed(&p.v[p.n++], &p.paths, OUTPUT_PHOTO, 40000, huge);
	plan_add(&p, OUTPUT_PAGE, 40001, strdup("index.html"));
	plan_set_packed(&p.v[p.n++], &other, OUTPUT_PHOTO, 40002, "after/the/huge.jpg");
	plan_adopt_paths(&p, &other);
	CHECK(other.a == NULL);
	for (uint32_t i = 0; i < 40000; i++) {
		snprintf(path, sizeof(path), "communities/c%u/photos/p%u-64.jpg", i / 10, i % 10);
		bad += strcmp(p.v[i].path, path) != 0 || p.v[i].index != i || !p.v[i].packed;
		bytes += strlen(path) + 1;
		apart += i > 0 && p.v[i].path != p.v[i - 1].path + strlen(p.v[i - 1].path) + 1;
	}
	CHECK_INT(bad, 0);
	/* End to end: a path is not right after the one before only where a
	 * new piece began. */
	CHECK(apart <= bytes / ARENA_PACK_PIECE + 1);
	CHECK_STR(p.v[40000].path, huge);
	CHECK(p.v[40000].packed && !p.v[40001].packed);
	CHECK_STR(p.v[40002].path, "after/the/huge.jpg");
	CHECK_INT(sizeof(struct plan_output), sizeof(void *) == 8 ? 48 : sizeof(struct plan_output));
	plan_free(&p);
	free(huge);
}

int main(void)
{
	diags d = DIAGS_INIT;
	struct site *s = model_load(".", &d);
	struct one_volume o;
	struct plan p = { 0 };

	CHECK(s != NULL && d.errors == 0);
	if (s == NULL || d.errors)
		return test_done();
	one_volume_each(s, &o);
	make(s, &o, NULL, &p);
	check_paths(s, &p);
	check_reports(&p);
	check_shards(s, &o, &p);
	check_photos_reserved(s);
	check_photos_threads(s);
	plan_free(&p);
	free(o.m.at);
	free(o.m.of);
	volume_plan_free(&o.vp);
	site_free(s);
	diags_free(&d);
	for (size_t k = 0; k < sizeof(key_changes) / sizeof(key_changes[0]); k++)
		check_key_change(k);
	check_packed_paths();
	return test_done();
}
