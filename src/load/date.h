/* Dates as staff type them: 2022-04-01, 2022/4/1, 2022.4.1, 2022年4月1日.
 * In load/ because site.yaml and front matter are read with it; model/
 * formats and counts with the same struct date (model/model.h). */
#ifndef GONGSHI_DATE_H
#define GONGSHI_DATE_H

/* A calendar date; year 0 means "not given". */
struct date {
	int year, month, day;
};

/* 0 and *out set, or -1 when `s` is not a valid calendar date. */
int date_parse(const char *s, struct date *out);
/* The same reading without the calendar check: 0 and *out set when `s`
 * is written like a date, even one that does not exist (2023-4-31), so
 * that a message can say what is wrong with it. */
int date_parse_fields(const char *s, struct date *out);
/* Days in month `m` (1-12) of year `y`. */
int date_days_in_month(int y, int m);
/* The date Excel shows for day number `serial` (its 1900 date system,
 * the default on Windows): 44652 is 2022-04-01.  -1 outside 1900-03-01
 * .. 2999-12-31. */
int date_from_excel_serial(long serial, struct date *out);
/* The build's "today": SOURCE_DATE_EPOCH when set, else the clock (UTC+8,
 * the date residents see). */
struct date date_today(void);

/* Formats as 2022-04-27 / 2022年4月27日 into `out` (at least 32 bytes). */
void date_iso(struct date d, char *out);
void date_chinese(struct date d, char *out);
/* Days since 1970-01-01, and back; for adding publicity_days. */
long date_to_days(struct date d);
struct date date_from_days(long days);
int date_cmp(struct date a, struct date b);

#endif
