/* faultshim: an LD_PRELOAD library that kills the program, fails its
 * writes, or logs every path it writes, at chosen calls.  tests/sh/faults.sh
 * builds it with `cc -shared -fPIC` and runs gongshi under it.
 *
 *   FAULT_KILL=OP:N        raise SIGKILL at the Nth matching call of OP,
 *                          before the call is made ...
 *   FAULT_KILL_AFTER=1     ... or right after it returns
 *   FAULT_KILL_MATCH=TEXT  count only calls whose path contains TEXT
 *   FAULT_FAIL=OP:ERR:N    the Nth and every later matching call of OP
 *                          fails with errno ERR (ENOSPC, EIO, EACCES,
 *                          EDQUOT, EROFS, EINVAL, EPERM) and does nothing
 *   FAULT_FAIL_MATCH=TEXT  count only calls whose path contains TEXT
 *   FAULT_LOG=FILE         append "OP<TAB>/absolute/path" for every call
 *                          that creates, opens for writing, renames (both
 *                          paths), links, removes or chmods a path
 *
 * OP is a class or a function name: open (opens that may write: open,
 * openat, creat, fopen "w"/"a"/"+", mkstemp), openr (read-only opens),
 * write (write, fwrite; to files opened under the shim only, so stdout and
 * stderr are never counted), mkdir (mkdir, mkdirat, mkdtemp), rename
 * (rename, renameat, renameat2), link (link, linkat, symlink, symlinkat),
 * unlink (unlink, unlinkat), remove, rmdir, chmod, fsync.  openat2, which
 * glibc reaches only through syscall(2), counts as openat.  A call's path is
 * made absolute and "."/".." are applied to it, without resolving symlinks;
 * a write's path is the path its descriptor was opened with.
 *
 * Only calls that cross into libc through the dynamic linker are seen:
 * fopen's own open(), or the rmdir inside remove(), are not (glibc calls
 * those internally), which is why fopen and remove are wrapped too.
 *
 * This is test scaffolding: the rules and counters are process-wide state
 * by nature.  The counters are atomic because gongshi writes from several
 * threads. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct rule {
	int on;
	char op[128];
	long n;
	int err;
	int after;
	char match[256];
	atomic_long count;
};

static struct rule kill_rule, fail_rule;
static int log_fd = -1;

/* The path each descriptor opened for writing was opened with; never
 * freed, as a racing write() may still read it (a build opens a few
 * hundred files). */
#define MAX_FD 4096
static _Atomic(char *) fd_path[MAX_FD];

static int (*real_openat)(int, const char *, int, ...);
static FILE *(*real_fopen)(const char *, const char *);
static int (*real_mkstemp)(char *);
static char *(*real_mkdtemp)(char *);
static ssize_t (*real_write)(int, const void *, size_t);
static size_t (*real_fwrite)(const void *, size_t, size_t, FILE *);
static int (*real_close)(int);
static int (*real_fclose)(FILE *);
static int (*real_mkdirat)(int, const char *, mode_t);
static int (*real_renameat)(int, const char *, int, const char *);
static int (*real_renameat2)(int, const char *, int, const char *, unsigned);
static int (*real_linkat)(int, const char *, int, const char *, int);
static int (*real_symlinkat)(const char *, int, const char *);
static int (*real_unlinkat)(int, const char *, int);
static int (*real_remove)(const char *);
static int (*real_fchmodat)(int, const char *, mode_t, int);
static int (*real_fsync)(int);
static long (*real_syscall)(long, ...);

#define RESOLVE(name, sym) (*(void **)&real_##name = dlsym(RTLD_NEXT, sym))

static void resolve_all(void)
{
	RESOLVE(openat, "openat");
	RESOLVE(fopen, "fopen");
	RESOLVE(mkstemp, "mkstemp");
	RESOLVE(mkdtemp, "mkdtemp");
	RESOLVE(write, "write");
	RESOLVE(fwrite, "fwrite");
	RESOLVE(close, "close");
	RESOLVE(fclose, "fclose");
	RESOLVE(mkdirat, "mkdirat");
	RESOLVE(renameat, "renameat");
	RESOLVE(renameat2, "renameat2");
	RESOLVE(linkat, "linkat");
	RESOLVE(symlinkat, "symlinkat");
	RESOLVE(unlinkat, "unlinkat");
	RESOLVE(remove, "remove");
	RESOLVE(fchmodat, "fchmodat");
	RESOLVE(fsync, "fsync");
	RESOLVE(syscall, "syscall");
}

static int errno_named(const char *s)
{
	static const struct {
		const char *name;
		int value;
	} names[] = {
		{ "ENOSPC", ENOSPC }, { "EIO", EIO }, { "EACCES", EACCES },
		{ "EDQUOT", EDQUOT }, { "EROFS", EROFS }, { "EINVAL", EINVAL },
		{ "EPERM", EPERM },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i].name) == 0)
			return names[i].value;
	return atoi(s) > 0 ? atoi(s) : EIO;
}

/* "OP:N" (with_err 0) or "OP:ERR:N" into `r`. */
static void parse_rule(struct rule *r, const char *spec, int with_err,
		       const char *match)
{
	char buf[128];
	char *colon, *rest;

	if (spec == NULL || *spec == '\0')
		return;
	snprintf(buf, sizeof(buf), "%s", spec);
	colon = strchr(buf, ':');
	if (colon == NULL)
		return;
	*colon = '\0';
	snprintf(r->op, sizeof(r->op), "%s", buf);
	rest = colon + 1;
	if (with_err) {
		colon = strchr(rest, ':');
		if (colon == NULL)
			return;
		*colon = '\0';
		r->err = errno_named(rest);
		rest = colon + 1;
	}
	r->n = atol(rest);
	if (match)
		snprintf(r->match, sizeof(r->match), "%s", match);
	r->on = r->n > 0;
}

/* Another library's constructor may call in before ours has run. */
static void ready(void)
{
	if (real_openat == NULL)
		resolve_all();
}

__attribute__((constructor)) static void shim_init(void)
{
	const char *log = getenv("FAULT_LOG");
	const char *after = getenv("FAULT_KILL_AFTER");

	ready();
	parse_rule(&kill_rule, getenv("FAULT_KILL"), 0, getenv("FAULT_KILL_MATCH"));
	kill_rule.after = after && *after && strcmp(after, "0") != 0;
	parse_rule(&fail_rule, getenv("FAULT_FAIL"), 1, getenv("FAULT_FAIL_MATCH"));
	if (log && *log)
		log_fd = real_openat(AT_FDCWD, log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
}

/* Applies "." and ".." to the absolute path in `p`, in place. */
static void normalize(char *p)
{
	char *out = p, *in = p;

	while (*in) {
		char *seg;
		size_t n;

		while (*in == '/')
			in++;
		seg = in;
		while (*in && *in != '/')
			in++;
		n = (size_t)(in - seg);
		if (n == 0 || (n == 1 && seg[0] == '.'))
			continue;
		if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			while (out > p && *--out != '/')
				;
			continue;
		}
		*out++ = '/';
		memmove(out, seg, n);
		out += n;
	}
	if (out == p)
		*out++ = '/';
	*out = '\0';
}

/* `path` relative to `dirfd` as an absolute path in `out`. */
static void absolute(int dirfd, const char *path, char *out, size_t size)
{
	char base[PATH_MAX] = "";

	ready();
	if (path == NULL) {
		snprintf(out, size, "(null)");
		return;
	}
	if (path[0] != '/') {
		if (dirfd == AT_FDCWD) {
			if (getcwd(base, sizeof(base)) == NULL)
				base[0] = '\0';
		} else {
			char link[64];
			ssize_t n;

			snprintf(link, sizeof(link), "/proc/self/fd/%d", dirfd);
			n = readlink(link, base, sizeof(base) - 1);
			base[n > 0 ? n : 0] = '\0';
		}
	}
	snprintf(out, size, "%s/%s", base, path);
	normalize(out);
}

static void log_path(const char *op, const char *abs)
{
	char line[PATH_MAX + 64];
	int n;

	if (log_fd < 0)
		return;
	n = snprintf(line, sizeof(line), "%s\t%s\n", op, abs);
	if (n > 0 && real_write(log_fd, line, (size_t)n) < 0)
		return;
}

/* Whether the call (class `cls`, function `fn`, on `abs`) is one `r`
 * counts; if so, its number. */
static long counted(struct rule *r, const char *cls, const char *fn, const char *abs)
{
	if (!r->on || (strcmp(r->op, cls) != 0 && strcmp(r->op, fn) != 0))
		return 0;
	if (r->match[0] && (abs == NULL || strstr(abs, r->match) == NULL))
		return 0;
	return atomic_fetch_add(&r->count, 1) + 1;
}

static void die(const char *fn, const char *abs)
{
	log_path("KILL", abs);
	(void)fn;
	raise(SIGKILL);
}

/* Before a call: kills, or returns -1 with errno set when the call must
 * fail, or 1 when it must kill after it, or 0. */
static int before(const char *cls, const char *fn, const char *abs)
{
	long k = counted(&kill_rule, cls, fn, abs);
	long f;

	if (k && k == kill_rule.n) {
		if (!kill_rule.after)
			die(fn, abs);
		return 1;
	}
	f = counted(&fail_rule, cls, fn, abs);
	if (f && f >= fail_rule.n) {
		log_path("FAIL", abs);
		errno = fail_rule.err;
		return -1;
	}
	return 0;
}

static void after(int kill_now, const char *fn, const char *abs)
{
	if (kill_now == 1)
		die(fn, abs);
}

static void remember_fd(int fd, const char *abs)
{
	if (fd >= 0 && fd < MAX_FD)
		atomic_store(&fd_path[fd], strdup(abs));
}

static void forget_fd(int fd)
{
	if (fd >= 0 && fd < MAX_FD)
		atomic_store(&fd_path[fd], NULL);
}

static int do_openat(int dirfd, const char *path, int flags, mode_t mode, const char *fn)
{
	char abs[PATH_MAX];
	int writes = (flags & (O_CREAT | O_WRONLY | O_RDWR | O_TRUNC)) != 0;
	int k, fd, saved;

	absolute(dirfd, path, abs, sizeof(abs));
	k = before(writes ? "open" : "openr", fn, abs);
	if (k < 0)
		return -1;
	if (writes)
		log_path("open", abs);
	fd = real_openat(dirfd, path, flags, mode);
	saved = errno;
	if (writes)
		remember_fd(fd, abs);
	after(k, fn, abs);
	errno = saved;
	return fd;
}

#if defined(__linux__) && __has_include(<linux/openat2.h>)
#include <linux/openat2.h>
#include <sys/syscall.h>

/* openat2, which gongshi calls through syscall(2) (glibc had no wrapper
 * for years): seen as openat, so that the kills, failures and the log
 * cover the files a build writes beneath its folders.  The other system
 * calls pass through.  Six arguments are read whatever the call, as the
 * kernel's calling convention does. */
long syscall(long number, ...)
{
	va_list ap;
	long a[6];

	va_start(ap, number);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	ready();
#ifdef SYS_openat2
	if (number == SYS_openat2) {
		const struct open_how *how = (const struct open_how *)a[2];
		const char *path = (const char *)a[1];
		int flags = (int)how->flags, k, saved;
		int writes = (flags & (O_CREAT | O_WRONLY | O_RDWR | O_TRUNC)) != 0;
		char abs[PATH_MAX];
		long fd;

		absolute((int)a[0], path, abs, sizeof(abs));
		k = before(writes ? "open" : "openr", "openat", abs);
		if (k < 0)
			return -1;
		if (writes)
			log_path("open", abs);
		fd = real_syscall(number, a[0], a[1], a[2], a[3], a[4], a[5]);
		saved = errno;
		if (writes)
			remember_fd((int)fd, abs);
		after(k, "openat", abs);
		errno = saved;
		return fd;
	}
#endif
	return real_syscall(number, a[0], a[1], a[2], a[3], a[4], a[5]);
}
#endif

#define MODE_ARG(flags, mode)                                                  \
	do {                                                                   \
		if ((flags) & (O_CREAT | O_TMPFILE)) {                         \
			va_list ap_;                                           \
			va_start(ap_, flags);                                  \
			mode = (mode_t)va_arg(ap_, int);                       \
			va_end(ap_);                                           \
		}                                                              \
	} while (0)

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	MODE_ARG(flags, mode);
	return do_openat(AT_FDCWD, path, flags, mode, "open");
}

int open64(const char *path, int flags, ...)
{
	mode_t mode = 0;

	MODE_ARG(flags, mode);
	return do_openat(AT_FDCWD, path, flags | O_LARGEFILE, mode, "open");
}

int openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;

	MODE_ARG(flags, mode);
	return do_openat(dirfd, path, flags, mode, "openat");
}

int openat64(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;

	MODE_ARG(flags, mode);
	return do_openat(dirfd, path, flags | O_LARGEFILE, mode, "openat");
}

int creat(const char *path, mode_t mode)
{
	return do_openat(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode, "creat");
}

int creat64(const char *path, mode_t mode)
{
	return do_openat(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC | O_LARGEFILE, mode,
			 "creat");
}

static FILE *do_fopen(const char *path, const char *mode)
{
	char abs[PATH_MAX];
	int writes = strpbrk(mode, "wa+") != NULL;
	int k, saved;
	FILE *f;

	absolute(AT_FDCWD, path, abs, sizeof(abs));
	k = before(writes ? "open" : "openr", "fopen", abs);
	if (k < 0)
		return NULL;
	if (writes)
		log_path("open", abs);
	f = real_fopen(path, mode);
	saved = errno;
	if (f && writes)
		remember_fd(fileno(f), abs);
	after(k, "fopen", abs);
	errno = saved;
	return f;
}

FILE *fopen(const char *path, const char *mode)
{
	return do_fopen(path, mode);
}

FILE *fopen64(const char *path, const char *mode)
{
	return do_fopen(path, mode);
}

int mkstemp(char *tmpl)
{
	char abs[PATH_MAX];
	int k, fd, saved;

	absolute(AT_FDCWD, tmpl, abs, sizeof(abs));
	k = before("open", "mkstemp", abs);
	if (k < 0)
		return -1;
	fd = real_mkstemp(tmpl);
	saved = errno;
	if (fd >= 0) {
		absolute(AT_FDCWD, tmpl, abs, sizeof(abs));
		log_path("open", abs);
		remember_fd(fd, abs);
	}
	after(k, "mkstemp", abs);
	errno = saved;
	return fd;
}

char *mkdtemp(char *tmpl)
{
	char abs[PATH_MAX];
	char *r;
	int k, saved;

	absolute(AT_FDCWD, tmpl, abs, sizeof(abs));
	k = before("mkdir", "mkdtemp", abs);
	if (k < 0)
		return NULL;
	r = real_mkdtemp(tmpl);
	saved = errno;
	if (r) {
		absolute(AT_FDCWD, tmpl, abs, sizeof(abs));
		log_path("mkdir", abs);
	}
	after(k, "mkdtemp", abs);
	errno = saved;
	return r;
}

static int write_check(int fd, const char *fn, int *k)
{
	const char *abs = fd >= 0 && fd < MAX_FD ? atomic_load(&fd_path[fd]) : NULL;

	ready();
	*k = 0;
	if (abs == NULL)
		return 0;
	*k = before("write", fn, abs);
	return *k < 0 ? -1 : 0;
}

ssize_t write(int fd, const void *data, size_t len)
{
	int k;
	ssize_t n;
	int saved;

	if (write_check(fd, "write", &k) < 0)
		return -1;
	n = real_write(fd, data, len);
	saved = errno;
	if (k == 1)
		die("write", atomic_load(&fd_path[fd]));
	errno = saved;
	return n;
}

size_t fwrite(const void *data, size_t size, size_t count, FILE *f)
{
	int fd = fileno(f);
	int k;
	size_t n;

	if (write_check(fd, "fwrite", &k) < 0)
		return 0;
	n = real_fwrite(data, size, count, f);
	if (k == 1)
		die("fwrite", atomic_load(&fd_path[fd]));
	return n;
}

int close(int fd)
{
	ready();
	forget_fd(fd);
	return real_close(fd);
}

int fclose(FILE *f)
{
	ready();
	forget_fd(fileno(f));
	return real_fclose(f);
}

int fsync(int fd)
{
	const char *abs = fd >= 0 && fd < MAX_FD ? atomic_load(&fd_path[fd]) : NULL;
	int k = abs ? before("fsync", "fsync", abs) : 0;
	int rc, saved;

	ready();
	if (k < 0)
		return -1;
	rc = real_fsync(fd);
	saved = errno;
	after(k, "fsync", abs);
	errno = saved;
	return rc;
}

/* One path, one call: mkdir, unlink, rmdir, remove, chmod. */
#define ONE_PATH(cls, fn, dirfd, path, call)                                   \
	do {                                                                   \
		char abs_[PATH_MAX];                                           \
		int k_, rc_, saved_;                                           \
		absolute(dirfd, path, abs_, sizeof(abs_));                     \
		k_ = before(cls, fn, abs_);                                    \
		if (k_ < 0)                                                    \
			return -1;                                             \
		log_path(cls, abs_);                                           \
		rc_ = (call);                                                  \
		saved_ = errno;                                                \
		after(k_, fn, abs_);                                           \
		errno = saved_;                                                \
		return rc_;                                                    \
	} while (0)

int mkdir(const char *path, mode_t mode)
{
	ONE_PATH("mkdir", "mkdir", AT_FDCWD, path, real_mkdirat(AT_FDCWD, path, mode));
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	ONE_PATH("mkdir", "mkdirat", dirfd, path, real_mkdirat(dirfd, path, mode));
}

int unlink(const char *path)
{
	ONE_PATH("unlink", "unlink", AT_FDCWD, path, real_unlinkat(AT_FDCWD, path, 0));
}

int unlinkat(int dirfd, const char *path, int flags)
{
	ONE_PATH((flags & AT_REMOVEDIR) ? "rmdir" : "unlink", "unlinkat", dirfd, path,
		 real_unlinkat(dirfd, path, flags));
}

int rmdir(const char *path)
{
	ONE_PATH("rmdir", "rmdir", AT_FDCWD, path,
		 real_unlinkat(AT_FDCWD, path, AT_REMOVEDIR));
}

int remove(const char *path)
{
	ONE_PATH("remove", "remove", AT_FDCWD, path, real_remove(path));
}

int chmod(const char *path, mode_t mode)
{
	ONE_PATH("chmod", "chmod", AT_FDCWD, path, real_fchmodat(AT_FDCWD, path, mode, 0));
}

/* Two paths, the second one created: rename and link. */
static int two_paths(const char *cls, const char *fn, int fd1, const char *p1, int fd2,
		     const char *p2, int op, int flags)
{
	char a[PATH_MAX], b[PATH_MAX];
	int k, rc, saved;

	absolute(fd1, p1, a, sizeof(a));
	absolute(fd2, p2, b, sizeof(b));
	/* A rename changes both paths; a link only creates the second. */
	k = before(cls, fn, b);
	if (k < 0)
		return -1;
	if (op == 'r')
		log_path(cls, a);
	log_path(cls, b);
	switch (op) {
	case 'r':
		rc = flags ? real_renameat2(fd1, p1, fd2, p2, (unsigned)flags)
			   : real_renameat(fd1, p1, fd2, p2);
		break;
	case 's':
		rc = real_symlinkat(p1, fd2, p2);
		break;
	default:
		rc = real_linkat(fd1, p1, fd2, p2, flags);
		break;
	}
	saved = errno;
	after(k, fn, b);
	errno = saved;
	return rc;
}

int rename(const char *from, const char *to)
{
	return two_paths("rename", "rename", AT_FDCWD, from, AT_FDCWD, to, 'r', 0);
}

int renameat(int fd1, const char *from, int fd2, const char *to)
{
	return two_paths("rename", "renameat", fd1, from, fd2, to, 'r', 0);
}

int renameat2(int fd1, const char *from, int fd2, const char *to, unsigned flags)
{
	return two_paths("rename", "renameat2", fd1, from, fd2, to, 'r', (int)flags);
}

int link(const char *from, const char *to)
{
	return two_paths("link", "link", AT_FDCWD, from, AT_FDCWD, to, 'l', 0);
}

int linkat(int fd1, const char *from, int fd2, const char *to, int flags)
{
	return two_paths("link", "linkat", fd1, from, fd2, to, 'l', flags);
}

int symlink(const char *target, const char *path)
{
	return two_paths("link", "symlink", AT_FDCWD, target, AT_FDCWD, path, 's', 0);
}

int symlinkat(const char *target, int dirfd, const char *path)
{
	return two_paths("link", "symlinkat", AT_FDCWD, target, dirfd, path, 's', 0);
}
