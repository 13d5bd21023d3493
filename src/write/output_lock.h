/* One build at a time per output folder.
 *
 * Two builds of the same output (serve and a build by hand, two cron
 * jobs) would each clear the other's temporary folder as a leftover of
 * a killed build and publish half a site.  So a build holds an exclusive
 * flock(2) on the file OUT.lock beside the output from before it reads
 * the previous output until its swap is done; the kernel drops the lock
 * when the process ends, however it ends, so a killed build never leaves
 * a stale lock.  The file is never removed (removing a lock file lets a
 * third build lock a new file while the second still holds the old one). */
#ifndef GONGSHI_OUTPUT_LOCK_H
#define GONGSHI_OUTPUT_LOCK_H

#include "util/diag.h"

#define OUTPUT_LOCK_MARK ".lock"

/* Takes the lock of `out_dir`.  When another build holds it: with
 * `wait`, says so in one line on stderr and waits; without, -1 with a
 * diagnostic.  Returns the lock (output_unlock), or -2 when no lock file
 * can be made or opened beside the output (a read-only folder: the
 * build then fails anyway where it writes its temporary folder, with
 * its usual message). */
int output_lock(const char *out_dir, int wait, diags *d);
/* Releases the lock `lock` (accepts what output_lock returned). */
void output_unlock(int lock);

#endif
