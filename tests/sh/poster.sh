#!/bin/sh
# The posters (公示牌, communities/ID/poster.pdf), read back with poppler
# and zbar: every community with a notice has one, of exactly one A3
# page; it holds the community's name, the issuer, each item's title,
# the deadline for objections and the phones; its QR code decodes from a
# 72 dpi render to the community's page; no text on it is smaller than
# 20 pt and the name is much larger; the worst real case (all 16 items,
# long name, address and contact) still fits one page at 20 pt or more;
# a theme without poster.yaml gets the default one;
# site.yaml's poster.size: a4 gives A4 pages; each subdistrict has a
# poster booklet with one page per community; the community page links
# the poster; a rebuild gives the same bytes, and an edited row makes only
# its own poster (and its subdistrict's booklet) again.  The poster that
# cannot fit is tests/regress/build/poster-too-long.
#
#   GONGSHI=$PWD/gongshi OUT=/tmp/scratch sh tests/sh/poster.sh   (from the repo root)
#
# Prints one line per failure and ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init poster

for tool in pdftotext pdfinfo pdftoppm zbarimg; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		skip "$tool not installed"
		finish
	fi
done
private_themes

build() { "$GONGSHI" build "$1" -o "$2" --jobs 2 >"$OUT/stdout" 2>"$OUT/stderr"; }
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
paper() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Page size: *//p'; }
# The text on one line without spaces.
flat() { pdftotext -enc UTF-8 "$1" - 2>/dev/null | tr -d ' \n\f'; }
# The smallest and the largest height of a word (≈ its font size).
heights() {
	pdftotext -bbox "$1" - 2>/dev/null |
		sed -n 's/.*yMin="\([0-9.]*\)".*yMax="\([0-9.]*\)".*/\1 \2/p' |
		awk 'NR == 1 { lo = 1e9 } { h = $2 - $1; if (h < lo) lo = h; if (h > hi) hi = h }
		     END { printf "%.2f %.2f\n", lo, hi }'
}
# Item titles of community row `id` of SITE/data, one a line.
titles() {
	ids=$(awk -F, -v id="$2" '$1 == id { print $10 }' "$1/data/communities.csv" | tr ';' ' ')
	for i in $ids; do
		awk -F, -v c="$i" '$1 == c { print $2 }' "$1/data/items.csv"
	done
}
a3="841.89 x 1190.55 pts (A3)"
a4="595.276 x 841.89 pts (A4)"
site=$OUT/site
copy_example_site "$site"
base=$(sed -n 's/^base_url: *\([^ #]*\).*/\1/p' "$site/site.yaml")

if build "$site" "$OUT/a"; then ok; else bad "example build: $(cat "$OUT/stderr")"; fi
n=0
for notice in "$OUT"/a/communities/*/notice.pdf; do
	dir=${notice%/notice.pdf}
	id=${dir##*/}
	pdf=$dir/poster.pdf
	n=$((n + 1))
	[ -f "$pdf" ] || { bad "$id: no poster.pdf"; continue; }
	[ "$(pages "$pdf")" = 1 ] && ok || bad "$id: poster has $(pages "$pdf") pages"
	[ "$(paper "$pdf")" = "$a3" ] && ok || bad "$id: page size $(paper "$pdf")"
	text=$(flat "$pdf")
	row=$(awk -F, -v id="$id" '$1 == id' "$site/data/communities.csv")
	name=$(echo "$row" | cut -d, -f2)
	phone=$(echo "$row" | cut -d, -f14)
	# Each community's first posting (data/notices.csv, else site.yaml):
	# its subdistrict's office, 7 working days from its date.
	issuer=$(echo "$row" | cut -d, -f3)办事处 from=5月9日 to=5月17日
	case $id in
	bayi-xiaoqu) issuer=常庄街道办事处、八一社区居民委员会 ;;
	changjiang-xiaoqu | zhujiang-xincun | renwubu-sushe) from=5月30日 to=6月8日 ;;
	esac
	for want in "$name" "$issuer" "公示期：2022年${from}至${to}" \
		"请于2022年${to}前拨打电话0632-4411234" "$phone" "牵头部门：区住建局，电话：0632-4411234"; do
		case $text in *"$want"*) ok ;; *) bad "$id: poster lacks “$want”" ;; esac
	done
	for t in $(titles "$site" "$id"); do
		case $text in *"$t"*) ok ;; *) bad "$id: poster lacks the item “$t”" ;; esac
	done
	set -- $(heights "$pdf")
	awk -v h="$1" 'BEGIN { exit !(h >= 20) }' && ok || bad "$id: text of height $1 pt, want ≥ 20"
	awk -v h="$2" 'BEGIN { exit !(h >= 56) }' && ok || bad "$id: largest text $2 pt, want ≥ 56"
	pdftoppm -r 72 -png "$pdf" "$OUT/qr" && got=$(zbarimg -q --raw "$OUT"/qr*.png 2>/dev/null)
	rm -f "$OUT"/qr*.png
	[ "$got" = "${base}communities/$id/" ] && ok || bad "$id: QR code at 72 dpi reads “$got”"
done
[ "$n" -ge 50 ] && ok || bad "only $n notices in the example"

# The community page links its poster, with a download name.
grep -q 'href="../../communities/haihe-xiaoqu/poster.pdf" download="海河小区改造方案公示牌.pdf"' \
	"$OUT/a/communities/haihe-xiaoqu/index.html" && ok || bad "community page does not link poster.pdf"
grep -q 'notices/lincheng-posters.pdf' "$OUT"/a/units/lincheng/index.html && ok ||
	bad "the subdistrict's page does not link its poster booklet"

# A poster booklet per subdistrict: one page per community, each named.
for booklet in "$OUT"/a/notices/*-posters.pdf; do
	uid=$(basename "$booklet" -posters.pdf)
	uname=$(awk -F, -v u="$uid" '$1 == u { print $2 }' "$site/data/units.csv")
	ids=$(awk -F, -v u="$uid" -v n="$uname" 'NR > 1 && ($3 == u || $3 == n) { print $1 }' "$site/data/communities.csv")
	[ "$(pages "$booklet")" = "$(echo "$ids" | wc -l)" ] && ok ||
		bad "$uid-posters.pdf has $(pages "$booklet") pages for $(echo "$ids" | wc -l) communities"
	[ "$(paper "$booklet")" = "$a3" ] && ok || bad "$uid-posters.pdf: page size $(paper "$booklet")"
done
[ "$(ls "$OUT"/a/notices/*-posters.pdf | wc -l)" = 3 ] && ok || bad "not three poster booklets"
pdftotext -f 1 -l 1 "$OUT/a/notices/lincheng-posters.pdf" - | grep -q 海河小区 && ok ||
	bad "lincheng-posters.pdf does not begin with 海河小区"

# The same bytes again.
if build "$site" "$OUT/b"; then ok; else bad "second build: $(cat "$OUT/stderr")"; fi
for f in communities/haihe-xiaoqu/poster.pdf notices/lincheng-posters.pdf; do
	cmp -s "$OUT/a/$f" "$OUT/b/$f" && ok || bad "$f differs between two builds"
done

# An edited row makes its own poster again, not another's.
cp -R "$OUT/a" "$OUT/prev"
keep=$(ls -i "$OUT/a/communities/gongdian-xiaoqu/poster.pdf" | cut -d' ' -f1)
sed -i '2s/,胡素梅,/,胡素兰,/' "$site/data/communities.csv"
if build "$site" "$OUT/a"; then ok; else bad "edited build: $(cat "$OUT/stderr")"; fi
cmp -s "$OUT/prev/communities/haihe-xiaoqu/poster.pdf" "$OUT/a/communities/haihe-xiaoqu/poster.pdf" &&
	bad "the edited community's poster did not change" || ok
flat "$OUT/a/communities/haihe-xiaoqu/poster.pdf" | grep -q 胡素兰 && ok || bad "the new contact is not on the poster"
[ "$(ls -i "$OUT/a/communities/gongdian-xiaoqu/poster.pdf" | cut -d' ' -f1)" = "$keep" ] && ok ||
	bad "an unchanged poster was made again"
sed -i '2s/,胡素兰,/,胡素梅,/' "$site/data/communities.csv"

# The worst real case: all 16 items, a long name, address and contact.
worst=$OUT/worst
copy_example_site "$worst"
all=$(awk -F, 'NR > 1 { printf "%s%s", sep, $1; sep = ";" }' "$worst/data/items.csv")
sed -i "2s/^haihe-xiaoqu,海河小区,临城街道,海河片区,[^,]*,\\([^,]*,[^,]*,[^,]*,[^,]*,\\)[^,]*,\\([^,]*,[^,]*,\\)[^,]*,[^,]*,/haihe-xiaoqu,临城街道海河路东段原国营第三机床厂暨第二纺织厂职工家属宿舍小区,临城街道,海河片区,临城街道海河路东段与淮河路交叉口向北二百米路西原国营第三机床厂院内,\\1$all,\\2欧阳建国（社区居委会主任）,0632-4444723、13806321234,/" \
	"$worst/data/communities.csv"
grep -q '^haihe-xiaoqu,临城街道海河路东段' "$worst/data/communities.csv" && ok || bad "worst case: the row was not edited"
if build "$worst" "$OUT/w"; then ok; else bad "worst case: $(cat "$OUT/stderr")"; fi
pdf=$OUT/w/communities/haihe-xiaoqu/poster.pdf
[ "$(pages "$pdf")" = 1 ] && ok || bad "worst case: $(pages "$pdf") pages"
text=$(flat "$pdf")
for t in $(titles "$worst" haihe-xiaoqu) 13806321234 临城街道海河路东段原国营第三机床厂暨第二纺织厂职工家属宿舍小区; do
	case $text in *"$t"*) ok ;; *) bad "worst case: poster lacks “$t”" ;; esac
done
[ "$(titles "$worst" haihe-xiaoqu | wc -l)" = 16 ] && ok || bad "worst case: not 16 items"
set -- $(heights "$pdf")
awk -v h="$1" 'BEGIN { exit !(h >= 20) }' && ok || bad "worst case: text of height $1 pt, want ≥ 20"

# A theme copied before posters existed (no poster.yaml) gets the default's.
copy_example_site "$OUT/old"
cp -R "$top/themes/default" "$OUT/old/themes-old" && mkdir -p "$OUT/old/themes" &&
	mv "$OUT/old/themes-old" "$OUT/old/themes/old" && rm "$OUT/old/themes/old/poster.yaml"
sed -i 's/^theme: .*/theme: old/' "$OUT/old/site.yaml"
grep -q '^theme: old' "$OUT/old/site.yaml" || printf 'theme: old\n' >>"$OUT/old/site.yaml"
if build "$OUT/old" "$OUT/o"; then ok; else bad "theme without poster.yaml: $(cat "$OUT/stderr")"; fi
[ "$(pages "$OUT/o/communities/haihe-xiaoqu/poster.pdf")" = 1 ] && ok || bad "theme without poster.yaml: no poster"

# poster.size: a4 gives A4 sheets, everything scaled by 210/297.
printf '\nposter:\n  size: a4\n' >>"$site/site.yaml"
if build "$site" "$OUT/a4"; then ok; else bad "a4 build: $(cat "$OUT/stderr")"; fi
[ "$(paper "$OUT/a4/communities/haihe-xiaoqu/poster.pdf")" = "$a4" ] && ok ||
	bad "a4: page size $(paper "$OUT/a4/communities/haihe-xiaoqu/poster.pdf")"
[ "$(pages "$OUT/a4/communities/haihe-xiaoqu/poster.pdf")" = 1 ] && ok || bad "a4: not one page"
set -- $(heights "$OUT/a4/communities/haihe-xiaoqu/poster.pdf")
awk -v h="$1" 'BEGIN { exit !(h >= 14) }' && ok || bad "a4: text of height $1 pt, want ≥ 14 (20 × 210/297)"
grep -q '下载公示牌（一张 A4 纸' "$OUT/a4/communities/haihe-xiaoqu/index.html" && ok ||
	bad "a4: the community page does not say A4"

finish
