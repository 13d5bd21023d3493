/* Charts of the progress page as inline SVG, drawn by gongshi itself: no
 * script, no web font, nothing fetched.  Pure: the caller aggregates the
 * site into a few rows (one per subdistrict, one per month) and these only
 * draw them, so a chart of 55,000 communities has as many elements as one
 * of 5.  Everything is appended to a `buf` the caller owns.
 *
 * Readable on a 375 px phone: the viewBox is CHART_WIDTH units wide and
 * the theme lets the <svg> take the column's width (about 343 px there),
 * so a CHART_FONT-unit text is never below 14 px; the theme caps the width
 * on a wide screen.  Nothing is said by colour alone: bars carry their
 * figures as text, the completed bars are hatched, the lines differ by
 * dash and marker as well as colour, and each chart has a legend.  Each
 * <svg> has role="img" with a <title> and a <desc> naming what it shows;
 * the page puts the same figures in a table beside it (screen readers,
 * printing).  Every text is escaped (escape_xml). */
#ifndef GONGSHI_HTML_CHART_H
#define GONGSHI_HTML_CHART_H

#include <stddef.h>

#include "util/buf.h"

/* viewBox width and the smallest font size, in SVG user units. */
#define CHART_WIDTH 360
#define CHART_FONT 16

/* One row of the rates chart: a subdistrict, an area, or the whole site.
 * Rates are counts over `n`, drawn as bars; the plan's figure for the
 * same day (communities whose planned start / completion has come) is a
 * mark across each bar. */
struct chart_rate_row {
	const char *label;
	long n; /* communities in the row; 0 draws empty bars */
	long started, completed; /* actually started / completed by today */
	long plan_started, plan_completed; /* planned to be by today */
};

/* Horizontal bars of 开工率 and 竣工率, two per row, each with its
 * percentage written beside it and the plan's mark across it.  `id` makes
 * the ids of its title, description and pattern unique in the page
 * (letters, digits and '-' only); `title` is its accessible name. */
void chart_rates(buf *out, const char *id, const char *title,
		 const struct chart_rate_row *rows, size_t n);

/* One month of the schedule chart: how many communities were planned to
 * have started / been completed by the month's end, and how many had
 * (cumulative counts).  `actual_known` is 0 for months after today, whose
 * actual figures are not drawn. */
struct chart_month {
	const char *label; /* on the axis, short: "1", "12" */
	long plan_started, plan_completed;
	long started, completed;
	int actual_known;
};

/* The schedule chart's data: `n` months, y from 0 to `total` (the
 * communities of the plan), `axis` naming the months' axis ("2022年（月）"). */
struct chart_timeline {
	const struct chart_month *months;
	size_t n;
	long total;
	const char *axis;
};

/* Planned against actual starts and completions as four cumulative lines
 * over the timeline's months. */
void chart_schedule(buf *out, const char *id, const char *title,
		    const struct chart_timeline *tl);

/* `count` of `n` as a percentage with one decimal, "28.9%" ("0.0%" when
 * n is 0): the figure the bars and the page's tables both print. */
void chart_percent(buf *out, long count, long n);

#endif
