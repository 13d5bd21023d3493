#!/bin/sh
# The picture on the poster (公示牌) under site.yaml's poster.image, which
# is notice.image's unless set, read back with poppler: 八一小区's poster
# carries one JPEG, its caption as text, beside the QR code under the
# issuer and date, on one A3 page whose text is as large as without the
# picture (the picture sits where the sheet was empty); the subdistrict's
# poster booklet draws it too; an edited caption makes the notice and the
# poster again; poster.image: none leaves it off while the notice keeps
# it, and those posters are the same bytes as a site's without any
# picture; with no base_url (no QR code) it goes under the signature; a
# caption so long that picture and text cannot share the sheet even at
# body.min_pt leaves the picture out with a located warning, the poster
# still one page; the worst case (all 16 items, long name and contact)
# with a picture still fits one page at ≥ 20 pt.
#
#   GONGSHI=$PWD/gongshi OUT=/tmp/scratch sh tests/sh/poster_image.sh   (from the repo root)
#
# Prints one line per failure and ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init poster_image

for tool in pdftotext pdfinfo pdfimages; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		skip "$tool not installed"
		finish
	fi
done
private_themes

build() { "$GONGSHI" build "$1" -o "$2" --jobs 2 >"$OUT/stdout" 2>"$OUT/stderr"; }
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
jpegs() { pdfimages -list "$1" 2>/dev/null | grep -c ' jpeg '; }
flat() { pdftotext -enc UTF-8 "$1" - 2>/dev/null | tr -d ' \n\f'; }
smallest() {
	pdftotext -bbox "$1" - 2>/dev/null |
		sed -n 's/.*yMin="\([0-9.]*\)".*yMax="\([0-9.]*\)".*/\1 \2/p' |
		awk 'NR == 1 { lo = 1e9 } { h = $2 - $1; if (h < lo) lo = h } END { printf "%.2f\n", lo }'
}
caption='图：示例效果图：3号楼改造后外立面和绿化（效果图，2022年4月20日）'

# The example with notice.image: design.
site=$OUT/site
copy_example_site "$site"
sed -i 's/^notice:$/notice:\n  image: design/' "$site/site.yaml"
grep -q '^  image: design' "$site/site.yaml" && ok || bad "could not set notice.image"
if build "$site" "$OUT/a"; then ok; else bad "build with a picture: $(cat "$OUT/stderr")"; fi
pdf=$OUT/a/communities/bayi-xiaoqu/poster.pdf
[ "$(pages "$pdf")" = 1 ] && ok || bad "bayi-xiaoqu's poster has $(pages "$pdf") pages"
[ "$(jpegs "$pdf")" = 1 ] && ok || bad "bayi-xiaoqu's poster: $(jpegs "$pdf") JPEGs, want 1"
case $(flat "$pdf") in *"$caption"*) ok ;; *) bad "bayi-xiaoqu's poster lacks the caption" ;; esac
# The caption after the signature, read last.
case $(flat "$pdf") in *"扫码查看本小区网页$caption") ok ;; *) bad "the caption is not the last text" ;; esac
awk -v h="$(smallest "$pdf")" 'BEGIN { exit !(h >= 20) }' && ok || bad "text of height $(smallest "$pdf") pt, want ≥ 20"
# The picture beside the QR code (left half of the sheet), under the date.
bbox() { pdftotext -bbox "$1" - | grep -F ">$2<" | head -n 1 | sed 's/.*xMin="\([0-9.]*\)" yMin="\([0-9.]*\)".*/\1 \2/'; }
set -- $(bbox "$pdf" 2022年5月9日) $(bbox "$pdf" 图：示例效果图：3号楼改造后外立面和绿化（效果)
awk -v dy="${2:-0}" -v cx="${3:-0}" -v cy="${4:-0}" 'BEGIN { exit !(cy > dy + 100 && cx > 300) }' && ok ||
	bad "the caption is not under the date at the right (date y ${2:-}, caption x ${3:-} y ${4:-})"
[ "$(jpegs "$OUT/a/communities/haihe-xiaoqu/poster.pdf")" = 0 ] && ok || bad "haihe-xiaoqu's poster has a picture; it has no photo"
grep -q '放不下图片' "$OUT/stderr" && bad "a picture left out: $(cat "$OUT/stderr")" || ok
# The poster booklet draws each poster's picture too.
[ "$(jpegs "$OUT/a/notices/changzhuang-posters.pdf")" -ge 1 ] && ok || bad "changzhuang-posters.pdf has no picture"

# An edited caption: the notice and the poster are made again, with it.
cp "$pdf" "$OUT/poster-before.pdf"
cp "$OUT/a/communities/bayi-xiaoqu/notice.pdf" "$OUT/notice-before.pdf"
sed -i 's/示例效果图：3号楼改造后外立面和绿化/示例效果图：3号楼改造后外立面/' "$site/data/photos.csv"
if build "$site" "$OUT/a"; then ok; else bad "build after a caption edit: $(cat "$OUT/stderr")"; fi
for f in poster notice; do
	cmp -s "$OUT/$f-before.pdf" "$OUT/a/communities/bayi-xiaoqu/$f.pdf" && bad "the $f was not made again after a caption edit" || ok
	case $(flat "$OUT/a/communities/bayi-xiaoqu/$f.pdf") in
	*'示例效果图：3号楼改造后外立面（效果图'*) ok ;;
	*) bad "the $f does not show the edited caption" ;;
	esac
done
sed -i 's/示例效果图：3号楼改造后外立面,/示例效果图：3号楼改造后外立面和绿化,/' "$site/data/photos.csv"

# poster.image: none: the notice keeps its picture, the posters are the
# bytes of a site without any picture.
sed -i 's/^notice:$/poster:\n  image: none\nnotice:/' "$site/site.yaml"
if build "$site" "$OUT/none"; then ok; else bad "build with poster.image: none: $(cat "$OUT/stderr")"; fi
[ "$(jpegs "$OUT/none/communities/bayi-xiaoqu/poster.pdf")" = 0 ] && ok || bad "poster.image: none: the poster has a picture"
[ "$(jpegs "$OUT/none/communities/bayi-xiaoqu/notice.pdf")" = 1 ] && ok || bad "poster.image: none: the notice lost its picture"
sed -i '/^poster:$/,/^  image: none$/d; /^  image: design$/d' "$site/site.yaml"
grep -q 'image:' "$site/site.yaml" && bad "could not take the image settings out" || ok
if build "$site" "$OUT/plain"; then ok; else bad "build without pictures: $(cat "$OUT/stderr")"; fi
for f in communities/bayi-xiaoqu/poster.pdf notices/changzhuang-posters.pdf; do
	cmp -s "$OUT/none/$f" "$OUT/plain/$f" && ok || bad "$f: poster.image: none differs from no picture at all"
done
# The picture took no room from the text: the items where they were.
[ -n "$(bbox "$OUT/plain/communities/bayi-xiaoqu/poster.pdf" 1.拆除违建)" ] &&
	[ "$(bbox "$OUT/a/communities/bayi-xiaoqu/poster.pdf" 1.拆除违建)" = "$(bbox "$OUT/plain/communities/bayi-xiaoqu/poster.pdf" 1.拆除违建)" ] && ok ||
	bad "the text moved for the picture"

# With no base_url (no QR code) the picture goes under the signature.
cp -R "$site" "$OUT/noqr"
sed -i 's/^base_url: .*/base_url: ""/' "$OUT/noqr/site.yaml"
sed -i 's/^notice:$/notice:\n  image: design/' "$OUT/noqr/site.yaml"
if build "$OUT/noqr" "$OUT/nq"; then ok; else bad "build with no base_url: $(cat "$OUT/stderr")"; fi
pdf=$OUT/nq/communities/bayi-xiaoqu/poster.pdf
[ "$(pages "$pdf")" = 1 ] && [ "$(jpegs "$pdf")" = 1 ] && ok || bad "no base_url: $(pages "$pdf") pages, $(jpegs "$pdf") JPEGs"
case $(flat "$pdf") in *"2022年5月9日$caption") ok ;; *) bad "no base_url: the caption is not under the signature" ;; esac

# A caption too long to share the sheet: the picture is left out, said.
cp -R "$site" "$OUT/long"
sed -i 's/^notice:$/notice:\n  image: design/' "$OUT/long/site.yaml"
long=$(printf '很长的说明%.0s' $(seq 1 40))
sed -i "s/示例效果图：3号楼改造后外立面和绿化/$long/" "$OUT/long/data/photos.csv"
if build "$OUT/long" "$OUT/f"; then ok; else bad "build with a long caption: $(cat "$OUT/stderr")"; fi
row=$(grep -n '^bayi-xiaoqu,' "$OUT/long/data/communities.csv" | cut -d: -f1)
grep -qxF "$OUT/long/data/photos.csv:4: warning: 小区“八一小区”的公示牌（poster.pdf）在一张 A3 纸上放不下图片“content/communities/bayi-xiaoqu/xiaoguotu.jpg”（site.yaml poster.image）：正文缩到最小的 20.0 磅也容不下图片和全部文字，公示牌上不印这张图（公示上照印）；要印图，请在 Excel 或 WPS 中缩短这一行的说明，或减少 $OUT/long/data/communities.csv 第 $row 行的改造内容；不印图时可在 site.yaml 中写 poster.image: none，不再提示" "$OUT/stderr" && ok ||
	bad "no warning for the picture left out: $(cat "$OUT/stderr")"
[ "$(pages "$OUT/f/communities/bayi-xiaoqu/poster.pdf")" = 1 ] && ok || bad "long caption: the poster is not one page"
[ "$(jpegs "$OUT/f/communities/bayi-xiaoqu/poster.pdf")" = 0 ] && ok || bad "long caption: the picture was not left out"
[ "$(jpegs "$OUT/f/communities/bayi-xiaoqu/notice.pdf")" = 1 ] && ok || bad "long caption: the notice lost its picture"

# The worst real case (tests/sh/poster.sh) given 八一小区's picture:
# all 16 items, a long name and contact; one page at ≥ 20 pt.
all=$(awk -F, 'NR > 1 { printf "%s%s", sep, $1; sep = ";" }' "$site/data/items.csv")
row=$(grep -n '^bayi-xiaoqu,' "$site/data/communities.csv" | cut -d: -f1)
awk -F, -v OFS=, -v r="$row" -v all="$all" 'NR == r {
	$2 = "常庄街道八一路东段原国营第三机床厂暨第二纺织厂职工家属宿舍小区"; $10 = all
	$13 = "欧阳建国（社区居委会主任）"; $14 = "0632-4444723、13806321234" } { print }' \
	"$site/data/communities.csv" >"$OUT/c.csv" && mv "$OUT/c.csv" "$site/data/communities.csv"
sed -i 's/^notice:$/notice:\n  image: design/' "$site/site.yaml"
grep -q '^bayi-xiaoqu,常庄街道八一路东段' "$site/data/communities.csv" && ok || bad "worst case: the row was not edited"
if build "$site" "$OUT/w"; then ok; else bad "worst case: $(cat "$OUT/stderr")"; fi
pdf=$OUT/w/communities/bayi-xiaoqu/poster.pdf
[ "$(pages "$pdf")" = 1 ] && ok || bad "worst case: $(pages "$pdf") pages"
awk -v h="$(smallest "$pdf")" 'BEGIN { exit !(h >= 20) }' && ok || bad "worst case: text of height $(smallest "$pdf") pt, want ≥ 20"
text=$(flat "$pdf")
for t in 16.加装电梯 13806321234 常庄街道八一路东段原国营第三机床厂暨第二纺织厂职工家属宿舍小区; do
	case $text in *"$t"*) ok ;; *) bad "worst case: poster lacks “$t”" ;; esac
done
# With the picture, or without it and said so.
if [ "$(jpegs "$pdf")" = 1 ]; then
	case $text in *"$caption"*) ok ;; *) bad "worst case: the picture without its caption" ;; esac
else
	grep -q '八一路东段.*放不下图片' "$OUT/stderr" && ok || bad "worst case: the picture left out unsaid"
fi

finish
