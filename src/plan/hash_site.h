/* The site's records hashed for the manifest (write/manifest.h): the
 * pieces that both a community's notice and its web page are made of, so
 * that the two keys list them once. */
#ifndef GONGSHI_HASH_SITE_H
#define GONGSHI_HASH_SITE_H

#include "util/hash.h"
#include "model/model.h"

/* What every notice and every community page shows besides its own
 * community: site.yaml's bytes (so that a setting added later is covered
 * without anyone remembering it), every unit, item and phase, the lead
 * unit, the notice's dates and `today` (year 0: a paper that does not
 * show it). */
void hash_site_common(struct hash *h, const struct site *s, struct date today);
/* Every field of community `c`, its items and its content page. */
void hash_site_community(struct hash *h, const struct community *c);
/* The same without the content page (a notice shows only its text). */
void hash_site_community_row(struct hash *h, const struct community *c);
/* What the optional tables say of community `ci`, in the pieces that
 * different outputs show, so that an edit remakes only what shows it: its
 * progress facts (model/progress.h: the page), its postings (model/cycle.h:
 * the notice, poster, 再公示, result notice and page), its opinions and
 * consent (the result notice; the page shows only how the opinions were
 * answered, hash_site_answer_counts, with whether the site records any
 * opinion, which decides whether a result is out) and its photos as the
 * gallery shows them (model/photo.h: the page; their bytes key the
 * derivatives). */
void hash_site_progress(struct hash *h, const struct site *s, size_t ci);
void hash_site_postings(struct hash *h, const struct site *s, size_t ci);
void hash_site_answers(struct hash *h, const struct site *s, size_t ci);
void hash_site_answer_counts(struct hash *h, const struct site *s, size_t ci);
void hash_site_photos(struct hash *h, const struct site *s, size_t ci);
/* data/holidays.csv (in hash_site_common). */
void hash_site_holidays(struct hash *h, const struct site *s);
/* A content page: NULL, or its slug, title, summary, date and text. */
void hash_site_page(struct hash *h, const struct page *p);

#endif
