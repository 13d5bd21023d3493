#!/bin/sh
# The files of the spare kept without being looked at (issue 20;
# write/spare_sizes.h, docs/security.md "The spare is checked, not
# trusted"): an edit that updates the spare keeps the files of the
# folders its check trusted with the sizes their record gives, with no
# fstatat of each, yet
#   - the summary's byte total is still every file's bytes (the sizes
#     come from the record), and the same as a clean build's;
#   - a file of the spare changed by hand is still caught: replaced by a
#     link or by a folder (the spare is discarded), removed (made again);
#   - a folder whose record names fewer files than the manifest lists
#     there (a spare `gongshi serve` stopped making early) has its files
#     looked at, and the missing one made again;
#   - the kept files are listed in this build's manifest from the
#     spare's, in order even when the spare's was put out of order.
# After every build the output is byte for byte a clean build's.  Needs
# strace for the look at the calls (skipped where ptrace is not allowed:
# the rest is still checked).
#
#   GONGSHI=$PWD/gongshi OUT=/tmp/scratch sh tests/sh/spare-keep.sh   (from the repo root)
#
# Prints one line per failure and ends with `N passed, N failed[, N skipped]`.
. "$(dirname "$0")/../lib/common.sh"
t_init spare-keep
site=$OUT/site
pub=$OUT/pub
sh "$top/tests/bench/gen_site.sh" 300 "$site" >/dev/null 2>&1 && ok || bad "gen_site.sh failed"

tracing_or_skip "the files looked at are not counted"

# The phone of a community in the middle row, changed at each edit.
row=$((300 / 2 + 2))
phone=0
edit() {
	phone=$((phone + 1))
	sed -i "${row}s/,0632-[0-9]*/,0632-440000$phone/" "$site/data/communities.csv"
}
# build WHAT: an incremental build of $pub after an edit, its stdout in
# $OUT/stdout; traced (the calls that look at a file) into $OUT/trace.
build() {
	edit
	if [ "$tracing" = 1 ]; then
		strace -f -e trace=newfstatat,fstatat64,statx,lstat,stat,openat,openat2,getdents64 -o "$OUT/trace" \
			"$GONGSHI" build --no-pdf -o "$pub" "$site" >"$OUT/stdout" 2>"$OUT/stderr"
	else
		"$GONGSHI" build --no-pdf -o "$pub" "$site" >"$OUT/stdout" 2>"$OUT/stderr"
	fi && ok || bad "$1: build failed: $(head -n 3 "$OUT/stderr")"
	exec 3<&-
}
# bytes_right WHAT: the summary's byte total is the bytes of $pub's files.
bytes_right() {
	said=$(sed -n 's/.*共 \([0-9]*\) 字节.*/\1/p' "$OUT/stdout")
	there=$(find "$pub" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
	[ -n "$said" ] && [ "$said" = "$there" ] && ok || bad "$1: the summary says $said bytes, the files hold $there"
}
# same_as_clean WHAT: $pub is what a clean build of the site gives, and
# the clean build's summary gives the same byte total.
same_as_clean() {
	rm -rf "$OUT/clean"
	"$GONGSHI" build --no-pdf -o "$OUT/clean" "$site" >"$OUT/clean.out" 2>&1 || bad "$1: clean build failed"
	diff -r -x .gongshi-photos "$OUT/clean" "$pub" >"$OUT/diff" 2>&1 && ok ||
		bad "$1: differs from a clean build: $(head -n 3 "$OUT/diff")"
	clean=$(sed -n 's/.*共 \([0-9]*\) 字节.*/\1/p' "$OUT/clean.out")
	[ "$clean" = "$(sed -n 's/.*共 \([0-9]*\) 字节.*/\1/p' "$OUT/stdout")" ] && ok ||
		bad "$1: the summary's bytes differ from a clean build's ($clean)"
}
# looked_at NAME: the calls of the last build that name the file NAME
# ("index.html": beneath its folder's descriptor; or by a longer path).
looked_at() { grep -E "(fstatat|fstatat64|statx|stat|openat2?)\([^\"]*\"([^\"]*/)?$1\"" "$OUT/trace" | grep -vc ENOENT; }
inode() { ls -di "$1" | cut -d' ' -f1; }
# hold_spare: the spare's inode into $spare, the folder held open (fd 3,
# closed after the next build) so that a new folder cannot reuse its
# inode number.
hold_spare() {
	spare=$(inode "$pub.spare")
	exec 3<"$pub.spare"
}

"$GONGSHI" build --no-pdf -o "$pub" "$site" >/dev/null 2>"$OUT/stderr" && ok || bad "clean build: $(head -n 3 "$OUT/stderr")"
build "first edit"
[ -d "$pub.spare" ] && [ -f "$pub.spare.folders" ] && ok || bad "first edit: no spare or no record of its folders"

# -- The second edit keeps ~300 community pages in trusted folders: none
# of them is looked at.  (Before, each had an fstatat in the writer.)
hold_spare
build "second edit"
[ "$(inode "$pub")" = "$spare" ] && ok || bad "second edit: the spare was not updated in place"
if [ "$tracing" = 1 ]; then
	n=$(grep -cE '(fstatat|fstatat64|statx)\([0-9]+, "index.html"' "$OUT/trace")
	[ "$n" -le 3 ] && ok || bad "second edit: $n index.html looked at beneath a folder (kept pages of trusted folders are not)"
	[ "$(looked_at 'communities/c30/index.html')" = 0 ] && ok ||
		bad "second edit: the kept communities/c30/index.html was looked at: $(grep 'c30' "$OUT/trace" | head -n 2)"
	# Its folder: stamped once, by the check; the record carries that
	# stamp over (before, the record stamped it again).
	n=$(grep -cE '(fstatat|fstatat64|statx)\([0-9]+, "communities/c30"' "$OUT/trace")
	[ "$n" = 1 ] && ok || bad "second edit: communities/c30 stamped $n times, not once"
fi
bytes_right "second edit"
same_as_clean "second edit"

# -- The trees whose records carried stamps over are trusted again when
# they are the spare: a handful of folders read, not 340.
for k in 1 2 3; do
	build "edit $k after the carried stamps"
	if [ "$tracing" = 1 ]; then
		reads=$(grep -c 'getdents64(' "$OUT/trace")
		[ "$reads" -lt 60 ] && ok || bad "edit $k after the carried stamps: $reads getdents64 calls: the spare was read whole"
	fi
done
bytes_right "edits after the carried stamps"
same_as_clean "edits after the carried stamps"

# -- Changed by hand in the spare: a page replaced by a link, by a folder.
# The folder's change time moved: it is read, the plant found, the spare
# discarded, nothing of it published.
build "a build to make the spares ours again"
mkdir -p "$OUT/victim" && echo victim >"$OUT/victim/index.html"
rm "$pub.spare/communities/c40/index.html"
ln -s "$OUT/victim/index.html" "$pub.spare/communities/c40/index.html"
hold_spare
build "page replaced by a link"
[ "$(inode "$pub")" != "$spare" ] && ok || bad "page replaced by a link: the spare was used"
[ ! -L "$pub/communities/c40/index.html" ] && ok || bad "page replaced by a link: published"
[ "$(cat "$OUT/victim/index.html")" = victim ] && ok || bad "page replaced by a link: the victim changed"
bytes_right "page replaced by a link"
same_as_clean "page replaced by a link"

build "a build to make the spares ours again"
rm "$pub.spare/communities/c41/index.html"
mkdir "$pub.spare/communities/c41/index.html"
echo planted >"$pub.spare/communities/c41/index.html/x.html"
hold_spare
build "page replaced by a folder"
[ "$(inode "$pub")" != "$spare" ] && ok || bad "page replaced by a folder: the spare was used"
[ -f "$pub/communities/c41/index.html" ] && ok || bad "page replaced by a folder: no page published"
same_as_clean "page replaced by a folder"

# -- A kept file removed by hand (a search chunk, in a folder of 16): its
# folder is read (nothing wrong in it), the spare used, the file made
# again.
build "a build to make the spares ours again"
build "and the other"
[ -f "$pub.spare/search-index/t/1.js" ] && ok || bad "no search-index/t/1.js in the spare"
rm "$pub.spare/search-index/t/1.js"
hold_spare
build "file removed"
[ "$(inode "$pub")" = "$spare" ] && ok || bad "file removed: the spare was not used"
[ -f "$pub/search-index/t/1.js" ] && ok || bad "file removed: not made again"
bytes_right "file removed"
same_as_clean "file removed"

# -- A folder recorded with fewer files than the manifest lists there, as
# serve records a spare it stopped making early: here c43's page is
# removed and its record made again from what the folder holds now (no
# file: NAMES 0, SIZES "-").  The folder is trusted, but its listed page
# is not: looked at, missing, made again.
build "a build to make the spares ours again"
build "and the other"
rm "$pub.spare/communities/c43/index.html"
stamp=$(stat -c '%Z %.9Z %i' "$pub.spare/communities/c43" |
	awk '{ split($2, t, "."); printf "%016x%08x%016x", $1, t[2] + 0, $3 }')
grep -q " communities/c43/\$" "$pub.spare.folders" && ok || bad "no record of communities/c43/"
sed -i "s|^[0-9a-f]* [0-9a-f]* [-0-9,?]* communities/c43/\$|$stamp 0000000000000000 - communities/c43/|" "$pub.spare.folders"
grep -q "^$stamp 0000000000000000 - communities/c43/\$" "$pub.spare.folders" && ok || bad "the record of c43 was not rewritten"
hold_spare
build "folder recorded short"
[ "$(inode "$pub")" = "$spare" ] && ok || bad "folder recorded short: the spare was not used"
[ -f "$pub/communities/c43/index.html" ] && ok || bad "folder recorded short: the page listed but missing was kept, not made"
bytes_right "folder recorded short"
same_as_clean "folder recorded short"

# -- The spare's manifest out of order (edited by hand; its first line
# still ours): its kept files are this build's manifest lines, which are
# sorted all the same, as a clean build's.
build "a build to make the spares ours again"
build "and the other"
{ head -n 1 "$pub.spare/.gongshi-manifest"; sed 1d "$pub.spare/.gongshi-manifest" | sort -r; } >"$OUT/shuffled"
cat "$OUT/shuffled" >"$pub.spare/.gongshi-manifest"
hold_spare
build "spare's manifest out of order"
[ "$(inode "$pub")" = "$spare" ] && ok || bad "spare's manifest out of order: the spare was not used"
bytes_right "spare's manifest out of order"
same_as_clean "spare's manifest out of order"

finish
