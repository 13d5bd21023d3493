#!/bin/sh
# The command line: usage, exit statuses, paths in messages, the man page,
# make install with DESTDIR (the binary alone builds a site).
. "$(dirname "$0")/../lib/common.sh"
t_init cli

expect_status 0 "--help" "$GONGSHI" --help
grep -q "gongshi build" "$OUT/stdout" && ok || bad "--help lists build"
expect_status 0 "--version" "$GONGSHI" --version
grep -Eq '^gongshi [0-9]+\.[0-9]+\.[0-9]+$' "$OUT/stdout" && ok || bad "--version format"
expect_status 2 "no command" "$GONGSHI"
expect_status 2 "unknown command" "$GONGSHI" frobnicate
grep -q '未知命令“frobnicate”' "$OUT/stderr" && ok || bad "unknown command message"
expect_status 2 "unknown option" "$GONGSHI" check --frob
grep -q '未知选项“--frob”' "$OUT/stderr" && ok || bad "unknown option message"
expect_status 2 "-o without a value" "$GONGSHI" build . -o
expect_status 2 "two site dirs" "$GONGSHI" check a b
expect_status 2 "missing site dir" "$GONGSHI" check "$OUT/nowhere"
grep -q "站点目录“$OUT/nowhere”不存在" "$OUT/stderr" && ok || bad "missing site dir message"

# A site given by path: messages carry that path, so editors can jump.
copy_example_site "$OUT/site"
expect_status 0 "check the example site by path" "$GONGSHI" check "$OUT/site"
grep -q '^合计：56 个小区，7663 户，90.12 万平方米$' "$OUT/stdout" && ok || bad "summary totals"
sed -i '2s/,208,/,x,/' "$OUT/site/data/communities.csv"
expect_status 1 "error in a site given by path" "$GONGSHI" check "$OUT/site"
grep -qx "$OUT/site/data/communities.csv:2:6: error: 户数“x”不是整数" "$OUT/stderr" && ok ||
	bad "path prefix in message: $(head -n 1 "$OUT/stderr")"
[ ! -e "$OUT/site/public" ] && ok || bad "check wrote output"

# Progress, --verbose, --quiet.  Progress goes to a terminal only: through
# a pipe a build prints the summary and nothing else; under script(1),
# which gives it a terminal, the line is drawn with carriage returns and
# cleared before the summary.
sed -i '2s/,x,/,208,/' "$OUT/site/data/communities.csv"
repo_themes
expect_status 0 "build through a pipe" "$GONGSHI" build "$OUT/site" -o "$OUT/pub" --no-pdf --jobs 2
[ ! -s "$OUT/stderr" ] && ok || bad "a piped build printed to stderr: $(head -c 200 "$OUT/stderr")"
grep -Eq '^已生成 151 个页面、0 个 PDF，共 [0-9]+ 字节，用时 [0-9.]+ 秒$' "$OUT/stdout" && [ "$(wc -l <"$OUT/stdout")" = 1 ] &&
	ok || bad "piped build stdout: $(cat "$OUT/stdout")"
expect_status 0 "build --quiet" "$GONGSHI" build "$OUT/site" -o "$OUT/pub" --no-pdf --quiet
[ ! -s "$OUT/stdout" ] && [ ! -s "$OUT/stderr" ] && ok || bad "--quiet printed something"
expect_status 0 "build --verbose" "$GONGSHI" build "$OUT/site" -o "$OUT/pub" --force --verbose
for phase in 读取和检查数据 生成网页 '生成 PDF 公示' 替换输出目录; do
	grep -Eq "^$phase：[0-9]+\.[0-9]{2} 秒\$" "$OUT/stdout" && ok || bad "--verbose: no '$phase' line"
done
expect_status 2 "--quiet with --verbose" "$GONGSHI" build "$OUT/site" --quiet --verbose
grep -q '不能同时使用' "$OUT/stderr" && ok || bad "--quiet --verbose message"
expect_status 2 "--format xml" "$GONGSHI" check "$OUT/site" --format xml
grep -q '“xml”应为 text 或 json' "$OUT/stderr" && ok || bad "--format message"
if command -v script >/dev/null 2>&1; then
	script -qec "'$GONGSHI' build '$OUT/site' -o '$OUT/pub' --force --jobs 2" "$OUT/typescript" \
		>/dev/null 2>&1 </dev/null
	tr '\r' '\n' <"$OUT/typescript" >"$OUT/tty"
	grep -Eq '^生成页面 [0-9]+/151' "$OUT/tty" && ok || bad "no page progress on a terminal"
	grep -Eq '^生成 PDF [0-9]+/175' "$OUT/tty" && ok || bad "no PDF progress on a terminal"
	grep -q '生成 PDF 175/175' "$OUT/tty" && ok || bad "progress does not reach 175/175 (notices, posters, their booklets, the 再公示 and result notices, and the three progress reports of progress.reports)"
	grep -q "$(printf '\r\033\\[K已生成 151 个页面')" "$OUT/typescript" && ok ||
		bad "progress line not cleared before the summary"
else
	skip "script(1) not installed, no terminal to test progress on"
fi

# The man page is valid mdoc.
if command -v mandoc >/dev/null 2>&1; then
	if mandoc -Tlint -W warning "$top/gongshi.1" >"$OUT/lint" 2>&1; then ok; else bad "mandoc -Tlint"; cat "$OUT/lint"; fi
else
	skip "mandoc not installed"
fi

# make install honours PREFIX and DESTDIR and installs only below DESTDIR.
if make -s -C "$top" install DESTDIR="$OUT/root" PREFIX=/usr >"$OUT/install.log" 2>&1; then
	for f in usr/bin/gongshi usr/share/man/man1/gongshi.1; do
		[ -e "$OUT/root/$f" ] && ok || bad "make install: $f missing"
	done
	"$OUT/root/usr/bin/gongshi" --version >/dev/null && ok || bad "installed binary runs"
	# The default theme is compiled in: a site without themes/ builds
	# with the installed binary alone (issue 16).
	copy_example_site "$OUT/bare"
	(unset GONGSHI_THEMES; "$OUT/root/usr/bin/gongshi" build "$OUT/bare" --no-pdf) >"$OUT/bare.log" 2>&1 &&
		ok || bad "installed binary, site without themes/: $(head -n 3 "$OUT/bare.log")"
	[ -s "$OUT/bare/public/assets/style.css" ] && ok || bad "installed binary: no assets/style.css"
else
	bad "make install"
	cat "$OUT/install.log"
fi

finish
