#!/bin/sh
# Booklets in volumes (分册, issue 18 point 5): with site.yaml's
# booklet: sheets: 10, the example's subdistricts' booklets of notices and
# of posters are split into volumes notices/ID-1.pdf … of at most 10
# pages (single-sided: a sheet a page), never inside a notice (each
# community's title is in exactly one volume), each opening with a
# contents page whose every line ("4．黄河小区……第2页") names the page its notice starts on; the
# subdistrict's page links every volume and no single booklet; pdftotext,
# MuPDF and Ghostscript read a volume alike; a rebuild gives the same
# bytes; an edited community makes only its own volumes again (the others
# keep their inode, as tests/sh/incremental.sh checks for notices); back
# to one file when the booklet fits again.
#
#   GONGSHI=$PWD/gongshi OUT=/tmp/scratch sh tests/sh/volumes.sh   (from the repo root)
#
# Prints one line per failure and ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init volumes

for tool in pdftotext pdfinfo mutool gs; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		skip "$tool not installed"
		finish
	fi
done

site=$OUT/site
pub=$OUT/public
limit=10
build() {
	"$GONGSHI" build "$site" -o "$1" --jobs 2 >"$OUT/stdout" 2>"$OUT/stderr"
}
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
squeeze() { tr -d ' \t\r\n\f\v'; }
inode() { ls -i "$1" | awk '{ print $1 }'; }
# title NAME: the notice's title, as pdftext.sh spells it (issue 16).
title() {
	case $1 in
	*小区) echo "关于${1}改造方案的公示" ;;
	*) echo "关于${1}老旧小区改造方案的公示" ;;
	esac
}

copy_example_site "$site"
printf '\nbooklet:\n  sheets: %s\n' "$limit" >>"$site/site.yaml"
if build "$pub"; then ok; else bad "build: $(cat "$OUT/stderr")"; finish; fi

# Every subdistrict with notices has volumes, and no one-file booklet.
for u in lincheng changzhuang xincheng; do
	[ -f "$pub/notices/$u-1.pdf" ] && [ -f "$pub/notices/$u-2.pdf" ] && ok ||
		bad "$u: no volumes notices/$u-1.pdf, -2.pdf"
	[ -f "$pub/notices/$u-posters-1.pdf" ] && [ -f "$pub/notices/$u-posters-2.pdf" ] && ok ||
		bad "$u: no poster volumes"
	[ ! -e "$pub/notices/$u.pdf" ] && [ ! -e "$pub/notices/$u-posters.pdf" ] && ok ||
		bad "$u: a one-file booklet besides the volumes"
done

# Every volume within the limit; the text of each, whitespace left out.
mkdir -p "$OUT/t"
for f in "$pub"/notices/*.pdf; do
	n=$(pages "$f")
	[ "${n:-99}" -le "$limit" ] && ok || bad "${f#"$pub"/}: $n pages, more than $limit"
	case $f in *-posters-*) continue ;; esac
	pdftotext -enc UTF-8 "$f" - 2>/dev/null | squeeze >"$OUT/t/$(basename "$f" .pdf)"
done

# Each community with a notice: its title in exactly one volume.
nnotice=0
for id in $(tail -n +2 "$site/data/communities.csv" | cut -d, -f1); do
	[ -f "$pub/communities/$id/notice.pdf" ] || continue
	nnotice=$((nnotice + 1))
	name=$(awk -F, -v id="$id" '$1 == id { print $2 }' "$site/data/communities.csv")
	t=$(title "$name")
	hits=$(grep -l -F "$t" "$OUT"/t/* | wc -l)
	[ "$hits" -eq 1 ] && ok || bad "$id: its title is in $hits volumes, want 1"
done
[ "$nnotice" -gt 30 ] && ok || bad "only $nnotice notices: the loop tests little"

# The contents of every notice volume: its lines "N．NAME 第P页" in order
# (N counting on from the last volume), and page P starts NAME's notice.
for u in lincheng changzhuang xincheng; do
	next=1
	k=1
	while [ -f "$pub/notices/$u-$k.pdf" ]; do
		f=$pub/notices/$u-$k.pdf
		pdftotext -enc UTF-8 -f 1 -l 1 -layout "$f" - 2>/dev/null |
			sed -nE 's/^ *([0-9]+)．(.*)……第([0-9]+)页 *$/\1 \3 \2/p' >"$OUT/toc"
		grep -q "第${k}册（共[0-9]*册）目录" "$OUT/t/$u-$k" && ok || bad "$u-$k: no contents heading"
		[ -s "$OUT/toc" ] && ok || bad "$u-$k: no contents lines"
		while read -r no page name; do
			name=$(printf '%s' "$name" | sed 's/[[:space:]　]*$//')
			[ "$no" = "$next" ] && ok || bad "$u-$k: contents line $no, want $next"
			next=$((no + 1))
			pdftotext -enc UTF-8 -f "$page" -l "$page" "$f" - 2>/dev/null | squeeze |
				grep -q -F "$(title "$name")" && ok ||
				bad "$u-$k: page $page does not start $name's notice"
		done <"$OUT/toc"
		k=$((k + 1))
	done
	# Every booklet community in some contents, once.
	want=$(awk -F, -v u="$u" 'NR > 1 { print $1 }' "$site/data/communities.csv" | while read -r id; do
		[ -f "$pub/communities/$id/notice.pdf" ] || continue
		grep -q "^$id,[^,]*,$(awk -F, -v u="$u" '$1 == u { print $2 }' "$site/data/units.csv")," \
			"$site/data/communities.csv" && echo "$id"
	done | wc -l)
	[ "$((next - 1))" -eq "$want" ] && ok || bad "$u: contents list $((next - 1)) communities, want $want"
done

# The subdistrict's page links every volume, and no one-file booklet.
for f in "$pub"/notices/lincheng-*.pdf; do
	grep -q "href=\"\\.\\./\\.\\./notices/$(basename "$f")\"" "$pub/units/lincheng/index.html" && ok ||
		bad "units/lincheng/ does not link $(basename "$f")"
done
grep -q '第1册（第1–' "$pub/units/lincheng/index.html" && ok || bad "units/lincheng/: no 第1册（第1–…个小区）"
grep -q 'notices/lincheng\.pdf' "$pub/units/lincheng/index.html" && bad "units/lincheng/ links notices/lincheng.pdf" || ok

# The three readers agree on a volume.
f=$pub/notices/lincheng-2.pdf
mutool draw -N -q -F txt -o - "$f" 2>"$OUT/mutool.err" | squeeze >"$OUT/m"
gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=txtwrite -sOutputFile=- "$f" 2>"$OUT/gs.err" | squeeze >"$OUT/g"
cmp -s "$OUT/t/lincheng-2" "$OUT/m" && [ ! -s "$OUT/mutool.err" ] && ok ||
	bad "lincheng-2: mutool reads otherwise than pdftotext"
cmp -s "$OUT/t/lincheng-2" "$OUT/g" && ok || bad "lincheng-2: gs reads otherwise than pdftotext"

# The same bytes again from a clean build.
rm -rf "$OUT/again"
if build "$OUT/again"; then ok; else bad "second build: $(cat "$OUT/stderr")"; fi
diff -r -x .gongshi-manifest "$pub" "$OUT/again" >"$OUT/diff" 2>&1 && ok ||
	bad "a second build differs: $(head -n 3 "$OUT/diff")"

# haihe-xiaoqu (临城街道's first) edited: lincheng-1 and lincheng-posters-1
# made again, every other volume carried over (the same inode).
for f in "$pub"/notices/*.pdf; do echo "$(basename "$f") $(inode "$f")"; done >"$OUT/inodes"
sed -i '2s/,208,/,209,/' "$site/data/communities.csv"
grep -q '^haihe-xiaoqu,.*,209,' "$site/data/communities.csv" && ok || bad "the edit did not apply"
if build "$pub"; then ok; else bad "edited build: $(cat "$OUT/stderr")"; fi
while read -r f was; do
	now=$(inode "$pub/notices/$f")
	case $f in
	lincheng-1.pdf | lincheng-posters-1.pdf)
		[ "$now" != "$was" ] && ok || bad "$f: not made again after its community changed" ;;
	progress-*.pdf) # the progress report: its totals count the households
		[ "$now" != "$was" ] && ok || bad "$f: not made again after the households changed" ;;
	*)
		[ "$now" = "$was" ] && ok || bad "$f: made again, though none of its communities changed" ;;
	esac
done <"$OUT/inodes"

# Back to the default (250 sheets) in the same output: one file again,
# and the volumes are gone.
sed -i '/^booklet:$/,$d' "$site/site.yaml"
if build "$pub"; then ok; else bad "default sheets: $(cat "$OUT/stderr")"; fi
[ -f "$pub/notices/lincheng.pdf" ] && [ -f "$pub/notices/lincheng-posters.pdf" ] && ok ||
	bad "default sheets: no one-file booklet notices/lincheng.pdf"
ls "$pub"/notices/lincheng-[0-9]*.pdf "$pub"/notices/lincheng-posters-[0-9]*.pdf >/dev/null 2>&1 &&
	bad "default sheets: the volumes are left behind" || ok
grep -q 'notices/lincheng-1\.pdf' "$pub/units/lincheng/index.html" &&
	bad "default sheets: units/lincheng/ still links a volume" || ok

finish
