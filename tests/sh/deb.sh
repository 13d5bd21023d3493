#!/bin/sh
# run-once
# The Debian package: `make deb` gives gongshi_VERSION_ARCH.deb whose
# control file depends on the shared libraries' packages and the two font
# packages, whose files belong to root with modes 755/644, and which is
# the same byte for byte when made again.  Unpacked into a scratch root
# with `dpkg -x`, its binary runs, builds the example site without any
# theme folder (the default theme is compiled in; the package holds no
# copy), and its man page reads.  `make deb` leaves ./gongshi as it was.
#
#   GONGSHI=$PWD/gongshi OUT=/tmp/scratch sh tests/sh/deb.sh
#
# GONGSHI is not used: the program under test is the packaged one.
# Prints one line per failure and ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init deb --no-gongshi
# has TEXT FILE: FILE has TEXT somewhere (fixed string).
has() { grep -qF -- "$1" "$2"; }

if ! command -v dpkg-deb >/dev/null 2>&1; then
	bad "dpkg-deb not found: make deb needs a Debian system"
	finish
fi
version=$(sed -n 's/^VERSION *= *//p' "$top/Makefile")
arch=$(dpkg --print-architecture)
deb=$top/gongshi_${version}_$arch.deb
sum() { if [ -e "$1" ]; then cksum <"$1"; else echo none; fi; }
before=$(sum "$top/gongshi")

# The package is built in this test's own folder (deleted when the test
# passes), not in build-deb/ of the work tree.
if make -s -j2 -C "$top" DEB_B="$OUT/build-deb" deb >"$OUT/make.log" 2>&1 && [ -f "$deb" ]; then
	ok
else
	bad "make deb: $(tail -n 20 "$OUT/make.log")"
	finish
fi
[ "$(sum "$top/gongshi")" = "$before" ] && ok || bad "make deb changed ./gongshi"

# The control file.
dpkg-deb -I "$deb" >"$OUT/info" 2>&1 && ok || bad "dpkg-deb -I: $(cat "$OUT/info")"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = gongshi ] && ok || bad "Package: $(field Package)"
[ "$(field Version)" = "$version" ] && ok || bad "Version: $(field Version), Makefile says $version"
[ "$(field Architecture)" = "$arch" ] && ok || bad "Architecture: $(field Architecture)"
field Depends | tr ',' '\n' | sed 's/^ *//; s/ .*//' >"$OUT/depends"
for p in fonts-wqy-zenhei fonts-arphic-uming fonts-lxgw-wenkai libhpdf-2.3.0 libcsv3 libmicrohttpd12 libjemalloc2 libc6; do
	grep -qx "$p" "$OUT/depends" && ok || bad "Depends lacks $p: $(field Depends)"
done
[ "$(field Installed-Size)" -gt 0 ] 2>/dev/null && ok || bad "Installed-Size: $(field Installed-Size)"
field Description | grep -q '公示' && ok || bad "no Chinese description"

# The files: root's, 755 for the program and folders, 644 for the rest.
dpkg-deb -c "$deb" >"$OUT/contents"
for f in ./usr/bin/gongshi ./usr/share/man/man1/gongshi.1.gz ./usr/share/doc/gongshi/copyright \
	./usr/share/doc/gongshi/changelog.Debian.gz ./usr/share/doc/gongshi/快速上手.md \
	./usr/share/doc/gongshi/数据表格说明.md ./usr/share/doc/gongshi/发布到网站.md \
	./usr/share/doc/gongshi/打印公示.md ./usr/share/doc/gongshi/theming.md ./usr/share/doc/gongshi/templates.md; do
	awk '{ print $6 }' "$OUT/contents" | grep -qx "$f" && ok || bad "the package lacks $f"
done
lacks "the package still ships /usr/share/gongshi" "$OUT/contents" '/usr/share/gongshi'
awk '$2 != "root/root" { print "owner", $2, $6 }
	$1 ~ /^d/ && $1 != "drwxr-xr-x" { print "mode", $1, $6 }
	$1 ~ /^-/ && $6 == "./usr/bin/gongshi" && $1 != "-rwxr-xr-x" { print "mode", $1, $6 }
	$1 ~ /^-/ && $6 != "./usr/bin/gongshi" && $1 != "-rw-r--r--" { print "mode", $1, $6 }' \
	"$OUT/contents" >"$OUT/wrong"
[ ! -s "$OUT/wrong" ] && ok || bad "owners and modes: $(head -n 5 "$OUT/wrong")"

# Made again from the same tree, the same bytes.  (When a source file
# changed meanwhile, the second run compiles it again and may differ:
# that is not the package's fault, and is said so.)
first=$(sum "$deb")
if make -s -C "$top" DEB_B="$OUT/build-deb" deb >"$OUT/make2.log" 2>&1; then
	if grep -q '^  CC ' "$OUT/make2.log"; then
		skip "sources changed during the test, so the second package was compiled anew"
	elif [ "$(sum "$deb")" = "$first" ]; then
		ok
	else
		bad "a second make deb gave a different package"
	fi
else
	bad "second make deb: $(tail -n 20 "$OUT/make2.log")"
fi

# Unpacked into a scratch root.
root=$OUT/root
if dpkg -x "$deb" "$root"; then ok; else bad "dpkg -x"; finish; fi
bin=$root/usr/bin/gongshi
"$bin" --version >"$OUT/version" 2>&1 && ok || bad "installed gongshi --version: $(cat "$OUT/version")"
[ "$(cat "$OUT/version")" = "gongshi $version" ] && ok || bad "--version says $(cat "$OUT/version")"

site=$OUT/site
copy_example_site "$site"
# The site has no themes/ and GONGSHI_THEMES is unset: the compiled-in
# default theme is all there is.
if (unset GONGSHI_THEMES; "$bin" build "$site" --jobs 2) >"$OUT/build.out" 2>"$OUT/build.err"; then
	ok
else
	bad "build with the packaged binary alone: $(head -n 5 "$OUT/build.err")"
fi
[ -s "$site/public/index.html" ] && ok || bad "no public/index.html"
notices=$(ls "$site"/public/communities/*/notice.pdf 2>/dev/null | wc -l)
[ "$notices" -gt 0 ] && ok || bad "no public/communities/ID/notice.pdf"
head -c 5 "$(ls "$site"/public/communities/*/notice.pdf 2>/dev/null | head -n 1)" 2>/dev/null |
	grep -q '^%PDF-' && ok || bad "notice.pdf is not a PDF"
ls "$site"/public/notices/*.pdf >/dev/null 2>&1 && ok || bad "no public/notices/SUBDISTRICT.pdf booklet"

# A message that sends the user to a document names one the package
# installs (src/util/docs.h: DOCDIR from PREFIX=/usr).
mkdir -p "$OUT/nounits"
(cd "$top" && cp -R site.yaml data content "$OUT/nounits/") && rm "$OUT/nounits/data/units.csv"
GONGSHI_THEMES=$root/usr/share/gongshi/themes "$bin" check "$OUT/nounits" >/dev/null 2>"$OUT/nounits.err"
doc=$(sed -n 's|.*或 \(/usr/share/doc/gongshi/[^ ]*\.md\).*|\1|p' "$OUT/nounits.err" | head -n 1)
[ "$doc" = /usr/share/doc/gongshi/数据表格说明.md ] && [ -f "$root$doc" ] && ok ||
	bad "a missing table's message names “$doc”, not a file of the package: $(head -n 1 "$OUT/nounits.err")"

# The installed man page reads.
man=$root/usr/share/man/man1/gongshi.1.gz
if command -v mandoc >/dev/null 2>&1; then
	mandoc -Tutf8 "$man" >"$OUT/man.txt" 2>&1
elif command -v man >/dev/null 2>&1; then
	MANPAGER=cat man -l "$man" >"$OUT/man.txt" 2>&1
else
	echo "(neither mandoc nor man: the man page is not read)" >"$OUT/man.txt"
fi
has "publish an old-community renovation plan" "$OUT/man.txt" && ok ||
	bad "the installed man page: $(head -n 5 "$OUT/man.txt")"

finish
