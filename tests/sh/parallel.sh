#!/bin/sh
# Parallel, site-only and sharded builds give the bytes of a plain one:
# --jobs 4 writes the same files and the same stderr as --jobs 1 (with a
# site that warns from its notices); --no-pdf writes no PDF and links to
# none; the output folders of --shard 0/3, 1/3, 2/3 and index, copied into
# one, equal a single build.  content/ read on several threads: with
# hundreds of pages, problems of every kind spread among them, `check`
# says the same with --jobs 1, 2 and 4, and a build of such pages with
# warnings only makes the same files.
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
# The manifest and the records aside: the photo cache records what each
# build read (a shard only its own photos), by the files' inodes, and
# the content folders' record is written by the first shard only.
same() { # same WHAT A B
	diff -r -x .gongshi-manifest -x .gongshi-photos -x .gongshi-content "$2" "$3" >"$OUT/diff" 2>&1 && ok ||
		bad "$1: $(head -n 5 "$OUT/diff")"
}

copy_example_site "$site"
# Characters no font has (CJK Ext-G and U+20000: 𠮷 prints since 楷体 is in
# the fallback chain), in three communities far apart: each notice
# warns, and the warnings must come out in the same order whatever
# thread rendered which notice.
sed -i -e '2s/,海河小区,/,𱍐海河小区,/' -e '20s/^\([^,]*\),/\1,𰀀/' -e '50s/^\([^,]*\),/\1,𠀀/' \
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

# many_pages SITE FOLDER N [errors]: N pages in SITE/content/FOLDER/, with
# dates, unknown keys (warnings), GB18030 and BOM + CRLF text, and a file with
# more warnings than a file keeps; with `errors` also bad YAML, bad
# dates and types, undecodable bytes, two files too big, an empty one, a
# link out of the site and a folder linking back up.
many_pages() {
	mp_dir=$1/content/$2
	mp_n=$3
	mkdir -p "$mp_dir"
	mp_i=0
	while [ "$mp_i" -lt "$mp_n" ]; do
		mp_kind=$((mp_i % 9))
		mp_date=2022-05-$(printf %02d $((1 + mp_i % 28)))
		[ "${4:-}" = errors ] || mp_kind=$((mp_kind % 4))
		case $mp_kind in
		0) printf -- '---\ntitle: 第%d页\ndate: %s\n---\n\n正文 %d。\n' "$mp_i" "$mp_date" "$mp_i" ;;
		1) printf -- '---\ntitle: 第%d页\ncolour: 红\ndate: %s\nsize: %d\n---\n正文\n' "$mp_i" "$mp_date" "$mp_i" ;;
		2) printf -- '---\ntitle: \271\372\261\352 %d\ndate: %s\n---\n\271\372\261\352\n' "$mp_i" "$mp_date" ;;
		3) printf '\357\273\277---\r\ntitle: "BOM %d"\r\nsummary: 摘要\r\ndate: %s\r\n---\r\n正文\r\n' "$mp_i" "$mp_date" ;;
		4) printf -- '---\ntitle: [未闭合 %d\n---\n正文\n' "$mp_i" ;;
		5) printf -- '---\ntitle: 日期\ndate: 2022-02-%d\n---\n' $((29 + mp_i % 3)) ;;
		6) printf -- '---\ntitle: 坏字节\n---\n\200\377%d\n' "$mp_i" ;;
		7) printf -- '---\ncommunities: {a: b}\ntitle: [x, y]\n---\n' ;;
		8) printf -- '---\n- 列表\n---\n' ;;
		esac >"$(printf '%s/p%04d.md' "$mp_dir" "$mp_i")"
		mp_i=$((mp_i + 1))
	done
	mp_k=0
	while [ "$mp_k" -lt 105 ]; do echo "key$mp_k: $mp_k"; mp_k=$((mp_k + 1)); done |
		sed -e '1i ---' -e '1i date: 2022-05-01' -e '$a ---' >"$mp_dir/p$(printf %04d $((mp_n / 2)))-keys.md"
	[ "${4:-}" = errors ] || return 0
	truncate -s 9M "$mp_dir/p$(printf %04d $((mp_n / 3)))-big.md"
	truncate -s 9M "$mp_dir/p$(printf %04d $((mp_n * 2 / 3)))-big.md"
	: >"$mp_dir/p$(printf %04d $((mp_n / 5)))-empty.md"
	ln -s "$OUT/outside.md" "$mp_dir/p$(printf %04d $((mp_n / 4)))-out.md"
	mp_sub=$mp_dir/p$(printf %04d $((mp_n * 3 / 4)))-sub
	mkdir -p "$mp_sub"
	ln -s .. "$mp_sub/loop"
	printf -- '---\ntitle: 子目录\n---\n' >"$mp_sub/a.md"
	printf -- '---\ntitle: 子目录\nx: 1\n---\n' >"$mp_sub/z.md"
}

printf -- '---\ntitle: 站外\n---\n' >"$OUT/outside.md"
copy_example_site "$OUT/bad"
many_pages "$OUT/bad" many 400 errors
for fmt in text json; do
	for j in 1 2 4; do
		"$GONGSHI" check "$OUT/bad" --jobs $j --format $fmt >"$OUT/bad-$j.$fmt.out" 2>"$OUT/bad-$j.$fmt.err"
		echo $? >"$OUT/bad-$j.$fmt.status"
	done
	for j in 2 4; do
		for f in out err status; do
			cmp -s "$OUT/bad-1.$fmt.$f" "$OUT/bad-$j.$fmt.$f" && ok ||
				bad "check --format $fmt --jobs $j: std$f differs from --jobs 1: $(diff "$OUT/bad-1.$fmt.$f" "$OUT/bad-$j.$fmt.$f" | head -n 5)"
		done
	done
done
[ "$(cat "$OUT/bad-1.text.status")" = 1 ] && ok || bad "check of bad pages: exit $(cat "$OUT/bad-1.text.status"), want 1"
# Every kind of problem is there, so that the comparison means something.
for want in 'YAML 格式错误' '日期“2022-02-31”无效' '既不是 UTF-8 也不是 GB18030' '应为单个值' \
	'应为小区编号的列表' '应为“键: 值”形式的映射' '超过上限 8 MiB' '符号链接指向网站目录之外' \
	'符号链接形成循环' '此文件的问题太多' 'warning: 未知的前置信息“colour”'; do
	grep -q "$want" "$OUT/bad-1.text.err" && ok || bad "check of bad pages does not say “$want”"
done
[ "$(grep -c '^[^:]*/content/many/.*: error: ' "$OUT/bad-1.text.err")" -gt 250 ] && ok ||
	bad "check of bad pages: too few errors: $(tail -n 1 "$OUT/bad-1.text.err")"

# As news, so that the pages are made (and their text, decoded, shown).
copy_example_site "$OUT/warn"
many_pages "$OUT/warn" news 400
for j in 1 4; do
	if "$GONGSHI" build "$OUT/warn" -o "$OUT/warn-$j" --no-pdf --jobs $j >/dev/null 2>"$OUT/warn-$j.err"; then ok; else
		bad "build of pages with warnings, --jobs $j: $(tail -n 3 "$OUT/warn-$j.err")"; fi
done
same "pages with warnings, --jobs 4 vs --jobs 1" "$OUT/warn-1" "$OUT/warn-4"
cmp -s "$OUT/warn-1.err" "$OUT/warn-4.err" && ok || bad "pages with warnings: stderr differs between --jobs 1 and 4"
[ -n "$(grep -rl '国标 398' "$OUT/warn-1/news")" ] && [ -n "$(grep -rl 'BOM 399' "$OUT/warn-1/news")" ] && ok ||
	bad "pages with warnings: the last news pages were not made"
grep -q '此文件的问题太多' "$OUT/warn-1.err" && ok || bad "pages with warnings: no note of warnings not kept"

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

# The big tables' first passes are made ahead on a thread of their own
# (model/table_prefetch.c) while the tables before them load: what each
# pass says is added where the loader would have said it, so `check`
# gives the same stderr with one thread as with several, problems in
# communities.csv, progress.csv and funding.csv alike.
mkdir -p "$OUT/tables"
cp -R "$top/site.yaml" "$top/data" "$top/content" "$OUT/tables/"
printf 'x,y\n' >>"$OUT/tables/data/communities.csv"
printf 'haihe-xiaoqu,2022-13-01,30,\342\200\213施工,100\nhaihe-xiaoqu,2022-05-02\n' >>"$OUT/tables/data/progress.csv"
printf 'haihe-xiaoqu,社会资本,约50万\n' >>"$OUT/tables/data/funding.csv"
for j in 1 2 4; do
	"$GONGSHI" check "$OUT/tables" --jobs $j >"$OUT/tables-$j.out" 2>"$OUT/tables-$j.err"
done
for f in communities progress funding; do
	grep -q "data/$f.csv:" "$OUT/tables-1.err" && ok || bad "the bad $f.csv says nothing: $(head -n 3 "$OUT/tables-1.err")"
done
for j in 2 4; do
	cmp -s "$OUT/tables-1.err" "$OUT/tables-$j.err" && ok ||
		bad "check of bad tables, --jobs $j: stderr differs from --jobs 1: $(diff "$OUT/tables-1.err" "$OUT/tables-$j.err" | head -n 5)"
done

finish
