#!/bin/sh
# The PDF notices end to end, read back with poppler and qpdf:
#   every field of every community comes back out of pdftotext; every font
#   is embedded and subset; qpdf --check passes; two builds give the same
#   bytes; the typical notice is under 110 KB; a character no font has is
#   warned about and drawn as □; a 20,000-character community text flows
#   over many pages with its last sentence intact; a booklet has as many
#   pages as its notices together.
#
#   GONGSHI=build/gongshi OUT=/tmp/scratch sh tests/sh/pdf.sh   (from the repo root)
#
# Prints one line per failure and ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init pdf

for tool in pdftotext pdffonts pdfinfo qpdf; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		skip "$tool not installed"
		finish
	fi
done

# build SITE OUTDIR: `gongshi build`; while the build cannot write the
# notices yet, the renderer's own driver (test_pdf_notice --render).
build() {
	if "$GONGSHI" build "$1" -o "$2" >"$2.log" 2>&1 &&
		[ -f "$2/communities/haihe-xiaoqu/notice.pdf" ]; then
		return 0
	fi
	driver=$(dirname "$GONGSHI")/tests/test_pdf_notice
	[ -x "$driver" ] || return 1
	echo "note: gongshi build wrote no notices ($(tail -n 1 "$2.log")); using test_pdf_notice --render"
	rm -rf "$2"
	"$driver" --render "$1" "$2" >"$2.log" 2>&1
}

# The text of a PDF on one line, without spaces and page numbers, so that
# a sentence broken over lines or pages reads whole.
flat() {
	pdftotext -enc UTF-8 "$1" - 2>/dev/null |
		grep -v -E '^— [0-9]+ —$' | tr -d ' \n\f'
}

pages() {
	pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'
}

# ---- the example site, built twice
copy_example_site "$OUT/site" themes
if ! build "$OUT/site" "$OUT/a"; then
	bad "构建失败: $(tail -n 3 "$OUT/a.log")"
	finish
fi
build "$OUT/site" "$OUT/b" >/dev/null

# Every field of every community comes back as text.  One awk lists what
# each notice must say ("ID<tab>text"), another looks it all up.  The items
# are those of its first posting: data/notices.csv's first row for it
# (rows in date order) when that lists them, else communities.csv's.
awk -F, '
FNR == 1 { f++; next }
f == 1 { d = $3; gsub(/ /, "", d); desc[$1] = d }
f == 2 { phone[$1] = $4; phone[$2] = $4 }
f == 3 { if (!($1 in first)) first[$1] = $6; next }
f == 4 {
	if (first[$1] != "") $10 = first[$1]
	area = $7
	if (area ~ /\./) { sub(/0+$/, "", area); sub(/\.$/, "", area) }
	print $1 "\t" $2; print $1 "\t" $3; print $1 "\t" $5
	print $1 "\t住户" $6 "户"; print $1 "\t建筑面积" area "平方米"
	print $1 "\t住宅楼" $8 "栋"; print $1 "\t建成于" $9 "年"
	print $1 "\t" $13; print $1 "\t" $14
	n = split($10, it, ";")
	for (k = 1; k <= n; k++) print $1 "\t" desc[it[k]]
	print $1 "\t" phone[$3]; print $1 "\t" phone[$12]
	print $1 "\t" phone["zhujianju"]
}' "$top/data/items.csv" "$top/data/units.csv" "$top/data/notices.csv" "$top/data/communities.csv" >"$OUT/needles"
mkdir -p "$OUT/txt"
n=0
for id in $(tail -n +2 "$top/data/communities.csv" | cut -d, -f1); do
	n=$((n + 1))
	pdf="$OUT/a/communities/$id/notice.pdf"
	if [ -f "$pdf" ]; then flat "$pdf" >"$OUT/txt/$id.txt"; else bad "$id: 没有 notice.pdf"; fi
done
awk -F '\t' -v dir="$OUT/txt" -v counts="$OUT/counts" '
{
	if (!($1 in text)) {
		t = ""; f = dir "/" $1 ".txt"
		while ((getline line < f) > 0) t = t line
		close(f); text[$1] = t
	}
	if ($2 != "" && index(text[$1], $2)) pass++
	else { bad++; print "FAIL pdf: " $1 ": pdftotext 中没有“" $2 "”" }
}
END { print pass + 0, bad + 0 > counts }' "$OUT/needles"
read -r p f <"$OUT/counts"
passed=$((passed + p))
failed=$((failed + f))
check "每个小区都有公示（$n 个）" test "$n" -eq "$(ls "$OUT"/a/communities/*/notice.pdf | wc -l)"

# Reading order: the title before the items, the items in order.
text=$(flat "$OUT/a/communities/yushu-xincun/notice.pdf")
check "阅读顺序" sh -c 'echo "$1" | grep -q "关于榆树新村老旧小区改造方案的公示.*一、小区基本情况.*1\.拆除违建.*2\.更换电线管线.*扫码打开本小区网页查看改造详情和进度"' - "$text"

# Fonts embedded and subset; qpdf --check; the same bytes twice.
for pdf in "$OUT"/a/communities/*/notice.pdf "$OUT"/a/communities/*/poster.pdf "$OUT"/a/notices/*.pdf; do
	rel=${pdf#"$OUT"/a/}
	bad=$(pdffonts "$pdf" 2>/dev/null | tail -n +3 |
		awk '$(NF-4) != "yes" || $(NF-3) != "yes" { print $1 }')
	nf=$(pdffonts "$pdf" 2>/dev/null | tail -n +3 | wc -l)
	if [ -z "$bad" ] && [ "$nf" -ge 1 ]; then ok; else bad "$rel: 字体未嵌入或未子集化: $bad"; fi
	if qpdf --check "$pdf" >"$OUT/qpdf.log" 2>&1; then ok; else
		bad "$rel: qpdf --check: $(grep -v -i 'no syntax' "$OUT/qpdf.log" | head -n 2)"
	fi
	if cmp -s "$pdf" "$OUT/b/$rel"; then ok; else bad "$rel: 两次构建的 PDF 不同"; fi
done

# Size: the median notice is under 110 KB (100 KB before the structure
# tree of a tagged PDF, about 4 KB, came).
median=$(for f in "$OUT"/a/communities/*/notice.pdf; do wc -c <"$f"; done |
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
echo "note: median notice $median bytes"
check "公示中位大小 $median 字节，应小于 110 KB" test "$median" -lt 112640

# A booklet has the pages of its notices together, in data order.
for booklet in "$OUT"/a/notices/*.pdf; do
	# The poster booklets (SUBDISTRICT-posters.pdf): tests/sh/poster.sh;
	# the progress report (progress-DATE.pdf): tests/sh/progress-report.sh.
	case $booklet in *-posters.pdf | */progress-*.pdf) continue ;; esac
	uid=$(basename "$booklet" .pdf)
	uname=$(awk -F, -v u="$uid" '$1 == u { print $2 }' "$top/data/units.csv")
	sum=0
	for id in $(awk -F, -v u="$uid" -v n="$uname" 'NR > 1 && ($3 == u || $3 == n) { print $1 }' "$top/data/communities.csv"); do
		sum=$((sum + $(pages "$OUT/a/communities/$id/notice.pdf")))
	done
	got=$(pages "$booklet")
	check "$uid.pdf 有 $got 页，各公示共 $sum 页" test "$got" -eq "$sum"
done
check "三个街道各有合订本" test "$(ls "$OUT"/a/notices/*.pdf | grep -vc -e '-posters\.pdf$' -e '/progress-[0-9-]*\.pdf$')" -eq 3

# ---- a character no font has, and a 20,000-character text
copy_example_site "$OUT/site2" themes
# 𱍐 (U+31350, CJK Ext-H) is in none of the default fonts (𠮷 is in
# LXGW WenKai: tests/sh/notice-layout.sh checks that it prints).
sed -i 's/^haihe-xiaoqu,海河小区,/haihe-xiaoqu,𱍐海河小区,/' "$OUT/site2/data/communities.csv"
{
	printf -- '---\ntitle: 长文测试\n---\n\n'
	i=1
	while [ $i -le 280 ]; do
		printf '第%d段。施工期间，小区东门临时封闭，请居民从南门出入；施工区域设有围挡，请照看好老人和孩子，不要进入。如有疑问请拨打0632-4411234咨询。\n\n' $i
		i=$((i + 1))
	done
	printf '这是长文的最后一句，用来检查文字没有丢失。\n'
} >"$OUT/site2/content/communities/haihe-xiaoqu.md"
chars=$(tr -d '\n' <"$OUT/site2/content/communities/haihe-xiaoqu.md" | wc -m)
check "长文有 $chars 个字符（应不少于 20000）" test "$chars" -ge 20000
if build "$OUT/site2" "$OUT/c"; then ok; else bad "构建失败: $(tail -n 3 "$OUT/c.log")"; fi
check "缺字警告" grep -q '字符“𱍐”（U+31350），小区“𱍐海河小区”的公示中以□代替' "$OUT/c.log"
check "缺字警告指向 data/communities.csv:2" grep -q 'data/communities.csv:2:.*warning:.*U+31350' "$OUT/c.log"
long="$OUT/c/communities/haihe-xiaoqu/notice.pdf"
text=$(flat "$long")
check "缺字以□代替" sh -c 'echo "$1" | grep -q "关于□海河小区改造方案的公示"' - "$text"
np=$(pages "$long")
echo "note: 20,000-character notice: $np pages, $(wc -c <"$long") bytes"
check "长文排成多页（$np 页）" test "${np:-0}" -ge 20
check "长文最后一句可提取" sh -c 'echo "$1" | grep -q "这是长文的最后一句，用来检查文字没有丢失。"' - "$text"
check "长文第280段完整" sh -c 'echo "$1" | grep -q "第280段。施工期间"' - "$text"
check "长文 qpdf --check" qpdf --check "$long"

finish
