/* Change detection for `gongshi serve`: a fingerprint of a site's inputs,
 * compared from one tick to the next.
 *
 * The fingerprint is the sum of one hash per folder (its path and the
 * name, type, size, inode and times of each entry), so that it can be
 * kept up to date a folder at a time.  Looking at every file on every
 * tick costs one stat a file: at 55,000 communities with ten photos each,
 * 660,000 of them, four seconds, twice a second.  So, on Linux, inotify
 * says which folders changed and only those are looked at again; and a
 * whole look still comes round now and then (every tick when it is cheap,
 * at most a twentieth of the time when it is not), because inotify does
 * not see an edit made on another machine to a network share, where
 * offices keep their spreadsheets, nor one to a file a link points at.
 * Without inotify (another system, or too many folders for the user's
 * limit on watches) every tick looks at everything, as POSIX allows.
 * Owns: struct watch and its inotify descriptor. */
#ifndef GONGSHI_WATCH_H
#define GONGSHI_WATCH_H

#include "util/hash.h"

struct watch;

/* Starts watching site.yaml and every file under data/, content/,
 * themes/ and layouts/ of `site_dir` (name, type, size, inode, change and
 * modification times to the nanosecond), following symbolic links; leaves
 * out the output folder `out_dir` and the temporary folders a build makes
 * beside it, wherever they are, and the editors' hidden and backup files
 * (".x", "x~"), which no loader reads.  With `notify` 0, or where inotify
 * cannot be had, every watch_poll looks at everything.  Never fails. */
struct watch *watch_open(const char *site_dir, const char *out_dir, int notify);
/* The fingerprint now: with `full`, or without inotify, every file looked
 * at; else only the folders inotify named since the last call. */
struct hash_value watch_poll(struct watch *w, int full);
/* 1 when the next watch_poll should look at everything: inotify is not
 * at work, or the last whole look is long enough ago (twenty times what
 * it took). */
int watch_full_due(const struct watch *w);
/* 1 when inotify is at work. */
int watch_notifies(const struct watch *w);
/* Accepts NULL. */
void watch_close(struct watch *w);

/* One whole look, without inotify: watch_poll(w, 1)'s value. */
struct hash_value watch_fingerprint(const char *site_dir, const char *out_dir);
/* 1 when two fingerprints are the same. */
int watch_same(struct hash_value a, struct hash_value b);

#endif
