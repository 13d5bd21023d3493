/* The sizes of the spare's files in trusted folders (spare_sizes.h). */
#include "write/spare_sizes.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xalloc.h"

/* What the manifest lists right in one recorded folder. */
struct seen {
	unsigned long long names; /* the sum of its names' hashes */
	size_t count;
	const char *last;	/* the last name, NULL before the first */
	const char *sizes;	/* the record's SIZES still to give; NULL: none */
	int unsorted;		/* a name came after a greater one */
};

/* The record of the folder holding `path` when it is trusted, or
 * STRMAP_NONE (a file at the top, a folder not recorded or not
 * trusted); *name set to the name in it.  The last folder looked up is
 * kept in `dir`: the files of a folder come one after the other. */
static size_t trusted_folder(const struct folder_stamps *s, const unsigned char *trusted,
			     const char *path, buf *dir, size_t *last, const char **name)
{
	const char *slash = strrchr(path, '/');
	size_t k = folder_stamps_folder_of(&s->index, path, dir, last);

	*name = slash ? slash + 1 : path;
	return k != STRMAP_NONE && trusted[k] ? k : STRMAP_NONE;
}

/* 1 when the record `k` names exactly the files `w` saw listed. */
static int names_match(const struct folder_stamps *s, size_t k, const struct seen *w)
{
	const char *cursor = s->sizes[k];
	unsigned long long size;
	size_t n = 0;

	while (folder_stamps_next_size(&cursor, &size))
		n++;
	return !w->unsorted && n == w->count && w->names == s->names[k];
}

size_t spare_sizes_mark(struct listing *spare, const struct folder_stamps *s,
			const unsigned char *trusted)
{
	size_t n = listing_count(spare), last = STRMAP_NONE, k, given = 0;
	struct seen *seen;
	buf dir = BUF_INIT;
	const char *name;

	if (s->n == 0 || n == 0)
		return 0;
	seen = xcalloc(s->n, sizeof(*seen));
	for (size_t i = 0; i < n; i++) {
		struct seen *w;

		k = trusted_folder(s, trusted, listing_path(spare, i), &dir, &last, &name);
		if (k == STRMAP_NONE)
			continue;
		w = &seen[k];
		/* The record's SIZES follow the names' order (strcmp). */
		w->unsorted |= w->last && strcmp(w->last, name) >= 0;
		w->last = name;
		w->names += folder_stamps_name_hash(name);
		w->count++;
	}
	for (k = 0; k < s->n; k++)
		if (seen[k].count && trusted[k] && names_match(s, k, &seen[k]))
			seen[k].sizes = s->sizes[k];
	buf_reset(&dir);
	last = STRMAP_NONE;
	for (size_t i = 0; i < n; i++) {
		unsigned long long size;

		k = trusted_folder(s, trusted, listing_path(spare, i), &dir, &last, &name);
		if (k == STRMAP_NONE || seen[k].sizes == NULL ||
		    !folder_stamps_next_size(&seen[k].sizes, &size))
			continue;
		if (size != FOLDER_STAMPS_NO_SIZE && size != LISTING_NO_SIZE) {
			listing_set_size(spare, i, size);
			given++;
		}
	}
	free(seen);
	buf_free(&dir);
	return given;
}
