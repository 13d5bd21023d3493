/* A content page as load/ reads it: front matter and body of one Markdown
 * file of content/.  load/content.c lists the files, front_matter_parse()
 * (load/front_matter.h) reads each; model/ then decides its use and links it to communities, and the
 * renderers read it.  Every string lives in the site's arena. */
#ifndef GONGSHI_PAGE_H
#define GONGSHI_PAGE_H

#include <stddef.h>

#include "load/date.h"
#include "load/srcpos.h"

/* A Markdown file from content/: front matter plus body. */
/* What a content page becomes, decided once from its path by
 * page_use_place() (model/page_use.c); the renderers only read it. */
enum page_use {
	PAGE_USE_NONE,	    /* nothing: the loader has warned at the file */
	PAGE_USE_HOME,	    /* index.md: the home page's text */
	PAGE_USE_PLAN,	    /* plan.md: the plan page */
	PAGE_USE_NEWS,	    /* news/ and below: a news item */
	PAGE_USE_COMMUNITY, /* communities/ and below: a community's text */
	PAGE_USE_OWN,	    /* any other file in content/: SLUG/index.html */
};

struct page {
	const char *path;  /* relative to content/, e.g. "news/2022-05-start.md" */
	const char *slug;  /* file name without .md */
	const char *title; /* front matter `title`, "" if none */
	const char *summary;
	struct date date;
	const char *body_md;	/* Markdown after the front matter */
	unsigned body_line;	/* line of the body's first line in the file */
	const char **communities; /* front matter `communities`: ids */
	size_t ncommunities;
	struct srcpos pos;
	enum page_use use; /* set by the loader after reading */
};

#endif
