/* gongshi: the command line.  Parses arguments, runs one command, decides
 * the exit status.  Everything else lives in the pipeline modules. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "util/json_region.h"

/* Settings for jemalloc (the Makefile's MALLOC_LIBS), which reads this
 * symbol when it starts; without jemalloc (the sanitizer builds) nothing
 * does.  Transparent huge pages are left to the system's setting (not
 * asked for, as they were from 2 to 7 December): on a virtual machine they
 * saved page faults, but a 2 MB page held by each of jemalloc's arenas
 * and size classes also put a 55,000-community site with a dozen reports
 * each over the 300 MB it must stay under (293-311 MB; 261-270 MB
 * without), for 0-8 % more CPU on a clean build and none on an edit
 * (docs/performance.md, session 9).  MALLOC_CONF in the environment still
 * overrides it (thp:always brings them back). */
const char *const malloc_conf = "thp:default,metadata_thp:disabled";

/* The value of an option that takes one, or NULL (reported) when the
 * command line ends first. */
static const char *option_value(int argc, char **argv, int *i)
{
	if (*i + 1 == argc) {
		fprintf(stderr, "gongshi: %s 后面缺少参数\n", argv[*i]);
		return NULL;
	}
	return argv[++*i];
}

/* A whole number from 1 to `max`, digits only; -1 otherwise. */
static int parse_count(const char *v, unsigned long max, unsigned *out)
{
	char *end;
	unsigned long n;

	if (*v < '0' || *v > '9')
		return -1;
	n = strtoul(v, &end, 10);
	if (*end != '\0' || n < 1 || n > max)
		return -1;
	*out = (unsigned)n;
	return 0;
}

static void usage(FILE *out)
{
	fputs("用法 (usage):\n"
	      "  gongshi build [SITE_DIR] [-o OUT_DIR] [--strict] [--jobs N] [--no-pdf]\n"
	      "                [--force] [--shard K/N|index] [--release] [--no-wait] [--as-of DATE]\n"
	      "                                                  生成网站和 PDF 公示\n"
	      "  gongshi build [SITE_DIR] --context PAGE           打印页面模板收到的 JSON 数据\n"
	      "  gongshi check [SITE_DIR] [--strict] [--jobs N] [--format json] [--release] [--as-of DATE]\n"
	      "                                                  只检查数据，不生成\n"
	      "  gongshi init DIR                                  新建一个网站目录\n"
	      "  gongshi serve [SITE_DIR] [--port N] [--no-wait]   生成并在本机预览，文件改动后自动重新生成\n"
	      "  gongshi --help | --version\n"
	      "\n"
	      "SITE_DIR 默认为当前目录，OUT_DIR 默认为 SITE_DIR/public。\n"
	      "--strict    把警告当作错误\n"
	      "--quiet, -q 只输出错误和警告\n"
	      "--verbose, -v  另外输出每个阶段及其用时\n"
	      "--format json  把错误和警告以 JSON 输出到标准输出\n"
	      "--port N    预览服务器的端口（默认 8000，只监听 127.0.0.1）\n"
	      "--jobs N, -j N  用 N 个线程读取 content/ 和生成（默认：CPU 个数）\n"
	      "--no-pdf    只生成网站，不生成 PDF 公示\n"
	      "--force     全部重新生成，不沿用上次输出中未变的文件\n"
	      "--release   发布前检查：示例站点、未改写的示例内容、未填的网址、发文机关、公示日期、反馈电话都算错误\n"
	      "--no-wait   另一个 gongshi 正在生成同一个输出目录时不排队等待，直接退出（状态 2）\n"
	      "--as-of DATE  进度通报（notices/progress-DATE.pdf）的日期，默认为今天（site.yaml 的 today:）\n"
	      "--shard K/N 只生成第 K 份（0 ≤ K < N）小区页面和公示；--shard index 只生成公共页面\n"
	      "退出状态：0 成功（可有警告），1 输入有错误，2 用法或读写错误。\n",
	      out);
}

/* Sets the switch `a` names (an option without a value) in `o`: 1, or 0
 * when `a` is no switch. */
static int flag_option(const char *a, struct options *o)
{
	static const struct {
		const char *name, *short_name;
		size_t field;
	} flags[] = {
		{ "--strict", NULL, offsetof(struct options, strict) },
		{ "--quiet", "-q", offsetof(struct options, quiet) },
		{ "--verbose", "-v", offsetof(struct options, verbose) },
		{ "--no-pdf", NULL, offsetof(struct options, no_pdf) },
		{ "--force", NULL, offsetof(struct options, force) },
		{ "--release", NULL, offsetof(struct options, release) },
		{ "--no-wait", NULL, offsetof(struct options, no_wait) },
	};

	for (size_t k = 0; k < sizeof(flags) / sizeof(flags[0]); k++)
		if (strcmp(a, flags[k].name) == 0 ||
		    (flags[k].short_name && strcmp(a, flags[k].short_name) == 0)) {
			*(int *)((char *)o + flags[k].field) = 1;
			return 1;
		}
	return 0;
}

/* An option that takes a value: with `v` NULL, 0 when `a` is one (-1
 * when not); else `v` stored in `o`, 0, or -1 with the bad value named. */
static int value_option(const char *a, const char *v, struct options *o)
{
	static const char *const names[] = { "-j", "--jobs", "--shard", "--port", "--format",
					     "--as-of" };
	size_t k = 0;

	while (k < sizeof(names) / sizeof(*names) && strcmp(a, names[k]) != 0)
		k++;
	if (k == sizeof(names) / sizeof(*names))
		return -1;
	if (v == NULL)
		return 0;
	if (k < 2 && parse_count(v, 1024, &o->jobs) < 0) {
		fprintf(stderr, "gongshi: --jobs 的值“%s”不是 1 到 1024 的整数\n", v);
		return -1;
	}
	if (k == 2 && shard_parse(v, &o->shard) < 0) {
		fprintf(stderr, "gongshi: --shard 的值“%s”应为 K/N（0 ≤ K < N）或 index\n", v);
		return -1;
	}
	if (k == 3 && parse_count(v, 65535, &o->port) < 0) {
		fprintf(stderr, "gongshi: --port 的值“%s”不是 1 到 65535 的整数\n", v);
		return -1;
	}
	if (k == 4 && strcmp(v, "json") != 0 && strcmp(v, "text") != 0) {
		fprintf(stderr, "gongshi: --format 的值“%s”应为 text 或 json\n", v);
		return -1;
	}
	o->json = k == 4 ? strcmp(v, "json") == 0 : o->json;
	if (k == 5 && date_parse(v, &o->as_of) < 0) {
		fprintf(stderr, "gongshi: --as-of 的值“%s”不是日期，应写成 2022-06-01 这样的年-月-日\n", v);
		return -1;
	}
	return 0;
}

/* Fills `o` from argv[2..]; -1 on a usage error (already reported). */
static int parse_options(int argc, char **argv, struct options *o)
{
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];

		if (flag_option(a, o))
			continue;
		if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			if (++i == argc) {
				fprintf(stderr, "gongshi: %s 后面缺少输出目录\n", a);
				return -1;
			}
			o->out_dir = argv[i];
		} else if (strcmp(a, "--context") == 0) {
			if (++i == argc) {
				fprintf(stderr, "gongshi: --context 后面缺少页面路径\n");
				return -1;
			}
			o->context_page = argv[i];
		} else if (value_option(a, NULL, o) == 0) {
			const char *v = option_value(argc, argv, &i);

			if (v == NULL || value_option(a, v, o) < 0)
				return -1;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			exit(0);
		} else if (a[0] == '-' && a[1] != '\0') {
			fprintf(stderr, "gongshi: 未知选项“%s”\n", a);
			return -1;
		} else if (o->site_dir == NULL) {
			o->site_dir = a;
			o->site_given = 1;
		} else {
			fprintf(stderr, "gongshi: 多余的参数“%s”\n", a);
			return -1;
		}
	}
	if (o->quiet && o->verbose) {
		fprintf(stderr, "gongshi: --quiet 和 --verbose 不能同时使用\n");
		return -1;
	}
	if (o->site_dir == NULL)
		o->site_dir = ".";
	return 0;
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	const char *cmd = argc > 1 ? argv[1] : NULL;

	if (cmd == NULL || strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
	    strcmp(cmd, "help") == 0) {
		usage(cmd ? stdout : stderr);
		return cmd ? 0 : 2;
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
		printf("gongshi %s\n", GONGSHI_VERSION);
		return 0;
	}
	/* Before any thread: cJSON's hooks are the process's. */
	json_region_install();
	if (parse_options(argc, argv, &o) < 0) {
		fputs("运行 gongshi --help 查看用法。\n", stderr);
		return 2;
	}
	if (strcmp(cmd, "check") == 0)
		return command_check(&o);
	if (strcmp(cmd, "build") == 0)
		return command_build(&o);
	if (strcmp(cmd, "init") == 0)
		return command_init(&o);
	if (strcmp(cmd, "serve") == 0)
		return command_serve(&o);
	fprintf(stderr, "gongshi: 未知命令“%s”\n运行 gongshi --help 查看用法。\n", cmd);
	return 2;
}
