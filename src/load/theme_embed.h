/* The default theme compiled into gongshi, so that a site builds wherever
 * the program runs: from the source tree, after `make install` under any
 * PREFIX or DESTDIR, from the .deb, or as a copied binary.
 *
 * The definitions are generated at build time from themes/default/ by
 * tools/embed_theme.c (Makefile: $(B)/gen/theme_default.c).  A site's
 * themes/default/ and layouts/ override it file by file (theme_dir.h). */
#ifndef GONGSHI_THEME_EMBED_H
#define GONGSHI_THEME_EMBED_H

#include <stddef.h>

struct theme_embed_file {
	const char *name;	    /* relative: "templates/home.html" */
	const unsigned char *data;  /* `len` bytes and a NUL after them */
	size_t len;
};

/* In byte order of name; static, never freed. */
extern const struct theme_embed_file theme_embed_default[];
extern const size_t theme_embed_default_count;

#endif
