/* `gongshi serve` makes the spare while the clerk looks at the preview
 * (write/output_spare_make.h): after a build that left none (the first
 * build of a site, or one after --force or a new gongshi), a thread
 * links the output's files into OUT.spare, so that the first saved edit
 * updates that spare instead of making a folder tree as big as the
 * site.  It holds the output's lock meanwhile, like a build, and stops
 * as soon as the inputs change: serve stops it before each rebuild. */
#ifndef GONGSHI_SERVE_SPARE_H
#define GONGSHI_SERVE_SPARE_H

#include "cli/commands.h"

struct serve_spare;

/* Starts making the spare of the output of `o` (as `gongshi build`
 * resolves it) on a thread of its own, unless the builds of `o` keep no
 * spare (--force, --shard).  NULL when nothing was started. */
struct serve_spare *serve_spare_start(const struct options *o);
/* Stops the thread (what it made is kept as the spare), waits for it and
 * frees `s`.  Accepts NULL. */
void serve_spare_stop(struct serve_spare *s);

#endif
