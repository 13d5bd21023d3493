/* What `check --release` and `build --release` add: the checks a site
 * must pass before it is published, beyond being well formed.
 *
 * A site that builds is not yet fit to publish: the shipped example
 * (example: true), the placeholders `gongshi init` writes into content/,
 * or a notice without its issuer, date or feedback phone would reach
 * residents as if they were real.  Each problem is an error naming the
 * file and line to change, in the words of a text editor. */
#ifndef GONGSHI_RELEASE_H
#define GONGSHI_RELEASE_H

#include "model/model.h"
#include "util/diag.h"

/* Adds an error to `d` for each reason `s` may not be published:
 * - site.yaml says example: true;
 * - base_url, notice.issuer, notice.date or feedback.phone is empty or
 *   missing, or base_url is an example address (a host label "example");
 * - a site.yaml value is marked 示例;
 * - a content/ page still holds a placeholder line (see release.c).
 * site.yaml is read again for its line numbers; nothing is written. */
void release_check(const struct site *s, diags *d);

/* 1 when the line `line` (up to `len` bytes) is a placeholder a release
 * must not carry: the （示例 and （此处粘贴原文 notes of `gongshi init`
 * and of the shipped example, or a sentence calling the site 示例站点. */
int release_placeholder_line(const char *line, size_t len);

#endif
