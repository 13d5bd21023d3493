#!/bin/sh
# Generates a synthetic site of N communities in DIR, deterministically:
# a fixed linear congruential generator (no clock, no $RANDOM), computed in
# awk's IEEE doubles, whose rounding is fully specified, so the same N
# always gives the same bytes on any machine with a POSIX awk.
#
# What it writes, besides the example site's items, phases, duties and
# group (copied) and its site.yaml (without the targets, which describe
# the example):
#   data/units.csv        the example's units plus one subdistrict per
#                         200 communities (a city office's scale)
#   data/communities.csv  N rows: names, addresses, households, areas,
#                         items, phase, contractor, contact, phone
#   content/communities/ID.md  a ~300-character text per community, built
#                         from phrase tables so that no two read alike
#   content/news/*.md     one news item per 100 communities, naming 3-5
#   data/progress.csv, data/funding.csv and the communities' schedule,
#                         investment and parties (issue 19), only when
#                         GEN_REPORTS (dated reports per started community,
#                         default 0: the tables and columns are left out)
# The theme is the default one compiled into gongshi (a themes/ link out of
# the site would be refused: issue 15).
# Usage: gen_site.sh N DIR
set -eu
n=$1
dir=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$dir"
mkdir -p "$dir/data" "$dir/content/communities" "$dir/content/news"
cp "$top"/data/items.csv "$top"/data/phases.csv "$top"/data/duties.csv \
	"$top"/data/group.csv "$top"/data/units.csv "$dir/data/"
cp "$top"/content/index.md "$top"/content/plan.md "$dir/content/"
# The example's targets do not describe a synthetic site.
sed '/^targets:/,/^[^ ]/{/^targets:/d;/^  /d}' "$top/site.yaml" >"$dir/site.yaml"

reports=${GEN_REPORTS:-0}
LC_ALL=C awk -v n="$n" -v dir="$dir" -v itemsfile="$top/data/items.csv" -v reports="$reports" '
function r(m) { seed = (seed * 1103515245 + 12345) % 2147483648; return int(seed / 65536) % m }
function pick(arr, len) { return arr[1 + r(len)] }
# The schedule, investment and parties of community `id` (phase `st`),
# ending its row, with its funding rows and, once started, `reports`
# reports spread evenly up to the example site today (1 June, day 152):
# those in the acceptance phase have finished the day before.
function schedule(id, st, who, phone,   ps, pe, as, ac, inv, k, t, left, pct, span) {
	ps = 106 + r(20)
	pe = ps + 60 + r(120)
	as = st == "publicity" ? 0 : ps + r(5)
	span = 150 - as
	ac = st == "acceptance" ? 151 : 0
	inv = 1000 + r(5000)
	printf ",%s,%s,%s,%s,,%s,chengjian-sheji,jianshe-jianli,%s,%s,0632-4412345\n", date2022(ps), date2022(pe),
		as ? date2022(as) : "", ac ? date2022(ac) : "", wan(inv), who, phone > csv
	t = int(inv / 2)
	printf "%s,%s,%s\n", id, source[1], wan(t) > fundf
	left = inv - t
	t = int(left / 2)
	printf "%s,%s,%s\n", id, source[2 + r(2)], wan(t) > fundf
	printf "%s,%s,%s\n", id, source[4 + r(2)], wan(left - t) > fundf
	if (!as)
		return
	for (k = 1; k <= reports; k++) {
		pct = int(100 * k / reports)
		if (!ac && pct > 95) pct = 95
		printf "%s,%s,%d,第%d次报告：%s,%s\n", id, date2022(as + int(span * k / reports)), pct, k,
			k == reports && ac ? "工程完工" : "按计划施工", wan(int(inv * pct / 100)) > progf
	}
}
# A day of 2022 (1 = 1 January) as YYYY-MM-DD.
function date2022(d,   m) {
	for (m = 1; m <= 12 && d > mdays[m]; m++) d -= mdays[m]
	return sprintf("2022-%02d-%02d", m, d)
}
# Money in tenths of 万元 as the table types it.
function wan(t) { return sprintf("%d.%d", int(t / 10), t % 10) }
BEGIN {
	seed = 20220427
	split("31 28 31 30 31 30 31 31 30 31 30 31", mdays, " ")
	split("中央和省市补助 区财政 专项债 专营单位出资 居民出资", source, " ")
	# Item short titles, for the text of each community.
	FS = ","
	while ((getline line < itemsfile) > 0) {
		split(line, f, ",")
		if (f[1] ~ /^[0-9]+$/) ititle[f[1] + 0] = f[2]
	}
	close(itemsfile)

	np = split("榆树 供电 八一 海河 建设 粮食局 邮电 纺织厂 机械厂 化肥厂 电厂 矿务局 " \
		"银行 税务 教师 医院 水利 交通 人民 光明 文化 和平 幸福 永安 东风 红旗 " \
		"向阳 前进 工人 铁路 煤矿 棉纺 食品 物资 商业 外贸 电业 自来水 燃气 百货 " \
		"农机 公安 法院 检察院 气象 林业 卫生 粮站 化工 玻璃厂 水泥厂 钢厂 电机厂 " \
		"印刷厂 酒厂 汽修 农行 建行 工行 供销", pre, " ")
	ns = split("新村 小区 宿舍 家园 花园 南院 北院 东区 西区 公寓 大院 生活区 苑 里", suf, " ")
	nroad = split("泰山路 海河路 黄河路 长江路 临山路 八一路 光明路 人民路 建设路 永福路 " \
		"淮河路 珠江路 嵩山路 华山路 衡山路 民生路 振兴路 文化路 解放路 和谐路 " \
		"复兴路 新华路 青年路 学院路 体育路 府前路 园林路 兴仁路 北京路 上海路", road, " ")
	split("临城 常庄 新城", sd_example, " ")
	nsda = split("安 宝 北 昌 朝 城 德 东 丰 福 广 和 河 华 吉 嘉 金 锦 康 乐 " \
		"龙 民 南 宁 平 庆 瑞 山 盛 顺 泰 天 万 文 西 祥 新 兴 阳 永", sda, " ")
	nsdb = split("安 宝 滨 昌 川 湖 店 丰 峰 港 海 华 江 林 岭 楼 桥 泉 山 台 " \
		"亭 湾 溪 霞 源 园 苑 洲 庄 口 关 坪 营 堡 集 寨 塘 坡 岗 屯", sdb, " ")
	narea = split("东 西 南 北 中 河东 河西 站前 新华 老城 城北 城南 滨河 湖畔 公园 " \
		"车站 市场 学府 工业 文化", areaw, " ")
	nfam = split("张 王 李 赵 刘 陈 杨 黄 孙 周 吴 徐 胡 朱 高 林 何 郭 马 罗 梁 宋 郑 谢 韩 唐 冯 于 董 萧 程 曹 袁 邓 许 傅 沈 曾 彭 吕", fam, " ")
	ngiv = split("建国 秀英 志强 桂兰 海燕 明 丽 军 伟 芳 长青 素梅 福来 开山 玉兰 " \
		"国华 淑珍 德胜 春梅 振华 红霞 立新 文静 永刚 晓东 凤英 宝山 卫东 艳 勇", giv, " ")
	split("shenghong shengxi", con, " ")
	split("晟鸿城发集团 晟玺实业集团", conname, " ")
	split("publicity renovation renovation renovation renovation renovation acceptance acceptance", stat, " ")

	# Phrase tables of the community texts and news.
	nprob = split("小区建成年代较早，雨污管网老化，雨季常有积水。|楼道墙皮脱落，照明设施损坏，夜间出行不便。|" \
		"路面坑洼不平，车辆乱停乱放，消防通道不畅。|空中线缆杂乱，存在安全隐患，居民反映强烈。|" \
		"绿地被私自种菜侵占，院内环境脏乱。|化粪池年久失修，下水道经常堵塞。|" \
		"外墙保温层老化，冬季室内温度偏低。|缺少非机动车棚，电动车楼道充电现象较多。|" \
		"小区没有物业管理，垃圾清运不及时。|多数住户为老年人，上下楼困难。", prob, "|")
	nplan = split("改造前已入户征求意见，同意改造的住户超过九成。|施工期间将分段围挡，尽量减少对居民出行的影响。|" \
		"工程按先地下、后地上的顺序推进，避免反复开挖。|改造方案已在小区公示栏张贴，欢迎居民监督。|" \
		"社区将组织居民代表参与工程质量监督。|施工单位承诺文明施工，每天晚上七点后停止高噪声作业。", plan, "|")
	nend = split("改造完成后，由社区居委会党组织牵头，指导小区成立业主委员会，选聘物业服务企业。|" \
		"改造完成后，小区将引入专业化物业服务，建立长效管理机制。|" \
		"改造完成后，由社区组织居民自治管理，定期开展环境整治。|" \
		"改造完成后，将由街道和社区共同组织验收，并听取居民意见。", fin, "|")
	nnt = split("小区改造方案开始公示|小区改造工程陆续开工|小区改造工程进展顺利|" \
		"小区改造通过检查验收|居民代表参与小区改造质量监督|小区加装电梯意见征集", ntitle, "|")

	# Subdistricts: the example'"'"'s three, then one more per 200 communities.
	nsd = int(n / 200)
	if (nsd < 3) nsd = 3
	for (j = 1; j <= nsd; j++) {
		if (j <= 3) {
			sdname[j] = sd_example[j] "街道"
			continue
		}
		k = j - 4
		a = sda[1 + k % nsda]
		b = sdb[1 + (int(k / nsda) + k + 7) % nsdb]
		kind = int(k / (nsda * nsdb))
		sdname[j] = a b (kind == 0 ? "街道" : kind == 1 ? "镇" : "乡" kind)
		printf "jd%d,%s,subdistrict,0632-46%05d\n", j, sdname[j], r(100000) >> (dir "/data/units.csv")
	}
	close(dir "/data/units.csv")

	csv = dir "/data/communities.csv"
	progf = dir "/data/progress.csv"
	fundf = dir "/data/funding.csv"
	printf "编号,小区名称,街道,片区,地址,户数,建筑面积,楼栋数,建成年份,改造内容,进度,施工单位,联系人,联系电话,加装电梯" > csv
	if (reports > 0) {
		print ",计划开工,计划竣工,实际开工,实际竣工,验收日期,计划投资,设计单位,监理单位,项目负责人,负责人电话,监督电话" > csv
		print "小区编号,日期,完成比例,完成内容,累计投资" > (dir "/data/progress.csv")
		print "小区编号,资金来源,金额" > (dir "/data/funding.csv")
	} else {
		print "" > csv
	}
	for (i = 1; i <= n; i++) {
		s = 1 + (i - 1) % nsd
		short = sdname[s]
		sub(/(街道|镇|乡[0-9]*)$/, "", short)
		# About one area per 40 communities of a subdistrict, at least one.
		per = int(n / nsd / 40)
		if (per < 1) per = 1
		if (per > narea) per = narea
		ar = short areaw[1 + r(per)] "片区"
		name = pick(pre, np) pick(suf, ns)
		if (r(3) == 0) name = name (1 + r(9)) "号院"
		rd = pick(road, nroad)
		num = 1 + r(300)
		hh = 40 + r(400)
		year = 1980 + r(21)
		bld = 2 + r(18)
		area_m2 = hh * (80 + r(70))
		items = "1;2;3"
		nit = 3
		delete has
		has[1] = has[2] = has[3] = 1
		for (k = 4; k <= 15; k++) if (r(2)) { items = items ";" k; has[k] = 1; nit++ }
		el = r(5) == 0
		if (el) { items = items ";16"; has[16] = 1; nit++ }
		st = pick(stat, 8)
		ct = 1 + r(2)
		who = pick(fam, nfam) pick(giv, ngiv)
		phone = sprintf("0632-44%05d", r(100000))
		id = "c" i
		cname[i] = name
		printf "%s,%s,%s,%s,%s%s%d号,%d,%d.%d,%d,%d,%s,%s,%s,%s,%s,%s",
			id, name, sdname[s], ar, sdname[s], rd, num, hh, area_m2, r(10), bld,
			year, items, st, con[ct], who, phone, el ? "是" : "否" > csv
		if (reports > 0)
			schedule(id, st, who, phone)
		else
			print "" > csv

		# The text: facts, two problems, the items, one plan note, the end.
		md = dir "/content/communities/" id ".md"
		printf "---\ntitle: %s改造方案\n---\n\n", name > md
		printf "%s位于%s%s%d号，属%s，%d年建成，共%d栋楼、%d户。", name, sdname[s], rd, num, ar, year, bld, hh > md
		p1 = 1 + r(nprob)
		p2 = 1 + (p1 + r(nprob - 1)) % nprob
		printf "%s%s本次改造由%s施工，现场联系人%s，电话%s。\n\n## 主要改造内容\n\n",
			prob[p1], prob[p2], conname[ct], who, phone > md
		k = 0
		for (c = 1; c <= 16; c++)
			if (c in has) printf "%d. %s\n", ++k, ititle[c] > md
		printf "\n%s%s\n", pick(plan, nplan), pick(fin, nend) > md
		close(md)
	}
	close(csv)
	if (reports > 0) {
		close(progf)
		close(fundf)
	}

	# News: one per 100 communities, dated through the plan year.
	nn = int(n / 100)
	if (nn < 1) nn = 1
	for (j = 1; j <= nn; j++) {
		mon = 4 + int((j - 1) * 8 / nn)
		day = 1 + r(28)
		if (mon == 4 && day < 28) day = 28
		t = 1 + r(nnt)
		m = 3 + r(3)
		list = ""
		names = ""
		for (k = 0; k < m; k++) {
			ci = 1 + ((j - 1) * 100 + r(100)) % n
			if (index(" " list ", ", " c" ci ", ")) continue
			list = list (list == "" ? "" : ", ") "c" ci
			names = names (names == "" ? "" : "、") cname[ci]
		}
		nf = sprintf("%s/content/news/2022-%02d-%02d-n%05d.md", dir, mon, day, j)
		printf "---\ntitle: %s等%s\ndate: 2022-%02d-%02d\ncommunities: [%s]\n---\n\n", names, ntitle[t], mon, day, list > nf
		printf "%s等小区的改造工作有了新进展。%s\n\n", names, prob[1 + r(nprob)] > nf
		printf "%s对方案有意见或建议，请在公示期内拨打0632-4411234，或直接找公示栏上的小区联系人。\n", plan[1 + r(nplan)] > nf
		close(nf)
	}
}'
