#!/bin/sh
# run-once
# The community list's filter by status words (issue 19) in Debian's
# headless Chromium: the example site with 供电小区 made overdue, 20
# communities a page, built and opened over file:// (as a resident may
# open a copy); tests/e2e/list-filter.js chooses each status and checks
# the rows shown, the list without JavaScript, and axe on the list, an
# area's page and a subdistrict's page at 375 and 1280 px.
#
#   GONGSHI=path/to/gongshi OUT=scratch_dir sh tests/sh/list-filter.sh
#
# Without Chromium, node or tests/e2e/node_modules (sh tests/e2e/setup.sh)
# it says `skipped: …` and counts a skip.  Ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init list-filter
e2e=$top/tests/e2e

missing=
browser=${CHROMIUM:-/usr/bin/chromium}
[ -x "$browser" ] || missing="$missing chromium ($browser)"
command -v node >/dev/null 2>&1 || missing="$missing node"
for m in playwright-core axe-core; do
	[ -f "$e2e/node_modules/$m/package.json" ] || missing="$missing tests/e2e/node_modules/$m"
done
if [ -n "$missing" ]; then
	skip "the list's filter in a browser, missing:$missing (run: sh tests/e2e/setup.sh)"
	finish
fi

copy_example_site "$OUT/site"
sed -i 's/^\(gongdian-xiaoqu,.*\),2022-05-02,2022-09-04,/\1,2022-05-02,2022-05-20,/' \
	"$OUT/site/data/communities.csv"
printf 'page_size: 20\n' >>"$OUT/site/site.yaml"
if GONGSHI_THEMES="$top/themes" "$GONGSHI" build "$OUT/site" -o "$OUT/public" --no-pdf >"$OUT/build.log" 2>&1; then
	ok
else
	bad "the example with an overdue community does not build: $(tail -n 3 "$OUT/build.log")"
	finish
fi

to=
command -v timeout >/dev/null 2>&1 && to="timeout 300"
E2E_SITE="$OUT/public" CHROMIUM="$browser" PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PLAYWRIGHT_BROWSERS_PATH=0 \
	$to node "$e2e/list-filter.js" >"$OUT/list-filter.log" 2>&1
status=$?
grep -v -E '^[0-9]+ passed, [0-9]+ failed' "$OUT/list-filter.log"
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$OUT/list-filter.log" | tail -n 1)
if [ -z "$line" ]; then
	bad "list-filter.js printed no count (exit $status)"
else
	passed=$((passed + $(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')))
	failed=$((failed + $(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')))
	[ "$status" = 0 ] || [ "$failed" != 0 ] || bad "list-filter.js exited $status"
fi
finish
