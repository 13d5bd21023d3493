#!/bin/sh
# The two edits issues 17 and 19 set targets for, timed for several
# binaries side by side (alternated, each with its own output), where
# run.sh times each binary alone:
#
#   first  a clean build into a new folder, then one phone number edited
#          and the first edit, which finds no spare (issue 17: under 2 s
#          at 20,000 communities)
#   report one dated report's text edited and rebuilt with the spare in
#          place (issue 19: under 2 s at 55,000 communities with 12
#          reports each, GEN_REPORTS=12 gen_site.sh 55000 SITE)
#   caption one photo's caption (data/photos.csv's first row) edited and
#          rebuilt with the spare in place (issue 20: under 2 s at 55,000
#          communities with 10 photos each, gen_photo_rows.sh 55000 SITE;
#          its first build takes 11-20 minutes, and the spare comes with
#          the first edit: read the third build on; adopt.sh lets another
#          binary take over an output instead of building it anew)
#
# Usage: edits.sh first|report|caption SITE WORK ROUNDS BIN...
# SITE is edited in place (a row of data/communities.csv or
# data/progress.csv); outputs go to WORK/o-NAME for each binary NAME.
# Prints one line per build: round, binary, load average, then wall s,
# user s, system s and peak RSS KB from /usr/bin/time, then the build's
# own phase times (--verbose).
set -eu
what=$1 site=$2 work=$3 rounds=$4
shift 4
mkdir -p "$work"

phases() {
	grep -E '读取和检查数据|检查备用目录|生成网页' "$1" | tr '\n' ' '
}

timed() { # BIN OUT: one build, its figures on one line
	sync
	l=$(cut -d' ' -f1 /proc/loadavg)
	/usr/bin/time -f '%e %U %S %M' -o "$work/time" "$1" build --no-pdf -v -o "$2" "$site" \
		>"$work/log" 2>&1 || { echo "build failed:"; tail -n 5 "$work/log"; exit 1; }
	echo "load $l wall/user/sys/rss $(cat "$work/time") | $(phases "$work/log")"
}

n=$(($(wc -l <"$site/data/communities.csv") - 1))
k=0 # edits so far: each build gets a value of its own (k), never the last one's
r=1
while [ "$r" -le "$rounds" ]; do
	for b in "$@"; do
		out=$work/o-$(basename "$b")
		k=$((k + 1))
		case $what in
		first)
			rm -rf "$out" "$out.spare" "$out.folders" "$out.spare.folders"
			echo "$r $(basename "$b") clean: $(timed "$b" "$out")"
			row=$((n / 2 + 2))
			sed -i "${row}s/,0632-4[0-9]/,0632-4$((k % 10))/" "$site/data/communities.csv"
			echo "$r $(basename "$b") first edit: $(timed "$b" "$out")"
			;;
		report)
			[ -d "$out" ] || "$b" build --no-pdf -q -o "$out" "$site" >/dev/null 2>&1
			row=$(grep -n "^c$((n / 2)),2022-" "$site/data/progress.csv" | head -n 1 | cut -d: -f1)
			sed -i "${row}s/，第[0-9]*次改//; ${row}s/施工/施工，第${k}次改/" "$site/data/progress.csv"
			echo "$r $(basename "$b") report edit: $(timed "$b" "$out")"
			;;
		caption)
			[ -d "$out" ] || "$b" build --no-pdf -q -o "$out" "$site" >/dev/null 2>&1
			sed -i "2s/^\([^,]*,[^,]*,[^,（]*\)[^,]*/\1（第${k}次改）/" "$site/data/photos.csv"
			echo "$r $(basename "$b") caption edit: $(timed "$b" "$out")"
			;;
		*)
			echo "usage: edits.sh first|report|caption SITE WORK ROUNDS BIN..." >&2
			exit 2
			;;
		esac
	done
	r=$((r + 1))
done
