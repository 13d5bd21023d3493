#include "write/page_counts.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/strmap.h"
#include "write/manifest.h"
#include "util/xalloc.h"

#ifndef GONGSHI_VERSION
#define GONGSHI_VERSION "dev"
#endif

enum { MAX_BYTES = 64 << 20, MAX_PAGES = 32767, KEY_HEX = 32 };

struct page_counts {
	char header[64];
	buf text;	/* the file read, split in place */
	strmap index;	/* key (hex, in text) → pages */
	size_t n;
};

/* "gongshi-pages 1 HASH": the format, and the program whose layout
 * counted the pages. */
static void program_header(char out[64])
{
	hash_hex(manifest_program(), out + snprintf(out, 64, "gongshi-pages 1 "));
}

static int is_hex(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f')))
			return 0;
	return 1;
}

/* The count of the line at `line` ("KEY PAGES", ended by the NUL that
 * replaced its newline), or 0 when the line is not one. */
static unsigned line_pages(const char *line)
{
	const char *p = line + KEY_HEX + 1;
	unsigned v = 0;

	if (strlen(line) < KEY_HEX + 2 || !is_hex(line, KEY_HEX) || line[KEY_HEX] != ' ' ||
	    *p == '0')
		return 0;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		v = v * 10 + (unsigned)(*p - '0');
		if (v > MAX_PAGES)
			return 0;
	}
	return v;
}

/* Indexes the lines from `line` to `end`; 0, or -1 at the first line
 * that is wrong (then nothing of the file is used). */
static int index_lines(struct page_counts *c, char *line, const char *end)
{
	while (line < end) {
		char *nl = memchr(line, '\n', (size_t)(end - line));
		unsigned pages;

		if (nl == NULL || memchr(line, '\0', (size_t)(nl - line)))
			return -1; /* cut short, or a NUL in a line */
		*nl = '\0';
		pages = line_pages(line);
		if (pages == 0)
			return -1;
		line[KEY_HEX] = '\0';
		if (strmap_put(&c->index, line, pages) != STRMAP_NONE)
			return -1; /* the same notice twice */
		c->n++;
		line = nl + 1;
	}
	return 0;
}

struct page_counts *page_counts_open(const char *out_dir, int force)
{
	struct page_counts *c = xcalloc(1, sizeof(*c));
	size_t hlen;
	buf path = BUF_INIT;
	int rc;

	program_header(c->header);
	hlen = strlen(c->header);
	if (out_dir == NULL || force)
		return c;
	buf_printf(&path, "%s/%s", out_dir, PAGE_COUNTS_NAME);
	/* Only a regular file, not through a link, never a pipe. */
	rc = buf_read_file_max(&c->text, path.data, MAX_BYTES);
	buf_free(&path);
	if (rc < 0 || c->text.len <= hlen || memcmp(c->text.data, c->header, hlen) != 0 ||
	    c->text.data[hlen] != '\n')
		return c;
	if (index_lines(c, c->text.data + hlen + 1, c->text.data + c->text.len) < 0) {
		strmap_free(&c->index);
		memset(&c->index, 0, sizeof(c->index));
		c->n = 0;
	}
	return c;
}

unsigned page_counts_get(const struct page_counts *c, struct hash_value key)
{
	char hex[33];
	size_t v;

	if (c == NULL || c->n == 0)
		return 0;
	hash_hex(key, hex);
	v = strmap_get(&c->index, hex);
	return v == STRMAP_NONE ? 0 : (unsigned)v;
}

size_t page_counts_known(const struct page_counts *c)
{
	return c ? c->n : 0;
}

int page_counts_write(const struct page_counts *c, struct output *o,
		      const struct hash_value *keys, const unsigned *pages, size_t n,
		      diags *d)
{
	buf b = BUF_INIT;
	char hex[33];
	int rc;

	buf_printf(&b, "%s\n", c->header);
	for (size_t i = 0; i < n; i++) {
		if (pages[i] == 0 || pages[i] > MAX_PAGES)
			continue; /* never written, so never read back wrong */
		hash_hex(keys[i], hex);
		buf_printf(&b, "%s %u\n", hex, pages[i]);
	}
	rc = output_write(o, PAGE_COUNTS_NAME, b.data, b.len, d);
	buf_free(&b);
	return rc;
}

void page_counts_free(struct page_counts *c)
{
	if (c == NULL)
		return;
	strmap_free(&c->index);
	buf_free(&c->text);
	free(c);
}
