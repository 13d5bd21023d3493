/* The small site the PDF notice tests render, built by hand in the
 * caller's arena (no loader involved): one subdistrict with two
 * communities, the housing bureau named by duty 2, a contractor, three
 * items and two phases, with the fonts of pdf_fixture.h.  And the page
 * count of a PDF.  Included by test_pdf_notice.c and test_pdf_fonts.c
 * (kept apart so that each file stays short); header-only, static
 * inline. */
#ifndef GONGSHI_TEST_PDF_HAND_SITE_H
#define GONGSHI_TEST_PDF_HAND_SITE_H

#include <string.h>

#include "model/model.h"
#include "pdf_fixture.h"
#include "util/arena.h"
#include "util/buf.h"

/* site.yaml's part: the notice's issuer, number and date, feedback, the
 * two fonts. */
static inline void hand_config(struct config *c)
{
	struct date start = { 2022, 4, 27 };

	c->title = "测试公示";
	c->base_url = "https://example.gov.cn/laojiu"; /* no trailing / */
	c->notice.issuer = "薛城区人民政府办公室";
	c->notice.number = "薛政办字〔2022〕4号";
	c->notice.plan_title = "薛城区老旧小区整治改造实施方案";
	c->notice.date = start;
	c->notice.publicity_days = 7;
	c->notice.no_objection_clause = 1;
	c->feedback.phone = "0632-4411234";
	c->feedback.address = "薛城区住房和城乡建设局";
	c->pdf.song.path = UMING;
	c->pdf.hei.path = ZENHEI;
}

/* The small tables: units, the one duty, items and phases. */
static inline void hand_tables(struct site *s, arena *a)
{
	s->nunits = 3;
	s->units = arena_array(a, 3, sizeof(*s->units));
	s->units[0] = (struct unit){ "lincheng", "临城街道", "0632-4479325",
				     UNIT_SUBDISTRICT, pos("data/units.csv", 2) };
	s->units[1] = (struct unit){ "zhujianju", "区住建局", "0632-4411234",
				     UNIT_DEPARTMENT, pos("data/units.csv", 3) };
	s->units[2] = (struct unit){ "shenghong", "晟鸿城发集团", "0632-4477118",
				     UNIT_ENTERPRISE, pos("data/units.csv", 4) };
	s->nduties = 1;
	s->duties = arena_array(a, 1, sizeof(*s->duties));
	s->duties[0].seq = 2;
	s->duties[0].units = arena_array(a, 1, sizeof(size_t));
	s->duties[0].units[0] = 1;
	s->duties[0].nunits = 1;
	s->duties[0].duty_md = "区住建局负责牵头组织实施老旧小区改造工作。";
	s->nitems = 3;
	s->items = arena_array(a, 3, sizeof(*s->items));
	s->items[0] = (struct item){ "1", "拆除违建",
				     "清理、拆除各类违章建筑和侵占绿地、道路违章设施。",
				     "基础类", pos("data/items.csv", 2) };
	s->items[1] = (struct item){ "8", "平屋面防水",
				     "对漏雨的平屋面进行修缮及SBS聚氨酯防水材料铺设。",
				     "基础类", pos("data/items.csv", 9) };
	s->items[2] = (struct item){ "16", "加装电梯",
				     "按照《枣庄市人民政府办公室关于印发〈枣庄市既有多层住宅增设电梯试行办法的通知〉》（枣政办发〔2018〕31号）组织加装。",
				     "完善类", pos("data/items.csv", 17) };
	s->nphases = 2;
	s->phases = arena_array(a, 2, sizeof(*s->phases));
	s->phases[0] = (struct phase){ "publicity", "宣传发动阶段", "",
				       { 2022, 4, 1 }, { 2022, 4, 15 },
				       pos("data/phases.csv", 2) };
	s->phases[1] = (struct phase){ "renovation", "全面整治阶段", "",
				       { 2022, 4, 16 }, { 2022, 10, 15 },
				       pos("data/phases.csv", 3) };
}

/* Two communities alike but for their id and name, each with every
 * item. */
static inline void hand_communities(struct site *s, arena *a)
{
	struct community *cm;

	s->ncommunities = 2;
	s->communities = arena_array(a, 2, sizeof(*s->communities));
	for (int i = 0; i < 2; i++) {
		cm = &s->communities[i];
		cm->id = i ? "haihe-xiaoqu" : "yushu-xincun";
		cm->name = i ? "海河小区" : "榆树新村";
		cm->area = "泰山路片区";
		cm->address = "临城街道泰山北路12号";
		cm->contact = "韦长海";
		cm->phone = "0632-4430318";
		cm->subdistrict = 0;
		cm->contractor = 2;
		cm->households = 212;
		cm->floor_area_cm2 = 2394370;
		cm->buildings = 8;
		cm->built_year = 1988;
		cm->nitems = 3;
		cm->items = arena_array(a, 3, sizeof(size_t));
		cm->items[0] = 0, cm->items[1] = 1, cm->items[2] = 2;
		cm->status = 1;
		cm->elevator = 1;
		cm->pos = pos("data/communities.csv", 2 + (unsigned)i);
	}
}

/* The site, in `a` (freed with it). */
static inline struct site *hand_site(arena *a)
{
	struct site *s = arena_alloc(a, sizeof(*s));

	s->arena = a;
	s->root = ".";
	s->prefix = "";
	hand_config(&s->config);
	hand_tables(s, a);
	hand_communities(s, a);
	return s;
}

/* Pages of a PDF written by libharu (no object streams). */
static inline int count_pages(const buf *b)
{
	int n = 0;

	for (size_t i = 0; i + 11 < b->len; i++)
		if (memcmp(b->data + i, "/Type /Page", 11) == 0 &&
		    b->data[i + 11] != 's')
			n++;
	return n;
}

#endif
