/* inotify for watch.c (watch_notify.h). */
#include "cli/watch_notify.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/xalloc.h"

#ifdef __linux__
#include <sys/inotify.h>

/* What can change a folder's entries or a file's bytes, times or mode. */
#define MASK                                                                          \
	(IN_ATTRIB | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_DELETE_SELF | IN_MODIFY | \
	 IN_MOVE_SELF | IN_MOVED_FROM | IN_MOVED_TO)

struct watch_notify {
	int fd;
	int *wds;
	size_t n, cap;
};

struct watch_notify *watch_notify_open(void)
{
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	struct watch_notify *n;

	if (fd < 0)
		return NULL;
	n = xcalloc(1, sizeof(*n));
	n->fd = fd;
	return n;
}

int watch_notify_add(struct watch_notify *n, const char *path)
{
	int wd = inotify_add_watch(n->fd, path, MASK);

	return wd >= 0 ? wd : errno == ENOSPC || errno == ENOMEM ? -2 : -1;
}

static int by_number(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* Sorts the numbers gathered and drops repeats. */
static void settle(struct watch_notify *n)
{
	size_t k = 0;

	if (n->n < 2)
		return;
	qsort(n->wds, n->n, sizeof(*n->wds), by_number);
	for (size_t i = 0; i < n->n; i++)
		if (k == 0 || n->wds[k - 1] != n->wds[i])
			n->wds[k++] = n->wds[i];
	n->n = k;
}

long watch_notify_changed(struct watch_notify *n, int (*ignored)(const char *name))
{
	/* Aligned as the kernel's records are. */
	_Alignas(struct inotify_event) char events[16384];
	int lost = 0;
	ssize_t got;

	n->n = 0;
	while ((got = read(n->fd, events, sizeof(events))) > 0) {
		for (char *p = events; p < events + got;) {
			const struct inotify_event *e = (const struct inotify_event *)(void *)p;

			p += sizeof(*e) + e->len;
			if (e->mask & IN_Q_OVERFLOW)
				lost = 1;
			if (e->wd < 0 || (e->len > 0 && ignored(e->name)))
				continue;
			n->wds = xgrow(n->wds, &n->cap, n->n + 1, sizeof(*n->wds));
			n->wds[n->n++] = e->wd;
		}
	}
	settle(n);
	return lost ? -1 : (long)n->n;
}

int watch_notify_named(const struct watch_notify *n, int wd)
{
	return n->n > 0 && bsearch(&wd, n->wds, n->n, sizeof(*n->wds), by_number) != NULL;
}

void watch_notify_close(struct watch_notify *n)
{
	if (n == NULL)
		return;
	close(n->fd);
	free(n->wds);
	free(n);
}

#else /* no inotify: watch.c looks at everything on every tick */

struct watch_notify *watch_notify_open(void)
{
	return NULL;
}

int watch_notify_add(struct watch_notify *n, const char *path)
{
	(void)n;
	(void)path;
	return -2;
}

long watch_notify_changed(struct watch_notify *n, int (*ignored)(const char *name))
{
	(void)n;
	(void)ignored;
	*wds = NULL;
	return -1;
}

void watch_notify_close(struct watch_notify *n)
{
	(void)n;
}

#endif
