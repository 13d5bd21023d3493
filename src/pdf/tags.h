/* Tagged PDF: the logical structure of a notice (headings, paragraphs,
 * the QR figure) for screen readers, and marked content in the pages.
 *
 * libharu 2.3.0 has no structure API and writes no marked content (its
 * hpdf.h lists BDC and EMC as "not implemented yet").  Its dictionaries
 * and arrays can carry any object, though, so the StructTreeRoot, the
 * structure elements and the ParentTree are built from them here, and
 * the BDC/BMC ... EMC operators are written into the page's content
 * stream between libharu's own text and path objects (never inside a
 * text object).
 *
 * Everything the pages draw is either inside a structure element's
 * marked content or an /Artifact (page numbers, the red rule, the
 * example watermark).  Every character, beyond U+FFFF too, is drawn as
 * text with a ToUnicode entry (pdf/encoding.h), so no /ActualText is
 * needed.
 *
 * Owned by the libharu document: nothing here needs freeing. */
#ifndef GONGSHI_PDF_TAGS_H
#define GONGSHI_PDF_TAGS_H

#include <hpdf.h>

struct tags {
	HPDF_Doc doc;
	HPDF_Dict top;	    /* the /Document element */
	HPDF_Array kids;    /* its /K */
	HPDF_Array nums;    /* the ParentTree's /Nums */
	HPDF_Page page;	    /* the page being drawn */
	HPDF_Array parents; /* the element of each MCID on `page` */
	int npages;	    /* pages given a /StructParents */
	int mcid;	    /* the next MCID on `page` */
	HPDF_Dict open;	    /* the element whose content is being drawn */
	int failed;	    /* libharu refused an object: tag no more */
};

/* Gives `doc` a structure tree, marks it tagged and sets its /Lang
 * (`lang`, e.g. "zh-CN").  0, or -1 when libharu failed (its error
 * handler has the reason). */
int tags_begin(struct tags *t, HPDF_Doc doc, const char *lang);

/* Starts marking content on a new page `pg`. */
void tags_page(struct tags *t, HPDF_Page pg);

/* A new structure element of type `type` ("H1", "P", "Figure"...) under
 * the document's, after those made before; NULL once tagging failed. */
HPDF_Dict tags_elem(struct tags *t, const char *type);
/* A new element of type `type` ("TR", "TD"...) under `parent`, after
 * its other children; NULL when `parent` is NULL or tagging failed.  An
 * element holds children or content, not both. */
HPDF_Dict tags_child(struct tags *t, HPDF_Dict parent, const char *type);
/* Sets an element's /Alt, the words read instead of a figure. */
void tags_alt(struct tags *t, HPDF_Dict elem, const char *utf8);

/* Brackets what the page draws next as content of `elem` (NULL: an
 * artifact), up to tags_content_end.  Not nested. */
void tags_content(struct tags *t, HPDF_Dict elem);
void tags_content_end(struct tags *t);
/* Brackets an artifact, up to tags_end.  Not nested. */
void tags_artifact(HPDF_Page pg);
void tags_end(HPDF_Page pg);

#endif
