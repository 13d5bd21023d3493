#include "cli/http.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "write/output.h"
#include "util/escape.h"
#include "util/xalloc.h"

struct http_server {
	struct MHD_Daemon *daemon;
	const char *root; /* the caller's */
};

/* Our own pages, for when the site has none to show. */
#define PAGE(title, text)                                                        \
	"<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head><meta charset=\"utf-8\">"  \
	"<title>" title "</title></head>\n<body>\n<h1>" title "</h1>\n<p>" text \
	"</p>\n</body>\n</html>\n"

static const char PAGE_NO_SITE[] = PAGE("网站尚未生成",
	"生成网站时出错，还没有可以预览的网站。请查看运行 gongshi serve 的终端窗口中的错误信息，"
	"改正后保存文件，网站会自动重新生成，然后刷新本页。");
static const char PAGE_NOT_FOUND[] = PAGE("找不到这个页面",
	"网站中没有这个地址。<a href=\"/\">返回首页</a>");
static const char PAGE_BAD_PATH[] = PAGE("地址无效",
	"这个地址不指向网站目录中的文件。<a href=\"/\">返回首页</a>");
static const char PAGE_BAD_METHOD[] = PAGE("不支持的请求",
	"预览服务器只支持 GET 和 HEAD 请求。");
static const char PAGE_READ_ERROR[] = PAGE("读取文件出错",
	"无法读取这个文件，请查看运行 gongshi serve 的终端窗口。");

static const char HTML_TYPE[] = "text/html; charset=utf-8";

static const struct {
	const char *ext, *type;
} CONTENT_TYPES[] = {
	{ "html", HTML_TYPE },
	{ "htm", HTML_TYPE },
	{ "css", "text/css; charset=utf-8" },
	{ "js", "text/javascript; charset=utf-8" },
	{ "mjs", "text/javascript; charset=utf-8" },
	{ "json", "application/json; charset=utf-8" },
	{ "map", "application/json; charset=utf-8" },
	{ "webmanifest", "application/manifest+json; charset=utf-8" },
	{ "xml", "application/xml; charset=utf-8" },
	{ "rss", "application/rss+xml; charset=utf-8" },
	{ "atom", "application/atom+xml; charset=utf-8" },
	{ "txt", "text/plain; charset=utf-8" },
	{ "md", "text/markdown; charset=utf-8" },
	{ "csv", "text/csv; charset=utf-8" },
	{ "svg", "image/svg+xml; charset=utf-8" },
	{ "pdf", "application/pdf" },
	{ "png", "image/png" },
	{ "jpg", "image/jpeg" },
	{ "jpeg", "image/jpeg" },
	{ "gif", "image/gif" },
	{ "webp", "image/webp" },
	{ "avif", "image/avif" },
	{ "ico", "image/vnd.microsoft.icon" },
	{ "woff", "font/woff" },
	{ "woff2", "font/woff2" },
	{ "ttf", "font/ttf" },
	{ "otf", "font/otf" },
	{ "wasm", "application/wasm" },
	{ "zip", "application/zip" },
};

const char *http_content_type(const char *name)
{
	const char *slash = strrchr(name, '/');
	const char *dot = strrchr(slash ? slash + 1 : name, '.');

	if (dot != NULL) {
		for (size_t i = 0; i < sizeof(CONTENT_TYPES) / sizeof(CONTENT_TYPES[0]); i++) {
			const char *a = dot + 1, *b = CONTENT_TYPES[i].ext;
			/* ASCII case-insensitive: "INDEX.HTML" from a camera or Windows. */
			while (*a && *b && (*a | 0x20) == *b)
				a++, b++;
			if (*a == '\0' && *b == '\0')
				return CONTENT_TYPES[i].type;
		}
	}
	return "application/octet-stream";
}

int http_url_path(const char *url, buf *rel)
{
	const char *p = url;
	int dir;

	buf_reset(rel);
	if (*p++ != '/')
		return -1;
	while (*p) {
		int c = (unsigned char)*p++;
		if (c == '%') {
			int hi = escape_hex_digit_value((unsigned char)p[0]);
			int lo = hi < 0 ? -1 : escape_hex_digit_value((unsigned char)p[1]);
			if (lo < 0)
				return -1;
			c = hi * 16 + lo;
			/* A NUL would cut the path short of what was asked. */
			if (c == 0)
				return -1;
			p += 2;
		}
		buf_putc(rel, c);
	}
	buf_cstr(rel);
	if (rel->len == 0)
		return 1;
	dir = rel->data[rel->len - 1] == '/';
	if (dir)
		buf_truncate(rel, rel->len - 1);
	/* Checked after decoding, so "%2e%2e" is the ".." it stands for. */
	return relpath_safe(rel->data) ? dir : -1;
}

int http_listen(unsigned port)
{
	struct sockaddr_in sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1, e;

	if (fd < 0)
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	/* The loopback address only: a preview is for this machine, never
	 * for the office network. */
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	/* Lets a restarted preview take its port back at once, while the
	 * last run's connections linger in TIME_WAIT. */
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, 64) < 0 ||
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	return fd;
}

/* Opens `rel` ("" for the folder itself) under the folder `dirfd`
 * without following a symbolic link at any step.  With no ".." component
 * (http_url_path refuses them) this keeps every open inside the folder
 * whatever links it holds.  O_NONBLOCK, so that a FIFO planted there
 * cannot hang the server.  A descriptor, or -1 with errno. */
static int open_inside(int dirfd, const char *rel)
{
	int cur = dirfd, fd = -1;
	const char *p = rel;
	buf part = BUF_INIT;

	if (*rel == '\0')
		return openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	for (;;) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		buf_reset(&part);
		buf_put(&part, p, n);
		fd = openat(cur, part.data, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC |
				(e ? O_DIRECTORY : 0));
		if (cur != dirfd) {
			int saved = errno;
			close(cur);
			errno = saved;
		}
		if (fd < 0 || e == NULL)
			break;
		cur = fd;
		p = e + 1;
	}
	buf_free(&part);
	return fd;
}

enum found { FOUND, FOLDER_NO_SLASH, NOT_FOUND, NO_SITE, READ_ERROR };

/* 1 when the path `root` no longer names the folder open as `rootfd`:
 * a rebuild swapped the output folder during the lookup. */
static int root_moved(const char *root, int rootfd)
{
	struct stat was, now;

	if (fstat(rootfd, &was) < 0 || stat(root, &now) < 0)
		return 1;
	return was.st_dev != now.st_dev || was.st_ino != now.st_ino;
}

/* One lookup of `rel` in the folder `root`: a folder stands for its
 * index.html; only regular files are served.  On FOUND, `*fd` is a
 * blocking descriptor of the file (the caller's) and `*size` its size. */
static enum found find_once(const char *root, const char *rel, int want_dir, int *fd,
			    off_t *size, int *moved)
{
	int rootfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int f, e;
	struct stat st;

	*moved = 0;
	if (rootfd < 0)
		return NO_SITE;
	f = open_inside(rootfd, rel);
	if (f >= 0 && fstat(f, &st) == 0 && S_ISDIR(st.st_mode)) {
		int index;

		if (!want_dir) {
			close(f);
			close(rootfd);
			return FOLDER_NO_SLASH;
		}
		index = open_inside(f, "index.html");
		e = errno;
		close(f);
		f = index;
		errno = e;
	} else if (f >= 0 && want_dir) {
		close(f);
		f = -1;
		errno = ENOTDIR;
	}
	if (f >= 0 && (fstat(f, &st) < 0 || !S_ISREG(st.st_mode) ||
		       fcntl(f, F_SETFL, fcntl(f, F_GETFL) & ~O_NONBLOCK) < 0)) {
		close(f);
		f = -1;
		errno = ENOENT;
	}
	e = errno;
	if (f < 0)
		*moved = root_moved(root, rootfd);
	close(rootfd);
	if (f < 0)
		return e == ENOENT || e == ENOTDIR || e == ELOOP || e == EACCES ||
		       e == ENAMETOOLONG ? NOT_FOUND : READ_ERROR;
	*fd = f;
	*size = st.st_size;
	return FOUND;
}

/* find_once, again when a rebuild replaced the folder meanwhile: between
 * its two renames the folder is briefly missing, and a file may vanish
 * with the old folder before the new one is in place. */
static enum found find(const char *root, const char *rel, int want_dir, int *fd,
		       off_t *size)
{
	static const struct timespec pause = { 0, 20 * 1000 * 1000 };
	enum found r = NO_SITE;
	int moved = 0;

	for (int tries = 0; tries < 3; tries++) {
		r = find_once(root, rel, want_dir, fd, size, &moved);
		if (r != NO_SITE && !moved)
			break;
		if (r == NO_SITE)
			nanosleep(&pause, NULL);
	}
	return r;
}

static void add_common_headers(struct MHD_Response *r, const char *type)
{
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	/* Every rebuild may change any file: the browser must ask again. */
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
}

static enum MHD_Result send_page(struct MHD_Connection *c, unsigned status,
				 const char *html)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(html), (void *)html,
								  MHD_RESPMEM_PERSISTENT);
	enum MHD_Result ok;

	if (r == NULL)
		return MHD_NO;
	add_common_headers(r, HTML_TYPE);
	if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
	ok = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ok;
}

/* Sends the file open as `fd` (which MHD closes) with `status`. */
static enum MHD_Result send_file(struct MHD_Connection *c, unsigned status, int fd,
				 off_t size, const char *type)
{
	struct MHD_Response *r = MHD_create_response_from_fd((size_t)size, fd);
	enum MHD_Result ok;

	if (r == NULL) {
		close(fd);
		return MHD_NO;
	}
	add_common_headers(r, type);
	ok = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ok;
}

/* "/plan" → "/plan/", so that the folder's page finds its relative links. */
static enum MHD_Result send_redirect(struct MHD_Connection *c, const char *url)
{
	static const char body[] = "";
	struct MHD_Response *r = MHD_create_response_from_buffer(0, (void *)body,
								  MHD_RESPMEM_PERSISTENT);
	buf to = BUF_INIT;
	enum MHD_Result ok;

	if (r == NULL)
		return MHD_NO;
	/* The URL as it came (still %-encoded), so the header carries no
	 * decoded bytes. */
	buf_printf(&to, "%s/", url);
	add_common_headers(r, HTML_TYPE);
	MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, to.data);
	ok = MHD_queue_response(c, MHD_HTTP_MOVED_PERMANENTLY, r);
	MHD_destroy_response(r);
	buf_free(&to);
	return ok;
}

/* A 404 page bigger than this is sent as it is. */
#define NOT_FOUND_MAX (1024 * 1024)

/* The site's 404.html, open as `fd` (closed here), with <base href="/">
 * right after its <head>: it is shown for any missing address, at any
 * depth, and this server serves the site at "/", so its relative links
 * and files are found from the top even without JavaScript.  Being
 * first, it wins over the <base> of base_url's path that the default
 * theme's 404.html has for other servers (themes/default/templates/404.html).
 * A page without "<head>" or too big to read is sent unchanged. */
static enum MHD_Result send_not_found_page(struct MHD_Connection *c, int fd, off_t size)
{
	static const char base[] = "\n<base href=\"/\">";
	struct MHD_Response *r;
	enum MHD_Result ok;
	buf page = BUF_INIT;
	const char *head;
	int rc;

	if (size > NOT_FOUND_MAX)
		return send_file(c, MHD_HTTP_NOT_FOUND, fd, size, HTML_TYPE);
	rc = buf_read_fd(&page, fd, NOT_FOUND_MAX);
	close(fd);
	if (rc < 0) {
		buf_free(&page);
		return send_page(c, MHD_HTTP_INTERNAL_SERVER_ERROR, PAGE_READ_ERROR);
	}
	head = strstr(buf_cstr(&page), "<head>");
	if (head) {
		size_t at = (size_t)(head - page.data) + strlen("<head>");
		buf with = BUF_INIT;

		buf_put(&with, page.data, at);
		buf_puts(&with, base);
		buf_put(&with, page.data + at, page.len - at);
		buf_free(&page);
		page = with;
	}
	r = MHD_create_response_from_buffer(page.len, page.data, MHD_RESPMEM_MUST_COPY);
	buf_free(&page);
	if (r == NULL)
		return MHD_NO;
	add_common_headers(r, HTML_TYPE);
	ok = MHD_queue_response(c, MHD_HTTP_NOT_FOUND, r);
	MHD_destroy_response(r);
	return ok;
}

/* The site's own 404.html when it has one. */
static enum MHD_Result send_not_found(struct MHD_Connection *c, const char *root,
				      enum found why)
{
	int fd;
	off_t size;

	if (why != NO_SITE && find(root, "404.html", 0, &fd, &size) == FOUND)
		return send_not_found_page(c, fd, size);
	return send_page(c, MHD_HTTP_NOT_FOUND, why == NO_SITE ? PAGE_NO_SITE : PAGE_NOT_FOUND);
}

static enum MHD_Result serve_path(struct MHD_Connection *c, const char *root,
				  const char *url, const char *rel, int want_dir)
{
	int fd;
	off_t size;
	enum found r = find(root, rel, want_dir, &fd, &size);

	switch (r) {
	case FOUND:
		return send_file(c, MHD_HTTP_OK, fd, size,
				 want_dir ? HTML_TYPE : http_content_type(rel));
	case FOLDER_NO_SLASH:
		return send_redirect(c, url);
	case READ_ERROR:
		return send_page(c, MHD_HTTP_INTERNAL_SERVER_ERROR, PAGE_READ_ERROR);
	case NOT_FOUND:
	case NO_SITE:
		break;
	}
	return send_not_found(c, root, r);
}

/* libmicrohttpd's request callback: its signature is
 * MHD_AccessHandlerCallback's (microhttpd.h), so it is exempt from the
 * limit of 6 parameters. */
static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version, const char *upload,
			      size_t *upload_size, void **state)
{
	const struct http_server *s = cls;
	buf rel = BUF_INIT;
	enum MHD_Result ok;
	int want_dir;

	(void)version;
	(void)upload;
	(void)upload_size;
	(void)state;
	if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 && strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
		return send_page(c, MHD_HTTP_METHOD_NOT_ALLOWED, PAGE_BAD_METHOD);
	want_dir = http_url_path(url, &rel);
	if (want_dir < 0)
		ok = send_page(c, MHD_HTTP_BAD_REQUEST, PAGE_BAD_PATH);
	else
		ok = serve_path(c, s->root, url, buf_cstr(&rel), want_dir);
	buf_free(&rel);
	return ok;
}

/* Leaves the path as it came: http_url_path decodes it, refusing what
 * MHD's own decoding would let through (an encoded NUL cuts the path). */
static size_t keep_escapes(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return strlen(s);
}

/* Connections held at most; descriptors left for the rebuilds that run
 * beside the server (the site's folders, fonts, the output's files); a
 * connection idle this long, before or between requests, is closed. */
enum { CONNECTIONS_MAX = 8192, FDS_KEPT = 512, IDLE_SECONDS = 10 };

/* How many connections the server may hold.  MHD's default is select's
 * FD_SETSIZE - 4, 1,020, even where it waits with epoll, and the usual
 * soft limit of 1,024 descriptors is lower still: any local program (or
 * a browser gone wild) holding that many idle connections left the
 * preview answering no one.  The soft limit is raised towards the hard
 * one for the connections and FDS_KEPT more. */
static unsigned connection_limit(void)
{
	const rlim_t want = CONNECTIONS_MAX + FDS_KEPT;
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return FDS_KEPT / 2;
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want) {
		rl.rlim_cur = rl.rlim_max != RLIM_INFINITY && rl.rlim_max < want ? rl.rlim_max
										  : want;
		/* Where it cannot be raised, the limit below follows the old one. */
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
			getrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= want)
		return CONNECTIONS_MAX;
	return (unsigned)(rl.rlim_cur > 2 * FDS_KEPT ? rl.rlim_cur - FDS_KEPT : rl.rlim_cur / 2);
}

struct http_server *http_start(int fd, const char *root)
{
	struct http_server *s = xcalloc(1, sizeof(*s));
	/* Never select(), whose descriptors stop at FD_SETSIZE (1,024). */
	unsigned flags = MHD_is_feature_supported(MHD_FEATURE_EPOLL) == MHD_YES
				 ? MHD_USE_EPOLL_INTERNAL_THREAD
				 : MHD_USE_POLL_INTERNAL_THREAD;

	s->root = root;
	s->daemon = MHD_start_daemon(flags, 0, NULL, NULL, answer, s,
				     MHD_OPTION_LISTEN_SOCKET, (MHD_socket)fd,
				     MHD_OPTION_UNESCAPE_CALLBACK, keep_escapes, NULL,
				     MHD_OPTION_CONNECTION_LIMIT, connection_limit(),
				     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_SECONDS,
				     MHD_OPTION_END);
	if (s->daemon == NULL) {
		/* Whether MHD closed it depends on how far it got; no other
		 * thread can have reused the number meanwhile. */
		if (fcntl(fd, F_GETFD) != -1)
			close(fd);
		free(s);
		return NULL;
	}
	return s;
}

void http_stop(struct http_server *s)
{
	if (s == NULL)
		return;
	/* MHD closes the listening socket it was given. */
	MHD_stop_daemon(s->daemon);
	free(s);
}
