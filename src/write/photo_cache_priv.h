/* What write/photo_cache.c, photo_cache_read.c and photo_cache_write.c
 * share: the cache's records in memory (photo_cache.h says why they are
 * so).  Private to those three files; owner: photo_cache.c. */
#ifndef GONGSHI_WRITE_PHOTO_CACHE_PRIV_H
#define GONGSHI_WRITE_PHOTO_CACHE_PRIV_H

#include <pthread.h>
#include <stdint.h>

#include "util/hash.h"

/* The biggest file read (a bigger one is ignored); the hash's hex digits. */
enum { PHOTO_CACHE_MAX_BYTES = 256 << 20, PHOTO_CACHE_KEY_HEX = 32 };

/* A file's identity: what must not have changed for its facts to hold.
 * Kept and looked up as numbers: formatting 550,000 of them as text to
 * look each up in a string map cost more than the look-up itself
 * (docs/performance.md, session 10). */
struct ident {
	uint64_t ino, msec, csec; /* the times' seconds as two's complement */
	/* Linux's device numbers are 32 bits, a photo at most PHOTO_MAX_BYTES:
	 * a file over either is not remembered (ident_of). */
	uint32_t dev, size, mnsec, cnsec;
};

/* One photo file: 64 bytes, in one array (no text, no per-entry block):
 * the width and height are at most PHOTO_MAX_PIXELS (under 2^26), so the
 * flags share their words. */
struct entry {
	struct ident id;
	struct hash_value hash;
	unsigned width : 26;
	unsigned format : 3; /* photo_header_format_code's; 0: header not known */
	unsigned has_profile : 1, has_hash : 1, used : 1;
	unsigned height : 26;
};

struct photo_cache {
	char header[64];
	pthread_mutex_t lock;
	struct entry *v;
	size_t n, cap;
	uint32_t *slots; /* open addressing, linear probing: 1 + index into v; 0 empty */
	size_t nslots;	 /* a power of 2, at least twice n */
	size_t known, read;
	size_t loaded; /* entries the last build's file gave (all of it used) */
	/* The last build's file is read on a thread of its own while the site
	 * loads (photo_cache_open); everything that touches the entries waits
	 * for it first, under the lock (photo_cache_lock). */
	pthread_t reading;
	int reads; /* 1: `reading` runs or has not been joined */
	int fd;	   /* the file it reads */
};

/* Takes c->lock once the last build's file is read (waiting for its
 * thread, if it is being read): what anything touching the entries
 * does first.  Released with pthread_mutex_unlock. */
void photo_cache_lock(struct photo_cache *c);

/* The entry of identity `id`, made (nothing known) when there is none.
 * Under the lock, or on the reading thread before anything else asks. */
struct entry *photo_cache_entry_for(struct photo_cache *c, const struct ident *id);

/* The lines of the open file `fd` (photo_cache.h's format) into `c`: 0,
 * or -1 when any is wrong (some may have been taken). */
int photo_cache_read_lines(struct photo_cache *c, int fd);

#endif
