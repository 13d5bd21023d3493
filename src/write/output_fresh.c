/* The folders of a tree filled from empty (output_priv.h,
 * output_fresh_folder): its top folders opened once, the folders below
 * them made beneath those descriptors. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "write/output_fs.h"
#include "write/output_priv.h"
#include "util/xalloc.h"

/* The descriptor of the top folder `name` (`n` bytes) of the tree
 * being filled, made when missing, opened once and kept until
 * output_free(); the caller does not close it.  -1 with errno, or -2
 * when OUTPUT_TOPS_MAX are kept already. */
static int top_folder(struct output *o, const char *name, size_t n)
{
	int fd = -2;
	const char *base;

	pthread_mutex_lock(&o->lock);
	for (size_t i = 0; i < o->ntops && fd == -2; i++)
		if (strncmp(o->tops[i].name, name, n) == 0 && o->tops[i].name[n] == '\0')
			fd = o->tops[i].fd;
	if (fd == -2 && o->ntops < OUTPUT_TOPS_MAX) {
		char *top = xstrndup(name, n), *below = xmalloc(n + 3);

		/* Made and opened as any folder is: beneath tmp_fd, never
		 * through a link; "TOP/x" names TOP as the folder above x. */
		memcpy(below, name, n);
		memcpy(below + n, "/x", 3);
		fd = output_fs_parent(o->tmp_fd, below, 1, &base);
		free(below);
		if (fd >= 0) {
			o->tops[o->ntops].name = top;
			o->tops[o->ntops++].fd = fd;
		} else {
			free(top);
		}
	}
	pthread_mutex_unlock(&o->lock);
	return fd;
}

int output_fresh_folder(struct output *o, const char *relpath, int open_it)
{
	const char *first = strchr(relpath, '/'), *last = strrchr(relpath, '/');
	char *name;
	int top, fd = 0;

	if (o->in_place || first == NULL || first == last ||
	    memchr(first + 1, '/', (size_t)(last - first - 1)) != NULL)
		return -2;
	top = top_folder(o, relpath, (size_t)(first - relpath));
	if (top < 0)
		return top;
	name = xstrndup(first + 1, (size_t)(last - first - 1));
	if (mkdirat(top, name, 0755) < 0 && errno != EEXIST)
		fd = -1;
	else if (open_it)
		fd = openat(top, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	free(name);
	return fd;
}

void output_fresh_free(struct output *o)
{
	for (size_t i = 0; i < o->ntops; i++) {
		close(o->tops[i].fd);
		free(o->tops[i].name);
	}
	o->ntops = 0;
}
