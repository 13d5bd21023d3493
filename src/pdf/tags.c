#include "pdf/tags.h"

#include <stdio.h>
#include <string.h>

#include <hpdf_doc.h>
#include <hpdf_pages.h>

/* Makes `obj` an indirect object of the document, so that what holds it
 * writes a reference; NULL when libharu refused (it then freed `obj`). */
static void *indirect(struct tags *t, void *obj)
{
	if (obj == NULL || HPDF_Xref_Add(t->doc->xref, obj) != HPDF_OK) {
		t->failed = 1;
		return NULL;
	}
	return obj;
}

static void check(struct tags *t, HPDF_STATUS st)
{
	if (st != HPDF_OK)
		t->failed = 1;
}

int tags_begin(struct tags *t, HPDF_Doc doc, const char *lang)
{
	HPDF_MMgr mm = doc->mmgr;
	HPDF_Dict root, tree, mark;

	memset(t, 0, sizeof(*t));
	t->doc = doc;
	check(t, HPDF_Dict_Add(doc->catalog, "Lang",
			       HPDF_String_New(mm, lang, NULL)));
	mark = HPDF_Dict_New(mm);
	if (mark == NULL)
		return -1;
	check(t, HPDF_Dict_Add(mark, "Marked", HPDF_Boolean_New(mm, HPDF_TRUE)));
	check(t, HPDF_Dict_Add(doc->catalog, "MarkInfo", mark));
	root = indirect(t, HPDF_Dict_New(mm));
	t->top = indirect(t, HPDF_Dict_New(mm));
	tree = HPDF_Dict_New(mm);
	t->kids = HPDF_Array_New(mm);
	t->nums = HPDF_Array_New(mm);
	if (t->failed || tree == NULL || t->kids == NULL || t->nums == NULL)
		return t->failed = 1, -1;
	check(t, HPDF_Dict_AddName(root, "Type", "StructTreeRoot"));
	check(t, HPDF_Dict_Add(root, "K", t->top));
	check(t, HPDF_Dict_Add(tree, "Nums", t->nums));
	check(t, HPDF_Dict_Add(root, "ParentTree", tree));
	check(t, HPDF_Dict_Add(doc->catalog, "StructTreeRoot", root));
	check(t, HPDF_Dict_AddName(t->top, "S", "Document"));
	check(t, HPDF_Dict_Add(t->top, "P", root));
	check(t, HPDF_Dict_Add(t->top, "K", t->kids));
	return t->failed ? -1 : 0;
}

void tags_page(struct tags *t, HPDF_Page pg)
{
	t->page = pg;
	t->mcid = 0;
	t->parents = NULL;
	if (t->failed || t->doc == NULL)
		return;
	t->parents = HPDF_Array_New(t->doc->mmgr);
	if (t->parents == NULL) {
		t->failed = 1;
		return;
	}
	check(t, HPDF_Dict_AddNumber(pg, "StructParents", t->npages));
	check(t, HPDF_Array_AddNumber(t->nums, t->npages));
	check(t, HPDF_Array_Add(t->nums, t->parents));
	t->npages++;
}

/* A new element of type `type` under `parent`, appended to `kids`. */
static HPDF_Dict elem_under(struct tags *t, HPDF_Dict parent, HPDF_Array kids,
			    const char *type)
{
	HPDF_Dict e;
	HPDF_Array k;

	if (t->failed || t->doc == NULL || parent == NULL || kids == NULL)
		return NULL;
	e = indirect(t, HPDF_Dict_New(t->doc->mmgr));
	k = HPDF_Array_New(t->doc->mmgr);
	if (e == NULL || k == NULL) {
		t->failed = 1;
		return NULL;
	}
	/* /Type /StructElem is optional: every byte counts on a phone. */
	check(t, HPDF_Dict_AddName(e, "S", type));
	check(t, HPDF_Dict_Add(e, "P", parent));
	check(t, HPDF_Dict_Add(e, "Pg", t->page));
	check(t, HPDF_Dict_Add(e, "K", k));
	check(t, HPDF_Array_Add(kids, e));
	return t->failed ? NULL : e;
}

HPDF_Dict tags_elem(struct tags *t, const char *type)
{
	return elem_under(t, t->top, t->kids, type);
}

HPDF_Dict tags_child(struct tags *t, HPDF_Dict parent, const char *type)
{
	if (parent == NULL)
		return NULL;
	return elem_under(t, parent, HPDF_Dict_GetItem(parent, "K", HPDF_OCLASS_ARRAY),
			  type);
}

void tags_alt(struct tags *t, HPDF_Dict elem, const char *utf8)
{
	if (t->failed || elem == NULL)
		return;
	/* The UTF-8 encoder makes libharu write UTF-16, as for the info
	 * strings. */
	check(t, HPDF_Dict_Add(elem, "Alt",
			       HPDF_String_New(t->doc->mmgr, utf8,
					       HPDF_GetEncoder(t->doc, "UTF-8"))));
}

/* Writes raw operators into the page's content stream. */
static void put(HPDF_Page pg, const char *ops)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)pg->attr;

	HPDF_Stream_WriteStr(attr->stream, ops);
}

/* Records content `t->mcid` of the page as `elem`'s, and returns it. */
static int claim(struct tags *t, HPDF_Dict elem)
{
	HPDF_Array k = HPDF_Dict_GetItem(elem, "K", HPDF_OCLASS_ARRAY);
	HPDF_Dict mcr;

	if (HPDF_Dict_GetItem(elem, "Pg", HPDF_OCLASS_DICT) == t->page) {
		/* On the element's own page (its /Pg): the MCID alone. */
		check(t, HPDF_Array_AddNumber(k, t->mcid));
	} else {
		/* Content that ran over to another page names it. */
		mcr = HPDF_Dict_New(t->doc->mmgr);
		if (mcr == NULL) {
			t->failed = 1;
			return -1;
		}
		check(t, HPDF_Dict_AddName(mcr, "Type", "MCR"));
		check(t, HPDF_Dict_Add(mcr, "Pg", t->page));
		check(t, HPDF_Dict_AddNumber(mcr, "MCID", t->mcid));
		check(t, HPDF_Array_Add(k, mcr));
	}
	check(t, HPDF_Array_Add(t->parents, elem));
	return t->failed ? -1 : t->mcid++;
}

void tags_content(struct tags *t, HPDF_Dict elem)
{
	char ops[64];
	int id;

	t->open = NULL;
	if (elem == NULL || t->failed || t->parents == NULL ||
	    (id = claim(t, elem)) < 0) {
		tags_artifact(t->page);
		return;
	}
	t->open = elem;
	snprintf(ops, sizeof(ops), "/%s <</MCID %d>> BDC\n",
		 HPDF_Name_GetValue(HPDF_Dict_GetItem(elem, "S", HPDF_OCLASS_NAME)),
		 id);
	put(t->page, ops);
}

void tags_content_end(struct tags *t)
{
	t->open = NULL;
	tags_end(t->page);
}

void tags_artifact(HPDF_Page pg)
{
	put(pg, "/Artifact BMC\n");
}

void tags_end(HPDF_Page pg)
{
	put(pg, "EMC\n");
}
