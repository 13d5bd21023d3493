/* The notice cycle's table readers and the step that ties them together
 * once every table is read (model/cycle.h).  Private to model/. */
#ifndef GONGSHI_MODEL_CYCLE_LOADER_H
#define GONGSHI_MODEL_CYCLE_LOADER_H

#include "model/cycle.h"
#include "model/loader.h"

void cycle_read_holidays(struct loader *l, const struct binding *b);
void cycle_read_notices(struct loader *l, const struct binding *b);
void cycle_read_consent(struct loader *l, const struct binding *b);
void cycle_read_opinions(struct loader *l, const struct binding *b);

/* The community named in `f` (its 小区编号); NO_INDEX and an error when
 * there is none (no error when communities.csv could not be read). */
size_t cycle_resolve_community(struct loader *l, const char *file,
			       const struct csv_field *f);

/* After every table: each community's postings (round 1 from site.yaml
 * when data/notices.csv has no row for it), their deadlines and what
 * each 再公示 changed; the checks that need several tables (years
 * without holiday rows, consent below the threshold for a started
 * community, opinions outside the notice period). */
void cycle_finish(struct loader *l);
/* 1 for a posting made from site.yaml without notice.date: dated by
 * today: or the build's clock, not by the office, so no warning about
 * its period is to be trusted (or depend on the day of the build). */
int cycle_undated(const struct site *s, const struct posting *p);
/* Opinions' checks against the postings (cycle_opinions.c). */
void cycle_check_opinions(struct loader *l);

#endif
