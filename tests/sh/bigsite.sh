#!/bin/sh
# run-once
# A large site stays usable: on a generated site of N communities (5,000
# by default) with a small page_size (100), so that every list paginates
# cheaply:
#   - every .html file is under 200 KB;
#   - the list pages are linked: each has its numbered pagination, and
#     every community page is reached by following links from the home
#     page, without JavaScript (a crawl in awk);
#   - the crawl finds no broken link;
#   - the split search index: for a community name, an area name and a
#     unit name, the bytes one search loads (the manifest, the token
#     chunks its query needs and at most 20 document chunks, the largest
#     taken: an upper bound), computed here from the files, stay under
#     300 KB; the figures are printed.
#
#   GONGSHI=$PWD/gongshi OUT=/tmp/big sh tests/sh/bigsite.sh   (from the repo root)
#   BIGSITE_N=55000 BIGSITE_PAGE_SIZE=0 …   measures a national-size site
#   BIGSITE_REUSE=1 …   measures $OUT/site and $OUT/public as they are
#
# Prints one line per failure and ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init bigsite --keep-out
n=${BIGSITE_N:-5000}
page_size=${BIGSITE_PAGE_SIZE:-100}
LC_ALL=C
repo_themes

site="$OUT/site"
pub="$OUT/public"
if [ -n "${BIGSITE_REUSE:-}" ] && [ -d "$site" ] && [ -d "$pub" ]; then
	# Measures a site already generated and built there (a large one).
	n=$(($(wc -l <"$site/data/communities.csv") - 1))
	page_size=$(sed -n 's/^page_size:[[:space:]]*\([0-9]*\).*/\1/p' "$site/site.yaml")
	page_size=${page_size:-0}
else
	rm -rf "$OUT"
	mkdir -p "$OUT"
	sh "$top/tests/bench/gen_site.sh" "$n" "$site" >/dev/null
	if [ "$page_size" != 0 ]; then
		sed -i '/^page_size:/d' "$site/site.yaml"
		echo "page_size: $page_size" >>"$site/site.yaml"
	fi
	# The notices are not what this test is about, and take ~20 ms each.
	nopdf=
	"$GONGSHI" --help 2>&1 | grep -q -- '--no-pdf' && nopdf=--no-pdf
	if "$GONGSHI" build "$site" -o "$pub" $nopdf >"$OUT/build.log" 2>&1; then
		ok
	else
		bad "gongshi build failed: $(tail -n 3 "$OUT/build.log")"
		finish
	fi
fi

# ---------------------------------------------------------------- sizes
big=$(find "$pub/" -name '*.html' -size +200k | sed "s|^$pub//*||")
if [ -z "$big" ]; then
	ok
else
	for f in $big; do
		bad "$f is $(wc -c <"$pub/$f") bytes, over 200 KB"
	done
fi
largest=$(find "$pub/" -name '*.html' -exec wc -c {} + | grep -v ' total$' | sort -n | tail -n 1)
echo "largest page: $largest"

# ---------------------------------------------------------------- pagination
per=$page_size
[ "$per" = 0 ] && per=300 # LIST_PER_PAGE in src/plan/pages.c
pages=$(( (n + per - 1) / per ))
if [ "$pages" -gt 1 ]; then
	for p in 2 "$pages"; do
		if [ -s "$pub/communities/page/$p/index.html" ]; then ok; else bad "no communities/page/$p/"; fi
	done
	if [ -e "$pub/communities/page/$((pages + 1))/index.html" ]; then
		bad "communities/page/$((pages + 1))/ exists: one page too many"
	else
		ok
	fi
	# Page 2 links to pages 1 and 3 (prev/next) and to the last by number.
	p2="$pub/communities/page/2/index.html"
	for want in 'href="../../../communities/index.html" rel="prev"' \
		"href=\"../../../communities/page/3/index.html\" rel=\"next\"" \
		"href=\"../../../communities/page/$pages/index.html\">$pages<" \
		'aria-current="page">2<'; do
		if grep -qF "$want" "$p2"; then ok; else bad "communities/page/2/ lacks $want"; fi
	done
	# The first page indexes the areas, or (many areas) the subdistricts,
	# whose pages list their areas.
	if grep -q 'href="../communities/area/g1/index.html"' "$pub/communities/index.html" ||
		{ grep -q 'href="../units/[^"]*/index.html#areas-h"' "$pub/communities/index.html" &&
			grep -q 'href="../../communities/area/g1/index.html"' "$pub"/units/*/index.html; }; then
		ok
	else
		bad "communities/ leads to no area's page"
	fi
	biggest=$(sed -n '2,$p' "$site/data/communities.csv" | cut -d, -f3,4 | sort | uniq -c | sort -rn |
		awk 'NR == 1 { print $1 }')
	if [ "$biggest" -gt "$per" ]; then
		if ls "$pub"/communities/area/*/page/2/index.html >/dev/null 2>&1; then
			ok
		else
			bad "no area's list paginates (communities/area/*/page/2/)"
		fi
	fi
	set -- $(sed -n '2,$p' "$site/data/communities.csv" | cut -d, -f3 | sort | uniq -c | sort -rn | head -n 1)
	unit=$(awk -F, -v n="$2" '$2 == n { print $1 }' "$site/data/units.csv")
	if [ "$1" -gt "$per" ]; then
		if [ -s "$pub/units/$unit/page/2/index.html" ]; then
			ok
		else
			bad "unit $unit's $1 communities do not paginate"
		fi
	fi
fi

# ---------------------------------------------------------------- crawl
# From index.html, follow every relative href to an .html file of the
# output (no script runs); print the pages reached, and FAIL lines for
# links to files that do not exist.
(cd "$pub" && find . -type f | sed 's|^\./||' | sort >"$OUT/files.txt")
cat >"$OUT/crawl.awk" <<'EOF'
BEGIN {
	while ((getline line < filelist) > 0)
		exists[line] = 1
	queue[1] = "index.html"
	seen["index.html"] = 1
	for (head = 1; head <= ntail + 1 && (head in queue); head++) {
		f = queue[head]
		dir = f
		sub(/[^\/]*$/, "", dir)
		while ((getline line < f) > 0) {
			while (match(line, /href="[^"]*"/)) {
				u = substr(line, RSTART + 6, RLENGTH - 7)
				line = substr(line, RSTART + RLENGTH)
				sub(/#.*/, "", u)
				sub(/\?.*/, "", u)
				if (u == "" || u ~ /^[a-z]+:/ || u ~ /^\//)
					continue
				t = resolve(dir, u)
				if (!(t in exists)) {
					if (t !~ /\.pdf$/ && !((f, u) in told)) {
						print "FAIL bigsite: link " f ": " u " (no such file " t ")"
						told[f, u] = 1
					}
					continue
				}
				if (t ~ /\.html$/ && !(t in seen)) {
					seen[t] = 1
					queue[++ntail + 1] = t
				}
			}
		}
		close(f)
	}
	for (t in seen)
		print "REACHED " t
}
EOF
(cd "$pub" && awk -v filelist="$OUT/files.txt" -f "$top/tests/lib/resolve.awk" -f "$OUT/crawl.awk" >"$OUT/crawl.log")
grep '^FAIL' "$OUT/crawl.log"
nbroken=$(grep -c '^FAIL' "$OUT/crawl.log")
if [ "$nbroken" = 0 ]; then ok; else failed=$((failed + 1)); fi
sed -n 's/^REACHED //p' "$OUT/crawl.log" | sort >"$OUT/reached.txt"
grep '^communities/[^/]*/index\.html$' "$OUT/files.txt" | grep -v '^communities/page/' >"$OUT/communities.txt"
missing=$(comm -23 "$OUT/communities.txt" "$OUT/reached.txt" | wc -l)
ncomm=$(wc -l <"$OUT/communities.txt")
if [ "$ncomm" -ge "$n" ] && [ "$missing" = 0 ]; then
	ok
else
	bad "$missing of $ncomm community pages not reached from the home page without JavaScript"
fi
unreached=$(comm -23 "$(grep '\.html$' "$OUT/files.txt" | grep -v '^404\.html$' >"$OUT/allhtml.txt"; echo "$OUT/allhtml.txt")" "$OUT/reached.txt" | wc -l)
if [ "$unreached" = 0 ]; then ok; else bad "$unreached pages not reached from the home page"; fi
echo "crawl: $(wc -l <"$OUT/reached.txt") pages reached from index.html, $ncomm community pages"

# ---------------------------------------------------------------- search
# search_bytes QUERY: an upper bound of the bytes one search for QUERY
# loads from the split index (see src/html/search.h), from the files.
search_bytes() {
	buckets=$(sed -n 's/.*"buckets":\([0-9]*\).*/\1/p' "$pub/search-index.json")
	printf '%s' "$1" | od -An -v -tu1 | awk -v buckets="$buckets" -v pub="$pub" '
# FNV-1a over a string of byte values, 32 bits, without bitwise operators:
# 16777619 = 2^24 + 403 keeps every product exact in a double.
function xor8(h, b,    lo, r, bit) {
	lo = h % 256
	r = 0
	for (bit = 1; bit < 256; bit *= 2)
		if ((int(lo / bit) % 2) != (int(b / bit) % 2))
			r += bit
	return h - lo + r
}
function fnv(tok,    k, n, bytes, h) {
	n = split(tok, bytes, " ")
	h = 2166136261
	for (k = 1; k <= n; k++) {
		h = xor8(h, bytes[k])
		h = ((h * 403) % 4294967296 + (h % 256) * 16777216) % 4294967296
	}
	return h
}
function emit(tok) {
	need[fnv(tok) % buckets] = 1
}
{
	for (i = 1; i <= NF; i++)
		b[++nb] = $i
}
END {
	# Han (3-byte UTF-8) runs give pairs, or the lone character; ASCII
	# letters and digits give words, lower-cased.
	prev = ""
	paired = 0
	word = ""
	for (i = 1; i <= nb + 1; i++) {
		c = i <= nb ? b[i] : 32
		han = c >= 224 && c < 240
		if (han) {
			ch = b[i] " " b[i + 1] " " b[i + 2]
			i += 2
		}
		if (!han && prev != "") {
			if (!paired)
				emit(prev)
			prev = ""
		}
		if (han) {
			if (prev != "") {
				emit(prev " " ch)
				paired = 1
			} else {
				paired = 0
			}
			prev = ch
		}
		if (c >= 65 && c <= 90)
			c += 32
		if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
			word = word (word == "" ? "" : " ") c
		} else if (word != "") {
			emit(word)
			word = ""
		}
	}
	for (k in need)
		print pub "/search-index/t/" k ".js"
}' >"$OUT/chunks.txt"
	tbytes=$(xargs cat <"$OUT/chunks.txt" | wc -c)
	mbytes=$(wc -c <"$pub/search-index.js")
	ndoc=$(ls "$pub/search-index/d" | wc -l)
	[ "$ndoc" -gt 20 ] && ndoc=20
	dmax=$(wc -c "$pub"/search-index/d/*.js | grep -v ' total$' | sort -n | tail -n 1 | awk '{print $1}')
	echo $((mbytes + tbytes + ndoc * dmax)) "$(wc -l <"$OUT/chunks.txt")" $((mbytes + tbytes))
}
if grep -q '"version":2' "$pub/search-index.json" 2>/dev/null; then
	name=$(sed -n '2p' "$site/data/communities.csv" | cut -d, -f2)
	area=$(sed -n '2p' "$site/data/communities.csv" | cut -d, -f4)
	unitname=$(sed -n '2p' "$site/data/units.csv" | cut -d, -f2)
	total=$(cat "$pub"/search-index.js "$pub"/search-index/*/*.js | wc -c)
	echo "search index: $total bytes in $(ls "$pub"/search-index/*/*.js | wc -l) chunks"
	for q in "$name" "$area" "$unitname" 加装电梯; do
		set -- $(search_bytes "$q")
		echo "search “$q”: at most $1 bytes ($2 token chunks, $3 bytes before results)"
		if [ "$1" -lt 307200 ]; then ok; else bad "search “$q” may load $1 bytes, over 300 KB"; fi
	done
else
	bad "search-index.json is not the split index (version 2)"
fi
finish
