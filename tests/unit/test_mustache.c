/* The Mustache engine on its own promises: exact diagnostics, parse
 * once / render many, the caller's escaper, partial caching, the depth
 * and work limits, standalone indentation, inheritance, and dynamic
 * partials on several threads.  The spec's cases (read from the shared
 * conformance folder) are test_mustache_spec.c. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "mustache_partials.h"
#include "template/mustache.h"
#include "test.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/escape.h"
#include "util/xalloc.h"

/* ---- helpers for the engine's own cases ---- */

static const char *const PAGE = "themes/default/templates/page.html";

/* Parses `src` as PAGE in a fresh environment and returns every
 * diagnostic formatted, one per line (caller frees). */
static char *parse_errors(const char *src, int strict, const char *partials)
{
	cJSON *map = cJSON_Parse(partials ? partials : "{}");
	struct partials p = { 0 };
	diags d = DIAGS_INIT;
	mustache_env *env;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	p.map = map;
	p.dir = "themes/default/partials";
	p.d = &d;
	env = mustache_env_new(load_json, &p, &d);
	mustache_env_strict(env, strict);
	if (mustache_env_parse(env, src, strlen(src), PAGE) != NULL)
		fputs("(parsed)\n", f);
	diags_print(&d, f);
	fclose(f);
	mustache_env_free(env);
	diags_free(&d);
	cJSON_Delete(map);
	return text;
}

#define ERRS(src, strict, partials, want)                                      \
	do {                                                                   \
		char *got_ = parse_errors(src, strict, partials);              \
		CHECK_STR(got_, want);                                         \
		free(got_);                                                    \
	} while (0)

/* Renders `src` against the JSON `data` with partials `partials` (a JSON
 * object, may be NULL); returns the output, or "(parse error)" /
 * "(render error)" followed by the diagnostics.  Caller frees. */
/* Renders with a work budget of `steps` (0: the default). */
static char *render_steps(const char *src, const char *data,
			  const char *partials, mustache_escape_fn escape,
			  unsigned long steps)
{
	cJSON *ctx = cJSON_Parse(data), *map = cJSON_Parse(partials ? partials
								       : "{}");
	struct partials p = { 0 };
	diags d = DIAGS_INIT;
	mustache_env *env;
	mustache_template *t;
	buf out = BUF_INIT;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	p.map = map;
	env = mustache_env_new(load_json, &p, &d);
	mustache_env_strict(env, 1);
	mustache_env_set_max_steps(env, steps);
	if (escape)
		mustache_env_set_escape(env, escape);
	t = mustache_env_parse(env, src, strlen(src), PAGE);
	if (!t)
		buf_puts(&out, "(parse error)\n");
	else if (mustache_render(env, t, ctx, &out) < 0)
		buf_puts(&out, "(render error)\n");
	f = open_memstream(&text, &len);
	fputs(buf_cstr(&out), f);
	diags_print(&d, f);
	fclose(f);
	buf_free(&out);
	mustache_env_free(env);
	diags_free(&d);
	cJSON_Delete(ctx);
	cJSON_Delete(map);
	return text;
}

static char *render(const char *src, const char *data, const char *partials,
		    mustache_escape_fn escape)
{
	return render_steps(src, data, partials, escape, 0);
}

#define RENDER(src, data, partials, want)                                      \
	do {                                                                   \
		char *got_ = render(src, data, partials, NULL);                \
		CHECK_STR(got_, want);                                         \
		free(got_);                                                    \
	} while (0)

/* ---- the engine's own cases ---- */

static void test_errors(void)
{
	ERRS("<ul>\n    {{#communities}}\n<li>{{name}}</li>\n</ul>\n", 0, NULL,
	     "themes/default/templates/page.html:2:5: error: "
	     "区块“communities”没有关闭\n");
	ERRS("{{#y}}\n  {{/x}}\n", 0, NULL,
	     "themes/default/templates/page.html:2:3: error: "
	     "关闭标签“{{/x}}”与打开的区块“y”不匹配\n");
	ERRS("a\nb {{/x}}", 0, NULL,
	     "themes/default/templates/page.html:2:3: error: "
	     "关闭标签“{{/x}}”没有对应的打开标签\n");
	ERRS("<p>\n  abc {{name\n</p>\n", 0, NULL,
	     "themes/default/templates/page.html:2:7: error: "
	     "未闭合的标签，缺少“}}”\n");
	ERRS("{{{raw}}", 0, NULL,
	     "themes/default/templates/page.html:1:1: error: "
	     "未闭合的标签，缺少“}}}”\n");
	ERRS("{{=<% %>=}}\n<%#a%>x<%/a%> <%b", 0, NULL,
	     "themes/default/templates/page.html:2:15: error: "
	     "未闭合的标签，缺少“%>”\n");
	ERRS("x {{=<% =}}", 0, NULL,
	     "themes/default/templates/page.html:1:3: error: "
	     "分隔符设置“{{=<% =}}”无效，应为两个以空白分开、不含“=”的分隔符\n");
	ERRS("{{ }}", 0, NULL,
	     "themes/default/templates/page.html:1:1: error: "
	     "标签“{{ }}”没有名字\n");
	ERRS("{{a b}}", 0, NULL,
	     "themes/default/templates/page.html:1:1: error: "
	     "标签“{{a b}}”的名字中不能有空白\n");
	ERRS("{{#a..b}}{{/a..b}}", 0, NULL,
	     "themes/default/templates/page.html:1:1: error: "
	     "标签“{{#a..b}}”的名字中有空的部分\n");
	/* Columns count characters, not UTF-8 bytes. */
	ERRS("公示：{{#项目}}", 0, NULL,
	     "themes/default/templates/page.html:1:4: error: "
	     "区块“项目”没有关闭\n");
	/* Every unclosed section is named. */
	ERRS("{{#a}}\n{{#b}}\n", 0, NULL,
	     "themes/default/templates/page.html:1:1: error: 区块“a”没有关闭\n"
	     "themes/default/templates/page.html:2:1: error: 区块“b”没有关闭\n");
}

static void test_missing_partials(void)
{
	/* Strict: reported at the tag, in the file that has the tag, also
	 * when the tag sits in another partial. */
	ERRS("<body>\n\n  {{> footer }}\n</body>\n", 1, NULL,
	     "themes/default/templates/page.html:3:3: error: "
	     "找不到局部模板“footer”\n");
	ERRS("{{>header}}", 1, "{\"header\": \"<h1>\\n {{<nav}}{{/nav}}\"}",
	     "themes/default/partials/header.html:2:2: error: "
	     "找不到局部模板“nav”\n");
	/* A syntax error inside a partial names the partial's file. */
	ERRS("{{>header}}", 0, "{\"header\": \"{{#x}}\"}",
	     "themes/default/partials/header.html:1:1: error: "
	     "区块“x”没有关闭\n");
	/* A loader that reports its own failure gets no second message. */
	ERRS("{{>bad}}", 1, "{\"bad\": false}", "bad: error: 无法读取模板\n");
	/* Not strict (the spec): a missing partial is empty text. */
	ERRS("a{{>footer}}b", 0, NULL, "(parsed)\n");
	/* Strict, dynamic names are found when rendering. */
	RENDER("x\n {{>*which}}", "{\"which\": \"gone\"}", NULL,
	       "x\n(render error)\n"
	       "themes/default/templates/page.html:2:2: error: "
	       "找不到局部模板“gone”\n");
	RENDER("[{{>*which}}]", "{\"which\": \"p\"}", "{\"p\": \"{{a}}\"}", "[]");
}

static int upper_calls;

/* A test escaper that shows it was used. */
static void upper(buf *out, const char *s, size_t n)
{
	upper_calls++;
	buf_putc(out, '<');
	for (size_t i = 0; i < n; i++)
		buf_putc(out, s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]);
	buf_putc(out, '>');
}

static void test_escaping(void)
{
	char *got;

	got = render("{{x}}|{{{x}}}|{{&x}}|{{#l}}{{.}}{{/l}}",
		     "{\"x\": \"a'b\", \"l\": [\"c\", 1]}", NULL, upper);
	CHECK_STR(got, "<A'B>|a'b|a'b|<C><1>");
	CHECK_INT(upper_calls, 3);
	free(got);
	RENDER("{{x}}", "{\"x\": \"<a href='x'>&</a>\"}", NULL,
	       "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;");
	got = render("<t>{{x}}</t>", "{\"x\": \"'\\u0001&\"}", NULL,
		     escape_xml);
	CHECK_STR(got, "<t>&apos;&amp;</t>");
	free(got);
	got = render("var d = \"{{x}}\";", "{\"x\": \"</script>\\\"\"}", NULL,
		     escape_json_string);
	CHECK_STR(got, "var d = \"\\u003c/script\\u003e\\\"\";");
	free(got);
}

static void test_values(void)
{
	RENDER("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}}",
	       "{\"a\": 1.210, \"b\": 85, \"c\": -0.5, \"d\": 0.30000000000000004,"
	       " \"e\": 1e21, \"f\": -0}",
	       NULL, "1.21 85 -0.5 0.30000000000000004 1e+21 0");
	RENDER("{{t}} {{f}} [{{n}}] [{{o}}] [{{l}}] [{{missing}}]",
	       "{\"t\": true, \"f\": false, \"n\": null, \"o\": {\"x\": 1},"
	       " \"l\": [1]}",
	       NULL, "true false [] [] [] []");
	/* Truthiness: "" is falsey, 0 and {} are not. */
	RENDER("{{#s}}s{{/s}}{{^s}}!s{{/s}} {{#z}}z{{/z}} {{#o}}o{{/o}}",
	       "{\"s\": \"\", \"z\": 0, \"o\": {}}", NULL, "!s z o");
	RENDER("{{#a}}{{#b}}{{c}}{{/b}}{{/a}}",
	       "{\"a\": {\"c\": \"outer\", \"b\": [{\"c\": 1}, {}]}}", NULL,
	       "1outer");
	RENDER("公示：{{项目.名称}}", "{\"项目\": {\"名称\": \"加装电梯\"}}", NULL,
	       "公示：加装电梯");
}

static void test_parse_once(void)
{
	cJSON *map = cJSON_Parse("{\"item\": \"<li>{{name}}</li>\\n\","
				 " \"tree\": \"{{name}}({{#kids}}{{>tree}}{{/kids}})\"}");
	cJSON *c1 = cJSON_Parse("{\"list\": [{\"name\": \"甲\"}, {\"name\": \"乙\"}]}");
	cJSON *c2 = cJSON_Parse("{\"list\": [{\"name\": \"<b>\"}],"
				" \"name\": \"r\", \"kids\": [{\"name\": \"k\","
				" \"kids\": [{\"name\": \"g\", \"kids\": []}]}]}");
	struct partials p = { 0 };
	diags d = DIAGS_INIT;
	mustache_env *env;
	mustache_template *t, *u, *v;
	buf o1 = BUF_INIT, o2 = BUF_INIT, o3 = BUF_INIT;
	const char *src = "<ul>\n{{#list}}\n  {{>item}}\n{{/list}}\n</ul>\n";

	p.map = map;
	env = mustache_env_new(load_json, &p, &d);
	mustache_env_strict(env, 1);
	t = mustache_env_parse(env, src, strlen(src), "list.html");
	u = mustache_env_parse(env, "{{#list}}{{>item}}{{/list}}", 27, "b.html");
	v = mustache_env_parse(env, "{{>tree}}|{{>tree}}", 19, "c.html");
	CHECK(t && u && v);
	CHECK_STR(mustache_template_path(t), "list.html");
	CHECK_INT(mustache_render(env, t, c1, &o1), 0);
	CHECK_INT(mustache_render(env, t, c2, &o2), 0);
	CHECK_INT(mustache_render(env, t, c1, &o3), 0);
	CHECK_STR(buf_cstr(&o1), "<ul>\n  <li>甲</li>\n  <li>乙</li>\n</ul>\n");
	CHECK_STR(buf_cstr(&o2), "<ul>\n  <li>&lt;b&gt;</li>\n</ul>\n");
	CHECK_STR(buf_cstr(&o3), buf_cstr(&o1));
	buf_reset(&o1);
	CHECK_INT(mustache_render(env, u, c1, &o1), 0);
	CHECK_STR(buf_cstr(&o1), "<li>甲</li>\n<li>乙</li>\n");
	buf_reset(&o1);
	CHECK_INT(mustache_render(env, v, c2, &o1), 0);
	CHECK_STR(buf_cstr(&o1), "r(k(g()))|r(k(g()))");
	/* Shared and recursive partials were each loaded once. */
	CHECK_INT(calls(&p, "<li>{{name}}</li>\n"), 1);
	CHECK_INT(calls(&p, "{{name}}({{#kids}}{{>tree}}{{/kids}})"), 1);
	/* A template can also be fetched through the loader by name. */
	CHECK(mustache_env_get(env, "item") != NULL);
	CHECK_INT(calls(&p, "<li>{{name}}</li>\n"), 1);
	CHECK(mustache_env_get(env, "nope") == NULL);
	CHECK_INT(d.n, 1);
	if (d.n)
		CHECK_STR(d.v[0].message, "找不到模板“nope”");
	buf_free(&o1);
	buf_free(&o2);
	buf_free(&o3);
	mustache_env_free(env);
	diags_free(&d);
	cJSON_Delete(map);
	cJSON_Delete(c1);
	cJSON_Delete(c2);
}

/* `n` nested sections named a, around "x". */
static char *nested(int n)
{
	buf b = BUF_INIT;

	for (int i = 0; i < n; i++)
		buf_puts(&b, "{{#a}}");
	buf_puts(&b, "x");
	for (int i = 0; i < n; i++)
		buf_puts(&b, "{{/a}}");
	return buf_detach(&b);
}

static void test_depth(void)
{
	char *src = nested(10000), *got;

	/* Refused at parse time with a clear error, not a crash. */
	got = parse_errors(src, 0, NULL);
	CHECK_STR(got, "themes/default/templates/page.html:1:6001: error: "
		       "模板嵌套过深（超过 1000 层）\n");
	free(got);
	free(src);
	src = nested(MUSTACHE_MAX_DEPTH);
	got = render(src, "{\"a\": true}", NULL, NULL);
	CHECK_STR(got, "x");
	free(got);
	free(src);
	/* Endless partial recursion stops at the partial limit, naming the
	 * tag that went too deep. */
	got = render("{{>self}}", "{}", "{\"self\": \"-\\n {{>self}}\"}", NULL);
	CHECK(strstr(got, "(render error)\n"
			  "self:2:2: error: 模板嵌套过深（超过 100 层）\n") != NULL);
	free(got);
	/* Sections over recursive partials count towards the total. */
	got = render("{{>r}}", "{\"a\": true}",
		     "{\"r\": \"{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}"
		     "{{#a}}{{>r}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}"
		     "{{/a}}{{/a}}\"}", NULL);
	CHECK(strstr(got, "(render error)\nr:1:55: error: "
			  "模板嵌套过深（超过 1000 层）\n") != NULL);
	free(got);
}

/* Found by fuzz_mustache: sections nested in sections over a list
 * multiply; 40 levels over [1,2] is 2^40 runs.  The render must stop
 * with an error naming where, not hang. */
static void test_work_limit(void)
{
	buf src = BUF_INIT;
	char *got;

	for (int i = 0; i < 40; i++)
		buf_puts(&src, "{{#l}}");
	buf_puts(&src, "x");
	for (int i = 0; i < 40; i++)
		buf_puts(&src, "{{/l}}");
	/* A small budget keeps the test quick; the default is the same
	 * check with more room. */
	got = render_steps(buf_cstr(&src), "{\"l\": [1, 2]}", NULL, NULL, 100000);
	CHECK(strstr(got, "(render error)\n") != NULL);
	CHECK(strstr(got, "error: 模板展开过大：超过 100000 步（区块层层嵌套在列表中，次数相乘）\n") != NULL);
	free(got);
	buf_free(&src);
	/* A wide but honest template stays well inside the budget. */
	got = render("{{#l}}{{#l}}{{.}}{{/l}}{{/l}}", "{\"l\": [1, 2, 3]}", NULL, NULL);
	CHECK_STR(got, "123123123");
	free(got);
}

static void test_indentation(void)
{
	/* Standalone partials indent every line they include, nested ones
	 * on top of their includer's indentation; data is never indented. */
	RENDER("<div>\n  {{>a}}\n</div>\n", "{\"v\": \"1\\n2\"}",
	       "{\"a\": \"<p>\\n  {{>b}}\\n</p>\\n\", \"b\": \"x\\n{{v}}\\n\"}",
	       "<div>\n  <p>\n    x\n    1\n2\n  </p>\n</div>\n");
	/* An inline partial is included as written, even inside an indented
	 * one (the spec indents the lines of the standalone partial only). */
	RENDER("  {{>a}}\n", "{}", "{\"a\": \"<p>{{>b}}</p>\\n\", \"b\": \"x\\ny\"}",
	       "  <p>x\ny</p>\n");
	/* Sections inside an indented partial keep their lines indented,
	 * and their own standalone lines vanish. */
	RENDER("<ul>\n\t{{>li}}\n</ul>", "{\"l\": [1, 2]}",
	       "{\"li\": \"{{#l}}\\n<li>{{.}}</li>\\n{{/l}}\\n\"}",
	       "<ul>\n\t<li>1</li>\n\t<li>2</li>\n</ul>");
	/* CRLF line ends count as newlines for standalone tags. */
	RENDER("a\r\n  {{#x}}\r\nb\r\n  {{/x}}\r\nc", "{\"x\": 1}", NULL,
	       "a\r\nb\r\nc");
}

static void test_inheritance(void)
{
	const char *partials =
		"{\"layout\": \"<html>\\n<head><title>{{$title}}公示{{/title}}"
		"</title></head>\\n<body>\\n  {{>nav}}\\n  <main>\\n"
		"    {{$content}}\\n    <p>无内容</p>\\n    {{/content}}\\n"
		"  </main>\\n</body>\\n</html>\\n\","
		" \"nav\": \"<nav>{{$nav}}首页{{/nav}}</nav>\\n\"}";

	RENDER("{{<layout}}\n{{$title}}{{name}}{{/title}}\n{{$content}}\n"
	       "<h1>{{name}}</h1>\n<p>{{#units}}{{.}} {{/units}}</p>\n"
	       "{{/content}}\n{{/layout}}\n",
	       "{\"name\": \"幸福里\", \"units\": [\"1栋\", \"2栋\"]}", partials,
	       "<html>\n<head><title>幸福里</title></head>\n<body>\n"
	       "  <nav>首页</nav>\n  <main>\n    <h1>幸福里</h1>\n"
	       "    <p>1栋 2栋 </p>\n  </main>\n</body>\n</html>\n");
	/* Defaults, and a block inside an included partial overridden from
	 * the page. */
	RENDER("{{<layout}}{{$nav}}<a>{{x}}</a>{{/nav}}{{/layout}}",
	       "{\"x\": \"&\"}", partials,
	       "<html>\n<head><title>公示</title></head>\n<body>\n"
	       "  <nav><a>&amp;</a></nav>\n  <main>\n    <p>无内容</p>\n"
	       "  </main>\n</body>\n</html>\n");
	ERRS("{{<layout}}\n{{$a}}\n{{/layout}}\n", 0, "{\"layout\": \"\"}",
	     "themes/default/templates/page.html:3:1: error: "
	     "关闭标签“{{/layout}}”与打开的区块“a”不匹配\n");
}

/* Dynamic partials load while pages render, on several threads at once:
 * each name here is new, so every render grows the shared cache while
 * the others read it.  Without the environment's lock this crashed the
 * build about one run in ten (a bad name in the data of a 56-community
 * site on two threads). */
struct dyn_run {
	mustache_env *env;
	const mustache_template *t;
	int base, ok;
};

static int load_any(void *ctx, const char *name, buf *out, char **shown)
{
	(void)ctx;
	(void)shown;
	buf_printf(out, "[%s]", name);
	return 0;
}

static void *render_dynamic(void *arg)
{
	struct dyn_run *r = arg;
	diags d = DIAGS_INIT;

	r->ok = 1;
	for (int round = 0; round < 50; round++) {
		cJSON *ctx = cJSON_CreateObject();
		cJSON *names = cJSON_AddArrayToObject(ctx, "names");
		char name[32], want[64];
		buf out = BUF_INIT;

		snprintf(name, sizeof(name), "p%d-%d", r->base, round);
		snprintf(want, sizeof(want), "[%s]", name);
		cJSON_AddItemToArray(names, cJSON_CreateString(name));
		if (mustache_render_to(r->env, r->t, ctx, NULL, &out, &d) < 0 ||
		    out.data == NULL || strcmp(out.data, want) != 0)
			r->ok = 0;
		buf_free(&out);
		cJSON_Delete(ctx);
	}
	diags_free(&d);
	return NULL;
}

static void test_dynamic_threads(void)
{
	diags d = DIAGS_INIT;
	mustache_env *env = mustache_env_new(load_any, NULL, &d);
	const char *src = "{{#names}}{{>*.}}{{/names}}";
	mustache_template *t = mustache_env_parse(env, src, strlen(src), "t.html");
	struct dyn_run runs[4];
	pthread_t th[4];
	int all_ok = 1;

	CHECK(t != NULL);
	for (int i = 0; i < 4 && t; i++) {
		runs[i] = (struct dyn_run){ env, t, i, 0 };
		pthread_create(&th[i], NULL, render_dynamic, &runs[i]);
	}
	for (int i = 0; i < 4 && t; i++) {
		pthread_join(th[i], NULL);
		all_ok &= runs[i].ok;
	}
	CHECK(all_ok);
	CHECK_INT((int)d.errors, 0);
	mustache_env_free(env);
	diags_free(&d);
}

int main(void)
{
	test_errors();
	test_missing_partials();
	test_escaping();
	test_values();
	test_parse_once();
	test_depth();
	test_work_limit();
	test_indentation();
	test_inheritance();
	test_dynamic_threads();
	return test_done();
}
