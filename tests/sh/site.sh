#!/bin/sh
# The public website end to end, on a copy of the example site:
#   every expected page exists; every href and src in every page points to
#   a file of the output (relative links only, except base_url and the
#   footer's record links); every page carries the portal meta tags, the
#   footer and lang; two builds are byte-identical; `--context` prints a
#   page's context; and the ESCAPING test: <script>, " ' & put into every
#   kind of field come out escaped, never raw, and raw HTML in Markdown is
#   dropped unless unsafe_html: true.
#
#   GONGSHI=build/gongshi OUT=/tmp/scratch sh tests/sh/site.sh   (from the repo root)
#
# Prints one line per failure and ends with `N passed, N failed[, N skipped]`.
. "$(dirname "$0")/../lib/common.sh"
t_init site
repo_themes

# build SITE OUTDIR
build() {
	"$GONGSHI" build "$1" -o "$2" >"$2.log" 2>&1
}

# ---------------------------------------------------------------- build
copy_example_site "$OUT/site"
if build "$OUT/site" "$OUT/public"; then
	ok
else
	bad "gongshi build failed: $(tail -n 3 "$OUT/public.log")"
	finish
fi
pub="$OUT/public"
base_url=$(sed -n 's/^base_url:[[:space:]]*\([^[:space:]#]*\).*/\1/p' "$OUT/site/site.yaml")
base_path=$(echo "$base_url" | sed -n 's|^[a-z]*://[^/]*\(/.*\)$|\1|p')

# ---------------------------------------------------------------- pages
expect() {
	if [ -s "$pub/$1" ]; then ok; else bad "missing page $1"; fi
}
for p in index.html plan/index.html communities/index.html units/index.html \
	items/index.html group/index.html news/index.html search/index.html \
	404.html feed.xml sitemap.xml robots.txt search-index.json \
	search-index.js assets/style.css assets/site.js assets/search.js \
	assets/communities.js; do
	expect "$p"
done
for id in $(sed -n '2,$s/,.*//p' "$OUT/site/data/communities.csv"); do
	expect "communities/$id/index.html"
done
for id in $(sed -n '2,$s/,.*//p' "$OUT/site/data/units.csv"); do
	expect "units/$id/index.html"
done
for f in "$OUT"/site/content/news/*.md; do
	expect "news/$(basename "$f" .md)/index.html"
done

# ---------------------------------------------------------------- links
# linkwalk OUTDIR: every href/src of every page, resolved against the
# page's folder; prints FAIL lines, then "files N bad N pdfskip N".
# Runs in the C locale so awk sees bytes (percent-decoding makes bytes).
linkwalk() {
	(cd "$1" && find . -type f | sed 's|^\./||' >"$OUT/files.txt" &&
		find . -name '*.html' | sed 's|^\./||' | sort >"$OUT/html.txt")
	cat >"$OUT/linkwalk.awk" <<'EOF'
function unhex(s) {
	s = tolower(s)
	return (index(hex, substr(s, 1, 1)) - 1) * 16 + index(hex, substr(s, 2, 1)) - 1
}
function pdecode(s,    out, i, h) {
	out = ""
	while ((i = index(s, "%")) > 0) {
		out = out substr(s, 1, i - 1)
		h = substr(s, i + 1, 2)
		if (h ~ /^[0-9A-Fa-f][0-9A-Fa-f]$/) {
			out = out chr[unhex(h)]
			s = substr(s, i + 3)
		} else {
			out = out "%"
			s = substr(s, i + 1)
		}
	}
	return out s
}
function unent(s) {
	gsub(/&quot;/, "\"", s)
	gsub(/&#39;/, "'", s)
	gsub(/&lt;/, "<", s)
	gsub(/&gt;/, ">", s)
	gsub(/&amp;/, "\\&", s)
	return s
}
function bad(k, why) {
	print "FAIL site: link " lfile[k] ":" lline[k] ": " lurl[k] " (" why ")"
	if (!(lfile[k] in badfile)) {
		badfile[lfile[k]] = 1
		nbad++
	}
}
BEGIN {
	hex = "0123456789abcdef"
	for (i = 0; i < 256; i++)
		chr[i] = sprintf("%c", i)
	while ((getline line < filelist) > 0)
		exists[line] = 1
}
FNR == 1 {
	nfiles++
}
{
	rest = $0
	while (match(rest, /[ \t]id="[^"]*"/)) {
		ids[FILENAME SUBSEP substr(rest, RSTART + 5, RLENGTH - 6)] = 1
		rest = substr(rest, RSTART + RLENGTH)
	}
	rest = $0
	while (match(rest, /[ \t](href|src)="[^"]*"/)) {
		v = substr(rest, RSTART + 1, RLENGTH - 1)
		sub(/^[a-z]+="/, "", v)
		sub(/"$/, "", v)
		rest = substr(rest, RSTART + RLENGTH)
		nl++
		lfile[nl] = FILENAME
		lline[nl] = FNR
		lurl[nl] = unent(v)
	}
}
END {
	for (k = 1; k <= nl; k++) {
		u = lurl[k]
		f = lfile[k]
		dir = f
		sub(/[^\/]*$/, "", dir)
		if (u ~ /^(tel|mailto):/) {
			if (u !~ /[0-9@]/)
				bad(k, "empty tel/mailto")
			continue
		}
		if (u ~ /^https?:\/\//) {
			if (base != "" && index(u, base) == 1)
				continue
			if (u ~ /^https:\/\/beian\.miit\.gov\.cn\// || u ~ /^https:\/\/www\.beian\.gov\.cn\//)
				continue
			bad(k, "another host")
			continue
		}
		if (u ~ /^[A-Za-z][A-Za-z0-9+.-]*:/ || u ~ /^\/\//) {
			bad(k, "scheme not allowed")
			continue
		}
		frag = ""
		if ((i = index(u, "#")) > 0) {
			frag = substr(u, i + 1)
			u = substr(u, 1, i - 1)
		}
		if ((i = index(u, "?")) > 0)
			u = substr(u, 1, i - 1)
		if (u ~ /^\//) {
			# Only the 404 page, served at any depth, links from the site path.
			if (f != "404.html" || basepath == "" || index(u, basepath) != 1) {
				bad(k, "absolute path")
				continue
			}
			u = substr(u, length(basepath) + 1)
			dir = ""
		}
		if (u == "") {
			target = f
		} else {
			if (u ~ /\/$/) {
				bad(k, "links to a folder: breaks file://")
				continue
			}
			target = resolve(dir, pdecode(u))
		}
		if (!(target in exists)) {
			if (target ~ /(^|\/)notice\.pdf$/ || target ~ /^notices\/[^\/]*\.pdf$/) {
				pdfskip++
				continue
			}
			bad(k, "no such file " target)
			continue
		}
		if (frag != "" && target ~ /\.html$/ && !((target SUBSEP pdecode(frag)) in ids))
			bad(k, "no element with id " frag " in " target)
	}
	printf "files %d bad %d pdfskip %d\n", nfiles, nbad, pdfskip
}
EOF
	(cd "$1" && LC_ALL=C xargs awk -v base="$base_url" -v basepath="$base_path" \
		-v filelist="$OUT/files.txt" -f "$top/tests/lib/resolve.awk" -f "$OUT/linkwalk.awk" <"$OUT/html.txt")
}

# tally_walk NAME LOG: adds a link walk's counts.
tally_walk() {
	grep '^FAIL' "$2"
	set -- $(sed -n 's/^files \([0-9]*\) bad \([0-9]*\) pdfskip \([0-9]*\)$/\1 \2 \3/p' "$2")
	if [ $# -ne 3 ] || [ "$1" = 0 ]; then
		bad "link walk produced no count"
		return
	fi
	passed=$((passed + $1 - $2))
	failed=$((failed + $2))
	if [ "$3" != 0 ]; then
		echo "skipped: $3 links to PDF notices that this build did not write"
		skipped=$((skipped + 1))
	fi
}
linkwalk "$pub" >"$OUT/links.log"
tally_walk example "$OUT/links.log"

# Nothing may load from another host through CSS or scripts either.
if grep -l -E 'url\([^)]*(https?:)?//|@import|https?://' "$pub"/assets/*.css "$pub"/assets/*.js >/dev/null 2>&1; then
	bad "a theme asset refers to another host"
else
	ok
fi

# ---------------------------------------------------------------- meta tags
# Every page: lang, the seven portal tags (all but SiteIDCode non-empty),
# a non-empty description (the 404 page too: search engines and Lighthouse
# read it), a footer naming the organiser, one h1, a main landmark, a skip link.
(cd "$pub" && xargs awk '
function done_file() {
	if (file == "")
		return
	missing = ""
	for (i = 1; i <= n; i++)
		if (!((file SUBSEP tags[i]) in seen))
			missing = missing " " tags[i]
	if (!lang) missing = missing " lang"
	if (!footer) missing = missing " footer"
	if (h1 != 1) missing = missing " h1(" h1 ")"
	if (!mainel) missing = missing " main"
	if (!skip) missing = missing " skip-link"
	if (missing != "") {
		print "FAIL site: " file " lacks" missing
		bad++
	} else {
		good++
	}
}
BEGIN {
	n = split("SiteName SiteDomain SiteIDCode ColumnName ArticleTitle PubDate ContentSource description", tags, " ")
}
FNR == 1 {
	done_file()
	file = FILENAME
	lang = footer = h1 = mainel = skip = 0
}
{
	for (i = 1; i <= n; i++)
		if (index($0, "<meta name=\"" tags[i] "\" content=\"") &&
		    (tags[i] == "SiteIDCode" || index($0, "<meta name=\"" tags[i] "\" content=\"\">") == 0))
			seen[file SUBSEP tags[i]] = 1
	if (index($0, "<html lang=\"zh-CN\">")) lang = 1
	if (index($0, "主办单位")) footer = 1
	if (index($0, "<main")) mainel = 1
	if (index($0, "href=\"#main\"")) skip = 1
	s = $0
	while ((i = index(s, "<h1")) > 0) {
		h1++
		s = substr(s, i + 3)
	}
}
END {
	done_file()
	printf "meta good %d bad %d\n", good, bad
}' <"$OUT/html.txt") >"$OUT/meta.log" 2>&1
grep '^FAIL' "$OUT/meta.log"
set -- $(sed -n 's/^meta good \([0-9]*\) bad \([0-9]*\)$/\1 \2/p' "$OUT/meta.log")
if [ $# -eq 2 ] && [ "$1" -gt 0 ]; then
	passed=$((passed + $1))
	failed=$((failed + $2))
else
	bad "meta tag check produced no count: $(tail -n 2 "$OUT/meta.log")"
fi

# ---------------------------------------------------------------- feeds
check "sitemap.xml lists the home page under base_url" \
	grep -q "<loc>${base_url}</loc>" "$pub/sitemap.xml"
check "sitemap.xml lists a community page" \
	grep -q "<loc>${base_url}communities/yushu-xincun/</loc>" "$pub/sitemap.xml"
npages=$(grep -c '<loc>' "$pub/sitemap.xml")
nhtml=$(($(wc -l <"$OUT/html.txt") - 1))
check "sitemap.xml has one <loc> per page but 404 ($npages vs $nhtml)" [ "$npages" = "$nhtml" ]
check "robots.txt names the sitemap" grep -q "^Sitemap: ${base_url}sitemap.xml\$" "$pub/robots.txt"
# The feed carries the progress reports too (issue 19): <updated> is the
# newest news or report date (reports up to the example's today).
newest=$({ ls "$OUT"/site/content/news/*.md | sed 's|.*/||' | cut -c1-10
	cut -d, -f2 "$OUT/site/data/progress.csv" | grep '^20' | awk '$0 <= "2022-06-01"'; } |
	sort | tail -n 1)
check "feed.xml <updated> is the newest news or report date ($newest)" \
	grep -q "^<updated>${newest}T00:00:00+08:00</updated>" "$pub/feed.xml"
check "feed.xml has one entry per news item" \
	[ "$(grep -c '^<id>.*/news/[^/<][^<]*</id>' "$pub/feed.xml")" = "$(ls "$OUT"/site/content/news/*.md | wc -l)" ]
check "feed.xml has the progress reports as entries" \
	grep -q '^<category term="progress" label="改造进度"/>' "$pub/feed.xml"
# The index is split (version 2, see src/html/search.h): a manifest, token
# chunks and document chunks, all scripts so that file:// pages load them.
# search_docs PUB: the document lines of the index.
search_docs() {
	if grep -q '"version":2' "$1/search-index.json"; then
		cat "$1"/search-index/d/*.js
	else
		cat "$1/search-index.json"
	fi
}
# index_has PUB TEXT: a document of the index holds TEXT.
index_has() {
	search_docs "$1" | grep -qF "$2"
}
if grep -q '"version":2' "$pub/search-index.json"; then
	check "search index has Chinese bigrams" sh -c 'cat "$0"/search-index/t/*.js | grep -q "^\"榆树\":\[\["' "$pub"
	check "search index has single Han characters" sh -c 'cat "$0"/search-index/t/*.js | grep -q "^\"榆\":\[\["' "$pub"
	ndocs=$(sed -n 's/.*"docs":\([0-9]*\).*/\1/p' "$pub/search-index.json")
	check "search manifest counts every document ($ndocs)" \
		[ "$(search_docs "$pub" | grep -c '^{"t":')" = "$ndocs" ]
	buckets=$(sed -n 's/.*"buckets":\([0-9]*\).*/\1/p' "$pub/search-index.json")
	check "one token chunk per bucket ($buckets)" [ "$(ls "$pub/search-index/t" | wc -l)" = "$buckets" ]
	check "chunks call GONGSHI_SEARCH_CHUNK with their own name" sh -c '
		for f in "$0"/search-index/t/*.js "$0"/search-index/d/*.js; do
			n=${f#"$0"/search-index/}; n=${n%.js}
			head -n 1 "$f" | grep -q "^GONGSHI_SEARCH_CHUNK(\"$n\",[[{]\$" || exit 1
		done' "$pub"
	check "search-index.js carries the same manifest" \
		sh -c 'sed "s/^window.GONGSHI_SEARCH = //; s/;\$//" "$0/search-index.js" | cmp -s - "$0/search-index.json"' "$pub"
else
	check "search index has Chinese bigrams" grep -q '"榆树":\[' "$pub/search-index.json"
	check "search-index.js carries the same index" \
		sh -c 'sed "s/^window.GONGSHI_SEARCH = //; s/;\$//" "$0/search-index.js" | cmp -s - "$0/search-index.json"' "$pub"
fi
# Every search result leads to a page, and to an element of it.
nodoc=0
for u in $(search_docs "$pub" | sed -n 's/^{"t":.*,"u":"\([^"]*\)","k":.*/\1/p'); do
	file=${u%%#*}
	if [ ! -f "$pub/$file" ]; then
		bad "search result $u: no such page"
		nodoc=1
	elif [ "$file" != "$u" ] && ! grep -q "id=\"${u#*#}\"" "$pub/$file"; then
		bad "search result $u: no such element"
		nodoc=1
	fi
done
[ "$nodoc" = 0 ] && ok

# ---------------------------------------------------------------- --context
if "$GONGSHI" build "$OUT/site" --context communities/yushu-xincun/ >"$OUT/context.json" 2>"$OUT/context.log"; then
	check "--context shows the page's root" grep -q '"root":[[:space:]]*"../../"' "$OUT/context.json"
	check "--context shows the community" grep -q '"name":[[:space:]]*"榆树新村"' "$OUT/context.json"
else
	bad "gongshi build --context failed: $(tail -n 2 "$OUT/context.log")"
fi
if "$GONGSHI" build "$OUT/site" --context communities/yushu-xincun/ --no-pdf >"$OUT/context-nopdf.json" 2>>"$OUT/context.log"; then
	check "--context shows the notice link" grep -q '"pdf":' "$OUT/context.json"
	lacks "--context --no-pdf drops the notice link, as the build does" "$OUT/context-nopdf.json" '"pdf":'
else
	bad "gongshi build --context --no-pdf failed: $(tail -n 2 "$OUT/context.log")"
fi
check "--context of an unknown page fails" \
	sh -c '! "$0" build "$1" --context no/such/page/' "$GONGSHI" "$OUT/site"

# ---------------------------------------------------------------- pagination
# A small page_size makes every list of the example paginate: the pages
# exist, link to each other (prev/next and by number), and together list
# every community; a unit's communities and the areas get pages too.
psite="$OUT/paged"
copy_example_site "$psite"
sed -i '/^page_size:/d' "$psite/site.yaml"
echo "page_size: 10" >>"$psite/site.yaml"
nopdf=
"$GONGSHI" --help 2>&1 | grep -q -- '--no-pdf' && nopdf=--no-pdf
if "$GONGSHI" build "$psite" -o "$OUT/paged-public" $nopdf >"$OUT/paged-public.log" 2>&1; then
	pp="$OUT/paged-public"
	ncomm=$(($(wc -l <"$psite/data/communities.csv") - 1))
	npages=$(( (ncomm + 9) / 10 ))
	check "communities/page/$npages/ exists ($ncomm communities)" [ -s "$pp/communities/page/$npages/index.html" ]
	check "no communities/page/$((npages + 1))/" [ ! -e "$pp/communities/page/$((npages + 1))/index.html" ]
	check "the first page links to the next" \
		grep -qF 'href="../communities/page/2/index.html" rel="next"' "$pp/communities/index.html"
	check "the last page links back" \
		grep -qF "href=\"../../../communities/page/$((npages - 1))/index.html\" rel=\"prev\"" \
		"$pp/communities/page/$npages/index.html"
	check "pages are numbered, the current one marked" \
		grep -qF 'href="../../../communities/page/2/index.html" aria-current="page">2</a>' \
		"$pp/communities/page/2/index.html"
	check "page 2 has its own title" grep -qF '<title>小区名单（第2页）' "$pp/communities/page/2/index.html"
	check "the filter stays on the list" grep -q 'data-filter' "$pp/communities/page/2/index.html"
	check "communities/ indexes the areas" grep -qF 'href="../communities/area/g1/index.html"' "$pp/communities/index.html"
	check "an area's page lists its communities" grep -q 'href="../../../communities/[^"/]*/index.html"' \
		"$pp/communities/area/g1/index.html"
	# Every community is linked from one of the list pages.
	cat "$pp/communities/index.html" "$pp"/communities/page/*/index.html |
		sed -n 's|.*href="\.\./[./]*communities/\([^"/]*\)/index\.html".*|\1|p' | sort -u >"$OUT/paged-ids.txt"
	sed -n '2,$s/,.*//p' "$psite/data/communities.csv" | sort -u >"$OUT/paged-want.txt"
	check "the list pages together link every community" cmp -s "$OUT/paged-ids.txt" "$OUT/paged-want.txt"
	big_unit=$(sed -n '2,$p' "$psite/data/communities.csv" | cut -d, -f3 | sort | uniq -c | sort -rn | head -n 1 | awk '{print $2}')
	big_id=$(awk -F, -v n="$big_unit" '$2 == n { print $1 }' "$psite/data/units.csv")
	check "unit $big_id lists its communities over pages" [ -s "$pp/units/$big_id/page/2/index.html" ]
	nnews=$(ls "$psite"/content/news/*.md | wc -l)
	if [ "$nnews" -gt 10 ]; then
		check "news/page/2/ exists" [ -s "$pp/news/page/2/index.html" ]
	fi
	linkwalk "$pp" >"$OUT/paged-links.log"
	tally_walk paged "$OUT/paged-links.log"
else
	bad "build with page_size: 10 failed: $(tail -n 3 "$OUT/paged-public.log")"
fi

# ---------------------------------------------------------------- determinism
if build "$OUT/site" "$OUT/public2"; then
	if diff -r "$pub" "$OUT/public2" >"$OUT/diff.log" 2>&1; then
		ok
	else
		bad "two builds differ: $(head -n 3 "$OUT/diff.log")"
	fi
else
	bad "second build failed"
fi

# ---------------------------------------------------------------- escaping
# The payload goes into every kind of field: site.yaml strings, community
# name, area, address and contact, a unit name, an item title and
# description, a phase name, a duty, a group member, a news title and
# body, and raw HTML in Markdown.
evil="$OUT/evil"
copy_example_site "$evil"
cat >"$OUT/evil.sed" <<'EOF'
s|^title:.*|title: "标题<script>alert(1)</script>\\"'\&"|
s|^organiser:.*|organiser: "主办<script>alert(1)</script>\\"'\&"|
s|^  issuer:.*|  issuer: "发文<script>alert(1)</script>\\"'\&"|
s|^  address:.*|  address: "地址<script>alert(1)</script>\\"'\&"|
s|^  site_name:.*|  site_name: "站名<script>alert(1)</script>\\"'\&"|
s|^  icp:.*|  icp: "鲁ICP备<script>alert(1)</script>\\"'\&"|
s|^  police:.*|  police: "鲁公网安备 37040302000001号<script>alert(1)</script>"|
EOF
sed -f "$OUT/evil.sed" "$top/site.yaml" >"$evil/site.yaml"
P='<script>alert(1)</script>""'"'"'&'
awk -F, -v OFS=, -v p="$P" '
$1 == "yushu-xincun" {
	$2 = "\"榆树" p "新村\""
	$4 = "\"泰山" p "片区\""
	$5 = "\"泰山北路" p "\""
	$13 = "\"韦" p "\""
}
{ print }' "$top/data/communities.csv" >"$evil/data/communities.csv"
awk -F, -v OFS=, -v p="$P" '$1 == "liantong" { $2 = "\"联通" p "\"" } { print }' \
	"$top/data/units.csv" >"$evil/data/units.csv"
awk -F, -v OFS=, -v p="$P" 'NR == 2 { $2 = "\"拆违" p "\""; $3 = "\"说明" p "\"" } { print }' \
	"$top/data/items.csv" >"$evil/data/items.csv"
awk -F, -v OFS=, -v p="$P" 'NR == 3 { $2 = "\"整治" p "\"" } { print }' \
	"$top/data/phases.csv" >"$evil/data/phases.csv"
awk -F, -v OFS=, -v p="$P" 'NR == 3 { $3 = "\"职责" p "\"" } { print }' \
	"$top/data/duties.csv" >"$evil/data/duties.csv"
awk -F, -v OFS=, -v p="$P" 'NR == 2 { $1 = "\"曹" p "\"" } { print }' \
	"$top/data/group.csv" >"$evil/data/group.csv"
cat >"$evil/content/news/2022-06-01-xss.md" <<'EOF'
---
title: "新闻<script>alert(1)</script>\"'&"
date: 2022-06-01
communities: [yushu-xincun]
---

正文<script>alert(1)</script>"'& 与 **粗体**。

<div class="raw-html-kept" onclick="alert(1)">原始 HTML</div>

<script>alert(1)</script>

[点我](javascript:alert(1))
EOF
cat >>"$evil/content/communities/yushu-xincun.md" <<'EOF'

<div class="raw-html-kept">原始 HTML</div>
<script>alert(1)</script>
EOF

raw_scripts() { # raw_scripts DIR: files with a raw <script>alert
	find "$1" -type f \( -name '*.html' -o -name '*.xml' -o -name '*.json' -o -name '*.js' \) \
		-exec grep -l '<script>alert' {} +
}
no_html_with() { # no_html_with DIR TEXT: no page contains TEXT
	[ -z "$(find "$1" -name '*.html' -exec grep -lF "$2" {} +)" ]
}
esc='&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;'
if build "$evil" "$OUT/evil-public"; then
	ep="$OUT/evil-public"
	bad=$(raw_scripts "$ep")
	if [ -z "$bad" ]; then ok; else bad "raw <script>alert in: $(echo $bad | sed "s|$ep/||g")"; fi
	check "no javascript: link survives" no_html_with "$ep" "javascript:"
	check "no onclick survives" no_html_with "$ep" "onclick"
	check "raw HTML dropped without unsafe_html" no_html_with "$ep" "raw-html-kept"
	page="$ep/communities/yushu-xincun/index.html"
	for what in 榆树 泰山 泰山北路 韦 拆违 说明 整治 标题 主办 地址 站名 鲁ICP备 联通; do
		check "community page shows $what escaped" grep -qF "$what$esc" "$page"
	done
	# A duty is Markdown: its <script> is raw HTML, dropped.
	check "unit page shows a duty without its raw HTML" \
		grep -qF "职责<!-- raw HTML omitted -->alert(1)" "$ep/units/zhujianju/index.html"
	check "group page shows a member escaped" grep -qF "曹$esc" "$ep/group/index.html"
	news="$ep/news/2022-06-01-xss/index.html"
	check "news page shows the title escaped" grep -qF "新闻$esc" "$news"
	check "news page shows body text escaped" grep -qF '&quot;'"'"'&amp; 与 <strong>粗体</strong>' "$news"
	check "meta tags escape the title" grep -qF "<meta name=\"ArticleTitle\" content=\"新闻$esc\">" "$news"
	check "feed.xml escapes the title" grep -qF '新闻&lt;script&gt;alert(1)&lt;/script&gt;' "$ep/feed.xml"
	check "the search index escapes the name" \
		index_has "$ep" '榆树\u003cscript\u003ealert(1)\u003c/script\u003e'
	check "the record link is built from digits only" \
		grep -qF 'href="https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=37040302000001"' "$page"
	linkwalk "$ep" >"$OUT/evil-links.log"
	tally_walk evil "$OUT/evil-links.log"
else
	bad "build with escaping payloads failed: $(grep error "$OUT/evil-public.log" | head -n 3)"
fi

echo "unsafe_html: true" >>"$evil/site.yaml"
if build "$evil" "$OUT/unsafe-public"; then
	check "raw HTML kept with unsafe_html: true" \
		grep -q 'class="raw-html-kept"' "$OUT/unsafe-public/news/2022-06-01-xss/index.html"
	check "data fields stay escaped with unsafe_html: true" \
		grep -qF "榆树$esc" "$OUT/unsafe-public/communities/yushu-xincun/index.html"
else
	bad "build with unsafe_html failed: $(grep error "$OUT/unsafe-public.log" | head -n 3)"
fi

finish
