/* libharu's error codes in words a clerk can act on (pdf_error.c).
 * Owns nothing: the strings are static. */
#ifndef GONGSHI_PDF_ERROR_H
#define GONGSHI_PDF_ERROR_H

/* What libharu's error `code` (HPDF_STATUS, hpdf_error.h) means, in
 * Simplified Chinese with what to do about it, e.g. for 0x1001
 * (HPDF_ARRAY_COUNT_ERR) "页数或对象太多，超出 PDF 的上限（一个数组最多
 * 32767 项）：请在 site.yaml 的 booklet: 下写 sheets: 200（已写的改小），分册生成".  Never
 * NULL: an unknown code gives a general sentence. */
const char *pdf_error_words(unsigned long code);

#endif
