#!/bin/sh
# Interleaved comparison of two gongshi binaries on a shared machine:
# runs tests/bench/run.sh ROUNDS times for each, alternating (A B A B …, or
# B A on even rounds so that neither always runs second), so both see the
# same load, then prints the median wall time, CPU (user + system) and peak
# RSS of each case per binary, with the load averages seen.
# Usage: ab.sh OLD NEW [ROUNDS]   (ROUNDS default 3)
# run.sh's environment (BENCH_N, BENCH_PDF_MAX, BENCH_REPORTS, BENCH_JOBS)
# is passed on; BENCH_DIR is set per binary below AB_DIR (default
# build/bench-ab). The raw output of every run is kept in AB_DIR/log-*.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
old=$1
new=$2
rounds=${3:-3}
dir=${AB_DIR:-$top/build/bench-ab}
mkdir -p "$dir"
rm -f "$dir"/log-*

one() {
	echo "== $1 round $2, $(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)"
	GONGSHI=$3 BENCH_DIR=$dir/work sh "$top/tests/bench/run.sh" >"$dir/log-$1-$2" 2>&1 || true
	cat "$dir/log-$1-$2"
}
r=1
while [ "$r" -le "$rounds" ]; do
	if [ $((r % 2)) = 1 ]; then
		one old "$r" "$old"
		one new "$r" "$new"
	else
		one new "$r" "$new"
		one old "$r" "$old"
	fi
	r=$((r + 1))
done

# Medians per binary and case: the case lines of run.sh (case, n, pages,
# notices, wall, cpu, rss …, load) and the example site's line.
echo
echo "medians of $rounds rounds (wall s, CPU s, peak RSS MB; pages; load1 range):"
for b in old new; do
	cat "$dir"/log-"$b"-* | awk -v b="$b" '
	function med(s,   a, k, i, j, t) {
		k = split(s, a, " ")
		for (i = 2; i <= k; i++)
			for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
		return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
	}
	function add(key, w, c, m, p, l) {
		if (!(key in W)) order[++no] = key
		W[key] = W[key] " " w; C[key] = C[key] " " c; M[key] = M[key] " " m
		P[key] = p; L[key] = L[key] " " l
	}
	/^example site, everything:/ {
		add("example", $4, $7, $10, $12, $15)
		next
	}
	$1 ~ /^(full|no-pdf|incremental2?|reports|edit-report)$/ && $5 ~ /^[0-9.]+$/ {
		add($1 " " $2, $5, $6, $7, $3, $NF)
	}
	END {
		for (i = 1; i <= no; i++) {
			k = order[i]
			printf "%-4s %-20s wall %6.2f  cpu %6.2f  rss %5.0f  pages %6d  load1 %s\n",
				b, k, med(W[k]), med(C[k]), med(M[k]), P[k], L[k]
		}
	}'
done
