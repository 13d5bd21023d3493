#!/bin/sh
# Parallel, site-only and sharded builds give the bytes of a plain one:
# --jobs 4 writes the same files and the same stderr as --jobs 1 (with a
# site that warns from its notices); --no-pdf writes no PDF and links to
# none; the output folders of --shard 0/3, 1/3, 2/3 and index, copied into
# one, equal a single build.
#
#   GONGSHI=$PWD/gongshi OUT=/tmp/scratch sh tests/sh/parallel.sh   (from the repo root)
#
# Prints one line per failure and ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init parallel
site=$OUT/site
private_themes

# build NAME [OPTION...]: into $OUT/NAME, stderr in $OUT/NAME.err.
build() {
	name=$1
	shift
	"$GONGSHI" build "$site" -o "$OUT/$name" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"
}
same() { # same WHAT A B
	diff -r -x .gongshi-manifest "$2" "$3" >"$OUT/diff" 2>&1 && ok ||
		bad "$1: $(head -n 5 "$OUT/diff")"
}

copy_example_site "$site"
# Characters no font has, in three communities far apart: each notice
# warns, and the warnings must come out in the same order whatever
# thread rendered which notice.
sed -i -e '2s/,海河小区,/,𠮷海河小区,/' -e '20s/^\([^,]*\),/\1,𠮷/' -e '50s/^\([^,]*\),/\1,𠀀/' \
	"$site/data/communities.csv"

if build j1 --jobs 1; then ok; else bad "--jobs 1: $(cat "$OUT/j1.err")"; fi
if build j4 --jobs 4; then ok; else bad "--jobs 4: $(cat "$OUT/j4.err")"; fi
[ "$(grep -c 'warning:.*U+' "$OUT/j1.err")" -ge 3 ] && ok || bad "expected missing-character warnings: $(cat "$OUT/j1.err")"
same "--jobs 4 vs --jobs 1" "$OUT/j1" "$OUT/j4"
cmp -s "$OUT/j1/.gongshi-manifest" "$OUT/j4/.gongshi-manifest" && ok || bad "manifests differ"
cmp -s "$OUT/j1.err" "$OUT/j4.err" && ok || bad "stderr differs between --jobs 1 and 4"
sed 's/用时 [0-9.]* 秒//' "$OUT/j1.out" >"$OUT/j1.sum"
sed 's/用时 [0-9.]* 秒//' "$OUT/j4.out" >"$OUT/j4.sum"
cmp -s "$OUT/j1.sum" "$OUT/j4.sum" && ok || bad "summaries differ: $(cat "$OUT/j1.out" "$OUT/j4.out")"
if build jd; then ok; else bad "default jobs: $(cat "$OUT/jd.err")"; fi
same "default --jobs vs --jobs 1" "$OUT/j1" "$OUT/jd"

# Usage errors: exit 2, nothing written.
for bad_opt in "--jobs 0" "--jobs x" "--jobs" "--shard 3/3" "--shard 1" "--shard x/2" "--shard"; do
	# shellcheck disable=SC2086
	"$GONGSHI" build "$site" -o "$OUT/usage" $bad_opt >/dev/null 2>&1
	st=$?
	[ "$st" = 2 ] && [ ! -e "$OUT/usage" ] && ok || bad "$bad_opt: exit $st, want 2 and no output"
done

# --no-pdf: the same pages minus the links to PDFs, and no PDF.
if build nopdf --no-pdf --jobs 3; then ok; else bad "--no-pdf: $(cat "$OUT/nopdf.err")"; fi
[ -z "$(find "$OUT/nopdf" -name '*.pdf')" ] && ok || bad "--no-pdf wrote PDFs"
grep -rlq '\.pdf' "$OUT/nopdf" && bad "--no-pdf pages link to PDFs: $(grep -rl '\.pdf' "$OUT/nopdf" | head -n 3)" || ok
grep -q '\.pdf' "$OUT/j1/communities/yushu-xincun/index.html" && ok || bad "a full build's page lacks its PDF link"
grep -Eq '、0 个 PDF，' "$OUT/nopdf.out" && ok || bad "--no-pdf summary: $(cat "$OUT/nopdf.out")"
[ -s "$OUT/nopdf/communities/yushu-xincun/index.html" ] && [ -s "$OUT/nopdf/search-index.json" ] && ok ||
	bad "--no-pdf: pages missing"

# Shards: each writes its share, the union is the single build.
mkdir -p "$OUT/union"
for k in 0/3 1/3 2/3 index; do
	name=shard-$(echo "$k" | tr / -)
	if build "$name" --shard "$k" --jobs 2; then ok; else bad "--shard $k: $(cat "$OUT/$name.err")"; fi
	cp -R "$OUT/$name/." "$OUT/union/"
done
same "union of 4 shards vs single build" "$OUT/j1" "$OUT/union"
[ -e "$OUT/shard-index/index.html" ] && [ ! -e "$OUT/shard-index/communities/yushu-xincun" ] && ok ||
	bad "--shard index: wrong files"
[ -z "$(find "$OUT/shard-index" -name '*.pdf')" ] && ok || bad "--shard index wrote PDFs"
[ ! -e "$OUT/shard-0-3/index.html" ] && [ ! -e "$OUT/shard-0-3/search-index.json" ] && ok ||
	bad "--shard 0/3 wrote shared pages"
# Every community is in exactly one numbered shard.
n0=$(find "$OUT/shard-0-3" "$OUT/shard-1-3" "$OUT/shard-2-3" -name notice.pdf | wc -l)
n=$(find "$OUT/j1" -name notice.pdf | wc -l)
[ "$n0" = "$n" ] && ok || bad "shards hold $n0 notices, want $n"
for k in 0 1 2; do
	[ -n "$(find "$OUT/shard-$k-3" -name notice.pdf)" ] && ok || bad "shard $k/3 is empty"
done

finish
