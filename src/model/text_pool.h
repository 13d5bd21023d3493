/* The texts the records keep from rows read row by row (load/csv.h:
 * each row is scratch), stored compactly: packed end to end in large
 * pieces of the site's arena (a copy of its own would round every text up
 * to 16 bytes), and a text seen before shared rather than copied again
 * (a clerk copies 按计划施工 down a column of 600,000 reports).  Only the
 * first TEXT_POOL_SLOTS * 3 / 4 distinct short texts are remembered for
 * sharing, so the pool's own memory stays bounded whatever the table.
 *
 * Private to model/.  Ownership: the texts are in the arena given to
 * text_pool_new and live as long as it; the pool (its table of texts
 * seen) is freed by text_pool_free. */
#ifndef GONGSHI_MODEL_TEXT_POOL_H
#define GONGSHI_MODEL_TEXT_POOL_H

#include <stddef.h>

#include "util/arena.h"

enum { TEXT_POOL_SLOTS = 8192 };

struct text_pool;

struct text_pool *text_pool_new(arena *a);
/* `s` kept: "" for the empty text, a text seen before, or a new copy. */
const char *text_pool_keep(struct text_pool *p, const char *s);
void text_pool_free(struct text_pool *p);

#endif
