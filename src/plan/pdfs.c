/* The PDFs' part of the plan: paths and keys (moved from cli/build_pdfs.c,
 * where they were decided beside the jobs that make them). */
#include "plan/pdfs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model/cycle.h"
#include "model/photo.h"
#include "model/progress.h"
#include "model/result.h"
#include "plan/hash_site.h"
#include "plan/photos.h"
#include "util/buf.h"
#include "util/xalloc.h"

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

/* What every paper is drawn with: the theme's notice.yaml (its style),
 * the fonts, the language its tags declare and the example's mark. */
static void hash_drawing(struct hash *h, const struct site *s, const char *notice, size_t len)
{
	/* As hash_file hashes the file it was read from. */
	hash_str(h, "(file)");
	hash_bytes(h, notice, len);
	hash_num(h, 0);
	hash_font(h, s, &s->config.pdf.song);
	hash_font(h, s, &s->config.pdf.hei);
	hash_font(h, s, &s->config.pdf.kai);
	hash_font(h, s, &s->config.pdf.fangsong);
	hash_font(h, s, &s->config.pdf.biaosong);
	for (size_t i = 0; i < s->config.pdf.nfallback; i++)
		hash_font(h, s, &s->config.pdf.fallback[i]);
	hash_str(h, s->config.language);
	hash_num(h, s->config.example);
}

/* What every notice shows besides its own community: what every
 * community page does too (hash_site_common) but the day of the build,
 * which no paper shows (a notice's status sentence only asks whether its
 * date has come: community_pdf_hash), and what it is drawn with. */
static struct hash_value notice_common(const struct site *s, const char *notice, size_t len)
{
	struct hash h;

	hash_init(&h);
	hash_site_common(&h, s, (struct date){ 0, 0, 0 });
	hash_drawing(&h, s, notice, len);
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

void plan_pdf_keys(const struct site *s, struct date today, const struct plan_pdf_theme *t,
		   const struct plan_photo_hashes *photos, struct plan_pdf_keys *k)
{
	struct hash h;

	k->photos = photos;
	/* The papers do not show the day of the build (notice_common). */
	(void)today;
	k->notice = notice_common(s, t->notice, t->notice_len);
	k->poster = poster_common(k->notice, t->poster, t->poster_len);
	/* A progress report is keyed by what it says (its words hashed in
	 * the renderer's prepare) and what it is drawn with, not by the rest
	 * of site.yaml: adding a date to progress.reports, or a new day,
	 * leaves the reports already issued as they were. */
	hash_init(&h);
	hash_str(&h, "report-drawing");
	hash_drawing(&h, s, t->notice, t->notice_len);
	k->report = hash_final(&h);
}

/* The picture site.yaml's notice.image (poster.image) puts on the notice
 * (poster): its bytes (a photo replaced under the same name changes the
 * paper: their hash, which `hashes` may know without reading them,
 * plan/photos.h) and the caption line printed with it. */
static void photo_key(struct hash *h, const struct site *s, const struct plan_photo_hashes *hashes,
		      const struct photo *ph)
{
	hash_num(h, ph != NULL);
	if (ph == NULL)
		return;
	/* Its line "图：caption（kind，date）" and its box's proportions. */
	hash_str(h, ph->caption);
	hash_num(h, ph->kind);
	hash_num(h, ph->date.year * 10000 + ph->date.month * 100 + ph->date.day);
	hash_num(h, ph->width), hash_num(h, ph->height);
	hash_value_add(h, plan_photo_hash(hashes, s, (size_t)(ph - s->photos)));
}

/* Everything of community `ci` a notice (`what` "notice") or a poster
 * ("poster") can show. */
static struct hash_value community_pdf_hash(const struct site *s, const char *what,
					    struct hash_value common,
					    const struct plan_photo_hashes *hashes, size_t ci)
{
	const struct community *c = &s->communities[ci];
	const struct posting *first = cycle_postings(s, c);
	struct hash h;

	hash_init(&h);
	hash_str(&h, what);
	hash_value_add(&h, common);
	hash_site_community_row(&h, c);
	/* Of its content page, the notice shows the text. */
	hash_str(&h, c->page ? c->page->body_md : NULL);
	hash_site_postings(&h, s, ci);
	photo_key(&h, s, hashes, strcmp(what, "poster") == 0 ? photo_for_poster(s, &s->communities[ci])
						    : photo_for_notice(s, &s->communities[ci]));
	/* Its status sentence is the phase as of its date, which follows
	 * the schedule until that date has come (site_status_at). */
	hash_num(&h, date_cmp(first ? first->posted : site_notice_date(s), site_today(s)) >= 0);
	return hash_final(&h);
}

struct hash_value plan_notice_key(const struct site *s, const struct plan_pdf_keys *k,
				  size_t ci)
{
	return community_pdf_hash(s, "notice", k->notice, k->photos, ci);
}

static void add_keyed(struct plan *p, enum output_kind kind, size_t index, char *path,
		      struct hash_value key)
{
	struct plan_output *o = plan_add(p, kind, index, path);

	o->key = key;
	o->key_known = 1;
}

/* The volumes `vl` of subdistrict `u`'s booklet (`kind` OUTPUT_BOOKLET
 * or OUTPUT_POSTER_BOOKLET), each keyed by the PDFs hashed `member` of
 * its own communities: an edit re-makes only its community's volume
 * (unless it moves the split). */
static void plan_booklet(struct plan *p, const struct plan_pdf_inputs *in, size_t u,
			 enum output_kind kind, const struct hash_value *member)
{
	int posters = kind == OUTPUT_POSTER_BOOKLET;
	const struct volume_list *vl = posters ? &in->volumes->posters[u] : &in->volumes->notices[u];
	struct hash_value common = posters ? in->keys.poster : in->keys.notice;
	const size_t *of = in->members->of + in->members->at[u];

	for (size_t k = 0; k < vl->n; k++) {
		const struct volume *v = &vl->v[k];
		struct plan_output *o;
		struct hash h;

		hash_init(&h);
		hash_str(&h, posters ? "poster-booklet" : "booklet");
		hash_value_add(&h, common);
		hash_num(&h, (long long)u);
		hash_num(&h, (long long)vl->n);
		hash_num(&h, (long long)v->first);
		for (size_t i = 0; i < v->n; i++)
			hash_value_add(&h, member[of[v->first + i]]);
		o = plan_add(p, kind, u, plan_volume_path(in->s, u, posters, k, vl->n));
		o->key = hash_final(&h);
		o->key_known = 1;
		o->vol = xcalloc(1, sizeof(*o->vol));
		o->vol->unit = u;
		o->vol->members = of + v->first;
		o->vol->n = v->n;
		o->vol->first = v->first;
		o->vol->number = k + 1;
		o->vol->count = vl->n;
	}
}

/* What community `ci`'s 再公示 (`what` "repost", posting `round`) or
 * result notice ("result") shows: what every notice does, the
 * community's name and subdistrict (the rest of its row is not on these
 * papers), its postings and, for the result, its opinions and consent. */
static struct hash_value paper_key(const struct plan_pdf_inputs *in, const char *what,
				   size_t ci, size_t round)
{
	const struct community *c = &in->s->communities[ci];
	struct hash h;

	hash_init(&h);
	hash_str(&h, what);
	hash_num(&h, (long long)round);
	hash_value_add(&h, in->keys.notice);
	hash_str(&h, c->id), hash_str(&h, c->name), hash_num(&h, (long long)c->subdistrict);
	hash_site_postings(&h, in->s, ci);
	if (round == 0)
		hash_site_answers(&h, in->s, ci);
	return hash_final(&h);
}

/* Community `ci`'s 再公示 (one per later posting) and, once its last
 * period has ended, its result notice. */
static void plan_cycle_papers(struct plan *p, const struct plan_pdf_inputs *in, size_t ci)
{
	const struct site *s = in->s;
	struct result r;

	for (size_t k = 2; k <= s->communities[ci].npostings; k++) {
		struct plan_output *o = plan_add(p, OUTPUT_REPOST, ci, plan_repost_path(s, ci, k));

		o->key = paper_key(in, "repost", ci, k);
		o->key_known = 1;
		o->round = (int)k;
	}
	if (result_of(s, &s->communities[ci], in->today, &r))
		add_keyed(p, OUTPUT_RESULT, ci, plan_result_path(s, ci),
			  paper_key(in, "result", ci, 0));
}

static void plan_reports(struct plan *p, const struct site *s, struct date as_of);

void plan_pdfs(struct plan *p, const struct plan_pdf_inputs *in)
{
	const struct site *s = in->s;
	const struct shard *sh = in->shard;
	struct hash_value *nh = xcalloc(2 * s->ncommunities + 1, sizeof(*nh));
	struct hash_value *ph = nh + s->ncommunities;

	for (size_t i = 0; i < s->ncommunities; i++) {
		nh[i] = in->notice_keys ? in->notice_keys[i] : plan_notice_key(s, &in->keys, i);
		ph[i] = community_pdf_hash(s, "poster", in->keys.poster, in->keys.photos, i);
		if ((sh && !shard_has_record(sh, s->communities[i].id)) || !plan_has_notice(s, i))
			continue;
		add_keyed(p, OUTPUT_NOTICE, i, plan_notice_path(s, i), nh[i]);
		add_keyed(p, OUTPUT_POSTER, i, plan_poster_path(s, i), ph[i]);
		plan_cycle_papers(p, in, i);
	}
	for (size_t u = 0; u < s->nunits; u++) {
		if (s->units[u].kind != UNIT_SUBDISTRICT ||
		    (sh && !shard_has_record(sh, s->units[u].id)))
			continue;
		plan_booklet(p, in, u, OUTPUT_BOOKLET, nh);
		plan_booklet(p, in, u, OUTPUT_POSTER_BOOKLET, ph);
	}
	/* The reports go with the shard "progress" hashes to, as a record. */
	if (plan_report_wanted(s) && (sh == NULL || shard_has_record(sh, "progress")))
		plan_reports(p, s, in->as_of);
	free(nh);
}

static int date_order(const void *a, const void *b)
{
	return date_cmp(*(const struct date *)a, *(const struct date *)b);
}

size_t plan_report_dates(const struct site *s, struct date as_of, struct date *out)
{
	size_t n = 0, k = 0;

	for (size_t i = 0; i < s->config.progress.nreports; i++)
		if (date_cmp(s->config.progress.reports[i], as_of) < 0)
			out[n++] = s->config.progress.reports[i];
	out[n++] = as_of;
	if (n > 1)
		qsort(out, n, sizeof(*out), date_order);
	/* A date listed twice is one report. */
	for (size_t i = 0; i < n; i++)
		if (k == 0 || date_cmp(out[k - 1], out[i]) != 0)
			out[k++] = out[i];
	return k;
}

/* One report per date of plan_report_dates, each keyed by its words in
 * the renderer's prepare (key_known 0): an earlier report is remade only
 * when what it says changes. */
static void plan_reports(struct plan *p, const struct site *s, struct date as_of)
{
	struct date *d = xcalloc(s->config.progress.nreports + 1, sizeof(*d));
	size_t n = plan_report_dates(s, as_of, d);

	for (size_t i = 0; i < n; i++)
		plan_add(p, OUTPUT_REPORT, (size_t)d[i].year * 10000 + (size_t)d[i].month * 100 +
					       (size_t)d[i].day, plan_report_path(d[i]));
	free(d);
}

struct date plan_report_date(const struct plan_output *o)
{
	struct date d = { (int)(o->index / 10000), (int)(o->index / 100 % 100),
			  (int)(o->index % 100) };

	return d;
}

static char *community_path(const struct site *s, size_t c, const char *file)
{
	buf path = BUF_INIT;

	buf_printf(&path, "communities/%s/%s", s->communities[c].id, file);
	return buf_detach(&path);
}

char *plan_notice_path(const struct site *s, size_t c)
{
	return community_path(s, c, "notice.pdf");
}

char *plan_poster_path(const struct site *s, size_t c)
{
	return community_path(s, c, "poster.pdf");
}

char *plan_repost_path(const struct site *s, size_t c, size_t round)
{
	char name[32];

	snprintf(name, sizeof(name), "notice-%zu.pdf", round);
	return community_path(s, c, name);
}

char *plan_result_path(const struct site *s, size_t c)
{
	return community_path(s, c, "result.pdf");
}

char *plan_report_path(struct date as_of)
{
	buf path = BUF_INIT;
	char iso[32];

	date_iso(as_of, iso);
	buf_printf(&path, "notices/progress-%s.pdf", iso);
	return buf_detach(&path);
}

int plan_report_wanted(const struct site *s)
{
	return progress_recorded(s);
}

char *plan_volume_path(const struct site *s, size_t u, int posters, size_t k, size_t count)
{
	buf path = BUF_INIT;

	buf_printf(&path, "notices/%s%s", s->units[u].id, posters ? "-posters" : "");
	if (count > 1)
		buf_printf(&path, "-%zu", k + 1);
	buf_puts(&path, ".pdf");
	return buf_detach(&path);
}

int plan_has_notice(const struct site *s, size_t c)
{
	return site_community_has_notice(s, &s->communities[c]);
}

size_t plan_booklet_members(const struct site *s, size_t u, size_t *members)
{
	size_t n = 0;

	for (size_t i = 0; i < s->ncommunities; i++)
		if (s->communities[i].subdistrict == u && plan_has_notice(s, i)) {
			if (members)
				members[n] = i;
			n++;
		}
	return n;
}

int plan_has_booklet(const struct site *s, size_t u)
{
	if (s->units[u].kind != UNIT_SUBDISTRICT)
		return 0;
	/* The first member is enough (plan_booklet_members counts them all). */
	for (size_t i = 0; i < s->ncommunities; i++)
		if (s->communities[i].subdistrict == u && plan_has_notice(s, i))
			return 1;
	return 0;
}
