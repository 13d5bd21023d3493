#!/bin/sh
# run-once
# Limits, the large cases (too slow to repeat under AddressSanitizer):
#   - a communities table of 120 MiB (740,000 rows, more than twice the
#     country's old communities), just under the 128 MiB limit, is read
#     and checked without an error;
#   - a community text of 5 MB makes its page and a notice of thousands
#     of pages, the text's last paragraph on both.
# Peak memory and time are printed (`info:` lines) when /usr/bin/time is
# there; they are not asserted.  docs/data-format.md ("限制") quotes them.
#
#   GONGSHI=$PWD/gongshi OUT=/tmp/scratch sh tests/sh/limits-big.sh   (from the repo root)
#
# Prints one line per failure and ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init limits-big
repo_themes

# fresh NAME: $site is a new one-community site in $OUT/NAME.
fresh() {
	site=$OUT/$1
	one_community_site "$site"
}
# run WHAT COMMAND [ARG...]: runs gongshi inside the site, timed when it
# can be; sets $status.
run() {
	what=$1
	shift
	if [ -x /usr/bin/time ]; then
		(cd "$site" && /usr/bin/time -f '%e %M' -o "$site.time" "$GONGSHI" "$@") \
			>"$site.stdout" 2>"$site.stderr"
		status=$?
		awk -v w="$what" '{ printf "info: %s: %s s, peak %.0f MB\n", w, $1, $2 / 1024 }' "$site.time"
	else
		(cd "$site" && "$GONGSHI" "$@") >"$site.stdout" 2>"$site.stderr"
		status=$?
	fi
}

# A table of 120 MiB.
fresh table
awk 'BEGIN {
	for (i = 0; i < 740000; i++)
		printf "c%d,第%d号小区,临城街道,海河片区,临城街道海河路%d号,%d,%d.5,%d,19%d,1;2;3;4;6;9;10;12,renovation,shenghong,胡素梅,0632-44%05d,否,,,,,,,,,,,\n",
			i, i, i, 100 + i % 300, 10000 + i % 20000, 1 + i % 20, 70 + i % 29, i % 100000
}' >>"$site/data/communities.csv"
# The example's consent survey covers its own communities only: with it,
# each started row would want one (a warning each, not what this measures).
rm "$site/data/consent.csv"
size=$(wc -c <"$site/data/communities.csv")
[ "$size" -gt 120000000 ] && [ "$size" -lt 134217728 ] && ok ||
	bad "table: generated $size bytes, want 120-128 MiB"
run "120 MiB table, check" check .
[ "$status" = 0 ] && ok || bad "table: exit status $status: $(head -c 600 "$site.stderr")"
[ -s "$site.stderr" ] && bad "table: $(head -c 600 "$site.stderr")" || ok
grep -q '^合计：740001 个小区' "$site.stdout" && ok || bad "table: $(head -n 3 "$site.stdout")"
rm -f "$site/data/communities.csv"

# A community text of 5 MB.
fresh text
{
	printf -- '---\ntitle: 八一小区\n---\n'
	awk 'BEGIN {
		p = "小区建成年代较早，雨污管网老化，雨季常有积水。楼道墙皮脱落，照明设施损坏，夜间出行不便。"
		for (i = 0; s < 5 * 1024 * 1024; i++) {
			line = "第" i "段：" p p p
			print line
			print ""
			s += length(line) + 2
		}
		print "全文完结尾段"
	}'
} >"$site/content/communities/bayi-xiaoqu.md"
run "5 MB community text, build" build . -o "$site.out" --jobs 2
[ "$status" = 0 ] && ok || bad "text: exit status $status: $(head -c 600 "$site.stderr")"
grep -qF 全文完结尾段 "$site.out/communities/bayi-xiaoqu/index.html" 2>/dev/null && ok ||
	bad "text: the last paragraph is not on the page"
pdf=$site.out/communities/bayi-xiaoqu/notice.pdf
if command -v pdfinfo >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
	pages=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	echo "info: the notice has ${pages:-no} pages"
	[ "${pages:-0}" -gt 1000 ] && ok || bad "text: the notice has ${pages:-no} pages, want > 1000"
	pdftotext -f "$((${pages:-1} - 3))" "$pdf" - 2>/dev/null | grep -qF 全文完结尾段 && ok ||
		bad "text: the last paragraph is not in the notice's last pages"
else
	skip "pdfinfo or pdftotext not installed"
fi

finish
