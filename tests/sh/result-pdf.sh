#!/bin/sh
# The 再公示 and the 征求意见结果公告 (src/pdf/result.c, issue 20) read back
# through poppler (pdftotext) and MuPDF (mutool draw -F txt):
#   - the hand-built site of tests/unit/test_pdf_result.c (one community
#     posted twice, three opinions, a consent survey), rendered by its
#     `--render` driver: pdftotext's text is exactly the golden text in
#     tests/fixtures/result-pdf/, MuPDF reads the same characters, and the
#     counts, an answer and the changed items are there word for word;
#   - the example site's build: 淮河新村's notice-2.pdf (the 再公示 that adds
#     非机动车棚) and result.pdf (its one opinion, the change), and 榆树新村's
#     result.pdf (its two opinions), signed by 临城街道办事处.
#
#   GONGSHI=build/gongshi OUT=/tmp/scratch sh tests/sh/result-pdf.sh
#   REGEN=1 …   rewrites the golden texts after a reviewed change.
#
# Whitespace is left out when tools are compared (each lays out spaces its
# own way); the golden text is poppler's as it prints it.
. "$(dirname "$0")/../lib/common.sh"
t_init result-pdf

for tool in pdftotext mutool; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		skip "$tool not installed"
		finish
	fi
done
driver=$(dirname "$GONGSHI")/tests/test_pdf_result
[ -x "$driver" ] || driver=$top/build/tests/test_pdf_result
golden=$top/tests/fixtures/result-pdf

squeeze() { tr -d ' \t\r\n\f\v'; }

# has FILE TEXT: the squeezed text FILE holds TEXT (squeezed too).
has() {
	want=$(printf '%s' "$2" | squeeze)
	if grep -qF -- "$want" "$1"; then
		ok
	else
		bad "${1#"$OUT"/} 读不出“$2”"
	fi
}

# text PDF NAME: poppler's and MuPDF's text of PDF as $OUT/NAME.txt and
# the squeezed $OUT/NAME.p and $OUT/NAME.m; MuPDF must agree.
text() {
	pdftotext -enc UTF-8 "$1" "$OUT/$2.txt" 2>/dev/null
	squeeze <"$OUT/$2.txt" >"$OUT/$2.p"
	mutool draw -N -q -F txt -o - "$1" 2>/dev/null | squeeze >"$OUT/$2.m"
	if [ -s "$OUT/$2.p" ] && cmp -s "$OUT/$2.p" "$OUT/$2.m"; then
		ok
	else
		bad "$2: mutool 与 pdftotext 读出的文字不同（或为空）"
	fi
}

if ! "$driver" --render "$OUT" >"$OUT/render.log" 2>&1; then
	bad "test_pdf_result --render 失败: $(tail -n 3 "$OUT/render.log")"
	finish
fi
for name in result notice-2; do
	text "$OUT/$name.pdf" "$name"
	[ -n "${REGEN:-}" ] && cp "$OUT/$name.txt" "$golden/$name.txt"
	if diff -u "$golden/$name.txt" "$OUT/$name.txt" >"$OUT/$name.diff"; then
		ok
	else
		bad "$name.pdf 的文字与 tests/fixtures/result-pdf/$name.txt 不同:"
		head -n 20 "$OUT/$name.diff"
	fi
done
# The result notice: title, counts, an answer, the changes, the consent.
has "$OUT/result.p" "关于榆树新村老旧小区改造方案征求意见结果的公告"
has "$OUT/result.p" "公示期间共征集到意见3条，采纳2条，不采纳1条。"
has "$OUT/result.p" "答复（不采纳）：小区内空间不足，暂不具备条件，将协调周边道路夜间停车。"
has "$OUT/result.p" "增加：“加装电梯”，按照既有多层住宅增设电梯办法组织加装。"
has "$OUT/result.p" "取消：“平屋面防水”。"
has "$OUT/result.p" "同意率84.9%，达到三分之二的要求。"
has "$OUT/result.p" "临城街道办事处2022年5月30日"
# The 再公示: what changed against 9 May, the plan now, its period.
has "$OUT/notice-2.p" "关于榆树新村老旧小区改造方案的再公示"
has "$OUT/notice-2.p" "与2022年5月9日公示的方案相比，增加改造内容1项，取消改造内容1项："
has "$OUT/notice-2.p" "调整后共2项：1.拆除违建：清理、拆除各类违章建筑。2.加装电梯："
has "$OUT/notice-2.p" "公示期为5个工作日，自2022年5月23日起至2022年5月27日止。"
has "$OUT/notice-2.p" "临城街道办事处2022年5月23日"

# ---- the example site's build
copy_example_site "$OUT/site" themes
if ! "$GONGSHI" build "$OUT/site" -o "$OUT/www" >"$OUT/build.log" 2>&1; then
	bad "构建失败: $(tail -n 3 "$OUT/build.log")"
	finish
fi
for c in huaihe-xincun/notice-2 huaihe-xincun/result yushu-xincun/result; do
	name=$(echo "$c" | tr / -)
	if [ -f "$OUT/www/communities/$c.pdf" ]; then
		text "$OUT/www/communities/$c.pdf" "ex-$name"
	else
		bad "示例站点没有生成 communities/$c.pdf"
		: >"$OUT/ex-$name.p"
	fi
done
has "$OUT/ex-huaihe-xincun-notice-2.p" "关于淮河新村老旧小区改造方案的再公示"
has "$OUT/ex-huaihe-xincun-notice-2.p" "增加：“非机动车棚”"
has "$OUT/ex-huaihe-xincun-notice-2.p" "公示期为7个工作日，自2022年5月23日起至2022年5月31日止。"
has "$OUT/ex-huaihe-xincun-result.p" "公示期间共征集到意见1条，采纳1条。"
has "$OUT/ex-huaihe-xincun-result.p" "增加：“非机动车棚”"
has "$OUT/ex-huaihe-xincun-result.p" "临城街道办事处2022年6月1日"
has "$OUT/ex-yushu-xincun-result.p" "公示期间共征集到意见2条，采纳1条，部分采纳1条。"
has "$OUT/ex-yushu-xincun-result.p" "答复（部分采纳）：加装电梯按单元征求全体住户意见"
has "$OUT/ex-yushu-xincun-result.p" "临城街道办事处2022年5月18日"
# A community whose period has not ended has no result yet (30 May + 7
# working days, 端午 off, ends 8 June; today is 1 June).
[ ! -e "$OUT/www/communities/changjiang-xiaoqu/result.pdf" ] && ok ||
	bad "公示期未结束的长江小区也生成了 result.pdf"
finish
