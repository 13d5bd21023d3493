#!/bin/sh
# Unreadable folders of content/ and data/ (issue 15, point 6): a folder
# that cannot be listed or entered is an error at the folder, exit 1,
# never pages dropped in silence, never "缺少数据文件" for tables that are
# there; a build leaves the previous output as it was; a photo the last
# build knew, made unreadable, is refused by the next.
#
# Mode 000 denies nothing to root, and the suite runs as root in CI: as
# root each command runs as the unprivileged user 65534 through setpriv
# (util-linux), on a copy of the site, the binary and the themes in a
# folder of ${TMPDIR:-/tmp} that this user may read (the checkout may lie
# under /root).  As any other user the commands run as that user.
#
#   GONGSHI=$PWD/gongshi OUT=/tmp/scratch sh tests/sh/unreadable-input.sh
#
# Prints one line per failure and ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init unreadable-input

as_user=
if [ "$(id -u)" = 0 ]; then
	if ! command -v setpriv >/dev/null 2>&1; then
		bad "running as root and setpriv (util-linux) is missing: nothing here could be denied"
		finish
	fi
	as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/gongshi-unreadable.XXXXXX") || exit 2
trap 'chmod -R u+rwX "$work" 2>/dev/null; rm -rf "$work"' EXIT
cp "$GONGSHI" "$work/gongshi" && cp -R "$top/themes" "$work/themes" || exit 2
site=$work/site
copy_example_site "$site" || exit 2
chmod -R a+rX "$work"
GONGSHI_THEMES=$work/themes
export GONGSHI_THEMES

# The user must be able to read the copy, and mode 000 must really deny
# it, or every case below would test nothing.
if ! $as_user ls "$site/content/news" >/dev/null 2>&1; then
	bad "the test's user cannot list its copy of the site (${as_user:-$(id -un)})"
	finish
fi
chmod 000 "$site/content/news"
if $as_user ls "$site/content/news" >/dev/null 2>&1; then
	bad "mode 000 did not deny the listing of content/news (vacuous test)"
fi
chmod 755 "$site/content/news"

# expect WHAT MODE PATH STDERR-LINE...: PATH (in the site) set to MODE,
# `gongshi check .` exits 1 with exactly these lines on stderr.
expect() {
	what=$1
	mode=$2
	path=$site/$3
	shift 3
	printf '%s\n' "$@" >"$OUT/want"
	chmod "$mode" "$path"
	(cd "$site" && $as_user "$work/gongshi" check .) >"$OUT/stdout" 2>"$OUT/stderr"
	st=$?
	chmod 755 "$path"
	[ "$st" = 1 ] && ok || bad "$what: exit $st, want 1"
	if cmp -s "$OUT/want" "$OUT/stderr"; then ok; else
		bad "$what: stderr differs"
		diff -u "$OUT/want" "$OUT/stderr"
	fi
}

noread=无法读取目录：没有访问权限
one="1 个错误，0 个警告"
expect "content/news mode 000" 000 content/news "content/news: error: $noread" "$one"
expect "content/communities mode 000" 000 content/communities \
	"content/communities: error: $noread" "$one"
expect "content mode 000" 000 content "content: error: $noread" "$one"
expect "content/news mode 311 (enter, not list)" 311 content/news \
	"content/news: error: $noread" "$one"
# A folder that may be listed but not entered: its pages are named, each
# unreadable, rather than dropped.
expect "content/news mode 644 (list, not enter)" 644 content/news \
	"$(cd "$top" && for f in content/news/*.md; do
		echo "$f: error: 无法读取文件：没有访问权限"
	done)" "3 个错误，0 个警告"
mkdir "$site/content/news/2026"
cp "$site/content/news/2022-05-30-shigong-jinzhan.md" "$site/content/news/2026/2026-01-05-x.md"
expect "a folder two levels down, mode 000" 000 content/news/2026 \
	"content/news/2026: error: $noread" "$one"
rm -r "$site/content/news/2026"
# Photos (data/photos.csv): a photo that may not be read is named at its
# row; a photo folder that may be listed but not entered (the walk of
# content/ says nothing of a folder without pages) names each of its photos.
photo="data/photos.csv:3:2: error: 无法读取照片“content/communities/bayi-xiaoqu/shigong.jpg”：没有访问权限"
expect "a photo mode 000" 000 content/communities/bayi-xiaoqu/shigong.jpg "$photo" "$one"
expect "a photo folder mode 644 (list, not enter)" 644 content/communities/bayi-xiaoqu \
	"$(echo "$photo" | sed 's/:3:2:/:2:2:/; s/shigong/gaizao-qian/')" "$photo" \
	"$(echo "$photo" | sed 's/:3:2:/:4:2:/; s/shigong/xiaoguotu/')" "3 个错误，0 个警告"
# data/: one error at the folder, not seven missing tables.
expect "data mode 000" 000 data "data: error: $noread" "$one"
# The example's optional tables (progress, funding, the notice cycle's
# four, photos) are there too: an optional table that cannot be read is
# an error like any other.
expect "data mode 644 (list, not enter): each table unreadable, none missing" 644 data \
	"data/communities.csv: error: 无法读取文件：没有访问权限" \
	"data/consent.csv: error: 无法读取文件：没有访问权限" \
	"data/duties.csv: error: 无法读取文件：没有访问权限" \
	"data/funding.csv: error: 无法读取文件：没有访问权限" \
	"data/group.csv: error: 无法读取文件：没有访问权限" \
	"data/holidays.csv: error: 无法读取文件：没有访问权限" \
	"data/items.csv: error: 无法读取文件：没有访问权限" \
	"data/notices.csv: error: 无法读取文件：没有访问权限" \
	"data/opinions.csv: error: 无法读取文件：没有访问权限" \
	"data/phases.csv: error: 无法读取文件：没有访问权限" \
	"data/photos.csv: error: 无法读取文件：没有访问权限" \
	"data/progress.csv: error: 无法读取文件：没有访问权限" \
	"data/units.csv: error: 无法读取文件：没有访问权限" \
	"13 个错误，0 个警告"

# A build meeting an unreadable news folder fails and leaves the last
# output exactly as it was.
pub=$work/pub
chmod 777 "$work"
(cd "$site" && $as_user "$work/gongshi" build . -o "$pub") >"$OUT/stdout" 2>"$OUT/stderr" ||
	bad "first build failed: $(cat "$OUT/stderr")"
(cd "$pub" && find . -type f -exec cksum {} + | LC_ALL=C sort) >"$OUT/before"
# A build ($3) with $1 made mode 000 for it (then $2 again): exit 1 and
# exactly the error $4 and the count line.
build_unreadable() {
	chmod 000 "$1"
	(cd "$site" && $as_user "$work/gongshi" build . -o "$pub") >"$OUT/stdout" 2>"$OUT/stderr"
	st=$?
	chmod "$2" "$1"
	[ "$st" = 1 ] && ok || bad "$3: exit $st, want 1"
	printf '%s\n' "$4" "$one" >"$OUT/want"
	cmp -s "$OUT/want" "$OUT/stderr" && ok || bad "$3: stderr: $(cat "$OUT/stderr")"
}
build_unreadable "$site/content/news" 755 "build with content/news mode 000" "content/news: error: $noread"
(cd "$pub" && find . -type f -exec cksum {} + | LC_ALL=C sort) >"$OUT/after"
cmp -s "$OUT/before" "$OUT/after" && ok || bad "build: the previous output changed"

# A photo the last build read (OUT/.gongshi-photos knows it, so a rebuild
# asks no access(2) of it) made unreadable: its chmod moved its change
# time, so it is read again and refused as by `gongshi check`.
grep -q ' JPEG ' "$pub/.gongshi-photos" && ok || bad "the build kept no photo in $pub/.gongshi-photos (vacuous test)"
build_unreadable "$site/content/communities/bayi-xiaoqu/shigong.jpg" 644 \
	"build with a known photo mode 000" "$photo"

finish
