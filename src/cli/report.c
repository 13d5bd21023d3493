#include "cli/report.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli/commands.h"
#include "model/progress.h"
#include "model/totals.h"
#include "util/xalloc.h"

static const char *severity_name(enum diag_severity s)
{
	return s == DIAG_ERROR ? "error" : s == DIAG_WARNING ? "warning" : "note";
}

/* 0 (no line, no column) is null: a tool should not show "line 0". */
static void add_position(cJSON *o, const char *key, unsigned n)
{
	if (n)
		cJSON_AddNumberToObject(o, key, n);
	else
		cJSON_AddNullToObject(o, key);
}

static cJSON *diag_json(const struct diag *g)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "file", g->file ? g->file : "");
	add_position(o, "line", g->line);
	add_position(o, "column", g->col);
	cJSON_AddStringToObject(o, "severity", severity_name(g->severity));
	cJSON_AddStringToObject(o, "message", g->message);
	if (g->value)
		cJSON_AddStringToObject(o, "value", g->value);
	else
		cJSON_AddNullToObject(o, "value");
	return o;
}

/* One JSON document, so that a tool reads the whole report with one
 * parse; the counts save it from counting. */
static void print_json(const diags *d, FILE *out)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *list;
	char *text;

	cJSON_AddNumberToObject(root, "errors", (double)d->errors);
	cJSON_AddNumberToObject(root, "warnings", (double)d->warnings);
	list = cJSON_AddArrayToObject(root, "diagnostics");
	for (size_t i = 0; i < d->n; i++)
		cJSON_AddItemToArray(list, diag_json(&d->v[i]));
	text = cJSON_Print(root);
	if (text == NULL) {
		/* cJSON's allocator failed: the same as any other OOM. */
		fputs("gongshi: 内存不足\n", stderr);
		exit(EXIT_IO);
	}
	fputs(text, out);
	fputc('\n', out);
	cJSON_free(text);
	cJSON_Delete(root);
}

int report_diagnostics(diags *d, int strict, int json)
{
	if (strict)
		diags_promote_warnings(d);
	diags_sort(d);
	if (json) {
		print_json(d, stdout);
	} else {
		diags_print(d, stderr);
		if (d->errors || d->warnings)
			fprintf(stderr, "%zu 个错误，%zu 个警告\n", d->errors, d->warnings);
	}
	return d->errors ? EXIT_INPUT : EXIT_OK;
}

static void print_line(FILE *out, const char *indent, const char *name,
		       const struct totals_sum *g)
{
	char wan[32];

	format_area_wan(g->cm2, wan);
	fprintf(out, "%s%s：%ld 个小区，%ld 户，%s 万平方米\n", indent, name,
		g->communities, g->households, wan);
}

/* The progress line, for a site that records any progress fact: the
 * counts residents will see, as of today, beside the plan's totals. */
static void print_progress(const struct site *s, FILE *out)
{
	struct date today = site_today(s);
	struct progress_totals t;
	buf money = BUF_INIT;
	char iso[32];

	if (!progress_recorded(s))
		return;
	progress_totals(s, today, NO_INDEX, &t);
	progress_money_text(&money, t.planned);
	date_iso(today, iso);
	fprintf(out, "进度（截至 %s）：已开工 %zu 个，已竣工 %zu 个，已验收 %zu 个，逾期 %zu 个；"
		     "进度报告 %zu 条，计划投资 %s 万元，资金来源 %zu 种\n",
		iso, t.started, t.completed, t.accepted, t.overdue, s->nreports, money.data,
		s->nsources);
	buf_free(&money);
}

void report_summary(const struct site *s, FILE *out)
{
	struct totals t;
	size_t a = 0;

	totals_make(&t, s);
	fprintf(out, "%s\n", s->config.title);
	print_line(out, "", "合计", &t.all);
	for (size_t u = 0; u < s->nunits; u++) {
		if (s->units[u].kind != UNIT_SUBDISTRICT)
			continue;
		print_line(out, "  ", s->units[u].name, &t.subdistrict[u]);
		/* The areas are in units order, each subdistrict's together. */
		while (a < t.nareas && t.areas[a].unit < u)
			a++;
		for (; a < t.nareas && t.areas[a].unit == u; a++)
			print_line(out, "    ", t.areas[a].name, &t.areas[a].sum);
	}
	totals_free(&t);
	fprintf(out, "单位 %zu 个，改造内容 %zu 项，阶段 %zu 个，职责 %zu 条，"
		     "领导小组 %zu 人，页面 %zu 个\n",
		s->nunits, s->nitems, s->nphases, s->nduties, site_group_size(s), s->npages);
	print_progress(s, out);
}
