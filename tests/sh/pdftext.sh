#!/bin/sh
# run-once
# What every reader gets out of the PDFs, through the tools Debian ships:
#   the text of every example PDF (notices and booklets) comes out of
#   poppler (pdftotext), MuPDF (mutool draw -F txt, with nothing on stderr),
#   Ghostscript (txtwrite) and pdf.js (tests/e2e/pdftext.mjs, with nothing
#   on stderr but its own note that it cannot draw) character for character
#   the same, with no U+FFFD; every notice's QR code decodes with zbarimg from a 100 dpi and
#   a 72 dpi greyscale render to its community's page (the folder), and so
#   does the longest URL a community id can make (64 characters); with no
#   base_url there is neither code nor caption.  The box with the code and
#   the signature is never alone on a notice's last page.  A community name
#   with characters beyond U+FFFF (CJK Ext-B) reads back exactly too.
#
# Whitespace is left out of the comparison (each reader lays out spaces and
# line breaks its own way); every other character is compared.  Only the
# page with the QR code is rendered, the last of each notice.  Run with
# the first build only (run-once): the readers are what is tested here, and
# pdf.sh runs the PDF code under every build.  pdf.js comes with the
# browser test's npm packages (tests/e2e/setup.sh, which `make check` runs
# first); without node or them, its checks are skipped and said so.
#
#   GONGSHI=build/gongshi OUT=/tmp/scratch sh tests/sh/pdftext.sh   (from the repo root)
#
# Prints one line per failure and ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init pdftext

for tool in pdftotext pdfinfo pdftoppm mutool gs zbarimg; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		skip "$tool not installed"
		finish
	fi
done

# Text without whitespace (ASCII only: U+3000 is compared like the rest).
squeeze() { tr -d ' \t\r\n\f\v'; }

pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }

# qr PDF DPI: what zbarimg reads on the last page of PDF rendered at DPI.
qr() {
	n=$(pages "$1")
	rm -f "$OUT/qr"*.pgm
	pdftoppm -gray -r "$2" -f "$n" -l "$n" "$1" "$OUT/qr" 2>/dev/null
	zbarimg -q --raw "$OUT/qr"*.pgm 2>/dev/null
}

# check_qr PDF WANT: the code decodes to WANT at 100 and at 72 dpi.
check_qr() {
	for dpi in 100 72; do
		got=$(qr "$1" "$dpi")
		if [ "$got" = "$2" ]; then
			ok
		else
			bad "${1#"$OUT"/}: ${dpi} dpi 二维码读出 '$got'，应为 '$2'"
		fi
	done
}

copy_example_site "$OUT/site" themes
if ! "$GONGSHI" build "$OUT/site" -o "$OUT/a" >"$OUT/a.log" 2>&1; then
	bad "构建失败: $(tail -n 3 "$OUT/a.log")"
	finish
fi
(cd "$OUT/a" && find . -name '*.pdf' | sort) >"$OUT/pdfs"
ncom=$(tail -n +2 "$top/data/communities.csv" | grep -c .)
npdf=$(grep -c . "$OUT/pdfs")
# Every notice and at least one booklet, or the loops below test little.
[ "$npdf" -gt "$ncom" ] && ok || bad "只有 $npdf 份 PDF，小区有 $ncom 个"

# ---- the text: poppler is the reference, checked for U+FFFD and for each
# notice's title; MuPDF and Ghostscript must give the same characters.
# mutool -N: Debian's MuPDF 1.21 is built without colour management and
# otherwise warns so on every run, whatever the PDF.
mkdir -p "$OUT/p" "$OUT/m" "$OUT/g"
: >"$OUT/pagecounts"
while read -r f; do
	k=$(echo "$f" | tr '/.' '__')
	pdftotext -enc UTF-8 "$OUT/a/$f" - 2>/dev/null | squeeze >"$OUT/p/$k"
	mutool draw -N -q -F txt -o - "$OUT/a/$f" 2>"$OUT/m/$k.err" |
		squeeze >"$OUT/m/$k"
	echo "$k $(pages "$OUT/a/$f")" >>"$OUT/pagecounts"
	if grep -q '�' "$OUT/p/$k"; then
		bad "$f: pdftotext 读出 U+FFFD"
	elif [ ! -s "$OUT/p/$k" ]; then
		bad "$f: pdftotext 没读出文字"
	else
		ok
	fi
	if [ -s "$OUT/m/$k.err" ]; then
		bad "$f: mutool 有警告: $(sort -u "$OUT/m/$k.err" | head -n 3)"
	else
		ok
	fi
	if cmp -s "$OUT/p/$k" "$OUT/m/$k"; then
		ok
	else
		bad "$f: mutool 与 pdftotext 的文字不同: $(grep -o '�' "$OUT/m/$k" | wc -l) 个 U+FFFD"
	fi
done <"$OUT/pdfs"
for id in $(tail -n +2 "$top/data/communities.csv" | cut -d, -f1); do
	name=$(awk -F, -v id="$id" '$1 == id { print $2 }' "$top/data/communities.csv")
	# A community already in acceptance has no notice (tests/sh/example.sh).
	[ -f "$OUT/p/__communities_${id}_notice_pdf" ] || continue
	# "海河小区" is not called "海河小区老旧小区" (issue 16).
	case $name in
	*小区) title="关于${name}改造方案的公示" ;;
	*) title="关于${name}老旧小区改造方案的公示" ;;
	esac
	grep -q "$title" "$OUT/p/__communities_${id}_notice_pdf" &&
		ok || bad "$id: pdftotext 读不出公示标题"
done

# ---- pdf.js: one node for all the PDFs.  Its stderr may hold only its
# note that it cannot draw without a canvas module (tests/e2e/setup.sh
# leaves that optional package out: text needs none); an error it reports
# about a PDF is a failure.
pdfjs_ok=
if ! command -v node >/dev/null 2>&1 ||
	[ ! -f "$top/tests/e2e/node_modules/pdfjs-dist/package.json" ]; then
	skip "pdf.js 未安装（make check 先运行 tests/e2e/setup.sh 装上）：不比较 pdf.js 读出的文字"
else
	pdfjs_ok=1
	mkdir -p "$OUT/j"
	(cd "$OUT/a" && xargs node "$top/tests/e2e/pdftext.mjs" "$OUT/j" <"$OUT/pdfs") \
		>"$OUT/j.out" 2>&1 || bad "pdf.js 读不了: $(grep -v 'Cannot polyfill' "$OUT/j.out" | head -n 3)"
	if grep -v 'Warning: Cannot polyfill' "$OUT/j.out" | grep -q .; then
		bad "pdf.js 报错: $(grep -v 'Warning: Cannot polyfill' "$OUT/j.out" | sort -u | head -n 3)"
	else
		ok
	fi
	while read -r k n; do
		if [ -f "$OUT/j/$k" ] && squeeze <"$OUT/j/$k" | cmp -s "$OUT/p/$k" -; then
			ok
		else
			bad "$k: pdf.js 与 pdftotext 的文字不同" \
				"(第 $(squeeze <"$OUT/j/$k" 2>/dev/null | cmp "$OUT/p/$k" - 2>&1 | awk '{ print $5 }' | tr -d ,) 字节起)"
		fi
	done <"$OUT/pagecounts"
fi

# Ghostscript starts slowly: one run for all the PDFs, a file per page
# (numbered on across the files), put back together per PDF.
(cd "$OUT/a" && xargs gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=txtwrite \
	-sOutputFile="$OUT/g/page%d.txt" <"$OUT/pdfs") >"$OUT/gs.log" 2>&1 ||
	bad "gs 失败: $(tail -n 3 "$OUT/gs.log")"
first=1
while read -r k n; do
	i=$first
	while [ "$i" -lt $((first + n)) ]; do
		cat "$OUT/g/page$i.txt" 2>/dev/null
		i=$((i + 1))
	done | squeeze >"$OUT/g/$k"
	first=$((first + n))
	if cmp -s "$OUT/p/$k" "$OUT/g/$k"; then
		ok
	else
		bad "$k: gs txtwrite 与 pdftotext 的文字不同" \
			"(第 $(cmp "$OUT/p/$k" "$OUT/g/$k" 2>&1 | awk '{ print $5 }' | tr -d ,) 字节起)"
	fi
done <"$OUT/pagecounts"

# ---- characters beyond U+FFFF (CJK Extension B, as in some community and
# street names) are text like any other (issue 18): 𠮷 (U+20BB7) comes
# from the Kai face (LXGW WenKai), 𡈼 (U+2123C) from the Song face itself
# (UMing), 𠀀 (U+20000) from a fallback font (BabelStone Han).  poppler
# and MuPDF must give the notice's text exactly.
#
# Ghostscript cannot: txtwrite writes each UTF-16 unit of a character as
# three bytes of its own (devices/vector/gdevtxtw.c, write_simple_text, in
# every version to date), so a surrogate pair never comes out as UTF-8;
# and 10.0 (Debian 12) also reads a four-byte ToUnicode value as bytes
# 0, 1, 1, 3 (pdf/pdf_font.c, fixed in 10.01.1), losing two bits of the
# low surrogate.  Its text is compared with the form its version makes of
# the exact text (gs_form), so every other character must still be exact
# and each of these must still come out of the ToUnicode.
# gs_form VERSION: stdin with each character beyond U+FFFF as Ghostscript
# VERSION's txtwrite writes it.
gs_form() {
	perl -e '
		sub u3 { my $v = shift; chr(0xE0 | $v >> 12) . chr(0x80 | ($v >> 6 & 0x3F)) . chr(0x80 | ($v & 0x3F)) }
		my $old = $ARGV[0] =~ /^(?:[0-9]\.|10\.0[0-1]\.0)/;
		local $/; $_ = <STDIN>;
		s{([\xF0-\xF4])([\x80-\xBF])([\x80-\xBF])([\x80-\xBF])}{
			my $cp = (ord($1) & 7) << 18 | (ord($2) & 0x3F) << 12 | (ord($3) & 0x3F) << 6 | (ord($4) & 0x3F);
			my $hi = 0xD800 + (($cp - 0x10000) >> 10), $lo = 0xDC00 + ($cp & 0x3FF);
			u3($hi) . u3($old ? ($hi & 0xFF) << 8 | ($lo & 0xFF) : $lo)
		}ge;
		print;' "$1"
}
repo_themes
one_community_site "$OUT/extb"
sed -i 's/^bayi-xiaoqu,八一小区,/bayi-xiaoqu,𠮷𡈼𠀀八一小区,/' "$OUT/extb/data/communities.csv"
sed -i '/^    hei_index: 0/a\
    fallback:\
      - /usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf' "$OUT/extb/site.yaml"
if "$GONGSHI" build "$OUT/extb" -o "$OUT/e" >"$OUT/e.log" 2>&1; then
	f=$OUT/e/communities/bayi-xiaoqu/notice.pdf
	# Each font gives its character: no □ and no warning of one.
	lacks "扩展 B 的字都有字体" "$OUT/e.log" "U+2"
	pdffonts "$f" >"$OUT/e.fonts" 2>&1
	for font in LXGWWenKai UMing BabelStoneHan; do
		grep -q "$font" "$OUT/e.fonts" && ok || bad "扩展 B: 没有嵌入 $font"
	done
	pdftotext -enc UTF-8 "$f" - 2>/dev/null | squeeze >"$OUT/e.p"
	mutool draw -N -q -F txt -o - "$f" 2>"$OUT/e.m.err" | squeeze >"$OUT/e.m"
	gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=txtwrite -sOutputFile=- "$f" \
		2>"$OUT/e.g.err" | squeeze >"$OUT/e.g"
	for want in "关于𠮷𡈼𠀀八一小区改造方案的公示" "𠮷𡈼𠀀八一小区全体居民："; do
		grep -q "$want" "$OUT/e.p" && ok || bad "扩展 B: pdftotext 读不出“$want”"
	done
	grep -q '[□�]' "$OUT/e.p" && bad "扩展 B: pdftotext 读出 □ 或 U+FFFD" || ok
	[ -s "$OUT/e.m.err" ] && bad "扩展 B: mutool 有警告: $(sort -u "$OUT/e.m.err" | head -n 3)" || ok
	cmp -s "$OUT/e.p" "$OUT/e.m" && ok ||
		bad "扩展 B: mutool 与 pdftotext 不同: $(grep -o '关于[^的]*' "$OUT/e.m" | head -n 1)"
	if [ -n "$pdfjs_ok" ]; then
		mkdir -p "$OUT/je"
		(cd "$OUT/e" && node "$top/tests/e2e/pdftext.mjs" "$OUT/je" communities/bayi-xiaoqu/notice.pdf) \
			>/dev/null 2>&1
		squeeze <"$OUT/je/communities_bayi-xiaoqu_notice_pdf" >"$OUT/e.j" 2>/dev/null
		cmp -s "$OUT/e.p" "$OUT/e.j" && ok ||
			bad "扩展 B: pdf.js 与 pdftotext 不同: $(grep -o '关于[^的]*' "$OUT/e.j" | head -n 1)"
	fi
	gs_form "$(gs --version)" <"$OUT/e.p" >"$OUT/e.gwant"
	if cmp -s "$OUT/e.g" "$OUT/e.p" || cmp -s "$OUT/e.g" "$OUT/e.gwant"; then
		ok
	else
		bad "扩展 B: gs $(gs --version) txtwrite 与 pdftotext 不同" \
			"(第 $(cmp "$OUT/e.gwant" "$OUT/e.g" 2>&1 | awk '{ print $5 }' | tr -d ,) 字节起)"
	fi
else
	bad "扩展 B 的小区名构建失败: $(tail -n 3 "$OUT/e.log")"
fi

# ---- the QR codes: the community's folder under base_url.
base=$(sed -n 's/^base_url: *\([^ #]*\).*/\1/p' "$OUT/site/site.yaml")
case $base in
*/) ;;
*) base=$base/ ;;
esac
issuer=$(sed -n 's/^  issuer: *\([^ #]*\).*/\1/p' "$OUT/site/site.yaml")
for id in $(tail -n +2 "$top/data/communities.csv" | cut -d, -f1); do
	pdf=$OUT/a/communities/$id/notice.pdf
	check_qr "$pdf" "${base}communities/$id/"
	# The taller box with the code is never alone on the last page
	# (GB/T 9704): some text comes before the issuer there.
	n=$(pages "$pdf")
	last=$(pdftotext -enc UTF-8 -f "$n" -l "$n" "$pdf" - | squeeze)
	case $n:$last in
	1:*) ok ;;
	*:"$issuer"*) bad "$id: 第 $n 页只有落款和二维码" ;;
	*) ok ;;
	esac
done

# The longest URL: a community id of 64 characters, the most allowed.
one_community_site "$OUT/long"
long=$(printf 'a%.0s' $(seq 1 61))-xq
for t in communities notices consent opinions progress funding; do
	sed -i "s/^bayi-xiaoqu,/$long,/" "$OUT/long/data/$t.csv"
done
mv "$OUT/long/content/communities/bayi-xiaoqu.md" \
	"$OUT/long/content/communities/$long.md"
# Its photos (data/photos.csv) move with it.
sed -i "s/^bayi-xiaoqu,/$long,/" "$OUT/long/data/photos.csv"
mv "$OUT/long/content/communities/bayi-xiaoqu" "$OUT/long/content/communities/$long"
if "$GONGSHI" build "$OUT/long" -o "$OUT/b" >"$OUT/b.log" 2>&1; then
	check_qr "$OUT/b/communities/$long/notice.pdf" \
		"${base}communities/$long/"
else
	bad "64 个字符的小区编号构建失败: $(tail -n 3 "$OUT/b.log")"
fi

# No base_url: no code and no caption promising one.
one_community_site "$OUT/nourl"
sed -i '/^base_url:/d' "$OUT/nourl/site.yaml"
if "$GONGSHI" build "$OUT/nourl" -o "$OUT/c" >"$OUT/c.log" 2>&1; then
	pdf=$OUT/c/communities/bayi-xiaoqu/notice.pdf
	[ -z "$(qr "$pdf" 100)" ] && ok || bad "没有 base_url 也印了二维码"
	pdftotext -enc UTF-8 "$pdf" - | grep -q 扫码 &&
		bad "没有 base_url 也印了“扫码”" || ok
else
	bad "没有 base_url 的构建失败: $(tail -n 3 "$OUT/c.log")"
fi

finish
