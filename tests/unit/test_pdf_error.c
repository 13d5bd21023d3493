/* libharu's error codes in words (src/pdf/pdf_error.c): the codes a
 * build meets say what went wrong and what to do, in Chinese; any other
 * code still gives a sentence, never NULL or the bare number. */
#include <hpdf.h>
#include <string.h>

#include "pdf/pdf_error.h"
#include "test.h"

static void test_known(void)
{
	/* The issue's: a booklet of 70,000 pages. */
	CHECK_STR(pdf_error_words(HPDF_ARRAY_COUNT_ERR),
		  "页数或对象太多，超出 PDF 的上限（一个数组最多 32767 项）："
		  "请在 site.yaml 的 booklet: 下写 sheets: 200（已写的改小），分册生成");
	CHECK_STR(pdf_error_words(0x1001),
		  pdf_error_words(HPDF_ARRAY_COUNT_ERR));
	CHECK_STR(pdf_error_words(HPDF_FAILD_TO_ALLOC_MEM),
		  "内存不足：请关闭其他程序，或用 --jobs 1 少开几路同时生成");
	CHECK(strstr(pdf_error_words(HPDF_TTF_CANNOT_EMBEDDING_FONT), "pdf.fonts") != NULL);
	CHECK(strstr(pdf_error_words(HPDF_INVALID_TTC_INDEX), "index") != NULL);
	CHECK(strstr(pdf_error_words(HPDF_FILE_IO_ERROR), "磁盘") != NULL);
}

static void test_unknown(void)
{
	const char *general = "libharu 内部错误：这是 gongshi 的缺陷，请把这条信息和数据一起报告给维护者";

	CHECK_STR(pdf_error_words(HPDF_INVALID_OUTLINE), general);
	CHECK_STR(pdf_error_words(0), general);
	CHECK_STR(pdf_error_words(0xFFFFFFFFul), general);
	/* Every code libharu defines has words, the known ones their own. */
	for (unsigned long c = 0x1001; c <= 0x1085; c++) {
		const char *w = pdf_error_words(c);

		CHECK(w != NULL && *w != '\0');
	}
}

int main(void)
{
	test_known();
	test_unknown();
	return test_done();
}
