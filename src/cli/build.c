#include <stdio.h>

#include "cli/commands.h"
#include "cli/report.h"

int command_build(const struct options *o)
{
	diags d = DIAGS_INIT;
	struct site *s;
	int status;

	if (require_site_dir(o->site_dir) < 0)
		return EXIT_IO;
	s = model_load(o->site_dir, &d);
	status = report_diagnostics(&d, o->strict);

	if (status == EXIT_OK)
		print_summary(s, stdout);
	site_free(s);
	diags_free(&d);
	return status;
}
