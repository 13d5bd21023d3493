/* Dates as staff type them: 2022-04-01, 2022/4/1, 2022.4.1, 2022年4月1日. */
#ifndef GONGSHI_DATE_H
#define GONGSHI_DATE_H

#include "model/model.h"

/* 0 and *out set, or -1 when `s` is not a valid calendar date. */
int date_parse(const char *s, struct date *out);
int date_valid(struct date d);
/* The build's "today": SOURCE_DATE_EPOCH when set, else the clock (UTC+8,
 * the date residents see). */
struct date date_today(void);

#endif
