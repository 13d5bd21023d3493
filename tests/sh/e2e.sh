#!/bin/sh
# run-once
# The end-to-end browser test: builds the example site under the sub-path
# /laojiu/, serves it with a real nginx on 127.0.0.1 (started here as the
# current user, everything inside $OUT), and runs tests/e2e/e2e.js in
# Debian's headless Chromium (axe-core, widths, text size, filter).
#
#   GONGSHI=path/to/gongshi OUT=scratch_dir sh tests/sh/e2e.sh
#   SCREENSHOTS=1 also writes docs/screenshots/e2e-*.png
#   E2E_WWW=dir   test an already built site folder instead of building
#
# Without Chromium, nginx or tests/e2e/node_modules (run `make test-deps`,
# i.e. sh tests/e2e/setup.sh) it says `skipped: …` and counts a skip.
. "$(dirname "$0")/../lib/common.sh"
t_init e2e
e2e=$top/tests/e2e

# What the run needs; each missing piece is said, then one skip.
missing=
browser=${CHROMIUM:-/usr/bin/chromium}
[ -x "$browser" ] || missing="$missing chromium ($browser)"
nginx_bin=$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)
[ -x "$nginx_bin" ] || missing="$missing nginx"
command -v node >/dev/null 2>&1 || missing="$missing node"
for m in playwright-core axe-core; do
	[ -f "$e2e/node_modules/$m/package.json" ] || missing="$missing tests/e2e/node_modules/$m"
done
if [ -n "$missing" ]; then
	skip "end-to-end browser test, missing:$missing (run: make test-deps, or sh tests/e2e/setup.sh)"
	finish
fi

mkdir -p "$OUT/www" "$OUT/nginx-tmp"

# The site, built under a sub-path as a portal column would host it.
if [ -n "${E2E_WWW:-}" ]; then
	cp -R "$E2E_WWW" "$OUT/www/laojiu"
else
	copy_example_site "$OUT/site"
	[ -d "$top/layouts" ] && cp -R "$top/layouts" "$OUT/site/"
	# The repository's themes, not whatever `make install` left behind.
	if GONGSHI_THEMES="$top/themes" "$GONGSHI" build "$OUT/site" -o "$OUT/www/laojiu" >"$OUT/build.log" 2>&1; then
		ok
	else
		bad "gongshi build $OUT/site -o $OUT/www/laojiu: exit $?"
		sed 's/^/    /' "$OUT/build.log" | head -n 20
		finish
	fi
fi
if [ -f "$OUT/www/laojiu/index.html" ]; then ok; else bad "no index.html in $OUT/www/laojiu"; finish; fi
# axe-core from the same server, beside the site and not in it, so the
# browser compiles it once (see runAxe in e2e.js).
mkdir -p "$OUT/www/__e2e"
cp "$e2e/node_modules/axe-core/axe.min.js" "$OUT/www/__e2e/"

# A free port on loopback: the kernel picks one for a socket bound to 0.
free_port() {
	node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

nginx_pid=
stop_nginx() {
	if [ -n "$nginx_pid" ]; then
		kill "$nginx_pid" 2>/dev/null
		wait "$nginx_pid" 2>/dev/null
		nginx_pid=
	fi
}
trap stop_nginx EXIT
trap 'stop_nginx; exit 1' INT TERM HUP

if [ "$(id -u)" = 0 ]; then
	# As root, nginx would hand its workers to "nobody"; keep them ours.
	user_line="user $(id -un) $(id -gn);"
else
	user_line=
fi

# Starts nginx in the foreground on a free port; tries another port if the
# one picked was taken meanwhile.
port=
tries=0
while [ "$tries" -lt 3 ]; do
	tries=$((tries + 1))
	port=$(free_port) || break
	sed -e "s|@OUT@|$OUT|g" -e "s|@PORT@|$port|g" -e "s|@USER@|$user_line|" \
		"$e2e/nginx.conf.in" >"$OUT/nginx.conf"
	"$nginx_bin" -p "$OUT" -e "$OUT/nginx-error.log" -c "$OUT/nginx.conf" \
		-g 'daemon off;' >"$OUT/nginx.out" 2>&1 &
	nginx_pid=$!
	# Ready when it answers; gone when it could not bind.
	if node -e '
		const http = require("http");
		const url = process.argv[1];
		let n = 0;
		(function again() {
			http.get(url, (r) => { r.resume(); process.exit(r.statusCode === 200 ? 0 : 2); })
				.on("error", () => { if (++n > 50) process.exit(1); setTimeout(again, 100); });
		})();' "http://127.0.0.1:$port/laojiu/"; then
		break
	fi
	stop_nginx
	port=
done
if [ -n "$port" ]; then
	ok
else
	bad "nginx did not start on 127.0.0.1"
	sed 's/^/    /' "$OUT/nginx-error.log" "$OUT/nginx.out" 2>/dev/null | tail -n 10
	finish
fi

# The screenshot shows a community with its own page text, if one has.
shot=
for f in "$top"/content/communities/*.md; do
	[ -f "$f" ] && shot=$(basename "$f" .md) && break
done
# The example's new kinds of page, each with what shows it works: the
# progress page's charts, the results list, a result page's answers, a
# gallery's pictures, a 再公示's rounds (none of them when E2E_WWW is some
# other site). Selectors without spaces: the words are split on them.
expect=
[ -z "${E2E_WWW:-}" ] && expect='progress/|svg.chart[role=img] results/|table.results
communities/huaihe-xincun/result/|li.opinion communities/yushu-xincun/|.gallery-list>li>figure>a>img
communities/huaihe-xincun/|ol.rounds>li'
# e2e.js stops itself after 420 s; `timeout` is the belt to those braces.
to=
command -v timeout >/dev/null 2>&1 && to="timeout 480"
E2E_BASE="http://127.0.0.1:$port/laojiu/" E2E_AXE_URL="http://127.0.0.1:$port/__e2e/axe.min.js" \
	E2E_ROOT="$OUT/www/laojiu" CHROMIUM="$browser" E2E_SHOT_COMMUNITY="$shot" E2E_EXPECT="$expect" \
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PLAYWRIGHT_BROWSERS_PATH=0 \
	$to node "$e2e/e2e.js" >"$OUT/e2e.log" 2>&1
status=$?
stop_nginx
grep -v -E '^[0-9]+ passed, [0-9]+ failed' "$OUT/e2e.log"
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$OUT/e2e.log" | tail -n 1)
if [ -z "$line" ]; then
	bad "e2e.js printed no count (exit $status)"
else
	passed=$((passed + $(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')))
	failed=$((failed + $(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')))
	[ "$status" = 0 ] || [ "$failed" != 0 ] || bad "e2e.js exited $status"
fi
finish
