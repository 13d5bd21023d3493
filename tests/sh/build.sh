#!/bin/sh
# gongshi build as a user meets it: a failed build (bad data, a broken
# template, a missing partial) leaves the previous output byte for byte
# and no temporary folder behind; template errors name file:line:col;
# layouts/ overrides a single template, partial or asset; the summary line;
# SOURCE_DATE_EPOCH gives the same bytes whatever the clock says.
. "$(dirname "$0")/../lib/common.sh"
t_init build
site=$OUT/site
pub=$OUT/public

fresh_site() {
	rm -rf "$site"
	copy_example_site "$site"
}
build() { "$GONGSHI" build "$site" -o "$pub" >"$OUT/stdout" 2>"$OUT/stderr"; }
no_leftovers() {
	left=$(find "$OUT" -maxdepth 1 -name 'public.tmp-*' -o -maxdepth 1 -name 'public.old-*')
	[ -z "$left" ] && ok || bad "$1: left behind: $left"
}
# A failed build must not touch the previous output.
expect_untouched() {
	what=$1
	want_status=$2
	build
	status=$?
	[ "$status" = "$want_status" ] && ok || bad "$what: exit $status, want $want_status"
	diff -r "$OUT/previous" "$pub" >/dev/null && ok || bad "$what: public/ changed"
	no_leftovers "$what"
}

repo_themes
fresh_site
if build; then ok; else bad "first build: $(cat "$OUT/stderr")"; fi
grep -Eq '^已生成 [0-9]+ 个页面、[0-9]+ 个 PDF，共 [0-9]+ 字节，用时 [0-9.]+ 秒$' "$OUT/stdout" && ok ||
	bad "summary line: $(cat "$OUT/stdout")"
[ -s "$pub/index.html" ] && [ -s "$pub/communities/yushu-xincun/notice.pdf" ] && ok || bad "output files"
no_leftovers "good build"
cp -R "$pub" "$OUT/previous"

# Bad data: nothing rendered, nothing replaced.
sed -i '2s/,208,/,x,/' "$site/data/communities.csv"
expect_untouched "bad data" 1
grep -qx "$site/data/communities.csv:2:6: error: 户数“x”不是整数" "$OUT/stderr" && ok || bad "bad data message"

# A template with an unclosed section, placed in layouts/.
fresh_site
mkdir -p "$site/layouts/templates"
printf '{{<layout}}\n{{$main}}\n{{#stage}}\n<p>x</p>\n{{/main}}\n{{/layout}}\n' >"$site/layouts/templates/home.html"
expect_untouched "unclosed section" 1
grep -q "^$site/layouts/templates/home.html:5:1: error: " "$OUT/stderr" && ok ||
	bad "unclosed section names file:line:col: $(head -n 1 "$OUT/stderr")"

# A missing partial.
fresh_site
mkdir -p "$site/layouts/templates"
printf '{{<layout}}\n{{$main}}\n  {{> no_such_partial}}\n{{/main}}\n{{/layout}}\n' >"$site/layouts/templates/home.html"
expect_untouched "missing partial" 1
grep -q "^$site/layouts/templates/home.html:3:3: error: 找不到局部模板“no_such_partial”" "$OUT/stderr" && ok ||
	bad "missing partial message: $(head -n 1 "$OUT/stderr")"

# layouts/ overrides one asset and one partial; the rest comes from the theme.
fresh_site
mkdir -p "$site/layouts/assets" "$site/layouts/partials"
printf '/* site override */\n' >"$site/layouts/assets/style.css"
sed 's|</footer>|<p id="override-mark">本站自定义页脚</p></footer>|' \
	"$top/themes/default/partials/footer.html" >"$site/layouts/partials/footer.html"
if build; then ok; else bad "build with layouts/: $(cat "$OUT/stderr")"; fi
grep -q 'site override' "$pub/assets/style.css" && ok || bad "layouts/assets/style.css not used"
grep -q 'override-mark' "$pub/index.html" && grep -q 'override-mark' "$pub/plan/index.html" && ok ||
	bad "layouts/partials/footer.html not used"
cmp -s "$top/themes/default/assets/site.js" "$pub/assets/site.js" && ok || bad "theme asset not copied"

# The output folder is a file: refused, nothing written.
fresh_site
printf 'x' >"$OUT/afile"
"$GONGSHI" build "$site" -o "$OUT/afile" >"$OUT/stdout" 2>"$OUT/stderr"
[ $? = 2 ] && ok || bad "output path is a file: want exit 2"
grep -q "输出路径已存在，但不是目录" "$OUT/stderr" && ok || bad "output path is a file: message"
[ "$(cat "$OUT/afile")" = x ] && ok || bad "output file changed"

# SOURCE_DATE_EPOCH: the same bytes on different days when site.yaml
# has no today:.
fresh_site
sed -i '/^today:/d' "$site/site.yaml"
SOURCE_DATE_EPOCH=1654041600 "$GONGSHI" build "$site" -o "$OUT/e1" >/dev/null 2>&1
SOURCE_DATE_EPOCH=1654041600 "$GONGSHI" build "$site" -o "$OUT/e2" >/dev/null 2>&1
diff -r "$OUT/e1" "$OUT/e2" >/dev/null && ok || bad "SOURCE_DATE_EPOCH builds differ"
grep -q '2022年6月1日' "$OUT/e1/index.html" && ok || bad "SOURCE_DATE_EPOCH date not used on the home page"

finish
