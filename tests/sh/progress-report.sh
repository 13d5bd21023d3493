#!/bin/sh
# The leading group's progress report, notices/progress-DATE.pdf (issue 19):
# the example site, with one community made overdue (供电小区 planned to be
# completed on 2022-05-25), built with --as-of 2022-06-01 and read back
# through poppler (pdftotext) and MuPDF (mutool draw -F txt), which must
# give the same characters:
#   - the example stamp, the issuer (site.yaml progress.issuer) and title;
#   - the totals sentence and each subdistrict's row with its 开工率 and
#     竣工率, and the 合计 row;
#   - the changes since the previous report (2022-05-16, the latest of
#     progress.reports before the date), by date;
#   - the overdue list with the subdistrict and the contractor;
#   - the investment by source in 万元;
#   - the tables tagged Table/TR/TH/TD; Title, Author and the date (its
#     midnight in China) in the metadata;
#   - two builds give the same bytes (SOURCE_DATE_EPOCH); an unchanged
#     rebuild reuses the file, a changed report row remakes it;
#   - the series: the reports of 2022-05-01 and 2022-05-16 (progress.reports)
#     are made too, the 5-16 one with its own date and period from 5-01;
#   - --as-of 2022-05-20 names its own file and period; without
#     progress.reports the previous report is a month back;
#   - check --as-of lays that report out (its warnings), check alone not;
#   - a bad --as-of is a usage error naming the value.
#
#   GONGSHI=build/gongshi OUT=/tmp/scratch sh tests/sh/progress-report.sh
#
# pdftotext runs with -layout: without it, poppler may read a table whose
# columns stand far apart column by column (its own guess at the reading
# order; the tagged structure has the rows), which MuPDF does not.
#
# Prints one line per failure and ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init progress-report

for tool in pdftotext mutool; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		skip "$tool not installed"
		finish
	fi
done

SOURCE_DATE_EPOCH=1654041600
export SOURCE_DATE_EPOCH

# Text without whitespace (each reader lays out spaces its own way).
squeeze() { tr -d ' \t\r\n\f\v'; }

# has WHAT FILE TEXT: the squeezed FILE holds TEXT.
has() {
	if grep -qF -e "$3" "$2"; then ok; else bad "$1: '$3' 不在 $(basename "$2") 中"; fi
}

copy_example_site "$OUT/site" themes
sed -i 's/^gongdian-xiaoqu,\(.*\),2022-05-02,2022-09-04,2022-05-06,/gongdian-xiaoqu,\1,2022-05-02,2022-05-25,2022-05-06,/' \
	"$OUT/site/data/communities.csv"
grep -q '2022-05-02,2022-05-25,2022-05-06' "$OUT/site/data/communities.csv" && ok ||
	bad "setup: 供电小区的计划竣工日期没有改成"

build() { # build NAME ARGS...: the site into $OUT/NAME
	t_n=$1
	shift
	if ! "$GONGSHI" build "$OUT/site" -o "$OUT/$t_n" -q "$@" >"$OUT/$t_n.log" 2>&1; then
		bad "构建失败 ($t_n): $(tail -n 3 "$OUT/$t_n.log")"
		finish
	fi
}

build a --as-of 2022-06-01
pdf=$OUT/a/notices/progress-2022-06-01.pdf
if [ ! -f "$pdf" ]; then
	bad "没有生成 notices/progress-2022-06-01.pdf"
	finish
fi
pdftotext -layout -enc UTF-8 "$pdf" - 2>/dev/null | squeeze >"$OUT/p.txt"
mutool draw -N -q -F txt -o - "$pdf" 2>"$OUT/m.err" | squeeze >"$OUT/m.txt"
if cmp -s "$OUT/p.txt" "$OUT/m.txt"; then ok; else bad "pdftotext 与 mutool 读出的文字不同"; fi
[ -s "$OUT/m.err" ] && bad "mutool: $(head -n 3 "$OUT/m.err")" || ok

for f in "$OUT/p.txt" "$OUT/m.txt"; do
	has 示例 "$f" '示例·虚构数据，不是正式公示'
	has 发文机关 "$f" '薛城区老旧小区整治改造工作领导小组办公室关于全区老旧小区整治改造工作进展情况的通报'
	has 总体 "$f" '全区计划改造老旧小区56个，涉及住户7663户、建筑面积90.12万平方米。截至2022年6月1日，已开工53个，开工率94.64%；已竣工3个，竣工率5.36%；逾期未竣工1个。'
	has 表头 "$f" '街道小区数已开工开工率已竣工竣工率逾期'
	has 临城街道 "$f" '临城街道2424100.00%28.33%1'
	has 常庄街道 "$f" '常庄街道2020100.00%15.00%0'
	has 新城街道 "$f" '新城街道12975.00%00.00%0'
	has 合计 "$f" '合计565394.64%35.36%1'
	has 上次通报 "$f" '自上次通报（2022年5月16日）以来至2022年6月1日，新开工小区2个，新竣工小区3个'
	has 新开工 "$f" '1矿建小区常庄街道新开工5月19日2常庄新村常庄街道新开工5月20日'
	has 新竣工 "$f" '3建行宿舍临城街道新竣工5月20日4农机厂宿舍常庄街道新竣工5月26日5海河小区临城街道新竣工5月28日'
	has 逾期 "$f" '有1个小区超过计划竣工日期仍未竣工'
	has 逾期表 "$f" '序号小区名称属地街道施工单位计划竣工逾期进度1供电小区临城街道晟鸿城发集团5月25日7天18%'
	has 资金 "$f" '中央和省市补助10979.745.00%'
	has 资金合计 "$f" '合计24400100.00%'
	has 落款 "$f" '薛城区老旧小区整治改造工作领导小组办公室2022年6月1日'
done

# Tagged PDF: the tables as Table, TR, TH and TD; the metadata.
if command -v pdfinfo >/dev/null 2>&1; then
	pdfinfo -struct-text "$pdf" 2>/dev/null | squeeze >"$OUT/struct.txt"
	has 表格结构 "$OUT/struct.txt" 'Table(block)TRTH"街道"TH"小区数"'
	has 单元格 "$OUT/struct.txt" 'TRTD"临城街道"TD"24"TD"24"TD"100.00%"'
	pdfinfo -isodates "$pdf" >"$OUT/info.txt" 2>/dev/null
	has 标题 "$OUT/info.txt" 'Title:           关于全区老旧小区整治改造工作进展情况的通报'
	has 作者 "$OUT/info.txt" 'Author:          薛城区老旧小区整治改造工作领导小组办公室'
	has 日期 "$OUT/info.txt" 'CreationDate:    2022-06-01T00:00:00+08'
else
	skip "pdfinfo not installed: structure not checked"
fi

# The series: one report per date of progress.reports up to the as-of
# day, each with its own date and period.
for d in 2022-05-01 2022-05-16 2022-06-01; do
	[ -f "$OUT/a/notices/progress-$d.pdf" ] && ok || bad "没有生成 notices/progress-$d.pdf"
done
[ "$(ls "$OUT/a/notices" | grep -c '^progress-')" = 3 ] && ok ||
	bad "进度通报不是 3 份: $(ls "$OUT/a/notices" | grep '^progress-' | tr '\n' ' ')"
pdftotext -enc UTF-8 "$OUT/a/notices/progress-2022-05-16.pdf" - 2>/dev/null | squeeze >"$OUT/p16.txt"
has 五月十六日 "$OUT/p16.txt" '现将截至2022年5月16日全区老旧小区整治改造工作进展情况通报如下'
has 五月十六日的本期 "$OUT/p16.txt" '自上次通报（2022年5月1日）以来至2022年5月16日'
lacks 五月十六日不说六月 "$OUT/p16.txt" '2022年6月1日'

# The same inputs, the same bytes.
build b --as-of 2022-06-01
if cmp -s "$pdf" "$OUT/b/notices/progress-2022-06-01.pdf"; then ok; else bad "两次构建的进度通报不同"; fi

# An unchanged rebuild reuses the report; a new figure remakes it.
"$GONGSHI" build "$OUT/site" -o "$OUT/a" >"$OUT/a2.log" 2>&1
has 沿用 "$OUT/a2.log" '个 PDF（重新生成 0 个）'
sed -i 's/^\(gongdian-xiaoqu,2022-05-31,\)18,/\125,/' "$OUT/site/data/progress.csv"
"$GONGSHI" build "$OUT/site" -o "$OUT/a" >"$OUT/a3.log" 2>&1
has 重新生成 "$OUT/a3.log" '个 PDF（重新生成 1 个）'
pdftotext -layout -enc UTF-8 "$pdf" - 2>/dev/null | squeeze >"$OUT/p3.txt"
has 新的形象进度 "$OUT/p3.txt" '1供电小区临城街道晟鸿城发集团5月25日7天25%'

# Another date: its own file and period.
build c --as-of 2022-05-20
if [ -f "$OUT/c/notices/progress-2022-05-20.pdf" ]; then
	pdftotext -enc UTF-8 "$OUT/c/notices/progress-2022-05-20.pdf" - | squeeze >"$OUT/c.txt"
	has 五月二十日 "$OUT/c.txt" '自上次通报（2022年5月16日）以来至2022年5月20日'
	lacks 只有一份 "$OUT/c.txt" '5月28日'
else
	bad "--as-of 2022-05-20 没有生成 notices/progress-2022-05-20.pdf"
fi
[ -f "$OUT/c/notices/progress-2022-06-01.pdf" ] && bad "--as-of 2022-05-20 也生成了 6 月 1 日的通报" || ok

# No progress.reports: the previous report is a month back.
sed -i '/^  reports:/d' "$OUT/site/site.yaml"
build d --as-of 2022-06-01
pdftotext -enc UTF-8 "$OUT/d/notices/progress-2022-06-01.pdf" - | squeeze >"$OUT/d.txt"
has 一个月前 "$OUT/d.txt" '自上次通报（2022年5月1日）以来至2022年6月1日'

# check --as-of lays the report out: a character no font has in the
# issuer is a warning naming the report; without --as-of, no report.
sed -i 's/^\(  issuer: 薛城区老旧小区整治改造工作领导小组办公室\)/\1\xee\x80\x80/' "$OUT/site/site.yaml"
"$GONGSHI" check "$OUT/site" -q --as-of 2022-06-01 >"$OUT/check.log" 2>&1
has "check --as-of" "$OUT/check.log" "site.yaml: warning: PDF 字体中都没有字符“$(printf '\356\200\200')”（U+E000），《关于全区老旧小区整治改造工作进展情况的通报》中以□代替"
"$GONGSHI" check "$OUT/site" -q >"$OUT/check2.log" 2>&1
lacks "check 不带 --as-of" "$OUT/check2.log" 'U+E000'

# A bad date: a usage error (2) naming it.
expect_status 2 "--as-of 2022-13-01" "$GONGSHI" build "$OUT/site" -o "$OUT/e" --as-of 2022-13-01
if [ "$(head -n 1 "$OUT/stderr")" = 'gongshi: --as-of 的值“2022-13-01”不是日期，应写成 2022-06-01 这样的年-月-日' ]; then
	ok
else
	bad "--as-of 的错误信息: $(cat "$OUT/stderr")"
fi

finish
