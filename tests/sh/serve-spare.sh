#!/bin/sh
# gongshi serve makes the next build's spare while it waits (issue 17:
# the first edit after a clean build): after its first build it links
# every file of the output into public.spare, the same files (the same
# inodes) and nothing else; the first saved edit then updates that
# folder in place instead of making a new tree (public afterwards is
# the folder that was public.spare), and the result is byte for byte
# what a clean build gives.  Made from an output someone changed, the
# spare holds only the files the manifest lists, never a link.  With
# --force no spare is made (its builds would never use one).
#
#   GONGSHI=$PWD/gongshi OUT=/tmp/scratch sh tests/sh/serve-spare.sh   (from the repo root)
#
# Prints one line per failure and ends with `N passed, N failed`.
. "$(dirname "$0")/../lib/common.sh"
t_init serve-spare
site=$OUT/site
pub=$site/public
repo_themes
unset http_proxy HTTP_PROXY all_proxy ALL_PROXY

pid=
trap '[ -z "$pid" ] || kill "$pid" 2>/dev/null' EXIT
# until_true SECONDS COMMAND...: runs COMMAND until it succeeds, at most
# about SECONDS; gives up at once when the server has exited.
until_true() {
	n=$(($1 * 5))
	shift
	while [ "$n" -gt 0 ]; do
		"$@" && return 0
		kill -0 "$pid" 2>/dev/null || return 1
		sleep 0.2
		n=$((n - 1))
	done
	return 1
}
# The regular files below DIR with their inodes, sorted by path.
inodes() { (cd "$1" && find . -type f -printf '%P %i\n' | LC_ALL=C sort); }
spare_made() { [ -f "$pub.spare/.gongshi-manifest" ]; }
rebuilt() { grep -q '^重新生成完成' "$OUT/serve.out"; }
# The last server's lines go first: serve_start would find its address
# line before the new server has emptied the file.
stop_server() {
	kill -TERM "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	pid=
	rm -f "$OUT/serve.out" "$OUT/serve.err"
}

copy_example_site "$site"
serve_start "$GONGSHI" serve "$site" --jobs 2
if [ -n "$pid" ]; then ok; else bad "did not start: $(cat "$OUT/serve.out" "$OUT/serve.err")"; fi

# -- After the first build: the spare, the output's files as hard links.
if until_true 60 spare_made; then ok; else bad "no public.spare after the first build"; fi
inodes "$pub" >"$OUT/pub.list"
inodes "$pub.spare" >"$OUT/spare.list"
[ "$(wc -l <"$OUT/pub.list")" -gt 100 ] && ok || bad "too few files listed: $(wc -l <"$OUT/pub.list")"
cmp -s "$OUT/pub.list" "$OUT/spare.list" && ok ||
	bad "the spare is not the output's files linked: $(diff "$OUT/pub.list" "$OUT/spare.list" | head -n 5)"
[ -z "$(find "$pub.spare" ! -type f ! -type d)" ] && ok || bad "the spare holds more than files and folders"
[ -z "$(ls -d "$pub".tmp-* 2>/dev/null)" ] && ok || bad "a temporary folder was left: $(ls -d "$pub".tmp-*)"

# -- The first edit updates that spare: it becomes the output.
spare_inode=$(stat -c %i "$pub.spare")
sed -i '2s/^haihe-xiaoqu,海河小区,/haihe-xiaoqu,海河新村小区,/' "$site/data/communities.csv"
if until_true 60 rebuilt; then ok; else bad "no rebuild: $(cat "$OUT/serve.out" "$OUT/serve.err")"; fi
grep -Eq '个页面（重新生成 [0-9]+ 个）' "$OUT/serve.out" && ok || bad "rebuild not incremental: $(cat "$OUT/serve.out")"
[ "$(stat -c %i "$pub")" = "$spare_inode" ] && ok || bad "the rebuild did not update the spare made by serve"
grep -q '海河新村小区' "$pub/communities/haihe-xiaoqu/index.html" && ok || bad "the edit is not in the output"
stop_server

# -- Byte for byte a clean build of the same inputs.
if "$GONGSHI" build "$site" -o "$OUT/clean" --jobs 2 >"$OUT/clean.out" 2>&1; then ok; else
	bad "clean build: $(cat "$OUT/clean.out")"
fi
diff -r "$OUT/clean" "$pub" >"$OUT/diff" 2>&1 && ok || bad "differs from a clean build: $(head -n 5 "$OUT/diff")"

# -- Made from an output someone changed: only the regular files its
# manifest lists are linked, never a link or what it leads to, never a
# stray file.  (Serve's own build fails here, so the spare is made from
# the output as it was found.)
rm -rf "$pub" "$pub.spare" "$OUT/clean"
if "$GONGSHI" build "$site" -o "$pub" --jobs 2 >"$OUT/build.out" 2>&1; then ok; else bad "build: $(cat "$OUT/build.out")"; fi
printf 'SECRET-OUTSIDE\n' >"$OUT/outside.txt"
rm "$pub/communities/haihe-xiaoqu/index.html"
ln -s "$OUT/outside.txt" "$pub/communities/haihe-xiaoqu/index.html"
printf 'stray\n' >"$pub/stray.txt"
cp "$site/data/communities.csv" "$OUT/communities.csv"
sed -i '2s/,208,/,abc,/' "$site/data/communities.csv"
serve_start "$GONGSHI" serve "$site" --jobs 2
if [ -n "$pid" ]; then ok; else bad "changed output: did not start: $(cat "$OUT/serve.err")"; fi
grep -q '^生成失败' "$OUT/serve.err" && ok || bad "changed output: the bad row did not fail the build: $(cat "$OUT/serve.err")"
if until_true 60 spare_made; then ok; else bad "changed output: no public.spare"; fi
[ -z "$(find "$pub.spare" ! -type f ! -type d)" ] && ok || bad "changed output: the spare holds a link"
[ ! -e "$pub.spare/communities/haihe-xiaoqu/index.html" ] && ok || bad "changed output: the link's page is in the spare"
[ ! -e "$pub.spare/stray.txt" ] && ok || bad "changed output: the stray file is in the spare"
[ "$(cat "$OUT/outside.txt")" = SECRET-OUTSIDE ] && ok || bad "changed output: the file outside was changed"
[ "$(stat -c %h "$OUT/outside.txt")" = 1 ] && ok || bad "changed output: the file outside was linked"
cp "$OUT/communities.csv" "$site/data/communities.csv"
if until_true 60 rebuilt; then ok; else bad "changed output: no rebuild: $(cat "$OUT/serve.out" "$OUT/serve.err")"; fi
stop_server
"$GONGSHI" build "$site" -o "$OUT/clean" --jobs 2 >"$OUT/clean.out" 2>&1
diff -r "$OUT/clean" "$pub" >"$OUT/diff" 2>&1 && ok || bad "changed output: differs from a clean build: $(head -n 5 "$OUT/diff")"

# -- --force keeps no spare, and serve makes none.
rm -rf "$pub" "$pub.spare"
serve_start "$GONGSHI" serve "$site" --jobs 2 --force
if [ -n "$pid" ]; then ok; else bad "--force: did not start: $(cat "$OUT/serve.err")"; fi
sleep 2
[ ! -e "$pub.spare" ] && ok || bad "--force: a spare was made"
stop_server

finish
