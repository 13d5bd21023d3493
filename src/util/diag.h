/* Diagnostics: every problem found in the inputs, collected, never fatal.
 *
 * Loaders and validators add to a `diags` and carry on, so one run reports
 * every bad row.  Only the command (cli/) turns what the list holds into
 * the exit status that main() returns.  Messages are in
 * Simplified Chinese; a `value` is the offending input, quoted by the
 * caller inside the message and also kept apart for machine output.
 *
 * A line of 0 means the problem is about the whole file; a column of 0
 * means the whole line. */
#ifndef GONGSHI_DIAG_H
#define GONGSHI_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum diag_severity { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE };

struct diag {
	enum diag_severity severity;
	char *file;    /* as shown to the user: relative to the site */
	unsigned line; /* 1-based, 0 = none */
	unsigned col;  /* 1-based, 0 = none */
	char *message; /* owned */
	char *value;   /* owned, may be NULL */
	size_t seq;    /* insertion order, keeps sorting stable */
};

/* At most this many problems are kept for a run of problems in one file
 * (a loader reports a file's rows one after another); the others are
 * only counted, in one note, so that a table of junk rows cannot fill
 * memory with diagnostics. */
#define DIAG_MAX_PER_FILE 100

typedef struct diags {
	struct diag *v;
	size_t n, cap;
	size_t errors, warnings;
	/* The current run of one file's problems. */
	size_t run_count;     /* problems in it, kept or not */
	size_t run_note;      /* index of its "N more" note, when one was added */
	size_t dropped_warnings; /* warnings counted but not kept */
} diags;

#define DIAGS_INIT { NULL, 0, 0, 0, 0, 0, 0, 0 }

/* Where a problem is: the file as shown to the user (NULL: the program
 * itself), its line and column (0: none), as in struct diag. */
struct diag_at {
	const char *file;
	unsigned line, col;
};

void diag_error(diags *d, const char *file, unsigned line, unsigned col,
		const char *value, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
void diag_warning(diags *d, const char *file, unsigned line, unsigned col,
		  const char *value, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Appends what `from` holds to `to`, in order, counting in `to` also the
 * problems `from` counted but did not keep; empties `from`. */
void diags_move(diags *to, diags *from);
/* Turns every warning into an error (--strict). */
void diags_promote_warnings(diags *d);
/* Orders by file, line, column, keeping insertion order for ties, so the
 * report reads top to bottom whatever order the checks ran in. */
void diags_sort(diags *d);
/* GCC style: `file:line:col: error: message`. */
void diags_print(const diags *d, FILE *out);
void diag_format(const struct diag *g, FILE *out);
void diags_free(diags *d);

#endif
