/* The plan's PDF entries (plan/pdfs.c) on the example site: the paths
 * the pages link are the paths the plan writes, every community with a
 * notice has its notice and poster once, the booklets are planned only
 * for the subdistricts that have one, and the shards of --shard K/3
 * together hold exactly the unsharded plan. */
#include <stdlib.h>
#include <string.h>

#include "plan/pdfs.h"
#include "test.h"
#include "util/xalloc.h"

static const struct date today = { 2022, 6, 1 };

/* Each subdistrict's booklet in one volume of all its members. */
struct one_volume {
	struct booklet_members m;
	struct volume_plan vp;
};

static void one_volume_each(const struct site *s, struct one_volume *o)
{
	size_t total = 0;

	o->m.at = xcalloc(s->nunits + 1, sizeof(size_t));
	o->m.of = xcalloc(s->ncommunities + 1, sizeof(size_t));
	o->vp.nunits = s->nunits;
	o->vp.notices = xcalloc(s->nunits + 1, sizeof(struct volume_list));
	o->vp.posters = xcalloc(s->nunits + 1, sizeof(struct volume_list));
	for (size_t u = 0; u < s->nunits; u++) {
		size_t n = plan_booklet_members(s, u, o->m.of + total);

		o->m.at[u] = total;
		total += n;
		o->m.at[u + 1] = total;
		if (n == 0 || s->units[u].kind != UNIT_SUBDISTRICT)
			continue;
		o->vp.notices[u].v = xcalloc(1, sizeof(struct volume));
		o->vp.notices[u].v[0].n = n;
		o->vp.notices[u].n = 1;
		o->vp.posters[u].v = xcalloc(1, sizeof(struct volume));
		o->vp.posters[u].v[0].n = n;
		o->vp.posters[u].n = 1;
	}
}

static void make(const struct site *s, struct one_volume *o, const struct shard *sh,
		 struct plan *p)
{
	static const char notice[] = "notice", poster[] = "poster";
	struct plan_pdf_theme t = { notice, sizeof(notice) - 1, poster, sizeof(poster) - 1 };
	struct plan_pdf_inputs in = { s, { { 0, 0 }, { 0, 0 } }, &o->m, &o->vp, sh, today, today,
				      NULL };

	plan_pdf_keys(s, today, &t, &in.keys);
	plan_pdfs(p, &in);
}

static const struct plan_output *find(const struct plan *p, const char *path)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->v[i].path, path) == 0)
			return &p->v[i];
	return NULL;
}

static void check_paths(const struct site *s, const struct plan *p)
{
	size_t lincheng = site_unit_index(s, "lincheng"), notices = 0;
	char *path;

	CHECK(lincheng != NO_INDEX);
	path = plan_volume_path(s, lincheng, 0, 0, 1);
	CHECK_STR(path, "notices/lincheng.pdf");
	CHECK(find(p, path) != NULL && find(p, path)->kind == OUTPUT_BOOKLET);
	free(path);
	path = plan_volume_path(s, lincheng, 1, 1, 3);
	CHECK_STR(path, "notices/lincheng-posters-2.pdf");
	free(path);
	CHECK(plan_has_booklet(s, lincheng));
	CHECK(!plan_has_booklet(s, site_unit_index(s, "zhujianju")));
	for (size_t c = 0; c < s->ncommunities; c++) {
		char *n = plan_notice_path(s, c), *q = plan_poster_path(s, c);
		const struct plan_output *o = find(p, n);

		CHECK(strncmp(n, "communities/", 12) == 0);
		/* A community has its notice and its poster, or neither. */
		CHECK((o != NULL) == plan_has_notice(s, c));
		CHECK((find(p, q) != NULL) == plan_has_notice(s, c));
		if (o) {
			CHECK(o->kind == OUTPUT_NOTICE && o->index == c && o->key_known);
			notices++;
		}
		free(n);
		free(q);
	}
	CHECK(notices > 0);
	for (size_t i = 0; i < p->n; i++)
		for (size_t k = 0; k < i; k++)
			CHECK(strcmp(p->v[i].path, p->v[k].path) != 0);
}

/* Shards 0/3, 1/3, 2/3: each output in exactly one, none missing. */
static void check_shards(const struct site *s, struct one_volume *o, const struct plan *all)
{
	size_t *seen = xcalloc(all->n + 1, sizeof(size_t));

	for (unsigned k = 0; k < 3; k++) {
		struct shard sh = { 1, 0, k, 3 };
		struct plan p = { 0 };

		make(s, o, &sh, &p);
		for (size_t i = 0; i < p.n; i++) {
			const struct plan_output *e = find(all, p.v[i].path);

			CHECK(e != NULL);
			if (e)
				seen[e - all->v]++;
		}
		plan_free(&p);
	}
	for (size_t i = 0; i < all->n; i++)
		CHECK_INT(seen[i], 1);
	free(seen);
}

int main(void)
{
	diags d = DIAGS_INIT;
	struct site *s = model_load(".", &d);
	struct one_volume o;
	struct plan p = { 0 };

	CHECK(s != NULL && d.errors == 0);
	if (s == NULL || d.errors)
		return test_done();
	one_volume_each(s, &o);
	make(s, &o, NULL, &p);
	check_paths(s, &p);
	check_shards(s, &o, &p);
	plan_free(&p);
	free(o.m.at);
	free(o.m.of);
	volume_plan_free(&o.vp);
	site_free(s);
	diags_free(&d);
	return test_done();
}
