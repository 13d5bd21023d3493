#!/bin/sh
# The photos' derivatives through a real build (issue 20): no EXIF, GPS,
# XMP, IPTC, ICC or comment survives into a published image (read back
# with exiftool and vipsheader); the EXIF orientation is applied to the
# pixels; a photo is never upscaled; two builds, on one thread or two,
# give the same bytes; a rebuild after a caption edit carries every
# derivative over (the same file, not encoded again) while an edited
# photo is made again; a build refused for a broken photo leaves the
# previous output exactly as it was; the gallery's markup.
#
#   GONGSHI=$PWD/gongshi OUT=/tmp/scratch sh tests/sh/photos.sh   (from the repo root)
#
# Needs exiftool (libimage-exiftool-perl) and the libvips command line
# (libvips-tools, which libvips-dev brings); skipped without them.
# Prints one line per failure and ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init photos
site=$OUT/site
pub=$OUT/public
dir=$site/content/communities/bayi-xiaoqu

if ! command -v exiftool >/dev/null 2>&1 || ! command -v vips >/dev/null 2>&1; then
	skip "exiftool or vips missing (apt-get install libimage-exiftool-perl libvips-tools)"
	finish
fi
copy_example_site "$site" || { bad "cannot copy the example site"; finish; }

# A phone's photo: 1200x800 stored sideways (EXIF Orientation 6, "rotate
# 90 CW": upright it is 800x1200), with the home's GPS position, the
# owner in XMP, IPTC keywords and a JPEG comment.
vips black "$OUT/b.v" 1200 800 --bands 3 && vips linear "$OUT/b.v" "$dir/phone.jpg" 1 120 --uchar &&
exiftool -q -overwrite_original -GPSLatitude=34.7912 -GPSLatitudeRef=N \
	-GPSLongitude=117.2513 -GPSLongitudeRef=E -Orientation#=6 -Model=TestPhone \
	-XMP:Creator=ZhangSan -IPTC:Keywords=jia -Comment=home "$dir/phone.jpg" ||
	bad "cannot make the test photo"
# Vacuity guard: the source does carry what must not be published.
exiftool -a -G1 -s "$dir/phone.jpg" >"$OUT/source-tags"
for tag in GPSLatitude Orientation Creator Keywords Comment; do
	grep -q "$tag" "$OUT/source-tags" && ok || bad "test photo has no $tag"
done
# A small PNG: never upscaled (one derivative at its own 300 px).
vips black "$OUT/s.v" 300 200 --bands 3 && vips copy "$OUT/s.v" "$dir/small.png" ||
	bad "cannot make the small photo"
# A Display P3 photo (an iPhone's): its colours converted to sRGB, then
# the profile dropped.  Green 30,160,60 in P3 is 0,162,40 in sRGB.
vips black "$OUT/g.v" 64 32 --bands 3 && vips linear "$OUT/g.v" "$OUT/g2.v" "0 0 0" "30 160 60" --uchar &&
vips jpegsave "$OUT/g2.v" "$dir/p3.jpg" --profile p3 --Q 100 || bad "cannot make the P3 photo"
vipsheader -a "$dir/p3.jpg" | grep -q icc-profile-data && ok || bad "the P3 photo has no profile"
# A phone's own file name: its stem made URL-safe ("img_0001-2"), and a
# second file of the same stem in another folder numbered (-2).
mkdir -p "$dir/wechat"
cp "$dir/small.png" "$dir/IMG_0001 (2).PNG" && cp "$dir/small.png" "$dir/wechat/img_0001-2.png"
cat >>"$site/data/photos.csv" <<'ROWS'
bayi-xiaoqu,phone.jpg,测试：手机竖拍照片,2022-05-02,改造前
bayi-xiaoqu,small.png,测试：小图,2022-05-03,施工中
bayi-xiaoqu,p3.jpg,测试：P3 色彩,2022-05-03,施工中
bayi-xiaoqu,IMG_0001 (2).PNG,测试：手机文件名,2022-05-04,施工中
bayi-xiaoqu,wechat/img_0001-2.png,测试：同名,2022-05-05,施工中
ROWS

build() {
	"$GONGSHI" build "$site" -o "$1" --no-pdf --jobs "${2:-2}" >"$OUT/stdout" 2>"$OUT/stderr"
}
expect_status 0 "first build" build "$pub"
photos=$pub/communities/bayi-xiaoqu/photos

# Nothing but the image survives: exiftool's groups besides the file's
# own facts (File, ExifTool, the JFIF header, Composite sizes), and
# vipsheader's metadata fields.
n=0
for f in "$pub"/communities/*/photos/*.jpg; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	exiftool -a -G1 -s "$f" | grep -v '^\[\(System\|File\|ExifTool\|JFIF\|Composite\)\]' >"$OUT/left"
	[ -s "$OUT/left" ] && bad "$f keeps metadata: $(head -n 3 "$OUT/left")" || ok
	exiftool -a -s "$f" | grep -i 'gps\|orientation\|model\|creator\|keywords\|comment' >"$OUT/left"
	[ -s "$OUT/left" ] && bad "$f keeps: $(head -n 3 "$OUT/left")" || ok
	vipsheader -a "$f" | grep -i 'exif\|xmp\|iptc\|icc\|comment\|orientation' >"$OUT/left"
	[ -s "$OUT/left" ] && bad "$f keeps (vipsheader): $(head -n 3 "$OUT/left")" || ok
done
[ "$n" -ge 10 ] && ok || bad "only $n derivatives published, want at least 10"

# Upright, at the widths the photo reaches (800 wide once upright: 480 only).
[ "$(vipsheader "$photos/phone-480.jpg" 2>&1 | cut -d' ' -f2)" = 480x720 ] && ok ||
	bad "phone-480.jpg: $(vipsheader "$photos/phone-480.jpg" 2>&1), want 480x720 (orientation applied)"
[ ! -e "$photos/phone-960.jpg" ] && ok || bad "phone-960.jpg made from an 800-pixel-wide photo (upscaled)"
[ "$(vipsheader "$photos/small-300.jpg" 2>&1 | cut -d' ' -f2)" = 300x200 ] && ok ||
	bad "small-300.jpg: $(vipsheader "$photos/small-300.jpg" 2>&1), want 300x200"

green=$(vips getpoint "$photos/p3-64.jpg" 5 5 2>&1)
[ "$green" = "0 162 40 " ] && ok || bad "p3-64.jpg pixel $green, want 0 162 40 (P3 converted to sRGB)"
for f in img_0001-2-300.jpg img_0001-2-2-300.jpg; do
	[ -f "$photos/$f" ] && ok || bad "no $f: $(ls "$photos" | tr '\n' ' ')"
done

# The gallery's markup.
page=$pub/communities/bayi-xiaoqu/index.html
for want in 'alt="测试：手机竖拍照片"' 'width="480" height="720"' 'loading="lazy"' \
	'srcset="../../communities/bayi-xiaoqu/photos/gaizao-qian-480.jpg 480w, ../../communities/bayi-xiaoqu/photos/gaizao-qian-960.jpg 960w"' \
	'<time datetime="2022-05-02">2022年5月2日</time>'; do
	grep -qF "$want" "$page" && ok || bad "community page lacks $want"
done

# The same bytes: again, on one thread.
expect_status 0 "second build" build "$OUT/again" 1
diff -r "$pub" "$OUT/again" >"$OUT/diff" 2>&1 && ok || bad "two builds differ: $(head -n 3 "$OUT/diff")"

# A caption edited: every derivative carried over (the same file).
inode() { ls -i "$1" | awk '{ print $1 }'; }
before=$(inode "$photos/phone-480.jpg")
sed -i 's/测试：小图/测试：小图（改）/' "$site/data/photos.csv"
expect_status 0 "rebuild after a caption edit" build "$pub"
[ "$(inode "$photos/phone-480.jpg")" = "$before" ] && ok ||
	bad "phone-480.jpg made again after a caption edit"
grep -q '测试：小图（改）' "$pub/communities/bayi-xiaoqu/index.html" && ok ||
	bad "the page did not follow the caption edit"
# The photo edited: made again.
vips flip "$dir/small.png" "$OUT/f.png" horizontal && vips linear "$OUT/f.png" "$dir/small.png" 1 9 --uchar
cp "$photos/small-300.jpg" "$OUT/small-old.jpg"
expect_status 0 "rebuild after a photo edit" build "$pub"
cmp -s "$photos/small-300.jpg" "$OUT/small-old.jpg" && bad "small-300.jpg not made again after its photo changed" || ok

# site.yaml notice.image: design puts 八一小区's design image (its
# derivative: no metadata) on its notice, under its caption; a community
# without one gets none.
sed -i 's/^notice:$/notice:\n  image: design/' "$site/site.yaml"
grep -q '^  image: design' "$site/site.yaml" && ok || bad "could not set notice.image"
"$GONGSHI" build "$site" -o "$OUT/pdf" --jobs 2 >"$OUT/stdout" 2>"$OUT/stderr" && ok ||
	bad "build with notice.image: $(cat "$OUT/stderr")"
notice=$OUT/pdf/communities/bayi-xiaoqu/notice.pdf
[ "$(pdfimages -list "$notice" 2>/dev/null | grep -c ' jpeg ')" = 1 ] && ok ||
	bad "bayi-xiaoqu's notice: $(pdfimages -list "$notice" 2>&1 | tail -n +3 | wc -l) images, want 1 JPEG"
pdftotext "$notice" - | tr -d '\n' | grep -q '图：示例效果图：3号楼改造后外立面和绿化（效果图，2022年4月20日）' && ok ||
	bad "bayi-xiaoqu's notice lacks the picture's caption"
[ "$(pdfimages -list "$OUT/pdf/communities/haihe-xiaoqu/notice.pdf" 2>/dev/null | tail -n +3 | wc -l)" = 0 ] && ok ||
	bad "haihe-xiaoqu's notice has an image; it has no photo"
rm -rf "$OUT/img" && mkdir "$OUT/img" && pdfimages -j "$notice" "$OUT/img/i" &&
	exiftool -a -G1 -s "$OUT/img"/i-000.jpg | grep -v '^\[\(System\|File\|ExifTool\|JFIF\|Composite\)\]' >"$OUT/left"
[ -f "$OUT/img/i-000.jpg" ] && [ ! -s "$OUT/left" ] && ok || bad "the notice's picture keeps metadata: $(head -n 3 "$OUT/left")"
sed -i '/^  image: design$/d' "$site/site.yaml"

# A broken photo: refused, the output left as it was.
cp -R "$pub" "$OUT/kept"
head -c 2000 "$dir/phone.jpg" >"$OUT/cut.jpg" && cp "$OUT/cut.jpg" "$dir/phone.jpg"
expect_status 1 "build with a truncated photo" build "$pub"
grep -q 'phone.jpg”.*损坏' "$OUT/stderr" && ok || bad "no message for the truncated photo: $(cat "$OUT/stderr")"
diff -r "$OUT/kept" "$pub" >"$OUT/diff" 2>&1 && ok || bad "a refused build changed the output: $(head -n 3 "$OUT/diff")"
finish
