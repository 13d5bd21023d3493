/* Inline SVG charts of the progress page (chart.h).  Coordinates are
 * printed with one decimal (%.1f), so the same rows give the same bytes. */
#include <string.h>

#include "html/chart.h"
#include "util/escape.h"

/* Colours: dark enough for 4.5:1 on white as text and 3:1 as shapes; blue
 * against dark orange stays apart for the common colour blindnesses. */
#define INK "#1b1b1b"
#define STARTED "#1f4e8c"
#define COMPLETED "#a04000"
#define TRACK_FILL "#f2f2f2"
#define TRACK_LINE "#767676"
#define GRID "#d0d0d0"

/* The rates chart: a row is its label, then two bars of BAR_H. */
#define LEGEND_H 36
#define ROW_H 84
#define BAR_X 1
#define BAR_W 240
#define BAR_H 20
#define FIGURE_X 252

/* The schedule chart's plot area. */
#define PLOT_L 60
#define PLOT_R 346
#define PLOT_T 88
#define PLOT_B 250
#define SCHEDULE_H 306

static void text(buf *out, const char *s)
{
	escape_xml(out, s, strlen(s));
}

void chart_percent(buf *out, long count, long n)
{
	long pm = n > 0 ? (count * 2000 + n) / (2 * n) : 0; /* rounded permille */

	buf_printf(out, "%ld.%ld%%", pm / 10, pm % 10);
}

/* <svg> with its accessible name and description. */
static void open_svg(buf *out, const char *id, int height, const char *title, const char *desc)
{
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" "
			"viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%s-t %s-d\" "
			"font-size=\"%d\" fill=\"" INK "\">\n",
		   CHART_WIDTH, height, id, id, CHART_FONT);
	buf_printf(out, "<title id=\"%s-t\">", id);
	text(out, title);
	buf_printf(out, "</title>\n<desc id=\"%s-d\">", id);
	text(out, desc);
	buf_puts(out, "</desc>\n");
}

/* The diagonal hatching of the completed bars. */
static void hatch_pattern(buf *out, const char *id)
{
	buf_printf(out, "<defs><pattern id=\"%s-hatch\" width=\"6\" height=\"6\" "
			"patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
			"<rect width=\"6\" height=\"6\" fill=\"#fff\"/>"
			"<line x1=\"1.5\" y1=\"0\" x2=\"1.5\" y2=\"6\" stroke=\"" COMPLETED
			"\" stroke-width=\"3\"/></pattern></defs>\n", id);
}

/* The plan's mark: black with a white edge, visible on any fill. */
static void plan_mark(buf *out, double x, double y)
{
	buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#fff\" "
			"stroke-width=\"6\"/><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			"stroke=\"#000\" stroke-width=\"3\"/>\n",
		   x, y - 4, x, y + BAR_H + 4, x, y - 4, x, y + BAR_H + 4);
}

/* What one bar shows: `count` done and `plan` planned, both of `n`. */
struct tally {
	long count, plan, n;
};

/* One bar: the track, the filled part, the plan's mark, the figure. */
static void bar(buf *out, const char *fill, const char *edge, double y, const struct tally *t,
		const char *what)
{
	long count = t->count, plan = t->plan, n = t->n;
	double w = n > 0 ? (double)BAR_W * (double)count / (double)n : 0;
	double px = BAR_X + (n > 0 ? (double)BAR_W * (double)plan / (double)n : 0);

	buf_printf(out, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%d\" fill=\"" TRACK_FILL
			"\" stroke=\"" TRACK_LINE "\"/>\n", BAR_X, y, BAR_W, BAR_H);
	if (w > 0)
		buf_printf(out, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\" "
				"stroke=\"%s\"/>\n", BAR_X, y, w, BAR_H, fill, edge);
	if (n > 0)
		plan_mark(out, px, y);
	buf_printf(out, "<text x=\"%d\" y=\"%.1f\">%s ", FIGURE_X, y + 16, what);
	chart_percent(out, count, n);
	buf_puts(out, "</text>\n");
}

/* The legend's three keys on one line. */
static void rates_legend(buf *out, const char *id)
{
	buf_printf(out, "<g class=\"legend\">\n"
			"<rect x=\"1\" y=\"8\" width=\"18\" height=\"18\" fill=\"" STARTED "\"/>"
			"<text x=\"24\" y=\"23\">开工率</text>\n"
			"<rect x=\"96\" y=\"8\" width=\"18\" height=\"18\" fill=\"url(#%s-hatch)\" "
			"stroke=\"" COMPLETED "\"/><text x=\"119\" y=\"23\">竣工率</text>\n", id);
	plan_mark(out, 198, 6);
	buf_puts(out, "<text x=\"208\" y=\"23\">计划（截至今日）</text>\n</g>\n");
}

void chart_rates(buf *out, const char *id, const char *title,
		 const struct chart_rate_row *rows, size_t n)
{
	buf fill = BUF_INIT;

	open_svg(out, id, LEGEND_H + (int)n * ROW_H + 8, title,
		 "每行两条：实心条为开工率，斜线条为竣工率，条上的黑色竖线为截至今日的计划比例。"
		 "各项数字见图下的表格。");
	hatch_pattern(out, id);
	rates_legend(out, id);
	buf_printf(&fill, "url(#%s-hatch)", id);
	for (size_t i = 0; i < n; i++) {
		const struct chart_rate_row *r = &rows[i];
		double y = LEGEND_H + (double)i * ROW_H;

		buf_printf(out, "<g>\n<text x=\"1\" y=\"%.1f\" font-weight=\"bold\">", y + 22);
		text(out, r->label);
		buf_puts(out, "</text>\n");
		struct tally started = {r->started, r->plan_started, r->n};
		struct tally completed = {r->completed, r->plan_completed, r->n};

		bar(out, STARTED, STARTED, y + 32, &started, "开工");
		bar(out, buf_cstr(&fill), COMPLETED, y + 56, &completed, "竣工");
		buf_puts(out, "</g>\n");
	}
	buf_puts(out, "</svg>\n");
	buf_free(&fill);
}

/* A tick step of 1, 2 or 5 times a power of ten giving at most 5 steps
 * up to `max`. */
static long tick_step(long max)
{
	long p = 1;

	for (;;) {
		if (p * 5 >= max)
			return p;
		if (p * 2 * 5 >= max)
			return p * 2;
		if (p * 5 * 5 >= max)
			return p * 5;
		p *= 10;
	}
}

static double month_x(size_t i, size_t n)
{
	return PLOT_L + ((double)i + 0.5) * (PLOT_R - PLOT_L) / (double)n;
}

static double count_y(long v, long top)
{
	return PLOT_B - (double)(PLOT_B - PLOT_T) * (double)v / (double)top;
}

/* The y axis (gridlines and counts) and the months; returns the axis top. */
static long schedule_axes(buf *out, const struct chart_month *m, size_t n, long total,
			  const char *axis)
{
	long step = tick_step(total > 0 ? total : 1);
	long top = (total + step - 1) / step * step;

	if (top == 0)
		top = step;
	buf_puts(out, "<g class=\"axes\">\n");
	for (long v = 0; v <= top; v += step)
		buf_printf(out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>"
				"<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%ld</text>\n",
			   PLOT_L, count_y(v, top), PLOT_R, count_y(v, top),
			   v ? GRID : TRACK_LINE, PLOT_L - 6, count_y(v, top) + 5, v);
	for (size_t i = 0; i < n; i++) {
		buf_printf(out, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">",
			   month_x(i, n), PLOT_B + 22);
		text(out, m[i].label);
		buf_puts(out, "</text>\n");
	}
	buf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">", (PLOT_L + PLOT_R) / 2,
		   SCHEDULE_H - 8);
	text(out, axis);
	buf_puts(out, "</text>\n<text x=\"1\" y=\"72\">小区（个）</text>\n</g>\n");
	return top;
}

enum series { PLAN_STARTED, PLAN_COMPLETED, STARTED_S, COMPLETED_S };

static long series_value(const struct chart_month *m, enum series s)
{
	switch (s) {
	case PLAN_STARTED:
		return m->plan_started;
	case PLAN_COMPLETED:
		return m->plan_completed;
	case STARTED_S:
		return m->started;
	case COMPLETED_S:
		break;
	}
	return m->completed;
}

static const struct {
	const char *name, *colour, *dash;
	int width, marker; /* 0 none, 1 circle, 2 square */
} series[] = {
	{ "计划开工", STARTED, "8 5", 2, 0 },
	{ "计划竣工", COMPLETED, "2 4", 3, 0 },
	{ "实际开工", STARTED, "", 3, 1 },
	{ "实际竣工", COMPLETED, "", 3, 2 },
};

static void marker(buf *out, int kind, double x, double y, const char *colour)
{
	if (kind == 1)
		buf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\"/>", x, y, colour);
	else if (kind == 2)
		buf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"9\" height=\"9\" fill=\"%s\"/>",
			   x - 4.5, y - 4.5, colour);
}

static void line_style(buf *out, enum series s)
{
	buf_printf(out, " fill=\"none\" stroke=\"%s\" stroke-width=\"%d\"", series[s].colour,
		   series[s].width);
	if (*series[s].dash)
		buf_printf(out, " stroke-dasharray=\"%s\"", series[s].dash);
}

static void schedule_line(buf *out, const struct chart_month *m, size_t n, long top,
			  enum series s)
{
	int actual = s == STARTED_S || s == COMPLETED_S;
	size_t k = 0;

	while (k < n && (!actual || m[k].actual_known))
		k++;
	if (k == 0)
		return;
	buf_puts(out, "<polyline points=\"");
	for (size_t i = 0; i < k; i++)
		buf_printf(out, "%s%.1f,%.1f", i ? " " : "", month_x(i, n),
			   count_y(series_value(&m[i], s), top));
	buf_puts(out, "\"");
	line_style(out, s);
	buf_puts(out, "/>\n");
	for (size_t i = 0; i < k && series[s].marker; i++)
		marker(out, series[s].marker, month_x(i, n), count_y(series_value(&m[i], s), top),
		       series[s].colour);
	if (series[s].marker && k)
		buf_putc(out, '\n');
}

/* Two keys a line, each a sample of its line with its marker. */
static void schedule_legend(buf *out)
{
	buf_puts(out, "<g class=\"legend\">\n");
	for (int s = 0; s < 4; s++) {
		double x = 1 + (s % 2) * 180, y = 16 + (s / 2) * 26;

		buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"", x, y, x + 36,
			   y);
		line_style(out, (enum series)s);
		buf_puts(out, "/>");
		marker(out, series[s].marker, x + 18, y, series[s].colour);
		buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n", x + 44, y + 6,
			   series[s].name);
	}
	buf_puts(out, "</g>\n");
}

void chart_schedule(buf *out, const char *id, const char *title,
		    const struct chart_timeline *tl)
{
	const struct chart_month *months = tl->months;
	size_t n = tl->n;
	long top;

	open_svg(out, id, SCHEDULE_H, title,
		 "各月底累计的小区个数：虚线为计划开工、计划竣工，带圆点和方块的实线为实际开工、"
		 "实际竣工，实际数画到本月。各项数字见图下的表格。");
	schedule_legend(out);
	top = schedule_axes(out, months, n, tl->total, tl->axis);
	for (int s = 0; s < 4 && n > 0; s++)
		schedule_line(out, months, n, top, (enum series)s);
	buf_puts(out, "</svg>\n");
}
