#!/bin/sh
# The example site marks itself, and says nothing that contradicts itself:
#   every page of the example carries the 示例数据 notice and every page
#   of every PDF the 示例 mark (pdftotext, page by page, first line of the
#   page so the mark never splits a sentence); a site with example: false
#   or without the setting shows neither; the notice is dated the day the
#   news says publicity began, its 公示期 is the news's, and it states the
#   community's phase as of that date; the title does not say 小区 twice;
#   no notice for a community already in the last phase on the notice's
#   date; the home page's 公示依据 gives the plan's date; the group is 33.
#
#   GONGSHI=build/gongshi OUT=/tmp/scratch sh tests/sh/example.sh   (from the repo root)
#
# Prints one line per failure and ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init example

for tool in pdftotext pdfinfo; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		skip "$tool not installed"
		finish
	fi
done

# The text of page PAGE of PDF FILE.
page_text() {
	pdftotext -enc UTF-8 -f "$2" -l "$2" "$1" - 2>/dev/null
}

pages() {
	pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'
}

# ---- the example as shipped
copy_example_site "$OUT/site" themes
if ! "$GONGSHI" build -q "$OUT/site" -o "$OUT/a" >"$OUT/a.log" 2>&1; then
	bad "构建失败: $(tail -n 3 "$OUT/a.log")"
	finish
fi
find "$OUT/a" -name '*.html' | sort >"$OUT/html"
check "示例站点有网页" test "$(wc -l <"$OUT/html")" -gt 50
missing=$(while read -r f; do grep -q '<aside class="example-banner" aria-label="示例数据说明">' "$f" &&
	grep -q '<strong>示例数据</strong>' "$f" || echo "$f"; done <"$OUT/html")
[ -z "$missing" ] && ok ||
	bad "$(echo "$missing" | wc -l) 个网页没有示例数据提示，如 $(echo "$missing" | head -n 3 | tr '\n' ' ')"

find "$OUT/a" -name '*.pdf' | sort >"$OUT/pdfs"
check "示例站点有 PDF" test "$(wc -l <"$OUT/pdfs")" -gt 50
unmarked=
total=0
while read -r f; do
	n=$(pages "$f")
	p=1
	while [ "$p" -le "$n" ]; do
		# The mark is the first text of the page, whole.
		first=$(page_text "$f" "$p" | grep -v '^[[:space:]]*$' | head -n 1 | tr -d ' ')
		[ "$first" = "示例·虚构数据，不是正式公示" ] || unmarked="$unmarked
$f:$p"
		total=$((total + 1))
		p=$((p + 1))
	done
done <"$OUT/pdfs"
[ -z "$unmarked" ] && ok ||
	bad "$(echo "$unmarked" | grep -c .) 页 PDF 没有“示例”标记，如 $(echo "$unmarked" | grep . | head -n 3 | tr '\n' ' ')"
check "检查了 $total 页 PDF" test "$total" -gt 100

# Booklets padded to odd pages for double-sided printing: the blank pages
# are marked too.
copy_example_site "$OUT/site-odd" themes
sed -i 's/^  odd_page_start: false/  odd_page_start: true/' "$OUT/site-odd/themes/default/notice.yaml"
check "odd_page_start 已打开" grep -q '^  odd_page_start: true' "$OUT/site-odd/themes/default/notice.yaml"
if "$GONGSHI" build -q "$OUT/site-odd" -o "$OUT/odd" >"$OUT/odd.log" 2>&1; then
	b="$OUT/odd/notices/lincheng.pdf"
	n=$(pages "$b")
	check "补了空白页 ($n 页)" test "$n" -gt "$(pages "$OUT/a/notices/lincheng.pdf")"
	unmarked=
	p=1
	while [ "$p" -le "$n" ]; do
		page_text "$b" "$p" | grep -q '示例 · 虚构数据，不是正式公示' || unmarked="$unmarked $p"
		p=$((p + 1))
	done
	[ -z "$unmarked" ] && ok || bad "合订本的这些页没有“示例”标记:$unmarked"
else
	bad "构建失败 (odd): $(tail -n 3 "$OUT/odd.log")"
fi

haihe="$OUT/a/communities/haihe-xiaoqu/notice.pdf"
text=$(pdftotext -enc UTF-8 "$haihe" - | grep -v -E '^— [0-9]+ —$' | tr -d ' \n\f')
check "标题不重复“小区”" sh -c 'echo "$1" | grep -q "关于海河小区改造方案的公示海河小区全体居民"' - "$text"
check "正文不重复“小区”" sh -c 'echo "$1" | grep -q "现将海河小区改造方案予以公示"' - "$text"
check "非“小区”结尾的名称仍写“老旧小区”" sh -c 'pdftotext -enc UTF-8 "$1" - | tr -d " \n" | grep -q "关于榆树新村老旧小区改造方案的公示"' - "$OUT/a/communities/yushu-xincun/notice.pdf"
check "公示期与5月9日的新闻一致" sh -c 'echo "$1" | grep -q "公示期为2022年5月9日至2022年5月17日（7个工作日）"' - "$text"
check "新闻说的公示期" grep -q '公示期7个工作日（5月9日至5月17日）' "$OUT/site/content/news/2022-05-09-gongshi-qidong.md"
check "公示的版头和落款是街道办事处" sh -c 'echo "$1" | grep -q "临城街道办事处关于海河小区改造方案的公示" && echo "$1" | grep -q "临城街道办事处2022年5月9日"' - "$text"
# 海河小区 is in acceptance by 1 June (today:), but on 9 May the plan was
# in its renovation phase.
check "进度以公示之日为准" sh -c 'echo "$1" | grep -q "截至2022年5月9日，本小区处于全面整治阶段。"' - "$text"
check "没有“目前本小区”" sh -c '! echo "$1" | grep -q "目前本小区"' - "$text"
check "公示依据是方案的日期" grep -q '（薛政办字〔2022〕4号），2022年4月27日。</p>' "$OUT/a/index.html"
check "领导小组 33 人" grep -q '共 33 人' "$OUT/a/group/index.html"
lacks "不把办公室电话当作事实" "$OUT/a/group/index.html" "办公室负责日常工作，联系电话"

# ---- the same site not marked: no banner, no mark
for how in false absent; do
	copy_example_site "$OUT/site-$how" themes
	if [ "$how" = false ]; then
		sed -i 's/^example: true$/example: false/' "$OUT/site-$how/site.yaml"
	else
		sed -i '/^example:/d' "$OUT/site-$how/site.yaml"
	fi
	lacks "example $how 已写入" "$OUT/site-$how/site.yaml" "^example: true"
	if ! "$GONGSHI" build -q "$OUT/site-$how" -o "$OUT/$how" >"$OUT/$how.log" 2>&1; then
		bad "构建失败 ($how): $(tail -n 3 "$OUT/$how.log")"
		continue
	fi
	marked=$(grep -rl 'example-banner\|示例数据' "$OUT/$how" --include='*.html')
	[ -z "$marked" ] && ok || bad "非示例站点 ($how) 仍显示示例提示: $marked"
	check "非示例站点 ($how) 的 PDF 没有标记" sh -c '! pdftotext -enc UTF-8 "$1" - | grep -q "虚构数据，不是正式公示"' - "$OUT/$how/communities/haihe-xiaoqu/notice.pdf"
	check "非示例站点 ($how) 仍有公示" test -s "$OUT/$how/communities/yushu-xincun/notice.pdf"
done

# ---- dated the day 海河小区 is in acceptance: no notice for it
copy_example_site "$OUT/site-late" themes
sed -i 's/^  date: 2022-05-09 .*/  date: 2022-06-01/' "$OUT/site-late/site.yaml"
check "公示日期已改" grep -q '^  date: 2022-06-01$' "$OUT/site-late/site.yaml"
# This site is about the acceptance phase: the example's consent and
# opinions, true of 9 May and 1 June, are not its business.
rm "$OUT/site-late/data/consent.csv" "$OUT/site-late/data/opinions.csv"
# Every community of 新城街道 in acceptance too: that subdistrict has no
# booklet left, and its page no link to one.
sed -i '/,新城街道,/ s/,\(renovation\|publicity\),shenghong,/,acceptance,shenghong,/; /,新城街道,/ s/,\(renovation\|publicity\),shengxi,/,acceptance,shengxi,/' "$OUT/site-late/data/communities.csv"
check "新城街道全部检查验收" sh -c '! grep ",新城街道," "$1" | grep -v -q ",acceptance,"' - "$OUT/site-late/data/communities.csv"
if "$GONGSHI" build -q "$OUT/site-late" -o "$OUT/late" >"$OUT/late.log" 2>&1; then
	check "检查验收阶段的小区没有公示" test ! -e "$OUT/late/communities/haihe-xiaoqu/notice.pdf"
	lacks "检查验收阶段的小区页面不链接公示" "$OUT/late/communities/haihe-xiaoqu/index.html" "notice.pdf"
	check "全面整治阶段的小区仍有公示" test -s "$OUT/late/communities/gongdian-xiaoqu/notice.pdf"
	check "其页面链接公示" grep -q 'communities/gongdian-xiaoqu/notice.pdf' "$OUT/late/communities/gongdian-xiaoqu/index.html"
	check "合订本不含检查验收阶段的小区" sh -c '! pdftotext -enc UTF-8 "$1" - | grep -q "海河小区全体居民"' - "$OUT/late/notices/lincheng.pdf"
	check "合订本仍有其他小区" sh -c 'pdftotext -enc UTF-8 "$1" - | grep -q "供电小区全体居民"' - "$OUT/late/notices/lincheng.pdf"
	check "全部检查验收的街道没有合订本" test ! -e "$OUT/late/notices/xincheng.pdf"
	lacks "其页面不链接合订本" "$OUT/late/units/xincheng/index.html" "notices/xincheng.pdf"
	check "其他街道仍链接合订本" grep -q 'notices/lincheng.pdf' "$OUT/late/units/lincheng/index.html"
	check "公示写当天的进度" sh -c 'pdftotext -enc UTF-8 "$1" - | tr -d " \n" | grep -q "截至2022年6月1日，本小区处于全面整治阶段。"' - "$OUT/late/communities/gongdian-xiaoqu/notice.pdf"
else
	bad "构建失败 (late): $(tail -n 3 "$OUT/late.log")"
fi

finish
