#!/bin/sh
# Limits: inputs far beyond any real site end with one clear error each
# (file:line:col, a huge value shown cut short), or, where the input is
# merely extreme, a build that finishes.  Run under AddressSanitizer too,
# where a recursion without bound would overflow the stack.
#   - a CSV field of 1 MB, a row of 10,000 extra columns, a header of
#     10,000 columns, 500 unknown columns, 150 rows of the wrong width;
#   - a 200 MB CSV, a 9 MB Markdown page, a 2 MB site.yaml (refused
#     before they are read: the files here are sparse);
#   - Markdown nested 10,000 deep (quotes, lists, numbered lists,
#     emphasis, brackets) in a community text: the page and the notice
#     are made, the innermost text on both, inside the page's width;
#   - Mustache sections nested 10,000 deep, and a partial that includes
#     itself;
#   - named pipes where the last build's manifest and search cache were.
# The 128 MB table and the 5 MB community text are in limits-big.sh.
#
#   GONGSHI=$PWD/gongshi OUT=/tmp/scratch sh tests/sh/limits.sh   (from the repo root)
#
# Prints one line per failure and ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init limits
repo_themes

# fresh NAME: $site is a new one-community site in $OUT/NAME.
fresh() {
	site=$OUT/$1
	one_community_site "$site"
}
# run COMMAND [ARG...]: runs gongshi inside the site; sets $status.  Under
# timeout, so that an input that would hang the program fails its case
# (status 124) instead of hanging the suite.
run() {
	(cd "$site" && timeout 120 "$GONGSHI" "$@") >"$site.stdout" 2>"$site.stderr"
	status=$?
}
# expect WHAT STATUS LINE...: the exit status and the whole of stderr.
expect() {
	what=$1
	want=$2
	shift 2
	[ "$status" = "$want" ] && ok || bad "$what: exit status $status, want $want"
	: >"$site.want"
	[ $# = 0 ] || printf '%s\n' "$@" >"$site.want"
	if diff -u "$site.want" "$site.stderr" >"$site.diff"; then
		ok
	else
		bad "$what: stderr differs:"
		head -c 1500 "$site.diff"
		echo
	fi
}
# sparse FILE MIB: FILE becomes MIB MiB long without using the disk.
sparse() {
	rm -f "$1"
	dd if=/dev/null of="$1" bs=1048576 seek="$2" 2>/dev/null
}
row='八一小区,常庄街道,八一片区,常庄街道八一路84号,126,19907,7,1997,1;2,renovation,shengxi,张爱华,0632-4444655,否'

# A field of exactly 1 MiB: one error with the start of the value, the
# row skipped, the rest read.
fresh field
awk 'BEGIN { s = "x"; while (length(s) < 1048570) s = s s
	printf "big,八一%s,%s\n", substr(s, 1, 1048570), "常庄街道,八一片区,地址,1,1,1,1997,1,renovation,shengxi,张,0632-4444655,否" }' \
	>>"$site/data/communities.csv"
run check .
expect "1 MB field" 1 \
	'data/communities.csv:3:2: error: 字段过长：“八一xxxxxxxxxxxxxxxxxx…”共 1 MiB，超过 64 KiB 的上限（长篇说明请写进 content/ 下的 Markdown 文件），这一行已跳过' \
	'1 个错误，0 个警告'

# A row of 10,015 fields: one error, not one per column.
fresh wide-row
awk -v row="$row" 'BEGIN { printf "wide,%s", row; for (i = 0; i < 10000; i++) printf ",v%d", i; print "" }' \
	>>"$site/data/communities.csv"
run check .
expect "10,000-column row" 1 \
	'data/communities.csv:3:1025: error: 这一行有 10015 个字段，超过 1024 个的上限，已跳过' \
	'1 个错误，0 个警告'

# A header of 10,015 columns: one error, and the table is not read.
fresh wide-header
awk 'NR == 1 { printf "%s", $0; for (i = 0; i < 10000; i++) printf ",extra%d", i; print ""; next } { print }' \
	"$top/data/units.csv" >"$site/data/units.csv"
run check .
expect "10,000-column header" 1 \
	'data/units.csv:1:1025: error: 表头有 10004 列，超过 1024 列的上限，这个表格无法读取' \
	'1 个错误，0 个警告'

# 500 unknown columns (rows as wide): one warning for them all.
fresh unknown
awk 'NR == 1 { printf "%s", $0; for (i = 0; i < 500; i++) printf ",extra%d", i; print ""; next }
	{ printf "%s", $0; for (i = 0; i < 500; i++) printf ","; print "" }' \
	"$top/data/units.csv" >"$site/data/units.csv"
run check .
expect "500 unknown columns" 0 \
	'data/units.csv:1:5: warning: 未知的列“extra0”“extra1”“extra2”等共 500 列，已忽略' \
	'0 个错误，1 个警告'

# 150 rows of the wrong width (a table saved with the wrong separator):
# first an error naming the likely cause, then the rows one by one up to
# the hundred problems a file gets listed (util/diag.h), then a note
# counting the rest.
fresh width
awk 'BEGIN { for (i = 0; i < 150; i++) printf "w%d;名称;常庄街道\n", i }' >>"$site/data/communities.csv"
run check .
[ "$status" = 1 ] && ok || bad "150 short rows: exit status $status, want 1"
grep -qx 'data/communities.csv:3:2: error: 这一行只有 1 个字段，比表头的 26 列少' "$site.stderr" && ok ||
	bad "150 short rows: no error for line 3: $(head -n 3 "$site.stderr")"
[ "$(grep -c '这一行只有 1 个字段' "$site.stderr")" = 99 ] && ok ||
	bad "150 short rows: $(grep -c '这一行只有' "$site.stderr") row errors, want 99"
grep -qx 'data/communities.csv:3: error: 共有 150 行的字段数与表头的 26 列不同（分隔符或编码是否有误？）' \
	"$site.stderr" && ok || bad "150 short rows: no hint: $(head -n 3 "$site.stderr")"
grep -qx 'data/communities.csv: note: 此文件的问题太多，只列出了前 100 个，另有 51 个没有列出（改正后再检查一次）' \
	"$site.stderr" && ok || bad "150 short rows: no note: $(head -n 3 "$site.stderr")"
tail -n 1 "$site.stderr" | grep -qx '151 个错误，0 个警告' && ok ||
	bad "150 short rows: $(tail -n 1 "$site.stderr")"

# Files too large to load are refused before they are read.
fresh bigcsv
sparse "$site/data/communities.csv" 200
run check .
expect "200 MB CSV" 1 \
	'data/communities.csv: error: 文件大小“200 MiB”超过上限 128 MiB（见网站目录里的“数据表格说明.txt”或 /usr/local/share/doc/gongshi/数据表格说明.md 的“大小上限”）' \
	'1 个错误，0 个警告'
fresh bigmd
sparse "$site/content/communities/bayi-xiaoqu.md" 9
run check .
expect "9 MB Markdown" 1 \
	'content/communities/bayi-xiaoqu.md: error: 文件大小“9 MiB”超过上限 8 MiB（见网站目录里的“数据表格说明.txt”或 /usr/local/share/doc/gongshi/数据表格说明.md 的“大小上限”）' \
	'1 个错误，0 个警告'
# A named pipe called *.md is refused at once: opening it used to wait
# for a writer forever.
fresh fifo
mkfifo "$site/content/pipe.md"
run check .
expect "a named pipe" 1 \
	'content/pipe.md: error: 不是普通文件（设备、管道或套接字），已拒绝读取' \
	'1 个错误，0 个警告'
# Front matter nested 200,000 brackets deep: refused before libyaml, whose
# time grows with the square of the depth (this one would take minutes).
fresh deepyaml
{
	echo '---'
	printf 'title: 标题%s\n' "$(head -c 200000 </dev/zero | tr '\0' '[')"
	echo '---'
	echo '正文'
} >"$site/content/communities/bayi-xiaoqu.md"
run check .
expect "front matter 200,000 deep" 1 \
	'content/communities/bayi-xiaoqu.md:2:1010: error: YAML 嵌套超过 1000 层，已拒绝读取' \
	'1 个错误，0 个警告'
fresh bigyaml
sparse "$site/site.yaml" 2
run check .
expect "2 MB site.yaml" 1 \
	'site.yaml: error: 文件大小“2 MiB”超过上限 1 MiB（见网站目录里的“数据表格说明.txt”或 /usr/local/share/doc/gongshi/数据表格说明.md 的“大小上限”）' \
	'1 个错误，0 个警告'

# Markdown nested 10,000 deep, five ways, in a community text.
fresh nested
{
	printf -- '---\ntitle: 八一小区\n---\n'
	awk 'function rep(s, n,   r) { r = ""; while (n-- > 0) r = r s; return r }
	BEGIN {
		print rep(">", 10000) " 深引用甲"; print ""
		print rep("- ", 10000) "深列表乙"; print ""
		print rep("1. ", 10000) "深编号丙"; print ""
		print rep("*", 10000) "深强调丁" rep("*", 10000); print ""
		print rep("[", 10000) "深链接戊" rep("](u)", 10000)
	}'
} >"$site/content/communities/bayi-xiaoqu.md"
# The notice, the poster, the booklets of each (one community), its
# result notice (八一小区 has an opinion and its period has ended) and the
# three progress reports (site.yaml's progress.reports up to today).
run build . -o "$site.out" --jobs 1
expect "nested Markdown" 0
grep -q '^已生成 [0-9]* 个页面、8 个 PDF' "$site.stdout" && ok || bad "nested Markdown: $(cat "$site.stdout")"
page=$site.out/communities/bayi-xiaoqu/index.html
pdf=$site.out/communities/bayi-xiaoqu/notice.pdf
for w in 深引用甲 深列表乙 深编号丙 深强调丁 深链接戊; do
	grep -qF "$w" "$page" 2>/dev/null && ok || bad "nested Markdown: $w not on the page"
done
if command -v pdftotext >/dev/null 2>&1; then
	# Each word's box lies on the A4 page (595 points wide): deep lists
	# step in no further than a few levels.  (Only the first two
	# characters: a line may end inside a word.)
	pdftotext -bbox "$pdf" "$site.bbox" 2>/dev/null
	for w in 深引 深列 深编 深强 深链; do
		x=$(grep -F "$w" "$site.bbox" | sed -nE 's/.*xMax="([0-9.]+)".*/\1/p' | head -n 1)
		if [ -n "$x" ] && awk -v x="$x" 'BEGIN { exit !(x < 595) }'; then
			ok
		else
			bad "nested Markdown: $w not on the notice's page (xMax ${x:-none})"
		fi
	done
else
	skip "pdftotext not installed"
fi

# Mustache sections nested 10,000 deep: the engine's depth limit, named
# at the tag.
fresh sections
mkdir -p "$site/layouts/templates"
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "{{#a}}"; printf "x"
	for (i = 0; i < 10000; i++) printf "{{/a}}"; print "" }' >"$site/layouts/templates/community.html"
run build . -o "$site.out" --no-pdf
expect "10,000 nested sections" 1 \
	'./layouts/templates/community.html:1:6001: error: 模板嵌套过深（超过 1000 层）' \
	'1 个错误，0 个警告'

# A partial that includes itself stops at the partial depth limit.
fresh recursive
mkdir -p "$site/layouts/templates" "$site/layouts/partials"
printf '{{>again}}\n' >"$site/layouts/partials/again.html"
printf '{{>again}}\n' >"$site/layouts/templates/community.html"
run build . -o "$site.out" --no-pdf
expect "recursive partial" 1 \
	'./layouts/partials/again.html:1:1: error: 模板嵌套过深（超过 100 层）' \
	'1 个错误，0 个警告'

# The files a build keeps for the next one, replaced by named pipes: read
# without waiting on them and ignored, so the build starts afresh.
fresh keptpipes
run build . -o "$site.out" --no-pdf
rm -f "$site.out/.gongshi-manifest" "$site.out/.gongshi-search"
mkfifo "$site.out/.gongshi-manifest" "$site.out/.gongshi-search"
run build . -o "$site.out" --no-pdf
expect "named pipes for the manifest and the search cache" 0
[ -f "$site.out/.gongshi-manifest" ] && [ -f "$site.out/.gongshi-search" ] && ok ||
	bad "named pipes for the manifest and the search cache: not made again as files"

finish
