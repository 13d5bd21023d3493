#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "write/pool.h"
#include "load/theme_dir.h"
#include "cli/commands.h"
#include "cli/report.h"
#include "html/theme.h"
#include "model/release.h"
#include "model/validate.h"
#include "pdf/pdf.h"

/* What build reads besides the data, read the same way: the theme (every
 * template and partial parsed, the assets folders listed) and, unless
 * --no-pdf, notice.yaml and the fonts (and with --as-of, the progress
 * report of that day laid out).  check passing and build failing
 * on the same inputs would be a bug. */
static void check_theme(const struct site *s, int no_pdf, struct date as_of, diags *d)
{
	struct pdf_renderer *r;
	struct theme t;
	char *notice = NULL, *display = NULL;
	size_t len = 0;

	if (theme_open(&t, s, d) < 0)
		return;
	theme_check(&t);
	if (!no_pdf && theme_src_notice(&t.src, d, &notice, &len, &display) == 0) {
		r = pdf_renderer_new(s, notice, len, display, d);
		/* --as-of: that day's progress report, laid out. */
		if (r && as_of.year)
			pdf_report_check(r, as_of, d);
		pdf_renderer_free(r);
	}
	free(notice);
	free(display);
	theme_close(&t);
}

int command_check(const struct options *o)
{
	diags d = DIAGS_INIT;
	struct site *s;
	int status;

	if (site_dir_require(o->site_dir) < 0)
		return EXIT_IO;
	s = model_load_with(o->site_dir,
			    &(struct model_load_options){ o->jobs ? o->jobs : pool_cpus(), NULL, NULL }, &d);
	/* Without a site.yaml there is no site, and no theme named. */
	if (s && s->config.theme)
		check_theme(s, o->no_pdf, o->as_of, &d);
	if (o->release && s)
		release_check(s, &d);
	status = report_diagnostics(&d, o->strict, o->json);
	/* With JSON on stdout, the summary would make it unparsable. */
	if (status == EXIT_OK && !o->json && !o->quiet)
		report_summary(s, stdout);
	site_free(s);
	diags_free(&d);
	return status;
}
