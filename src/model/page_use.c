#include "model/page_use.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* The names at the top of a built site besides the content pages' own
 * folders (tests/sh/content-pages.sh checks the list against a real
 * build), and "index" and "404": index/ and 404/ would not clash, but
 * a clerk writing them means the home page or the not-found page, which
 * come from index.md and the theme. */
static const char *const site_names[] = {
	"index", "index.html", "404", "404.html", "plan", "communities", "units",
	"items", "group", "news", "search", "search-index", "search-index.js",
	"search-index.json", "assets", "notices", "feed.xml", "sitemap.xml",
	"robots.txt", "progress", "results", NULL,
};

static unsigned char lower(char c)
{
	return (unsigned char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

/* strcmp with ASCII letters in either case equal: the output may be
 * copied to a disk that does not tell "Plan" from "plan". */
static int name_cmp(const char *x, const char *y)
{
	for (; *x && lower(*x) == lower(*y); x++, y++)
		;
	return (int)lower(*x) - (int)lower(*y);
}

static int same_name(const char *x, const char *y)
{
	return name_cmp(x, y) == 0;
}

static const char *site_name_taken(const char *slug)
{
	for (size_t i = 0; site_names[i]; i++)
		if (same_name(slug, site_names[i]))
			return site_names[i];
	return NULL;
}

/* The use of a page in content/ itself, with a warning when none. */
static enum page_use top_level_use(const struct page *p, diags *d)
{
	const char *taken;

	if (strcmp(p->path, "index.md") == 0)
		return PAGE_USE_HOME;
	if (strcmp(p->path, "plan.md") == 0)
		return PAGE_USE_PLAN;
	if ((taken = site_name_taken(p->slug)) == NULL)
		return PAGE_USE_OWN;
	diag_warning(d, p->pos.file, 0, 0, p->slug,
		     "文件名“%s.md”与网站自带的“%s”重名（不分大小写），这篇文章不会发布；"
		     "请在文件管理器中给它换一个名字，例如“%s-说明.md”",
		     p->slug, taken, p->slug);
	return PAGE_USE_NONE;
}

static enum page_use page_use_of(const struct page *p, diags *d)
{
	const char *slash = strchr(p->path, '/');

	if (slash == NULL)
		return top_level_use(p, d);
	if (strncmp(p->path, "news/", 5) == 0)
		return PAGE_USE_NEWS;
	if (strncmp(p->path, "communities/", 12) == 0)
		return PAGE_USE_COMMUNITY;
	diag_warning(d, p->pos.file, 0, 0, NULL,
		     "文件夹“%.*s”中的文章不会发布：content 下只读 news（工作动态）和 "
		     "communities（小区改造方案）两个文件夹；请把文件移到 content 下"
		     "（单独成为一页），或移到 content/news 下（作为一条动态）",
		     (int)(slash - p->path), p->path);
	return PAGE_USE_NONE;
}

/* Whether two pages of one use take one place.  A community's text is
 * found by its id, exactly: one differing in case names no community,
 * which validate.c reports. */
static int place_cmp(const struct page *a, const struct page *b)
{
	return a->use == PAGE_USE_COMMUNITY ? strcmp(a->slug, b->slug)
					    : name_cmp(a->slug, b->slug);
}

static int by_use_and_place(const void *x, const void *y)
{
	const struct page *a = *(const struct page *const *)x;
	const struct page *b = *(const struct page *const *)y;
	int c = place_cmp(a, b);

	if (a->use != b->use)
		return a->use < b->use ? -1 : 1;
	return c ? c : strcmp(a->path, b->path);
}

/* `p` is published where `first` is already: an error at `p`. */
static void clash(const struct page *p, const struct page *first, diags *d)
{
	if (p->use == PAGE_USE_COMMUNITY)
		diag_error(d, p->pos.file, 0, 0, p->slug,
			   "与“%s”都是小区“%s”的改造方案，只能有一个；"
			   "请把两个文件合并成一个",
			   first->pos.file, first->slug);
	else
		diag_error(d, p->pos.file, 0, 0, p->slug,
			   "与“%s”会发布到同一个网址“%s%s/”（文件名相同，不分大小写）；"
			   "请在文件管理器中给其中一个换一个名字",
			   first->pos.file, p->use == PAGE_USE_NEWS ? "news/" : "", first->slug);
}

/* Pages of one use with one name, ASCII case aside, would be written
 * to one place: news/2022/x.md and news/x.md are both news/x/, About.md
 * and about.md one folder on a Windows or macOS disk, and two texts of
 * community x would leave one unseen.  The first in path order keeps
 * the place; an error names each other one and it. */
static void check_clashes(struct site *s, diags *d)
{
	const struct page **v = xmalloc((s->npages + 1) * sizeof(*v));
	size_t n = 0;

	for (size_t i = 0; i < s->npages; i++)
		if (s->pages[i].use == PAGE_USE_NEWS || s->pages[i].use == PAGE_USE_OWN ||
		    s->pages[i].use == PAGE_USE_COMMUNITY)
			v[n++] = &s->pages[i];
	if (n > 1)
		qsort(v, n, sizeof(*v), by_use_and_place);
	for (size_t i = 1, first = 0; i < n; i++) {
		if (v[i]->use != v[first]->use || place_cmp(v[i], v[first]) != 0)
			first = i;
		else
			clash(v[i], v[first], d);
	}
	free(v);
}

void page_use_place(struct site *s, diags *d)
{
	for (size_t i = 0; i < s->npages; i++)
		s->pages[i].use = page_use_of(&s->pages[i], d);
	check_clashes(s, d);
}
