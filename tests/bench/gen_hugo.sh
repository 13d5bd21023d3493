#!/bin/sh
# Turns a site made by gen_site.sh into the Hugo site a user would write
# for the same data: one Markdown page per community whose front matter
# carries the same fields as its row of data/communities.csv (items as
# their titles, the contractor as its name), the same ~300-character text,
# the same news, list pages per area and per subdistrict (Hugo taxonomies),
# and minimal layouts that print every field.  Like gongshi, it writes one
# feed (the home page's, 20 entries) rather than Hugo's default of a full
# feed for every list page: less work for Hugo, so the comparison is on the
# cautious side.
# Usage: gen_hugo.sh SITE_DIR HUGO_DIR
set -eu
src=$1
dst=$2
rm -rf "$dst"
mkdir -p "$dst/content/communities" "$dst/content/news" "$dst/layouts/_default"
cp "$src"/content/news/*.md "$dst/content/news/"

cat >"$dst/config.toml" <<'EOF'
baseURL = "https://example.gov.cn/laojiu/"
languageCode = "zh-CN"
title = "老旧小区整治改造公示"
rssLimit = 20
[outputs]
home = ["HTML", "RSS"]
section = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML"]
[taxonomies]
area = "areas"
subdistrict = "subdistricts"
EOF
printf -- '---\ntitle: 小区\n---\n' >"$dst/content/communities/_index.md"
printf -- '---\ntitle: 工作动态\n---\n' >"$dst/content/news/_index.md"

cat >"$dst/layouts/_default/baseof.html" <<'EOF'
<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>{{ .Title }} - {{ site.Title }}</title></head>
<body>
<nav><a href="{{ "/" | relURL }}">{{ site.Title }}</a> · <a href="{{ "/communities/" | relURL }}">小区</a> · <a href="{{ "/areas/" | relURL }}">片区</a> · <a href="{{ "/news/" | relURL }}">动态</a></nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
EOF
cat >"$dst/layouts/_default/single.html" <<'EOF'
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ with .Params.address }}
<dl>
<dt>编号</dt><dd>{{ $.Params.id }}</dd>
<dt>街道</dt><dd>{{ index $.Params.subdistricts 0 }}</dd>
<dt>片区</dt><dd>{{ range $.Params.areas }}<a href="{{ "/areas/" | relURL }}{{ . | urlize }}/">{{ . }}</a>{{ end }}</dd>
<dt>地址</dt><dd>{{ . }}</dd>
<dt>户数</dt><dd>{{ $.Params.households }}</dd>
<dt>建筑面积</dt><dd>{{ $.Params.floor_area_m2 }} 平方米</dd>
<dt>楼栋数</dt><dd>{{ $.Params.buildings }}</dd>
<dt>建成年份</dt><dd>{{ $.Params.built_year }}</dd>
<dt>进度</dt><dd>{{ $.Params.status }}</dd>
<dt>施工单位</dt><dd>{{ $.Params.contractor }}</dd>
<dt>联系人</dt><dd>{{ $.Params.contact }}</dd>
<dt>联系电话</dt><dd><a href="tel:{{ $.Params.phone }}">{{ $.Params.phone }}</a></dd>
<dt>加装电梯</dt><dd>{{ $.Params.elevator }}</dd>
</dl>
<h2>改造内容</h2>
<ol>{{ range $.Params.items }}<li>{{ . }}</li>{{ end }}</ol>
{{ end }}
{{ with .Date }}<p>{{ .Format "2006-01-02" }}</p>{{ end }}
{{ .Content }}
{{ end }}
EOF
cat >"$dst/layouts/_default/list.html" <<'EOF'
{{ define "main" }}
<h1>{{ .Title }}</h1>
<p>共 {{ len .Pages }} 项</p>
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.address }} {{ . }}{{ end }}{{ with .Params.households }}，{{ . }} 户{{ end }}</li>
{{ end }}
</ul>
{{ end }}
EOF
cat >"$dst/layouts/index.html" <<'EOF'
{{ define "main" }}
<h1>{{ site.Title }}</h1>
<p>小区 {{ len (where site.RegularPages "Section" "communities") }} 个。</p>
<h2>街道</h2>
<ul>{{ range site.Taxonomies.subdistricts }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a>（{{ .Count }}）</li>{{ end }}</ul>
<h2>最新动态</h2>
<ul>{{ range first 10 (where site.RegularPages "Section" "news") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
EOF

LC_ALL=C awk -F, -v src="$src" -v dst="$dst" '
FILENAME ~ /items.csv$/ { if ($1 ~ /^[0-9]+$/) title[$1] = $2; next }
FILENAME ~ /units.csv$/ { unit[$1] = $2; next }
FNR == 1 { next }
{
	out = dst "/content/communities/" $1 ".md"
	n = split($10, it, ";")
	items = ""
	for (k = 1; k <= n; k++) items = items (k > 1 ? ", " : "") title[it[k]]
	printf "---\ntitle: %s\nid: %s\nsubdistricts: [%s]\nareas: [%s]\naddress: %s\n", $2, $1, $3, $4, $5 > out
	printf "households: %s\nfloor_area_m2: %s\nbuildings: %s\nbuilt_year: %s\n", $6, $7, $8, $9 > out
	printf "items: [%s]\nstatus: %s\ncontractor: %s\ncontact: %s\nphone: \"%s\"\nelevator: %s\n---\n", items, $11, ($12 in unit ? unit[$12] : $12), $13, $14, $15 > out
	# The same text as the gongshi page, without its front matter.
	md = src "/content/communities/" $1 ".md"
	dashes = 0
	while ((getline line < md) > 0) {
		if (dashes < 2) { if (line == "---") dashes++; continue }
		print line > out
	}
	close(md)
	close(out)
}' "$src/data/items.csv" "$src/data/units.csv" "$src/data/communities.csv"
