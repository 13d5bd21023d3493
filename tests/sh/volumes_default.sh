#!/bin/sh
# Volumes by default (issue 18 point 5), and the page counts they are
# split by kept in OUT/.gongshi-pages.  A generated site of 100
# communities, all in 临城街道 (some 390 pages of notices), is built with no
# booklet setting: its booklet of notices comes in volumes of at most 250
# pages (the default booklet.sheets, single-sided), notices/lincheng-1.pdf
# …, each listed on the subdistrict's page, and no one-file booklet.
#
# The counts: --verbose says how many notices were laid out to count
# their pages ("分册计页：排版 N 份公示，M 份沿用上次的页数"): all 100 on a
# clean build, none on a rebuild, one after one row is edited; every
# output, booklets included, is byte for byte that of a clean build of
# the edited site (made without the file); a damaged, cut, edited or
# foreign .gongshi-pages, or a link in its place, is ignored (all counted
# again, the same output), and --force counts again too.
#
#   GONGSHI=$PWD/gongshi OUT=/tmp/scratch sh tests/sh/volumes_default.sh   (from the repo root)
#
# Prints one line per failure and ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init volumes_default

if ! command -v pdfinfo >/dev/null 2>&1; then
	skip "pdfinfo not installed"
	finish
fi

site=$OUT/site
pub=$OUT/public
cache=$pub/.gongshi-pages
build() {
	o=$1
	shift
	"$GONGSHI" build "$site" -o "$o" --jobs 2 --verbose "$@" >"$OUT/stdout" 2>"$OUT/stderr"
}
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
# counted LAID REUSED WHAT: the build's --verbose line says so.
counted() {
	grep -q -x "分册计页：排版 $1 份公示，$2 份沿用上次的页数" "$OUT/stdout" && ok ||
		bad "$3: want $1 laid out and $2 reused, got: $(grep 分册计页 "$OUT/stdout")"
}
# same WHAT: the output is the clean build's of the edited site.
same() {
	diff -r -x .gongshi-manifest "$OUT/clean" "$pub" >"$OUT/diff" 2>&1 && ok ||
		bad "$1: differs from a clean build: $(head -n 3 "$OUT/diff")"
}

sh "$top/tests/bench/gen_site.sh" 100 "$site" >/dev/null
sed -i '2,$s/,\(常庄\|新城\)街道,\(常庄\|新城\)东片区,/,临城街道,临城东片区,/' "$site/data/communities.csv"
n=$(grep -c ',临城街道,临城东片区,' "$site/data/communities.csv")
[ "$n" -eq 100 ] && ok || bad "$n communities in 临城街道, want 100: the edit did not apply"
grep -q '^booklet:' "$site/site.yaml" && bad "site.yaml sets booklet: this tests the default" || ok

if build "$pub"; then ok; else bad "build: $(cat "$OUT/stderr")"; finish; fi
counted 100 0 "clean build"

# Volumes of at most 250 pages, at least two; no one-file booklet.
k=0
for f in "$pub"/notices/lincheng-[0-9]*.pdf; do
	[ -f "$f" ] || continue
	k=$((k + 1))
	p=$(pages "$f")
	[ "${p:-999}" -le 250 ] && ok || bad "${f#"$pub"/}: $p pages, more than 250"
	grep -q "href=\"\\.\\./\\.\\./notices/$(basename "$f")\"" "$pub/units/lincheng/index.html" && ok ||
		bad "units/lincheng/ does not link $(basename "$f")"
done
[ "$k" -ge 2 ] && ok || bad "notices/lincheng-*.pdf: $k volumes, want 2 or more"
[ ! -e "$pub/notices/lincheng.pdf" ] && ok || bad "a one-file booklet notices/lincheng.pdf besides the volumes"
grep -q "第${k}册（第[0-9]*–100个小区）" "$pub/units/lincheng/index.html" && ok ||
	bad "units/lincheng/: no 第${k}册（第…–100个小区）"

# The file: a header, then one "KEY PAGES" line per notice.
head -n 1 "$cache" | grep -q -E '^gongshi-pages 1 [0-9a-f]{32}$' && ok || bad "$cache: header $(head -n 1 "$cache")"
[ "$(tail -n +2 "$cache" | grep -c -E '^[0-9a-f]{32} [1-9][0-9]*$')" -eq 100 ] && ok ||
	bad "$cache: not 100 lines KEY PAGES"

build "$pub" && ok || bad "rebuild: $(cat "$OUT/stderr")"
counted 0 100 "rebuild"

# One row edited (the first community's households): one notice laid out.
awk -F, -v OFS=, 'NR == 2 { $6 = $6 + 1 } { print }' "$site/data/communities.csv" >"$OUT/c.csv"
mv "$OUT/c.csv" "$site/data/communities.csv"
build "$pub" && ok || bad "edited build: $(cat "$OUT/stderr")"
counted 1 99 "after an edit"

# A clean build of the edited site, without the file: the same bytes.
build "$OUT/clean" && ok || bad "clean build: $(cat "$OUT/stderr")"
counted 100 0 "clean build of the edited site"
same "the incremental build"

# Damaged, foreign or replaced files are ignored: everything counted again.
printf 'gongshi-pages 1 0123456789abcdef0123456789abcdef\n' >"$OUT/foreign"
tail -n +2 "$cache" >>"$OUT/foreign"
for damage in cut garbage zero foreign dup link; do
	cp "$OUT/clean/.gongshi-pages" "$OUT/good"
	rm -f "$cache"
	case $damage in
	cut) head -c 1000 "$OUT/good" >"$cache" ;;
	garbage) { cat "$OUT/good"; printf 'not a line\n'; } >"$cache" ;;
	zero) sed '2s/ [0-9]*$/ 0/' "$OUT/good" >"$cache" ;;
	foreign) cp "$OUT/foreign" "$cache" ;;
	dup) { cat "$OUT/good"; sed -n 2p "$OUT/good"; } >"$cache" ;;
	link) ln -s "$OUT/good" "$cache" ;;
	esac
	build "$pub" && ok || bad "$damage: $(cat "$OUT/stderr")"
	counted 100 0 "$damage .gongshi-pages"
	same "after a $damage .gongshi-pages"
done

build "$pub" --force && ok || bad "--force: $(cat "$OUT/stderr")"
counted 100 0 "--force"

finish
