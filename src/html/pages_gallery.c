/* A community's photos on its page (形象进度): grouped by kind (改造前,
 * 施工中, 改造后, 效果图), dated, each image in the widths model/photo.h
 * decides.  The template (partials/gallery.html) shows the 480-pixel
 * derivative by default and lets a sharp screen take the 960 one through
 * srcset; the widest is only a link, so a phone's page stays light. */
#include <string.h>

#include "html/pages.h"

/* One photo: src, srcset parts, the link to the widest, its size. */
static cJSON *photo_ctx(const struct community *c, const struct photo *ph)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *sources = cJSON_AddArrayToObject(o, "sources");
	int widths[PHOTO_MAX_WIDTHS];
	size_t n = photo_widths(ph, widths);
	buf b = BUF_INIT;

	photo_derivative_path(c, ph, widths[0], &b);
	cj_buf(o, "src", &b);
	cj_num(o, "width", widths[0]);
	cj_num(o, "height", photo_height_at(ph, widths[0]));
	/* srcset: the two narrower widths; the widest opens on its own. */
	for (size_t i = 0; i < n && i < 2; i++) {
		cJSON *s = cJSON_CreateObject();

		cj_str(s, "sep", i ? ", " : "");
		photo_derivative_path(c, ph, widths[i], &b);
		cj_buf(s, "href", &b);
		cj_num(s, "w", widths[i]);
		cJSON_AddItemToArray(sources, s);
	}
	photo_derivative_path(c, ph, widths[n - 1], &b);
	cj_buf(o, "full", &b);
	cj_num(o, "full_width", widths[n - 1]);
	cj_str(o, "caption", ph->caption);
	cj_str(o, "kind", photo_kind_name(ph->kind));
	cj_date(o, "date", ph->date);
	buf_free(&b);
	return o;
}

void page_gallery_add(const struct site *s, const struct community *c, cJSON *ctx)
{
	cJSON *g, *groups, *group = NULL, *photos = NULL;

	if (c->nphotos == 0)
		return;
	g = cJSON_AddObjectToObject(ctx, "gallery");
	cj_num(g, "count", (double)c->nphotos);
	groups = cJSON_AddArrayToObject(g, "groups");
	for (size_t i = 0; i < c->nphotos; i++) {
		const struct photo *ph = &s->photos[c->photo_at + i];

		if (i == 0 || ph->kind != ph[-1].kind) {
			group = cJSON_CreateObject();
			cj_str(group, "kind", photo_kind_name(ph->kind));
			cj_str(group, "key", (const char *[]){ "before", "during", "after", "design" }[ph->kind]);
			photos = cJSON_AddArrayToObject(group, "photos");
			cJSON_AddItemToArray(groups, group);
		}
		cJSON_AddItemToArray(photos, photo_ctx(c, ph));
	}
}
