#!/bin/sh
# The website's progress (issue 19) on the example site, as of its
# today: 2022-06-01, against golden files in tests/fixtures/progress/
# (REGEN=1 rewrites them; read the diff first):
#   - progress/index.html: its <main> (rates by subdistrict and area, the
#     two SVG charts and their tables, the overdue list, investment by
#     source), and its `--context` JSON;
#   - two community pages' 改造进度 sections (timeline planned against
#     actual, the dated reports newest first, investment, hotline): one
#     completed, one under way; their first screen says the status word;
#     the design and supervision units and the project manager are among
#     the contacts with tel: links;
#   - the Atom feed carries the reports as entries linking the community;
#   - search finds communities by their status words;
#   - the home page's target-against-actual table links the progress page,
#     and every page's navigation does;
#   - the community lists (communities/, an area's page, a subdistrict's
#     page) show each community's status words from the facts and 逾期
#     (the example with 供电小区 made overdue, 20 a page): the list's
#     <main> against communities-main.html, the filter's choices are the
#     status words and 逾期, a row's data-status holds its words;
#   - a site without progress facts has no progress page and no link to
#     it, and its lists show and filter by the phase as before.
#
#   GONGSHI=$PWD/gongshi OUT=/tmp/scratch sh tests/sh/progress.sh   (from the repo root)
#
# Prints one line per failure and ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init progress
gold=$top/tests/fixtures/progress

# golden NAME FILE: FILE against $gold/NAME (REGEN=1 writes it).
golden() {
	if [ -n "${REGEN:-}" ]; then
		cp "$2" "$gold/$1"
	fi
	if diff -u "$gold/$1" "$2" >"$OUT/$1.diff" 2>&1; then
		ok
	else
		bad "$1 differs from tests/fixtures/progress/$1: $(head -n 30 "$OUT/$1.diff")"
	fi
}

# section FILE: the 改造进度 section of a community page.
section() { sed -n '/<section aria-labelledby="progress-h">/,/<\/section>/p' "$1"; }

copy_example_site "$OUT/site"
if ! "$GONGSHI" build "$OUT/site" -o "$OUT/public" --no-pdf >"$OUT/build.log" 2>&1; then
	bad "the example does not build: $(tail -n 3 "$OUT/build.log")"
	finish
fi
p=$OUT/public/progress/index.html
if [ -f "$p" ]; then
	ok
	sed -n '/<main/,/<\/main>/p' "$p" >"$OUT/progress-main.html"
	golden progress-main.html "$OUT/progress-main.html"
	check "the rates chart is an image with a name" grep -q 'role="img" aria-labelledby="rates-chart-t rates-chart-d"' "$p"
	check "the schedule chart is there" grep -q 'aria-labelledby="schedule-chart-t schedule-chart-d"' "$p"
	lacks "no script on the progress page but the theme's" "$p" '<script>'
else
	bad "no progress/index.html"
fi
if "$GONGSHI" build "$OUT/site" --context progress/ >"$OUT/progress-context.json" 2>"$OUT/context.log"; then
	golden progress-context.json "$OUT/progress-context.json"
else
	bad "--context progress/ failed: $(tail -n 2 "$OUT/context.log")"
fi

for id in haihe-xiaoqu gongdian-xiaoqu; do
	c=$OUT/public/communities/$id/index.html
	section "$c" >"$OUT/$id-progress.html"
	golden "$id-progress.html" "$OUT/$id-progress.html"
done
c=$OUT/public/communities/haihe-xiaoqu/index.html
check "the first screen says 已竣工" grep -q '<strong class="status status-completed">已竣工</strong>' "$c"
check "the design unit is a contact" grep -q '<th scope="row">设计单位</th>' "$c"
check "the supervision unit is a contact" grep -q '<th scope="row">监理单位</th>' "$c"
check "the project manager has a tel: link" grep -q 'href="tel:0632-4455504"' "$c"
lacks "the 进度 phase no longer speaks for the status" "$c" '本小区处于'

f=$OUT/public/feed.xml
check "the feed carries a community's report" grep -q '^<title>海河小区：工程完成100%</title>' "$f"
check "the report's entry links the community's progress" grep -q 'communities/haihe-xiaoqu/#progress-h"/>' "$f"
check "the feed is well-formed XML" xmllint --noout "$f"

# Search by status words: 已竣 (of 已竣工) is a token of the completed
# communities only, 海河小区 (document 0) the first of them; 未开 (of
# 未开工) is in the texts of the example's three not started.
t=$OUT/public/search-index/t
check "search finds 海河小区 by 已竣工" grep -q '"已竣":\[\[0,' "$t"/*.js
check "search finds the three not started by 未开工" grep -q '"未开":\[\[[0-9]*,[0-9]*,[0-9]*\]' "$t"/*.js
check "the result's snippet says the status" grep -q '"s":"临城街道 · 海河片区 · 临城街道海河路61号 · 已竣工"' "$OUT"/public/search-index/d/*.js

h=$OUT/public/index.html
check "the home page has target against actual" grep -q '<caption>实施方案的目标和截至2022年6月1日的完成数</caption>' "$h"
check "the home page links the progress page" grep -q 'href="progress/index.html"' "$h"
check "the navigation links the progress page" grep -q '<a href="../../progress/index.html"' "$c"

# -- The lists: status words from the facts and 逾期, and the filter by
# them.  供电小区 (started 2022-05-06) planned to finish by 2022-05-20.
copy_example_site "$OUT/late"
sed -i 's/^\(gongdian-xiaoqu,.*\),2022-05-02,2022-09-04,/\1,2022-05-02,2022-05-20,/' \
	"$OUT/late/data/communities.csv"
printf 'page_size: 20\n' >>"$OUT/late/site.yaml"
if "$GONGSHI" build "$OUT/late" -o "$OUT/late-public" --no-pdf >"$OUT/late.log" 2>&1; then
	l=$OUT/late-public/communities/index.html
	sed -n '/<main/,/<\/main>/p' "$l" >"$OUT/communities-main.html"
	golden communities-main.html "$OUT/communities-main.html"
	check "the list says 已开工 and 逾期 for 供电小区" grep -q \
		'<td data-label="进度">已开工 <strong class="status status-overdue">逾期</strong></td>' "$l"
	check "the list says 已竣工 for 海河小区" grep -q '<td data-label="进度">已竣工</td>' "$l"
	lacks "the list no longer shows the 进度 phase" "$l" '阶段</td>'
	check "an overdue row's data-status has both words" grep -q \
		'<tr data-subdistrict="lincheng" data-area="g1" data-status="started overdue" data-text="供电小区 ' "$l"
	check "the filter offers 逾期" grep -q '<option value="overdue">逾期</option>' "$l"
	check "the filter offers 已开工" grep -q '<option value="started">已开工</option>' "$l"
	lacks "the filter offers no phase" "$l" '<option value="renovation">'
	a=$OUT/late-public/communities/area/g1/index.html
	check "the area's page says 逾期" grep -q '<td data-label="进度">已开工 <strong class="status status-overdue">逾期</strong></td>' "$a"
	u=$OUT/late-public/units/lincheng/index.html
	check "the subdistrict's page says 逾期" grep -q '<td data-label="进度">已开工 <strong class="status status-overdue">逾期</strong></td>' "$u"
	check "the subdistrict's page says 已竣工" grep -q '<td data-label="进度">已竣工</td>' "$u"
	check "the contractor's page says 已竣工" grep -q '<td data-label="进度">已竣工</td>' "$OUT/late-public/units/shenghong/index.html"
else
	bad "the example with an overdue community does not build: $(tail -n 3 "$OUT/late.log")"
fi

# -- A site without progress facts: as before, no page, no link.
one_community_site "$OUT/plain"
awk -F, -v OFS=, '{ NF = 15; print }' "$OUT/plain/data/communities.csv" >"$OUT/c.csv" &&
	mv "$OUT/c.csv" "$OUT/plain/data/communities.csv"
rm -f "$OUT/plain/data/progress.csv" "$OUT/plain/data/funding.csv"
sed -i '/investment_wan/d' "$OUT/plain/site.yaml"
if "$GONGSHI" build "$OUT/plain" -o "$OUT/plain-public" --no-pdf >"$OUT/plain.log" 2>&1; then
	check "no progress page without progress facts" test ! -e "$OUT/plain-public/progress/index.html"
	lacks "no link to it either" "$OUT/plain-public/index.html" 'progress/index.html'
	check "the 进度 phase still speaks without them" grep -q '本小区处于' "$OUT/plain-public/communities/bayi-xiaoqu/index.html"
	check "the list shows the phase without them" grep -q \
		'<td data-label="进度">全面整治阶段</td>' "$OUT/plain-public/communities/index.html"
	check "the list's data-status is the phase id without them" grep -q \
		'data-status="renovation"' "$OUT/plain-public/communities/index.html"
else
	bad "a site without progress facts does not build: $(tail -n 3 "$OUT/plain.log")"
fi
finish
