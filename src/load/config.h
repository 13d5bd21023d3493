/* site.yaml: the site's settings, read with libyaml into struct config.
 * The struct lives here, below model/, which holds it in struct site.
 * Strings are in the arena config_load() is given. */
#ifndef GONGSHI_CONFIG_H
#define GONGSHI_CONFIG_H

#include <stddef.h>

#include "load/date.h"
#include "util/arena.h"
#include "util/diag.h"

struct font_spec {
	const char *path; /* as configured; NULL if none */
	int index;	  /* face index inside a .ttc */
};

/* notice.image: the one picture a notice carries (data/photos.csv). */
enum { CONFIG_IMAGE_NONE, CONFIG_IMAGE_DESIGN, CONFIG_IMAGE_BEFORE };

struct config {
	const char *title, *base_url, *language, *theme;
	const char *encoding; /* CSV encoding: "auto", "utf-8", "gb18030" */
	const char *organiser;
	/* The unit that leads the work for every community (the housing
	 * bureau): an id or name, with where site.yaml says it. */
	struct {
		const char *ref;
		unsigned line, col;
	} lead_unit;
	struct {
		const char *issuer, *number, *plan_title;
		struct date date;
		int publicity_days;
		/* notice.publicity_unit: 1 工作日 (the default), 0 自然日. */
		int publicity_working;
		int no_objection_clause;
		int image; /* notice.image: CONFIG_IMAGE_NONE, _DESIGN or _BEFORE */
	} notice;
	struct {
		const char *phone, *address;
	} feedback;
	struct {
		/* consent.threshold as a fraction num/den: 2/3 by default;
		 * "0.6667" is 6667/10000, "67%" is 67/100. */
		long num, den;
	} consent;
	struct { /* the plan's declared totals; -1 = not declared */
		long communities, households;
		long long floor_area_cm2;
		long long investment; /* 元 (targets.investment_wan in 万元) */
	} targets;
	struct date today; /* year 0: use SOURCE_DATE_EPOCH or the clock */
	struct {
		/* fangsong and biaosong: path NULL unless configured (no
		 * free face in Debian); the Song and Hei faces stand in. */
		struct font_spec song, hei, kai, fangsong, biaosong;
		struct font_spec *fallback;
		size_t nfallback;
	} pdf;
	struct {
		/* poster.size: the 公示牌's paper, a3 (default) or a4. */
		int a4;
		/* poster.image: the picture on the 公示牌, as notice.image;
		 * not set: notice.image's (config_load copies it). */
		int image;
	} poster;
	struct {
		/* booklet.sheets: at most this many sheets of paper in one
		 * volume (分册) of a subdistrict's booklet of notices or of
		 * posters; a booklet that needs more is split
		 * (plan/volumes.c).  1 to 10,000 (libharu holds 32,767 pages
		 * in a file); default CONFIG_BOOKLET_SHEETS. */
		int sheets;
	} booklet;
	struct {
		/* progress: the leading group's report (进度通报,
		 * pdf/report.c).  issuer "": notice.issuer, else organiser;
		 * title "": 关于全区老旧小区整治改造工作进展情况的通报.
		 * reports: the dates reports were issued on (any order);
		 * "the previous report" of one dated D is the latest of them
		 * before D, else D a month back. */
		const char *issuer, *title;
		struct date *reports;
		size_t nreports;
	} progress;
	struct {
		const char *site_name, *site_domain, *site_id_code, *column_name;
	} portal;
	struct {
		const char *icp, *police;
	} records;
	int unsafe_html;
	long page_size; /* list pages; 0 = default */
	/* example: true marks a demonstration site: every page carries a
	 * 示例数据 notice and every PDF page a 示例 mark, and --release
	 * refuses it. */
	int example;
};

/* booklet.sheets by default: 250 sheets, 25 mm of 80 g paper, what an
 * A4 file box (档案盒) or a ring binder holds and half a pack of A4 paper
 * (500 sheets): a volume an office can print, bind and carry, about 60
 * notices single-sided.  10,000, the most, keeps one file per booklet
 * for any booklet libharu can write. */
enum { CONFIG_BOOKLET_SHEETS = 250, CONFIG_BOOKLET_SHEETS_MAX = 10000 };

/* Reads `path` (shown as `display`) into `c`, strings in `a`.  Missing
 * settings get defaults; unknown keys are warnings; bad values are errors.
 * Returns -1 when the file is missing or not YAML. */
int config_load(struct config *c, const char *path, const char *display,
		arena *a, diags *d);

#endif
