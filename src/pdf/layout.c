#include "pdf/layout.h"

#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"

/* Rounding slack, so that a line of exactly 28 characters still fits. */
#define EPS 0.01

/* Character properties for line breaking. */
enum {
	K_WORD = 1,	/* part of a Latin word or number: never split */
	K_NOSTART = 2,	/* closing punctuation: never begins a line */
	K_NOEND = 4,	/* opening punctuation: never ends a line */
	K_SPACE = 8,	/* a breakable space, dropped at a line's end */
	K_PAIR = 16,	/* —— and ……: two in a row stay together */
};

/* 避头: punctuation that must not begin a line (GB/T 15834 and the usual
 * typesetting rules).  Sorted for bsearch. */
static const uint32_t no_start[] = {
	0x00B0, /* ° */ 0x00B7, /* · */ 0x2019, /* ’ */ 0x201D, /* ” */
	0x2030, /* ‰ */ 0x2103, /* ℃ */ 0x3001, /* 、 */ 0x3002, /* 。 */
	0x3005, /* 々 */ 0x3009, /* 〉 */ 0x300B, /* 》 */ 0x300D, /* 」 */
	0x300F, /* 』 */ 0x3011, /* 】 */ 0x3015, /* 〕 */ 0x3017, /* 〗 */
	0x3019, /* 〙 */ 0x301B, /* 〛 */ 0x301E, /* 〞 */ 0x309D, 0x309E,
	0x30FB, /* ・ */ 0x30FC, /* ー */ 0xFE50, 0xFE51, 0xFE52, 0xFE54,
	0xFE55, 0xFE56, 0xFE57, 0xFF01, /* ！ */ 0xFF05, /* ％ */
	0xFF09, /* ） */ 0xFF0C, /* ， */ 0xFF0E, /* ． */ 0xFF1A, /* ： */
	0xFF1B, /* ； */ 0xFF1F, /* ？ */ 0xFF3D, /* ］ */ 0xFF5D, /* ｝ */
	0xFF60, 0xFF61, 0xFF63, 0xFF64,
};

/* 避尾: punctuation that must not end a line.  Sorted. */
static const uint32_t no_end[] = {
	0x2018, /* ‘ */ 0x201C, /* “ */ 0x3008, /* 〈 */ 0x300A, /* 《 */
	0x300C, /* 「 */ 0x300E, /* 『 */ 0x3010, /* 【 */ 0x3014, /* 〔 */
	0x3016, /* 〖 */ 0x3018, /* 〘 */ 0x301A, /* 〚 */ 0x301D, /* 〝 */
	0xFF04, /* ＄ */ 0xFF08, /* （ */ 0xFF3B, /* ［ */ 0xFF5B, /* ｛ */
	0xFF5F, 0xFF62, 0xFFE1, /* ￡ */ 0xFFE5, /* ￥ */
};

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static int in_table(const uint32_t *t, size_t n, uint32_t cp)
{
	return bsearch(&cp, t, n, sizeof(*t), cmp_u32) != NULL;
}

static unsigned props(uint32_t cp)
{
	unsigned k = 0;

	if (cp == ' ' || cp == '\t')
		return K_SPACE;
	/* ASCII and the alphabetic scripts below U+2000 (Latin, Greek,
	 * Cyrillic...) form words; so do the ASCII marks inside numbers and
	 * phone numbers such as 0632-4411234, 90.12, 1/2 and 50%. */
	if (cp > ' ' && cp < 0x2000 && cp != 0x00B7)
		k |= K_WORD;
	if (cp == '(' || cp == '[' || cp == '{')
		k |= K_NOEND;
	if (cp > 0x20 && cp < 0x80 && strchr(")]},.;:!?%", (int)cp))
		k |= K_NOSTART;
	if (in_table(no_start, sizeof(no_start) / sizeof(*no_start), cp))
		k |= K_NOSTART;
	if (in_table(no_end, sizeof(no_end) / sizeof(*no_end), cp))
		k |= K_NOEND;
	if (cp == 0x2014 || cp == 0x2026 || cp == 0x2025)
		k |= K_PAIR;
	return k;
}

int lay_can_break(uint32_t a, uint32_t b)
{
	unsigned pa = props(a), pb = props(b);

	/* Spaces hang at the end of a line: break after them, not before. */
	if (pb & K_SPACE)
		return 0;
	if (pb & K_NOSTART)
		return 0;
	if (pa & K_SPACE)
		return 1;
	if (pa & K_NOEND)
		return 0;
	if ((pa & K_WORD) && (pb & K_WORD))
		return 0;
	if ((pa & K_PAIR) && a == b)
		return 0;
	return 1;
}

void lay_para_add_cp(struct lay_para *p, uint32_t cp, unsigned short font,
		     unsigned short flags)
{
	struct lay_char *c;

	p->chars = xgrow(p->chars, &p->cap, p->nchars + 1, sizeof(*p->chars));
	c = &p->chars[p->nchars++];
	c->cp = cp;
	c->font = font;
	c->flags = flags;
}

void lay_para_add(struct lay_para *p, const char *s, unsigned short font,
		  unsigned short flags)
{
	size_t n = strlen(s);
	uint32_t cp;

	while (n) {
		/* A bad byte is drawn as U+FFFD and skipped. */
		size_t k = utf8_decode(s, n, &cp);

		k += k == 0;
		lay_para_add_cp(p, cp, font, flags);
		s += k;
		n -= k;
	}
}

void lay_para_free(struct lay_para *p)
{
	free(p->chars);
	p->chars = NULL;
	p->nchars = p->cap = 0;
}

static int is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t';
}

/* Width of chars [a, b): glyph advances plus tracking between them. */
static double span_width(const struct lay_para *p, size_t a, size_t b,
			 const struct lay_measure *m)
{
	double w = 0;

	for (size_t i = a; i < b; i++)
		w += m->fn(m->ctx, &p->chars[i]) * p->size;
	if (b > a + 1)
		w += (double)(b - a - 1) * p->tracking;
	return w;
}

/* The most a justified line is spread per gap, in points. */
static double max_stretch(const struct lay_para *p)
{
	return (p->max_stretch > 0 ? p->max_stretch : 0.25) * p->size;
}

/* One paragraph being broken into lines: paragraph `pi` (`p`) of a text
 * block `width` wide, measured with `m`, its lines going to `out`. */
struct breaking {
	const struct lay_para *p;
	size_t pi;
	double width;
	const struct lay_measure *m;
	struct lay_result *out;
};

/* Appends the line [a, b); `first` and `last` say whether it is the
 * paragraph's (or segment's) first and last. */
static void add_line(const struct breaking *k, size_t a, size_t b, int first,
		     int last)
{
	const struct lay_para *p = k->p;
	struct lay_result *out = k->out;
	struct lay_line *l;
	double indent = first ? p->indent_first : p->indent_rest;
	double avail = k->width - indent - p->indent_right;
	double w = span_width(p, a, b, k->m);
	double slack = avail - w;

	out->lines = xgrow(out->lines, &out->linecap, out->nlines + 1,
			   sizeof(*out->lines));
	l = &out->lines[out->nlines++];
	l->para = k->pi;
	l->start = a;
	l->end = b;
	l->x = indent;
	l->spacing = p->tracking;
	l->width = w;
	if (slack <= 0)
		return;
	switch (p->align) {
	case LAY_CENTER:
		l->x += slack / 2;
		break;
	case LAY_RIGHT:
		l->x += slack;
		break;
	case LAY_JUSTIFY:
		/* A line cut short by 避头尾 or a long word is spread to the
		 * margin, as in print; but by no more than max_stretch per
		 * gap: beyond that the text reads as spaced out, and a
		 * ragged end (a phone number pushed to the next line) looks
		 * better. */
		if (!last && b - a > 1 &&
		    slack / (double)(b - a - 1) <= max_stretch(p) + EPS) {
			l->spacing += slack / (double)(b - a - 1);
			l->width = avail;
		}
		break;
	case LAY_LEFT:
		break;
	}
}

/* Characters of [a, b) that are not spaces. */
static size_t count_chars(const struct lay_char *c, size_t a, size_t b)
{
	size_t n = 0;

	for (size_t i = a; i < b; i++)
		n += !is_space(c[i].cp);
	return n;
}

/* Where the line [ps, pe) before a short last line ending at `le` should
 * end so that the last line gets p->min_last_chars characters: a break
 * point at least two characters into the line before, with the new last
 * line still fitting in `avail`.  Returns pe when there is none. */
static size_t runt_break(const struct breaking *k, size_t ps, size_t pe,
			 size_t le, double avail)
{
	const struct lay_para *p = k->p;
	const struct lay_char *c = p->chars;
	size_t want = (size_t)p->min_last_chars;

	for (size_t b = pe; b > ps + 2; b--) {
		size_t e = b - 1;

		if (!lay_can_break(c[b - 2].cp, c[e].cp))
			continue;
		if (count_chars(c, e, le) < want)
			continue;
		if (span_width(p, e, le, k->m) > avail + EPS)
			break;
		return e;
	}
	return pe;
}

/* Where the line starting at `i` ends: `*end` (trailing spaces still
 * in) and the start of the next line `*next`; whether a hard break ended
 * it. */
static int line_end(const struct lay_para *p, size_t i, double avail,
		    const struct lay_measure *m, size_t *end, size_t *next)
{
	const struct lay_char *c = p->chars;
	size_t n = p->nchars, bp = i;
	double w = 0;

	*end = *next = n;
	for (size_t j = i; j < n; j++) {
		double adv, nw;

		if (c[j].cp == LAY_NEWLINE) {
			*end = j;
			*next = j + 1;
			return 1;
		}
		if (j > i && lay_can_break(c[j - 1].cp, c[j].cp))
			bp = j;
		adv = m->fn(m->ctx, &c[j]) * p->size;
		nw = j == i ? adv : w + p->tracking + adv;
		if (j > i && !is_space(c[j].cp) && nw > avail + EPS) {
			/* No break point: a word longer than the line is
			 * cut where it overflows. */
			*end = *next = bp > i ? bp : j;
			return 0;
		}
		w = nw;
	}
	return 0;
}

static size_t trim_end(const struct lay_char *c, size_t a, size_t e)
{
	while (e > a && is_space(c[e - 1].cp))
		e--;
	return e;
}

size_t lay_break(const struct lay_para *paras, size_t pi, double width,
		 const struct lay_measure *m, struct lay_result *out)
{
	const struct lay_para *p = &paras[pi];
	const struct breaking bk = { p, pi, width, m, out };
	const struct lay_char *c = p->chars;
	size_t n = p->nchars, i = 0, added = 0;
	size_t prev = 0; /* start of the line before, in this segment */
	int first = 1, prev_in_segment = 0, prev_first = 0;

	while (i < n) {
		double indent = first ? p->indent_first : p->indent_rest;
		double avail = width - indent - p->indent_right;
		size_t end, next, e, k;
		int hard, last;

		if (!first)
			while (i < n && is_space(c[i].cp))
				i++;
		if (i >= n)
			break;
		hard = line_end(p, i, avail, m, &end, &next);
		e = trim_end(c, i, end);
		for (k = next; k < n && is_space(c[k].cp); k++)
			;
		last = hard || k >= n;
		if (last && prev_in_segment && p->min_last_chars > 0 &&
		    count_chars(c, i, e) < (size_t)p->min_last_chars) {
			/* 孤字: the line before gives up characters. */
			size_t pe = out->lines[out->nlines - 1].end;
			size_t nb = runt_break(&bk, prev, pe, e, avail);

			if (nb < pe) {
				out->nlines--;
				add_line(&bk, prev, trim_end(c, prev, nb),
					 prev_first, 0);
				i = nb;
			}
		}
		add_line(&bk, i, e, first, last);
		added++;
		prev = i;
		prev_first = first;
		prev_in_segment = !hard;
		i = next;
		first = 0;
	}
	return added;
}

static void place(struct lay_result *out, size_t page, size_t para,
		  size_t line, double y, double h)
{
	struct lay_place *pl;

	out->places = xgrow(out->places, &out->placecap, out->nplaces + 1,
			    sizeof(*out->places));
	pl = &out->places[out->nplaces++];
	pl->page = page;
	pl->para = para;
	pl->line = line;
	pl->y = y;
	pl->height = h;
	pl->repeat = 0;
	if (page + 1 > out->npages)
		out->npages = page + 1;
}

/* The height box `q` needs on its page: with the boxes it keeps with
 * (keep_with_next: a table's header row, a short table's rows) when it
 * starts such a run and the run fits on a page of `height`, else with
 * the next box only; inside a run, its own (the run's start saw to it). */
static double box_run(const struct lay_para *paras, size_t n, size_t q, double height)
{
	double need = paras[q].box_height, pair;

	if (!paras[q].keep_with_next || q + 1 >= n || paras[q + 1].box_height <= 0 ||
	    (q > 0 && paras[q - 1].box_height > 0 && paras[q - 1].keep_with_next))
		return need;
	pair = need + paras[q + 1].space_before + paras[q + 1].box_height;
	for (size_t k = q; paras[k].keep_with_next && k + 1 < n &&
			   paras[k + 1].box_height > 0; k++)
		need += paras[k + 1].space_before + paras[k + 1].box_height;
	return need > height ? pair : need;
}

/* Height the start of paragraph `q` needs on the same page as a heading
 * kept with it: its box (with those kept with it), or its first two
 * lines. */
static double start_height(const struct lay_para *paras, size_t n, size_t q,
			   const size_t *nlines, double height)
{
	size_t k;

	if (q >= n)
		return 0;
	if (paras[q].box_height > 0)
		return paras[q].space_before + box_run(paras, n, q, height);
	k = nlines[q] < 2 ? nlines[q] : 2;
	return paras[q].space_before + (double)k * paras[q].leading;
}

/* Lines a keep_with_prev box takes along (GB/T 9704: never a page of
 * signature only). */
#define KEEP_LINES 2

/* Whether the line placed at `k` is the only one of its paragraph on its
 * page, lines from `k` + 1 on being carried away. */
static int alone_on_page(const struct lay_result *out, size_t k)
{
	const struct lay_place *pl = &out->places[k];

	return k + 1 < out->nplaces && out->places[k + 1].para == pl->para &&
	       (k == 0 || out->places[k - 1].page != pl->page ||
		out->places[k - 1].para != pl->para ||
		out->places[k - 1].line == LAY_NO_LINE);
}

/* The first of the places at the end of `page` that go to the next page
 * with a keep_with_prev box: its last KEEP_LINES lines, and with them a
 * line of a paragraph that would stay alone, or a heading they would
 * leave behind.  Returns out->nplaces when nothing can go (a box among
 * them, or the page would be left empty). */
static size_t carried(const struct lay_para *paras, const struct lay_result *out,
		      size_t page)
{
	size_t k = out->nplaces, got = 0;

	while (k > 0 && got < KEEP_LINES && out->places[k - 1].page == page &&
	       out->places[k - 1].line != LAY_NO_LINE)
		k--, got++;
	if (got < KEEP_LINES)
		return out->nplaces;
	while (k > 0 && out->places[k - 1].page == page &&
	       out->places[k - 1].line != LAY_NO_LINE &&
	       (paras[out->places[k - 1].para].keep_with_next ||
		alone_on_page(out, k - 1)))
		k--;
	if (k == 0 || out->places[k - 1].page != page)
		return out->nplaces;
	return k;
}

/* Moves places [k, nplaces) to the top of page `page` + 1 when they and
 * a box of `box` below them fit there; returns where the box goes
 * (after their paragraph's space_after), or -1 when they stay. */
static double carry(const struct lay_para *paras, struct lay_result *out,
		    size_t k, size_t page, double box, double height)
{
	const struct lay_place *last = &out->places[out->nplaces - 1];
	double y0 = out->places[k].y;
	double y = last->y + last->height - y0 + paras[last->para].space_after;

	if (y + box > height + EPS)
		return -1;
	for (size_t i = k; i < out->nplaces; i++) {
		out->places[i].page = page + 1;
		out->places[i].y -= y0;
	}
	return y;
}

/* Where the next paragraph goes: its page and the height used on it. */
struct cursor {
	size_t page;
	double y;
};

/* Places box `pi`.  A keep_with_prev box (the signature) that does not
 * fit first gives up its space before when that is enough (GB/T 9704
 * practice: adjust the spacing), else takes its last lines along to the
 * next page; alone only when neither can be done.  A keep_with_next box
 * (a table's header row) goes over with the box after it; a box that
 * starts a page has its repeat_head drawn above it again. */
static void place_box(const struct lay_para *paras, size_t n, size_t pi,
		      double height, struct lay_result *out, struct cursor *at)
{
	const struct lay_para *p = &paras[pi];
	double sb = at->y > 0 ? p->space_before : 0, to, need = p->box_height;
	size_t k, was = at->page;

	need = box_run(paras, n, pi, height);
	if (at->y > 0 && at->y + sb + need > height + EPS) {
		if (p->keep_with_prev && at->y + p->box_height <= height + EPS) {
			sb = 0;
		} else {
			k = p->keep_with_prev ? carried(paras, out, at->page) :
						out->nplaces;
			to = k < out->nplaces ?
				carry(paras, out, k, at->page, p->box_height, height) : -1;
			++at->page;
			at->y = to > 0 ? to : 0;
			sb = to > 0 ? p->space_before : 0;
			if (at->y + sb + p->box_height > height + EPS)
				sb = 0;
		}
	}
	if (at->page != was && at->y == 0 && p->repeat_head > 0 &&
	    p->repeat_head - 1 < pi) {
		const struct lay_para *h = &paras[p->repeat_head - 1];

		place(out, at->page, p->repeat_head - 1, LAY_NO_LINE, 0, h->box_height);
		out->places[out->nplaces - 1].repeat = 1;
		at->y = h->box_height;
	}
	place(out, at->page, pi, LAY_NO_LINE, at->y + sb, p->box_height);
	at->y += sb + p->box_height + p->space_after;
}

void lay_run(const struct lay_para *paras, size_t n, double width,
	     double height, const struct lay_measure *m,
	     struct lay_result *out)
{
	size_t *first = xcalloc(n + 1, sizeof(*first));
	size_t *nlines = xcalloc(n + 1, sizeof(*nlines));
	struct cursor at = { 0, 0 };

	for (size_t pi = 0; pi < n; pi++) {
		first[pi] = out->nlines;
		if (paras[pi].box_height <= 0)
			nlines[pi] = lay_break(paras, pi, width, m, out);
	}
	for (size_t pi = 0; pi < n; pi++) {
		const struct lay_para *p = &paras[pi];
		double sb = at.y > 0 ? p->space_before : 0;
		double lead = p->leading, need;
		size_t k = nlines[pi];

		if (p->box_height > 0) {
			place_box(paras, n, pi, height, out, &at);
			continue;
		}
		if (k == 0)
			continue;
		/* No lone first line at the foot of a page, and a heading
		 * goes with what follows it. */
		need = (double)(k < 2 ? k : 2) * lead;
		if (p->keep_with_next)
			need = (double)k * lead +
			       start_height(paras, n, pi + 1, nlines, height);
		if (at.y > 0 && at.y + sb + need > height + EPS)
			at.page++, at.y = 0, sb = 0;
		for (size_t l = 0; l < k; l++) {
			int full = at.y + sb + lead > height + EPS;
			/* No lone last line at the head of the next page:
			 * the line before it goes over too. */
			int widow = l >= 2 && l + 2 == k &&
				    at.y + sb + 2 * lead > height + EPS;

			if (at.y > 0 && (full || widow))
				at.page++, at.y = 0, sb = 0;
			place(out, at.page, pi, first[pi] + l, at.y + sb, lead);
			at.y += sb + lead;
			sb = 0;
		}
		at.y += p->space_after;
	}
	if (out->npages == 0)
		out->npages = 1;
	free(first);
	free(nlines);
}

void lay_result_free(struct lay_result *r)
{
	free(r->lines);
	free(r->places);
	memset(r, 0, sizeof(*r));
}
