/* libharu's error codes in words: the codes a build can meet (memory,
 * sizes, fonts, files), each with what to do; the rest are libharu's or
 * gongshi's own bugs and get one general sentence. */
#include <hpdf.h>

#include "pdf/pdf_error.h"

struct pdf_error_word {
	unsigned long code;
	const char *words;
};

static const struct pdf_error_word pdf_error_table[] = {
	{ HPDF_FAILD_TO_ALLOC_MEM, "内存不足：请关闭其他程序，或用 --jobs 1 少开几路同时生成" },
	{ HPDF_ARRAY_COUNT_ERR, "页数或对象太多，超出 PDF 的上限（一个数组最多 32767 项）："
				"请在 site.yaml 的 booklet: 下写 sheets: 200（已写的改小），分册生成" },
	{ HPDF_DICT_COUNT_ERR, "对象太多，超出 PDF 的上限（一个字典最多 4095 项）："
			       "请在 site.yaml 的 booklet: 下写 sheets: 200（已写的改小），分册生成" },
	{ HPDF_XREF_COUNT_ERR, "对象太多，超出 PDF 的上限（最多 8388607 个对象）："
			       "请在 site.yaml 的 booklet: 下写 sheets: 200（已写的改小），分册生成" },
	{ HPDF_TTF_CANNOT_EMBEDDING_FONT, "字体不允许嵌入（字体文件的授权标志禁止嵌入）："
					  "请在 site.yaml 的 pdf.fonts 里换一个字体" },
	{ HPDF_TTF_INVALID_CMAP, "字体文件有问题（缺少 Unicode 字符表）：请在 site.yaml 的 pdf.fonts 里换一个字体" },
	{ HPDF_TTF_INVALID_FOMAT, "字体文件有问题（不是有效的 TrueType 字体）：请在 site.yaml 的 pdf.fonts 里换一个字体" },
	{ HPDF_TTF_MISSING_TABLE, "字体文件有问题（缺少必需的表）：请在 site.yaml 的 pdf.fonts 里换一个字体" },
	{ HPDF_INVALID_TTC_FILE, "字体文件有问题（不是有效的 TTC 字体集）：请在 site.yaml 的 pdf.fonts 里换一个字体" },
	{ HPDF_INVALID_TTC_INDEX, "字体集里没有这个序号的字体：请检查 site.yaml 的 pdf.fonts 里的 index" },
	{ HPDF_INVALID_FONTDEF_DATA, "字体文件有问题：请在 site.yaml 的 pdf.fonts 里换一个字体" },
	{ HPDF_UNSUPPORTED_FONT_TYPE, "不支持这种字体格式：请在 site.yaml 的 pdf.fonts 里换一个 TrueType 字体" },
	{ HPDF_FILE_IO_ERROR, "读写临时字体文件出错：请检查磁盘空间" },
	{ HPDF_FILE_OPEN_ERROR, "打不开临时字体文件：请检查磁盘空间和输出目录的权限" },
	{ HPDF_ZLIB_ERROR, "压缩 PDF 内容出错（zlib）：多半是内存不足，请用 --jobs 1 再试" },
	{ HPDF_STRING_OUT_OF_RANGE, "一段文字太长，超出 PDF 的上限（一个字符串最多 65535 字节）：请把这段文字分成几段" },
	{ HPDF_PAGE_INSUFFICIENT_SPACE, "页面放不下要画的内容：请检查主题的 notice.yaml 的页边距" },
};

const char *pdf_error_words(unsigned long code)
{
	for (size_t i = 0; i < sizeof(pdf_error_table) / sizeof(pdf_error_table[0]); i++)
		if (pdf_error_table[i].code == code)
			return pdf_error_table[i].words;
	return "libharu 内部错误：这是 gongshi 的缺陷，请把这条信息和数据一起报告给维护者";
}
