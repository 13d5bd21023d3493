/* The files `gongshi init` puts in a new site: their paths and bytes.
 *
 * Knows what a new site holds and nothing about writing it.  The data
 * files' header rows come from the schema tables (load/schema.h), so a new
 * site always matches the data contract. */
#ifndef GONGSHI_INIT_FILES_H
#define GONGSHI_INIT_FILES_H

#include <stddef.h>

#include "model/model.h"
#include "util/buf.h"

struct init_file {
	char *path; /* relative to the site, '/'-separated; owned */
	buf text;   /* the file's bytes; owned */
};

/* Every file of a new site, in the order to write them; the folders are
 * the paths' parents.  `today` dates the example news item and names its
 * file.  Returns the count; the array and its contents are the caller's,
 * freed with init_files_free(). */
size_t init_files(struct init_file **files, struct date today);
void init_files_free(struct init_file *files, size_t n);

#endif
