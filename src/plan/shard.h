/* Which outputs one build writes when a site is split over machines.
 *
 * `--shard K/N` (0 <= K < N) writes the per-community outputs whose
 * community id hashes to K modulo N (its page and its notice) and the
 * booklets of the subdistricts whose id does; `--shard index` writes
 * everything else (home, lists, units, items, news, search, sitemap,
 * feeds, assets).  The shards' output folders together hold exactly the
 * files of an unsharded build.  Hashing the id rather than taking the
 * row number keeps a community on the same shard when rows are added. */
#ifndef GONGSHI_SHARD_H
#define GONGSHI_SHARD_H

struct shard {
	int on;		/* 0: write everything */
	int index;	/* the shared pages only */
	unsigned k, n;	/* this shard is K of N (without index) */
};

/* Parses "K/N" or "index"; -1 when it is neither (or K >= N). */
int shard_parse(const char *text, struct shard *out);
/* Does this build write the outputs of community or subdistrict `id`? */
int shard_has_record(const struct shard *sh, const char *id);
/* Does it write the shared pages? */
int shard_has_shared(const struct shard *sh);

#endif
