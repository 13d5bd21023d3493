/* gongshi build: load, validate, render the website and the notices into
 * a temporary folder, and swap it into place only if all went well. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "build/output.h"
#include "cli/commands.h"
#include "cli/report.h"
#include "html/html.h"
#include "build/theme_dir.h"
#include "model/date.h"
#include "pdf/pdf.h"
#include "util/buf.h"

struct build_counts {
	size_t pages, pdfs;
};

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static struct date build_today(const struct site *s)
{
	return s->config.today.year ? s->config.today : date_today();
}

/* One notice per community, one booklet per subdistrict that has any. */
static int render_pdfs(const struct site *s, struct output *o, diags *d,
		       size_t *count)
{
	const char *theme = theme_dir(s, s->arena, d);
	struct pdf_renderer *r = theme ? pdf_renderer_new(s, theme, d) : NULL;
	buf pdf = BUF_INIT, path = BUF_INIT;
	int rc = r ? 0 : -1;

	for (size_t i = 0; rc == 0 && i < s->ncommunities; i++) {
		buf_reset(&pdf);
		buf_reset(&path);
		buf_printf(&path, "communities/%s/notice.pdf", s->communities[i].id);
		rc = pdf_render_notice(r, i, &pdf, d);
		if (rc == 0)
			rc = output_write(o, path.data, pdf.data, pdf.len, d);
		*count += rc == 0;
	}
	for (size_t u = 0; rc == 0 && u < s->nunits; u++) {
		if (s->units[u].kind != UNIT_SUBDISTRICT)
			continue;
		buf_reset(&pdf);
		buf_reset(&path);
		buf_printf(&path, "notices/%s.pdf", s->units[u].id);
		rc = pdf_render_booklet(r, u, &pdf, d);
		if (rc == 0 && pdf.len) {
			rc = output_write(o, path.data, pdf.data, pdf.len, d);
			*count += rc == 0;
		}
	}
	pdf_renderer_free(r);
	buf_free(&pdf);
	buf_free(&path);
	return rc;
}

static int print_context(const struct site *s, const char *page, diags *d)
{
	buf json = BUF_INIT;
	int rc = html_page_context(s, build_today(s), page, &json, d);

	if (rc == 0)
		fwrite(json.data, 1, json.len, stdout), putchar('\n');
	buf_free(&json);
	return rc;
}

/* Renders into a new output folder; EXIT_OK, EXIT_INPUT or EXIT_IO. */
static int render(const struct site *s, const char *out_dir, diags *d,
		  struct build_counts *n, unsigned long long *bytes)
{
	struct output *o = output_begin(out_dir, d);

	if (o == NULL)
		return EXIT_IO;
	if (html_render_site(s, build_today(s), o, d, &n->pages) < 0 ||
	    render_pdfs(s, o, d, &n->pdfs) < 0) {
		/* A failed write is an I/O error, a bad template an input one. */
		int status = output_failed(o) ? EXIT_IO : EXIT_INPUT;
		output_abort(o);
		return status;
	}
	*bytes = output_bytes(o);
	return output_commit(o, d) == 0 ? EXIT_OK : EXIT_IO;
}

int command_build(const struct options *o)
{
	diags d = DIAGS_INIT;
	struct site *s;
	struct timespec t0;
	struct build_counts n = { 0, 0 };
	unsigned long long bytes = 0;
	const char *out_dir;
	int status;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (require_site_dir(o->site_dir) < 0)
		return EXIT_IO;
	s = model_load(o->site_dir, &d);
	if (o->strict)
		diags_promote_warnings(&d);
	if (d.errors == 0 && o->context_page) {
		status = print_context(s, o->context_page, &d) == 0 ? EXIT_OK : EXIT_INPUT;
	} else if (d.errors == 0) {
		out_dir = o->out_dir ? o->out_dir
				     : arena_printf(s->arena, "%s/public", o->site_dir);
		status = render(s, out_dir, &d, &n, &bytes);
	} else {
		status = EXIT_INPUT;
	}
	if (report_diagnostics(&d, o->strict) != EXIT_OK && status == EXIT_OK)
		status = EXIT_INPUT;
	if (status == EXIT_OK && !o->context_page)
		printf("已生成 %zu 个页面、%zu 个 PDF，共 %llu 字节，用时 %.2f 秒\n",
		       n.pages, n.pdfs, bytes, seconds_since(&t0));
	site_free(s);
	diags_free(&d);
	return status;
}
