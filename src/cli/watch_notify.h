/* Which folders changed, from the kernel (inotify, Linux), for watch.c.
 * Elsewhere every call says "not here" and watch.c looks at everything
 * on every tick.  Owns: the inotify descriptor. */
#ifndef GONGSHI_WATCH_NOTIFY_H
#define GONGSHI_WATCH_NOTIFY_H

#include <stddef.h>

struct watch_notify;

/* NULL where inotify cannot be had. */
struct watch_notify *watch_notify_open(void);
/* Watches the folder at `path` (following a link to it): its watch
 * number; -1 when it cannot be watched (gone meanwhile, unreadable);
 * -2 when no more folders can be watched (the user's limit,
 * fs.inotify.max_user_watches): then inotify is no use at all. */
int watch_notify_add(struct watch_notify *n, const char *path);
/* Gathers the watch numbers of the folders that changed since the last
 * call (a change to a hidden or backup file, `ignored`, does not count):
 * how many, or -1 when the kernel lost count (its queue overflowed):
 * look at everything. */
long watch_notify_changed(struct watch_notify *n, int (*ignored)(const char *name));
/* 1 when the folder watched as `wd` is among those the last
 * watch_notify_changed gathered. */
int watch_notify_named(const struct watch_notify *n, int wd);
/* Accepts NULL. */
void watch_notify_close(struct watch_notify *n);

#endif
