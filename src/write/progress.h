/* Progress of a long build, for a person watching a terminal: one line,
 * rewritten in place, with the phase, done/total, the rate and the time
 * left.  Only ever shown on a terminal; a log or a pipe gets nothing, so
 * what a script reads does not depend on how long the build took.
 *
 * Every function accepts NULL (no progress wanted) and does nothing. */
#ifndef GONGSHI_PROGRESS_H
#define GONGSHI_PROGRESS_H

#include <stddef.h>
#include <stdio.h>

struct progress;

/* Progress on `tty` when it is a terminal, else NULL.  Free with
 * progress_free. */
struct progress *progress_open(FILE *tty);
/* Starts a phase ("生成页面") of `total` steps; ends the previous one. */
void progress_phase(struct progress *p, const char *name, size_t total);
/* One step of the current phase done.  Safe from several threads; the
 * line is redrawn at most five times a second. */
void progress_step(struct progress *p);
/* Clears the line, so that what is printed next starts clean. */
void progress_clear(struct progress *p);
void progress_free(struct progress *p);

#endif
