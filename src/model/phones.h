/* Phone numbers in the data tables: printed on notices and turned into
 * tel: links, so a number Excel has damaged must stop the build rather
 * than reach a resident who then dials a wrong or incomplete number.
 *
 * What Excel does to a phone column left in 常规 (General) format:
 *   - 13812345678 becomes 1.38123E+10 (scientific notation): the last
 *     digits are gone from the saved CSV and cannot be recovered;
 *   - 06324411234 becomes 6324411234, and 0632-4411234 typed in some
 *     layouts 632-4411234: the area code's leading zero is dropped;
 * and what people do in it: a mobile number one digit short or long,
 * digits typed full width (０６３２). */
#ifndef GONGSHI_PHONES_H
#define GONGSHI_PHONES_H

#include "load/csv.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/diag.h"

enum phone_verdict {
	PHONE_OK,
	PHONE_SCIENTIFIC,    /* 1.38E+10 */
	PHONE_LOST_ZERO,     /* 632-4411234, 6324411234 */
	PHONE_MOBILE_LENGTH, /* starts with 1, not 11 digits */
	PHONE_LENGTH,	     /* any other number of the wrong length */
};

/* Judges `s` (already half width, see halfwidth.h).  A field may hold
 * several numbers and words (0632-4411234 转 801、13812345678 王主任):
 * each run of digits, spaces, -, +, ( and ) is one number, judged alone;
 * the first bad one decides.  For PHONE_LOST_ZERO, `fix` receives the
 * number with its zero back; for the length verdicts, *digits is the
 * count of digits found.  `fix` may be NULL. */
enum phone_verdict phones_check(const char *s, buf *fix, int *digits);

/* Checks the phone field `f` (`what` names the column, e.g. "联系电话").
 * Returns the text to publish: `f->text`, its half-width form (an arena
 * copy, with a warning) or, when the number is damaged, "" (with an
 * error), so that nothing wrong reaches a notice or a tel: link. */
const char *phones_value(const struct csv_field *f, const char *file,
			 const char *what, arena *a, diags *d);

#endif
