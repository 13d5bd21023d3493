#include <stdio.h>
#include <string.h>

#include "build/pool.h"
#include "cli/commands.h"
#include "cli/report.h"
#include "model/release.h"
#include "model/validate.h"

int command_check(const struct options *o)
{
	diags d = DIAGS_INIT;
	struct site *s;
	int status;

	if (require_site_dir(o->site_dir) < 0)
		return EXIT_IO;
	s = model_load_jobs(o->site_dir, o->jobs ? o->jobs : pool_cpus(), &d);
	if (o->release && s)
		release_check(s, &d);
	status = report_diagnostics(&d, o->strict, o->json);
	/* With JSON on stdout, the summary would make it unparsable. */
	if (status == EXIT_OK && !o->json && !o->quiet)
		print_summary(s, stdout);
	site_free(s);
	diags_free(&d);
	return status;
}
