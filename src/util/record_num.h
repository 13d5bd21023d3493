/* Numbers in gongshi's own record files (write/photo_cache.h,
 * write/content_record.h): decimals with no leading zero, and times as
 * SECONDS.NANOSECONDS with the nanoseconds in nine digits.  Read back
 * only in exactly the form written, so that a line is canonical by
 * construction without formatting it again to compare.  No state. */
#ifndef GONGSHI_UTIL_RECORD_NUM_H
#define GONGSHI_UTIL_RECORD_NUM_H

#include <stdint.h>

#include "util/buf.h"

/* Reads a decimal at *p (before `end`) followed by `stop`: 0 with *p
 * past `stop`, or -1 (no digit, a leading zero, over 2^64 - 1, or not
 * followed by `stop`). */
int record_take_num(const char **p, const char *end, char stop, uint64_t *out);
/* Reads SECONDS.NANOSECONDS followed by a space, as record_put_time
 * writes it: 0 with *p past the space, or -1. */
int record_take_time(const char **p, const char *end, uint64_t *sec, uint32_t *nsec);
/* Appends SECONDS.NANOSECONDS (`nsec` below 10^9) to `b`. */
void record_put_time(buf *b, uint64_t sec, uint32_t nsec);

#endif
