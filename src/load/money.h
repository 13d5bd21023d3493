/* Money as the tables write it: a number of 万元 (ten thousand yuan), kept
 * as whole 元 in a long long so that sums add up exactly (0.1 + 0.2 万元
 * in doubles would not).  Shared by site.yaml (targets.investment_wan)
 * and the data tables (model/values_progress.c adds the messages). */
#ifndef GONGSHI_MONEY_H
#define GONGSHI_MONEY_H

/* Largest amount accepted, in 元: a trillion 万元 is beyond any plan. */
#define MONEY_MAX_YUAN 1000000000000000LL

/* Parses `s`, plain ASCII: digits with optional thousands commas and at
 * most four decimals (1 元), no sign, no unit.  "627", "1,234.5",
 * "0.0125" -> *yuan = 6270000, 12345000, 125.  0, or -1 when `s` is not
 * such a number (empty, "约50万", "50万元", "五十", "-3", "1.23456"). */
int money_parse_wan(const char *s, long long *yuan);

#endif
