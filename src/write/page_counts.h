/* The page count of each notice, kept from one build to the next in
 * OUT/.gongshi-pages, so that splitting the booklets into volumes
 * (plan/volumes.h) lays out only the notices that changed: at 55,000
 * communities, laying every notice out again cost an edited row's
 * rebuild most of its time (docs/performance.md).
 *
 * The file is read from the live output, as the manifest is, and
 * written into the new output once the split is decided.  Its first
 * line names the format and the program ("gongshi-pages 1 HASH", the
 * hash of the program's version and bytes, as the manifest's header):
 * a count made by other layout code is never trusted.  Then one line per
 * notice of the build that wrote it, in the booklets' order: "KEY PAGES",
 * KEY the notice's input key in 32 hex digits (plan_notice_key,
 * plan/pdfs.h), PAGES a decimal from 1 to 32767.  A file that is
 * missing, another program's, bigger than 64 MB, not a regular file, or
 * wrong in any line (a damaged or edited file) is ignored whole: every
 * notice is counted again.  It holds hashes and numbers only, nothing a
 * resident wrote; a web server that hides dot files will not serve it.
 *
 * Owned by the caller: page_counts_free. */
#ifndef GONGSHI_WRITE_PAGE_COUNTS_H
#define GONGSHI_WRITE_PAGE_COUNTS_H

#include <stddef.h>

#include "util/diag.h"
#include "util/hash.h"
#include "write/output.h"

#define PAGE_COUNTS_NAME ".gongshi-pages"

struct page_counts;

/* Reads OUT_DIR's page counts (`out_dir` NULL, or `force`: none).  Never
 * fails: a file that cannot be used is ignored. */
struct page_counts *page_counts_open(const char *out_dir, int force);
/* The pages of the notice keyed `key` as the last build counted them, or
 * 0 when it did not.  Safe from several threads (read only). */
unsigned page_counts_get(const struct page_counts *c, struct hash_value key);
/* How many counts the file held (0 when it was ignored). */
size_t page_counts_known(const struct page_counts *c);
/* Writes `n` counts, keys[i] having pages[i] pages, as OUT/.gongshi-pages
 * of the output `o` being built.  0, or -1 with a diagnostic. */
int page_counts_write(const struct page_counts *c, struct output *o,
		      const struct hash_value *keys, const unsigned *pages, size_t n,
		      diags *d);
/* Accepts NULL. */
void page_counts_free(struct page_counts *c);

#endif
