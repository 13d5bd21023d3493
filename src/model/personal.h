/* Finds residents' personal data in a text meant for a public page: the
 * summaries and answers of data/opinions.csv (model/cycle_opinions.c).
 *
 * What counts: a mobile number (1[3-9] and 9 more digits, also written
 * with spaces or dashes, +86 allowed), a landline with its area code
 * (0632-4479325, (0632)4479325), an 18-digit ID number whose check digit
 * is right and whose birth date is a date, a 15-digit old ID number with
 * a date in it, a name after a label (姓名：张三, 联系人李四, 户主：…),
 * and a room number followed by a name (3号楼2单元501室张伟, …室王先生).
 * What does not: dates, sums of money, item numbers, 某居民 and other
 * stand-ins, a unit's public phone listed in `allow`, a room number
 * alone.  Pure functions, no allocation. */
#ifndef GONGSHI_PERSONAL_H
#define GONGSHI_PERSONAL_H

#include <stddef.h>

enum personal_kind {
	PERSONAL_NONE,
	PERSONAL_MOBILE,   /* 手机号码 */
	PERSONAL_LANDLINE, /* 固定电话 */
	PERSONAL_ID,	   /* 身份证号码 */
	PERSONAL_NAME,	   /* 姓名 after a label */
	PERSONAL_ROOM,	   /* 门牌号和姓名 */
};

struct personal_hit {
	enum personal_kind kind;
	size_t at, len;	 /* the bytes found in the text */
	char masked[96]; /* what was found, masked: 138****5678, 张*, … */
};

/* The first piece of personal data in `text` into *hit; returns its
 * kind, PERSONAL_NONE when there is none.  `allow` lists phone numbers
 * that are public (the units' and the feedback phone), as digits only
 * or as written; NULL when none. */
enum personal_kind personal_find(const char *text, const char *const *allow,
				 size_t nallow, struct personal_hit *hit);

/* 手机号码, 固定电话, 身份证号码, 姓名, 门牌号和姓名. */
const char *personal_kind_name(enum personal_kind k);

/* 1 when the 18 characters at `s` are an ID number: 17 digits with a
 * birth date at 6..13, then the ISO 7064 MOD 11-2 check character. */
int personal_id18_valid(const char *s);

#endif
