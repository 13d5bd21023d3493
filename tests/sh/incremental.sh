#!/bin/sh
# Incremental builds: the output folder's manifest lets a rebuild carry
# over every file whose inputs did not change, and the result is byte for
# byte what a clean build of the same site gives.  An edited community
# row makes its page, its notice and poster, its subdistrict's booklets and the pages
# that list it again, nothing more; --force makes everything; a deleted
# community's page and notice go; a changed template makes every page of
# that kind again.  An edit in the optional tables remakes what shows it
# and nothing else: an opinion's answer its result page and notice, a
# progress report's text its community page, a photo's caption its page
# (and its notice with notice.image), its bytes its derivatives and
# notice; a later --as-of day adds its progress report and carries the
# issued ones over.  An incremental build keeps the output it replaced as
# public.spare, and the next one updates that folder instead of filling
# an empty one: the results are still those of clean builds.
#
#   GONGSHI=$PWD/gongshi OUT=/tmp/scratch sh tests/sh/incremental.sh   (from the repo root)
#
# Prints one line per failure and ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init incremental
site=$OUT/site
pub=$OUT/public
private_themes

# build OUTDIR [OPTION...]: stdout in $OUT/stdout, stderr in $OUT/stderr.
build() {
	dir=$1
	shift
	"$GONGSHI" build "$site" -o "$dir" --jobs 2 "$@" >"$OUT/stdout" 2>"$OUT/stderr"
}
# The numbers of pages and PDFs made again, from the summary line
# (everything when it has no "（重新生成 N 个）").
remade() {
	sed -nE 's/^已生成 ([0-9]+) 个页面(（重新生成 ([0-9]+) 个）)?、([0-9]+) 个 PDF(（重新生成 ([0-9]+) 个）)?，.*/\1 \3 \4 \6/p' \
		"$OUT/stdout" | awk '{ print ($2 == "" ? $1 : $2), ($4 == "" ? $3 : $4) }'
}
# same_as_clean WHAT: a clean build of the site equals $pub.
same_as_clean() {
	rm -rf "$OUT/clean"
	if build "$OUT/clean"; then ok; else bad "$1: clean build: $(cat "$OUT/stderr")"; fi
	diff -r "$OUT/clean" "$pub" >"$OUT/diff" 2>&1 && ok ||
		bad "$1: differs from a clean build: $(head -n 5 "$OUT/diff")"
}
inode() { ls -i "$1" | awk '{ print $1 }'; }

copy_example_site "$site"
# shipin-gongsi-sushe is deleted and brought back below: its consent
# row would name a community that is not there.
sed -i '/^shipin-gongsi-sushe,/d' "$site/data/consent.csv"

# A first build makes everything and leaves a manifest.
if build "$pub"; then ok; else bad "first build: $(cat "$OUT/stderr")"; fi
grep -Eq '^已生成 [0-9]+ 个页面、[0-9]+ 个 PDF，共' "$OUT/stdout" && ok ||
	bad "first build summary: $(cat "$OUT/stdout")"
[ -s "$pub/.gongshi-manifest" ] && ok || bad "no manifest"
grep -q ' communities/haihe-xiaoqu/notice.pdf$' "$pub/.gongshi-manifest" && ok ||
	bad "manifest lacks the notice"

# Nothing changed: nothing is made again, the files are the same.
cp -R "$pub" "$OUT/previous"
if build "$pub"; then ok; else bad "second build: $(cat "$OUT/stderr")"; fi
[ "$(remade)" = "0 0" ] && ok || bad "unchanged site made again: $(cat "$OUT/stdout")"
diff -r "$OUT/previous" "$pub" >/dev/null && ok || bad "unchanged site: output changed"

# One edited row (haihe-xiaoqu, 临城街道): its page, notice and booklet
# and the pages that list it; the other notices are carried over (the
# same file, hard-linked from the previous output).
keep=$(inode "$pub/communities/gongdian-xiaoqu/notice.pdf")
keep_poster=$(inode "$pub/communities/gongdian-xiaoqu/poster.pdf")
sed -i '2s/,208,/,209,/' "$site/data/communities.csv"
if build "$pub"; then ok; else bad "edited row: $(cat "$OUT/stderr")"; fi
set -- $(remade)
[ "${1:-99}" -ge 1 ] && [ "${1:-99}" -le 10 ] && ok || bad "edited row: ${1:-?} pages made again, want 1-10"
# The progress report too: its totals count the row's households.
[ "${2:-}" = 7 ] && ok || bad "edited row: ${2:-?} PDFs made again, want 7 (notice, poster, their booklets and the three progress reports)"
[ "$(inode "$pub/communities/gongdian-xiaoqu/notice.pdf")" = "$keep" ] && ok ||
	bad "an unchanged notice was not carried over"
[ "$(inode "$pub/communities/gongdian-xiaoqu/poster.pdf")" = "$keep_poster" ] && ok ||
	bad "an unchanged poster was not carried over"
cmp -s "$OUT/previous/communities/haihe-xiaoqu/notice.pdf" "$pub/communities/haihe-xiaoqu/notice.pdf" &&
	bad "the edited community's notice did not change" || ok
grep -q '209' "$pub/communities/haihe-xiaoqu/index.html" && ok || bad "edited page lacks 209"
same_as_clean "edited row"

# A community page's key comes from the model, not its context
# (html/page_keys.c): edits in other files that its page shows must still
# make it again.  Each is one build, then compared with a clean one.
news=$(grep -l '^communities:' "$site"/content/news/*.md | head -n 1)
sed -i '0,/^title: .*/s//title: 改过标题的工作动态/' "$news"
if build "$pub"; then ok; else bad "edited news: $(cat "$OUT/stderr")"; fi
same_as_clean "edited news naming communities"
sed -i '2s/,0632-[0-9]*$/,0632-7654321/' "$site/data/units.csv"
if build "$pub"; then ok; else bad "edited unit: $(cat "$OUT/stderr")"; fi
grep -q '0632-7654321' "$pub/communities/haihe-xiaoqu/index.html" && ok ||
	bad "the subdistrict's new phone is not on its communities' pages"
same_as_clean "edited unit phone"
printf '本小区的说明改了。\n' >>"$site/content/communities/yushu-xincun.md"
if build "$pub"; then ok; else bad "edited page: $(cat "$OUT/stderr")"; fi
set -- $(remade)
[ "${1:-99}" -le 3 ] && ok || bad "edited community text: ${1:-?} pages made again, want at most 3"
same_as_clean "edited community text"
sed -i 's/^title: .*/title: 改过的网站名称/' "$site/site.yaml"
if build "$pub"; then ok; else bad "edited site.yaml: $(cat "$OUT/stderr")"; fi
grep -q '改过的网站名称' "$pub/communities/haihe-xiaoqu/index.html" && ok ||
	bad "site.yaml's new title is not on a community page"
same_as_clean "edited site.yaml"

# Each key covers what its output shows, and only that (plan/hash_site.c,
# plan/pdfs.c, html/page_keys.c, plan/photos.c): an edit in one of the
# optional tables remakes the files that show it and no other.  A remade
# file is a new file (a new inode); a carried one is the last build's.
# The theme's assets are written every build and left out.
snap() {
	(cd "$pub" && find . -type f ! -name .gongshi-manifest ! -path './assets/*' \
		-printf '%i %P\n' | LC_ALL=C sort -k2) >"$OUT/snap"
}
# remade_files: the paths made again since the last snap.
remade_files() {
	(cd "$pub" && find . -type f ! -name .gongshi-manifest ! -path './assets/*' \
		-printf '%i %P\n' | LC_ALL=C sort -k2) >"$OUT/snap2"
	awk 'NR == FNR { i[$2] = $1; next } i[$2] != $1 { print $2 }' "$OUT/snap" "$OUT/snap2" \
		>"$OUT/remade"
}
# was_remade WHAT PATH... / not_remade WHAT PATH...
was_remade() {
	what=$1
	shift
	for f in "$@"; do
		grep -qx "$f" "$OUT/remade" && ok || bad "$what: $f not made again (made: $(tr '\n' ' ' <"$OUT/remade"))"
	done
}
not_remade() {
	what=$1
	shift
	for f in "$@"; do
		[ -e "$pub/$f" ] || bad "$what: $f is not there: the test proves nothing"
		grep -qx "$f" "$OUT/remade" && bad "$what: $f made again for nothing" || ok
	done
}
y=communities/yushu-xincun
snap
# An opinion's answer (hash_site_answers): the result page and notice.
# The community page shows only how the opinions were answered, and the
# notice was posted before them.
sed -i '4s/新增绿地避开树根范围。/新增绿地避开树根范围，并设围栏保护。/' "$site/data/opinions.csv"
if build "$pub"; then ok; else bad "edited answer: $(cat "$OUT/stderr")"; fi
remade_files
was_remade "edited answer" $y/result.pdf $y/result/index.html
not_remade "edited answer" $y/index.html $y/notice.pdf $y/poster.pdf notices/lincheng.pdf
[ "$(remade)" = "1 1" ] && ok || bad "edited answer: made again $(remade), want 1 page and 1 PDF"
snap
# A progress report's text (hash_site_progress): the community page and
# the feed; no paper says it (the leading group's reports count
# communities, they do not quote them).
sed -i '39s/正在施工：楼体立面粉刷/正在施工：楼体立面粉刷和屋面防水/' "$site/data/progress.csv"
if build "$pub"; then ok; else bad "edited report: $(cat "$OUT/stderr")"; fi
remade_files
was_remade "edited report" $y/index.html feed.xml
not_remade "edited report" $y/notice.pdf $y/result.pdf notices/progress-2022-06-01.pdf \
	progress/index.html
[ "$(remade)" = "1 0" ] && ok || bad "edited report: made again $(remade), want 1 page and no PDF"
snap
# A photo's caption (hash_site_photos): its page; its derivatives are
# made from its bytes only.
sed -i '6s/5号楼改造后外立面和绿化/5号楼改造后的外立面和绿化/' "$site/data/photos.csv"
if build "$pub"; then ok; else bad "edited caption: $(cat "$OUT/stderr")"; fi
remade_files
was_remade "edited caption" $y/index.html
not_remade "edited caption" $y/photos/xiaoguotu-480.jpg $y/photos/xiaoguotu-960.jpg $y/notice.pdf
# With notice.image the design image is on the notice: its caption and
# its bytes remake it (and its poster and their booklets), its new bytes
# the derivatives, and nothing else.
sed -i 's/^  no_objection_clause: true.*/&\n  image: design/' "$site/site.yaml"
if build "$pub"; then ok; else bad "notice.image: $(cat "$OUT/stderr")"; fi
snap
sed -i '6s/5号楼改造后的外立面和绿化/5号楼改造后外立面和绿化/' "$site/data/photos.csv"
if build "$pub"; then ok; else bad "edited caption on the notice: $(cat "$OUT/stderr")"; fi
remade_files
was_remade "edited caption on the notice" $y/index.html $y/notice.pdf
not_remade "edited caption on the notice" $y/photos/xiaoguotu-480.jpg $y/result.pdf
snap
vips copy "$site/content/$y/xiaoguotu.jpg" "$OUT/recoded.jpg[Q=70,strip]" &&
	cp "$OUT/recoded.jpg" "$site/content/$y/xiaoguotu.jpg" && ok || bad "vips could not recode the photo"
if build "$pub"; then ok; else bad "replaced photo: $(cat "$OUT/stderr")"; fi
remade_files
was_remade "replaced photo" $y/photos/xiaoguotu-480.jpg $y/photos/xiaoguotu-960.jpg \
	$y/notice.pdf $y/poster.pdf notices/lincheng.pdf notices/lincheng-posters.pdf
not_remade "replaced photo" $y/index.html $y/photos/gaizao-qian-480.jpg $y/result.pdf
[ "$(remade)" = "0 4" ] && ok || bad "replaced photo: made again $(remade), want no page and 4 PDFs"
# The progress reports (issue 19): one per date of progress.reports up
# to the as-of day, and that day's.  A later as-of day adds its report
# and carries the issued ones over: each is keyed by what it says.
snap
if build "$pub" --as-of 2022-06-02; then ok; else bad "--as-of: $(cat "$OUT/stderr")"; fi
remade_files
was_remade "--as-of a day later" notices/progress-2022-06-02.pdf
not_remade "--as-of a day later" notices/progress-2022-05-01.pdf notices/progress-2022-05-16.pdf \
	notices/progress-2022-06-01.pdf
[ "$(remade)" = "0 1" ] && ok || bad "--as-of a day later: made again $(remade), want 1 PDF"
# Back to today: that day's report, never issued, goes.
if build "$pub"; then ok; else bad "back to today: $(cat "$OUT/stderr")"; fi
[ ! -e "$pub/notices/progress-2022-06-02.pdf" ] && ok || bad "back to today: a later day's report stays"
same_as_clean "the optional tables' edits"

# --force makes everything again, with the same bytes.
if build "$pub" --force; then ok; else bad "--force: $(cat "$OUT/stderr")"; fi
grep -Eq '^已生成 [0-9]+ 个页面、[0-9]+ 个 PDF，共' "$OUT/stdout" && ok ||
	bad "--force made only some: $(cat "$OUT/stdout")"
diff -r "$OUT/clean" "$pub" >/dev/null && ok || bad "--force differs from a clean build"

# A deleted community (shipin-gongsi-sushe, no content refers to it)
# loses its page and notice.  Its progress and funding rows go with it
# (rows naming a community that is not there are errors).
sed -i '/^shipin-gongsi-sushe,/d' "$site/data/communities.csv" "$site/data/progress.csv" "$site/data/funding.csv"
if build "$pub"; then ok; else bad "deleted row: $(cat "$OUT/stderr")"; fi
[ ! -e "$pub/communities/shipin-gongsi-sushe" ] && ok || bad "deleted community's folder stays"
lacks "deleted community stays in the manifest" "$pub/.gongshi-manifest" 'shipin-gongsi-sushe'
same_as_clean "deleted row"

# A changed template: every community page is made again, no notice is.
n=$(grep -c . "$site/data/communities.csv")
mkdir -p "$site/layouts/templates"
sed 's|<h1>{{name}}</h1>|<h1 class="name">{{name}}</h1>|' "$OUT/themes/default/templates/community.html" \
	>"$site/layouts/templates/community.html"
if build "$pub"; then ok; else bad "changed template: $(cat "$OUT/stderr")"; fi
set -- $(remade)
[ "${1:-0}" -ge $((n - 1)) ] && ok || bad "changed template: ${1:-?} pages made again, want at least $((n - 1))"
[ "${2:-}" = 0 ] && ok || bad "changed template: ${2:-?} PDFs made again, want 0"
grep -q '<h1 class="name">' "$pub/communities/haihe-xiaoqu/index.html" && ok || bad "template change not shown"
same_as_clean "changed template"

# The spare: the output before the last build, which the next build
# updates in place.  Three builds, each equal to a clean one: a community
# comes back (B), another row changes (C), the community goes again (D):
# at D the spare is B's output, which has the community's files, so they
# must be pruned from it.
[ -d "$pub.spare" ] && ok || bad "no public.spare after incremental builds"
for t in communities progress funding; do
	grep '^shipin-gongsi-sushe,' "$top/data/$t.csv" >>"$site/data/$t.csv"
done
rm -rf "$OUT/before"
cp -R "$pub" "$OUT/before"
if build "$pub"; then ok; else bad "spare B: $(cat "$OUT/stderr")"; fi
[ -e "$pub/communities/shipin-gongsi-sushe/notice.pdf" ] && ok || bad "spare B: the community is not back"
same_as_clean "spare B"
diff -r "$OUT/before" "$pub.spare" >"$OUT/diff" 2>&1 && ok ||
	bad "spare B: public.spare is not the output before: $(head -n 3 "$OUT/diff")"
sed -i '3s/,0632-4/,0632-5/' "$site/data/communities.csv"
if build "$pub"; then ok; else bad "spare C: $(cat "$OUT/stderr")"; fi
same_as_clean "spare C"
sed -i '/^shipin-gongsi-sushe,/d' "$site/data/communities.csv" "$site/data/progress.csv" "$site/data/funding.csv"
[ -e "$pub.spare/communities/shipin-gongsi-sushe/index.html" ] && ok ||
	bad "spare D: the spare lacks the community: nothing to prune, the test proves nothing"
if build "$pub"; then ok; else bad "spare D: $(cat "$OUT/stderr")"; fi
[ ! -e "$pub/communities/shipin-gongsi-sushe" ] && ok || bad "spare D: the community's folder stays"
same_as_clean "spare D"

# A failed rebuild leaves the output, manifest included, as it was.
rm -rf "$OUT/previous"
cp -R "$pub" "$OUT/previous"
sed -i '2s/,209,/,x,/' "$site/data/communities.csv"
build "$pub"
[ $? = 1 ] && ok || bad "bad data: exit status"
diff -r "$OUT/previous" "$pub" >/dev/null && ok || bad "bad data: output changed"

# A manifest from elsewhere (another program, or garbage) is not trusted.
sed -i '2s/,x,/,209,/' "$site/data/communities.csv"
printf 'gongshi-manifest 1 0\n00000000000000000000000000000000 index.html\n' >"$pub/.gongshi-manifest"
if build "$pub"; then ok; else bad "foreign manifest: $(cat "$OUT/stderr")"; fi
grep -Eq '^已生成 [0-9]+ 个页面、[0-9]+ 个 PDF，共' "$OUT/stdout" && ok ||
	bad "foreign manifest trusted: $(cat "$OUT/stdout")"
same_as_clean "foreign manifest"

# A public.spare that is not gongshi's (a link, an empty folder) is
# neither used nor replaced: the old output is removed instead.
rm -rf "$pub.spare"
ln -s "$OUT/elsewhere" "$pub.spare"
sed -i '2s/,209,/,210,/' "$site/data/communities.csv"
if build "$pub"; then ok; else bad "foreign spare link: $(cat "$OUT/stderr")"; fi
[ -L "$pub.spare" ] && [ "$(readlink "$pub.spare")" = "$OUT/elsewhere" ] && ok ||
	bad "foreign spare link: replaced"
same_as_clean "foreign spare link"
rm "$pub.spare"
mkdir "$pub.spare"
sed -i '2s/,210,/,211,/' "$site/data/communities.csv"
if build "$pub"; then ok; else bad "foreign empty spare: $(cat "$OUT/stderr")"; fi
[ -d "$pub.spare" ] && [ -z "$(ls -A "$pub.spare")" ] && ok || bad "foreign empty spare: filled"
same_as_clean "foreign empty spare"
[ -z "$(find "$OUT" -maxdepth 1 \( -name 'public.tmp-*' -o -name 'public.old-*' \))" ] && ok ||
	bad "foreign spare: leftovers beside the output"

finish
