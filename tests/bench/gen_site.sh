#!/bin/sh
# Generates a synthetic site of N communities in DIR, deterministically
# (a fixed linear congruential generator, no clock, no $RANDOM): the
# example site's units, items, phases, duties and group, with N invented
# communities spread over its three subdistricts.
# Usage: gen_site.sh N DIR
set -eu
n=$1
dir=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$dir"
mkdir -p "$dir/data" "$dir/content"
cp "$top"/data/units.csv "$top"/data/items.csv "$top"/data/phases.csv \
	"$top"/data/duties.csv "$top"/data/group.csv "$dir/data/"
# The example's targets do not describe a synthetic site.
sed '/^targets:/,/^[^ ]/{/^targets:/d;/^  /d}' "$top/site.yaml" >"$dir/site.yaml"
awk -v n="$n" 'BEGIN {
	seed = 20220427
	split("榆树 供电 八一 海河 建设 粮食 邮电 纺织 机械 化肥 电厂 矿务 银行 税务 教师 医院 水利 交通 人民 光明", a, " ")
	split("新村 小区 宿舍 家园 花园 南院 北院 东区 西区 公寓", b, " ")
	split("泰山路 海河路 黄河路 长江路 临山路 八一路 光明路 人民路 建设路 永福路", road, " ")
	split("临城街道 常庄街道 新城街道", subd, " ")
	split("海河片区 泰山路片区 八一片区 临山片区 长江路片区", area, " ")
	split("shenghong shengxi", con, " ")
	split("张 王 李 赵 刘 陈 杨 黄 孙 周", fam, " ")
	split("建国 秀英 志强 桂兰 海燕 明 丽 军 伟 芳", giv, " ")
	print "编号,小区名称,街道,片区,地址,户数,建筑面积,楼栋数,建成年份,改造内容,进度,施工单位,联系人,联系电话,加装电梯"
	for (i = 1; i <= n; i++) {
		s = i % 3 + 1
		ar = s == 1 ? 1 + r(2) : s == 2 ? 3 + r(2) : 5
		hh = 40 + r(400)
		items = "1;2;3"
		for (k = 4; k <= 15; k++) if (r(2)) items = items ";" k
		el = r(5) == 0
		if (el) items = items ";16"
		printf "c%d,%s%s%d号,%s,%s,%s%s%d号,%d,%d.%d,%d,%d,%s,%s,%s,%s%s,0632-44%05d,%s\n",
			i, a[1 + r(20)], b[1 + r(10)], i, subd[s], area[ar], road[1 + r(10)], "", 1 + r(300),
			hh, hh * (80 + r(70)), r(10), 2 + r(18), 1980 + r(21), items,
			r(10) ? "renovation" : "publicity", con[1 + r(2)],
			fam[1 + r(10)], giv[1 + r(10)], r(100000), el ? "是" : "否"
	}
}
function r(m) { seed = (seed * 1103515245 + 12345) % 2147483648; return int(seed / 65536) % m }' \
	>"$dir/data/communities.csv"
