#!/bin/sh
# Generates issue 20's caption-edit site: tests/bench/gen_site.sh's N
# communities with PER small photos each (default 10), every photo its own
# file, and data/photos.csv with a row for each.  Where gen_photos.sh makes
# camera-sized photos for the first build's image work (0.1-0.2 s of CPU
# each), this one is for the rebuild after one caption edit, which opens no
# photo: PER distinct 64x48 JPEGs (vips gaussnoise, seeded, quality 85,
# stripped; 1.4-2.3 KB) are written again into every
# content/communities/cI/ as pK.jpg, so that a rebuild looks at N x PER
# separate files as a real site's would.  Rows: "cI,pK.jpg,cI 第K张 现场照片,
# 2022-05-(K+1),改造前|施工中".  55,000 x 10 takes about 20 s and 2.6 GB;
# its first build (550,000 derivatives, --no-pdf) 11-20 minutes on two cores.
# Usage: gen_photo_rows.sh N DIR [PER]   (needs libvips-tools: vips; perl)
set -eu
n=$1
dir=$2
per=${3:-10}
top=$(cd "$(dirname "$0")/../.." && pwd)
sh "$top/tests/bench/gen_site.sh" "$n" "$dir"
tmp=$dir/.small
mkdir -p "$tmp"
k=1
while [ "$k" -le "$per" ]; do
	vips gaussnoise "$tmp/n.v" 64 48 --mean 128 --sigma 40 --seed "$k"
	vips bandjoin "$tmp/n.v $tmp/n.v $tmp/n.v" "$tmp/c.v"
	vips cast "$tmp/c.v" "$tmp/u.v" uchar
	vips jpegsave "$tmp/u.v" "$tmp/p$k.jpg" --Q 85 --strip
	k=$((k + 1))
done
# One process writes the N x PER files (a cp each would fork 550,000 times).
perl -e '
	my ($dir, $n, $per) = @ARGV;
	my @jpg;
	for my $k (1 .. $per) {
		open(my $f, "<:raw", "$dir/.small/p$k.jpg") or die "$!";
		local $/; $jpg[$k] = <$f>; close $f;
	}
	my @kind = ("改造前", "施工中");
	open(my $csv, ">", "$dir/data/photos.csv") or die "$!";
	print $csv "小区编号,文件,说明,日期,类型\n";
	for my $i (1 .. $n) {
		my $d = "$dir/content/communities/c$i";
		mkdir $d;
		for my $k (1 .. $per) {
			open(my $f, ">:raw", "$d/p$k.jpg") or die "$d/p$k.jpg: $!";
			print $f $jpg[$k]; close $f or die "$!";
			printf $csv "c%d,p%d.jpg,c%d 第%d张 现场照片,2022-05-%02d,%s\n",
			       $i, $k, $i, $k, ($k % 28) + 1, $kind[$k % 2];
		}
	}
	close $csv or die "$!";
' "$dir" "$n" "$per"
rm -rf "$tmp"
