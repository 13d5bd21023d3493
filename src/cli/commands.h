/* The commands behind the command line; each returns the exit status:
 * 0 success (warnings allowed), 1 the inputs have errors, 2 usage or I/O. */
#ifndef GONGSHI_COMMANDS_H
#define GONGSHI_COMMANDS_H

#include "load/date.h"
#include "plan/shard.h"

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_IO = 2 };

struct options {
	const char *site_dir; /* default "." */
	const char *out_dir;  /* default SITE_DIR/public */
	int strict;	      /* warnings are errors */
	const char *context_page; /* build --context PAGE: print, write nothing */
	unsigned jobs;	/* --jobs N; 0: one per online CPU */
	int no_pdf;	/* --no-pdf: the website only */
	int force;	/* --force: make every file, trust no manifest */
	struct shard shard; /* --shard K/N or index; .on 0 when not given */
	int site_given;	/* SITE_DIR was on the command line (init needs it) */
	int quiet;	/* --quiet: diagnostics only, no summary or progress */
	int verbose;	/* --verbose: phases and their times too */
	int json;	/* --format json: diagnostics as JSON on stdout */
	unsigned port;	/* serve --port N; 0: the default */
	int release;	/* --release: also refuse what must not be published */
	struct date as_of; /* --as-of DATE: the progress report's date and
			    * "today" of its figures; year 0: today */
	int no_wait;	/* --no-wait: refuse, not wait, while another build
			 * of the same output runs (write/output_lock.h) */
};

/* 0 when `dir` is a folder; otherwise says so on stderr and returns -1
 * (the caller exits with EXIT_IO). */
int site_dir_require(const char *dir);

int command_check(const struct options *o);
int command_build(const struct options *o);
/* gongshi init DIR: a new, empty site to fill in. */
int command_init(const struct options *o);
/* gongshi serve: build, serve on 127.0.0.1, rebuild on change. */
int command_serve(const struct options *o);

#endif
