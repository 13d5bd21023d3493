#include <stdio.h>
#include <string.h>

#include "model/model.h"
#include "util/buf.h"

void format_area_m2(long long cm2, char *out)
{
	long long whole = cm2 / 100, frac = cm2 % 100;

	if (frac == 0)
		snprintf(out, 32, "%lld", whole);
	else if (frac % 10 == 0)
		snprintf(out, 32, "%lld.%lld", whole, frac / 10);
	else
		snprintf(out, 32, "%lld.%02lld", whole, frac);
}

void format_area_wan(long long cm2, char *out)
{
	/* 0.01 万 m² is 100 m², i.e. 10000 hundredths; round half up. */
	long long hundredths = (cm2 + 5000) / 10000;

	snprintf(out, 32, "%lld.%02lld", hundredths / 100, hundredths % 100);
}

const char *format_unit_kind(enum unit_kind k)
{
	switch (k) {
	case UNIT_SUBDISTRICT:
		return "街道";
	case UNIT_DEPARTMENT:
		return "部门";
	case UNIT_ENTERPRISE:
		return "企业";
	case UNIT_UTILITY:
		break;
	}
	return "专营单位";
}

void format_plan_subject(buf *out, const char *name)
{
	size_t n = strlen(name), k = strlen("小区");

	/* 海河小区 is already a 小区: "海河小区改造方案", not
	 * "海河小区老旧小区改造方案". */
	if (n >= k && strcmp(name + n - k, "小区") == 0)
		buf_printf(out, "%s改造方案", name);
	else
		buf_printf(out, "%s老旧小区改造方案", name);
}
