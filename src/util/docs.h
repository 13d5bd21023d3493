/* Where a message sends the user to read more: only to documents the user
 * has (issue 16, point 3), never to the source tree's docs/.
 *
 * `gongshi init` puts the office's table guide into every new site as
 * 数据表格说明.txt (cli/init_files.c), and `make install` and the .deb put
 * the office guides (the Markdown files of docs/zh) into GONGSHI_DOCDIR, which the Makefile
 * compiles in from PREFIX.  tests/sh/init.sh and tests/sh/deb.sh check that
 * both files are where these texts say. */
#ifndef GONGSHI_DOCS_H
#define GONGSHI_DOCS_H

#ifndef GONGSHI_DOCDIR
#define GONGSHI_DOCDIR "/usr/local/share/doc/gongshi"
#endif

/* The table guide, for a message that ends "见" DOCS_TABLE_GUIDE. */
#define DOCS_TABLE_GUIDE "网站目录里的“数据表格说明.txt”或 " GONGSHI_DOCDIR "/数据表格说明.md"

#endif
