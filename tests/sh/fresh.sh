#!/bin/sh
# run-once
# A new site builds wherever gongshi runs (issue 16): from a clean clone of
# the repository, built with make and nothing installed, with no
# GONGSHI_THEMES, `gongshi init mysite` then check, build and serve all
# succeed, and the served site's page and stylesheet come back over HTTP.
# (Before the default theme was compiled in, check passed and build and
# serve failed: 找不到主题“default”.)
#
#   GONGSHI=$PWD/gongshi OUT=/tmp/scratch sh tests/sh/fresh.sh   (from the repo root)
#
# GONGSHI is not used: the program under test is the clone's.  Clones the
# committed HEAD of the repository.  Needs git, make, a C compiler, curl.
# Prints one line per failure and ends with `N passed, N failed[, N skipped]`.
. "$(dirname "$0")/../lib/common.sh"
t_init fresh --no-gongshi
unset GONGSHI_THEMES http_proxy HTTP_PROXY all_proxy ALL_PROXY

for tool in git make curl; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		skip "$tool not installed"
		finish
	fi
done

clone=$OUT/clone
if git clone --quiet "$top" "$clone" >"$OUT/clone.log" 2>&1; then ok; else bad "git clone: $(cat "$OUT/clone.log")"; finish; fi
if (cd "$clone" && NO_APT=1 nice make -s -j2 gongshi) >"$OUT/make.log" 2>&1; then
	ok
else
	bad "make gongshi in the clone: $(tail -n 5 "$OUT/make.log")"
	finish
fi

# As the issue: from the built clone, ./gongshi on a site beside it.
run() { (cd "$clone" && ./gongshi "$@"); }
expect_status 0 "init" run init mysite
expect_status 0 "check" run check mysite
expect_status 0 "build" run build mysite --jobs 2
[ -s "$clone/mysite/public/index.html" ] && ok || bad "build: no public/index.html"
css=$(cd "$clone/mysite/public" 2>/dev/null && find assets -name '*.css' | head -n 1)
[ -n "$css" ] && ok || bad "build: no stylesheet in public/assets/"

pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null' EXIT
# A random port another program may hold: another is tried.
serve_start sh -c 'cd "$1" && shift && exec ./gongshi serve mysite --jobs 2 "$@"' - "$clone"
if [ -n "$pid" ]; then
	ok
	get() { curl --silent --noproxy '*' --max-time 20 -o "$OUT/body" -w '%{http_code}' "http://127.0.0.1:$port$1"; }
	[ "$(get /)" = 200 ] && cmp -s "$OUT/body" "$clone/mysite/public/index.html" && ok ||
		bad "serve: GET / is not public/index.html"
	[ "$(get "/$css")" = 200 ] && [ -s "$OUT/body" ] && ok || bad "serve: GET /$css failed"
	kill "$pid"
	wait "$pid" 2>/dev/null
	pid=
	ok
else
	bad "serve did not start: $(cat "$OUT/serve.out" "$OUT/serve.err")"
fi

finish
