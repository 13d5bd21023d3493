#!/bin/sh
# gongshi init DIR: the files of a new site (headers from the data contract,
# BOM and CRLF, every site.yaml setting), a build of it filled with two
# communities, and the refusals that keep existing work safe.
. "$(dirname "$0")/../lib/common.sh"
t_init init
repo_themes

# A listing of a tree with each file's checksum, to prove nothing changed.
snapshot() {
	(cd "$1" && find . -print | LC_ALL=C sort | while IFS= read -r f; do
		if [ -f "$f" ]; then echo "$f $(cksum <"$f")"; else echo "$f"; fi
	done)
}

# The Chinese headers of each data file, read from the schema tables.
schema_headers() {
	awk -v want="$1" '
		$0 ~ "^static const struct column " want "_cols\\[\\] = \\{" { on = 1; next }
		on && /^};/ { exit }
		on { split($0, q, "\""); h = h (h == "" ? "" : ",") q[4] }
		END { print h }' "$top/src/load/schema.c"
}

site=$OUT/新站点
expect_status 0 "init" "$GONGSHI" init "$site"
[ "$(head -n 1 "$OUT/stdout")" = "已新建站点目录“$site”。接下来：" ] && ok ||
	bad "init message: $(head -n 1 "$OUT/stdout")"
grep -qF "gongshi check $site" "$OUT/stdout" && grep -qF "gongshi serve $site" "$OUT/stdout" && ok ||
	bad "init message names check and serve"
[ ! -s "$OUT/stderr" ] && ok || bad "init wrote to stderr"
ls -A "$OUT" | grep -q gongshi-init && bad "temporary folder left behind" || ok

# Data files: BOM, the headers of the contract, CRLF, nothing else.
bom=$(printf '\357\273\277')
want=$(printf '%s编号,小区名称,街道,片区,地址,户数,建筑面积,楼栋数,建成年份,改造内容,进度,施工单位,联系人,联系电话,加装电梯,计划开工,计划竣工,实际开工,实际竣工,验收日期,计划投资,设计单位,监理单位,项目负责人,负责人电话,监督电话\r\n_' "$bom")
got=$(cat "$site/data/communities.csv"; echo _)
[ "$got" = "$want" ] && ok || bad "communities.csv header: $(od -c "$site/data/communities.csv" | head -n 3)"
for t in communities units duties items phases group progress funding; do
	f=$site/data/$t.csv
	h=$(schema_headers "$t")
	[ -n "$h" ] || { bad "no headers found for $t in schema.c"; continue; }
	want=$(printf '%s%s\r\n_' "$bom" "$h")
	got=$(cat "$f" 2>/dev/null; echo _)
	[ "$got" = "$want" ] && ok || bad "$t.csv: want BOM + “$h” + CRLF, got $(od -c "$f" | head -n 2)"
done

# site.yaml: every key of config.c's table, each explained by a comment,
# the disabled ones as "# key: value" at their own indentation.
grep -oE '^	[SM]\("[a-z_.]+"' "$top/src/load/config.c" | sed -E 's/.*"(.*)"/\1/' | sort -u >"$OUT/keys.want"
[ "$(wc -l <"$OUT/keys.want")" -gt 30 ] && ok || bad "could not read the settings table of config.c"
awk '
	function key_line(s) { return s ~ /^ *(# )?[a-z_]+:/ }
	/^ *$/ { next }
	{
		line = $0
		if (!key_line(line)) { prev_comment = line ~ /^ *#/; next }
		match(line, /^ */); depth = RLENGTH / 2
		sub(/^ *(# )?/, "", line)
		name = substr(line, 1, index(line, ":") - 1)
		path[depth] = name
		full = path[0]
		for (i = 1; i <= depth; i++) full = full "." path[i]
		print full
		if (!prev_comment && $0 !~ / # /) print "UNEXPLAINED " full
		prev_comment = 0
	}' "$site/site.yaml" | sort -u >"$OUT/keys.got"
missing=$(comm -23 "$OUT/keys.want" "$OUT/keys.got")
[ -z "$missing" ] && ok || bad "site.yaml lacks settings: $missing"
unexplained=$(grep '^UNEXPLAINED' "$OUT/keys.got")
[ -z "$unexplained" ] && ok || bad "settings without a Chinese comment: $unexplained"
extra=$(comm -13 "$OUT/keys.want" "$OUT/keys.got" | grep -v '^UNEXPLAINED')
[ -z "$extra" ] && ok || bad "site.yaml has keys config.c does not know: $extra"
grep -q '^# 网站名称：' "$site/site.yaml" && ok || bad "site.yaml comments are not Chinese"

# The office README and the example pages.
readme=$site/使用说明.txt
[ "$(head -c 3 "$readme")" = "$bom" ] && ok || bad "README has no BOM"
for w in "gongshi check" "gongshi serve" "gongshi build" "CSV UTF-8" "notice.pdf" "public/notices/" "layouts/"; do
	grep -qF "$w" "$readme" && ok || bad "README does not mention $w"
done
for f in content/index.md content/plan.md content/communities/说明.txt; do
	grep -q '示例' "$site/$f" && ok || bad "$f is not marked as an example"
done
news=$(ls "$site/content/news/"*-shili.md 2>/dev/null | head -n 1)

# Messages and guides send the user only to documents the user has
# (src/util/docs.h): the table guide is in every new site, the text of
# docs/zh/数据表格说明.md with BOM and CRLF for Notepad, and the README
# points there; nothing the program says names the source tree's docs/.
guide=$site/数据表格说明.txt
[ "$(head -c 3 "$guide")" = "$bom" ] && ok || bad "数据表格说明.txt has no BOM"
tail -c +4 "$guide" | tr -d '\r' | cmp -s - "$top/docs/zh/数据表格说明.md" && ok ||
	bad "数据表格说明.txt is not the text of docs/zh/数据表格说明.md"
[ "$(grep -c "$(printf '\r')\$" "$guide")" = "$(wc -l <"$guide")" ] && ok || bad "数据表格说明.txt lines do not end in CRLF"
grep -qF "“数据表格说明.txt”" "$readme" && ok || bad "README does not point to 数据表格说明.txt"
lacks "README names docs/" "$readme" 'docs/'
cp -R "$site" "$OUT/nounits"
rm "$OUT/nounits/data/units.csv"
expect_status 1 "check without data/units.csv" "$GONGSHI" check "$OUT/nounits"
grep -qF "见网站目录里的“数据表格说明.txt”" "$OUT/stderr" && [ -f "$OUT/nounits/数据表格说明.txt" ] && ok ||
	bad "a missing table's message does not name the site's 数据表格说明.txt: $(cat "$OUT/stderr")"
named=$(grep -rn --include='*.c' '"[^"]*docs/' "$top/src" | grep -v '^[^:]*/cli/table_guide\.c:')
[ -z "$named" ] && ok || bad "a text of the program names docs/: $named"
[ -n "$news" ] && grep -q '^date: [0-9]\{4\}-[0-9][0-9]-[0-9][0-9]$' "$news" && ok || bad "example news item with a date"

# A fresh site checks clean: an empty table is unfinished, not wrong.
expect_status 0 "check a fresh site" "$GONGSHI" check "$site"
lacks "fresh site" "$OUT/stderr" 'error'
grep -q '^合计：0 个小区，0 户，0.00 万平方米$' "$OUT/stdout" && ok || bad "fresh site summary"

# The disabled samples are valid where they stand: enabled, still no error
# and no unknown key.
cp -R "$site" "$OUT/enabled"
sed -i -E 's/^( *)# ([a-z_]+: )/\1\2/' "$OUT/enabled/site.yaml"
expect_status 0 "check with every sample setting enabled" "$GONGSHI" check "$OUT/enabled"
grep -qE 'error|未知的设置项' "$OUT/stderr" && bad "enabled samples: $(cat "$OUT/stderr")" || ok
grep -q '^today: 2022-06-01$' "$OUT/enabled/site.yaml" && ok || bad "sample today was not enabled"

# Filled with two communities (and the units, items and phase they name),
# rows appended as Excel would, it builds.
printf 'linshan,临山街道,subdistrict,0632-1234567\r\nhuajian,华建公司,enterprise,\r\n' >>"$site/data/units.csv"
printf '1,拆除违建,拆除违章建筑。,基础类\r\n2,更换管线,更换老化的管线。,基础类\r\n' >>"$site/data/items.csv"
printf 'renovation,全面整治阶段,2024-04-16,2024-10-15,\r\n' >>"$site/data/phases.csv"
printf 'dongfang,东方小区,临山街道,东片区,东方路1号,120,"8,500.5",4,1995,1;2,renovation,huajian,张三,0632-1111111,否,,,,,,,,,,,\r\nxifang,西方小区,linshan,西片区,,80,6000,,,1,renovation,,,,,,,,,,,,,,,\r\n' >>"$site/data/communities.csv"
expect_status 0 "build the filled site" "$GONGSHI" build "$site"
lacks "build" "$OUT/stderr" 'error'
for id in dongfang xifang; do
	[ -s "$site/public/communities/$id/index.html" ] && ok || bad "no page for $id"
	[ -s "$site/public/communities/$id/notice.pdf" ] && ok || bad "no notice for $id"
done
grep -q '东方小区' "$site/public/communities/dongfang/index.html" && ok || bad "community page lacks its name"
[ -s "$site/public/notices/linshan.pdf" ] && ok || bad "no booklet for the subdistrict"
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext "$site/public/communities/xifang/notice.pdf" - 2>/dev/null | grep -q '西方小区' && ok ||
		bad "notice text lacks the community"
fi

# Refusals: exit 2, the exact message, nothing touched.
before=$(snapshot "$site")
expect_status 2 "init over an existing site" "$GONGSHI" init "$site"
[ "$(cat "$OUT/stderr")" = "gongshi: 目录“$site”已存在且不是空的：不会覆盖其中的文件，请换一个新的目录名或空目录" ] && ok ||
	bad "existing site message: $(cat "$OUT/stderr")"
[ ! -s "$OUT/stdout" ] && ok || bad "refusal wrote to stdout"
[ "$(snapshot "$site")" = "$before" ] && ok || bad "init changed an existing site"

mkdir "$OUT/full"
echo 'keep me' >"$OUT/full/notes.txt"
before=$(snapshot "$OUT/full")
expect_status 2 "init into a non-empty folder" "$GONGSHI" init "$OUT/full/"
[ "$(cat "$OUT/stderr")" = "gongshi: 目录“$OUT/full/”已存在且不是空的：不会覆盖其中的文件，请换一个新的目录名或空目录" ] && ok ||
	bad "non-empty folder message: $(cat "$OUT/stderr")"
[ "$(snapshot "$OUT/full")" = "$before" ] && ok || bad "init changed a non-empty folder"

echo 'a file' >"$OUT/file"
expect_status 2 "init onto a file" "$GONGSHI" init "$OUT/file"
[ "$(cat "$OUT/stderr")" = "gongshi: “$OUT/file”已存在，而且不是目录：不会覆盖它，请换一个新的目录名" ] && ok ||
	bad "file message: $(cat "$OUT/stderr")"
[ "$(cat "$OUT/file")" = "a file" ] && ok || bad "init changed a file"

expect_status 2 "init without a folder" "$GONGSHI" init
[ "$(head -n 1 "$OUT/stderr")" = "gongshi: init 需要一个目录名，如：gongshi init mysite" ] && ok ||
	bad "no folder message: $(cat "$OUT/stderr")"

expect_status 2 "init under a missing parent" "$GONGSHI" init "$OUT/nowhere/site"
[ "$(cat "$OUT/stderr")" = "gongshi: 无法新建“$OUT/nowhere/site”：上级目录“$OUT/nowhere”不存在" ] && ok ||
	bad "missing parent message: $(cat "$OUT/stderr")"
[ ! -e "$OUT/nowhere" ] && ok || bad "init made the missing parent"

# An empty folder is filled in place: `gongshi init .` from inside it, the
# shell's current folder still the site afterwards; --quiet says nothing.
mkdir "$OUT/empty"
(cd "$OUT/empty" && "$GONGSHI" init . --quiet >"$OUT/stdout" 2>"$OUT/stderr" && ls >"$OUT/ls")
[ $? = 0 ] && ok || bad "init . in an empty folder: $(cat "$OUT/stderr")"
[ -f "$OUT/empty/site.yaml" ] && [ -f "$OUT/empty/data/communities.csv" ] && ok || bad "init . did not fill the folder"
grep -qx 'site.yaml' "$OUT/ls" && ok || bad "the shell's folder is not the site after init ."
[ ! -s "$OUT/stdout" ] && ok || bad "--quiet printed: $(cat "$OUT/stdout")"
ls -A "$OUT/empty" | grep -q gongshi-init && bad "temporary folder left in the site" || ok

# All or nothing: a write that fails half-way (file size limit) leaves no
# folder and no temporary folder behind.  SIGXFSZ ignored, write() fails.
(trap '' XFSZ; ulimit -f 1 && exec "$GONGSHI" init "$OUT/partial") >"$OUT/stdout" 2>"$OUT/stderr"
st=$?
[ "$st" = 2 ] && ok || bad "failed write: exit $st, want 2"
grep -qE "^gongshi: 无法写入“$OUT/partial/.+”：" "$OUT/stderr" && ok ||
	bad "failed write message: $(cat "$OUT/stderr")"
[ ! -e "$OUT/partial" ] && ok || bad "a failed init left $OUT/partial"
ls -A "$OUT" | grep -q gongshi-init && bad "a failed init left its temporary folder" || ok

finish
