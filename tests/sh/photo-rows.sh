#!/bin/sh
# data/photos.csv's rows are read in batches (model/photos_batch.c: 4096
# rows, their files looked at on up to --jobs threads while the next batch
# is read, then each row finished in order): the messages are those of
# rows read one by one, in the same order, on any number of threads, and
# whether the photo cache of the last build knew the files or not (a file
# it knows is taken from it on those threads).  A run of 150 missing photos across the
# batch's edge (rows 8101-8250) keeps the first 100 messages (util/diag.h's
# DIAG_MAX_PER_FILE) in row order, whatever the batch or thread that
# looked at each file.  (The messages are those main gave at ad23d93, byte
# for byte, on this site.)
#
#   GONGSHI=$PWD/gongshi OUT=/tmp/scratch sh tests/sh/photo-rows.sh   (from the repo root)
#
# Prints one line per failure and ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init photo-rows
site=$OUT/site

copy_example_site "$site" || { bad "cannot copy the example site"; finish; }
# The example's photos are read with libvips (loaded when a build needs it).
if ! "$GONGSHI" check "$site" >"$OUT/first" 2>&1; then
	skip "the example site does not check (libvips missing?): $(tail -n 1 "$OUT/first")"
	finish
fi
ids=$(awk -F, 'NR > 1 { print $1 }' "$site/data/communities.csv")
for id in $ids; do
	mkdir -p "$site/content/communities/$id" &&
		cp "$top/content/communities/bayi-xiaoqu/shigong.jpg" "$site/content/communities/$id/a.jpg" ||
		bad "cannot copy a photo into $id"
done
# 8300 rows, community by community (as a clerk's table runs), row N on
# line N + 1: a missing photo on rows 8101-8250; a bad date on row 30 and
# 8190, a bad kind on 8195, a name out of its folder on 8260, a missing
# photo on row 40 and 8280.
echo "$ids" | awk -v n=8300 '
BEGIN { print "小区编号,文件,说明,日期,类型" }
{ id[NR] = $1 }
END {
	per = int((n + NR - 1) / NR)
	for (r = 1; r <= n; r++) {
		c = id[int((r - 1) / per) + 1]
		f = "a.jpg"; d = "2022-05-02"; k = "施工中"
		if ((r >= 8101 && r <= 8250) || r == 40 || r == 8280) f = "missing-" r ".jpg"
		if (r == 30 || r == 8190) d = "2022-13-01"
		if (r == 8195) k = "完工"
		if (r == 8260) f = "../a.jpg"
		printf "%s,%s,第%d张,%s,%s\n", c, f, r, d, k
	}
}' >"$site/data/photos.csv"
[ "$(wc -l <"$site/data/photos.csv")" = 8301 ] && ok || bad "photos.csv: $(wc -l <"$site/data/photos.csv") lines"

# checks_alike NAME WHAT SAY: `check` of the site fails (1) on --jobs 1, 2
# and 3, its stderr kept as $OUT/NAME.1 to .3, the same each time; WHAT
# (empty, or " (why)") names the runs, SAY (empty, or "why: ") begins the
# message when they differ.
checks_alike() {
	for j in 1 2 3; do
		expect_status 1 "check --jobs $j$2" "$GONGSHI" check "$site" --jobs "$j"
		cp "$OUT/stderr" "$OUT/$1.$j"
	done
	cmp -s "$OUT/$1.1" "$OUT/$1.2" && cmp -s "$OUT/$1.1" "$OUT/$1.3" && ok ||
		bad "$3--jobs 1, 2 and 3 differ: $(diff "$OUT/$1.1" "$OUT/$1.2" | head -n 4)"
}

checks_alike stderr "" ""
e=$OUT/stderr.1
for line in 31 41 8102 8191 8196; do
	grep -q "photos.csv:$line:" "$e" && ok || bad "no message for line $line: $(head -n 3 "$e")"
done
# The file's first 100 errors in row order: rows 30 and 40, 8101-8190,
# 8190's date, 8191-8195, 8195's kind, 8196 (line 8197); row 8197's
# missing photo and all after it are only counted.
grep -q "photos.csv:8197:.*missing-8196.jpg" "$e" && ok || bad "row 8196's missing photo not kept"
lacks "row 8197's missing photo kept (over the 100)" "$e" "photos.csv:8198:"
lacks "row 8280's missing photo kept (over the 100)" "$e" "photos.csv:8281:"
grep -q "另有 [0-9]* 个没有列出" "$e" && ok || bad "no note for the messages left out"

# The same rows where the last build's photo cache knows every a.jpg: a
# build of one photo a community first (its cache kept in the output),
# then the table above built (refused, the same messages, on any number of
# threads).  One row's warning in the first pass of both tables
# (a zero-width space) says that the first passes, made ahead of the
# loader, are said in the tables' order.
cp "$site/data/photos.csv" "$OUT/rows.csv"
echo "$ids" | awk 'BEGIN { print "小区编号,文件,说明,日期,类型" } { printf "%s,a.jpg,第%d张,2022-05-02,施工中\n", $1, NR }' \
	>"$site/data/photos.csv"
expect_status 0 "a build of one photo a community" "$GONGSHI" build "$site" -o "$OUT/out" --no-pdf -q
[ -s "$OUT/out/.gongshi-photos" ] && ok || bad "no photo cache after the build"
cp "$OUT/rows.csv" "$site/data/photos.csv"
for j in 1 2 3; do
	expect_status 1 "build --jobs $j (photos known)" "$GONGSHI" build "$site" -o "$OUT/out" --no-pdf --jobs "$j"
	grep -v '^已生成\|^照片：' "$OUT/stderr" >"$OUT/built.$j"
	cmp -s "$OUT/built.$j" "$e" && ok || bad "build --jobs $j differs from check: $(diff "$e" "$OUT/built.$j" | head -n 4)"
done
zw=$(printf '\342\200\213')
sed "2s/,/,$zw/" "$site/data/communities.csv" >"$OUT/c.csv" && cp "$OUT/c.csv" "$site/data/communities.csv"
sed "3s/,第/,$zw第/" "$site/data/photos.csv" >"$OUT/p.csv" && cp "$OUT/p.csv" "$site/data/photos.csv"
checks_alike zw " (zero-width spaces)" "zero-width: "
c=$(grep -n "communities.csv:2:" "$OUT/zw.2" | head -n 1 | cut -d: -f1)
p=$(grep -n "photos.csv:3:" "$OUT/zw.2" | head -n 1 | cut -d: -f1)
[ -n "$c" ] && [ -n "$p" ] && [ "$c" -lt "$p" ] && ok ||
	bad "the tables' first-pass messages out of order (communities at ${c:-none}, photos at ${p:-none})"
finish
