#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html/markdown.h"
#include "html/pages.h"
#include "plan/pdfs.h"
#include "util/escape.h"
#include "util/invisible.h"

static const struct {
	enum unit_kind kind;
	const char *title;
} kinds[] = {
	{ UNIT_SUBDISTRICT, "街道办事处" },
	{ UNIT_DEPARTMENT, "区直部门" },
	{ UNIT_ENTERPRISE, "施工主体单位" },
	{ UNIT_UTILITY, "专营单位" },
};

static int duty_names(const struct duty *d, size_t u)
{
	for (size_t i = 0; i < d->nunits; i++)
		if (d->units[i] == u)
			return 1;
	return 0;
}

size_t page_units_community_count(const struct html_site *h, size_t u)
{
	return h->pages->unit_at[u + 1] - h->pages->unit_at[u];
}

static cJSON *duty(const struct html_site *h, const struct duty *d, int with_units)
{
	cJSON *o = cJSON_CreateObject();
	buf b = BUF_INIT;

	cj_num(o, "seq", (double)d->seq);
	markdown_inline_html(&b, d->duty_md, h->s->config.unsafe_html);
	cj_buf(o, "html", &b);
	if (with_units) {
		cJSON *arr = cJSON_AddArrayToObject(o, "units");

		for (size_t i = 0; i < d->nunits; i++)
			cJSON_AddItemToArray(arr, ctx_unit_brief(h, d->units[i]));
	}
	buf_free(&b);
	return o;
}

cJSON *page_units(const struct html_site *h, const struct page_job *j)
{
	const struct site *s = h->s;
	cJSON *ctx = ctx_base(h, j, "责任单位");
	cJSON *groups = cJSON_AddArrayToObject(ctx, "groups");
	cJSON *duties = cJSON_AddArrayToObject(ctx, "duties");

	ctx_crumb(ctx, "责任单位", NULL);
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		cJSON *g = cJSON_CreateObject();
		cJSON *units = cJSON_AddArrayToObject(g, "units");

		cj_str(g, "title", kinds[k].title);
		cj_str(g, "kind", format_unit_kind(kinds[k].kind));
		for (size_t u = 0; u < s->nunits; u++) {
			cJSON *o;
			size_t n = page_units_community_count(h, u), nd = 0;

			if (s->units[u].kind != kinds[k].kind)
				continue;
			for (size_t d = 0; d < s->nduties; d++)
				nd += duty_names(&s->duties[d], u);
			o = ctx_unit_brief(h, u);
			cj_num(o, "communities", (double)n);
			cj_bool(o, "has_communities", n > 0);
			cj_num(o, "duties", (double)nd);
			cJSON_AddItemToArray(units, o);
		}
		if (cJSON_GetArraySize(units))
			cJSON_AddItemToArray(groups, g);
		else
			cJSON_Delete(g);
	}
	for (size_t d = 0; d < s->nduties; d++)
		cJSON_AddItemToArray(duties, duty(h, &s->duties[d], 1));
	ctx_description(ctx, "负责老旧小区改造的街道、部门、施工单位和专营单位，各自的职责和联系电话。");
	return ctx;
}

/* The base context, the title numbered past the first page. */
static cJSON *unit_base(const struct html_site *h, const struct page_job *j, const char *name)
{
	buf b = BUF_INIT;
	cJSON *ctx;

	if (j->page)
		buf_printf(&b, "%s（第%zu页）", name, j->page + 1);
	else
		buf_puts(&b, name);
	ctx = ctx_base(h, j, buf_cstr(&b));
	buf_free(&b);
	return ctx;
}

/* One booklet of a subdistrict: of its notices or of its posters, and
 * the name it downloads as after the unit's. */
struct booklet_of {
	const struct site *s;
	size_t unit;
	int posters;
	const char *name;
};

/* The link to volume `k` of `vl` (NULL: one file) of booklet `bo`, its
 * path the plan's (plan_volume_path), into `prefix`"href" of `o`, and
 * the name it downloads as into `prefix`"download". */
static void booklet_link(cJSON *o, const char *prefix, const struct booklet_of *bo,
			 const struct volume_list *vl, size_t k, buf *b)
{
	char *path = plan_volume_path(bo->s, bo->unit, bo->posters, k, vl ? vl->n : 1);
	char key[32];

	escape_url_path(b, path, strlen(path));
	free(path);
	snprintf(key, sizeof(key), "%shref", prefix);
	cj_buf(o, key, b);
	invisible_file_name(b, bo->s->units[bo->unit].name);
	buf_puts(b, bo->name);
	if (vl && vl->n > 1)
		buf_printf(b, "（第%zu册）", k + 1);
	buf_puts(b, ".pdf");
	snprintf(key, sizeof(key), "%sdownload", prefix);
	cj_buf(o, key, b);
}

/* The volumes of one booklet as the list `key` of `bk`: each with its
 * number, link and "第1册（第1–180个小区）". */
static void add_volumes(cJSON *bk, const char *key, const struct booklet_of *bo,
			const struct volume_list *vl, buf *b)
{
	cJSON *list = cJSON_AddArrayToObject(bk, key);

	for (size_t k = 0; k < vl->n; k++) {
		cJSON *e = cJSON_CreateObject();
		const struct volume *v = &vl->v[k];

		booklet_link(e, "", bo, vl, k, b);
		cj_num(e, "number", (double)(k + 1));
		cj_num(e, "from", (double)(v->first + 1));
		cj_num(e, "to", (double)(v->first + v->n));
		if (vl->n > 1 && v->n > 1)
			buf_printf(b, "第%zu册（第%zu–%zu个小区）", k + 1, v->first + 1,
				   v->first + v->n);
		else if (vl->n > 1)
			buf_printf(b, "第%zu册（第%zu个小区）", k + 1, v->first + 1);
		else
			buf_printf(b, "全部 %zu 个小区", v->n);
		cj_buf(e, "label", b);
		cJSON_AddItemToArray(list, e);
	}
}

/* A subdistrict's booklets: its notices, and its posters (公示牌); each
 * one file ("href", "poster_href", `single`), or in volumes ("volumes",
 * "poster_volumes", `has_volumes`) as `h->volumes` says. */
static void add_booklets(cJSON *ctx, const struct html_site *h, size_t u, buf *b)
{
	struct booklet_of notices = { h->s, u, 0, "老旧小区改造方案公示" };
	struct booklet_of posters = { h->s, u, 1, "老旧小区改造方案公示牌" };
	cJSON *bk = cJSON_AddObjectToObject(ctx, "booklet");
	const struct volume_list *nv = h->volumes ? &h->volumes->notices[u] : NULL;
	const struct volume_list *pv = h->volumes ? &h->volumes->posters[u] : NULL;
	int split = (nv && nv->n > 1) || (pv && pv->n > 1);

	booklet_link(bk, "", &notices, NULL, 0, b);
	booklet_link(bk, "poster_", &posters, NULL, 0, b);
	cj_bool(bk, "single", !split);
	cj_bool(bk, "has_volumes", split);
	if (split) {
		add_volumes(bk, "volumes", &notices, nv, b);
		add_volumes(bk, "poster_volumes", &posters, pv, b);
	}
}

/* The leading group's members from unit `u`, into the array `members`. */
static void add_members(cJSON *members, const struct site *s, size_t u)
{
	for (size_t i = 0; i < s->nmembers; i++) {
		const struct member *mb = &s->members[i];
		cJSON *e;

		if (mb->unit != u)
			continue;
		e = cJSON_CreateObject();
		cj_str(e, "name", mb->name);
		cj_str(e, "role", mb->role);
		cj_str(e, "position", mb->position);
		cJSON_AddItemToArray(members, e);
	}
}

/* A subdistrict's areas, each with its page of communities: `areas` and
 * `has_areas` (on its first page only) in `ctx`. */
static void add_areas(cJSON *ctx, const struct html_site *h, const struct page_job *j)
{
	const struct plan_pages *pp = h->pages;
	cJSON *areas = cJSON_AddArrayToObject(ctx, "areas");

	for (size_t g = 0; g < pp->ngroups; g++)
		for (size_t a = 0; a < pp->groups[g].nareas && pp->groups[g].unit == j->index; a++)
			cJSON_AddItemToArray(areas, ctx_area_brief(h, &pp->groups[g].areas[a]));
	cj_bool(ctx, "has_areas", j->page == 0 && cJSON_GetArraySize(areas) > 0);
}

cJSON *page_unit(const struct html_site *h, const struct page_job *j)
{
	const struct site *s = h->s;
	const struct plan_pages *pp = h->pages;
	const struct unit *unit = &s->units[j->index];
	cJSON *ctx = unit_base(h, j, unit->name);
	cJSON *o = ctx_unit_brief(h, j->index);
	cJSON *duties = cJSON_AddArrayToObject(ctx, "duties");
	cJSON *list = cJSON_AddArrayToObject(ctx, "communities");
	cJSON *members = cJSON_AddArrayToObject(ctx, "members");
	const struct totals_sum *sum = &pp->totals.unit[j->index];
	size_t n = 0, per = pp->list_per_page, from = j->page * per, pages;
	buf b = BUF_INIT;
	char crumb[32];

	ctx_crumb(ctx, "责任单位", "units/index.html");
	if (j->page) {
		href_unit(&b, unit->id);
		ctx_crumb(ctx, unit->name, buf_cstr(&b));
		buf_reset(&b);
		snprintf(crumb, sizeof(crumb), "第%zu页", j->page + 1);
		ctx_crumb(ctx, crumb, NULL);
	} else {
		ctx_crumb(ctx, unit->name, NULL);
	}
	cj_bool(o, "is_subdistrict", unit->kind == UNIT_SUBDISTRICT);
	cj_bool(o, "is_enterprise", unit->kind == UNIT_ENTERPRISE);
	cJSON_AddItemToObject(ctx, "unit", o);
	for (size_t d = 0; d < s->nduties; d++)
		if (duty_names(&s->duties[d], j->index))
			cJSON_AddItemToArray(duties, duty(h, &s->duties[d], 0));
	for (size_t k = pp->unit_at[j->index]; k < pp->unit_at[j->index + 1]; k++) {
		size_t c = pp->unit_of[k];

		/* A unit of thousands of communities lists them a page at a
		 * time; the totals stay the unit's. */
		if (n >= from && n < from + per)
			cJSON_AddItemToArray(list, ctx_community_brief(h, c));
		n++;
	}
	/* The unit's totals (model/totals.h): its communities, whatever page. */
	ctx_area_totals((long)n, sum->households, sum->cm2,
			cJSON_AddObjectToObject(ctx, "totals"));
	pages = plan_list_page_count(n, per);
	buf_puts(&b, "units/");
	escape_url_path(&b, unit->id, strlen(unit->id));
	ctx_pagination(ctx, buf_cstr(&b), j->page, pages);
	buf_reset(&b);
	cj_num(ctx, "shown_from", (double)(n ? from + 1 : 0));
	cj_num(ctx, "shown_to", (double)(from + per < n ? from + per : n));
	cj_str(ctx, "communities_role", unit->kind == UNIT_SUBDISTRICT ? "辖区内的改造小区"
							: "承担施工的小区");
	add_members(members, s, j->index);
	add_areas(ctx, h, j);
	cj_bool(ctx, "has_duties", cJSON_GetArraySize(duties) > 0);
	cj_bool(ctx, "has_communities", n > 0);
	cj_bool(ctx, "has_members", cJSON_GetArraySize(members) > 0);
	if (plan_has_booklet(h->s, j->index))
		add_booklets(ctx, h, j->index, &b);
	buf_printf(&b, "%s（%s）在老旧小区改造中的职责、联系电话和负责的小区。", unit->name,
		   format_unit_kind(unit->kind));
	ctx_description(ctx, buf_cstr(&b));
	buf_free(&b);
	return ctx;
}
