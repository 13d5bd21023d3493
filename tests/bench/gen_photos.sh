#!/bin/sh
# Generates a site of N communities (tests/bench/gen_site.sh) with PER
# photos each (issue 20's benchmark), deterministically: every pixel comes
# from libvips' seeded gaussnoise and from vips text, no clock, no camera.
#
# Each photo is one of ten "scenes" (3000×2000 by default, PHOTO_W and
# PHOTO_H): coloured blotches at three scales (noise of a few dozen cells
# enlarged with a cubic kernel, plus fine sensor-like noise), which JPEG
# compresses about as a phone photo does (about 1.1 MB at quality 85 for
# 6 megapixels), with its own caption burned in at a place that depends on
# its number, so no two files are alike.  Written as
# content/communities/cI/pK.jpg (metadata stripped) and listed in
# data/photos.csv with a caption, a 2022 date and a kind (改造前, 施工中,
# 改造后, 效果图 in turn).
# Making one photo costs about 0.1-0.2 s of CPU (two vips processes), the
# ten scenes about 30 s: 250 photos took 8 minutes at a load of 25 on two
# cores, so keep N small on a shared machine.
# Usage: gen_photos.sh N DIR [PER]   (needs libvips-tools: vips)
set -eu
n=$1
dir=$2
per=${3:-10}
w=${PHOTO_W:-3000}
h=${PHOTO_H:-2000}
top=$(cd "$(dirname "$0")/../.." && pwd)
sh "$top/tests/bench/gen_site.sh" "$n" "$dir"
tmp=$dir/.scenes
mkdir -p "$tmp"

# scene S: noise of W/SCALE × H/SCALE cells enlarged SCALE times, per band.
layer() { # OUT SEED SCALE SIGMA
	vips gaussnoise "$tmp/small.v" $((w / $3)) $((h / $3)) --mean 0 --sigma "$4" --seed "$2"
	vips resize "$tmp/small.v" "$1" "$3" --kernel cubic
}
s=0
while [ "$s" -lt 10 ]; do
	for b in 1 2 3; do
		seed=$((s * 100 + b * 10))
		layer "$tmp/a.v" "$seed" 100 40
		layer "$tmp/b.v" $((seed + 1)) 10 15
		vips gaussnoise "$tmp/c.v" "$w" "$h" --mean 128 --sigma 6 --seed $((seed + 2))
		vips sum "$tmp/a.v $tmp/b.v $tmp/c.v" "$tmp/band$b.v"
	done
	vips bandjoin "$tmp/band1.v $tmp/band2.v $tmp/band3.v" "$tmp/joined.v"
	vips cast "$tmp/joined.v" "$tmp/cast.v" uchar
	vips copy "$tmp/cast.v" "$tmp/scene$s.v" --interpretation srgb
	s=$((s + 1))
done
rm -f "$tmp"/a.v "$tmp"/b.v "$tmp"/c.v "$tmp"/small.v "$tmp"/band*.v "$tmp"/joined.v "$tmp"/cast.v

csv=$dir/data/photos.csv
echo "小区编号,文件,说明,日期,类型" >"$csv"
i=1
while [ "$i" -le "$n" ]; do
	mkdir -p "$dir/content/communities/c$i"
	k=1
	while [ "$k" -le "$per" ]; do
		case $((k % 4)) in
		1) kind=改造前 ;; 2) kind=施工中 ;; 3) kind=改造后 ;; *) kind=效果图 ;;
		esac
		caption="c$i 第${k}张 $kind 现场照片"
		vips text "$tmp/t.v" "$caption" --dpi 600
		# The scene and the caption's place follow from i and k only.
		vips insert "$tmp/scene$(((i + k) % 10)).v" "$tmp/t.v" \
			"$dir/content/communities/c$i/p$k.jpg[Q=85,strip]" \
			$((100 + (i * 37 + k * 101) % (w / 2))) $((100 + (i * 53 + k * 17) % (h / 2)))
		printf 'c%d,p%d.jpg,%s,2022-%02d-%02d,%s\n' "$i" "$k" "$caption" \
			$((4 + k % 6)) $((1 + (i + k) % 28)) "$kind" >>"$csv"
		k=$((k + 1))
	done
	i=$((i + 1))
done
rm -rf "$tmp"
