/* A 128-bit hash of a build's inputs, to tell whether an output file must
 * be made again.  Not cryptographic: it guards against accidents (two
 * different inputs giving the same hash by chance), not against someone
 * crafting inputs, which a site's own author has no reason to do. */
#ifndef GONGSHI_HASH_H
#define GONGSHI_HASH_H

#include <stddef.h>
#include <stdint.h>

struct hash {
	uint64_t a, b, len;
};

struct hash_value {
	uint64_t hi, lo;
};

void hash_init(struct hash *h);
void hash_bytes(struct hash *h, const void *data, size_t len);
/* The string and its terminating NUL, so "ab","c" and "a","bc" differ.
 * NULL hashes like "". */
void hash_str(struct hash *h, const char *s);
void hash_num(struct hash *h, long long v);
void hash_value_add(struct hash *h, struct hash_value v);
struct hash_value hash_final(const struct hash *h);
/* 32 lowercase hex digits and a NUL into `out` (33 bytes). */
void hash_hex(struct hash_value v, char *out);
/* The lowest `n` hex digits of `v` at `out`, lowercase and zero-padded,
 * without a NUL: "%0*llx" for a value that fits, without printf's
 * reading of a format (half of hash_hex; the folder record's stamps). */
void hash_hex_digits(unsigned long long v, unsigned n, char *out);
/* The reverse: the 32 lowercase hex digits at `hex` (hash_hex's form
 * exactly; another character there, or a NUL, refuses) into *out.  0, or
 * -1 with *out unspecified. */
int hash_parse_hex(const char *hex, struct hash_value *out);
/* The contents of the file at `path`, or its absence. */
void hash_file(struct hash *h, const char *path);
/* What hash_file hashes of a file it opened: the bytes of `fd` from its
 * offset to the end (left open), so that a caller that fstat()s the
 * descriptor first (write/photo_cache.c) keys them exactly as hash_file. */
void hash_fd(struct hash *h, int fd);
/* Every file under `dir` (names and contents, in name order); a missing
 * folder hashes as empty. */
void hash_tree(struct hash *h, const char *dir);
/* The key of a file made whatever changed (a feed, a search chunk): its
 * own bytes.  One recipe, so that a file's key can be kept and compared
 * by whoever made it. */
struct hash_value hash_content(const void *data, size_t len);

#endif
