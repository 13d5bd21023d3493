#include "model/page_use.h"

#include <string.h>

/* The names at the top of a built site besides the content pages' own
 * folders (tests/sh/content-pages.sh checks the list against a real
 * build), and "index" and "404": index/ and 404/ would not clash, but
 * a clerk writing them means the home page or the not-found page, which
 * come from index.md and the theme. */
static const char *const site_names[] = {
	"index", "index.html", "404", "404.html", "plan", "communities", "units",
	"items", "group", "news", "search", "search-index", "search-index.js",
	"search-index.json", "assets", "notices", "feed.xml", "sitemap.xml",
	"robots.txt", NULL,
};

/* strcmp for ASCII letters in either case: the output may be copied to
 * a disk that does not tell "Plan" from "plan". */
static int same_name(const char *x, const char *y)
{
	for (; *x && *y; x++, y++) {
		char a = *x >= 'A' && *x <= 'Z' ? (char)(*x - 'A' + 'a') : *x;
		char b = *y >= 'A' && *y <= 'Z' ? (char)(*y - 'A' + 'a') : *y;

		if (a != b)
			return 0;
	}
	return *x == *y;
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

void site_place_pages(struct site *s, diags *d)
{
	for (size_t i = 0; i < s->npages; i++)
		s->pages[i].use = page_use_of(&s->pages[i], d);
}
