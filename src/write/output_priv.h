/* The output being written, shared by output.c (writing and the swap),
 * output_keep.c (the spare's files kept as they are),
 * output_fresh.c (the folders of a tree filled from empty),
 * output_spare.c (the spare and pruning) and output_recover.c (what a
 * killed build left).  Private to those files. */
#ifndef GONGSHI_OUTPUT_PRIV_H
#define GONGSHI_OUTPUT_PRIV_H

#include <pthread.h>
#include <stddef.h>

#include "write/listing.h"
#include "util/buf.h"

/* More top folders than a site has: beyond, folders are made the long way. */
#define OUTPUT_TOPS_MAX 32

/* A folder of the spare that output_keep looks at files in, open beneath
 * tmp_fd (O_PATH): the derivatives of a photo and the photos of a
 * community are kept one after the other from the same folder, so each is
 * looked at with one fstatat rather than an openat2, an fstat and a close
 * (at 55,000 communities with 10 photos, 1.6 million calls a rebuild). */
enum { OUTPUT_KEEP_DIRS = 4 };
struct output_keep_dir {
	char *path;	/* below tmp; malloc'd; NULL: the slot is free */
	int fd;
	unsigned users; /* threads looking in it now: not closed meanwhile */
};

struct output {
	char *final;	/* the output folder as given */
	char *tmp;	/* the folder being written */
	char *scratch;	/* beside it, for files that are not output */
	int in_place;	/* tmp is the spare, updated rather than filled */
	int tmp_fd;	/* tmp, opened: every write goes beneath it */
	int final_fd;	/* the live output, or -1: files are linked from it */
	buf folders;	/* the record of tmp's folders (folder_stamps.h), or empty */
	int kept_old;	/* the swap kept the old output as the spare */
	pthread_mutex_t lock; /* guards what follows */
	/* In a tree filled from empty: its top folders (communities/,
	 * units/ …) opened once, so that each folder made below one is a
	 * mkdirat beneath a kept descriptor (output_fresh.c). */
	struct output_top { char *name; int fd; } tops[OUTPUT_TOPS_MAX];
	size_t ntops;
	unsigned long long bytes;
	int failed;
	/* Every file of this build (LISTING_MADE) and every key noted
	 * (output_note_key): one record and one copy of the path a file. */
	struct listing files;
	pthread_mutex_t keep_lock; /* guards what follows */
	struct output_keep_dir keep_dirs[OUTPUT_KEEP_DIRS];
	unsigned keep_next; /* the slot taken next, round robin */
};

#define OUTPUT_TMP_MARK ".tmp-"
#define OUTPUT_OLD_MARK ".old-"
#define OUTPUT_SPARE_MARK ".spare"
/* Beside the live output: the record of its folders, for the day it is
 * the spare (folder_stamps.h). */
#define OUTPUT_FOLDERS_MARK ".folders"

/* In a tree filled from empty (a clean build, a first edit), most files
 * are the first of a new folder one below a top folder:
 * communities/ID/index.html.  That folder is made with one mkdirat
 * beneath the top folder's kept descriptor, instead of a failed open,
 * an open of the top folder and a close; with `open_it` it is opened
 * too (never through a link).  0 (or the descriptor with `open_it`);
 * -1 with errno; -2 when `relpath` is not TOP/NAME/BASE, or the tree is
 * the spare (its folders are there already): the caller's usual way. */
int output_fresh_folder(struct output *o, const char *relpath, int open_it);
/* Closes the top folders output_fresh_folder kept (output_fresh.c). */
void output_fresh_free(struct output *o);
/* Counts a file of this build and remembers its path and its key (NULL:
 * none), under one taking of the lock (output.c). */
void output_note(struct output *o, const char *relpath, unsigned long long size,
		 const struct hash_value *key);
/* Closes the kept folders and destroys keep_lock (output_keep.c). */
void output_keep_free(struct output *o);
/* Closes and frees `o` and removes its scratch folder (output.c). */
void output_free(struct output *o);
/* Splits OUT into its parent folder and base name. */
void output_split_path(const char *path, buf *dir, buf *base);
/* The previous output, now at `old`: kept as the spare with `keep` when
 * nothing is at OUT.spare (o->kept_old set), else removed
 * (output_spare.c). */
void output_retire(struct output *o, const char *old, int keep);
/* After a swap: the record beside the output (of the output replaced)
 * goes into that tree when it was kept as the spare, and o->folders
 * takes its place (output_spare.c). */
void output_pass_folders(const struct output *o);

#endif
