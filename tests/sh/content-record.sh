#!/bin/sh
# OUT/.gongshi-content (write/content_record.h, issue 20 at scale): a
# rebuild does not list again a folder of content/ that held nothing for
# the walk (a community's photos) and kept its identity.  Proved with
# --verbose's count and, where strace may run, with the walk's getdents64
# of the two photo folders of the example site:
# - the first build lists both and records them, one line each; the
#   second lists neither, and links the record, the same bytes;
# - a Markdown file, or a folder holding one, put in a recorded folder is
#   found (its message is the page's own), and so is a photo added, a
#   folder put in another's place with the same files, and everything
#   after --force;
# - a record that is another program's, a link, cut in a line, wrong in a
#   line or out of the walk's order vouches for nothing past the fault;
# - after all that the output is byte for byte a clean build's.
#
#   GONGSHI=$PWD/gongshi OUT=/tmp/scratch sh tests/sh/content-record.sh   (from the repo root)
#
# Only on Linux's local file systems with nanosecond times does gongshi
# trust a folder's stamps (load/content.c); elsewhere, a skip.
# Prints one line per failure and ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init content-record
site=$OUT/site
pub=$OUT/public
rec=$pub/.gongshi-content
bayi=$site/content/communities/bayi-xiaoqu
private_themes
copy_example_site "$site" || { bad "cannot copy the example site"; finish; }

fs=$(stat -f -c %T "$site/content" 2>/dev/null)
case $(uname -s)/$fs in
Linux/ext2/ext3 | Linux/xfs | Linux/btrfs | Linux/tmpfs | Linux/f2fs | Linux/zfs | Linux/overlayfs) ;;
*)
	skip "content/'s folders are always listed on $(uname -s) $fs"
	finish
	;;
esac
case $(stat -c %z "$bayi") in
*.000000000*)
	skip "$fs keeps whole seconds here: content/'s folders are always listed"
	finish
	;;
esac
tracing_or_skip "the walk's listing of each folder is not watched"

# build [ARGS...]: a build into $pub with --verbose; the folders below
# content/communities/ the walk listed into $OUT/listed (strace -y names
# getdents64's folder).
build() {
	if [ "$tracing" = 1 ]; then
		strace -f -qq -y -e trace=getdents64 -o "$OUT/trace" \
			"$GONGSHI" build "$site" -o "$pub" --jobs 2 --verbose "$@" >"$OUT/stdout" 2>"$OUT/stderr"
		b_rc=$?
		grep -o 'content/communities/[^/>]*>' "$OUT/trace" | tr -d '>' | sort -u >"$OUT/listed"
	else
		"$GONGSHI" build "$site" -o "$pub" --jobs 2 --verbose "$@" >"$OUT/stdout" 2>"$OUT/stderr"
		b_rc=$?
	fi
}
# counted LISTED KNOWN WHAT: --verbose's counts; and, traced, the photo
# folders listed are LISTED of them.
counted() {
	want="content/ 中只有照片的目录：$1 个读取了目录，$2 个用上次构建记下的结果（.gongshi-content）"
	grep -qx "$want" "$OUT/stdout" && ok ||
		bad "$3: $(grep '^content/' "$OUT/stdout" || echo "no content/ line; $(head -n 3 "$OUT/stderr")"), want $1 listed, $2 known"
	[ "$tracing" = 1 ] || return 0
	n=$(grep -c -E '/(bayi-xiaoqu|yushu-xincun)$' "$OUT/listed")
	[ "$n" = "$1" ] && ok || bad "$3: the walk listed $n photo folders, want $1: $(tr '\n' ' ' <"$OUT/listed")"
}
built() { # WHAT: the build succeeded
	[ "$b_rc" = 0 ] && ok || bad "$1: exit $b_rc: $(head -n 3 "$OUT/stderr")"
}

build
built "first build"
counted 2 0 "first build"
head -n 1 "$rec" | grep -q -E '^gongshi-content 1 [0-9a-f]{32}$' && ok || bad "$rec: header $(head -n 1 "$rec")"
line='^[1-9][0-9]* [1-9][0-9]* [0-9]+\.[0-9]{9} [0-9]+\.[0-9]{9} communities/'
tail -n +2 "$rec" | sed 's/communities\/.*/communities\//' | grep -v -q -E -x "$line" && bad "a line is not DEV INO C M PATH: $(cat "$rec")" || ok
[ "$(tail -n +2 "$rec" | sed 's/.* //')" = "communities/bayi-xiaoqu
communities/yushu-xincun" ] && ok || bad "the record's folders: $(tail -n +2 "$rec" | sed 's/.* //' | tr '\n' ' ')"
# The stamp is the folder's: inode, change and modification times.
ino=$(stat -c %i "$bayi")
grep -q " $ino [0-9.]* [0-9.]* communities/bayi-xiaoqu$" "$rec" && ok || bad "bayi-xiaoqu's inode $ino is not in its line: $(cat "$rec")"
grep -q ' \.gongshi-content$' "$pub/.gongshi-manifest" && ok || bad "the manifest does not list .gongshi-content"
cp "$rec" "$OUT/good"

build
built "second build"
counted 0 2 "second build"
cmp -s "$rec" "$OUT/good" && ok || bad "the second build's record differs: $(diff "$OUT/good" "$rec" | head -n 4)"
[ "$(stat -c %i "$rec")" = "$(stat -c %i "$pub.spare/.gongshi-content")" ] && ok ||
	bad "the unchanged record was written again, not linked"

# A Markdown file put in a recorded folder is found: the walk says the
# page names no community, as for any other.
printf -- '---\ntitle: 附记\n---\n正文\n' >"$bayi/extra.md"
build
[ "$b_rc" = 1 ] && ok || bad "a Markdown file in a recorded folder: exit $b_rc, want 1"
grep -q -F -x "$site/content/communities/bayi-xiaoqu/extra.md: error: 没有编号为“extra”的小区：文件名应为 data/communities.csv 中的小区编号" "$OUT/stderr" && ok ||
	bad "a Markdown file in a recorded folder was not found: $(head -n 3 "$OUT/stderr")"
rm "$bayi/extra.md"
# And in a folder made in it.
mkdir "$bayi/more"
printf -- '---\ntitle: 附记\n---\n正文\n' >"$bayi/more/extra.md"
build
grep -q -F "bayi-xiaoqu/more/extra.md: " "$OUT/stderr" && ok ||
	bad "a folder with a Markdown file, in a recorded folder, was not walked: $(head -n 3 "$OUT/stderr")"
rm -r "$bayi/more"
build
built "the folder emptied again"
counted 1 1 "the folder emptied again"

# A photo added: listed again (its change time moved), then known.
cp "$bayi/shigong.jpg" "$bayi/.copy.jpg"
build
built "a file added"
counted 1 1 "a file added"
build
counted 0 2 "after a file added"
# Another folder in its place, with the same files (another inode).
mv "$bayi" "$bayi.old" && mkdir "$bayi" && cp -p "$bayi.old"/* "$bayi.old"/.copy.jpg "$bayi/" && rm -r "$bayi.old"
build
built "a folder put in another's place"
counted 1 1 "a folder put in another's place"
build --force
built "--force"
counted 2 0 "--force"

# damaged KIND: the record damaged so, then the build's counts.
cp "$rec" "$OUT/good"
damaged() {
	case $1 in
	foreign) { echo 'gongshi-content 1 0123456789abcdef0123456789abcdef'; tail -n +2 "$OUT/good"; } ;;
	cut) head -c -3 "$OUT/good" ;;
	wrong) { head -n 2 "$OUT/good"; tail -n 1 "$OUT/good" | sed 's/^\([0-9]*\) /\1  /'; } ;;
	order) { head -n 1 "$OUT/good"; tail -n 1 "$OUT/good"; sed -n 2p "$OUT/good"; } ;;
	esac >"$OUT/damaged"
	rm -f "$rec"
	if [ "$1" = link ]; then
		cp "$OUT/good" "$OUT/elsewhere" && ln -s "$OUT/elsewhere" "$rec"
	else
		cp "$OUT/damaged" "$rec"
	fi
}
# Each vouches for nothing past its fault: a foreign or linked record
# for nothing, one cut or wrong in its last line for the first folder
# only, one out of order for the first line it gives (yushu-xincun,
# asked after bayi-xiaoqu, which it passes over), not the one after.
for k in foreign:2:0 link:2:0 cut:1:1 wrong:1:1 order:1:1; do
	kind=${k%%:*}
	rest=${k#*:}
	damaged "$kind"
	build
	built "a $kind record"
	counted "${rest%%:*}" "${rest#*:}" "a $kind record"
done

# Whatever was known, the output is a clean build's.
"$GONGSHI" build "$site" -o "$OUT/clean" --jobs 2 --force -q >/dev/null 2>"$OUT/clean.err" ||
	bad "clean build: $(head -n 3 "$OUT/clean.err")"
diff -r "$OUT/clean" "$pub" >"$OUT/diff" 2>&1 && ok ||
	bad "the output differs from a clean build's: $(head -n 3 "$OUT/diff")"
finish
