/* The personal-data detector (model/personal.h): what it must find in an
 * opinion's summary or answer, masked, and what it must leave alone. */
#include "test.h"

#include "model/personal.h"

static void found(const char *text, enum personal_kind kind, const char *masked)
{
	struct personal_hit h;
	enum personal_kind k = personal_find(text, NULL, 0, &h);

	CHECK_INT(k, kind);
	CHECK_STR(h.masked, masked);
	if (k != kind)
		printf("  in: [%s]\n", text);
}

static void clean(const char *text)
{
	struct personal_hit h;
	enum personal_kind k = personal_find(text, NULL, 0, &h);

	CHECK_INT(k, PERSONAL_NONE);
	if (k != PERSONAL_NONE)
		printf("  false positive in [%s]: %s\n", text, h.masked);
}

static void test_phones(void)
{
	found("居民电话13812345678，反映路灯不亮", PERSONAL_MOBILE, "138****5678");
	found("请回电 138 1234 5678", PERSONAL_MOBILE, "138****5678");
	found("手机：138-1234-5678。", PERSONAL_MOBILE, "138****5678");
	found("+86 19912345678", PERSONAL_MOBILE, "199****5678");
	found("电话１３８１２３４５６７８", PERSONAL_MOBILE, "138****5678");
	found("家里电话0632-4479325", PERSONAL_LANDLINE, "0632-***9325");
	found("（0632）4479325", PERSONAL_LANDLINE, "0632-***9325");
	found("010-12345678", PERSONAL_LANDLINE, "010-***5678");
}

static void test_ids(void)
{
	found("身份证号11010519491231002X", PERSONAL_ID, "110105********002X");
	found("370402198001011233", PERSONAL_ID, "370402********1233");
	found("老身份证370402800101123", PERSONAL_ID, "370402*****1123");
}

static void test_names(void)
{
	found("姓名：王建国，反映路灯不亮", PERSONAL_NAME, "姓名：王**");
	found("联系人:李四", PERSONAL_NAME, "联系人:李*");
	found("联系人张伟，电话另告", PERSONAL_NAME, "联系人张*");
	found("户主是刘德华", PERSONAL_NAME, "户主是刘**");
	found("3号楼2单元501室王先生反映漏水", PERSONAL_ROOM, "3号楼2单元501室、王*");
	found("3号楼2单元501室居民张伟。", PERSONAL_ROOM, "3号楼2单元501室、张*");
	found("李阿姨（5栋1单元302室）建议增设座椅", PERSONAL_ROOM, "5栋1单元302室、李*");
}

/* What an office writes in a summary or an answer every day. */
static void test_false_positives(void)
{
	clean("某居民建议增设非机动车棚。");
	clean("姓名：某居民");
	clean("联系人：社区居委会");
	clean("请联系人员上门查看");
	clean("3号楼居民反映楼道灯不亮");
	clean("3号楼2单元楼道灯不亮");
	clean("3号楼2单元501室漏水");
	clean("王先生反映路灯不亮");
	clean("2022-05-09 至 2022-05-17 公示");
	clean("2022年5月9日");
	clean("投资约 1,200,000 元，面积 20898.8 平方米");
	clean("改造内容第1、2、3、13项");
	clean("编号 20220509001");
	/* 18 digits with a wrong check digit: an order number, not an ID. */
	clean("工单号370402198001011234");
	clean("12345678901");	/* 11 digits, not 1[3-9] */
	clean("订单 123456789012345");	/* 15 digits, no birth date */
	clean("");
}

static void test_allowed(void)
{
	static const char *const allow[] = { "0632-4411234", "13900000000" };
	struct personal_hit h;

	CHECK_INT(personal_find("请拨打0632-4411234咨询", allow, 2, &h), PERSONAL_NONE);
	CHECK_INT(personal_find("请拨打 0632 4411234 咨询", allow, 2, &h), PERSONAL_NONE);
	CHECK_INT(personal_find("热线13900000000", allow, 2, &h), PERSONAL_NONE);
	CHECK_INT(personal_find("请拨打0632-4411235咨询", allow, 2, &h), PERSONAL_LANDLINE);
	CHECK(personal_id18_valid("11010519491231002X"));
	CHECK(!personal_id18_valid("110105194912310021"));
	CHECK(!personal_id18_valid("110105194913310021"));
	CHECK_STR(personal_kind_name(PERSONAL_MOBILE), "手机号码");
}

int main(void)
{
	test_phones();
	test_ids();
	test_names();
	test_false_positives();
	test_allowed();
	return test_done();
}
