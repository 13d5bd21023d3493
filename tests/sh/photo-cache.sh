#!/bin/sh
# OUT/.gongshi-photos (write/photo_cache.h, issue 20 at scale): a rebuild
# opens no photo that did not change.  Proved with strace (every openat of
# a photo under content/communities/) and with --verbose's count:
# - a second build opens no photo, and its output is byte for byte a
#   clean build's (--force, which reads every photo);
# - a photo touched (its bytes the same) is read again, and only it; its
#   derivatives are carried over (their key is the bytes);
# - a photo rewritten in place by the same size, its modification time
#   then set back to the old one to the nanosecond (so that only the
#   change time tells), is read again and its outputs keyed anew;
# - a rebuild makes one system call per photo (its lstat), and a photo
#   it knew that became a link out of the site, or whose community folder
#   did, is refused all the same;
# - a damaged, cut, repeated, foreign, linked or FIFO .gongshi-photos is
#   ignored whole: every photo read, the output the same.
#
#   GONGSHI=$PWD/gongshi OUT=/tmp/scratch sh tests/sh/photo-cache.sh   (from the repo root)
#
# Needs strace (the opens) and vips (libvips-tools, the test photos);
# the strace checks are skipped where ptrace is not allowed (and for an
# AddressSanitizer build, whose leak check does not run under ptrace).
# Prints one line per failure and ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init photo-cache
site=$OUT/site
pub=$OUT/public
dir=$site/content/communities/bayi-xiaoqu
private_themes

if ! command -v vips >/dev/null 2>&1; then
	skip "vips missing (apt-get install libvips-tools)"
	finish
fi
copy_example_site "$site" || { bad "cannot copy the example site"; finish; }
# Two photos of our own: a JPEG with a comment segment (COM, FF FE) of
# four letters right after its start, so that the test can later write
# other bytes of the same size over it; and a PNG.  notice.image puts the
# design image on the notice, so that the PDFs' keys ask for the hashes too.
vips black "$OUT/b.v" 640 480 --bands 3 && vips linear "$OUT/b.v" "$OUT/base.jpg" 1 90 --uchar &&
	vips black "$OUT/s.v" 300 200 --bands 3 && vips copy "$OUT/s.v" "$dir/small.png" ||
	bad "cannot make the test photos"
with_comment() { # LETTERS: base.jpg with a COM segment holding LETTERS (4)
	printf '\377\330\377\376\000\006%s' "$1"
	tail -c +3 "$OUT/base.jpg"
}
with_comment AAAA >"$dir/mark.jpg"
cat >>"$site/data/photos.csv" <<'ROWS'
bayi-xiaoqu,mark.jpg,测试：同样大小改写,2022-05-02,改造前
bayi-xiaoqu,small.png,测试：小图,2022-05-03,施工中
ROWS
sed -i 's/^notice:$/notice:\n  image: design/' "$site/site.yaml"
grep -q '^  image: design' "$site/site.yaml" && ok || bad "could not set notice.image"
nphotos=$(($(wc -l <"$site/data/photos.csv") - 1))
nfiles=$(ls "$site"/content/communities/*/*.jpg "$site"/content/communities/*/*.png | wc -l)

# The probe runs gongshi itself: an AddressSanitizer build's leak check
# cannot run under ptrace, and fails.
tracing_or_skip "the opens are not watched"

# build OUTDIR [ARGS...]: builds with --verbose, the photos' files opened
# (their names, sorted, once each) into $OUT/opened.
build() {
	b_out=$1
	shift
	if [ "$tracing" = 1 ]; then
		strace -f -qq -e trace=open,openat,openat2 -o "$OUT/trace" \
			"$GONGSHI" build "$site" -o "$b_out" --jobs 2 --verbose "$@" >"$OUT/stdout" 2>"$OUT/stderr"
		b_rc=$?
		grep -o 'content/communities/[^"]*\.\(jpg\|png\)"' "$OUT/trace" | tr -d '"' | sort -u >"$OUT/opened"
	else
		"$GONGSHI" build "$site" -o "$b_out" --jobs 2 --verbose "$@" >"$OUT/stdout" 2>"$OUT/stderr"
		b_rc=$?
		: >"$OUT/opened"
	fi
	[ "$b_rc" = 0 ] || bad "build $b_out $*: exit $b_rc: $(head -n 3 "$OUT/stderr")"
}
# opened N WHAT: N photo files were opened (strace).
opened() {
	[ "$tracing" = 1 ] || return 0
	[ "$(wc -l <"$OUT/opened")" = "$1" ] && ok ||
		bad "$2: $(wc -l <"$OUT/opened") photo files opened, want $1: $(tr '\n' ' ' <"$OUT/opened")"
}
# counted READ WHAT: --verbose's count of photo files read.
counted() {
	grep -q "^照片：$1 次读取文件" "$OUT/stdout" && ok ||
		bad "$2: $(grep '^照片' "$OUT/stdout" || echo 'no 照片 line'), want $1 read"
}
# same WHAT: the output is a clean build's (--force: every photo read).
same() {
	rm -rf "$OUT/clean"
	"$GONGSHI" build "$site" -o "$OUT/clean" --jobs 2 --force -q >/dev/null 2>"$OUT/clean.err" ||
		bad "clean build: $(head -n 3 "$OUT/clean.err")"
	diff -r "$OUT/clean" "$pub" >"$OUT/diff" 2>&1 && ok ||
		bad "$1: the output differs from a clean build's: $(head -n 3 "$OUT/diff")"
}

build "$pub"
# Vacuity guard: the first build does read every photo file.
opened "$nfiles" "first build"
counted $((2 * nphotos)) "first build (a header and the bytes of each photo)"
cache=$pub/.gongshi-photos
head -n 1 "$cache" | grep -q -E '^gongshi-photos 1 [0-9a-f]{32}$' && ok || bad "$cache: header $(head -n 1 "$cache")"
[ "$(tail -n +2 "$cache" | wc -l)" = "$nfiles" ] && ok || bad "$cache: $(tail -n +2 "$cache" | wc -l) lines, want $nfiles"
grep -q ' \.gongshi-photos$' "$pub/.gongshi-manifest" && ok || bad "the manifest does not list .gongshi-photos"

build "$pub"
opened 0 "second build"
counted 0 "second build"
grep -q '（重新生成 0 个）.*（重新生成 0 个）' "$OUT/stdout" && ok || bad "second build made something: $(tail -n 1 "$OUT/stdout")"
same "second build"

# One system call per photo on a rebuild: its lstat in its community's
# folder (load/file.h's file_plain_at), no realpath's readlink of each part
# of its path, no access(2), no second stat for its hash.
if [ "$tracing" = 1 ]; then
	# One file per thread (-ff): with one file, a call another thread
	# interrupts is split into "<unfinished ...>" and "<... resumed>"
	# lines, and its flags may land on the second.
	rm -f "$OUT"/calls.*
	strace -ff -qq -o "$OUT/calls" "$GONGSHI" build "$site" -o "$pub" --jobs 2 -q >/dev/null 2>&1 ||
		bad "the traced rebuild failed"
	cat "$OUT"/calls.* >"$OUT/calls"
	for f in mark.jpg small.png; do
		n=$(grep -c "\"[^\"]*/*$f\"" "$OUT/calls")
		[ "$n" = 1 ] && grep -q "newfstatat([0-9]*, \"$f\", .*AT_SYMLINK_NOFOLLOW" "$OUT/calls" && ok ||
			bad "a rebuild names $f in $n system calls, want 1 (its lstat): $(grep "$f\"" "$OUT/calls" | head -n 4)"
	done
fi

# A photo the last build knew, replaced by a link out of the site: refused
# as before (only a photo that is a link is resolved whole), and so is
# every photo of a community folder replaced by such a link; a link that
# stays inside the site is followed.
away=$OUT/away
mkdir -p "$away" && mv "$dir/small.png" "$away/small.png" && ln -s "$away/small.png" "$dir/small.png"
real=$(cd "$away" && pwd -P)
"$GONGSHI" build "$site" -o "$pub" -q >"$OUT/stdout" 2>"$OUT/stderr"
rc=$?
[ "$rc" = 1 ] && grep -qx "$site/content/communities/bayi-xiaoqu/small.png: error: 符号链接指向网站目录之外（“$real/small.png”），已拒绝读取" "$OUT/stderr" &&
	ok || bad "a known photo made a link out of the site: exit $rc, $(head -n 2 "$OUT/stderr")"
rm "$dir/small.png" && ln -s ../../../content/communities/bayi-xiaoqu/mark.jpg "$dir/small.png"
"$GONGSHI" build "$site" -o "$OUT/inside" -q >"$OUT/stdout" 2>"$OUT/stderr" && ok ||
	bad "a photo linked inside the site: $(head -n 2 "$OUT/stderr")"
rm "$dir/small.png" && mv "$away/small.png" "$dir/small.png"
mv "$dir" "$away/bayi" && ln -s "$away/bayi" "$dir"
"$GONGSHI" build "$site" -o "$pub" -q >"$OUT/stdout" 2>"$OUT/stderr"
rc=$?
[ "$rc" = 1 ] && grep -qx "$site/content/communities/bayi-xiaoqu/mark.jpg: error: 符号链接指向网站目录之外（“$real/bayi/mark.jpg”），已拒绝读取" "$OUT/stderr" &&
	ok || bad "a community folder made a link out of the site: exit $rc, $(head -n 3 "$OUT/stderr")"
rm "$dir" && mv "$away/bayi" "$dir"
build "$pub"
same "after the links"

# Touched: read again (and only it), nothing made again.
touch "$dir/small.png"
build "$pub"
opened 1 "after touching small.png"
grep -q 'bayi-xiaoqu/small.png' "$OUT/opened" || [ "$tracing" = 0 ] && ok || bad "small.png not read after touch"
grep -q '（重新生成 0 个）.*（重新生成 0 个）' "$OUT/stdout" && ok || bad "a touch made something again: $(tail -n 1 "$OUT/stdout")"
same "after a touch"

# Rewritten in place by other bytes of the same size, the modification
# time set back: inode, size and mtime (to the nanosecond) as before.
touch -r "$dir/mark.jpg" "$OUT/when"
stat -c '%i %s %y' "$dir/mark.jpg" >"$OUT/id-before"
grep 'mark-' "$pub/.gongshi-manifest" >"$OUT/keys-before"
with_comment BBBB >"$OUT/mark2.jpg"
dd if="$OUT/mark2.jpg" of="$dir/mark.jpg" conv=notrunc status=none
touch -r "$OUT/when" "$dir/mark.jpg"
stat -c '%i %s %y' "$dir/mark.jpg" >"$OUT/id-after"
cmp -s "$OUT/mark2.jpg" "$dir/mark.jpg" && diff "$OUT/id-before" "$OUT/id-after" >/dev/null && ok ||
	bad "the rewrite changed inode, size or mtime: $(cat "$OUT/id-before") / $(cat "$OUT/id-after")"
build "$pub"
opened 1 "after rewriting mark.jpg in place"
counted 2 "after rewriting mark.jpg in place (its header and its bytes)"
grep 'mark-' "$pub/.gongshi-manifest" >"$OUT/keys-after"
[ -s "$OUT/keys-after" ] && ! diff "$OUT/keys-before" "$OUT/keys-after" >/dev/null && ok ||
	bad "mark.jpg's derivatives not keyed anew: $(cat "$OUT/keys-after")"
same "after a rewrite in place"

# A damaged .gongshi-photos: ignored whole, every photo read again, the
# output the same (and the file written right again).
cp "$cache" "$OUT/good"
damage() {
	rm -f "$cache"
	case $1 in
	byte) sed '2s/^\([0-9]*\) /\1x /' "$OUT/good" >"$cache" ;;
	hash) sed '2s/ \([0-9a-f]\{31\}\)[0-9a-f] / \1g /' "$OUT/good" >"$cache" ;;
	cut) head -c -1 "$OUT/good" >"$cache" ;;
	zero) sed '2s/ \([0-9]*\)\.\([0-9]*\) / \1.0\2 /' "$OUT/good" >"$cache" ;;
	repeat) { cat "$OUT/good"; tail -n 1 "$OUT/good"; } >"$cache" ;;
	foreign) { echo 'gongshi-photos 1 0123456789abcdef0123456789abcdef'; tail -n +2 "$OUT/good"; } >"$cache" ;;
	link) cp "$OUT/good" "$OUT/linked" && ln -s "$OUT/linked" "$cache" ;;
	fifo) mkfifo "$cache" ;;
	esac
}
for kind in byte hash cut zero repeat foreign link fifo; do
	damage "$kind"
	[ -f "$cache" ] && [ ! -h "$cache" ] && cmp -s "$cache" "$OUT/good" && bad "$kind: the damage changed nothing"
	build "$pub"
	opened "$nfiles" "a $kind .gongshi-photos"
	counted $((2 * nphotos)) "a $kind .gongshi-photos"
	cmp -s "$cache" "$OUT/good" && [ ! -h "$cache" ] && ok || bad "$kind: .gongshi-photos not written again"
	same "after a $kind .gongshi-photos"
done
finish
