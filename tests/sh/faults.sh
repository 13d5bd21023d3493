#!/bin/sh
# run-once
# Fault injection (issue 7), through an LD_PRELOAD shim (tests/fault/
# faultshim.c, built here) that kills gongshi or fails its writes at a
# chosen call, and logs every path it writes:
#   - a build killed with SIGKILL at 10 points leaves the previous output,
#     and the next build succeeds, clears what the killed one left and
#     gives the new output;
#   - a failed write (injected ENOSPC, or a real full tmpfs when root may
#     mount one) ends with exit status 2 and a message naming the file,
#     the previous output intact;
#   - an unreadable input, an output path that is a file, lies inside
#     data/, content/ or themes/, is the site or holds it: a clear
#     refusal, nothing written;
#   - a build killed while it updates the spare (OUT.spare, the output an
#     incremental build keeps to start the next one from) leaves the
#     previous output too;
#   - nothing is ever written outside the output folder (and its
#     OUT.tmp-*/OUT.old-*/OUT.spare siblings; the PDF code's font subsets
#     pass through a .tmp-* one, so that a killed build leaves none).
# Runs once, on the normal build: LD_PRELOAD does not mix with ASan.
#
#   GONGSHI=$PWD/build/gongshi OUT=/tmp/scratch sh tests/sh/faults.sh   (from the repo root)
#
# Prints one line per failure and ends with `N passed, N failed[, N skipped]`.
. "$(dirname "$0")/../lib/common.sh"
t_init faults
site=$OUT/site
pub=$OUT/pub
log=$OUT/writes.log
shim=$OUT/faultshim.so
tab=$(printf '\t')

if ldd "$GONGSHI" 2>/dev/null | grep -q 'libasan\|libtsan'; then
	skip "$GONGSHI is a sanitizer build; LD_PRELOAD needs the normal build"
	finish
fi
if ! ${CC:-cc} -shared -fPIC -O1 -Wall -Wextra -Werror -o "$shim" \
	"$top/tests/fault/faultshim.c" -ldl 2>"$OUT/cc.log"; then
	bad "cannot build the shim: $(head -n 5 "$OUT/cc.log")"
	finish
fi

# Themes and temporary files of our own, so that nothing outside $OUT
# can change between two builds or escape the write log.
private_themes
mkdir -p "$OUT/tmp"
TMPDIR=$OUT/tmp
export TMPDIR

# gs [VAR=VALUE...] [-- OPTION...]: `gongshi build $site -o $dest --jobs 1`
# under the shim, logging to $log; the values must not hold spaces.
# Status in $st, output in $OUT/stdout and $OUT/stderr.
dest=$pub
gs() {
	envs=
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		envs="$envs $1"
		shift
	done
	[ $# -gt 0 ] && shift
	mark=$(cat "$log" 2>/dev/null | wc -l)
	# shellcheck disable=SC2086
	env LD_PRELOAD="$shim" FAULT_LOG="$log" $envs \
		"$GONGSHI" build "$site" -o "$dest" --jobs 1 "$@" >"$OUT/stdout" 2>"$OUT/stderr"
	st=$?
}
# snap DIR: the folders, the other entries with their checksums, and the
# top folder's mode: equal snapshots mean byte-identical trees.
snap() {
	(cd "$1" && stat -c '%a' . && find . -type d | LC_ALL=C sort &&
		find . ! -type d -exec sha256sum {} + | LC_ALL=C sort -k 2)
}
# same DIR WHICH: DIR is byte for byte the `old` (previous) or `new`
# (clean build of the edited site) output.
same() {
	if [ -d "$1" ] && snap "$1" >"$OUT/now.snap" 2>&1 && cmp -s "$OUT/now.snap" "$OUT/$2.snap"; then
		return 0
	fi
	diff "$OUT/$2.snap" "$OUT/now.snap" 2>&1 | sed -n '2,4p' >"$OUT/snap.diff"
	return 1
}
leftovers() {
	find "$OUT" -maxdepth 1 \( -name 'pub.tmp-*' -o -name 'pub.old-*' \) | sort
}
# The previous output again, as hard links to a pristine copy: a build
# never changes a file in place (it writes new ones and swaps folders),
# and old.snap, taken before any of this, would show if it did.  No
# spare, unless `reset_pub spare`: then OUT.spare is the previous output
# too (hard links again), as an incremental build would have left it.
reset_pub() {
	rm -rf "$pub" "$OUT"/pub.tmp-* "$OUT"/pub.old-* "$pub.spare"
	cp -al "$OUT/ref" "$pub"
	[ "${1:-}" = spare ] && cp -al "$OUT/ref" "$pub.spare"
	:
}
# What the shim logged during the last gs.
new_log() { tail -n +$((mark + 1)) "$log"; }
# The path of the call the shim killed (KILL) or failed (FAIL) last.
last_mark() { new_log | grep "^$1$tab" | tail -n 1 | cut -f 2; }

copy_example_site "$site"

# The previous output: the example site, with PDFs.
gs
if [ "$st" != 0 ]; then
	bad "first build: exit $st: $(head -n 3 "$OUT/stderr")"
	finish
fi
ok
cp -a "$pub" "$OUT/ref"
snap "$OUT/ref" >"$OUT/old.snap"

# The edited site (one address), and a clean build of it: what every
# build after a kill must end with.
sed -i '2s/临城街道海河路61号/临城街道海河路62号/' "$site/data/communities.csv"
grep -q '海河路62号' "$site/data/communities.csv" && ok || bad "the edit did not apply"
dest=$OUT/clean
gs
dest=$pub
[ "$st" = 0 ] && ok || bad "clean build of the edited site: exit $st: $(head -n 3 "$OUT/stderr")"
snap "$OUT/clean" >"$OUT/new.snap"
cmp -s "$OUT/old.snap" "$OUT/new.snap" && bad "the edit changes no output file: the kill tests would prove nothing" || ok

# --- SIGKILL at 10 points -------------------------------------------------
# The rule: until the swap has happened, the output folder is the previous
# output byte for byte (manifest included); once it has (points 8 and 9),
# it is the new output byte for byte.  Never anything in between.  Either
# way the next build succeeds, leaves no pub.tmp-*/pub.old-*, and its
# output is byte for byte a clean build of the edited site.

# after_kill WHAT: the next, normal build.
after_kill() {
	gs
	[ "$st" = 0 ] && ok || bad "$1: the next build failed (exit $st): $(head -n 3 "$OUT/stderr")"
	[ -z "$(leftovers)" ] && ok || bad "$1: the next build left $(leftovers)"
	same "$pub" new && ok || bad "$1: the next build is not a clean build: $(cat "$OUT/snap.diff")"
}
# killed WHAT WHICH WHERE VAR=VALUE... [-- OPTION...]: from the previous
# output, a build of the edited site that the shim kills; the killed call's
# path must contain WHERE; afterwards the output is WHICH (old or new).
# With SPARE=1 the build starts with a spare to update.
killed() {
	what=$1
	which=$2
	where=$3
	shift 3
	reset_pub ${SPARE:+spare}
	gs "$@"
	if [ "$st" = 137 ]; then ok; else
		bad "$what: exit status $st, want 137 (SIGKILL): $(head -n 3 "$OUT/stderr")"
	fi
	case $(last_mark KILL) in
	*"$where"*) ok ;;
	*) bad "$what: killed at “$(last_mark KILL)”, want a path with “$where”" ;;
	esac
	same "$pub" "$which" && ok || bad "$what: the output folder is not the $which output: $(cat "$OUT/snap.diff")"
	after_kill "$what"
}

killed "1 creating the temporary folder" old "/pub.tmp-XXXXXX" FAULT_KILL=mkdtemp:1
killed "2 carrying over an unchanged page" old "/pub.tmp-" FAULT_KILL=link:20
killed "3 the middle of the page writes" old "/index.html" \
	FAULT_KILL=open:3 FAULT_KILL_MATCH=/index.html
killed "4 after the pages, before the PDFs" old "/communities/haihe-xiaoqu/notice.pdf" \
	FAULT_KILL=open:1 FAULT_KILL_MATCH=.pdf
killed "5 the middle of the PDF writes (--force)" old ".pdf" \
	FAULT_KILL=write:30 FAULT_KILL_MATCH=.pdf -- --force
killed "5b a font subset on its way into a PDF (--force)" old "/gongshi-pdf-" \
	FAULT_KILL=write:1 FAULT_KILL_MATCH=/gongshi-pdf- -- --force
killed "6 writing the manifest" old "/.gongshi-manifest" \
	FAULT_KILL=write:1 FAULT_KILL_MATCH=.gongshi-manifest
killed "7 just before the swap" old "$pub" FAULT_KILL=rename:1
killed "8 just after the swap" new "$pub" FAULT_KILL=rename:1 FAULT_KILL_AFTER=1
# The old output goes by unlinkat beneath its folder (write/output_fs.c):
# its pages are counted, not the font subsets of the scratch folder.
killed "9 removing the old output (--force keeps no spare)" new "/pub.tmp-" \
	FAULT_KILL=unlink:40 FAULT_KILL_MATCH=/communities/ -- --force
killed "9b keeping the old output as the spare" new "$pub.spare" \
	FAULT_KILL=rename:1 FAULT_KILL_MATCH=.spare

# The spare: an incremental build that finds OUT.spare updates it under a
# temporary name and swaps it in.  A kill while it does leaves the
# previous output, and the half-updated spare goes with the leftovers.
SPARE=1 killed "11 writing a page into the spare" old "/pub.tmp-" \
	FAULT_KILL=open:1 FAULT_KILL_MATCH=/index.html
new_log | grep -q "^rename$tab$pub.spare\$" && ok ||
	bad "11: the build did not take the spare (the kill tested nothing)"
SPARE=1 killed "12 writing the manifest into the spare" old "/.gongshi-manifest" \
	FAULT_KILL=write:1 FAULT_KILL_MATCH=.gongshi-manifest
# Not killed: the new output, and the previous one is the spare, unchanged
# although the two share their unchanged files.
reset_pub spare
gs
[ "$st" = 0 ] && ok || bad "update of the spare: exit $st: $(head -n 3 "$OUT/stderr")"
same "$pub" new && ok || bad "update of the spare: not the new output: $(cat "$OUT/snap.diff")"
same "$pub.spare" old && ok || bad "update of the spare: the previous output is not the spare: $(cat "$OUT/snap.diff")"
[ -z "$(leftovers)" ] && ok || bad "update of the spare: left $(leftovers)"

# 10: where renameat2 cannot swap (EINVAL, as on a file system without
# RENAME_EXCHANGE), the commit falls back to two renames, and a kill
# between them leaves no pub, only pub.old-*: the next build must put it
# back before anything else.
what="10 between the two renames of the fallback commit"
reset_pub
gs FAULT_FAIL=renameat2:EINVAL:1 FAULT_KILL=rename:3
[ "$st" = 137 ] && ok || bad "$what: exit status $st, want 137: $(head -n 3 "$OUT/stderr")"
[ "$(last_mark KILL)" = "$pub" ] && ok || bad "$what: killed at “$(last_mark KILL)”"
[ ! -e "$pub" ] && ok || bad "$what: pub exists; the kill missed the window"
set -- "$OUT"/pub.old-*
if [ $# = 1 ] && same "$1" old; then ok; else bad "$what: pub.old-* is not the previous output: $*"; fi
# The next build, killed as soon as it starts writing: the previous output
# is back, and the leftovers are gone.
gs FAULT_KILL=mkdtemp:1
[ "$st" = 137 ] && ok || bad "$what: recovering build: exit $st, want 137"
same "$pub" old && ok || bad "$what: not put back: $(cat "$OUT/snap.diff")"
[ -z "$(leftovers)" ] && ok || bad "$what: the recovering build left $(leftovers)"
after_kill "$what"
# And the fallback commit itself, not killed.
reset_pub
gs FAULT_FAIL=renameat2:EINVAL:1
[ "$st" = 0 ] && ok || bad "fallback commit: exit $st: $(head -n 3 "$OUT/stderr")"
new_log | grep -q "^rename$tab$pub.old-" && ok || bad "fallback commit: pub was not renamed aside"
same "$pub" new && ok || bad "fallback commit: not the new output: $(cat "$OUT/snap.diff")"
[ -z "$(leftovers)" ] && ok || bad "fallback commit: left $(leftovers)"

# --- A write that fails ----------------------------------------------------
# nospace WHAT MESSAGE VAR=VALUE...: exit status 2, exactly MESSAGE and the
# count on stderr, the previous output untouched, nothing left beside it.
nospace() {
	what=$1
	printf '%s\n1 个错误，0 个警告\n' "$2" >"$OUT/want"
	shift 2
	reset_pub
	gs "$@"
	[ "$st" = 2 ] && ok || bad "$what: exit $st, want 2"
	cmp -s "$OUT/want" "$OUT/stderr" && ok || bad "$what: stderr: $(cat "$OUT/stderr")"
	same "$pub" old && ok || bad "$what: the output changed: $(cat "$OUT/snap.diff")"
	[ -z "$(leftovers)" ] && ok || bad "$what: left $(leftovers)"
}
full=无法写入输出文件：磁盘空间不足
nospace "a page" "$pub/communities/haihe-xiaoqu/index.html: error: $full" \
	FAULT_FAIL=write:ENOSPC:1 FAULT_FAIL_MATCH=communities/haihe-xiaoqu/index.html
nospace "a PDF" "$pub/notices/lincheng.pdf: error: $full" \
	FAULT_FAIL=write:ENOSPC:1 FAULT_FAIL_MATCH=notices/lincheng.pdf
nospace "the manifest" "$pub/.gongshi-manifest: error: $full" \
	FAULT_FAIL=write:ENOSPC:1 FAULT_FAIL_MATCH=.gongshi-manifest
# (A file whose bytes did not change is linked, not created: the search
# chunk holding the edited address is one that is.)
nospace "creating a file" "$pub/search-index/d/0.js: error: $full" \
	FAULT_FAIL=open:ENOSPC:1 FAULT_FAIL_MATCH=search-index/d/0.js
nospace "carrying over a page" "$pub/plan/index.html: error: 无法写入输出文件：超出磁盘配额" \
	FAULT_FAIL=link:EDQUOT:1 FAULT_FAIL_MATCH=plan/index.html
nospace "the temporary folder" "$pub: error: 无法创建临时输出目录“$OUT/pub.tmp-XXXXXX”：磁盘空间不足" \
	FAULT_FAIL=mkdtemp:ENOSPC:1
nospace "the swap" "$pub: error: 无法替换输出目录：磁盘空间不足" FAULT_FAIL=rename:ENOSPC:1

# Every write from the 5th on fails: every file is named, nothing else said.
what="every write from the 5th"
reset_pub
gs FAULT_FAIL=write:ENOSPC:5
[ "$st" = 2 ] && ok || bad "$what: exit $st, want 2"
n=$(grep -c "^$pub/[^:]*: error: $full\$" "$OUT/stderr")
[ "$n" -ge 5 ] && [ "$(sed '$d' "$OUT/stderr" | grep -vc "^$pub/[^:]*: error: $full\$")" = 0 ] &&
	[ "$(tail -n 1 "$OUT/stderr")" = "$n 个错误，0 个警告" ] && ok ||
	bad "$what: stderr: $(head -n 3 "$OUT/stderr")"
same "$pub" old && ok || bad "$what: the output changed"
[ -z "$(leftovers)" ] && ok || bad "$what: left $(leftovers)"

# A real full disk: a 4 MB tmpfs holds the website without PDFs (about
# 2.9 MB with the progress and result pages and the photos) but not the
# notices besides (16 MB).  In a private mount namespace, so
# the mount goes when the test does.
cat >"$OUT/tmpfs.sh" <<'EOF'
set -u
mount -t tmpfs -o size=4m gongshi-test "$MNT" || exit 3
"$GONGSHI" build "$SITE" -o "$MNT/pub" --jobs 1 --no-pdf >/dev/null 2>"$OUT/tmpfs.err1"
echo $? >"$OUT/tmpfs.st1"
(cd "$MNT/pub" && find . ! -type d -exec sha256sum {} + | sort -k 2) >"$OUT/tmpfs.before"
"$GONGSHI" build "$SITE" -o "$MNT/pub" --jobs 1 >/dev/null 2>"$OUT/tmpfs.err2"
echo $? >"$OUT/tmpfs.st2"
(cd "$MNT/pub" && find . ! -type d -exec sha256sum {} + | sort -k 2) >"$OUT/tmpfs.after"
ls -A "$MNT" >"$OUT/tmpfs.ls"
EOF
mkdir -p "$OUT/mnt"
if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null ||
	! unshare -m sh -c "mount -t tmpfs -o size=64k probe '$OUT/mnt'" 2>/dev/null; then
	skip "a real full tmpfs: needs root, unshare and mount (the injected ENOSPC above still ran)"
else
	MNT=$OUT/mnt SITE=$site OUT=$OUT GONGSHI=$GONGSHI unshare -m sh "$OUT/tmpfs.sh"
	what="full tmpfs"
	[ "$(cat "$OUT/tmpfs.st1" 2>/dev/null)" = 0 ] && ok ||
		bad "$what: the website alone did not fit: $(head -n 2 "$OUT/tmpfs.err1" 2>/dev/null)"
	[ "$(cat "$OUT/tmpfs.st2" 2>/dev/null)" = 2 ] && ok ||
		bad "$what: exit $(cat "$OUT/tmpfs.st2" 2>/dev/null), want 2"
	# The disk fills while writing an output file or a notice's font
	# subset (into the scratch folder beside the output): both are I/O.
	fontfull=': error: 无法写入临时字体文件（[^）]*）：磁盘空间不足$'
	grep -q "^$OUT/mnt/pub/[^:]*: error: $full\$\|$fontfull" "$OUT/tmpfs.err2" &&
		[ "$(grep -vc "^$OUT/mnt/pub/[^:]*: error: $full\$\|$fontfull\|^[0-9]* 个错误，0 个警告\$" "$OUT/tmpfs.err2")" = 0 ] &&
		ok || bad "$what: stderr: $(head -n 3 "$OUT/tmpfs.err2")"
	[ -s "$OUT/tmpfs.before" ] && cmp -s "$OUT/tmpfs.before" "$OUT/tmpfs.after" && ok ||
		bad "$what: the previous output changed"
	# pub.lock: the lock beside the output (write/output_lock.h);
	# pub.folders: the record of its folders (write/folder_stamps.h).
	[ "$(cat "$OUT/tmpfs.ls")" = "$(printf 'pub\npub.folders\npub.lock')" ] && ok ||
		bad "$what: left $(cat "$OUT/tmpfs.ls")"
fi

# --- Refusals: nothing written ----------------------------------------------
# listing: everything under $OUT but the scratch files of this test.
listing() {
	find "$OUT" \( -path "$OUT/tmp" -o -name '*.log' -o -name '*.ls' -o -name '*.snap' -o \
		-name snap.diff -o -name want -o -name stdout -o -name stderr \) -prune -o -print |
		LC_ALL=C sort
	snap "$site"
}
# refused OUTPUT MESSAGE: `gongshi build . -o OUTPUT` inside the site exits
# with status 2 and exactly MESSAGE, writing nothing at all.  A shim kill
# at the first temporary folder stops a build that was not refused before
# it could replace anything.
refused() {
	printf '%s\n1 个错误，0 个警告\n' "$2" >"$OUT/want"
	listing >"$OUT/before.ls"
	rm -f "$OUT/refused.log"
	cd "$site" || return
	env LD_PRELOAD="$shim" FAULT_LOG="$OUT/refused.log" FAULT_KILL=mkdtemp:1 \
		"$GONGSHI" build . -o "$1" --jobs 1 >"$OUT/stdout" 2>"$OUT/stderr"
	st=$?
	cd "$top" || return
	[ "$st" = 2 ] && ok || bad "-o $1: exit $st, want 2: $(head -n 2 "$OUT/stderr")"
	cmp -s "$OUT/want" "$OUT/stderr" && ok || bad "-o $1: stderr: $(cat "$OUT/stderr")"
	[ ! -s "$OUT/refused.log" ] && ok || bad "-o $1: wrote $(head -n 3 "$OUT/refused.log")"
	listing >"$OUT/after.ls"
	cmp -s "$OUT/before.ls" "$OUT/after.ls" && ok || bad "-o $1: files changed"
}
inside() { echo "$1: error: 输出目录“$1”在输入目录 $2/ 之内，生成会覆盖输入文件；请换一个输出目录"; }
rm -rf "$pub" "$OUT"/pub.tmp-* "$OUT"/pub.old-* "$pub.spare"
echo x >"$site/afile"
refused afile "afile: error: 输出路径已存在，但不是目录"
refused data/x "$(inside data/x data)"
refused data/../data/x "$(inside data/../data/x data)"
refused content/ "content/: error: 输出目录“content/”就是输入目录 content/，生成会覆盖输入文件；请换一个输出目录"
refused themes/default/out "$(inside themes/default/out themes)"
refused . ".: error: 输出目录“.”就是站点目录，生成会替换整个站点；请换一个输出目录"
refused .. "..: error: 输出目录“..”包含站点目录“.”，生成会替换整个站点；请换一个输出目录"
rm -f "$site/afile"

# An unreadable input: the loader says which and why, exit status 1,
# nothing written.  As root, mode 000 is still readable: the shim's EACCES
# stands in for it.
unreadable() {
	what=$1
	printf '%s\n1 个错误，0 个警告\n' "$2" >"$OUT/want"
	shift 2
	reset_pub
	rm -f "$OUT/refused.log"
	env LD_PRELOAD="$shim" FAULT_LOG="$OUT/refused.log" "$@" \
		"$GONGSHI" build "$site" -o "$pub" --jobs 1 >"$OUT/stdout" 2>"$OUT/stderr"
	st=$?
	[ "$st" = 1 ] && ok || bad "$what: exit $st, want 1"
	cmp -s "$OUT/want" "$OUT/stderr" && ok || bad "$what: stderr: $(cat "$OUT/stderr")"
	# The injected failure itself is logged, as FAIL.
	# Opening the lock beside the output (write/output_lock.h) writes
	# nothing: the file is there from the builds before.
	[ -z "$(grep -v "^FAIL$tab\|^open$tab$pub.lock\$" "$OUT/refused.log")" ] && ok ||
		bad "$what: wrote $(head -n 3 "$OUT/refused.log")"
	same "$pub" old && ok || bad "$what: the output changed"
	[ -z "$(leftovers)" ] && ok || bad "$what: left $(leftovers)"
}
noread=无法读取文件：没有访问权限
unreadable "unreadable data file" "$site/data/communities.csv: error: $noread" \
	FAULT_FAIL=openr:EACCES:1 FAULT_FAIL_MATCH=/data/communities.csv
page=$(cd "$site" && find content -name '*.md' | LC_ALL=C sort | head -n 1)
unreadable "unreadable content page" "$site/$page: error: $noread" \
	FAULT_FAIL=openr:EACCES:1 FAULT_FAIL_MATCH="/$page"
if [ "$(id -u)" = 0 ]; then
	skip "mode 000 data file: root reads it anyway (the shim's EACCES above stands in)"
else
	chmod 000 "$site/data/communities.csv"
	unreadable "mode 000 data file" "$site/data/communities.csv: error: $noread"
	chmod 644 "$site/data/communities.csv"
fi

# --- Nothing written outside the output folder -----------------------------
# Every path any build above created, opened for writing, renamed, linked,
# removed or chmodded lies in pub or clean or their .tmp-*/.old-*/.spare
# siblings; the font subsets pass through a .tmp-* sibling, not $TMPDIR.
fonts=0
outside=
while IFS="$tab" read -r op path; do
	case $path in
	"$pub".tmp-*/gongshi-pdf-* | "$OUT"/clean.tmp-*/gongshi-pdf-*) fonts=$((fonts + 1)) ;;
	"$pub" | "$pub"/* | "$pub".tmp-* | "$pub".old-* | "$pub".spare | "$pub".spare/*) ;;
	"$OUT/clean" | "$OUT/clean"/* | "$OUT"/clean.tmp-* | "$OUT"/clean.old-* | \
		"$OUT"/clean.spare | "$OUT"/clean.spare/*) ;;
	# The lock beside each output (write/output_lock.h).
	"$pub".lock | "$OUT"/clean.lock) ;;
	# The record of the folders of each output and spare (write/folder_stamps.h).
	"$pub".folders | "$pub".spare.folders | "$OUT"/clean.folders | "$OUT"/clean.spare.folders) ;;
	*) outside="$outside $op:$path" ;;
	esac
done <"$log"
[ -z "$outside" ] && ok || bad "written outside the output folder:$(echo "$outside" | cut -c 1-300)"
grep -q "^open$tab$pub.tmp-[^/]*/index.html\$" "$log" && grep -q "^rename$tab$pub\$" "$log" && ok ||
	bad "the write log lacks the pages or the swap: the check above proves nothing"
[ "$fonts" -gt 0 ] && ok || bad "no font subset written beside the output (did the PDF code move them?)"
[ -z "$(ls -A "$TMPDIR")" ] && ok || bad "left in \$TMPDIR: $(ls -A "$TMPDIR" | head -n 3)"

finish
