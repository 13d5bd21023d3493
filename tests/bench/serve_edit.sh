#!/bin/sh
# Issue 20's caption edit as a clerk previewing with `gongshi serve` meets
# it: serve started on SITE (a site with data/photos.csv, e.g.
# gen_photo_rows.sh's) into OUT, its first build waited for, then ROUNDS
# times: 3 s of quiet, the first row's caption edited (a new file renamed
# over photos.csv, as a spreadsheet program saves), and the time until
# serve says the rebuild is done.  That includes serve's wait for the
# inputs to stay the same for one 0.5 s tick.  Prints one line a round.
# Usage: serve_edit.sh SITE OUT BIN [ROUNDS] [PORT]   (ROUNDS default 3)
set -eu
site=$1
out=$2
bin=$3
rounds=${4:-3}
port=${5:-8765}
log=$(mktemp)
"$bin" serve "$site" -o "$out" --no-pdf --port "$port" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -f "$log"' EXIT
until grep -q '预览地址' "$log"; do
	kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
	sleep 0.2
done
now() { date +%s.%N; }
r=1
while [ "$r" -le "$rounds" ]; do
	sleep 3
	done_before=$(grep -c '重新生成完成' "$log" || true)
	t0=$(now)
	sed "2s/^\([^,]*,[^,]*,[^,（]*\)[^,]*/\1（serve 第${r}次改）/" "$site/data/photos.csv" >"$site/data/photos.new"
	mv "$site/data/photos.new" "$site/data/photos.csv"
	while [ "$(grep -c '重新生成完成' "$log" || true)" -le "$done_before" ]; do
		if grep -q '重新生成失败' "$log"; then cat "$log"; exit 1; fi
		sleep 0.02
	done
	echo "round $r: edit to 重新生成完成 $(awk -v a="$(now)" -v b="$t0" 'BEGIN { printf "%.2f", a - b }') s"
	r=$((r + 1))
done
