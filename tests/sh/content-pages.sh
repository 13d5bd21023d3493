#!/bin/sh
# Content pages the site cannot publish are warned at (issue 15, point 8):
# the list of names the loader refuses (src/model/page_use.c) must hold
# every name a real build writes at the top of its output folder, or a
# page of that name would clash with the site's own again.  For each such
# name N, content/N.md gets the warning, and the build still succeeds;
# an ordinary name is published at NAME/index.html.
#
#   GONGSHI=$PWD/gongshi OUT=/tmp/scratch sh tests/sh/content-pages.sh
#
# Prints one line per failure and ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init content-pages
repo_themes

site=$OUT/site
copy_example_site "$site" || exit 2
expect_status 0 "build of the example site" "$GONGSHI" build "$site" -o "$OUT/pub"
names=$(cd "$OUT/pub" && ls | LC_ALL=C sort)
[ "$(echo "$names" | wc -l)" -ge 10 ] && ok || bad "the build wrote only: $names (vacuous test)"
: >"$OUT/want"
count=0
for n in $names; do
	# plan/ is made from content/plan.md itself, which must stay.
	f=$n
	[ "$n" = plan ] && f=PLAN
	count=$((count + 1))
	printf -- '---\ntitle: 与“%s”同名\n---\n正文。\n' "$n" >"$site/content/$f.md"
	printf '%s: warning: 文件名“%s.md”与网站自带的“%s”重名（不分大小写），这篇文章不会发布；请在文件管理器中给它换一个名字，例如“%s-说明.md”\n' \
		"content/$f.md" "$f" "$n" "$f" >>"$OUT/want"
done
printf -- '---\ntitle: 关于我们\n---\n正文。\n' >"$site/content/about-us.md"
# The warnings are sorted by file name, as gongshi prints them.
LC_ALL=C sort -o "$OUT/want" "$OUT/want"
echo "0 个错误，$count 个警告" >>"$OUT/want"
(cd "$site" && "$GONGSHI" build . -o "$OUT/pub2") >"$OUT/stdout" 2>"$OUT/stderr"
st=$?
[ "$st" = 0 ] && ok || bad "build with pages named like the site's own: exit $st, want 0"
if cmp -s "$OUT/want" "$OUT/stderr"; then ok; else
	bad "warnings differ"
	diff -u "$OUT/want" "$OUT/stderr"
fi
[ -f "$OUT/pub2/about-us/index.html" ] && ok || bad "about-us.md was not published"
finish
