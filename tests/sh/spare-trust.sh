#!/bin/sh
# The spare is checked by its folders' change times (issues 19, 17;
# write/spare_check.h, docs/security.md "The spare is checked, not
# trusted"): an edit that updates the spare reads only the folders that
# changed since the build that made it recorded them (OUT.folders, then
# OUT.spare.folders), not the ~300 folders of a 300-community site; and
# whatever is planted in the spare is still found, because planting
# changes the folder's change time:
#   - a file planted deep (communities/cN/evil.html), a link planted in a
#     community's folder: the spare is discarded (the output is a new
#     folder), nothing planted is published or followed;
#   - a folder others may write (chmod g+w), recorded so: read although
#     unchanged, and a file planted in it found;
#   - a record altered by hand: that folder is read, not trusted;
#   - the spare `gongshi serve` makes ahead records its own folders (new
#     inodes, not the output's): the first edit reads a handful too;
# and after every build the output is byte for byte a clean build's.
# Needs strace for the counts (skipped where ptrace is not allowed: the
# plants are still checked).
#
#   GONGSHI=$PWD/gongshi OUT=/tmp/scratch sh tests/sh/spare-trust.sh   (from the repo root)
#
# Prints one line per failure and ends with `N passed, N failed[, N skipped]`.
. "$(dirname "$0")/../lib/common.sh"
t_init spare-trust
site=$OUT/site
pub=$OUT/pub
sh "$top/tests/bench/gen_site.sh" 300 "$site" >/dev/null 2>&1 && ok || bad "gen_site.sh failed"

tracing_or_skip "the folders read are not counted"

# The phone of a community in the middle row, changed at each edit.
row=$((300 / 2 + 2))
phone=0
edit() {
	phone=$((phone + 1))
	sed -i "${row}s/,0632-[0-9]*/,0632-440000$phone/" "$site/data/communities.csv"
	grep -q ",0632-440000$phone," "$site/data/communities.csv" || bad "the edit did not apply"
}
# build WHAT: an incremental build of $pub, traced: every folder opened
# for reading (openat or openat2 ... O_DIRECTORY, not O_PATH: the writer
# opens a folder O_PATH only to look at a kept file in it, which reads
# nothing of the folder) into $OUT/opened, the number of getdents64 calls
# into $reads.
build() {
	reads=
	if [ "$tracing" = 1 ]; then
		strace -f -e trace=openat,openat2,getdents64 -o "$OUT/trace" \
			"$GONGSHI" build --no-pdf -o "$pub" "$site" >"$OUT/stdout" 2>"$OUT/stderr"
	else
		"$GONGSHI" build --no-pdf -o "$pub" "$site" >"$OUT/stdout" 2>"$OUT/stderr"
	fi || { exec 3<&-; bad "$1: build failed: $(head -n 3 "$OUT/stderr")"; return 1; }
	exec 3<&-
	if [ "$tracing" = 1 ]; then
		cp "$OUT/trace" "$OUT/trace.$(echo "$1" | tr " " _)"
		reads=$(grep -c 'getdents64(' "$OUT/trace")
		grep -E 'openat2?\(.*O_DIRECTORY' "$OUT/trace" | grep -v 'O_PATH' | sed -n 's/^[^"]*"\([^"]*\)".*/\1/p' >"$OUT/opened"
	fi
}
# same_as_clean WHAT: $pub is what a clean build of the site gives.
same_as_clean() {
	rm -rf "$OUT/clean"
	"$GONGSHI" build --no-pdf -o "$OUT/clean" "$site" >/dev/null 2>&1 || bad "$1: clean build failed"
	diff -r -x .gongshi-photos "$OUT/clean" "$pub" >"$OUT/diff" 2>&1 && ok ||
		bad "$1: differs from a clean build: $(head -n 3 "$OUT/diff")"
}
# opened NAME: 1 when a folder named NAME was opened (read) in the last build.
opened() { grep -qx "\(.*/\)\{0,1\}$1" "$OUT/opened"; }
inode() { ls -di "$1" | cut -d' ' -f1; }
# hold_spare: the spare's inode into $spare, the folder held open (fd 3,
# closed by build) so that a new folder cannot reuse its inode number.
hold_spare() {
	spare=$(inode "$pub.spare")
	exec 3<"$pub.spare"
}

"$GONGSHI" build --no-pdf -o "$pub" "$site" >/dev/null 2>"$OUT/stderr" && ok || bad "clean build: $(head -n 3 "$OUT/stderr")"
folders=$(find "$pub" -type d | wc -l)
[ "$folders" -gt 300 ] && ok || bad "only $folders folders: the counts below would prove nothing"
edit
build "first edit" && ok
[ -d "$pub.spare" ] && [ -f "$pub.folders" ] && [ -f "$pub.spare.folders" ] && ok ||
	bad "first edit: no spare, or no record of the folders beside it: $(ls "$OUT")"
[ ! -e "$pub/.gongshi-folders" ] && [ ! -e "$pub.spare/.gongshi-folders" ] && ok || bad "a record inside a tree"

# -- The second edit updates the spare and reads only a handful of folders.
edit
hold_spare
build "second edit" && ok
[ "$(inode "$pub")" = "$spare" ] && ok || bad "second edit: the spare was not updated in place"
if [ "$tracing" = 1 ]; then
	[ "$reads" -lt 60 ] && ok || bad "second edit: $reads getdents64 calls for $folders folders: the spare was read whole"
	opened c30 && bad "second edit: the unchanged folder communities/c30 was read" || ok
fi
same_as_clean "second edit"

# -- A file planted deep, then a link planted in a community's folder:
# found, the spare discarded, nothing planted published or followed.
# A plant at $2 (beneath the spare) refused: the build ($1) does not use
# the spare and publishes nothing of it.
refused() {
	edit
	hold_spare
	build "$1" && ok
	[ "$(inode "$pub")" != "$spare" ] && ok || bad "$1: the spare was used"
	[ ! -e "$pub/$2" ] && ok || bad "$1: published"
	same_as_clean "$1"
}

echo '<p>planted</p>' >"$pub.spare/communities/c10/evil.html"
refused "planted file" communities/c10/evil.html

mkdir -p "$OUT/victim"
echo victim >"$OUT/victim/keep.txt"
ln -s "$OUT/victim" "$pub.spare/communities/c20/photos"
edit
hold_spare
build "planted link" && ok
[ "$(inode "$pub")" != "$spare" ] && ok || bad "planted link: the spare was used"
[ "$(ls "$OUT/victim")" = keep.txt ] && [ "$(cat "$OUT/victim/keep.txt")" = victim ] && ok ||
	bad "planted link: the folder it points to changed: $(ls "$OUT/victim")"
[ ! -L "$pub/communities/c20/photos" ] && ok || bad "planted link: published"
same_as_clean "planted link"

# -- A folder others may write: recorded so by the build that updates the
# spare holding it, then read whenever that tree is the spare again,
# though unchanged since.
edit
build "a build to make the spares ours again" && ok
chmod g+w "$pub.spare/communities/c30"
edit
build "group-writable folder, recorded" && ok
[ -n "$(find "$pub/communities/c30" -maxdepth 0 -perm -g+w)" ] && ok || bad "the group-writable folder was not kept"
edit
build "the other tree" && ok
edit
hold_spare
build "group-writable folder" && ok
[ "$(inode "$pub")" = "$spare" ] && ok || bad "group-writable folder: the spare was not used"
[ "$tracing" = 0 ] || { opened c30 && ok || bad "group-writable folder: communities/c30 was trusted, not read"; }
same_as_clean "group-writable folder"
# The output now holds the group-writable folder and is the next spare
# but one: a plant in it is found (its change time changed too).
edit
build "the other tree again" && ok
echo '<p>planted</p>' >"$pub.spare/communities/c30/evil.html"
refused "planted in the group-writable folder" communities/c30/evil.html

# -- A record altered by hand: the folder it names is read, not trusted.
edit
build "a build to make the spares ours again" && ok
edit
build "and the other" && ok
grep -q ' communities/c40/$' "$pub.spare.folders" && ok || bad "no record of communities/c40/"
sed -i '/ communities\/c40\/$/s/^0/1/' "$pub.spare.folders"
edit
hold_spare
build "altered record" && ok
[ "$(inode "$pub")" = "$spare" ] && ok || bad "altered record: the spare was not used"
if [ "$tracing" = 1 ]; then
	opened c40 && ok || bad "altered record: communities/c40 was trusted, not read"
	opened c41 && bad "altered record: communities/c41 was read too" || ok
fi
same_as_clean "altered record"

# -- The spare made ahead by serve: its own folders recorded.
unset http_proxy HTTP_PROXY all_proxy ALL_PROXY
pid=
trap '[ -z "$pid" ] || kill "$pid" 2>/dev/null' EXIT
pub=$OUT/served
serve_start "$GONGSHI" serve "$site" -o "$pub" --no-pdf --jobs 2
if [ -n "$pid" ]; then ok; else bad "serve did not start: $(cat "$OUT/serve.out" "$OUT/serve.err")"; fi
n=300
while [ "$n" -gt 0 ] && ! [ -f "$pub.spare.folders" ] && kill -0 "$pid" 2>/dev/null; do
	sleep 0.2
	n=$((n - 1))
done
kill -TERM "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
pid=
[ -d "$pub.spare" ] && [ -f "$pub.spare.folders" ] && ok || bad "serve made no spare, or no record of it: $(ls "$OUT")"
[ "$(grep -c . "$pub.spare.folders")" -gt 300 ] && ok || bad "serve's record is short: $(head -n 1 "$pub.spare.folders")"
edit
hold_spare
build "first edit after serve's spare" && ok
[ "$(inode "$pub")" = "$spare" ] && ok || bad "first edit after serve: the spare was not updated in place"
[ "$tracing" = 0 ] || [ "$reads" -lt 60 ] && ok ||
	bad "first edit after serve: $reads getdents64 calls: serve's spare was read whole"
same_as_clean "first edit after serve's spare"

finish
