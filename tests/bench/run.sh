#!/bin/sh
# make bench: builds generated sites (tests/bench/gen_site.sh, seeded, so the
# same sizes always give the same data) and prints one line per case:
#   full         everything: every page, every notice PDF, the booklets
#   no-pdf       the site only (--no-pdf)
#   cp-floor     `cp -r` of the no-pdf output tree: what the file system
#                alone costs to write the same folders and files
#   incremental  a rebuild into the full (or no-pdf) output after editing
#                one community row (its phone number, with sed)
#   incremental2 the same once more: this one updates the spare the
#                first left (write/output.h)
# then the linearity figure (pages/s at the largest size over pages/s at the
# smallest) and the floor ratio (no-pdf wall time over cp -r wall time),
# then the example site and the PDF notice figures of test_pdf_notice.
#
# Environment:
#   BENCH_N        sizes, space-separated (default "1000 10000 55000");
#                  BENCH_N=307000 make bench is the national case
#   BENCH_PDF_MAX  full builds (with PDFs) only for sizes up to this
#                  (default 10000).  A notice costs about 11 ms of CPU, a
#                  community with its page and booklet share about 16 ms,
#                  so 10,000 takes under 3 minutes of CPU and 55,000 about
#                  15 minutes of CPU (8 minutes of wall time on two idle
#                  cores); BENCH_PDF_MAX=55000 includes it.
#   BENCH_JOBS     passed as --jobs N (default: gongshi's own default, the
#                  number of online CPUs)
#   BENCH_REPORTS  dated progress reports per community (issue 19): each
#                  size is also generated with them (GEN_REPORTS) and
#                  timed as `reports` (a clean --no-pdf build, to compare
#                  with no-pdf) and `edit-report` (a rebuild after one
#                  report's text is edited); unset: not run
#   BENCH_PHOTOS   communities of a photo site (issue 20, tests/bench/
#                  gen_photos.sh; BENCH_PHOTOS_PER photos each, default 10):
#                  timed as `photos` (clean --no-pdf, with derivatives per
#                  CPU second) and `edit-caption` (one caption edited: the
#                  derivatives written again, which should be 0); unset:
#                  not run.  Making the photos costs about 0.1 s of CPU each
#   GONGSHI        the program to time (default: ./gongshi)
#   BENCH_DIR      work folder (default build/bench; about 2 GB at 55,000
#                  without PDFs, about 6 GB with them)
# Options that gongshi does not offer yet (it says so in --help) make their
# case print "not available yet" instead of failing.  Wall times depend on
# the page cache: run twice and read the second run for steady figures.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${GONGSHI:-$top/gongshi}
work=${BENCH_DIR:-$top/build/bench}
sizes=${BENCH_N:-"1000 10000 55000"}
pdf_max=${BENCH_PDF_MAX:-10000}
mkdir -p "$work"
failed=0

help=$("$bin" --help 2>&1 || true)
has() { printf '%s\n' "$help" | grep -q -e "$1"; }
jobs=
if has '--jobs'; then
	[ -n "${BENCH_JOBS:-}" ] && jobs="--jobs $BENCH_JOBS"
elif [ -n "${BENCH_JOBS:-}" ]; then
	echo "bench: --jobs: not available yet (BENCH_JOBS ignored)"
fi

# run CASE N OUT ARGS...: times one gongshi build and prints its line.
# Leaves the wall time in $last_wall and the pages/s in $last_rate.
run() {
	c=$1 n=$2 out=$3
	shift 3
	last_wall='' last_rate=''
	# shellcheck disable=SC2086
	if ! /usr/bin/time -f '%e %U %S %M' -o "$work/time" \
		"$bin" build "$@" -o "$out" $jobs >"$work/stdout" 2>"$work/stderr"; then
		printf '%-12s %9d  FAILED: %s\n' "$c" "$n" \
			"$(grep -m1 -e error "$work/stderr" || tail -n1 "$work/stderr")"
		failed=1
		return 0
	fi
	report "$c" "$n" "$out"
}

# report CASE N OUT: one line from $work/time and the output tree.
report() {
	read -r wall user sys rss <"$work/time"
	pages=$(find "$3" -name '*.html' -type f | wc -l)
	notices=$(find "$3/communities" -name '*.pdf' -type f 2>/dev/null | wc -l)
	bytes=$(find "$3" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%d", s }')
	line=$(awk -v c="$1" -v n="$2" -v p="$pages" -v q="$notices" -v w="$wall" \
		-v u="$user" -v s="$sys" -v m="$rss" -v b="$bytes" \
		-v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
		inc = c ~ /^(incremental|edit-)/
		rate = inc || w == 0 ? "-" : sprintf("%.0f", p / w)
		nrate = inc || w == 0 || q == 0 ? "-" : sprintf("%.1f", q / w)
		printf "%-12s %9d %8d %8d %9.2f %9.2f %8.0f %13d %9s %9s %5s\n",
			c, n, p, q, w, u + s, m / 1024, b, rate, nrate, l }')
	echo "$line"
	last_wall=$wall
	last_rate=$(echo "$line" | awk '{ print $9 }')
}

echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)," \
	"$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)"
echo "gongshi: $("$bin" --version 2>&1 | head -n1)${jobs:+, $jobs}"

# The example site, everything included, and the PDF notices alone.
rm -rf "$work/example-public"
/usr/bin/time -f '%e %U %S %M' -o "$work/time" \
	"$bin" build "$top" -o "$work/example-public" >/dev/null
read -r wall user sys rss <"$work/time"
pages=$(find "$work/example-public" -name '*.html' -type f | wc -l)
awk -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" -v p="$pages" -v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
	printf "example site, everything: %.2f s wall, %.2f s CPU, %.0f MB, %d pages, load %s (target: under 1 s)\n",
		w, u + s, m / 1024, p, l }'
if [ -x "$top/build/tests/test_pdf_notice" ]; then
	echo "PDF notices of the example site (targets: under 100 KB and 20 ms CPU for a one-page notice):"
	"$top/build/tests/test_pdf_notice" --bench "$top"
else
	echo "PDF notices: skipped (build/tests/test_pdf_notice not built; make bench builds it)"
fi
echo

printf '%-12s %9s %8s %8s %9s %9s %8s %13s %9s %9s %5s\n' \
	case communities pages notices wall_s cpu_s rss_MB out_bytes pages/s notices/s load1
first_rate='' first_n='' big_rate='' big_n=''
for n in $sizes; do
	site=$work/site-$n
	sh "$top/tests/bench/gen_site.sh" "$n" "$site"
	# The generator's files, and the last size's deleted trees, reach the
	# disk before anything is timed: on this machine's ext4 (mounted with
	# discard) a build started while 55,000 files were still being
	# deleted took 2-5 times as long, all of it in the kernel.
	sync
	full=$work/out-$n-full
	nopdf=$work/out-$n-nopdf
	rm -rf "$full" "$nopdf" "$full.spare" "$nopdf.spare" "$work/cp-$n"

	full_ok=
	if [ "$n" -le "$pdf_max" ]; then
		run full "$n" "$full" "$site"
		[ -n "$last_wall" ] && full_ok=1
	else
		printf '%-12s %9d  skipped: above BENCH_PDF_MAX=%s\n' full "$n" "$pdf_max"
	fi

	if has '--no-pdf'; then
		run no-pdf "$n" "$nopdf" "$site" --no-pdf
		if [ -n "$last_wall" ]; then
			nopdf_wall=$last_wall
			if [ -z "$first_n" ] || [ "$n" -lt "$first_n" ]; then
				first_n=$n first_rate=$last_rate
			fi
			if [ -z "$big_n" ] || [ "$n" -gt "$big_n" ]; then
				big_n=$n big_rate=$last_rate
			fi
			/usr/bin/time -f '%e %U %S %M' -o "$work/time" cp -r "$nopdf" "$work/cp-$n"
			read -r cpwall user sys rss <"$work/time"
			awk -v n="$n" -v w="$cpwall" -v u="$user" -v s="$sys" -v g="$nopdf_wall" 'BEGIN {
				printf "%-12s %9d %17s %9.2f %9.2f   no-pdf / cp -r = %.2f (target: at most 1.5)\n",
					"cp-floor", n, "", w, u + s, (w > 0 ? g / w : 0) }'
		fi
	else
		printf '%-12s %9d  not available yet (gongshi has no --no-pdf)\n' no-pdf "$n"
	fi

	# One edited row: the phone of the middle community.
	if has '--force'; then
		row=$((n / 2 + 2))
		# The first edit finds no spare (it keeps the old output as
		# one); the second updates that spare (write/output.h).
		for step in 1 2; do
			case=incremental
			[ "$step" = 2 ] && case=incremental2
			sed -i "${row}s/,0632-4$((3 + step))/,0632-4$((4 + step))/" "$site/data/communities.csv"
			if [ -n "$full_ok" ]; then
				run "$case" "$n" "$full" "$site"
			elif [ -d "$nopdf" ]; then
				run "$case" "$n" "$nopdf" "$site" --no-pdf
			else
				printf '%-12s %9d  skipped: no earlier build to update\n' "$case" "$n"
			fi
		done
	else
		printf '%-12s %9d  not available yet (gongshi has no incremental builds / --force)\n' \
			incremental "$n"
	fi
	largest=$(find "$nopdf" "$full" -name '*.html' -type f -printf '%s %P\n' 2>/dev/null |
		sort -n | tail -n1)
	[ -n "$largest" ] && echo "$largest" | awk -v n="$n" '{
		printf "%-12s %9d  largest page %s, %d bytes (target: about 200 KB at most)\n", "", n, $2, $1 }'
	# Deleting a large tree takes minutes on some disks: done here, after
	# the timed cases of this size, not between them.
	rm -rf "$nopdf" "$nopdf.spare" "$work/cp-$n"
	if [ -n "${BENCH_REPORTS:-}" ]; then
		rsite=$work/site-$n-reports
		rout=$work/out-$n-reports
		GEN_REPORTS=$BENCH_REPORTS sh "$top/tests/bench/gen_site.sh" "$n" "$rsite"
		rm -rf "$rout" "$rout.spare"
		sync
		run reports "$n" "$rout" "$rsite" --no-pdf
		# The text of the middle community's first report.
		row=$(grep -n "^c$((n / 2 + 1)),2022-" "$rsite/data/progress.csv" | head -n1 | cut -d: -f1)
		if [ -n "$row" ]; then
			sed -i "${row}s/按计划施工/按计划施工，管网已开挖/" "$rsite/data/progress.csv"
			run edit-report "$n" "$rout" "$rsite" --no-pdf
		fi
		rm -rf "$rout" "$rout.spare"
	fi
done

# Photos (issue 20): a site of BENCH_PHOTOS communities, each with
# BENCH_PHOTOS_PER 3000x2000 JPEGs (tests/bench/gen_photos.sh), built clean
# (`photos`: the derivatives made, per second of CPU) and after one caption
# edit (`edit-caption`: how many derivatives were written again; 0 is right).
if [ -n "${BENCH_PHOTOS:-}" ]; then
	n=$BENCH_PHOTOS
	psite=$work/site-photos-$n
	pout=$work/out-photos-$n
	sh "$top/tests/bench/gen_photos.sh" "$n" "$psite" "${BENCH_PHOTOS_PER:-10}"
	rm -rf "$pout" "$pout.spare"
	sync
	run photos "$n" "$pout" "$psite" --no-pdf
	made=$(find "$pout" -path '*/photos/*.jpg' -type f | wc -l)
	read -r wall user sys rss <"$work/time"
	awk -v n="$n" -v d="$made" -v w="$wall" -v c="$(echo "$user $sys" | awk '{ print $1 + $2 }')" 'BEGIN {
		printf "%-12s %9d  %d derivatives, %.1f per CPU second, cores used %.2f\n",
			"", n, d, (c > 0 ? d / c : 0), (w > 0 ? c / w : 0) }'
	touch "$work/mark"
	sleep 1
	sed -i '2s/现场照片/现场照片（说明已改）/' "$psite/data/photos.csv"
	run edit-caption "$n" "$pout" "$psite" --no-pdf
	printf '%-12s %9d  derivatives written again: %d (target: 0)\n' "" "$n" \
		"$(find "$pout" -newer "$work/mark" -path '*/photos/*' -type f | wc -l)"
	rm -rf "$pout" "$pout.spare"
fi

if [ -n "$first_n" ] && [ "$big_n" != "$first_n" ]; then
	awk -v a="$first_rate" -v b="$big_rate" -v n1="$first_n" -v n2="$big_n" 'BEGIN {
		printf "linearity (no-pdf): %s pages/s at %d, %s pages/s at %d: %.0f %% (target: at least 80 %%)\n",
			a, n1, b, n2, 100 * b / a }'
fi
exit "$failed"
