#!/bin/sh
# The PDF notices laid out as an official document (GB/T 9704 practice),
# measured with poppler over EVERY notice of the example site:
#   - the last page has at least two lines of text above the signature
#     (a page with only the seal and date could be detached and reused);
#   - no paragraph ends in a line of one or two characters (孤字);
#   - no line is spread by letter-spacing more than 2 pt (1/8 of a 16 pt
#     character) beyond the grid's 28 characters a line;
#   - metadata: /Lang (zh-CN), dates at +08:00, Title = the notice's title;
#   - tagged PDF: pdfinfo -struct-text shows the headings and paragraphs;
#   - 楷体 (LXGW WenKai) draws the （一） headings, 𠮷 (U+20BB7, beyond the
#     BMP) reads back as 𠮷, not □;
#   - two builds give the same bytes.
#
#   GONGSHI=build/gongshi OUT=/tmp/scratch sh tests/sh/notice-layout.sh
#
# pdftotext -bbox gives one "word" per run of text without spaces, so a
# Chinese line is one word: its width over its characters gives the
# spacing of full-width lines, its left edge tells an indented first line
# from a continuation line.
#
# Prints one line per failure and ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init notice-layout

for tool in pdftotext pdffonts pdfinfo; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		skip "$tool not installed"
		finish
	fi
done

copy_example_site "$OUT/site" themes
if ! "$GONGSHI" build "$OUT/site" -o "$OUT/a" >"$OUT/a.log" 2>&1; then
	bad "构建失败: $(tail -n 3 "$OUT/a.log")"
	finish
fi

# measure NAME <bbox: one line per finding, then a "summary" line.
# The text block (notice.yaml): left 28 mm = 79.37 pt, 156 mm = 442.2 pt
# wide, from 37 mm = 104.9 pt to 262 mm = 742.7 pt down the page; body
# 16 pt, 28 characters a line, so the grid spacing is (442.2 - 448) / 27.
measure() {
	LC_ALL=C awk -v name="$1" '
	function chars(s) { gsub(/[\200-\277]/, "", s); return length(s) }
	function attr(k,   m) {
		m = $0; sub(".*" k "=\"", "", m); sub("\".*", "", m); return m + 0
	}
	# A line ends: judge it.
	function flush(   n, w, s, k) {
		if (text == "")
			return
		if (y0 >= 100 && y1 <= 750) {
			lines++
			pagelines[page] = pagelines[page] " " lines
			ltext[lines] = text
			n = chars(text)
			if (n <= 2 && x0 < 80.5)
				print "runt " name " p" page ": “" text "”"
			# Full-width (3-byte UTF-8 from U+3000) body-size lines.
			if (words == 1 && y1 - y0 < 21 && n >= 4 &&
			    length(text) == 3 * n && text !~ /[\300-\342]/) {
				s = (x1 - x0 - 16 * n) / (n - 1) - grid
				checked++
				if (s > maxs)
					maxs = s
				if (s > 2.02)
					printf "stretch %s p%d: “%s” %.2f pt\n", name, page, text, s
			}
			if (text ~ /^[0-9][0-9]*年[0-9][0-9]*月[0-9][0-9]*日$/)
				{ datepage = page; dateline = lines }
		}
		text = ""
	}
	BEGIN { grid = (442.2 - 448) / 27 }
	/<page / { flush(); page++; next }
	/<word / {
		t = $0; sub(/^[^>]*>/, "", t); sub(/<\/word>.*/, "", t)
		ya = attr("yMin"); yb = attr("yMax")
		if (text != "" && (ya + yb) / 2 - (y0 + y1) / 2 < 6 &&
		    (y0 + y1) / 2 - (ya + yb) / 2 < 6) {
			text = text t; x1 = attr("xMax"); words++
			next
		}
		flush()
		text = t; words = 1
		x0 = attr("xMin"); x1 = attr("xMax"); y0 = ya; y1 = yb
	}
	END {
		flush()
		# Lines of the last page before the issuer (the line above
		# the date).
		if (datepage != page) {
			print "nosign " name
		} else {
			k = split(pagelines[page], l, " ")
			above = 0
			for (i = 1; i <= k; i++)
				if (l[i] + 0 < dateline - 1)
					above++
			if (above < 2)
				print "alone " name " p" page ": " above " line(s) above the signature"
		}
		printf "summary %s %d %d %.2f\n", name, lines, checked, maxs
	}'
}

n=0
for f in "$OUT"/a/communities/*/notice.pdf; do
	id=$(basename "$(dirname "$f")")
	pdftotext -bbox "$f" - 2>/dev/null | measure "$id"
	n=$((n + 1))
done >"$OUT/measure.txt"
check "例站点有 56 份公示（实有 $n 份）" test "$n" -eq 56

lines=$(awk '$1 == "summary" { s += $3 } END { print s + 0 }' "$OUT/measure.txt")
full=$(awk '$1 == "summary" { s += $4 } END { print s + 0 }' "$OUT/measure.txt")
maxs=$(awk '$1 == "summary" && $5 > m { m = $5 } END { print m + 0 }' "$OUT/measure.txt")
echo "note: $lines lines measured, $full full-width lines, largest extra spacing $maxs pt"
# Vacuity guards: the measure saw the text.
check "量到的行数（$lines）应不少于 56 × 30" test "$lines" -ge 1680
check "量到的全角行数（$full）应不少于 56 × 10" test "$full" -ge 560

for kind in alone runt stretch nosign; do
	got=$(grep -c "^$kind " "$OUT/measure.txt")
	case $kind in
	alone) what="末页署名上方正文不足两行" ;;
	runt) what="段末一行只有一两个字" ;;
	stretch) what="字距拉开超过 2 磅" ;;
	nosign) what="末页找不到成文日期" ;;
	esac
	if [ "$got" -eq 0 ]; then
		ok
	else
		bad "$what：$got 处"
		grep "^$kind " "$OUT/measure.txt" | head -n 5
	fi
done

# ---- metadata and structure, every notice
meta_bad=0
tag_bad=0
for f in "$OUT"/a/communities/*/notice.pdf; do
	info=$(pdfinfo -isodates "$f" 2>/dev/null)
	title=$(echo "$info" | sed -n 's/^Title: *//p')
	h1=$(pdfinfo -struct-text "$f" 2>/dev/null | awk '/^  H1/ { getline; gsub(/^ *"|"$/, ""); print; exit }')
	if ! grep -q -a '/Lang (zh-CN)' "$f" ||
		! echo "$info" | grep -q '^CreationDate: *[0-9-]*T00:00:00+08' ||
		! echo "$info" | grep -q '^ModDate: *[0-9-]*T00:00:00+08' ||
		[ -z "$title" ] || [ "$title" != "$h1" ]; then
		meta_bad=$((meta_bad + 1))
		[ $meta_bad -gt 3 ] || echo "metadata of $f: title “$title”, H1 “$h1”"
	fi
	if ! echo "$info" | grep -q '^Tagged: *yes' ||
		! pdfinfo -struct-text "$f" 2>/dev/null | grep -q '^  H2' ||
		! pdfinfo -struct-text "$f" 2>/dev/null | grep -q '"一、小区基本情况"'; then
		tag_bad=$((tag_bad + 1))
	fi
done
check "元数据（Lang、+08:00、标题）有误的公示：$meta_bad 份" test "$meta_bad" -eq 0
check "没有标注结构（Tagged PDF）的公示：$tag_bad 份" test "$tag_bad" -eq 0
f="$OUT/a/communities/wenhualu-xiaoqu/notice.pdf"
check "文化路小区标题为“关于文化路小区改造方案的公示”" \
	sh -c 'pdfinfo "$1" | grep -q "^Title: *关于文化路小区改造方案的公示$"' - "$f"

# ---- 楷体 for （一） headings: the Markdown headings of 榆树新村
f="$OUT/a/communities/yushu-xincun/notice.pdf"
check "榆树新村的二级标题编号为（一）" sh -c 'pdftotext "$1" - | grep -q "^（一）主要改造内容$"' - "$f"
check "榆树新村用了楷体（LXGW WenKai）" sh -c 'pdffonts "$1" | grep -q "LXGWWenKai"' - "$f"
check "二级标题在结构中为 H3" sh -c 'pdfinfo -struct-text "$1" | grep -A1 "^  H3" | grep -q "（一）主要改造内容"' - "$f"
check "一级标题仍用黑体" sh -c 'pdffonts "$1" | grep -q "WenQuanYiZenHei"' - "$f"

# ---- 𠮷 (U+20BB7) prints and reads back
copy_example_site "$OUT/site2" themes
sed -i 's/^haihe-xiaoqu,海河小区,/haihe-xiaoqu,𠮷海河小区,/' "$OUT/site2/data/communities.csv"
if "$GONGSHI" build "$OUT/site2" -o "$OUT/c" >"$OUT/c.log" 2>&1; then ok; else bad "构建失败: $(tail -n 3 "$OUT/c.log")"; fi
f="$OUT/c/communities/haihe-xiaoqu/notice.pdf"
lacks "𠮷 不再警告缺字" "$OUT/c.log" "U+20BB7"
check "𠮷 提取为 𠮷" sh -c 'pdftotext "$1" - | grep -q "关于𠮷海河小区改造方案的公示"' - "$f"
check "𠮷 不是 □" sh -c '! pdftotext "$1" - | grep -q "□"' - "$f"
check "𠮷 出自 LXGW WenKai" sh -c 'pdffonts "$1" | grep -q "LXGWWenKai"' - "$f"
# 𠮷 is text with its own code and ToUnicode entry, so the structure
# text (what a screen reader gets) has it too, with the whole title.
check "标注结构中标题含 𠮷 且完整" sh -c 'pdfinfo -struct-text "$1" | sed -n "/^  H1/,/^  [A-Z]/p" | grep -q "\"关于𠮷海河小区改造方案的公示\""' - "$f"

# ---- licensed 仿宋 and 小标宋 named in site.yaml are used (two free faces
# stand in for them here: Zen Hei Sharp and WenKai Bold)
copy_example_site "$OUT/site3" themes
sed -i '/^    hei_index: 0/a\
    fangsong: /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc\
    fangsong_index: 2\
    biaosong: /usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Bold.ttf' "$OUT/site3/site.yaml"
if "$GONGSHI" build "$OUT/site3" -o "$OUT/d" >"$OUT/d.log" 2>&1; then ok; else bad "构建失败: $(tail -n 3 "$OUT/d.log")"; fi
f="$OUT/d/communities/wenhualu-xiaoqu/notice.pdf"
check "设置的仿宋用于正文" sh -c 'pdffonts "$1" | grep -q "WenQuanYiZenHeiSharp"' - "$f"
check "设置的小标宋用于标题" sh -c 'pdffonts "$1" | grep -q "LXGWWenKai-Bold"' - "$f"
check "版头仍用宋体" sh -c 'pdffonts "$1" | grep -q "UMing"' - "$f"

# ---- the same inputs give the same bytes
if "$GONGSHI" build "$OUT/site" -o "$OUT/b" >"$OUT/b.log" 2>&1; then
	differ=0
	for f in "$OUT"/a/communities/*/notice.pdf "$OUT"/a/notices/*.pdf; do
		cmp -s "$f" "$OUT/b/${f#"$OUT"/a/}" || differ=$((differ + 1))
	done
	check "两次构建的 PDF 相同（$differ 份不同）" test "$differ" -eq 0
else
	bad "第二次构建失败"
fi

finish
