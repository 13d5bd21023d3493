/* Where a record came from: the file and line every loaded value keeps, so
 * that model/ and the renderers can point a message at it.  Plain data, no
 * ownership: `file` is borrowed (the site's arena). */
#ifndef GONGSHI_SRCPOS_H
#define GONGSHI_SRCPOS_H

/* Where a record came from, for diagnostics.  `file` is the path as shown
 * to the user. */
struct srcpos {
	const char *file;
	unsigned line;
};

#endif
