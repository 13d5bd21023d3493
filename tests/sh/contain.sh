#!/bin/sh
# Containment: nothing outside the site folder reaches the output.  A
# symbolic link in content/, data/, layouts/ or the theme (templates,
# partials, assets, notice.yaml) that leads out of the site (or, for a
# theme kept elsewhere, out of that theme's folder), or a content/ that is
# itself such a link, is refused with an exact message and exit status 1,
# and the unique marker in the file it points at appears nowhere in the
# output or on the terminal.
# Links that stay inside still work, and partial names cannot climb out of
# the theme ({{> ../../x}}, {{> /etc/passwd}}, {{> a/../../x}}, and a
# dynamic {{>*name}} whose value is one of those).
#
#   GONGSHI=$PWD/gongshi OUT=/tmp/scratch sh tests/sh/contain.sh   (from the repo root)
#
# Prints one line per failure and ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init contain
mkdir -p "$OUT/outside/dir"
real=$(cd "$OUT" && pwd -P)
away=$real/outside

# What lies outside: each file holds its own marker.
printf -- '---\ntitle: 外部 MARK-PAGE\ndate: 2022-05-01\n---\nMARK-PAGE\n' >"$away/page.md"
printf -- '---\ntitle: 外部 MARK-DIR\ndate: 2022-05-01\n---\nMARK-DIR\n' >"$away/dir/x.md"
sed 's/^zhujianju,[^,]*,/zhujianju,MARK-CSV,/' "$top/data/units.csv" >"$away/units.csv"
printf '<p>MARK-TEMPLATE</p>\n' >"$away/template.html"
printf '<p>MARK-PARTIAL</p>\n' >"$away/partial.html"
printf '/* MARK-ASSET */\n' >"$away/asset.css"
{ echo '# MARK-NOTICE'; cat "$top/themes/default/notice.yaml"; } >"$away/notice.yaml"
mkdir -p "$away/assets"
printf '/* MARK-ASSETDIR */\n' >"$away/assets/a.css"

# fresh NAME: a new copy of the example site in $OUT/NAME/site, its
# theme inside it (themes/default).
fresh() {
	case_dir=$OUT/$1
	site=$case_dir/site
	rm -rf "$case_dir"
	mkdir -p "$site/themes"
	cp -R "$top/site.yaml" "$top/data" "$top/content" "$site/"
	cp -R "$top/themes/default" "$site/themes/"
}
# build [OPTION...]: builds the site from inside it; sets $status.
build() {
	(cd "$site" && "$GONGSHI" build . -o "$case_dir/pub" --no-pdf "$@") \
		>"$case_dir/stdout" 2>"$case_dir/stderr"
	status=$?
}
# refused WHAT LINE MARKER: exit status 1, LINE among the diagnostics,
# MARKER nowhere in the output folder nor on the terminal.
refused() {
	[ "$status" = 1 ] && ok || bad "$1: exit status $status, want 1"
	grep -qxF -- "$2" "$case_dir/stderr" && ok ||
		bad "$1: no line «$2» in: $(head -c 800 "$case_dir/stderr")"
	if [ -d "$case_dir/pub" ] && grep -rqF -- "$3" "$case_dir/pub"; then
		bad "$1: $3 reached the output"
	else
		ok
	fi
	if grep -qF -- "$3" "$case_dir/stdout" "$case_dir/stderr"; then
		bad "$1: $3 was printed"
	else
		ok
	fi
}
outside_msg() { echo "$1: error: 符号链接指向网站目录之外（“$2”），已拒绝读取"; }

# A content page.
fresh page
ln -s "$away/page.md" "$site/content/news/leak.md"
build
refused "content page" "$(outside_msg content/news/leak.md "$away/page.md")" MARK-PAGE

# A folder inside content/.
fresh dir
ln -s "$away/dir" "$site/content/news/more"
build
refused "content folder" "$(outside_msg content/news/more "$away/dir")" MARK-DIR

# content/ itself.
fresh content
mkdir -p "$case_dir/elsewhere"
cp -R "$site/content" "$case_dir/elsewhere/"
printf -- '---\ntitle: MARK-CONTENT\ndate: 2022-05-01\n---\n' >"$case_dir/elsewhere/content/news/m.md"
rm -rf "$site/content"
ln -s "$case_dir/elsewhere/content" "$site/content"
build
refused "content/ itself" \
	"$(outside_msg content "$real/content/elsewhere/content")" MARK-CONTENT

# A data table.
fresh csv
rm "$site/data/units.csv"
ln -s "$away/units.csv" "$site/data/units.csv"
build
refused "data table" "$(outside_msg data/units.csv "$away/units.csv")" MARK-CSV

# A template of the theme, and one of layouts/.
fresh template
rm "$site/themes/default/templates/community.html"
ln -s "$away/template.html" "$site/themes/default/templates/community.html"
build
refused "theme template" \
	"$(outside_msg ./themes/default/templates/community.html "$away/template.html")" MARK-TEMPLATE
fresh layout
mkdir -p "$site/layouts/templates"
ln -s "$away/template.html" "$site/layouts/templates/community.html"
build
refused "layouts template" \
	"$(outside_msg ./layouts/templates/community.html "$away/template.html")" MARK-TEMPLATE

# A partial.
fresh partial
rm "$site/themes/default/partials/footer.html"
ln -s "$away/partial.html" "$site/themes/default/partials/footer.html"
build
refused "partial" \
	"$(outside_msg ./themes/default/partials/footer.html "$away/partial.html")" MARK-PARTIAL

# An asset, and a folder of assets.
fresh asset
ln -s "$away/asset.css" "$site/themes/default/assets/leak.css"
build
refused "asset" "$(outside_msg ./themes/default/assets/leak.css "$away/asset.css")" MARK-ASSET
fresh assetdir
ln -s "$away/assets" "$site/themes/default/assets/more"
build
refused "asset folder" "$(outside_msg ./themes/default/assets/more "$away/assets")" MARK-ASSETDIR

# The theme's notice.yaml, read by the PDF back-end.
fresh notice
rm "$site/themes/default/notice.yaml"
ln -s "$away/notice.yaml" "$site/themes/default/notice.yaml"
build
refused "notice.yaml" "$(outside_msg ./themes/default/notice.yaml "$away/notice.yaml")" MARK-NOTICE

# A theme kept outside the site may not leave its own folder either, even
# for a file inside the site.
fresh external
rm -rf "$site/themes"
mkdir -p "$case_dir/themes"
cp -R "$top/themes/default" "$case_dir/themes/"
printf '<p>MARK-SITEFILE</p>\n' >"$site/footer.html"
rm "$case_dir/themes/default/partials/footer.html"
ln -s "$site/footer.html" "$case_dir/themes/default/partials/footer.html"
GONGSHI_THEMES=$case_dir/themes build
refused "external theme" \
	"$case_dir/themes/default/partials/footer.html: error: 符号链接指向主题目录之外（“$real/external/site/footer.html”），已拒绝读取" \
	MARK-SITEFILE

# A folder linked to one of its parents: one error, not a walk without end.
fresh loop
ln -s .. "$site/content/news/up"
build
refused "loop" \
	"content/news/up: error: 符号链接形成循环（又回到“$real/loop/site/content”），已跳过" MARK-NONE
[ "$(grep -c 'content/news/up' "$case_dir/stderr")" = 1 ] && ok ||
	bad "loop: more than one error: $(head -c 800 "$case_dir/stderr")"

# Partial names that climb out of the theme and of layouts/: refused,
# whatever lies at the place they name.
fresh names
printf '<p>MARK-NAME</p>\n' >"$site/x.html"
printf '<p>MARK-NAME</p>\n' >"$site/themes/x.html"
mkdir -p "$site/layouts/templates"
printf '{{> ../../x}}\n{{> /etc/passwd}}\n{{> a/../../x}}\n' >"$site/layouts/templates/community.html"
build
for want in \
	'./layouts/templates/community.html:1:1: error: 找不到局部模板“../../x”' \
	'./layouts/templates/community.html:2:1: error: 找不到局部模板“/etc/passwd”' \
	'./layouts/templates/community.html:3:1: error: 找不到局部模板“a/../../x”'; do
	refused "partial name" "$want" MARK-NAME
done
lacks "partial name: /etc/passwd was read" "$case_dir/stderr" root:
lacks "partial name: /etc/passwd was read" "$case_dir/stdout" root:

# The same names from the data, through a dynamic partial.
for name in ../../x /etc/passwd a/../../x; do
	fresh dynamic
	printf '<p>MARK-NAME</p>\n' >"$site/x.html"
	printf '<p>MARK-NAME</p>\n' >"$site/themes/x.html"
	mkdir -p "$site/layouts/templates"
	printf '{{#community}}{{>*address}}{{/community}}\n' >"$site/layouts/templates/community.html"
	sed -i "s|^\(bayi-xiaoqu,[^,]*,[^,]*,[^,]*,\)[^,]*|\1$name|" "$site/data/communities.csv"
	build
	refused "dynamic partial name $name" \
		"./layouts/templates/community.html:1:15: error: 找不到局部模板“$name”" MARK-NAME
done

# A theme inside the site is held to the site like every other input
# (issue 15): themes/ linked to a folder outside is refused, not taken as
# a theme kept elsewhere (that is $GONGSHI_THEMES).
fresh themelink
rm -rf "$site/themes"
mkdir -p "$case_dir/shared"
cp -R "$top/themes/default" "$case_dir/shared/"
printf '/* MARK-THEMELINK */\n' >"$case_dir/shared/default/assets/leak.css"
ln -s "$case_dir/shared" "$site/themes"
build
refused "themes/ linked out" "$(outside_msg ./themes/default "$case_dir/shared/default")" MARK-THEMELINK

# Links that stay inside the site work: a page, an asset of layouts/, and
# the whole themes/ folder linked to a folder elsewhere in the site.
fresh inside
mkdir -p "$site/notes" "$site/layouts/assets"
printf -- '---\ntitle: 站内链接 MARK-INSIDE\ndate: 2022-05-02\n---\n正文 MARK-INSIDE\n' >"$site/notes/n.md"
printf '/* MARK-INSIDE-CSS */\n' >"$site/notes/x.css"
ln -s ../../notes/n.md "$site/content/news/alias.md"
ln -s ../../notes/x.css "$site/layouts/assets/x.css"
mv "$site/themes" "$site/notes/themes"
ln -s notes/themes "$site/themes"
build
[ "$status" = 0 ] && ok || bad "inside: exit status $status: $(head -c 800 "$case_dir/stderr")"
grep -rqF MARK-INSIDE "$case_dir/pub/news" && ok || bad "inside: the linked page is not in the output"
grep -qF MARK-INSIDE-CSS "$case_dir/pub/assets/x.css" 2>/dev/null && ok ||
	bad "inside: the linked asset is not in the output"

finish
