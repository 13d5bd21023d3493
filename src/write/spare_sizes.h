/* Which files of the spare a build may keep without looking at them,
 * and their sizes (issue 20: at 55,000 communities × 10 photos a caption
 * edit kept 550,000 derivatives with an fstatat each).
 *
 * The check of the spare (spare_check.h) trusts a folder whose record
 * (folder_stamps.h) matches it now: the folder holds exactly the entries
 * it held when its build recorded it, so a file recorded there is still
 * that regular file, the same inode, of the recorded size (gongshi never
 * writes into a file of the spare: it removes it and makes a new one).
 * But the check trusts the folder, not the spare's manifest, which is
 * what the build asks about: a spare `gongshi serve` stopped making
 * early holds only part of the files its manifest names, and a manifest
 * could have been edited by hand.  So a listed file is given a size (the
 * mark that it may be kept unlooked at) only when the files the manifest
 * lists right in its folder are the ones the record says the folder
 * held: as many, in the same order, with the same names (the record's
 * NAMES, a sum of the names' hashes).  Any other file, those of the root
 * (always read) and of folders read whole included, is looked at as
 * before (output_keep); the others are kept by output_keep_listed. */
#ifndef GONGSHI_SPARE_SIZES_H
#define GONGSHI_SPARE_SIZES_H

#include <stddef.h>

#include "write/folder_stamps.h"
#include "write/listing.h"

/* Sets the size (listing_set_size) of each file of `spare` (the spare's
 * manifest, in its order: sorted) right in a folder of `s` whose byte in
 * `trusted` (spare_check_counts.trusted_folders) is 1 and whose record
 * names the folder's listed files, as above.  Returns how many. */
size_t spare_sizes_mark(struct listing *spare, const struct folder_stamps *s,
			const unsigned char *trusted);

#endif
