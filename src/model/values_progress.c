/* The values of the progress tables (issue 19): money in 万元 and
 * percentages, each failure reported at the field with the value quoted
 * and what to type instead. */
#include <stdlib.h>
#include <string.h>

#include "load/money.h"
#include "model/values.h"

int value_money(const struct csv_field *f, const char *file, const char *what,
		long long *out, diags *d)
{
	buf half = BUF_INIT;
	const char *text;
	int rc = 0;

	*out = -1;
	if (f->len == 0)
		return 0;
	text = value_number_text(f, file, what, &half, d);
	if (text == NULL) {
		rc = -1;
	} else if (money_parse_wan(text, out) < 0) {
		*out = -1;
		diag_error(d, file, f->line, f->col, f->text,
			   "%s“%s”不是数字：只填数字，单位万元（如 50 或 12.5，最多四位小数），"
			   "不写“万元”“约”或汉字；在 Excel/WPS 中把这一列的单元格格式设为“数值”",
			   what, f->text);
		rc = -1;
	}
	buf_free(&half);
	return rc;
}

/* `text` without a trailing % or ％, into `out`. */
static void strip_percent(const char *text, buf *out)
{
	size_t n = strlen(text);

	if (n >= 1 && text[n - 1] == '%')
		n--;
	else if (n >= strlen("％") && strcmp(text + n - strlen("％"), "％") == 0)
		n -= strlen("％");
	buf_put(out, text, n);
	buf_cstr(out);
}

int value_percent(const struct csv_field *f, const char *file, const char *what,
		  int *out, diags *d)
{
	buf half = BUF_INIT, b = BUF_INIT;
	const char *text = value_number_text(f, file, what, &half, d);
	char *end = NULL;
	long v = -1;
	int rc = -1;

	if (text == NULL)
		goto done;
	strip_percent(text, &b);
	if (b.len && b.data[0] >= '0' && b.data[0] <= '9')
		v = strtol(b.data, &end, 10);
	if (end && *end == '\0' && b.len <= 9) {
		if (v > 100)
			diag_error(d, file, f->line, f->col, f->text,
				   "%s“%s”超出范围：应在 0 到 100 之间", what, f->text);
		else
			rc = 0, *out = (int)v;
	} else if (b.len > 2 && strncmp(b.data, "0.", 2) == 0 && strchr(text, '%') == NULL) {
		diag_error(d, file, f->line, f->col, f->text,
			   "%s“%s”是小数，不是百分比：85%% 请填 85 或 85%%。"
			   "在 Excel/WPS 中把这一列的单元格格式设为“常规”后重新输入", what, f->text);
	} else {
		diag_error(d, file, f->line, f->col, f->text,
			   "%s“%s”不是 0 到 100 之间的整数：请填 85 或 85%% 这样的整数百分比", what,
			   f->text);
	}
done:
	buf_free(&b);
	buf_free(&half);
	return rc;
}
