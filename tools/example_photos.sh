#!/bin/sh
# Draws the example site's illustrative photos (content/communities/*/*.jpg,
# listed in data/README.md): simple pictures of a building before, during
# and after renovation and a design render, each marked 示例 (example) in
# large type so that no one takes them for real photos.  Made with the
# libvips command line (Debian libvips-tools), no photo from anywhere.
#
#   sh tools/example_photos.sh [SITE_DIR]     (default: the current folder)
set -eu
site=${1:-.}
font=${FONT:-"WenQuanYi Zen Hei"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# rect FILE "R G B" X Y W H
rect() { vips draw_rect "$1" "$2" "$3" "$4" "$5" "$6" --fill; }

# building FILE WALL WINDOW: a five-storey block with a grid of windows.
building() {
	rect "$1" "$2" 260 260 680 440
	rect "$1" "120 110 100" 240 240 720 24
	y=300
	while [ $y -le 620 ]; do
		x=300
		while [ $x -le 860 ]; do
			rect "$1" "$3" $x $y 70 50
			x=$((x + 110))
		done
		y=$((y + 80))
	done
}

# label FILE TEXT: the 示例 mark, dark on a pale box, top left.
label() {
	vips text "$tmp/t.v" "$2" --font "$font 44" --dpi 96
	w=$(vipsheader -f width "$tmp/t.v"); h=$(vipsheader -f height "$tmp/t.v")
	rect "$1" "255 255 240" 24 24 $((w + 32)) $((h + 24))
	vips draw_mask "$1" "170 20 20" "$tmp/t.v" 40 36
}

# picture OUT KIND: sky, ground, the building as it looks at that stage.
picture() {
	vips black "$tmp/c.v" 1200 800 --bands 3
	vips linear "$tmp/c.v" "$tmp/p.v" "1 1 1" "205 225 240" --uchar
	rect "$tmp/p.v" "150 150 140" 0 700 1200 100
	case $2 in
	before)
		building "$tmp/p.v" "150 145 138" "90 90 95"
		rect "$tmp/p.v" "110 105 100" 400 300 40 320   # a damp stain
		rect "$tmp/p.v" "110 105 100" 700 420 60 200
		label "$tmp/p.v" "示例图片 · 改造前 · 非实拍" ;;
	during)
		building "$tmp/p.v" "150 145 138" "90 90 95"
		x=240
		while [ $x -le 960 ]; do rect "$tmp/p.v" "230 130 30" $x 240 10 460; x=$((x + 80)); done
		y=300
		while [ $y -le 660 ]; do rect "$tmp/p.v" "230 130 30" 240 $y 730 8; y=$((y + 90)); done
		label "$tmp/p.v" "示例图片 · 施工中 · 非实拍" ;;
	after)
		building "$tmp/p.v" "238 222 190" "120 160 200"
		rect "$tmp/p.v" "80 150 80" 0 690 1200 20
		label "$tmp/p.v" "示例图片 · 改造后 · 非实拍" ;;
	design)
		building "$tmp/p.v" "242 228 200" "140 180 215"
		for x in 80 1000 1110; do
			vips draw_circle "$tmp/p.v" "70 140 70" $x 640 60 --fill
		done
		rect "$tmp/p.v" "90 90 90" 0 720 1200 40
		label "$tmp/p.v" "示例 · 效果图 · 非实景" ;;
	esac
	vips jpegsave "$tmp/p.v" "$1" --Q 70 --strip --optimize-coding
}

bayi="$site/content/communities/bayi-xiaoqu"
yushu="$site/content/communities/yushu-xincun"
mkdir -p "$bayi" "$yushu"
picture "$bayi/gaizao-qian.jpg" before
picture "$bayi/xiaoguotu.jpg" design
picture "$bayi/shigong.jpg" during
picture "$yushu/gaizao-qian.jpg" before
picture "$yushu/xiaoguotu.jpg" design
