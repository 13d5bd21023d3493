#!/bin/sh
# make bench-compare: what a user would pick instead, measured in the same
# run on the same generated data (tests/bench/gen_site.sh, seeded).
#   site    Hugo (Debian's hugo, `hugo --quiet`) on the same communities as
#           Markdown pages (tests/bench/gen_hugo.sh) against
#           `gongshi build --no-pdf`; COMPARE_ROUNDS rounds (default 3),
#           alternating the two, each into an empty folder; medians.
#   notice  wkhtmltopdf (Debian's, A4) on an HTML file carrying the text of
#           one community's notice (taken from our PDF with pdftotext)
#           against gongshi: the whole `gongshi build` of a one-community
#           site (one process, as wkhtmltopdf is one process per notice)
#           and the per-notice CPU inside a batch (test_pdf_notice --bench).
# Environment: COMPARE_N communities (default 10000; the issue's figure is
# 50000), COMPARE_ROUNDS, GONGSHI (default ./gongshi), BENCH_DIR (default
# build/bench), NO_APT (non-empty: do not install hugo and wkhtmltopdf).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${GONGSHI:-$top/gongshi}
work=${BENCH_DIR:-$top/build/bench}/compare
n=${COMPARE_N:-10000}
rounds=${COMPARE_ROUNDS:-3}
mkdir -p "$work"

sh "$top/tests/deps.sh" "${NO_APT:-}" hugo wkhtmltopdf time poppler-utils || true
has_hugo='' has_wk=''
command -v hugo >/dev/null 2>&1 && has_hugo=1
command -v wkhtmltopdf >/dev/null 2>&1 && has_wk=1
no_pdf=
"$bin" --help 2>&1 | grep -q -e '--no-pdf' && no_pdf=1

echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)," \
	"$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)"
echo "gongshi: $("$bin" --version 2>&1 | head -n1)"
[ -n "$has_hugo" ] && echo "hugo: $(hugo version | cut -d' ' -f1-2)"
[ -n "$has_wk" ] && echo "wkhtmltopdf: $(wkhtmltopdf --version 2>/dev/null)"

# timed FILE CMD...: runs CMD under GNU time, appending "wall cpu rss_kb".
timed() {
	f=$1
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >"$work/stdout" 2>"$work/stderr" || {
		echo "bench-compare: failed: $*" >&2
		head -n5 "$work/stderr" >&2
		return 1
	}
	awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time" >>"$f"
}

# median FILE COLUMN
median() {
	sort -n -k"$2","$2" "$1" | awk -v c="$2" '{ v[NR] = $c }
		END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

sh "$top/tests/bench/gen_site.sh" "$n" "$work/site"

# --- the site ---
echo
if [ -z "$has_hugo" ]; then
	echo "site: hugo not installed: not measured"
elif [ -z "$no_pdf" ]; then
	echo "site: gongshi has no --no-pdf: not available yet"
else
	sh "$top/tests/bench/gen_hugo.sh" "$work/site" "$work/hugo"
	: >"$work/hugo.times"
	: >"$work/gongshi.times"
	echo "site, $n communities, $rounds rounds alternating (wall s, CPU s, peak RSS MB):"
	r=1
	while [ "$r" -le "$rounds" ]; do
		rm -rf "$work/hugo-out" "$work/gongshi-out"
		# Each tool starts with the disk idle: without the syncs the
		# second of each round paid for writing back the first's 50,000
		# files and for deleting the last round's (2-3 times its time,
		# all in the kernel, on this machine's ext4).
		sync
		timed "$work/hugo.times" hugo --quiet -s "$work/hugo" -d "$work/hugo-out"
		sync
		timed "$work/gongshi.times" "$bin" build "$work/site" --no-pdf -o "$work/gongshi-out"
		tail -n1 "$work/hugo.times" | awk -v r="$r" '{ printf "  round %d  hugo    %7.2f %7.2f %6.0f\n", r, $1, $2, $3 / 1024 }'
		tail -n1 "$work/gongshi.times" | awk -v r="$r" '{ printf "  round %d  gongshi %7.2f %7.2f %6.0f\n", r, $1, $2, $3 / 1024 }'
		r=$((r + 1))
	done
	hp=$(find "$work/hugo-out" -name '*.html' -type f | wc -l)
	gp=$(find "$work/gongshi-out" -name '*.html' -type f | wc -l)
	hw=$(median "$work/hugo.times" 1) hc=$(median "$work/hugo.times" 2) hm=$(median "$work/hugo.times" 3)
	gw=$(median "$work/gongshi.times" 1) gc=$(median "$work/gongshi.times" 2) gm=$(median "$work/gongshi.times" 3)
	awk -v n="$n" -v hp="$hp" -v gp="$gp" -v hw="$hw" -v hc="$hc" -v hm="$hm" \
		-v gw="$gw" -v gc="$gc" -v gm="$gm" 'BEGIN {
		printf "  median   hugo    %7.2f s wall %7.2f s CPU %6.0f MB  %6d pages\n", hw, hc, hm / 1024, hp
		printf "  median   gongshi %7.2f s wall %7.2f s CPU %6.0f MB  %6d pages\n", gw, gc, gm / 1024, gp
		printf "  hugo / gongshi: %.1f x wall, %.1f x CPU (target: at least 5 x at 50,000)\n",
			(gw > 0 ? hw / gw : 0), (gc > 0 ? hc / gc : 0) }'
	rm -rf "$work/hugo-out" "$work/gongshi-out"
fi

# --- one notice ---
echo
one=$work/one
rm -rf "$one" "$one-out"
cp -R "$work/site" "$one"
rm -rf "$one/content/news" "$one/content/communities"
mkdir -p "$one/content/communities"
cp "$work/site/content/communities/c1.md" "$one/content/communities/"
head -n2 "$work/site/data/communities.csv" >"$one/data/communities.csv"
if ! "$bin" build "$one" -o "$one-out" >/dev/null 2>"$work/stderr"; then
	echo "notice: gongshi build of a one-community site failed:"
	head -n3 "$work/stderr"
	exit 1
fi
pdf=$one-out/communities/c1/notice.pdf
: >"$work/one.times"
i=1
while [ "$i" -le 5 ]; do
	rm -rf "$one-out"
	timed "$work/one.times" "$bin" build "$one" -o "$one-out"
	i=$((i + 1))
done
ow=$(median "$work/one.times" 1) oc=$(median "$work/one.times" 2)
per=$("$top/build/tests/test_pdf_notice" --bench "$top" 2>/dev/null |
	sed -n 's/.* \([0-9.]*\) ms CPU per notice.*/\1/p')
printf 'notice of c1: gongshi, whole build of a one-community site: %.2f s wall, %.2f s CPU (median of 5), %d bytes\n' \
	"$ow" "$oc" "$(wc -c <"$pdf")"
[ -n "$per" ] && echo "notice: gongshi inside a batch (test_pdf_notice --bench): $per ms CPU per notice"
if [ -z "$has_wk" ]; then
	echo "notice: wkhtmltopdf not installed: not measured"
	exit 0
fi
# The same text, as the HTML a user would feed wkhtmltopdf.
pdftotext -enc UTF-8 "$pdf" - 2>/dev/null | awk 'BEGIN {
	print "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>公示</title>"
	print "<style>@page { size: A4; margin: 25mm 20mm; } body { font-family: \"AR PL UMing CN\", serif; font-size: 12pt; line-height: 1.6; }"
	print "h1 { font-family: \"WenQuanYi Zen Hei\", sans-serif; text-align: center; font-size: 18pt; }</style></head><body>"
}
{ gsub(/\f/, ""); gsub(/&/, "\\&amp;"); gsub(/</, "\\&lt;"); gsub(/>/, "\\&gt;") }
/^[[:space:]]*$/ { next }
!h { printf "<h1>%s</h1>\n", $0; h = 1; next }
{ printf "<p>%s</p>\n", $0 }
END { print "</body></html>" }' >"$work/notice.html"
QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
export QT_QPA_PLATFORM
: >"$work/wk.times"
i=1
while [ "$i" -le 5 ]; do
	rm -f "$work/notice-wk.pdf"
	timed "$work/wk.times" wkhtmltopdf -q -s A4 "$work/notice.html" "$work/notice-wk.pdf"
	i=$((i + 1))
done
ww=$(median "$work/wk.times" 1) wkc=$(median "$work/wk.times" 2)
printf 'notice of c1: wkhtmltopdf: %.2f s wall, %.2f s CPU (median of 5), %d bytes\n' \
	"$ww" "$wkc" "$(wc -c <"$work/notice-wk.pdf")"
awk -v ww="$ww" -v wc="$wkc" -v ow="$ow" -v oc="$oc" -v per="$per" 'BEGIN {
	printf "wkhtmltopdf / gongshi one-community build: %.1f x wall, %.1f x CPU\n",
		(ow > 0 ? ww / ow : 0), (oc > 0 ? wc / oc : 0)
	if (per != "")
		printf "wkhtmltopdf CPU / gongshi per-notice CPU in a batch: %.0f x\n", wc * 1000 / per }'
