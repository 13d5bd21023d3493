/* The columns of each data file, under their English keys and the Chinese
 * headers staff write, and the binding of a CSV header row to them.
 *
 * Knows the data contract (docs/data-format.md) and nothing else: the
 * meaning of the values is the model's business. */
#ifndef GONGSHI_SCHEMA_H
#define GONGSHI_SCHEMA_H

#include "load/csv.h"

struct column {
	const char *key;     /* English key, e.g. "households" */
	const char *chinese; /* Chinese header, e.g. "户数" */
	const char *alias;   /* another accepted header, or NULL */
	int required;
};

struct table_schema {
	const char *file; /* relative to the site, e.g. "data/communities.csv" */
	const struct column *columns;
	size_t ncolumns;
};

enum { SCHEMA_MAX_COLUMNS = 32 };

/* Column indexes, in the order of each schema's column table. */
enum community_col {
	CC_ID, CC_NAME, CC_SUBDISTRICT, CC_AREA, CC_ADDRESS, CC_HOUSEHOLDS,
	CC_FLOOR_AREA, CC_BUILDINGS, CC_BUILT_YEAR, CC_ITEMS, CC_STATUS,
	CC_CONTRACTOR, CC_CONTACT, CC_PHONE, CC_ELEVATOR,
	/* optional progress columns (issue 19) */
	CC_PLAN_START, CC_PLAN_END, CC_STARTED, CC_COMPLETED, CC_ACCEPTED,
	CC_INVESTMENT, CC_DESIGNER, CC_SUPERVISOR, CC_MANAGER, CC_MANAGER_PHONE,
	CC_HOTLINE
};
enum unit_col { UC_ID, UC_NAME, UC_KIND, UC_PHONE };
enum duty_col { DC_SEQ, DC_UNITS, DC_DUTY };
enum item_col { IC_CODE, IC_TITLE, IC_DESCRIPTION, IC_CATEGORY };
enum phase_col { PC_ID, PC_NAME, PC_START, PC_END, PC_DESCRIPTION };
enum group_col { GC_NAME, GC_ROLE, GC_POSITION, GC_UNIT };
enum progress_col { RC_COMMUNITY, RC_DATE, RC_PERCENT, RC_DONE, RC_INVESTED };
enum funding_col { FC_COMMUNITY, FC_SOURCE, FC_AMOUNT };
/* The notice cycle's tables (model/cycle.h). */
enum holiday_col { HC_DATE, HC_KIND, HC_NOTE };
enum notice_col { NC_COMMUNITY, NC_POSTED, NC_DAYS, NC_UNIT, NC_ISSUER, NC_ITEMS, NC_NOTE };
enum consent_col { KC_COMMUNITY, KC_ASKED, KC_AGREED, KC_DISAGREED, KC_NO_REPLY, KC_DATE, KC_OVERRIDE };
enum opinion_col { OC_COMMUNITY, OC_DATE, OC_CHANNEL, OC_SUMMARY, OC_RESULT, OC_ANSWER };
enum photo_col { PHC_COMMUNITY, PHC_FILE, PHC_CAPTION, PHC_DATE, PHC_KIND };

/* A header row bound to a schema: where each column is in the file. */
struct binding {
	const struct table_schema *schema;
	const char *path;		  /* the file, for messages */
	const struct csv_table *table;	  /* NULL when read row by row */
	size_t field[SCHEMA_MAX_COLUMNS]; /* 0-based field index or NO_FIELD */
	size_t width;			  /* fields in the header row */
	size_t end; /* rows from this index on are a 合计 block, not data */
};

#define NO_FIELD ((size_t)-1)

extern const struct table_schema schema_communities, schema_units,
	schema_duties, schema_items, schema_phases, schema_group;
/* Optional tables: a site without them builds as before. */
extern const struct table_schema schema_progress, schema_funding;
extern const struct table_schema schema_holidays, schema_notices,
	schema_consent, schema_opinions;
/* data/photos.csv: optional (a site without photos has no such file). */
extern const struct table_schema schema_photos;

/* Binds the header row.  Unknown columns are warnings (more than five:
 * one warning for them all; one close to a known header by a typo or two
 * names it), missing required or repeated columns
 * errors.  Returns -1 when a required column is missing (rows cannot be
 * read).  Otherwise also reports each row whose width differs from the
 * header's: the first 100 one by one, then one error for the rest.
 * Rows of totals at the bottom (a 合计 or 总计 cell) are one warning and
 * are not read. */
int schema_bind(struct binding *b, const struct table_schema *s,
		const struct csv_table *t, diags *d);

/* A row whose width differs from the header's. */
struct schema_bad_width {
	size_t index; /* in the table, the header being 0 */
	unsigned line;
	size_t nfields;
};

/* What binding a table needs to know of its rows, gathered by a first
 * pass (schema_scan) when the table is not kept whole.  Its memory is in
 * the arena given to schema_scan, except `bad` (schema_outline_free). */
struct schema_outline {
	const char *path;
	const struct csv_row *header; /* NULL: no row at all */
	size_t nrows;		      /* rows, the header included */
	size_t totals_at;	      /* first row of the 合计 block at the bottom, or nrows */
	struct csv_field totals_cell; /* that row's 合计 cell */
	struct schema_bad_width *bad; /* before totals_at, in order */
	size_t nbad, bad_cap;
};

/* The first pass over `f`: its diagnostics about the text go to `d`;
 * the header is copied into `a`.  0, or -1 when the table cannot be used
 * (csv_each_row's -1). */
int schema_scan(struct schema_outline *o, const struct csv_file *f, arena *a, diags *d);
void schema_outline_free(struct schema_outline *o);
/* Notes row `index` as one of the wrong width. */
void schema_outline_bad_width(struct schema_outline *o, size_t index, const struct csv_row *row);
/* schema_bind for a table known by its outline (b->table is NULL). */
int schema_bind_outline(struct binding *b, const struct table_schema *s,
			const struct schema_outline *o, diags *d);
/* 1 when row `index` of a table bound by its outline is data to read: not
 * the header, not of the wrong width, not in the 合计 block (all of which
 * schema_bind_outline reported). */
int schema_row_usable(const struct binding *b, size_t index, const struct csv_row *row);

/* 0 if the row's width is the header's and it may be read; -1 if not,
 * or when it is one of the 合计/总计 rows Excel users add at the bottom
 * of a table (schema_bind has reported it already; `d` is unused). */
int schema_check_row(const struct binding *b, const struct csv_row *row,
		     diags *d);

/* The field of column `col` in `row` (NULL when the file has no such
 * column or the row is short).  An empty required field is an error and
 * returns NULL. */
const struct csv_field *schema_field(const struct binding *b,
				     const struct csv_row *row, size_t col,
				     diags *d);
/* The text of a field, "" when absent or empty. */
const char *schema_text(const struct binding *b, const struct csv_row *row,
			size_t col);

/* The header of `s` nearest to `h` by edit distance over characters
 * (one edit for a header of up to four characters, two for longer ones;
 * English keys compared without case), skipping columns `b` has bound
 * already; NULL when none is that close.  The header is returned as the
 * user would write it: the Chinese header, or the English key when `h`
 * is ASCII. */
const char *schema_nearest_header(const struct table_schema *s,
				  const struct binding *b, const char *h);

#endif
