#!/bin/sh
# Nothing lost, nothing escapes (issue 15, points 1, 2, 3, 9 and 11): what
# a build may replace, follow, delete and publish around its output folder.
#   - a folder gongshi never wrote, not empty, is refused with exit 2 and
#     left as it was, with nothing made beside it; an empty one is used;
#   - a spare (OUT.spare) with a link planted in it, and a manifest line
#     naming a file behind the link, is discarded: the build deletes and
#     writes nothing outside, publishes no link, and removes the planted
#     links as links; a link planted in the live output is never
#     followed or published;
#   - one build at a time per output: with OUT.lock held, --no-wait
#     refuses (exit 2, one message) and a plain build says it waits and
#     does not start until the lock is free; 20 overlapping builds (one
#     --force, one incremental) all succeed and publish the whole site;
#   - an output that is a symbolic link: the folder it leads to is
#     replaced and the link kept; a link to nowhere is refused;
#   - "site", "./site" and "/abs/site" share one manifest: no page is
#     made again for another spelling;
#   - the records of the folders beside the output (OUT.folders,
#     OUT.spare.folders): a link there is never followed or replaced, a
#     file that is not a record is never replaced or deleted.
. "$(dirname "$0")/../lib/common.sh"
t_init output-safety
site=$OUT/site
tab=$(printf '\t')

# Its own themes/: a theme found by an absolute path would hide the
# spelling of SITE_DIR from the page keys.
copy_example_site "$site" themes
cd "$OUT" || exit 2
gs() { "$GONGSHI" build "$@" >"$OUT/stdout" 2>"$OUT/stderr"; st=$?; }
# The files of a folder, as a sorted list of paths (links shown as such).
listing() { (cd "$1" && find . \( -type l -printf 'L %p\n' \) -o -printf '%y %p\n' | LC_ALL=C sort); }
same_stderr() {
	printf '%s\n' "$@" >"$OUT/want"
	cmp -s "$OUT/want" "$OUT/stderr" && ok ||
		bad "$what: stderr: $(cat "$OUT/stderr") want: $(cat "$OUT/want")"
}

# --- 1. A folder gongshi never wrote -----------------------------------------
what="foreign folder"
mkdir -p docs/sub
echo x >docs/thesis.docx
echo y >docs/sub/notes.txt
listing docs >"$OUT/l-docs-before"
gs site -o docs --no-pdf
[ "$st" = 2 ] && ok || bad "$what: exit $st, want 2"
same_stderr "docs: error: 输出目录“docs”不是 gongshi 生成的（其中没有 .gongshi-manifest），而且不是空的：生成会替换整个目录，其中的文件会丢失，所以没有动它。请用 -o 换一个空目录或新目录名，或者自己先把它清空" \
	'1 个错误，0 个警告'
listing docs >"$OUT/l-docs-after"
cmp -s "$OUT/l-docs-before" "$OUT/l-docs-after" && [ "$(cat docs/thesis.docx)" = x ] &&
	[ "$(cat docs/sub/notes.txt)" = y ] && ok || bad "$what: docs/ changed"
[ -z "$(ls -d docs.* 2>/dev/null)" ] && ok || bad "$what: made beside it: $(ls -d docs.*)"
# The same through the default output, SITE/public, and with --force.
mkdir -p site/public && echo z >site/public/keep.txt
gs site --no-pdf --force
[ "$st" = 2 ] && [ "$(cat site/public/keep.txt)" = z ] && ok ||
	bad "foreign SITE/public with --force: exit $st, want 2 and keep.txt kept"
rm -rf site/public
# An empty folder is used, and then it is gongshi's.
mkdir empty
gs site -o empty --no-pdf
[ "$st" = 0 ] && [ -s empty/index.html ] && [ -f empty/.gongshi-manifest ] && ok ||
	bad "empty folder: exit $st: $(head -n 2 "$OUT/stderr")"
gs site -o empty --no-pdf
[ "$st" = 0 ] && ok || bad "gongshi's own folder again: exit $st: $(head -n 2 "$OUT/stderr")"
rm -rf empty empty.*

# --- 2. A spare with links planted in it ---------------------------------------
# A spare is made by an incremental build after a change; then a link is
# planted in it and the manifest made to name a file behind it.
edit=0
bump() { edit=$((edit + 1)); sed -i "2s/海河路[0-9]*号/海河路$((60 + edit))号/" site/data/communities.csv; }
spare_build() {
	rm -rf pub pub.*
	gs site -o pub --no-pdf && bump && gs site -o pub --no-pdf
	[ -d pub.spare ] && [ -f pub.spare/.gongshi-manifest ] || bad "$1: no spare to plant in (exit $st)"
}
spare_build "link to a folder"
mkdir -p victim && echo precious >victim/file.txt
ln -s "$OUT/victim" pub.spare/evil
printf '%s evil/file.txt\n' 0123456789abcdef0123456789abcdef >>pub.spare/.gongshi-manifest
bump
gs site -o pub --no-pdf
what="spare link evil -> victim"
[ "$st" = 0 ] && ok || bad "$what: exit $st: $(head -n 2 "$OUT/stderr")"
[ "$(cat victim/file.txt 2>/dev/null)" = precious ] && ok || bad "$what: victim/file.txt deleted"
[ -z "$(find pub pub.spare -type l 2>/dev/null)" ] && ok ||
	bad "$what: links left: $(find pub pub.spare -type l)"

spare_build "link over communities/"
mkdir -p victim2
rm -rf pub.spare/communities
ln -s "$OUT/victim2" pub.spare/communities
bump
gs site -o pub --no-pdf
what="spare link communities -> victim2"
[ "$st" = 0 ] && ok || bad "$what: exit $st: $(head -n 2 "$OUT/stderr")"
[ -z "$(ls -A victim2)" ] && ok || bad "$what: written into victim2: $(ls -A victim2 | head -n 3)"
[ -d pub/communities ] && [ ! -L pub/communities ] && [ -s pub/communities/haihe-xiaoqu/index.html ] &&
	ok || bad "$what: pub/communities is not a folder of pages"
# What it published is what a clean build makes.
gs site -o clean --no-pdf
listing clean >"$OUT/clean.list"
listing pub >"$OUT/pub.list"
cmp -s "$OUT/clean.list" "$OUT/pub.list" && ok ||
	bad "$what: published is not a clean build: $(diff "$OUT/clean.list" "$OUT/pub.list" | head -n 5)"
rm -rf clean clean.*

# A link deeper in, to a file: the spare goes, the file stays.
spare_build "link to a file"
echo precious >victim/page.html
rm -f pub.spare/index.html
ln -s "$OUT/victim/page.html" pub.spare/index.html
bump
gs site -o pub --no-pdf
what="spare index.html -> victim/page.html"
[ "$st" = 0 ] && [ "$(cat victim/page.html)" = precious ] && [ ! -L pub/index.html ] && ok ||
	bad "$what: exit $st, victim/page.html: $(cat victim/page.html)"
# A stray file, not in the spare's manifest: the spare is discarded
# rather than published with it.
spare_build "stray file"
echo stray >pub.spare/stray.html
bump
gs site -o pub --no-pdf
[ "$st" = 0 ] && [ ! -e pub/stray.html ] && ok || bad "stray file in the spare: published (exit $st)"
# The spare itself a link: neither followed nor removed.
spare_build "spare is a link"
rm -rf pub.spare
mkdir -p victim3 && cp pub/.gongshi-manifest victim3/ && echo precious >victim3/index.html
ln -s "$OUT/victim3" pub.spare
bump
gs site -o pub --no-pdf
[ "$st" = 0 ] && [ -L pub.spare ] && [ "$(cat victim3/index.html)" = precious ] && ok ||
	bad "spare is a link: exit $st, or victim3 changed"
rm -rf pub pub.*

# A link planted in the live output (no spare: --force made none): the
# build links nothing through it and publishes no link; the next build
# finds it in the spare and discards that.
rm -rf pub pub.* victim4
gs site -o pub --no-pdf --force
mkdir -p victim4 && echo precious >victim4/index.html
rm -rf pub/communities/haihe-xiaoqu
ln -s "$OUT/victim4" pub/communities/haihe-xiaoqu
bump
gs site -o pub --no-pdf
what="output link communities/haihe-xiaoqu -> victim4"
[ "$st" = 0 ] && [ ! -L pub/communities/haihe-xiaoqu ] && [ -s pub/communities/haihe-xiaoqu/index.html ] &&
	ok || bad "$what: exit $st, or the link published"
bump
gs site -o pub --no-pdf
[ "$st" = 0 ] && [ "$(ls -A victim4)" = index.html ] && [ "$(cat victim4/index.html)" = precious ] &&
	[ -z "$(find pub pub.spare -type l 2>/dev/null)" ] && ok ||
	bad "$what, next build: exit $st, victim4: $(ls -A victim4), links: $(find pub pub.spare -type l)"
rm -rf pub pub.*

# --- 3. One build at a time ----------------------------------------------------
gs site -o pub --no-pdf
if ! command -v flock >/dev/null; then
	skip "flock(1) not installed: the lock held by hand"
else
	what="--no-wait while locked"
	listing pub >"$OUT/pub.before"
	flock pub.lock sh -c "\"$GONGSHI\" build site -o pub --no-pdf --no-wait >'$OUT/stdout' 2>'$OUT/stderr'; echo \$? >'$OUT/st'"
	st=$(cat "$OUT/st")
	[ "$st" = 2 ] && ok || bad "$what: exit $st, want 2"
	same_stderr "pub: error: 另一个 gongshi 正在生成同一个输出目录“pub”（锁文件 pub.lock）；请等它完成后再试，或去掉 --no-wait 让本次生成排队等待" \
		'1 个错误，0 个警告'
	listing pub >"$OUT/pub.after"
	cmp -s "$OUT/pub.before" "$OUT/pub.after" && ok || bad "$what: pub changed"

	# A plain build waits, says so once, and goes on when the lock is
	# free: the holder here releases it when told to (fifo), not on a
	# clock.
	what="waiting build"
	rm -f go && mkfifo go
	flock pub.lock sh -c "echo locked >'$OUT/held'; read x <'$OUT/go'" &
	holder=$!
	n=0
	while [ ! -s "$OUT/held" ] && [ $n -lt 600 ]; do sleep 0.05; n=$((n + 1)); done
	"$GONGSHI" build site -o pub --no-pdf >"$OUT/stdout" 2>"$OUT/stderr" &
	waiter=$!
	n=0
	while ! grep -q 等它完成后再开始 "$OUT/stderr" && [ $n -lt 600 ]; do sleep 0.05; n=$((n + 1)); done
	kill -0 "$waiter" 2>/dev/null && [ ! -s "$OUT/stdout" ] && ok ||
		bad "$what: did not wait: $(cat "$OUT/stdout" "$OUT/stderr")"
	echo go >go
	wait "$holder"
	wait "$waiter"
	st=$?
	[ "$st" = 0 ] && ok || bad "$what: exit $st"
	same_stderr "gongshi: 另一个 gongshi 正在生成同一个输出目录“pub”，等它完成后再开始……"
	rm -f go "$OUT/held"
fi

# Two builds at once, 20 times: a full one and an incremental one started
# while the first renders.  Before the lock the second cleared the
# first's temporary folder as a killed build's leftover and the first
# published what it wrote after that, with exit 0.
listing pub >"$OUT/ref.list"
# The second starts after a delay that varies, to meet the first at
# different points of its work (the delays assert nothing).
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	"$GONGSHI" build site -o pub --no-pdf --force >"$OUT/a.out" 2>"$OUT/a.err" &
	a=$!
	case $((i % 4)) in 0) sleep 0.02 ;; 1) sleep 0.05 ;; 2) sleep 0.1 ;; 3) sleep 0.2 ;; esac
	"$GONGSHI" build site -o pub --no-pdf >"$OUT/b.out" 2>"$OUT/b.err"
	b=$?
	wait "$a"
	a=$?
	listing pub >"$OUT/got.list"
	[ "$a$b" = 00 ] && cmp -s "$OUT/ref.list" "$OUT/got.list" &&
		[ -z "$(ls -d pub.tmp-* pub.old-* 2>/dev/null)" ] && ok ||
		bad "concurrent builds, run $i: exit $a and $b, $(cat "$OUT/a.err" "$OUT/b.err" | head -n 2)," \
			"missing: $(diff "$OUT/ref.list" "$OUT/got.list" | grep '^<' | head -n 3)"
done
rm -rf pub pub.*

# --- 9. An output that is a symbolic link -----------------------------------
mkdir -p www/real
ln -s real www/site
gs site -o www/site --no-pdf
[ "$st" = 0 ] && [ -L www/site ] && [ -s www/real/index.html ] && ok ||
	bad "output link: exit $st, www/site a link: $([ -L www/site ] && echo yes || echo no)"
gs site -o www/site --no-pdf
[ "$st" = 0 ] && [ -L www/site ] && [ -s www/site/index.html ] && grep -q '（重新生成 0 个）' "$OUT/stdout" && ok ||
	bad "output link, again: exit $st: $(cat "$OUT/stdout")"
ln -s nowhere www/dangling
what="dangling output link"
gs site -o www/dangling --no-pdf
[ "$st" = 2 ] && ok || bad "$what: exit $st, want 2"
same_stderr "www/dangling: error: 输出目录“www/dangling”是一个符号链接，但它指向的位置不存在或不是目录；请改正这个链接，或用 -o 换一个输出目录" \
	'1 个错误，0 个警告'
[ -L www/dangling ] && [ ! -e www/nowhere ] && ok || bad "$what: changed"
rm -rf www

# --- 11. The spelling of SITE_DIR ---------------------------------------------
gs site -o pub --no-pdf
for spelling in ./site "$OUT/site" site/ "$OUT/./site"; do
	gs "$spelling" -o pub --no-pdf
	[ "$st" = 0 ] && grep -q '^已生成 [0-9]* 个页面（重新生成 0 个）' "$OUT/stdout" && ok ||
		bad "SITE_DIR spelled $spelling: $(cat "$OUT/stdout" "$OUT/stderr")"
done
(cd site && "$GONGSHI" build -o ../pub --no-pdf >"$OUT/stdout" 2>&1)
grep -q '^已生成 [0-9]* 个页面（重新生成 0 个）' "$OUT/stdout" && ok ||
	bad "SITE_DIR . (from inside): $(cat "$OUT/stdout")"

# --- 12. The records beside the output are replaced only when ours ----------
what="records of the folders"
rm -rf rec rec.* && mkdir -p victim5 && echo precious >victim5/file
ln -s "$OUT/victim5/file" rec.folders
echo 'my notes' >rec.spare.folders
gs site -o rec --no-pdf
sed -i '2s/临城街道海河路61号/临城街道海河路63号/' site/data/communities.csv
gs site -o rec --no-pdf
sed -i '2s/临城街道海河路63号/临城街道海河路61号/' site/data/communities.csv
gs site -o rec --no-pdf
[ "$st" = 0 ] && [ -d rec.spare ] && ok || bad "$what: exit $st, no spare: $(cat "$OUT/stderr")"
[ -L rec.folders ] && [ "$(cat victim5/file)" = precious ] && ok ||
	bad "$what: the link was replaced or followed: $(cat victim5/file)"
[ "$(cat rec.spare.folders)" = 'my notes' ] && ok || bad "$what: a file not ours was replaced"
rm -rf rec rec.* victim5

finish
