#!/bin/sh
# make bench: times gongshi on generated sites and prints the figures.
# BENCH_N overrides the sizes (space-separated).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=$top/gongshi
work=$top/build/bench
sizes=${BENCH_N:-"10000 100000"}
mkdir -p "$work"
printf '%-10s %-8s %10s %10s %12s %14s\n' case rows wall_s cpu_s peak_rss_kb s_per_10k_rows
for n in $sizes; do
	sh "$top/tests/bench/gen_site.sh" "$n" "$work/site-$n"
	/usr/bin/env time -f '%e %U %S %M' -o "$work/time" \
		"$bin" check "$work/site-$n" >/dev/null 2>"$work/stderr" || {
		echo "bench: gongshi check failed on $n rows:" >&2
		head "$work/stderr" >&2
		exit 1
	}
	read -r wall user sys rss <"$work/time"
	awk -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" \
		'BEGIN { printf "%-10s %-8d %10.2f %10.2f %12d %14.3f\n", "check", n, w, u + s, m, w / (n / 10000) }'
done

# The example site, everything included, and the PDF notices alone.
rm -rf "$work/example-public"
/usr/bin/env time -f '%e %U %S %M' -o "$work/time" \
	"$bin" build "$top" -o "$work/example-public" >/dev/null
read -r wall user sys rss <"$work/time"
awk -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" \
	'BEGIN { printf "%-10s %-8s %10.2f %10.2f %12d\n", "build", "example", w, u + s, m }'
echo
echo "PDF notices of the example site (targets: under 100 KB and 20 ms CPU for a one-page notice):"
"$top/build/tests/test_pdf_notice" --bench "$top"
