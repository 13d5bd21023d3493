#!/bin/sh
# gongshi serve: builds, serves the output folder on 127.0.0.1 and nothing
# outside it, rebuilds when a CSV row changes and serves the change; a
# failed rebuild prints its errors and leaves the last good site served;
# a taken port is a clear error; SIGTERM stops it cleanly.  A site whose
# first build fails is served as our own "not built yet" page until fixed.
#
#   GONGSHI=$PWD/gongshi OUT=/tmp/scratch sh tests/sh/serve.sh   (from the repo root)
#
# Needs curl.  Prints one line per failure and ends with
# `N passed, N failed[, N skipped]`.
. "$(dirname "$0")/../lib/common.sh"
t_init serve
site=$OUT/site
repo_themes
# A proxy from the environment must not see requests to 127.0.0.1.
unset http_proxy HTTP_PROXY all_proxy ALL_PROXY

if ! command -v curl >/dev/null 2>&1; then
	skip "curl not installed"
	finish
fi

pids=
# Never leave a server running, whatever happens (our own pids only).
trap 'for p in $pids; do kill "$p" 2>/dev/null; done' EXIT

# get PATH [CURL OPTION...]: the body in $OUT/body, the headers in
# $OUT/headers; prints the status code ("000" when nothing answered).
get() {
	path=$1
	shift
	curl --silent --globoff --path-as-is --noproxy '*' --max-time 20 \
		-o "$OUT/body" -D "$OUT/headers" -w '%{http_code}' "$@" "http://127.0.0.1:$port$path"
}
header() { tr -d '\r' <"$OUT/headers" | sed -n "s/^$1: //Ip" | tail -n 1; }
# until_true SECONDS COMMAND...: runs COMMAND until it succeeds, at most
# about SECONDS; gives up at once when the server has exited.
until_true() {
	n=$(($1 * 5))
	shift
	while [ "$n" -gt 0 ]; do
		"$@" && return 0
		kill -0 "$pid" 2>/dev/null || return 1
		sleep 0.2
		n=$((n - 1))
	done
	return 1
}
address_shown() { grep -q '^预览地址：' "$OUT/$1.out"; }

# serve NAME [OPTION...]: starts gongshi serve on $site at a free port,
# output in $OUT/NAME.out and $OUT/NAME.err; sets $port and $pid and
# waits for the address line.  Another program may hold a random port:
# then another is tried.
serve() {
	name=$1
	shift
	for try in 1 2 3 4 5; do
		port=$(random_port)
		"$GONGSHI" serve "$site" --port "$port" --jobs 2 "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" &
		pid=$!
		pids="$pids $pid"
		until_true 120 address_shown "$name" && return 0
		wait "$pid" 2>/dev/null
		grep -q "端口 $port 已被占用" "$OUT/$name.err" || return 1
	done
	return 1
}

copy_example_site "$site"

# -- Starts, builds, shows where to look.
if serve main; then ok; else bad "did not start: $(cat "$OUT/main.out" "$OUT/main.err")"; fi
grep -qx "预览地址：http://127.0.0.1:$port/" "$OUT/main.out" && ok || bad "address line: $(cat "$OUT/main.out")"
[ "$(grep -c '^预览地址：' "$OUT/main.out")" = 1 ] && ok || bad "address line not shown exactly once"
grep -qx '按 Ctrl+C 停止。' "$OUT/main.out" && ok || bad "no Ctrl+C line"
grep -Eq '^已生成 [0-9]+ 个页面、[0-9]+ 个 PDF，共' "$OUT/main.out" && ok || bad "no first build: $(cat "$OUT/main.out")"
[ -f "$site/public/index.html" ] && ok || bad "no public/index.html"

# -- Serves pages, PDFs and assets with their types, never cached.
[ "$(get /)" = 200 ] && ok || bad "GET / not 200"
[ "$(header content-type)" = "text/html; charset=utf-8" ] && ok || bad "/ type: $(header content-type)"
[ "$(header cache-control)" = "no-store" ] && ok || bad "/ cache-control: $(header cache-control)"
cmp -s "$OUT/body" "$site/public/index.html" && ok || bad "/ is not public/index.html"
[ "$(get /communities/haihe-xiaoqu/)" = 200 ] && ok || bad "community page not 200"
grep -q '海河小区' "$OUT/body" && ok || bad "community page lacks its name"
[ "$(get /communities/haihe-xiaoqu/notice.pdf)" = 200 ] && ok || bad "notice not 200"
[ "$(header content-type)" = "application/pdf" ] && ok || bad "notice type: $(header content-type)"
cmp -s "$OUT/body" "$site/public/communities/haihe-xiaoqu/notice.pdf" && ok || bad "notice bytes differ"
[ "$(get /communities/haihe-xiaoqu/notice.pdf --head)" = 200 ] && ok || bad "HEAD not 200"
[ "$(header content-length)" = "$(wc -c <"$site/public/communities/haihe-xiaoqu/notice.pdf" | tr -d ' ')" ] &&
	ok || bad "HEAD content-length: $(header content-length)"
# (curl --head writes the headers where the body would go.)
lacks "HEAD sent a body" "$OUT/body" '%PDF'
css=$(cd "$site/public" && find assets -name '*.css' | head -n 1)
[ "$(get "/$css")" = 200 ] && [ "$(header content-type)" = "text/css; charset=utf-8" ] && ok ||
	bad "/$css: $(header content-type)"
[ "$(get /sitemap.xml)" = 200 ] && [ "$(header content-type)" = "application/xml; charset=utf-8" ] && ok ||
	bad "sitemap.xml: $(header content-type)"
# A folder without its slash goes to the folder, so relative links work.
[ "$(get /communities/haihe-xiaoqu)" = 301 ] && ok || bad "folder without slash not 301"
[ "$(header location)" = "/communities/haihe-xiaoqu/" ] && ok || bad "redirect to: $(header location)"
# Missing: the site's own 404 page, with <base href="/"> after <head> so
# that its links and stylesheet are found from /no/such/ (without JavaScript).
[ "$(get /no/such/page.html)" = 404 ] && ok || bad "missing page not 404"
sed '0,/<head>/s//<head>\n<base href="\/">/' "$site/public/404.html" >"$OUT/404-want.html"
grep -q '^<base href="/">$' "$OUT/404-want.html" && ok || bad "the site's 404.html has no <head>"
cmp -s "$OUT/body" "$OUT/404-want.html" && ok ||
	bad "missing page is not the site's 404.html with <base href=\"/\">: $(diff "$OUT/404-want.html" "$OUT/body" | head -n 5)"
[ "$(get / -X POST)" = 405 ] && ok || bad "POST not 405"
[ "$(header allow)" = "GET, HEAD" ] && ok || bad "405 allow: $(header allow)"

# -- Nothing outside the output folder, however asked for.
printf 'SECRET-OUTSIDE\n' >"$OUT/outside.txt"
ln -s "$OUT/outside.txt" "$site/public/leak.txt"
ln -s "$site" "$site/public/up"
mkfifo "$site/public/fifo.html"
for path in /../site.yaml /%2e%2e/site.yaml /%2E%2E/%2E%2E/outside.txt /..%2fsite.yaml \
	/communities/../../site.yaml /..%5csite.yaml //etc/passwd /%2fetc/passwd \
	/index.html%00.txt /leak.txt /up/site.yaml /up/data/communities.csv /fifo.html; do
	code=$(get "$path")
	case $code in
	400 | 404) ok ;;
	*) bad "$path: status $code" ;;
	esac
	if grep -q 'SECRET-OUTSIDE' "$OUT/body" || grep -q '^编号,' "$OUT/body" ||
		grep -q '^root:' "$OUT/body" || grep -q '^base_url:' "$OUT/body"; then
		bad "$path: served a file from outside the output folder"
	else
		ok
	fi
done
rm -f "$site/public/leak.txt" "$site/public/up" "$site/public/fifo.html"

# -- On 127.0.0.1 only: another address of this machine is refused.
other=$(hostname -I 2>/dev/null | tr ' ' '\n' | grep -E '^[0-9]+\.' | grep -v '^127\.' | head -n 1)
if [ -n "$other" ]; then
	curl --silent --noproxy '*' --max-time 5 -o /dev/null "http://$other:$port/"
	# 7: refused; 28: timed out (a firewall that drops).
	case $? in 7 | 28) ok ;; *) bad "answers on $other" ;; esac
else
	skip "no address other than 127.0.0.1 to try"
fi

# -- A second preview on the same port: a clear error, status 2.
"$GONGSHI" serve "$site" --port "$port" >"$OUT/second.out" 2>"$OUT/second.err"
[ $? = 2 ] && ok || bad "taken port: exit status not 2"
grep -q "^gongshi: 端口 $port 已被占用" "$OUT/second.err" && ok || bad "taken port message: $(cat "$OUT/second.err")"

# -- An edited row is served after the rebuild.
sed -i '2s/^haihe-xiaoqu,海河小区,/haihe-xiaoqu,海河新村小区,/' "$site/data/communities.csv"
grep -q '^haihe-xiaoqu,海河新村小区,' "$site/data/communities.csv" || bad "test set-up: the row was not edited"
renamed() { [ "$(get /communities/haihe-xiaoqu/)" = 200 ] && grep -q '海河新村小区' "$OUT/body"; }
if until_true 120 renamed; then ok; else bad "edited name not served: $(cat "$OUT/main.out" "$OUT/main.err")"; fi
rebuilt() { grep -q '^重新生成完成' "$OUT/main.out"; }
if until_true 30 rebuilt; then ok; else bad "no rebuild line: $(cat "$OUT/main.out")"; fi
grep -q '检测到文件改动，正在重新生成' "$OUT/main.out" && ok || bad "no change line"
grep -Eq '个页面（重新生成 [0-9]+ 个）' "$OUT/main.out" && ok || bad "rebuild not incremental: $(cat "$OUT/main.out")"

# -- A broken row: the errors are printed, the last good site stays.
sed -i '2s/,208,/,abc,/' "$site/data/communities.csv"
failed_line() { grep -q '^重新生成失败，仍在提供上一次成功生成的网站。$' "$OUT/main.err"; }
if until_true 120 failed_line; then ok; else bad "no failure line: $(cat "$OUT/main.err")"; fi
grep -qF 'data/communities.csv:2:6: error: 户数“abc”不是整数' "$OUT/main.err" && ok ||
	bad "the error is not shown: $(cat "$OUT/main.err")"
renamed && ok || bad "last good page not served after a failed rebuild"
[ "$(get /)" = 200 ] && ok || bad "/ not served after a failed rebuild"
kill -0 "$pid" 2>/dev/null && ok || bad "server died after a failed rebuild"

# -- SIGTERM: exits 0, the port is free again.
kill -TERM "$pid"
wait "$pid"
[ $? = 0 ] && ok || bad "SIGTERM: exit status not 0"
grep -qx '预览已停止。' "$OUT/main.out" && ok || bad "no stop line"
[ "$(get /)" = 000 ] && ok || bad "port $port still answers after stop"

# -- A first build that fails: our own page says so; fixed, the site is served.
rm -rf "$site/public"
serve broken --no-pdf || bad "broken site: did not start: $(cat "$OUT/broken.err")"
grep -q '^生成失败，还没有可以预览的网站' "$OUT/broken.err" && ok || bad "broken site message: $(cat "$OUT/broken.err")"
[ "$(get /)" = 404 ] && ok || bad "broken site: / not 404"
grep -q '网站尚未生成' "$OUT/body" && grep -q '终端窗口' "$OUT/body" && ok || bad "broken site page: $(cat "$OUT/body")"
[ "$(header content-type)" = "text/html; charset=utf-8" ] && ok || bad "broken site page type"
sed -i '2s/,abc,/,208,/' "$site/data/communities.csv"
if until_true 120 renamed; then ok; else bad "fixed site not served: $(cat "$OUT/broken.out" "$OUT/broken.err")"; fi
kill -TERM "$pid"
wait "$pid"
[ $? = 0 ] && ok || bad "broken site: SIGTERM exit status not 0"

finish
