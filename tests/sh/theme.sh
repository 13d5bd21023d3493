#!/bin/sh
# The theme (issues 15 and 16): where its files come from, and what is
# refused.
#   - A site without themes/ builds from the default theme compiled into
#     gongshi, with no $GONGSHI_THEMES, from a copy of the binary run in
#     another folder: the output is byte for byte that of the repository's
#     themes/default.
#   - A site's themes/default and layouts/ override single files of it.
#   - `theme:` must be one folder name: ../../x would publish any folder
#     outside the site that has an assets/ (refused, nothing published).
#   - A theme folder or layouts/ folder that cannot be read is an error
#     (exit 1), never skipped; run as the user nobody when we are root,
#     for whom chmod 000 denies nothing.
#   - check reads the theme as build does: a broken template or
#     notice.yaml fails check too.
#
#   GONGSHI=$PWD/gongshi OUT=/tmp/scratch sh tests/sh/theme.sh   (from the repo root)
#
# Prints one line per failure and ends with `N passed, N failed[, N skipped]`.
. "$(dirname "$0")/../lib/common.sh"
t_init theme
unset GONGSHI_THEMES

# same A B: the two output folders hold the same files, byte for byte
# (the manifest of input keys aside: it names where the theme came from;
# and the photo cache, which knows the photos by the site copy's inodes).
same() { diff -r -x .gongshi-manifest -x .gongshi-photos -x .gongshi-content "$1" "$2" >"$OUT/diff" 2>&1; }

# -- The compiled-in default theme, from a copied binary.
mkdir -p "$OUT/bin" "$OUT/elsewhere"
cp "$GONGSHI" "$OUT/bin/gongshi"
copy_example_site "$OUT/bare"
copy_example_site "$OUT/repo" themes
expect_status 0 "bare site, copied binary" \
	sh -c 'cd "$1" && "$2" build "$3" -o "$4" --no-pdf' sh "$OUT/elsewhere" "$OUT/bin/gongshi" "$OUT/bare" "$OUT/bare-pub"
expect_status 0 "site with the repository's theme" "$GONGSHI" build "$OUT/repo" -o "$OUT/repo-pub" --no-pdf
same "$OUT/repo-pub" "$OUT/bare-pub" && ok || bad "compiled-in theme differs: $(head -n 5 "$OUT/diff")"
[ -s "$OUT/bare-pub/assets/style.css" ] && ok || bad "no assets/style.css from the compiled-in theme"
expect_status 0 "check of a bare site" "$OUT/bin/gongshi" check "$OUT/bare"

# -- File by file: the site's themes/default and layouts/ win.
copy_example_site "$OUT/over"
mkdir -p "$OUT/over/themes/default/assets" "$OUT/over/layouts/partials"
printf '/* MARK-OVER-CSS */\n' >"$OUT/over/themes/default/assets/style.css"
sed 's/<footer/<footer data-mark="MARK-OVER-FOOTER"/' "$top/themes/default/partials/footer.html" \
	>"$OUT/over/layouts/partials/footer.html"
expect_status 0 "partial override" "$GONGSHI" build "$OUT/over" -o "$OUT/over-pub" --no-pdf
cmp -s "$OUT/over-pub/assets/style.css" "$OUT/over/themes/default/assets/style.css" && ok ||
	bad "themes/default/assets/style.css did not override"
cmp -s "$OUT/over-pub/assets/site.js" "$top/themes/default/assets/site.js" && ok ||
	bad "assets/site.js not taken from the compiled-in theme"
grep -q MARK-OVER-FOOTER "$OUT/over-pub/index.html" && ok || bad "layouts/partials/footer.html did not override"
grep -q MARK-OVER-FOOTER "$top/themes/default/partials/footer.html" &&
	bad "vacuous: the marker is in the theme" || ok

# -- theme: one folder name.  The site has a themes/ folder, so that
# themes/../../outside resolves to a folder out of the site.
copy_example_site "$OUT/climb/site" themes
mkdir -p "$OUT/climb/outside/assets"
cp -R "$top/themes/default/templates" "$top/themes/default/partials" "$OUT/climb/outside/"
printf '/* MARK-CLIMB */\n' >"$OUT/climb/outside/assets/leak.css"
sed -i 's|^theme: .*|theme: ../../outside|' "$OUT/climb/site/site.yaml"
line=$(grep -n '^theme:' "$OUT/climb/site/site.yaml" | cut -d: -f1)
msg="site.yaml:$line:8: error: 主题名“../../outside”不是一个文件夹名：theme 只能写 themes 下的一个文件夹名，不能含“/”或“\\”，也不能以“.”开头；请在文本编辑器中改为如 theme: default"
for cmd in build check; do
	expect_status 1 "theme ../../outside: $cmd" sh -c 'cd "$1" && "$2" "$3" . -o ../pub --no-pdf' sh \
		"$OUT/climb/site" "$GONGSHI" "$cmd"
	grep -qxF -- "$msg" "$OUT/stderr" && ok || bad "theme ../../outside: $cmd said: $(cat "$OUT/stderr")"
done
if [ -d "$OUT/climb/pub" ] && grep -rqF MARK-CLIMB "$OUT/climb/pub"; then
	bad "theme ../../outside: published the outside folder"
else
	ok
fi

# -- A theme that exists nowhere: every place searched, and the fix.
copy_example_site "$OUT/blue"
sed -i 's|^theme: .*|theme: blue|' "$OUT/blue/site.yaml"
expect_status 1 "theme blue" "$GONGSHI" check "$OUT/blue"
grep -qxF "$OUT/blue/site.yaml:$line:8: error: 找不到主题“blue”：$OUT/blue/themes/blue 不存在；请在文本编辑器中把 site.yaml 的 theme 改为 default（gongshi 自带的主题），或把主题文件夹放到 themes/blue" "$OUT/stderr" &&
	ok || bad "theme blue: $(cat "$OUT/stderr")"

# -- check reads what build reads.
copy_example_site "$OUT/broken"
mkdir -p "$OUT/broken/layouts/partials"
printf '<p>{{#open}}</p>\n' >"$OUT/broken/layouts/partials/unused.html"
expect_status 1 "check with a broken partial" "$GONGSHI" check "$OUT/broken"
grep -q "layouts/partials/unused.html:1:.*error" "$OUT/stderr" && ok ||
	bad "broken partial: $(cat "$OUT/stderr")"
rm -r "$OUT/broken/layouts"
mkdir -p "$OUT/broken/themes/default"
sed 's/^\( *chars_per_line:\).*/\1 many/' "$top/themes/default/notice.yaml" >"$OUT/broken/themes/default/notice.yaml"
cmp -s "$OUT/broken/themes/default/notice.yaml" "$top/themes/default/notice.yaml" &&
	bad "vacuous: notice.yaml unchanged" || ok
expect_status 1 "check with a broken notice.yaml" "$GONGSHI" check "$OUT/broken"
grep -q "themes/default/notice.yaml:.*error" "$OUT/stderr" && ok || bad "broken notice.yaml: $(cat "$OUT/stderr")"
expect_status 1 "build with a broken notice.yaml" "$GONGSHI" build "$OUT/broken" -o "$OUT/broken-pub"
expect_status 0 "check --no-pdf does not read notice.yaml" "$GONGSHI" check "$OUT/broken" --no-pdf

# -- Unreadable folders.  As root chmod 000 denies nothing: run as nobody.
if [ "$(id -u)" != 0 ]; then
	as_user() { "$@"; }
elif command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
	as_user() { setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups "$@"; }
else
	skip "root without setpriv or a user nobody: cannot drop the rights chmod 000 needs"
	finish
fi
# A folder of our own under /tmp that nobody may enter, whatever $OUT is.
perm=$(mktemp -d /tmp/gongshi-theme.XXXXXX)
trap 'chmod -R u+rwx "$perm" 2>/dev/null; rm -rf "$perm"' EXIT
chmod 755 "$perm"
cp "$GONGSHI" "$perm/gongshi"
# unreadable NAME PATH LINE: PATH (of a fresh site with the full theme and
# a layouts/ override) made mode 000; build and check exit 1 with LINE.
unreadable() {
	site=$perm/$1
	copy_example_site "$site" themes
	mkdir -p "$site/layouts/templates" "$perm/$1-out"
	cp "$top/themes/default/templates/home.html" "$site/layouts/templates/"
	chmod 777 "$perm/$1-out"
	chmod 000 "$site/$2"
	for cmd in build check; do
		(cd "$site" && as_user "$perm/gongshi" "$cmd" . -o "$perm/$1-out/pub" --no-pdf) \
			>"$OUT/stdout" 2>"$OUT/stderr"
		st=$?
		[ "$st" = 1 ] && ok || bad "$1: $cmd exit $st, want 1: $(head -c 600 "$OUT/stderr")"
		grep -qxF -- "$3" "$OUT/stderr" && ok || bad "$1: $cmd: no line «$3» in: $(head -c 600 "$OUT/stderr")"
	done
	chmod 755 "$site/$2"
}
unreadable assets themes/default/assets "./themes/default/assets: error: 无法读取目录：没有访问权限"
unreadable layouts layouts/templates "./layouts/templates/home.html: error: 无法读取文件：没有访问权限"
unreadable theme themes/default "./themes/default: error: 无法读取目录：没有访问权限"

finish
