#include "util/hash.h"

#include <dirent.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fileread.h"

/* Two independent multiply-rotate lanes over 8-byte words, mixed at the
 * end (the splitmix64 finaliser); fast enough to hash every page's
 * context on every build. */
static const uint64_t P1 = 0x9e3779b97f4a7c15ULL, P2 = 0xc2b2ae3d27d4eb4fULL;

static uint64_t rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static uint64_t mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void word(struct hash *h, uint64_t w)
{
	h->a = rotl(h->a ^ w, 29) * P1;
	h->b = rotl(h->b + w, 31) * P2 ^ (h->a >> 17);
}

void hash_init(struct hash *h)
{
	h->a = 0x243f6a8885a308d3ULL;
	h->b = 0x13198a2e03707344ULL;
	h->len = 0;
}

void hash_bytes(struct hash *h, const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t w;

	h->len += len;
	while (len >= 8) {
		memcpy(&w, p, 8);
		word(h, w);
		p += 8;
		len -= 8;
	}
	if (len) {
		w = 0;
		memcpy(&w, p, len);
		word(h, w ^ ((uint64_t)len << 56));
	}
}

struct hash_value hash_content(const void *data, size_t len)
{
	struct hash h;

	hash_init(&h);
	hash_str(&h, "bytes");
	hash_bytes(&h, data, len);
	return hash_final(&h);
}

void hash_str(struct hash *h, const char *s)
{
	hash_bytes(h, s ? s : "", (s ? strlen(s) : 0) + 1);
}

void hash_num(struct hash *h, long long v)
{
	/* One word, not its decimal digits: snprintf was most of the cost
	 * of hashing a page's context. */
	word(h, (uint64_t)v);
	h->len += 8;
}

void hash_value_add(struct hash *h, struct hash_value v)
{
	word(h, v.hi);
	word(h, v.lo);
	h->len += 16;
}

struct hash_value hash_final(const struct hash *h)
{
	struct hash_value v;

	v.hi = mix(h->a ^ mix(h->len + P2));
	v.lo = mix(h->b ^ mix(h->a) ^ h->len);
	return v;
}

/* By hand, not snprintf: it runs once for every file of a build. */
void hash_hex_digits(unsigned long long v, unsigned n, char *out)
{
	while (n-- > 0) {
		out[n] = "0123456789abcdef"[v & 15];
		v >>= 4;
	}
}

void hash_hex(struct hash_value v, char *out)
{
	hash_hex_digits(v.hi, 16, out);
	hash_hex_digits(v.lo, 16, out + 16);
	out[32] = '\0';
}

/* Each byte's hex digit plus 1; 0: not a lowercase hex digit (a NUL
 * included).  A table, not comparisons: the hashes are random, so which
 * branch a digit takes cannot be predicted, and the cache and the
 * manifest parse 32 digits a line, a million lines at 550,000 photos. */
static const unsigned char hex_digit[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7,
	['7'] = 8, ['8'] = 9, ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14,
	['e'] = 15, ['f'] = 16,
};

int hash_parse_hex(const char *hex, struct hash_value *out)
{
	uint64_t part[2] = { 0, 0 };

	for (int i = 0; i < 32; i++) {
		unsigned d = hex_digit[(unsigned char)hex[i]];

		/* Stops at a NUL: nothing past the string's end is read. */
		if (d == 0)
			return -1;
		part[i / 16] = part[i / 16] << 4 | (uint64_t)(d - 1);
	}
	out->hi = part[0];
	out->lo = part[1];
	return 0;
}

void hash_fd(struct hash *h, int fd)
{
	char chunk[65536];
	ssize_t n;

	hash_str(h, "(file)");
	while ((n = fileread_full(fd, chunk, sizeof(chunk))) > 0)
		hash_bytes(h, chunk, (size_t)n);
	hash_num(h, n < 0); /* a read error (a folder) keys apart from the bytes */
}

void hash_file(struct hash *h, const char *path)
{
	struct stat st;
	int fd = fileread_open(AT_FDCWD, path, 0, &st);

	if (fd < 0) {
		hash_str(h, "(missing)");
		return;
	}
	hash_fd(h, fd);
	close(fd);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

void hash_tree(struct hash *h, const char *dir)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, by_name);
	buf path = BUF_INIT;

	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		struct stat st;

		if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0) {
			buf_reset(&path);
			buf_printf(&path, "%s/%s", dir, name);
			hash_str(h, name);
			if (stat(path.data, &st) == 0 && S_ISDIR(st.st_mode)) {
				hash_str(h, "(dir)");
				hash_tree(h, path.data);
				hash_str(h, "(end)");
			} else {
				hash_file(h, path.data);
			}
		}
		free(names[i]);
	}
	if (n >= 0)
		free(names);
	buf_free(&path);
}
