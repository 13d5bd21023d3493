/* Relative links: the root prefix of each output path, the page a user
 * names on the command line, pretty and absolute URLs, tel: links. */
#include <stdlib.h>

#include "html/urls.h"
#include "test.h"
#include "util/buf.h"

typedef void (*one_arg)(buf *out, const char *s);

static void check1(one_arg fn, const char *in, const char *want, int line)
{
	buf b = BUF_INIT;
	int ok;

	buf_puts(&b, "");
	fn(&b, in);
	ok = strcmp(buf_cstr(&b), want) == 0;
	test_record(ok, __FILE__, line, in);
	if (!ok)
		printf("  got:  [%s]\n  want: [%s]\n", buf_cstr(&b), want);
	buf_free(&b);
}

static void absolute_laojiu(buf *out, const char *path)
{
	url_absolute(out, "https://example.gov.cn/laojiu", path);
}

static void absolute_none(buf *out, const char *path)
{
	url_absolute(out, "", path);
}

#define ROOT(in, want) check1(url_root, in, want, __LINE__)
#define PRETTY(in, want) check1(url_pretty, in, want, __LINE__)
#define BASEPATH(in, want) check1(url_base_path, in, want, __LINE__)
#define HOST(in, want) check1(url_host, in, want, __LINE__)
#define TEL(in, want) check1(url_tel, in, want, __LINE__)

static void page_path(const char *in, const char *want)
{
	char *got = url_page_path(in);

	CHECK_STR(got, want);
	free(got);
}

int main(void)
{
	ROOT("index.html", "");
	ROOT("404.html", "");
	ROOT("plan/index.html", "../");
	ROOT("communities/yushu-xincun/index.html", "../../");
	ROOT("news/page/2/index.html", "../../../");

	page_path("/", "index.html");
	page_path("", "index.html");
	page_path("index.html", "index.html");
	page_path("/index.html", "index.html");
	page_path("communities/yushu-xincun/", "communities/yushu-xincun/index.html");
	page_path("/communities/yushu-xincun", "communities/yushu-xincun/index.html");
	page_path("communities//", "communities/index.html");
	page_path("feed.xml", "feed.xml");
	page_path("search-index.json", "search-index.json");
	page_path("404.html", "404.html");

	PRETTY("index.html", "");
	PRETTY("communities/yushu-xincun/index.html", "communities/yushu-xincun/");
	PRETTY("feed.xml", "feed.xml");
	PRETTY("news/公示 启动/index.html", "news/%E5%85%AC%E7%A4%BA%20%E5%90%AF%E5%8A%A8/");

	check1(absolute_laojiu, "index.html", "https://example.gov.cn/laojiu/", __LINE__);
	check1(absolute_laojiu, "units/lincheng/index.html",
	       "https://example.gov.cn/laojiu/units/lincheng/", __LINE__);
	check1(absolute_none, "units/lincheng/index.html", "", __LINE__);

	BASEPATH("https://example.gov.cn/laojiu/", "/laojiu/");
	BASEPATH("https://example.gov.cn/laojiu", "/laojiu/");
	BASEPATH("https://example.gov.cn", "/");
	BASEPATH("https://example.gov.cn/a/b/?x=1", "/a/b/");
	BASEPATH("", "/");

	HOST("https://example.gov.cn/laojiu/", "example.gov.cn");
	HOST("http://127.0.0.1:8080", "127.0.0.1:8080");
	HOST("", "");

	TEL("0632-4411234", "tel:0632-4411234");
	TEL("0632 441 1234 转 8", "tel:06324411234");
	TEL("(0632) 4411234", "tel:06324411234");
	TEL("+86-632-4411234", "tel:+86-632-4411234");
	TEL("", "");
	TEL("无", "");
	TEL("\"><script>", "");
	return test_done();
}
