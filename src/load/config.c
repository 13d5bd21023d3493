#include "load/config.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "load/file.h"
#include "load/yamldoc.h"
#include "load/yamlerr.h"
#include "load/date.h"
#include "load/money.h"
#include "util/xalloc.h"

enum setting_type { SET_STRING, SET_URL, SET_REF, SET_INT, SET_LONG, SET_M2, SET_WAN, SET_BOOL, SET_DATE, SET_PAPER,
		    SET_SHEETS, SET_PERIOD_UNIT, SET_FRACTION, SET_IMAGE, SET_MAP };

/* Every key site.yaml may hold, by its dotted path.  The table is the
 * whole schema: reading and the unknown-key warning both come from it. */
struct setting {
	const char *key;
	enum setting_type type;
	size_t offset;
};

#define S(k, t, f) { k, t, offsetof(struct config, f) }
#define M(k) { k, SET_MAP, 0 }

static const struct setting settings[] = {
	S("title", SET_STRING, title),
	S("base_url", SET_URL, base_url),
	S("language", SET_STRING, language),
	S("theme", SET_STRING, theme),
	S("encoding", SET_STRING, encoding),
	S("organiser", SET_STRING, organiser),
	S("lead_unit", SET_REF, lead_unit),
	S("today", SET_DATE, today),
	S("unsafe_html", SET_BOOL, unsafe_html),
	S("page_size", SET_LONG, page_size),
	S("example", SET_BOOL, example),
	M("notice"),
	S("notice.issuer", SET_STRING, notice.issuer),
	S("notice.number", SET_STRING, notice.number),
	S("notice.plan_title", SET_STRING, notice.plan_title),
	S("notice.date", SET_DATE, notice.date),
	S("notice.publicity_days", SET_INT, notice.publicity_days),
	S("notice.no_objection_clause", SET_BOOL, notice.no_objection_clause),
	S("notice.image", SET_IMAGE, notice.image),
	S("notice.publicity_unit", SET_PERIOD_UNIT, notice.publicity_working),
	M("consent"),
	S("consent.threshold", SET_FRACTION, consent),
	M("feedback"),
	S("feedback.phone", SET_STRING, feedback.phone),
	S("feedback.address", SET_STRING, feedback.address),
	M("targets"),
	S("targets.communities", SET_LONG, targets.communities),
	S("targets.households", SET_LONG, targets.households),
	S("targets.floor_area_m2", SET_M2, targets.floor_area_cm2),
	S("targets.investment_wan", SET_WAN, targets.investment),
	M("pdf"),
	M("pdf.fonts"),
	S("pdf.fonts.song", SET_STRING, pdf.song.path),
	S("pdf.fonts.song_index", SET_INT, pdf.song.index),
	S("pdf.fonts.hei", SET_STRING, pdf.hei.path),
	S("pdf.fonts.hei_index", SET_INT, pdf.hei.index),
	S("pdf.fonts.kai", SET_STRING, pdf.kai.path),
	S("pdf.fonts.kai_index", SET_INT, pdf.kai.index),
	S("pdf.fonts.fangsong", SET_STRING, pdf.fangsong.path),
	S("pdf.fonts.fangsong_index", SET_INT, pdf.fangsong.index),
	S("pdf.fonts.biaosong", SET_STRING, pdf.biaosong.path),
	S("pdf.fonts.biaosong_index", SET_INT, pdf.biaosong.index),
	M("pdf.fonts.fallback"), /* a list, read by read_fallbacks() */
	M("poster"),
	S("poster.size", SET_PAPER, poster.a4),
	S("poster.image", SET_IMAGE, poster.image),
	M("booklet"),
	S("booklet.sheets", SET_SHEETS, booklet.sheets),
	M("progress"),
	S("progress.issuer", SET_STRING, progress.issuer),
	S("progress.title", SET_STRING, progress.title),
	M("progress.reports"), /* a list, read by read_report_dates() */
	M("portal"),
	S("portal.site_name", SET_STRING, portal.site_name),
	S("portal.site_domain", SET_STRING, portal.site_domain),
	S("portal.site_id_code", SET_STRING, portal.site_id_code),
	S("portal.column_name", SET_STRING, portal.column_name),
	M("records"),
	S("records.icp", SET_STRING, records.icp),
	S("records.police", SET_STRING, records.police),
};

#undef S
#undef M

static void config_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	c->title = "老旧小区改造公示";
	c->base_url = "";
	c->language = "zh-CN";
	c->theme = "default";
	c->encoding = "auto";
	c->organiser = "";
	c->notice.issuer = "";
	c->notice.number = "";
	c->notice.plan_title = "";
	c->notice.publicity_days = 7;
	c->notice.publicity_working = 1;
	c->poster.image = -1; /* not set: notice.image's */
	c->consent.num = 2;
	c->consent.den = 3;
	c->feedback.phone = "";
	c->feedback.address = "";
	c->targets.communities = -1;
	c->targets.households = -1;
	c->targets.floor_area_cm2 = -1;
	c->targets.investment = -1;
	c->pdf.song.path = "/usr/share/fonts/truetype/arphic/uming.ttc";
	c->pdf.hei.path = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";
	/* 楷体 for the second heading level; LXGW WenKai also has the
	 * CJK Ext-B characters of names (𠮷) the other two lack, so it is
	 * the default chain's last resort too. */
	c->pdf.kai.path = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf";
	c->booklet.sheets = CONFIG_BOOKLET_SHEETS;
	c->progress.issuer = "";
	c->progress.title = "";
	c->portal.site_name = "";
	c->portal.site_domain = "";
	c->portal.site_id_code = "";
	c->portal.column_name = "";
	c->records.icp = "";
	c->records.police = "";
}

struct reader {
	struct config *c;
	struct yamldoc *y;
	const char *display;
	arena *a;
	diags *d;
};

static const struct setting *find_setting(const char *key)
{
	for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++)
		if (strcmp(settings[i].key, key) == 0)
			return &settings[i];
	return NULL;
}

static void bad_value(struct reader *r, yaml_node_t *n, const char *key,
		      const char *value, const char *want)
{
	diag_error(r->d, r->display, yamldoc_line(r->y, n), yamldoc_col(n), value,
		   "设置“%s”的值“%s”无效：应为%s", key, value, want);
}

static int parse_long(const char *s, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	return *s && *end == '\0' && errno == 0 ? 0 : -1;
}

/* Square metres with up to two decimals, into hundredths. */
static int parse_m2(const char *s, long long *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (!*s || *end || errno || v < 0 || v > 1e15)
		return -1;
	*out = (long long)(v * 100.0 + 0.5);
	return 0;
}

/* A share as offices write it: "2/3", "0.6667", "67%", into num/den
 * strictly between 0 and 1 inclusive of 1. */
static int parse_fraction(const char *s, long *num, long *den)
{
	long n = 0, d = 1;
	char *end;

	errno = 0;
	if (strchr(s, '/')) {
		n = strtol(s, &end, 10);
		if (end == s || *end != '/')
			return -1;
		s = end + 1;
		d = strtol(s, &end, 10);
		if (end == s || *end || errno || d <= 0 || d > 1000000)
			return -1;
	} else {
		size_t len = strlen(s), pct = len && s[len - 1] == '%';
		const char *dot = strchr(s, '.');
		size_t digits = dot ? strspn(dot + 1, "0123456789") : 0;

		if (len == pct || digits > 6)
			return -1;
		for (const char *p = s; p < s + len - pct; p++) {
			if (p == dot)
				continue;
			if (*p < '0' || *p > '9' || n > 100000000)
				return -1;
			n = n * 10 + (*p - '0');
		}
		for (size_t i = 0; i < digits; i++)
			d *= 10;
		if (pct)
			d *= 100;
	}
	if (n <= 0 || n > d)
		return -1;
	*num = n;
	*den = d;
	return 0;
}

static int parse_bool(const char *s, int *out)
{
	static const char *const yes[] = { "true", "yes", "on", "是", "1" };
	static const char *const no[] = { "false", "no", "off", "否", "0" };

	for (size_t i = 0; i < 5; i++) {
		if (strcmp(s, yes[i]) == 0)
			return *out = 1, 0;
		if (strcmp(s, no[i]) == 0)
			return *out = 0, 0;
	}
	return -1;
}

/* base_url reaches the canonical link, the sitemap, the feed and
 * robots.txt as it is: only a web address will do there (not
 * `javascript:`, `data:` or a `//host` without its scheme), with a host
 * and without spaces or control characters. */
static int web_address(const char *s)
{
	size_t n = strncasecmp(s, "https://", 8) == 0 ? 8 : strncasecmp(s, "http://", 7) == 0 ? 7 : 0;

	if (n == 0 || s[n] == '\0' || s[n] == '/')
		return 0;
	for (; s[n]; n++)
		if ((unsigned char)s[n] <= ' ' || s[n] == 0x7F)
			return 0;
	return 1;
}

/* A setting that is one of a few words, into an int. */
static void store_choice(struct reader *r, const struct setting *st, yaml_node_t *n,
			 const char *v)
{
	int *field = (int *)((char *)r->c + st->offset);

	switch (st->type) {
	case SET_PAPER:
		if (strcasecmp(v, "a3") && strcasecmp(v, "a4"))
			bad_value(r, n, st->key, v, "a3 或 a4（公示牌的纸张）");
		else
			*field = strcasecmp(v, "a4") == 0;
		break;
	case SET_PERIOD_UNIT:
		if (strcmp(v, "工作日") && strcmp(v, "自然日"))
			bad_value(r, n, st->key, v, "工作日 或 自然日（公示期按哪种天数计算）");
		else
			*field = strcmp(v, "工作日") == 0;
		break;
	case SET_IMAGE:
		if (strcmp(v, "none") == 0)
			*field = CONFIG_IMAGE_NONE;
		else if (strcmp(v, "design") == 0 || strcmp(v, "效果图") == 0)
			*field = CONFIG_IMAGE_DESIGN;
		else if (strcmp(v, "before") == 0 || strcmp(v, "改造前") == 0)
			*field = CONFIG_IMAGE_BEFORE;
		else
			bad_value(r, n, st->key, v,
				  "design（效果图）、before（改造前照片）或 none（不放图片）");
		break;
	default:
		break;
	}
}

static void store(struct reader *r, const struct setting *st, yaml_node_t *n)
{
	char *field = (char *)r->c + st->offset;
	const char *v = yamldoc_scalar(n);
	long l;

	if (v == NULL) {
		diag_error(r->d, r->display, yamldoc_line(r->y, n), yamldoc_col(n),
			   NULL, "设置“%s”应为单个值，不能是列表或映射", st->key);
		return;
	}
	switch (st->type) {
	case SET_STRING:
		*(const char **)field = arena_strdup(r->a, v);
		break;
	case SET_URL:
		if (*v && !web_address(v))
			bad_value(r, n, st->key, v,
				  "以 http:// 或 https:// 开头的网址，如 https://www.example.gov.cn/gongshi/");
		else
			*(const char **)field = arena_strdup(r->a, v);
		break;
	case SET_REF: /* resolved once units.csv is read */
		r->c->lead_unit.ref = arena_strdup(r->a, v);
		r->c->lead_unit.line = yamldoc_line(r->y, n);
		r->c->lead_unit.col = yamldoc_col(n);
		break;
	case SET_INT:
		if (parse_long(v, &l) < 0 || l < 0 || l > 100000)
			bad_value(r, n, st->key, v, "0 到 100000 之间的整数");
		else
			*(int *)field = (int)l;
		break;
	case SET_LONG:
		if (parse_long(v, &l) < 0 || l < 0)
			bad_value(r, n, st->key, v, "非负整数");
		else
			*(long *)field = l;
		break;
	case SET_M2:
		if (parse_m2(v, (long long *)field) < 0)
			bad_value(r, n, st->key, v, "面积数字（平方米）");
		break;
	case SET_WAN:
		if (money_parse_wan(v, (long long *)field) < 0)
			bad_value(r, n, st->key, v, "数字，单位万元（如 27000），不写“万元”“约”等字");
		break;
	case SET_BOOL:
		if (parse_bool(v, (int *)field) < 0)
			bad_value(r, n, st->key, v, "true 或 false");
		break;
	case SET_DATE:
		if (date_parse(v, (struct date *)field) < 0)
			bad_value(r, n, st->key, v, "日期，如 2022-04-27");
		break;
	case SET_PAPER:
	case SET_PERIOD_UNIT:
	case SET_IMAGE:
		store_choice(r, st, n, v);
		break;
	case SET_SHEETS:
		if (parse_long(v, &l) < 0 || l < 1 || l > CONFIG_BOOKLET_SHEETS_MAX)
			bad_value(r, n, st->key, v,
				  "1 到 10000 之间的整数（每册最多用几张纸），如 200");
		else
			*(int *)field = (int)l;
		break;
	case SET_FRACTION:
		if (parse_fraction(v, &r->c->consent.num, &r->c->consent.den) < 0)
			bad_value(r, n, st->key, v,
				  "大于 0、不超过 1 的比例，如 2/3、0.6667 或 67%");
		break;
	case SET_MAP:
		break;
	}
}

/* pdf.fonts.fallback: a list of font paths, each optionally `path#index`
 * for a face inside a .ttc. */
static void read_fallbacks(struct reader *r, yaml_node_t *list)
{
	yaml_node_item_t *it;
	size_t n = 0;

	if (list->type != YAML_SEQUENCE_NODE) {
		diag_error(r->d, r->display, yamldoc_line(r->y, list),
			   yamldoc_col(list), NULL,
			   "设置“pdf.fonts.fallback”应为字体文件路径的列表");
		return;
	}
	r->c->pdf.fallback = arena_array(r->a,
		(size_t)(list->data.sequence.items.top - list->data.sequence.items.start) + 1,
		sizeof(struct font_spec));
	for (it = list->data.sequence.items.start; it < list->data.sequence.items.top; it++) {
		yaml_node_t *n1 = yaml_document_get_node(&r->y->doc, *it);
		const char *v = yamldoc_scalar(n1);
		const char *hash;
		struct font_spec *f = &r->c->pdf.fallback[n];

		if (v == NULL || *v == '\0') {
			diag_error(r->d, r->display, yamldoc_line(r->y, n1),
				   yamldoc_col(n1), NULL,
				   "pdf.fonts.fallback 的每一项应为字体文件路径");
			continue;
		}
		hash = strrchr(v, '#');
		f->path = hash ? arena_strndup(r->a, v, (size_t)(hash - v))
			       : arena_strdup(r->a, v);
		f->index = hash ? atoi(hash + 1) : 0;
		n++;
	}
	r->c->pdf.nfallback = n;
}

/* progress.reports: a list of dates, e.g. [2022-05-01, 2022-06-01]. */
static void read_report_dates(struct reader *r, yaml_node_t *list)
{
	yaml_node_item_t *it;
	size_t n = 0;

	if (list->type != YAML_SEQUENCE_NODE) {
		diag_error(r->d, r->display, yamldoc_line(r->y, list), yamldoc_col(list), NULL,
			   "设置“progress.reports”应为日期的列表，如 [2022-05-01, 2022-06-01]");
		return;
	}
	r->c->progress.reports = arena_array(r->a,
		(size_t)(list->data.sequence.items.top - list->data.sequence.items.start) + 1,
		sizeof(struct date));
	for (it = list->data.sequence.items.start; it < list->data.sequence.items.top; it++) {
		yaml_node_t *n1 = yaml_document_get_node(&r->y->doc, *it);
		const char *v = yamldoc_scalar(n1);

		if (v == NULL || date_parse(v, &r->c->progress.reports[n]) < 0)
			bad_value(r, n1, "progress.reports", v ? v : "",
				  "日期，如 2022-06-01（每次通报的日期各占一项）");
		else
			n++;
	}
	r->c->progress.nreports = n;
}

/* The map a setting named `name` belongs to when it is not at `key`
 * (`issuer` written at the top, `notice.issuer` meant): the setting's
 * key, or NULL. */
static const char *meant(const char *key, const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++) {
		const char *k = settings[i].key;
		size_t kn = strlen(k);

		if (kn > n + 1 && strcmp(k + kn - n, name) == 0 && k[kn - n - 1] == '.' &&
		    strcmp(k, key) != 0)
			return k;
	}
	return NULL;
}

/* An unknown key: a warning, which says where the setting belongs when
 * its name is one of another map's (a line not indented, or indented
 * too far: the YAML is valid, the setting would be lost). */
static void unknown(struct reader *r, yaml_node_t *k, const char *key, const char *name)
{
	const char *m = meant(key, name);

	if (strcmp(key, name) != 0 && find_setting(name))
		diag_warning(r->d, r->display, yamldoc_line(r->y, k), yamldoc_col(k), key,
			     "未知的设置项“%s”，已忽略：若这是“%s”，请删去这一行开头的空格，"
			     "使它和“%.*s”左边对齐",
			     key, name, (int)strcspn(key, "."), key);
	else if (m)
		diag_warning(r->d, r->display, yamldoc_line(r->y, k), yamldoc_col(k), key,
			     "未知的设置项“%s”，已忽略：若这是“%.*s”下面的“%s”，请调整这一行开头的空格，"
			     "使它比“%.*s”多空两格，和同一级的其他设置左边对齐",
			     key, (int)(strlen(m) - strlen(name) - 1), m, name,
			     (int)(strrchr(m, '.') - m), m);
	else
		diag_warning(r->d, r->display, yamldoc_line(r->y, k), yamldoc_col(k), key,
			     "未知的设置项“%s”，已忽略", key);
}

static void walk(struct reader *r, yaml_node_t *map, const char *prefix)
{
	yaml_node_pair_t *p;

	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&r->y->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(&r->y->doc, p->value);
		const char *ks = yamldoc_scalar(k);
		char *key;
		const struct setting *st;

		if (ks == NULL)
			continue;
		key = *prefix ? arena_printf(r->a, "%s.%s", prefix, ks)
			      : arena_strdup(r->a, ks);
		st = find_setting(key);
		if (st == NULL) {
			unknown(r, k, key, ks);
		} else if (strcmp(key, "pdf.fonts.fallback") == 0) {
			read_fallbacks(r, v);
		} else if (strcmp(key, "progress.reports") == 0) {
			read_report_dates(r, v);
		} else if (st->type == SET_MAP) {
			if (v->type == YAML_MAPPING_NODE)
				walk(r, v, key);
			else if (!(v->type == YAML_SCALAR_NODE && v->data.scalar.length == 0) &&
				 !yamlerr_colon_in_scalar(v, r->display, r->y->line_base, r->d))
				diag_error(r->d, r->display, yamldoc_line(r->y, v),
					   yamldoc_col(v), NULL,
					   "设置“%s”应为映射（下一级的“键: 值”）", key);
		} else {
			store(r, st, v);
		}
	}
}

int config_load(struct config *c, const char *path, const char *display,
		arena *a, diags *d)
{
	struct yamldoc y;
	struct reader r = { c, &y, display, a, d };
	char *text;
	size_t len;
	yaml_node_t *root;

	config_defaults(c);
	if (file_read(path, display, a, d, &text, &len) < 0)
		return -1;
	if (yamldoc_parse(&y, text, len, display, 0, d) < 0)
		return -1;
	root = yamldoc_root(&y);
	if (root && root->type == YAML_MAPPING_NODE)
		walk(&r, root, "");
	else if (root && !(root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0))
		diag_error(d, display, yamldoc_line(&y, root), yamldoc_col(root), NULL,
			   "site.yaml 的顶层应为“键: 值”形式的映射");
	yamldoc_free(&y);
	if (c->poster.image < 0)
		c->poster.image = c->notice.image;
	return 0;
}
