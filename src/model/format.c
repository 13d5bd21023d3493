#include <stdio.h>

#include "model/model.h"

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

const char *unit_kind_name(enum unit_kind k)
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
