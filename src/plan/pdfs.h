/* The PDFs of a build in the plan (plan.h): every community's notice and
 * poster, each subdistrict's booklets of both in volumes, the 再公示 and
 * result notices, the progress reports (one per date of
 * plan_report_dates), with their paths and their input keys.  The paths are decided here only: the web
 * pages link them through plan_notice_path and friends. */
#ifndef GONGSHI_PLAN_PDFS_H
#define GONGSHI_PLAN_PDFS_H

#include <stddef.h>

#include "load/date.h"
#include "model/model.h"
#include "model/volumes.h"
#include "plan/plan.h"
#include "plan/shard.h"
#include "util/hash.h"

/* What every notice and every poster shows besides its own community;
 * what every progress report is drawn with besides its words. */
struct plan_photo_hashes;
struct plan_pdf_keys {
	struct hash_value notice, poster, report;
	/* The photos' hashes a notice or poster prints (plan/photos.h);
	 * NULL: read from the files. */
	const struct plan_photo_hashes *photos;
};

/* The theme's notice.yaml and poster.yaml as read. */
struct plan_pdf_theme {
	const char *notice;
	size_t notice_len;
	const char *poster;
	size_t poster_len;
};

/* Each subdistrict's booklet communities (pdf_booklet_members), one
 * unit after another: at[u] up to at[u + 1] in `of`.  Owned: free both. */
struct booklet_members {
	size_t *of, *at;
};

/* The keys every notice and poster shares: the site's records
 * (plan/hash_site.h), the theme's two files and the fonts; `photos`
 * (NULL: read the files) the hashes of the photos they print. */
void plan_pdf_keys(const struct site *s, struct date today, const struct plan_pdf_theme *t,
		   const struct plan_photo_hashes *photos, struct plan_pdf_keys *k);

/* The input key of community `ci`'s notice, `k` being plan_pdf_keys's:
 * what its manifest line and its page count (write/page_counts.h) are
 * kept by. */
struct hash_value plan_notice_key(const struct site *s, const struct plan_pdf_keys *k,
				  size_t ci);

/* What plan_pdfs reads. */
struct plan_pdf_inputs {
	const struct site *s;
	struct plan_pdf_keys keys;
	const struct booklet_members *members;
	const struct volume_plan *volumes;
	const struct shard *shard; /* NULL: every record */
	struct date today;	   /* whose periods have ended (result notices) */
	struct date as_of;	   /* the progress report's date */
	/* plan_notice_key of every community, when the caller has them
	 * (the volumes needed them first); NULL: computed here. */
	const struct hash_value *notice_keys;
};

/* Appends the notices, posters and their booklets' volumes of the shard
 * to `p`, each keyed: a volume by the keys of its communities' PDFs. */
void plan_pdfs(struct plan *p, const struct plan_pdf_inputs *in);

/* communities/ID/notice.pdf and communities/ID/poster.pdf (malloc'd). */
char *plan_notice_path(const struct site *s, size_t c);
char *plan_poster_path(const struct site *s, size_t c);
/* The output path of volume `k` (from 0) of unit `u`'s booklet of notices
 * (`posters` 0) or posters, with `count` volumes: notices/ID.pdf or
 * notices/ID-posters.pdf for one, else notices/ID-1.pdf …,
 * notices/ID-posters-1.pdf …  (malloc'd) */
char *plan_volume_path(const struct site *s, size_t u, int posters, size_t k, size_t count);
/* communities/ID/notice-N.pdf (the 再公示 of posting N, from 2),
 * communities/ID/result.pdf (the 征求意见结果公告) and
 * notices/progress-YYYY-MM-DD.pdf (the 进度通报 as of that day), malloc'd. */
char *plan_repost_path(const struct site *s, size_t c, size_t round);
char *plan_result_path(const struct site *s, size_t c);
char *plan_report_path(struct date as_of);
/* The dates of the progress reports a build as of `as_of` makes, in
 * date order, each once: those of site.yaml's progress.reports before
 * `as_of`, and `as_of` itself (an issued report stays in the output when
 * the day moves on).  `out` holds config.progress.nreports + 1; returns
 * how many. */
size_t plan_report_dates(const struct site *s, struct date as_of, struct date *out);
/* The date of a planned OUTPUT_REPORT (kept in its `index`). */
struct date plan_report_date(const struct plan_output *o);
/* Whether the site records any progress fact (model/progress.h): a site
 * without has no progress report, which would say only zeros. */
int plan_report_wanted(const struct site *s);
/* Whether a community has a notice (and a poster), and so a place in
 * its subdistrict's booklet. */
int plan_has_notice(const struct site *s, size_t c);
/* The communities of subdistrict `u`'s booklets (those with a notice,
 * data order) into `members` (room for ncommunities; NULL: only count);
 * returns how many. */
size_t plan_booklet_members(const struct site *s, size_t u, size_t *members);
/* Whether unit `u` has booklets: a subdistrict with a community that has
 * a notice.  The one decision the pages and the PDFs both read. */
int plan_has_booklet(const struct site *s, size_t u);

#endif
