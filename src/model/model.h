/* The site model: typed records read from site.yaml, the data/ CSV files and
 * content/ Markdown, with references resolved to indexes.
 *
 * Built once by model_load() and read-only afterwards, so renderers may
 * read it from several threads without locks.  Every string and array
 * lives in the site's arena and is freed by site_free(). */
#ifndef GONGSHI_MODEL_H
#define GONGSHI_MODEL_H

#include <stddef.h>

#include "load/config.h"
#include "load/content.h"
#include "load/date.h"
#include "load/page.h"
#include "model/photo.h"
#include "util/arena.h"
#include "util/diag.h"

enum unit_kind {
	UNIT_SUBDISTRICT,
	UNIT_DEPARTMENT,
	UNIT_ENTERPRISE,
	UNIT_UTILITY,
};

#define NO_INDEX ((size_t)-1)

/* The notice cycle's records (model/cycle.h, which includes this file
 * for the rest). */
struct holiday;
struct posting;
struct consent;
struct opinion;

struct unit {
	const char *id, *name, *phone; /* phone may be "" */
	enum unit_kind kind;
	struct srcpos pos;
};

struct item {
	const char *code, *title, *description, *category; /* category may be "" */
	struct srcpos pos;
};

struct phase {
	const char *id, *name, *description;
	struct date start, end;
	struct srcpos pos;
};

struct duty {
	long seq;
	size_t *units; /* indexes into site.units */
	size_t nunits;
	const char *duty_md; /* inline Markdown */
	struct srcpos pos;
};

struct member {
	const char *name, *role, *position;
	size_t unit; /* index into site.units or NO_INDEX */
	struct srcpos pos;
};

struct community {
	const char *id, *name, *area, *address, *contact, *phone; /* "" if absent */
	size_t subdistrict; /* index into site.units (kind subdistrict) */
	size_t contractor;  /* index into site.units or NO_INDEX */
	long households;
	/* Floor area in hundredths of a square metre, so that totals add up
	 * exactly; 901200 m² is 90120000. */
	long long floor_area_cm2;
	int buildings;	/* 0 = not given */
	int built_year; /* 0 = not given */
	size_t *items;	/* indexes into site.items, in the order given */
	size_t nitems;
	size_t status;	/* index into site.phases */
	int elevator;	/* -1 not given, 0 no, 1 yes */
	/* Progress (issue 19; model/progress.h).  Dates: year 0 = not given. */
	struct date plan_start, plan_end;	  /* 计划开工, 计划竣工 */
	struct date started, completed, accepted; /* 实际开工, 实际竣工, 验收日期 */
	long long investment;			  /* 计划投资 in 元; -1 not given */
	size_t designer, supervisor; /* 设计单位, 监理单位: index into site.units or NO_INDEX */
	const char *manager, *manager_phone, *hotline; /* 项目负责人, 负责人电话, 监督电话; "" if absent */
	size_t report_at, nreports;   /* its reports: site.reports[report_at ..], date order */
	size_t funding_at, nfunding;  /* its sources: site.funding[funding_at ..] */
	const struct page *page; /* content/communities/ID.md, or NULL */
	/* The notice cycle (model/cycle.h): its postings
	 * site.postings[posting_at ..], round order; its consent survey
	 * (index into site.consents or NO_INDEX); its opinions
	 * site.opinions[opinion_at ..], date order. */
	size_t posting_at, npostings, consent, opinion_at, nopinions;
	size_t photo_at, nphotos; /* its photos: site.photos[photo_at ..] (model/photo.h) */
	struct srcpos pos;
};

struct progress_report;
struct funding;

struct site {
	arena *arena;
	const char *root;   /* the site folder as given */
	const char *prefix; /* root + "/" for display, "" when root is "." */
	struct config config;
	struct unit *units;
	size_t nunits;
	struct item *items;
	size_t nitems;
	struct phase *phases;
	size_t nphases;
	struct duty *duties;
	size_t nduties;
	struct member *members;
	size_t nmembers;
	struct community *communities;
	size_t ncommunities;
	/* data/progress.csv and data/funding.csv (model/progress.h), sorted by
	 * community (then date); empty when the file is absent. */
	struct progress_report *reports;
	size_t nreports;
	struct funding *funding;
	size_t nfunding;
	const char **sources; /* funding sources by first appearance */
	size_t nsources;
	struct photo *photos; /* data/photos.csv, by community then kind and date */
	size_t nphotos;
	const char *photos_csv; /* that table as messages name it (each photo's row is in it) */
	struct page *pages; /* every content page, sorted by path */
	size_t npages;
	/* The folders below content/ that held nothing for the walk, for the
	 * next build (load/content.h); its array malloc'd, freed here. */
	struct content_folders quiet_folders;
	const struct page *index_page; /* content/index.md or NULL */
	const struct page *plan_page;  /* content/plan.md or NULL */
	const struct page **news;      /* content/news/ pages, newest first */
	size_t nnews;
	size_t lead_unit;	       /* see site_lead_unit() */
	/* The notice cycle (model/cycle.h): holidays in date order,
	 * postings by community then round, consents and opinions by
	 * community (opinions then by date). */
	struct holiday *holidays;
	size_t nholidays;
	struct posting *postings;
	size_t npostings;
	struct consent *consents;
	size_t nconsents;
	struct opinion *opinions;
	size_t nopinions;
	struct site_index *index;      /* id lookups, private to model/ */
};

/* Loads and validates the site in `root`.  Every problem goes to `d`.
 * Returns the site (even with errors, for reporting), owned by the caller
 * and freed with site_free(); NULL only when nothing could be read. */
struct site *model_load(const char *root, diags *d);
/* How model_load_with loads a site.  Neither changes the site or the
 * diagnostics, only the time taken. */
struct photo_header_cache;
struct model_load_options {
	/* content/ read, and the photos' files looked at, on up to this many
	 * threads (1: none besides the caller's); no thread outlives the
	 * call. */
	unsigned jobs;
	/* The photos' headers the last build read (load/photo_header.h:
	 * `gongshi build` gives write/photo_cache.h's), asked before a photo
	 * is opened and told each one read; NULL: every photo is read.  The
	 * caller's, used only during the call. */
	const struct photo_header_cache *photo_headers;
	/* The folders below content/ the last build found holding nothing
	 * for the walk (load/content.h: `gongshi build` gives
	 * write/content_record.h's), asked before one is listed; NULL: every
	 * folder is listed.  The caller's, used only during the call. */
	const struct content_folder_cache *content_folders;
};
/* model_load with the options `o`. */
struct site *model_load_with(const char *root, const struct model_load_options *o, diags *d);
void site_free(struct site *s);

/* Lookups; NO_INDEX when absent. */
size_t site_unit_index(const struct site *s, const char *id_or_name);
size_t site_item_index(const struct site *s, const char *code);
size_t site_phase_index(const struct site *s, const char *id);
size_t site_community_index(const struct site *s, const char *id);

/* The unit leading the work (区住建局 in the example): lead_unit from
 * site.yaml, else the first unit of the first duty that says 负责牵头
 * ("leads"); NO_INDEX when neither. */
size_t site_lead_unit(const struct site *s);

/* The notice's date: notice.date, else today: (site.yaml), else the build
 * date.  The publicity period counts that day, so 7 days from 27 April
 * end on 3 May; year 0 when publicity_days is 0. */
struct date site_notice_date(const struct site *s);
struct date site_publicity_end(const struct site *s);

/* The phase a date falls in: the first whose end is on or after `day`;
 * nphases when all have ended. */
size_t site_phase_at(const struct site *s, struct date day);
/* "Today": today: in site.yaml, else SOURCE_DATE_EPOCH or the clock. */
struct date site_today(const struct site *s);
/* Community `c`'s phase on `day`: its status when `day` is today or
 * later; before, the earlier of its status and the plan's phase that day
 * (the status is recorded as of today only).  nphases when none. */
size_t site_status_at(const struct site *s, const struct community *c, struct date day);

/* 1 when community `c` gets a notice (and is in its subdistrict's
 * booklet): not when, on the notice's date, it is already in the
 * acceptance phase. */
int site_community_has_notice(const struct site *s, const struct community *c);

/* 1 for a row of the group's office (办公室主任, 办公室副主任): a role
 * of one of the members, not one more member. */
int member_is_office(const struct member *m);
/* The people in the leading group: its rows less the office's. */
size_t site_group_size(const struct site *s);

/* Floor areas for people: 901200, 20898.8, 12.34 (m²); and in 万平方米
 * with two decimals: 90.12.  `out` holds at least 32 bytes. */
void format_area_m2(long long cm2, char *out);
void format_area_wan(long long cm2, char *out);
/* What a community's notice is about, into `out`: "榆树新村老旧小区改造
 * 方案", but "海河小区改造方案" for a name that already ends in 小区. */
struct buf;
void format_plan_subject(struct buf *out, const char *name);

const char *format_unit_kind(enum unit_kind k); /* 街道, 部门, … */

#endif
